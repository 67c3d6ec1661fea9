/**
 * Profile file content as importers see it: decoded text (UTF-8, or UTF-16 LE/BE when the file
 * starts with a byte-order mark, as Windows tools write folded stacks) with the JSON parse
 * done at most once however many importers look at it.
 */

export type JsonParse = { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly error: string };

export class ProfileInput {
  private parsed: JsonParse | undefined;

  constructor(
    readonly text: string,
    readonly fileName?: string,
  ) {}

  static from(content: string | Uint8Array | ProfileInput, fileName?: string): ProfileInput {
    if (content instanceof ProfileInput) return content;
    return new ProfileInput(typeof content === 'string' ? stripBom(content) : decodeText(content), fileName);
  }

  /** True when the first non-blank character opens a JSON object or array. */
  looksLikeJson(): boolean {
    const m = /^\s*([{[])/.exec(this.text.slice(0, 256));
    return m !== null;
  }

  json(): JsonParse {
    if (this.parsed === undefined) {
      try {
        this.parsed = { ok: true, value: JSON.parse(this.text) as unknown };
      } catch (e) {
        this.parsed = { ok: false, error: e instanceof Error ? e.message : String(e) };
      }
    }
    return this.parsed;
  }
}

function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

export function decodeText(bytes: Uint8Array): string {
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) {
    // Swap to little endian rather than rely on 'utf-16be', which needs full ICU in Node.
    const swapped = new Uint8Array(bytes.length - 2 - (bytes.length % 2));
    for (let i = 0; i + 1 < swapped.length; i += 2) {
      swapped[i] = bytes[i + 3] as number;
      swapped[i + 1] = bytes[i + 2] as number;
    }
    return new TextDecoder('utf-16le').decode(swapped);
  }
  return stripBom(new TextDecoder('utf-8').decode(bytes));
}
