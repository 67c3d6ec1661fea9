/**
 * Reading a profile file from the command line: only regular files (a FIFO, a device like
 * /dev/zero or a directory would block, never end or fail late), capped in size, and — for
 * formats that can be read a line at a time — read in chunks so neither the input nor the
 * output has to fit in one JavaScript string (V8 caps strings at about 512 Mi characters).
 */
import * as fs from 'node:fs';

/** Largest file streamed line by line (perf script → folded). */
export const MAX_STREAMED_BYTES = 1024 ** 3;
/** Largest file read whole (JSON and the other importers need the text in one string). */
export const MAX_WHOLE_FILE_BYTES = 512 * 1024 ** 2 - 1024;
/** A longer line is not a profile (e.g. a binary file without newlines). */
export const MAX_LINE_CHARS = 16 * 1024 ** 2;

/** A file we refuse to read, with a message for the user. */
export class InputFileError extends Error {}

const MiB = (n: number): string => `${(n / 1024 ** 2).toFixed(0)} MiB`;

/** Checks that `file` is a regular file of at most `maxBytes`; returns its size. */
export function checkInputFile(file: string, maxBytes: number): number {
  let st: fs.Stats;
  try {
    st = fs.statSync(file);
  } catch (err) {
    throw new InputFileError(err instanceof Error ? err.message : String(err));
  }
  if (st.isDirectory()) throw new InputFileError('it is a directory, not a profile file');
  if (!st.isFile())
    throw new InputFileError('not a regular file (a device, FIFO or socket cannot be read as a profile; save the output to a file first)');
  if (st.size > maxBytes) throw new InputFileError(`the file is ${MiB(st.size)}, more than the ${MiB(maxBytes)} this command reads`);
  return st.size;
}

/** The whole file, after checkInputFile; also refuses a file that grew past the cap meanwhile. */
export function readInputFile(file: string, maxBytes = MAX_WHOLE_FILE_BYTES): Uint8Array {
  checkInputFile(file, maxBytes);
  const bytes = fs.readFileSync(file);
  if (bytes.length > maxBytes) throw new InputFileError(`the file grew to more than ${MiB(maxBytes)} while it was read`);
  return new Uint8Array(bytes);
}

/**
 * The file's lines (UTF-8, without the `\n`; a leading byte-order mark dropped), read in
 * chunks. A final newline ends the last line; it does not add an empty one.
 */
export function* readInputLines(
  file: string,
  options: { maxBytes?: number; maxLineChars?: number; chunkBytes?: number } = {},
): Generator<string> {
  const maxBytes = options.maxBytes ?? MAX_STREAMED_BYTES;
  const maxLine = options.maxLineChars ?? MAX_LINE_CHARS;
  checkInputFile(file, maxBytes);
  let fd: number;
  try {
    fd = fs.openSync(file, 'r');
  } catch (err) {
    throw new InputFileError(err instanceof Error ? err.message : String(err));
  }
  try {
    const buffer = Buffer.alloc(options.chunkBytes ?? 1024 * 1024);
    const decoder = new TextDecoder('utf-8');
    let total = 0;
    let rest = '';
    let lineNo = 0;
    for (;;) {
      const n = fs.readSync(fd, buffer, 0, buffer.length, null);
      total += n;
      if (total > maxBytes) throw new InputFileError(`the file grew to more than ${MiB(maxBytes)} while it was read`);
      const text = rest + (n > 0 ? decoder.decode(buffer.subarray(0, n), { stream: true }) : decoder.decode());
      let start = 0;
      for (let nl = text.indexOf('\n'); nl >= 0; nl = text.indexOf('\n', start)) {
        lineNo++;
        yield text.slice(start, nl);
        start = nl + 1;
      }
      rest = text.slice(start);
      if (rest.length > maxLine)
        throw new InputFileError(`line ${lineNo + 1} is longer than ${MiB(maxLine)} characters; this is not a text profile`);
      if (n === 0) break;
    }
    if (rest !== '') yield rest;
  } finally {
    fs.closeSync(fd);
  }
}

/** The first `maxBytes` of a file as text (for sniffing its format). */
export function readInputHead(file: string, maxBytes = 65536): string {
  const fd = fs.openSync(file, 'r');
  try {
    const buffer = Buffer.alloc(maxBytes);
    const n = fs.readSync(fd, buffer, 0, maxBytes, 0);
    return new TextDecoder('utf-8').decode(buffer.subarray(0, n));
  } finally {
    fs.closeSync(fd);
  }
}
