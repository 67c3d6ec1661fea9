/**
 * The typed error every decoder throws on bytes that fail validation (bad checksum, impossible
 * length, unknown type). It names the file and byte offset so a lab can point at the damage.
 * Engines never return data from a record that failed validation.
 */
export class StorageCorruptionError extends Error {
  constructor(
    readonly file: string,
    readonly offset: number,
    readonly reason: string,
  ) {
    super(`corruption in ${file} at offset ${offset}: ${reason}`);
    this.name = 'StorageCorruptionError';
  }
}
