/**
 * The form model: answers by JSON pointer, which steps and fields are visible, what is required, which errors
 * the user sees and when. No DOM, no Lit: it runs in the browser and in Node.
 *
 * Data flows one way: the shell reports input (`set`), leaving a field (`fieldLeft`) and step moves; the engine
 * notifies its listeners; the shell renders `view()`.
 */
import type { ContentDef, FieldDef, FieldKind, FormDefinition, GroupDef, Node, RuleError, StepDef, Text } from './definition.js';
import { errorText, namingWhose } from './messages.js';
import { getAt, isContainer, isWithin, joinPointer, setAt, withValueAt, type JsonObject } from './pointer.js';
import { fieldsIn } from './tree.js';
import { errorPointer, validationErrors, type ValidationError, type Validator } from './validator.js';
import { randomUuid } from './random-uuid.js';

export interface FieldView {
  kind: 'field';
  def: FieldDef;
  pointer: string;
  /** A DOM-safe id unique in the form. */
  id: string;
  value: unknown;
  /** The answer as it is submitted: trimmed and normalised text, attachment references for files; undefined when absent. */
  submitted: unknown;
  required: boolean;
  /**
   * Whose answer it is, where a step asks the same of several: the legend of the repeated item it is in (the
   * outermost one), else that of the nearest group with a legend. Its errors start with it.
   */
  whose?: Text;
  /** The message the user sees now (after leaving the field, or after trying to continue). */
  error?: Text;
  /** For a locked answer (`FormEngine.lock`): where it came from. The field shows it read-only, saying so. */
  origin?: Text;
}

export interface GroupItemView {
  index: number;
  pointer: string;
  legend: string;
  children: NodeView[];
}

export interface GroupView {
  kind: 'group';
  def: GroupDef;
  pointer: string;
  id: string;
  children: NodeView[];
  /** For repeated groups: one entry per item. */
  items?: GroupItemView[];
  canAdd: boolean;
  canRemove: boolean;
}

export interface ContentView {
  kind: 'content';
  def: ContentDef;
}

export type NodeView = FieldView | GroupView | ContentView;

export interface StepView {
  def: StepDef;
  children: NodeView[];
}

export interface SummaryEntry {
  pointer: string;
  id: string;
  message: Text;
}

/**
 * What a listener is told. `typed` names the one answer a key changed in place: the layout, the errors and every
 * other answer are as they were (see `set`).
 */
export interface EngineChange {
  readonly typed?: string;
}

export interface EngineOptions {
  /** Today as `YYYY-MM-DD`; injectable so tests and rules agree on the date. */
  today?: () => string;
  /**
   * The whole definition, still loading, when the one given holds only the first step (a chunk of its own, like the
   * validator): the engine is ready once both have arrived.
   */
  completeDefinition?: Promise<FormDefinition>;
}

export interface AttachmentRef {
  id: string;
  dateiname: string;
  mimeType: string;
  groesse: number;
  zweck?: string;
}

function localToday(): string {
  const now = new Date();
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
}

function isEmptyValue(value: unknown): boolean {
  return (
    value === undefined ||
    value === null ||
    (typeof value === 'string' && value.trim() === '') ||
    (Array.isArray(value) && value.length === 0)
  );
}

function idFor(pointer: string): string {
  return `f${pointer.replace(/[^A-Za-z0-9]+/g, '-')}`;
}

/** A value no schema allows: set at a choice field, it makes the validator name the values it would allow. */
const NOT_A_VALUE = '\u0000';
/**
 * Longer than a text field's `maxLength` (the longest in our schemas is 32 768): probed with, it makes the
 * validator name the limit. A field with a higher limit simply shows no count.
 */
const TOO_LONG = 100_000;

function cloneJson<T>(value: T): T {
  return structuredClone(value);
}

/**
 * The kinds whose answers are typed text. The schema's conditions (`if`, `anyOf`, `oneOf`, `not`, `contains`,
 * `dependentRequired`) test choices, never such an answer: neither what it says nor whether it is there
 * (test/engine/schema-conditions.test.ts holds both services' schemas to that). So a keystroke in such a field
 * changes what is submitted and nothing else: no step, field or item appears or goes, nothing becomes required.
 */
const TYPED_KINDS: ReadonlySet<FieldKind> = new Set(['text', 'textarea', 'integer', 'amount', 'date']);

