/** The shape of the generated Ajv standalone validators (see scripts/generate.js). */
export interface ValidationError {
  instancePath: string;
  keyword: string;
  params: Record<string, unknown>;
}

export interface Validator {
  (data: unknown): boolean;
  errors?: ValidationError[] | null;
}

/**
 * Runs a validator and returns its errors (none when valid). Ajv adds an `if` error beside every failing
 * `then`/`else`; it says nothing the `then`/`else` errors do not, so it is left out.
 */
export function validationErrors(validate: Validator, data: unknown): ValidationError[] {
  return validate(data) ? [] : (validate.errors ?? []).filter((error) => error.keyword !== 'if');
}

/** Where an error is: the property that is missing, or the value that is wrong. */
export function errorPointer(error: ValidationError): string {
  const missing = error.keyword === 'required' ? error.params.missingProperty : undefined;
  return typeof missing === 'string' ? `${error.instancePath}/${missing.replace(/~/g, '~0').replace(/\//g, '~1')}` : error.instancePath;
}
