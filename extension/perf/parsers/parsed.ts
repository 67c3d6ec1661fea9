/**
 * The result shape every parser returns. Parsers never throw on odd input: an input that is
 * not the expected format at all gives `{ ok: false, reason }`; a recognisable input with
 * missing pieces gives `{ ok: true }` with those fields `undefined` ("not available") and a
 * note saying what was missing, so the caller can still use the rest.
 */
export type Parsed<T> = { ok: true; value: T; notes: string[] } | { ok: false; reason: string };

export function parsedOk<T>(value: T, notes: string[] = []): Parsed<T> {
  return { ok: true, value, notes };
}

export function parsedFail<T>(reason: string): Parsed<T> {
  return { ok: false, reason };
}