/** A visible answer as conditions and content read it: submitted or only steering the form. */
function countingValue(layout: Layout, pointer: string): unknown {
  return getAt(layout.data, pointer) ?? getAt(layout.unsubmitted, pointer);
}

/** A repeated group of single values (e.g. several nationalities): its items are values, not objects. */
function isSingleValueGroup(def: GroupDef): boolean {
  return def.children.length === 1 && def.children[0]!.type === 'field' && def.children[0]!.name === '';
}

const attachmentIds = new WeakMap<File, string>();

/** A stable id per chosen file: it names the file's part of the submission and survives retries. */
export function attachmentIdOf(file: File): string {
  let id = attachmentIds.get(file);
  if (!id) {
    id = randomUuid();
    attachmentIds.set(file, id);
  }
  return id;
}

/** Whose answers a part of a step holds: a repeated item (which outranks any legend inside it) or a group with a legend. */
interface Whose {
  text: Text;
  item: boolean;
}

/** What one walk over the definition yields for the current answers. */
interface Layout {
  /** The answers that count: visible only, strings trimmed, empties removed, files as attachment references. */
  data: JsonObject;
  /** The visible answers of `notSubmitted` fields, kept apart from `data` so that they never reach the office. */
  unsubmitted: JsonObject;
  steps: { def: StepDef; children: NodeView[] }[];
  fields: Map<string, FieldView>;
  groups: Map<string, GroupView>;
  /** The chosen files of visible file fields and their references, by attachment id. */
  files: Map<string, { file: File; reference: AttachmentRef }>;
  /** Required fields per step id, computed when a step is first viewed. */
  required: Map<string, Set<string>>;
  /**
   * What the schema allows at a field (choice values, text length), computed when first asked. Typing keeps the
   * layout, and with it these: no schema condition tests typed text (test/engine/schema-conditions.test.ts).
   */
  allowed: Map<string, readonly string[] | number | undefined>;
  /** The answers the definition's own conditions read while deciding what is shown. */
  conditionReads: Set<string>;
}

export class FormEngine {
  private readonly raw: JsonObject = {};
  private readonly shownMessages = new Map<string, Text>();
  private readonly listeners = new Set<(change: EngineChange) => void>();
  /**
   * Answers the embedding page decided (e.g. a route chosen by attribute, an authenticated identity): they count,
   * but are not asked, and being nobody's input they survive loading answers and are not part of drafts.
   */
  private readonly fixed = new Map<string, unknown>();
  /** Answers the embedding page vouches for and the user sees but cannot change (see `lock`). */
  private locked = new Map<string, { value: unknown; origin: Text }>();
  private readonly today: () => string;
  private layoutCache: Layout | undefined;
  private stepId: string;

  private validate: Validator;
  private currentDefinition: FormDefinition;
  /** False while the definition beyond its first step is loading. */
  private complete: boolean;
  /** Settles when the validator (and a complete definition still loading) is there; until then nothing is required, shown by condition or checked. */
  readonly ready: Promise<void>;
  private loaded: boolean;

  /**
   * `validator` may still be loading (it is the largest part of a service, and a start page does not need it):
   * the engine then answers as if the schema had no objections and tells its listeners once it has arrived. So
   * may the definition beyond its first step (`options.completeDefinition`).
   */
  constructor(definition: FormDefinition, validator: Validator | Promise<Validator>, options: EngineOptions = {}) {
    this.today = options.today ?? localToday;
    this.currentDefinition = definition;
    this.stepId = definition.steps[0]!.id;
    const { completeDefinition } = options;
    this.complete = !completeDefinition;
    if (typeof validator === 'function' && !completeDefinition) {
      this.validate = validator;
      this.loaded = true;
      this.ready = Promise.resolve();
    } else {
      this.validate = () => true;
      this.loaded = false;
      this.ready = Promise.all([validator, completeDefinition]).then(([loaded, complete]) => {
        this.validate = loaded;
        if (complete) this.currentDefinition = complete;
        this.complete = true;
        this.loaded = true;
        this.changed(true);
      });
    }
  }

  /** The service's definition; only its first step while the rest is loading. */
  get definition(): FormDefinition {
    return this.currentDefinition;
  }

  get isReady(): boolean {
    return this.loaded;
  }

