/**
 * Form definitions: *what* a service asks, in which steps and groups, under which conditions. How it looks is
 * the components' business; what is valid is the schema's. A definition never restates a schema constraint —
 * requiredness, formats and conditional requirements are read from the validator.
 */
import type { CodeListName } from './codelists.js';

/** User-facing text, evaluated at render time so that it follows the active locale. */
export type Text = () => string;

export type FieldKind =
  | 'text'
  | 'textarea'
  | 'amount'
  | 'date'
  | 'select'
  | 'combobox'
  | 'radio'
  | 'checkboxes'
  | 'consent'
  | 'file'
  /** Ja/Nein as two radios; the value is a boolean. */
  | 'yesno'
  /** A whole number typed as text (counts of persons). */
  | 'integer';

export interface Option {
  value: string;
  label: Text;
  hint?: Text;
}

/** What the form reads when deciding whether to show a node. */
export interface ConditionContext {
  /** The value at an absolute JSON pointer (hidden answers read as absent). */
  get(pointer: string): unknown;
  /** The pointer of the node being decided, e.g. `/begleitpersonen/1/geburtsdatum`. */
  pointer: string;
  /** Whether the embedding page fixed the answer at this pointer (e.g. the `route` attribute): it is not asked. */
  isFixed(pointer: string): boolean;
}

/**
 * `'schema'`: shown exactly when the schema requires it for the current answers (its `if`/`then`), so the
 * condition lives in one place. A function: an explicit condition, for what the schema cannot say.
 */
export type Condition = 'schema' | ((context: ConditionContext) => boolean);

/** Messages for validation keywords, overriding the defaults (see engine/messages.ts). */
export type ErrorTexts = Partial<Record<string, Text>>;

interface NodeBase {
  /** Shown only when this holds. Hidden answers are kept while the user is on the form but never submitted. */
  when?: Condition;
}

export interface FieldDef extends NodeBase {
  type: 'field';
  kind: FieldKind;
  /**
   * Property name (or `/`-separated path) inside the enclosing group; `''` for the item itself in a repeated
   * group of single values.
   */
  name: string;
  label: Text;
  hint?: Text;
  /** HTML autocomplete token for personal data. */
  autocomplete?: string;
  /** Choices; or a code list, whose values are stored as XÖV `{ code, listURI, listVersionID }`. */
  options?: () => readonly Option[];
  codelist?: CodeListName;
  /** Codes of the list this service does not offer (its schema refuses them too). */
  excludeCodes?: readonly string[];
  /** text: `email` or `tel` keyboards; `short`/`medium` width hints. */
  inputType?: 'email' | 'tel';
  inputmode?: string;
  width?: 'short' | 'medium';
  /** file: several files (the answer is a list, possibly empty) or one (the answer is one reference). */
  multiple?: boolean;
  /** file: what the documents are, stored with each reference (`zweck`) for the clerk; German, as data. */
  purpose?: string;
  /**
   * An answer that only steers the form (e.g. questions that point to the right route): conditions and content
   * read it, drafts keep it, but it is neither submitted nor checked against the schema nor shown on the review.
   */
  notSubmitted?: true;
  errors?: ErrorTexts;
  /** Applied to typed text before it counts (e.g. upper-case a passport number); the input keeps what was typed. */
  normalize?: (text: string) => string;
}

/** A list of items. How many it needs and allows is the schema's `minItems`/`maxItems`, not restated here. */
export interface RepeatDef {
  /** Legend of one item, e.g. "Person 2". */
  itemLegend: (index: number) => string;
  addLabel: Text;
  /** Accessible name of the remove button of item `index`. */
  removeLabel: (index: number) => string;
  /** Live announcements after adding/removing. */
  added: (index: number) => string;
  removed: (index: number) => string;
}

export interface GroupDef extends NodeBase {
  type: 'group';
  /** Property name or path: the group's answers are stored below it. Without a name it only groups visually. */
  name?: string;
  legend?: Text;
  hint?: Text;
  children: readonly Node[];
  /** A list of items (persons, nationalities): the value is an array, one object (or value) per item. */
  repeat?: RepeatDef;
}

/** What read-only text may depend on: the visible answers, the authority's settings, the date. */
export interface ContentContext {
  get(pointer: string): unknown;
  config: unknown;
  today: string;
}

/** Read-only text: the start page, legal notices, what to bring, the result of a self-check. */
export interface ContentDef extends NodeBase {
  type: 'content';
  blocks: (context: ContentContext) => readonly ContentBlock[];
}

export type ContentBlock =
  | { kind: 'heading'; text: string }
  | { kind: 'paragraph'; text: string }
  | { kind: 'list'; items: readonly string[] }
  /**
   * `live`: a result computed from answers on the same step (the self-check): when it changes after the user
   * changed an answer, it is read out once.
   */
  | { kind: 'notice'; text: string; live?: boolean }
  | { kind: 'warning'; text: string };

export type Node = FieldDef | GroupDef | ContentDef;

export interface StepDef extends NodeBase {
  id: string;
  title: Text;
  children: readonly Node[];
  /**
   * The last step of a definition may be a confirmation: shown after the check-your-answers page, right before
   * sending (e.g. the warning against hasty submission, § 68 Abs. 2 Satz 2 AufenthG). Its button sends, with
   * this label; Enter does not send from it.
   */
  confirmation?: { submitLabel: Text };
  /**
   * Its texts are legal notices (consents and confirmation steps are so anyway): in another language the form
   * says that the German text is binding and offers to read it.
   */
  legal?: true;
}

/** An error a rule finds that the schema cannot express (dates relative to today, comparisons of fields). */
export interface RuleError {
  pointer: string;
  message: Text;
}

export interface FormDefinition {
  service: string;
  schemaVersion: string;
  steps: readonly StepDef[];
  /** Cross-field rules, run on the visible answers after the schema. */
  rules?: (data: Readonly<Record<string, unknown>>, today: string) => RuleError[];
  /**
   * The ids of the steps a path goes through, as soon as the answers that decide it are given, and `undefined`
   * before: the progress indicator counts these, so its total never changes under the user's feet (and shows no
   * total while the path is open). Each of them must then be visible. Without it the visible steps are counted.
   */
  countedSteps?: (context: Omit<ConditionContext, 'pointer'>) => readonly string[] | undefined;
}
