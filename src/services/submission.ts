/** The one place that builds the envelope a service sends (`schemas/submission.schema.json`). */
import type { FormEngine } from '../engine/form-engine.js';
import type { Submission } from '../adapters/adapter.js';
import type { ServiceSpec } from './service.js';

export interface Envelope {
  /** The idempotency key: kept across retries, so a retry after a lost answer stores nothing twice. */
  id: string;
  createdAt: string;
  locale: string;
  /** AGS or ARS of the receiving office, where the page names one. */
  authority?: string;
}

export function buildSubmission<Config>(
  spec: ServiceSpec<Config>,
  engine: FormEngine,
  config: Config | undefined,
  { id, createdAt, locale, authority }: Envelope,
): Submission {
  const asked = engine.submissionData();
  const data = spec.derive ? spec.derive(asked, config, createdAt.slice(0, 10)) : asked;
  return {
    id,
    service: spec.service as Submission['service'],
    schemaVersion: spec.definition.schemaVersion,
    createdAt,
    locale,
    ...(authority ? { authority } : {}),
    data,
    attachments: engine.attachmentReferences() as Submission['attachments'],
  };
}
