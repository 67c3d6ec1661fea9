/**
 * A code fence's info string: the language, then optional `key=value` attributes, e.g.
 * "ts id=encode timeout=5". Values may be quoted with double quotes.
 */
export interface InfoString {
  readonly language: string;
  readonly attributes: Readonly<Record<string, string>>;
}

export function parseInfoString(info: string): InfoString {
  const trimmed = info.trim();
  const space = trimmed.search(/\s/);
  const language = (space === -1 ? trimmed : trimmed.slice(0, space)).toLowerCase();
  const attributes: Record<string, string> = {};
  if (space !== -1) {
    for (const m of trimmed.slice(space).matchAll(/([A-Za-z_][\w-]*)=(?:"([^"]*)"|(\S+))/g)) {
      attributes[m[1] as string] = (m[2] ?? m[3]) as string;
    }
  }
  return { language, attributes };
}
