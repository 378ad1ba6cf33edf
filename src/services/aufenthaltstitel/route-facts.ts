/**
 * The facts of an applicant's situation that decide the route, in the applicant's terms (what they have, who
 * their family is, what they want), never in the terms of the answers. The first question states each
 * answer's conditions in these facts, and test/services/aufenthaltstitel-personas.ts describes applicants in
 * them, so that a test can check objectively that an applicant who picks the first answer whose conditions
 * their situation meets lands on the right route.
 */
export type RouteFact =
  /** An employer in Germany fills in the form to hire a skilled worker who still lives abroad. */
  | 'employer-hiring-from-abroad'
  /** The applicant holds a German visa or residence title (not a Duldung or Aufenthaltsgestattung). */
  | 'holds-residence-title'
  /** The applicant holds a Duldung. */
  | 'holds-duldung'
  /** The applicant holds an Aufenthaltsgestattung (asylum procedure running). */
  | 'holds-gestattung'
  /** The applicant keeps the purpose of their stay and only wants a condition changed or a permission to work added. */
  | 'wants-only-a-condition-changed'
  /** Nothing about the stay changes; the applicant only needs a new document (lost, broken, new passport, new name). */
  | 'wants-only-a-new-card'
  /** The applicant is in Germany, or comes, to live with a family member. */
  | 'lives-with-family'
  /** That family member is a citizen of another EU or EEA state or of Switzerland. */
  | 'family-member-eu-eea-swiss'
  /** That family member is German. */
  | 'family-member-german'
  /** That German family member lived with the applicant in another EU or EEA state and used free movement there. */
  | 'family-member-german-used-free-movement-with-applicant'
  /** That family member is neither German nor an EU, EEA or Swiss citizen. */
  | 'family-member-third-country'
  /** The applicant has a job, a job offer or wants to be employed. */
  | 'works-or-has-job-offer'
  /** The applicant is or wants to be self-employed. */
  | 'self-employed'
  /** The applicant looks for work without a job offer yet. */
  | 'looking-for-work'
  /** The applicant studies, trains for a vocation, learns German or goes to school (or looks for such a place). */
  | 'studies-or-trains'
  /** The applicant's foreign vocational qualification is being recognised and needs a course, exam or work for it. */
  | 'qualification-being-recognised'
  /** The applicant does research at a university or research institute under an agreement with it. */
  | 'researcher'
  /** The applicant's employer abroad sends them to its branch in Germany for a limited time. */
  | 'sent-by-employer-abroad'
  /** The applicant finished a degree, vocational training, research or recognition in Germany. */
  | 'finished-qualification-in-germany'
  /** The applicant has lived here for years with a permit and wants to stay for good. */
  | 'wants-to-stay-permanently'
  /** The applicant was granted protection in Germany or cannot return for humanitarian reasons. */
  | 'protection-or-cannot-return'
  /** The applicant fled the war in Ukraine. */
  | 'fled-war-in-ukraine'
  /** The applicant has lived in Germany for years with a Duldung, is integrated and wants a residence permit. */
  | 'integrated-after-years-with-duldung';
