/**
 * The manifest: the versioned list of live tables per level, plus the file-number counter and
 * the oldest write-ahead log still needed. It is the engine's single source of truth for which
 * `.sst` files exist; any other table file in the folder is an orphan of an interrupted flush
 * or compaction and is deleted on open.
 *
 * It is small, so instead of LevelDB's append-only edit log we rewrite it whole and atomically:
 * write `MANIFEST.tmp`, fsync it, rename it over `MANIFEST`, fsync the directory. A crash
 * leaves either the old or the new manifest, never a mix.
 *
 * Byte layout (integers little-endian):
 *
 *   +------------------+------------------+-------------+------------+------------------+
 *   | magic "DDIAMAN1" | formatVersion: u32 | length: u32 | crc32: u32 | payload (length) |
 *   +------------------+------------------+-------------+------------+------------------+
 *
 * The payload is UTF-8 JSON (readable in a lab): { version, nextFileNumber, logNumber, style,
 * levels: [[{ id, smallest, largest (hex), sizeBytes, entryCount, tombstoneCount }]] }. The CRC
 * covers the payload.
 */
import { ByteWriter, readU32 } from './bytes';
import { crc32 } from './checksum';
import { corrupt, type Decoded, decoded } from './corruption';
import { type TableMeta } from './tableMeta';
import { type FileSystem } from '../fs/fileSystem';

export const MANIFEST_NAME = 'MANIFEST';
const MAGIC = new TextEncoder().encode('DDIAMAN1');
const FORMAT_VERSION = 1;
const HEADER_BYTES = 20;

export interface Manifest {
  /** Increases by one on every rewrite. */
  version: number;
  nextFileNumber: number;
  /** Logs numbered >= this hold writes not yet in any table. */
  logNumber: number;
  style: 'leveled' | 'tiered';
  levels: TableMeta[][];
}

const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');
const unhex = (s: string): Uint8Array => new Uint8Array(Buffer.from(s, 'hex'));

export function encodeManifest(m: Manifest): Uint8Array {
  const payload = new TextEncoder().encode(
    JSON.stringify({
      ...m,
      levels: m.levels.map((l) => l.map((t) => ({ ...t, smallest: hex(t.smallest), largest: hex(t.largest) }))),
    }),
  );
  const w = new ByteWriter(HEADER_BYTES + payload.length);
  w.bytes(MAGIC);
  w.u32(FORMAT_VERSION);
  w.u32(payload.length);
  w.u32(crc32(payload));
  w.bytes(payload);
  return w.finish();
}

const isNat = (x: unknown): x is number => typeof x === 'number' && Number.isSafeInteger(x) && x >= 0;
const isHex = (x: unknown): x is string => typeof x === 'string' && /^([0-9a-f]{2})*$/.test(x);

export function decodeManifest(bytes: Uint8Array, file: string): Decoded<Manifest> {
  if (bytes.length < HEADER_BYTES) return corrupt('truncated', file, 0, 'manifest shorter than its header');
  for (let i = 0; i < MAGIC.length; i++) if (bytes[i] !== MAGIC[i]) return corrupt('bad-magic', file, 0, 'not a manifest');
  if (readU32(bytes, 8) !== FORMAT_VERSION) return corrupt('bad-version', file, 8, `format version ${readU32(bytes, 8)}`);
  const length = readU32(bytes, 12);
  if (HEADER_BYTES + length !== bytes.length) return corrupt('bad-length', file, 12, `payload length ${length}`);
  const payload = bytes.subarray(HEADER_BYTES);
  if (crc32(payload) !== readU32(bytes, 16)) return corrupt('bad-checksum', file, HEADER_BYTES, 'manifest checksum mismatch');
  let raw: unknown;
  try {
    raw = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(payload));
  } catch {
    return corrupt('bad-field', file, HEADER_BYTES, 'payload is not JSON');
  }
  const m = raw as Record<string, unknown>;
  if (
    !isNat(m['version']) ||
    !isNat(m['nextFileNumber']) ||
    !isNat(m['logNumber']) ||
    (m['style'] !== 'leveled' && m['style'] !== 'tiered')
  ) {
    return corrupt('bad-field', file, HEADER_BYTES, 'missing or bad header fields');
  }
  if (!Array.isArray(m['levels'])) return corrupt('bad-field', file, HEADER_BYTES, 'levels is not a list');
  const levels: TableMeta[][] = [];
  for (const level of m['levels'] as unknown[]) {
    if (!Array.isArray(level)) return corrupt('bad-field', file, HEADER_BYTES, 'level is not a list');
    const tables: TableMeta[] = [];
    for (const t of level as Record<string, unknown>[]) {
      const ok =
        isNat(t['id']) &&
        isHex(t['smallest']) &&
        isHex(t['largest']) &&
        isNat(t['sizeBytes']) &&
        isNat(t['entryCount']) &&
        isNat(t['tombstoneCount']);
      if (!ok) return corrupt('bad-field', file, HEADER_BYTES, 'bad table entry');
      tables.push({
        id: t['id'] as number,
        smallest: unhex(t['smallest'] as string),
        largest: unhex(t['largest'] as string),
        sizeBytes: t['sizeBytes'] as number,
        entryCount: t['entryCount'] as number,
        tombstoneCount: t['tombstoneCount'] as number,
      });
    }
    levels.push(tables);
  }
  return decoded({
    version: m['version'],
    nextFileNumber: m['nextFileNumber'],
    logNumber: m['logNumber'],
    style: m['style'],
    levels,
  });
}

/** Replaces `dir/MANIFEST` atomically and durably; returns the bytes written. */
export function writeManifest(fs: FileSystem, dir: string, m: Manifest): number {
  const bytes = encodeManifest(m);
  const tmp = `${dir}/${MANIFEST_NAME}.tmp`;
  if (fs.exists(tmp)) fs.remove(tmp);
  const h = fs.open(tmp, 'create');
  h.write(0, bytes);
  h.sync();
  h.close();
  fs.rename(tmp, `${dir}/${MANIFEST_NAME}`);
  fs.syncDir(dir);
  return bytes.length;
}
