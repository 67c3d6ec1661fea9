/**
 * The typed error every LSM decoder reports instead of returning wrong data: which file, which
 * byte offset, and what check failed. Decoders return it inside a `Decoded<T>`; the engine
 * throws it from reads so a caller sees either the right value or this error, never a wrong one.
 */
import { StorageCorruptionError } from '../codec/corruption';

export type CorruptionKind = 'bad-magic' | 'bad-checksum' | 'truncated' | 'bad-length' | 'bad-order' | 'bad-field' | 'bad-version';

/** A `StorageCorruptionError` (shared by all engines) that also says which check failed. */
export class CorruptionError extends StorageCorruptionError {
  constructor(
    readonly kind: CorruptionKind,
    file: string,
    offset: number,
    detail: string,
  ) {
    super(file, offset, `${kind}: ${detail}`);
    this.name = 'CorruptionError';
  }
}

export type Decoded<T> = { ok: true; value: T } | { ok: false; error: CorruptionError };

export function decoded<T>(value: T): Decoded<T> {
  return { ok: true, value };
}

export function corrupt<T>(kind: CorruptionKind, file: string, offset: number, detail: string): Decoded<T> {
  return { ok: false, error: new CorruptionError(kind, file, offset, detail) };
}

/** Returns the value or throws the typed error (used at the engine's public boundary). */
export function unwrap<T>(d: Decoded<T>): T {
  if (!d.ok) throw d.error;
  return d.value;
}
