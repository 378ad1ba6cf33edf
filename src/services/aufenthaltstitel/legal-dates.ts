/**
 * Dated legal facts the residence-permit form tells citizens about. Each notice is shown only while its rule is
 * in force; when a date passes, the notice disappears instead of telling something that is no longer true.
 * Checked against the consolidated texts (kmein/gesetze, snapshot of 19 Aug 2026) on 2 Dec 2026.
 */

/**
 * Family reunion under § 36a AufenthG to a person with subsidiary protection is not granted until the end of this
 * day (§ 104 Abs. 14 AufenthG; it still cites the pre-June-2026 numbering "§ 25 Absatz 2 Satz 1 zweite
 * Alternative", today § 25 Abs. 2 Satz 2). §§ 22 and 23 stay open.
 */
export const FAMILY_REUNION_SUBSIDIARY_SUSPENDED_UNTIL = '2027-07-23';

/**
 * § 24 permits of people from Ukraine that were valid on 1 Feb 2026 continue without an individual extension
 * until this day; an individual extension, or a new issue because a condition changes, ends that continuation
 * (§ 2 Abs. 1 UkraineAufenthFGV; the ordinance itself expires with this day, § 3 Abs. 2).
 */
export const UKRAINE_PERMITS_CONTINUE_UNTIL = '2027-03-04';
export const UKRAINE_PERMITS_VALID_ON = '2026-02-01';

/** Whether a rule that applies until the end of `lastDay` still applies on `today` (ISO dates). */
export const inForce = (today: string, lastDay: string): boolean => today <= lastDay;
