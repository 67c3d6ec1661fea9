/**
 * On-disk formats of the column store. A table is a folder holding a TABLE file (the schema and
 * the generation of the write that made it) and one file per column,
 * `col-<generation>-<index>.col`, so a query reads only the columns it names.
 *
 * Column file (integers little-endian):
 *
 *   +------------------+----------+--------------+-------------+---------------+-----------------+------------+---------+
 *   | magic "DDIACOL2" | type: u8 | encoding: u8 | reserved: u16 | rowCount: u32 | payloadLength: u32 | crc32: u32 | payload |
 *   +------------------+----------+--------------+-------------+---------------+-----------------+------------+---------+
 *
 *   type: 0 number, 1 string; encoding: 0 plain, 1 rle, 2 bitmap (payloads in columnEncoding.ts;
 *   version 2 stores bitmaps run-length encoded, version 1 stored them as plain bits);
 *   crc32 covers the payload.
 *
 * TABLE file: magic "DDIATBL2" | length: u32 | crc32: u32 | UTF-8 JSON
 *   { rowCount, generation, columns: [{ name, type, encoding }] }.
 *
 * Decoders validate everything and throw `StorageCorruptionError` naming the file and offset.
 */
import { ByteWriter, readU32 } from '../lsm/bytes';
import { crc32 } from '../lsm/checksum';
import { StorageCorruptionError } from '../codec/corruption';
import { decodeColumn, type ColumnVector, type Encoding, ENCODING_CODES } from './columnEncoding';
import { type ColumnSchema, type ColumnType } from './columnTypes';

const COL_MAGIC = new TextEncoder().encode('DDIACOL2');
const TABLE_MAGIC = new TextEncoder().encode('DDIATBL2');
/** Version 1 files (plain-bit bitmaps, no generations) are recognised, to say so instead of "not a column file". */
const OLD_VERSION = 0x31; // '1'
const OLDER_FORMAT = 'written by an older version of this store (format 1): write the table again';
const COL_HEADER_BYTES = 24;
const TYPES: ColumnType[] = ['number', 'string'];
const ENCODINGS: Encoding[] = ['plain', 'rle', 'bitmap'];

export interface TableSchemaFile {
  rowCount: number;
  generation: number;
  columns: (ColumnSchema & { encoding: Encoding })[];
}

export function encodeColumnFile(type: ColumnType, encoding: Encoding, rowCount: number, payload: Uint8Array): Uint8Array {
  const w = new ByteWriter(COL_HEADER_BYTES + payload.length);
  w.bytes(COL_MAGIC);
  w.u8(TYPES.indexOf(type));
  w.u8(ENCODING_CODES[encoding]);
  w.u8(0);
  w.u8(0);
  w.u32(rowCount);
  w.u32(payload.length);
  w.u32(crc32(payload));
  w.bytes(payload);
  return w.finish();
}

export function decodeColumnFile(bytes: Uint8Array, file: string, expect: { type: ColumnType; rowCount: number }): ColumnVector {
  const fail = (offset: number, reason: string): never => {
    throw new StorageCorruptionError(file, offset, reason);
  };
  if (bytes.length < COL_HEADER_BYTES) fail(0, 'column file shorter than its header');
  if (sameMagicBut(bytes, COL_MAGIC, OLD_VERSION)) fail(0, OLDER_FORMAT);
  for (let i = 0; i < COL_MAGIC.length; i++) if (bytes[i] !== COL_MAGIC[i]) fail(0, 'not a column file (magic mismatch)');
  const type = TYPES[bytes[8] as number];
  const encoding = ENCODINGS[bytes[9] as number];
  if (type === undefined || type !== expect.type) fail(8, `column type ${bytes[8]} does not match the schema`);
  if (encoding === undefined) fail(9, `unknown encoding ${bytes[9]}`);
  const rowCount = readU32(bytes, 12);
  if (rowCount !== expect.rowCount) fail(12, `row count ${rowCount} does not match the table's ${expect.rowCount}`);
  const length = readU32(bytes, 16);
  if (COL_HEADER_BYTES + length !== bytes.length) fail(16, `payload length ${length} does not match the file`);
  const payload = bytes.subarray(COL_HEADER_BYTES);
  if (crc32(payload) !== readU32(bytes, 20)) fail(COL_HEADER_BYTES, 'column checksum mismatch');
  try {
    return decodeColumn(type as ColumnType, encoding as Encoding, payload, rowCount);
  } catch (e) {
    // The checksum matched, so this is a writer bug or a collision; still never return bad data.
    return fail(COL_HEADER_BYTES, `malformed payload: ${(e as Error).message}`);
  }
}

/** True if `bytes` starts with `magic` except for its last byte (the version), which is `version`. */
function sameMagicBut(bytes: Uint8Array, magic: Uint8Array, version: number): boolean {
  if (bytes.length < magic.length || bytes[magic.length - 1] !== version) return false;
  for (let i = 0; i < magic.length - 1; i++) if (bytes[i] !== magic[i]) return false;
  return true;
}

export function encodeTableFile(t: TableSchemaFile): Uint8Array {
  const json = new TextEncoder().encode(JSON.stringify(t));
  const w = new ByteWriter(16 + json.length);
  w.bytes(TABLE_MAGIC);
  w.u32(json.length);
  w.u32(crc32(json));
  w.bytes(json);
  return w.finish();
}

export function decodeTableFile(bytes: Uint8Array, file: string): TableSchemaFile {
  const fail = (offset: number, reason: string): never => {
    throw new StorageCorruptionError(file, offset, reason);
  };
  if (bytes.length < 16) fail(0, 'table file too short');
  if (sameMagicBut(bytes, TABLE_MAGIC, OLD_VERSION)) fail(0, OLDER_FORMAT);
  for (let i = 0; i < TABLE_MAGIC.length; i++) if (bytes[i] !== TABLE_MAGIC[i]) fail(0, 'not a table file (magic mismatch)');
  if (readU32(bytes, 8) + 16 !== bytes.length) fail(8, 'bad length');
  if (crc32(bytes, 16) !== readU32(bytes, 12)) fail(16, 'table file checksum mismatch');
  let t: TableSchemaFile;
  try {
    t = JSON.parse(new TextDecoder().decode(bytes.subarray(16))) as TableSchemaFile;
  } catch {
    return fail(16, 'table file is not valid JSON');
  }
  const ok =
    typeof t === 'object' &&
    t !== null &&
    Number.isSafeInteger(t.rowCount) &&
    Number.isSafeInteger(t.generation) &&
    t.generation >= 1 &&
    Array.isArray(t.columns) &&
    t.columns.every((c) => typeof c.name === 'string' && TYPES.includes(c.type) && ENCODINGS.includes(c.encoding));
  if (!ok) fail(16, 'bad schema fields');
  return t;
}
