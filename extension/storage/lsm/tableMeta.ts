/**
 * What the manifest, the compaction policies and the renderers know about a table without
 * opening it: its id (file number), key range, size and entry counts. Plain data.
 */
export interface TableMeta {
  id: number;
  smallest: Uint8Array;
  largest: Uint8Array;
  sizeBytes: number;
  entryCount: number;
  tombstoneCount: number;
}

/** `000042.sst`: zero-padded so names sort by number. */
export function tableFileName(id: number): string {
  return `${String(id).padStart(6, '0')}.sst`;
}

export function walFileName(id: number): string {
  return `${String(id).padStart(6, '0')}.log`;
}

/** Parses `NNNNNN.ext` back into its number, or null for any other name. */
export function parseFileNumber(name: string, ext: 'sst' | 'log'): number | null {
  const m = /^(\d{6,})\.(sst|log)$/.exec(name);
  return m !== null && m[2] === ext ? Number(m[1]) : null;
}
