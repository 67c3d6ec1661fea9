/**
 * Base64 (RFC 4648, with padding) between bytes and text, for carrying a trace encoding inside a
 * JSON notebook output. Browser-safe: no Buffer, and no btoa/atob, whose one-char-per-byte strings
 * double the work for megabyte inputs.
 */
import { TraceDecodeError } from './bytes';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const CODES = new Uint8Array(128).fill(255);
for (let i = 0; i < ALPHABET.length; i++) CODES[ALPHABET.charCodeAt(i)] = i;

export function toBase64(bytes: Uint8Array): string {
  const parts: string[] = [];
  // Build the text in chunks: String.fromCharCode over a few KB at a time keeps memory flat.
  const CHUNK = 3 * 4096;
  const out = new Uint8Array((CHUNK / 3) * 4);
  for (let start = 0; start < bytes.length; start += CHUNK) {
    const end = Math.min(bytes.length, start + CHUNK);
    let o = 0;
    let i = start;
    for (; i + 2 < end; i += 3) {
      const n = ((bytes[i] as number) << 16) | ((bytes[i + 1] as number) << 8) | (bytes[i + 2] as number);
      out[o++] = ALPHABET.charCodeAt(n >>> 18);
      out[o++] = ALPHABET.charCodeAt((n >>> 12) & 63);
      out[o++] = ALPHABET.charCodeAt((n >>> 6) & 63);
      out[o++] = ALPHABET.charCodeAt(n & 63);
    }
    if (i < end) {
      const rest = end - i;
      const n = ((bytes[i] as number) << 16) | (rest === 2 ? (bytes[i + 1] as number) << 8 : 0);
      out[o++] = ALPHABET.charCodeAt(n >>> 18);
      out[o++] = ALPHABET.charCodeAt((n >>> 12) & 63);
      out[o++] = rest === 2 ? ALPHABET.charCodeAt((n >>> 6) & 63) : 61;
      out[o++] = 61;
    }
    parts.push(String.fromCharCode.apply(null, out.subarray(0, o) as unknown as number[]));
  }
  return parts.join('');
}

export function fromBase64(text: string): Uint8Array {
  if (text.length % 4 !== 0) throw new TraceDecodeError(`corrupt: base64 text length ${text.length} is not a multiple of 4`);
  let pad = 0;
  if (text.endsWith('==')) pad = 2;
  else if (text.endsWith('=')) pad = 1;
  const out = new Uint8Array((text.length / 4) * 3 - pad);
  let o = 0;
  for (let i = 0; i < text.length; i += 4) {
    const last = i + 4 === text.length;
    const a = code(text, i);
    const b = code(text, i + 1);
    const c = last && pad === 2 ? 0 : code(text, i + 2);
    const d = last && pad >= 1 ? 0 : code(text, i + 3);
    const n = (a << 18) | (b << 12) | (c << 6) | d;
    out[o++] = n >>> 16;
    if (o < out.length) out[o++] = (n >>> 8) & 255;
    if (o < out.length) out[o++] = n & 255;
  }
  return out;
}

function code(text: string, i: number): number {
  const ch = text.charCodeAt(i);
  const v = ch < 128 ? (CODES[ch] as number) : 255;
  if (v === 255) throw new TraceDecodeError(`corrupt: character ${JSON.stringify(text[i])} at ${i} is not base64`);
  return v;
}