  subscribe(listener: (change: EngineChange) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private changed(dataChanged: boolean, change: EngineChange = {}): void {
    if (dataChanged) this.layoutCache = undefined;
    for (const listener of this.listeners) listener(change);
  }

  // ---- answers ------------------------------------------------------------------------------------------

  get(pointer: string): unknown {
    return getAt(this.raw, pointer);
  }

  /** A value as it counts: hidden answers read as absent, text trimmed. */
  visibleValue(pointer: string): unknown {
    return countingValue(this.layout(), pointer);
  }

  /** Today as the engine's rules see it (`YYYY-MM-DD`). */
  todayIso(): string {
    return this.today();
  }

  /** Records what the user entered. Empty input removes the answer. Never validates (not while typing). */
  set(pointer: string, value: unknown): void {
    if (this.locked.has(pointer)) return;
    setAt(this.raw, pointer, isEmptyValue(value) ? undefined : value);
    const layout = this.layoutCache;
    const field = layout?.fields.get(pointer);
    if (layout && field && this.onlyItsValueChanges(field, layout)) {
      field.value = this.get(pointer);
      field.submitted = this.submittedValue(field.def, field.value, layout);
      this.placeSubmitted(field, layout);
      this.changed(false, { typed: pointer });
      return;
    }
    this.changed(true);
  }

  /** Whether an answer can change without the layout changing: typed text (see TYPED_KINDS) no condition of the definition reads. */
  private onlyItsValueChanges(field: FieldView, layout: Layout): boolean {
    if (!TYPED_KINDS.has(field.def.kind)) return false;
    for (const read of layout.conditionReads) if (isWithin(read, field.pointer) || isWithin(field.pointer, read)) return false;
    return true;
  }

  /** Replaces all answers, e.g. from a draft or a portal's prefill. Errors shown so far are cleared. */
  load(answers: JsonObject): void {
    for (const key of Object.keys(this.raw)) delete this.raw[key];
    Object.assign(this.raw, cloneJson(answers));
    this.shownMessages.clear();
    this.changed(true);
  }

  /**
   * Loads answers from outside the form (a portal's login data) and keeps only those the schema and the
   * rules accept; a wrong value is dropped rather than shown as the user's mistake.
   */
  prefill(answers: JsonObject): void {
    this.load(answers);
    const layout = this.layout();
    for (const pointer of this.currentErrors().keys()) {
      if (!isEmptyValue(layout.fields.get(pointer)?.value)) setAt(this.raw, pointer, undefined);
    }
    this.changed(true);
  }

  /**
   * An answer the embedding page gives and the user cannot change (e.g. `route="studium"`): it is submitted
   * but its field is not shown whatever its condition, and a step left with nothing to ask is skipped.
   * `undefined` withdraws the answer (it then counts as absent).
   */
  preset(pointer: string, value: unknown): void {
    this.fixed.set(pointer, value);
    this.changed(true);
  }

  /** Withdraws a `preset`: the field is asked again. */
  release(pointer: string): void {
    if (this.fixed.delete(pointer)) this.changed(true);
  }

  /**
   * Answers the embedding page vouches for (an authenticated identity's), replacing those locked before. Unlike a
   * `preset`, their fields are shown where they are asked, read-only with `origin` saying where the answer came
   * from; neither input nor loading answers (a draft, a prefill) changes them. They are not part of drafts.
   */
  lock(answers: ReadonlyMap<string, unknown>, origin: Text): void {
    this.locked = new Map([...answers].map(([pointer, value]) => [pointer, { value, origin }]));
    this.changed(true);
  }

  /**
   * The raw answers as entered (hidden ones included), for drafts. Files are not part of them: a file field's
   * answer is left out whole (a list of files would come back as a list of nulls, which no file field can show).
   */
  answers(): JsonObject {
    const isFiles = (value: unknown) => value instanceof File || (Array.isArray(value) && value.some((item) => item instanceof File));
    return JSON.parse(JSON.stringify(this.raw, (_key, value) => (isFiles(value) ? undefined : value)));
  }

  /** Adds an empty item to a repeated group and returns its index. */
  addItem(groupPointer: string): number {
    const group = this.layout().groups.get(groupPointer);
    if (!group?.items) throw new Error(`No repeated group at ${groupPointer}`);
    const stored = this.get(groupPointer);
    const list = Array.isArray(stored) ? stored : [];
    // Items shown because of `min` exist in the view before they exist in the answers.
    while (list.length <= group.items.length) list.push(isSingleValueGroup(group.def) ? null : {});
    setAt(this.raw, groupPointer, list);
    this.changed(true);
    return group.items.length;
  }

  removeItem(groupPointer: string, index: number): void {
    const list = this.get(groupPointer);
    if (Array.isArray(list)) list.splice(index, 1);
    // Positions shift: errors shown inside the list no longer belong to their items.
    for (const pointer of [...this.shownMessages.keys()]) {
      if (isWithin(pointer, groupPointer)) this.shownMessages.delete(pointer);
    }
    this.changed(true);
  }

  // ---- steps --------------------------------------------------------------------------------------------

  get currentStepId(): string {
    return this.stepId;
  }

  visibleSteps(): StepDef[] {
    return this.layout().steps.map((s) => s.def);
  }

  /** The pages the progress indicator counts (the steps of the path and the review page), or undefined while the path is open. */
  pageCount(): number | undefined {
    if (!this.complete) return undefined;
    const layout = this.layout();
    const counted = this.definition.countedSteps
      ? this.definition.countedSteps({ get: (p) => getAt(layout.data, p), isFixed: (p) => this.fixed.has(p) })
      : layout.steps;
    return counted && counted.length + 1;
  }

  /** Shows a visible step; while the definition is loading, the step to show once it has (e.g. a resumed draft's). */
  goTo(stepId: string): void {
    if (this.loaded && !this.visibleSteps().some((s) => s.id === stepId)) throw new Error(`No visible step ${stepId}`);
    this.stepId = stepId;
    this.changed(false);
  }

  /** The visible step after `stepId`, if any. */
  stepAfter(stepId: string): StepDef | undefined {
    const steps = this.visibleSteps();
    return steps[steps.findIndex((s) => s.id === stepId) + 1];
  }

  stepBefore(stepId: string): StepDef | undefined {
    const steps = this.visibleSteps();
    const index = steps.findIndex((s) => s.id === stepId);
    return index > 0 ? steps[index - 1] : undefined;
  }

  view(stepId = this.stepId): StepView {
    const layout = this.layout();
    const step = layout.steps.find((s) => s.def.id === stepId) ?? layout.steps[0]!;
    const required = this.requiredIn(step.def.id, layout);
    const decorate = (nodes: NodeView[]): NodeView[] =>
      nodes.map((node) => {
        if (node.kind === 'field') {
          const error = this.shownMessages.get(node.pointer);
          return { ...node, required: required.has(node.pointer), ...(error ? { error } : {}) };
        }
        if (node.kind === 'group') {
          return {
            ...node,
            children: decorate(node.children),
            ...(node.items ? { items: node.items.map((item) => ({ ...item, children: decorate(item.children) })) } : {}),
          };
        }
        return node;
      });
    return { def: step.def, children: decorate(step.children) };
  }

  // ---- validation ---------------------------------------------------------------------------------------

  /** The user left a field after changing it: check that field now (GOV.UK: on blur after a change). */
  fieldLeft(pointer: string): void {
    const field = this.layout().fields.get(pointer);
    if (!field) return;
    const message = this.currentErrors().get(pointer);
    if (message) this.shownMessages.set(pointer, message);
    else this.shownMessages.delete(pointer);
    this.changed(false);
  }

  /**
   * The user wants to leave a step forwards: every visible field of the step is checked and its error shown.
   * Returns the errors in the order of the fields, for the error summary.
   */
  checkStep(stepId = this.stepId): SummaryEntry[] {
    const current = this.currentErrors();
    const entries: SummaryEntry[] = [];
    for (const field of this.fieldsOf(stepId)) {
      const message = current.get(field.pointer);
      if (message) {
        this.shownMessages.set(field.pointer, message);
        entries.push({ pointer: field.pointer, id: field.id, message });
      } else {
        this.shownMessages.delete(field.pointer);
      }
    }
    this.changed(false);
    return entries;
  }

  /** The errors shown now on a step's fields (e.g. the receiver's), in field order, without checking again. */
  shownErrors(stepId = this.stepId): SummaryEntry[] {
    return this.fieldsOf(stepId).flatMap((field) => {
      const message = this.shownMessages.get(field.pointer);
      return message ? [{ pointer: field.pointer, id: field.id, message }] : [];
    });
  }

  /** The first visible step with an error, after checking all of them; undefined when the form is complete. */
  firstInvalidStep(): StepDef | undefined {
    return this.visibleSteps().find((step) => this.checkStep(step.id).length > 0);
  }

  /** Errors from elsewhere (the receiver's 422 answer), in validator shape relative to the data. */
  showExternalErrors(errors: readonly ValidationError[]): StepDef | undefined {
    const layout = this.layout();
    const byField = this.mapErrors(errors, layout);
    for (const [pointer, error] of byField) {
      const field = layout.fields.get(pointer)!;
      this.shownMessages.set(pointer, this.messageFor(field, errorText(field.def, error, field.value)));
    }
    this.changed(false);
    const first = [...byField.keys()][0];
    return first === undefined ? undefined : layout.steps.find((s) => fieldsIn(s.children).some((f) => f.pointer === first))?.def;
  }

  /** The answers that are submitted: visible ones only, trimmed, with files as attachment references. */
  submissionData(): JsonObject {
    return cloneJson(this.layout().data);
  }

  /** The chosen files of visible file fields, by attachment id. */
  attachments(): Map<string, File> {
    return new Map([...this.layout().files].map(([id, { file }]) => [id, file]));
  }

  /** The references of those files as the envelope lists them, each with its purpose. */
  attachmentReferences(): AttachmentRef[] {
    return [...this.layout().files.values()].map(({ reference }) => ({ ...reference }));
  }

  /** All current errors by field pointer (schema, then rules), without showing them. */
  private currentErrors(): Map<string, Text> {
    const layout = this.layout();
    const result = new Map<string, Text>();
    for (const [pointer, error] of this.mapErrors(validationErrors(this.validate, layout.data), layout)) {
      const field = layout.fields.get(pointer)!;
      result.set(pointer, this.messageFor(field, errorText(field.def, error, field.value)));
    }
    for (const ruleError of this.definition.rules?.(layout.data, this.today()) ?? []) {
      const pointer = this.fieldFor(ruleError.pointer, layout);
      if (pointer && !result.has(pointer)) result.set(pointer, this.messageFor(layout.fields.get(pointer)!, ruleError.message));
    }
    return result;
  }

  private messageFor(field: FieldView, message: Text): Text {
    return field.whose ? namingWhose(field.whose, message) : message;
  }

  private fieldsOf(stepId: string): FieldView[] {
    const step = this.layout().steps.find((s) => s.def.id === stepId);
    return step ? fieldsIn(step.children) : [];
  }

  /** The field an error pointer belongs to: the field itself, the field containing it, or the first inside it. */
  private fieldFor(pointer: string, layout: Layout): string | undefined {
    if (layout.fields.has(pointer)) return pointer;
    let best: string | undefined;
    for (const candidate of layout.fields.keys()) {
      if (isWithin(pointer, candidate) && (!best || candidate.length > best.length)) best = candidate;
    }
    if (best) return best;
    for (const candidate of layout.fields.keys()) if (isWithin(candidate, pointer)) return candidate;
    return undefined;
  }

  /** First error per field, in field order. Errors of hidden parts cannot occur: hidden answers are removed. */
  private mapErrors(errors: readonly ValidationError[], layout: Layout): Map<string, ValidationError> {
    const byField = new Map<string, ValidationError>();
    for (const error of errors) {
      const pointer = this.fieldFor(errorPointer(error), layout);
      if (pointer && !byField.has(pointer)) byField.set(pointer, error);
    }
    const order = [...layout.fields.keys()];
    return new Map([...byField].sort(([a], [b]) => order.indexOf(a) - order.indexOf(b)));
  }

  /**
   * A field is required when the schema objects to it being empty, given all other answers: an empty field
   * that has an error now, or a filled one that would have one if emptied (one validation each).
   */
  private requiredIn(stepId: string, layout: Layout): Set<string> {
    const cached = layout.required.get(stepId);
    if (cached) return cached;
    const step = layout.steps.find((s) => s.def.id === stepId);
    const fields = step ? fieldsIn(step.children) : [];
    const errorsNow = this.mapErrors(validationErrors(this.validate, layout.data), layout);
    const required = new Set<string>();
    for (const field of fields) {
      if (isEmptyValue(getAt(layout.data, field.pointer))) {
        if (errorsNow.has(field.pointer)) required.add(field.pointer);
        continue;
      }
      const probe = withValueAt(layout.data, field.pointer, field.def.name === '' ? null : undefined);
      const probeErrors = this.mapErrors(validationErrors(this.validate, probe), layout);
      if (probeErrors.has(field.pointer)) required.add(field.pointer);
    }
    layout.required.set(stepId, required);
    return required;
  }

  // ---- layout: one walk over the definition for the current answers --------------------------------------

  private layout(): Layout {
    this.layoutCache ??= this.buildLayout();
    return this.layoutCache;
  }

  private buildLayout(): Layout {
    const layout: Layout = {
      data: {},
      unsubmitted: {},
      steps: [],
      fields: new Map(),
      groups: new Map(),
      files: new Map(),
      required: new Map(),
      allowed: new Map(),
      conditionReads: new Set(),
    };
    for (const step of this.definition.steps) {
      if (!this.isShown(step.when, '', layout)) continue;
      const children = this.walk(step.children, '', layout, undefined);
      if (children.length > 0 || step.children.length === 0) layout.steps.push({ def: step, children });
    }
    return layout;
  }

  private isShown(when: Node['when'], pointer: string, layout: Layout): boolean {
    if (!when) return true;
    if (when === 'schema') {
      // Shown when the schema requires it: remove it and ask whether the validator misses it.
      const probe = withValueAt(layout.data, pointer, undefined);
      return validationErrors(this.validate, probe).some((e) => e.keyword === 'required' && errorPointer(e) === pointer);
    }
    const get = (read: string): unknown => {
      layout.conditionReads.add(read);
      return countingValue(layout, read);
    };
    return when({ pointer, get, isFixed: (p) => this.fixed.has(p) });
  }

  private walk(nodes: readonly Node[], base: string, layout: Layout, whose: Whose | undefined): NodeView[] {
    const views: NodeView[] = [];
    for (const node of nodes) {
      if (node.type === 'content') {
        if (this.isShown(node.when, base, layout)) views.push({ kind: 'content', def: node });
        continue;
      }
      // A name may be a path (`erklaerender/art`): answers of one object can be asked on different steps.
      const pointer = node.name ? `${base}/${node.name}` : base;
      if (node.type === 'field' && this.fixed.has(pointer)) {
        // A page's fact that only steers the form (e.g. that the citizen has a mailbox to be asked about) stays as unsubmitted as if asked.
        setAt(node.notSubmitted ? layout.unsubmitted : layout.data, pointer, this.submittedValue(node, this.fixed.get(pointer), layout));
        continue;
      }
      if (!this.isShown(node.when, pointer, layout)) continue;
      if (node.type === 'group') views.push(this.walkGroup(node, pointer, layout, whose));
      else views.push(this.walkField(node, pointer, layout, whose));
    }
    return views;
  }

  private walkField(def: FieldDef, pointer: string, layout: Layout, whose: Whose | undefined): FieldView {
    const locked = this.locked.get(pointer);
    const value = locked ? locked.value : getAt(this.raw, pointer);
    const submitted = this.submittedValue(def, value, layout);
    const view: FieldView = { kind: 'field', def, pointer, id: idFor(pointer), value, submitted, required: false, whose: whose?.text };
    if (locked) view.origin = locked.origin;
    if (def.notSubmitted) setAt(layout.unsubmitted, pointer, submitted);
    else this.placeSubmitted(view, layout);
    layout.fields.set(pointer, view);
    return view;
  }

  /** A field's submitted answer into the layout's data; an item of a list of single values keeps its place as null. */
  private placeSubmitted(field: FieldView, layout: Layout): void {
    const submitted = field.submitted ?? (field.def.name === '' ? null : undefined);
    if (submitted !== undefined || getAt(layout.data, field.pointer) !== undefined) setAt(layout.data, field.pointer, submitted);
  }

  /**
   * The value as submitted: trimmed text; files as attachment references, a list for a multiple-file field
   * (empty when nothing is chosen), a single reference otherwise.
   */
  private submittedValue(def: FieldDef, value: unknown, layout: Layout): unknown {
    if (def.kind === 'file') {
      const refs = (Array.isArray(value) ? value : []).map((file: File): AttachmentRef => {
        const id = attachmentIdOf(file);
        const reference = { id, dateiname: file.name, mimeType: file.type, groesse: file.size, ...(def.purpose ? { zweck: def.purpose } : {}) };
        layout.files.set(id, { file, reference });
        return reference;
      });
      return def.multiple ? refs : refs[0];
    }
    if (isEmptyValue(value)) return undefined;
    if (typeof value === 'string') return def.normalize ? def.normalize(value.trim()) : value.trim();
    return cloneJson(value);
  }

  private walkGroup(def: GroupDef, pointer: string, layout: Layout, whose: Whose | undefined): GroupView {
    const view: GroupView = { kind: 'group', def, pointer, id: idFor(pointer), children: [], canAdd: false, canRemove: false };
    layout.groups.set(pointer, view);
    if (!def.repeat) {
      // The group's object exists so that the schema reports its missing answers field by field.
      if (def.name && !isContainer(getAt(layout.data, pointer))) setAt(layout.data, pointer, {});
      const named = whose?.item || !def.legend ? whose : { text: def.legend, item: false };
      view.children = this.walk(def.children, pointer, layout, named);
      return view;
    }
    const single = isSingleValueGroup(def);
    const min = this.fewestItems(pointer, layout);
    const stored = getAt(this.raw, pointer);
    const count = Math.max(Array.isArray(stored) ? stored.length : 0, min);
    setAt(layout.data, pointer, []);
    view.items = [];
    const { itemLegend } = def.repeat;
    for (let index = 0; index < count; index += 1) {
      const itemPointer = joinPointer(pointer, index);
      if (!single) setAt(layout.data, itemPointer, {});
      const named = whose?.item ? whose : { text: () => itemLegend(index), item: true };
      const children = single
        ? [this.walkField(def.children[0] as FieldDef, itemPointer, layout, named)]
        : this.walk(def.children, itemPointer, layout, named);
      view.items.push({ index, pointer: itemPointer, legend: itemLegend(index), children });
    }
    view.canAdd = !this.itemLimitError(pointer, layout, Array.from({ length: count + 1 }, () => (single ? null : {})), 'maxItems');
    view.canRemove = count > min;
    return view;
  }

  /**
   * The values the schema allows at a choice field for the answers around it: its `enum`, narrowed by conditions
   * such as the route; undefined where the schema names none. So a definition holds labels, not value lists.
   * `many`: the field's answer is a list of values (checkboxes).
   */
  allowedValues(pointer: string, many = false): readonly string[] | undefined {
    return this.askSchema(`values ${pointer}`, () => {
      const lists = this.probe(pointer, many ? [NOT_A_VALUE] : NOT_A_VALUE, 'enum', many ? joinPointer(pointer, 0) : pointer).map((error) =>
        (error.params.allowedValues as unknown[]).map(String),
      );
      return lists.length === 0 ? undefined : lists.reduce((all, list) => all.filter((value) => list.includes(value)));
    }) as readonly string[] | undefined;
  }

  /** The schema's `maxLength` for a text field; undefined where it sets none. */
  longestText(pointer: string): number | undefined {
    return this.askSchema(`length ${pointer}`, () => {
      const [error] = this.probe(pointer, NOT_A_VALUE.repeat(TOO_LONG), 'maxLength');
      return error ? Number(error.params.limit) : undefined;
    }) as number | undefined;
  }

  /** An answer about the schema, asked once per version of the answers. */
  private askSchema(key: string, ask: () => readonly string[] | number | undefined): readonly string[] | number | undefined {
    const { allowed } = this.layout();
    if (!allowed.has(key)) allowed.set(key, ask());
    return allowed.get(key);
  }

  /** The validator's `keyword` errors at `at` when `value` is put at `pointer` among the answers so far. */
  private probe(pointer: string, value: unknown, keyword: string, at = pointer): ValidationError[] {
    return validationErrors(this.validate, withValueAt(this.layout().data, pointer, value)).filter(
      (error) => error.keyword === keyword && error.instancePath === at,
    );
  }

  /** The schema's `minItems` for a list, read from what the validator says about an empty one. */
  private fewestItems(pointer: string, layout: Layout): number {
    const error = this.itemLimitError(pointer, layout, [], 'minItems');
    return error ? Number(error.params.limit) : 0;
  }

  /**
   * Asks the schema about a list of `items` at `pointer` (the answers so far around it): its `minItems` or
   * `maxItems` error, if any. So the definition never restates how many items a list may have.
   */
  private itemLimitError(pointer: string, layout: Layout, items: unknown[], keyword: 'minItems' | 'maxItems'): ValidationError | undefined {
    return validationErrors(this.validate, withValueAt(layout.data, pointer, items)).find((e) => e.keyword === keyword && e.instancePath === pointer);
  }
}

export type { RuleError };
