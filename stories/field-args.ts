/** The controls every field story has: the states of the field kit's common properties. */
export interface FieldArgs<V> {
  label: string;
  hint?: string;
  error?: string;
  value?: V;
  optional?: boolean;
  disabled?: boolean;
}
