/**
 * `serialize`: encoding a 200-record batch as JSON text vs a hand-written fixed-width binary
 * layout (DDIA ch. 4, encoding: textual formats pay for their readability), and decoding it back.
 */
import { createRandom } from '../../../util/prng';
import { type BenchSuite } from './suite';

interface Row {
  id: number;
  ts: number;
  value: number;
  ok: boolean;
}

function rows(): Row[] {
  const rnd = createRandom(0xc0de);
  return Array.from({ length: 200 }, (_, i) => ({
    id: i,
    ts: 1_700_000_000_000 + rnd.int(1e6),
    value: rnd.next() * 1000,
    ok: rnd.chance(0.9),
  }));
}

// Binary layout per row, little-endian: id u32 | ts f64 | value f64 | ok u8 = 21 bytes.
const ROW_BYTES = 21;

function encodeBinary(rs: readonly Row[]): Buffer {
  const b = Buffer.allocUnsafe(rs.length * ROW_BYTES);
  rs.forEach((r, i) => {
    const o = i * ROW_BYTES;
    b.writeUInt32LE(r.id, o);
    b.writeDoubleLE(r.ts, o + 4);
    b.writeDoubleLE(r.value, o + 12);
    b.writeUInt8(r.ok ? 1 : 0, o + 20);
  });
  return b;
}

function decodeBinary(b: Buffer): Row[] {
  const out: Row[] = [];
  for (let o = 0; o + ROW_BYTES <= b.length; o += ROW_BYTES)
    out.push({ id: b.readUInt32LE(o), ts: b.readDoubleLE(o + 4), value: b.readDoubleLE(o + 12), ok: b.readUInt8(o + 20) === 1 });
  return out;
}

export const serializeSuite: BenchSuite = {
  id: 'serialize',
  summary: 'encode and decode 200 records: JSON text vs a fixed-width binary layout',
  cases: [
    {
      name: 'JSON encode',
      setup: () =>
        (
          (rs) => () =>
            JSON.stringify(rs)
        )(rows()),
    },
    {
      name: 'binary encode',
      setup: () =>
        (
          (rs) => () =>
            encodeBinary(rs)
        )(rows()),
    },
    {
      name: 'JSON decode',
      setup: () =>
        (
          (t) => () =>
            JSON.parse(t) as unknown
        )(JSON.stringify(rows())),
    },
    {
      name: 'binary decode',
      setup: () =>
        (
          (b) => () =>
            decodeBinary(b)
        )(encodeBinary(rows())),
    },
  ],
  compare: [
    ['JSON encode', 'binary encode'],
    ['JSON decode', 'binary decode'],
  ],
};
