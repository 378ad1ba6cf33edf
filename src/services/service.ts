/** What makes a service: its definition and contract, and the few texts only it can say. */
import type { ContentBlock, FormDefinition, Text } from '../engine/definition.js';
import type { Validator } from '../engine/validator.js';
import type { Receipt } from '../adapters/adapter.js';

export interface ServiceSpec<Config = unknown> {
  /** The `service` value of the submission envelope; also names the schema. */
  service: string;
  /** The definition, or its first step only when `loadDefinition` brings the rest. */
  definition: FormDefinition;
  /** Loads the whole definition (a chunk of its own, loaded beside the validator), where `definition` is the first step only. */
  loadDefinition?: () => Promise<FormDefinition>;
  /** Loads the generated validator of the service schema (a chunk of its own: the start page does not need it). */
  loadValidator: () => Promise<Validator>;
  title: Text;
  /** Parts of the data that are computed rather than asked (e.g. the creditworthiness self-assessment). */
  derive?: (data: Record<string, unknown>, config: Config | undefined, today: string) => Record<string, unknown>;
  /** What happens next, shown on the confirmation page. */
  nextSteps: (data: Readonly<Record<string, unknown>>, receipt: Receipt, config: Config | undefined) => readonly ContentBlock[];
}
