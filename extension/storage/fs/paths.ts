/**
 * Path helpers shared by the file-system implementations. Paths are '/'-separated strings
 * relative to the file system's root ('' is the root); a leading './' or '/' and duplicate or
 * trailing slashes are ignored, so `a//b/` and `/a/b` name the same entry.
 */
export function normalizePath(p: string): string {
  const parts = p.split('/').filter((s) => s !== '' && s !== '.');
  if (parts.includes('..')) throw new RangeError(`'..' is not allowed in storage paths: ${p}`);
  return parts.join('/');
}

/** The directory holding `p` ('' for entries in the root). */
export function parentDir(p: string): string {
  const n = normalizePath(p);
  const i = n.lastIndexOf('/');
  return i < 0 ? '' : n.slice(0, i);
}

export function baseName(p: string): string {
  const n = normalizePath(p);
  return n.slice(n.lastIndexOf('/') + 1);
}

export function joinPath(...parts: string[]): string {
  return normalizePath(parts.join('/'));
}
