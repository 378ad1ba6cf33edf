/** The controls every field story has: the states of the field kit's common properties. */
export interface FieldArgs<V> {
  label: string;
  hint?: string;
  error?: string;
  value?: V;
  optional?: boolean;
  disabled?: boolean;
}

/**
 * The field `tag` in the state `args` describes, with the properties only this field has (`extra`: options,
 * `autocomplete`, …). An element, not a template: Storybook shows it as it is, and any test can render it.
 */
export function renderField<V>(tag: string, args: FieldArgs<V>, extra: Record<string, unknown> = {}): HTMLElement {
  const { label, hint = '', error = '', value, optional = false, disabled = false } = args;
  return Object.assign(document.createElement(tag), { label, hint, error, value, optional, disabled, ...extra });
}
