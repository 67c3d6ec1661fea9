/**
 * Frame colours. Every frame name gets the same hue wherever it appears (in both orientations,
 * in the sandwich and in every profile of a session), so a reader learns "the green one is the
 * parser" once. Lightness depends on the theme so black or white text stays readable.
 * Differential colours follow Brendan Gregg's differential flame graphs: red grew, blue shrank.
 */

export type ThemeKind = 'light' | 'dark';

/** FNV-1a over UTF-16 code units: cheap, stable across runs and machines. */
export function nameHash(name: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < name.length; i++) {
    h ^= name.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** Fill colour for a frame name. Hues skip pure reds and blues, which the diff view uses. */
export function frameColour(name: string, theme: ThemeKind): string {
  const h = nameHash(name);
  const hue = 20 + (h % 160); // 20..179: orange, yellow, green, teal
  const sat = 45 + ((h >>> 8) % 25);
  const light = theme === 'dark' ? 30 + ((h >>> 16) % 12) : 68 + ((h >>> 16) % 14);
  return `hsl(${hue}, ${sat}%, ${light}%)`;
}

export function textColour(theme: ThemeKind): string {
  return theme === 'dark' ? '#f0f0f0' : '#1e1e1e';
}

/**
 * Colour for a change of share `delta` (after share − before share, in [-1, 1]) relative to the
 * largest change in the view, `maxAbs`. Unchanged frames are grey.
 */
export function diffColour(delta: number, maxAbs: number, theme: ThemeKind): string {
  const strength = maxAbs > 0 ? Math.min(1, Math.abs(delta) / maxAbs) : 0;
  if (strength < 0.02) return theme === 'dark' ? 'hsl(0, 0%, 35%)' : 'hsl(0, 0%, 82%)';
  const hue = delta > 0 ? 0 : 215;
  const sat = Math.round(30 + strength * 60);
  const light = theme === 'dark' ? Math.round(38 - strength * 8) : Math.round(85 - strength * 30);
  return `hsl(${hue}, ${sat}%, ${light}%)`;
}
