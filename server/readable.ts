/**
 * A submission as the citizen read it on the review page, for the clerks' inbox: each step's title, then its
 * answers under the same labels, with option and code-list values named (`summary.ts`, the form's own code, not
 * a second renderer). German, the language of the office. What the form computed rather than asked (e.g. the
 * creditworthiness self-assessment) has no question to stand under; it is listed by its key after the steps.
 */
import { FormEngine } from '../src/engine/form-engine.js';
import { summarize, type SummarySection } from '../src/engine/summary.js';
import { getAt } from '../src/engine/pointer.js';
import type { ServiceSpec } from '../src/services/service.js';
import { verpflichtungserklaerung } from '../src/services/verpflichtungserklaerung/spec.js';
import { aufenthaltstitel } from '../src/services/aufenthaltstitel/spec.js';

const SPECS: Readonly<Record<string, ServiceSpec<never>>> = {
  verpflichtungserklaerung: verpflichtungserklaerung as ServiceSpec<never>,
  aufenthaltstitel: aufenthaltstitel as ServiceSpec<never>,
};

export interface ReadableSubmission {
  steps: { title: string; sections: SummarySection[] }[];
  /** Top-level parts of `data` that no question asked: shown as they are. */
  computed: Record<string, unknown>;
}

export async function readableSubmission(service: string, data: Record<string, unknown>): Promise<ReadableSubmission | undefined> {
  const spec = SPECS[service];
  if (!spec) return undefined;
  const engine = new FormEngine(spec.definition, spec.loadValidator(), { completeDefinition: spec.loadDefinition?.() });
  await engine.ready;
  engine.load(data);
  const steps = engine
    .visibleSteps()
    .map((step) => ({ title: step.title(), sections: summarize(engine.view(step.id), 'de').map((section) => withFileNames(section, data)) }))
    .filter((step) => step.sections.length > 0);
  const asked = new Set(steps.flatMap((step) => step.sections.flatMap((section) => section.rows.map((row) => row.pointer.split('/')[1]))));
  const computed = Object.fromEntries(Object.entries(data).filter(([key, value]) => !asked.has(key) && !isEmpty(value)));
  return { steps, computed };
}

const isEmpty = (value: unknown): boolean =>
  value === undefined || value === null || value === '' || (typeof value === 'object' && Object.keys(value).length === 0);

const isAttachment = (value: unknown): value is { dateiname: string } =>
  typeof value === 'object' && value !== null && typeof (value as { dateiname?: unknown }).dateiname === 'string';

/**
 * The engine names files it holds as `File`s; a stored submission has their references instead, so a file
 * answer is named here from the references: the file names, as on the review page.
 */
function withFileNames(section: SummarySection, data: Record<string, unknown>): SummarySection {
  const rows = section.rows.map((row) => {
    const refs = [getAt(data, row.pointer)].flat();
    return refs.length > 0 && refs.every(isAttachment) ? { ...row, value: refs.map((ref) => ref.dateiname).join(', ') } : row;
  });
  return { ...section, rows };
}
