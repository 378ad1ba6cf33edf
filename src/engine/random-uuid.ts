/**
 * A random (version 4) UUID. `crypto.randomUUID` exists only in secure contexts (HTTPS or localhost), so a
 * form embedded in a plain-HTTP page would have no ids and could not send; `crypto.getRandomValues` exists in
 * every context and is just as random. Each 0, 1 or 8 of the template becomes a random hex digit: 0 and 1 any
 * digit, 8 one of 8–b (the RFC 9562 variant); the 4 stays (the version).
 */
export function randomUuid(): string {
  return '10000000-1000-4000-8000-100000000000'.replace(/[018]/g, (digit) =>
    (Number(digit) ^ (crypto.getRandomValues(new Uint8Array(1))[0]! & (15 >> (Number(digit) / 4)))).toString(16),
  );
}
