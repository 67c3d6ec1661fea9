/**
 * Downsampling for large series, so a 100k-point line stays smooth without dropping what
 * matters: per pixel column keep the first, minimum, maximum and last point (the "M4" idea of
 * Jugel et al., 2014), which draws the same polyline at that width. Scatter plots keep one point
 * per occupied pixel cell. Pure functions, unit-tested without a DOM.
 */
export type Point = readonly [number, number];

export function downsampleLine(points: readonly Point[], xMin: number, xMax: number, columns: number): Point[] {
  if (points.length <= columns * 4 || columns <= 0) return points.slice();
  const span = xMax - xMin || 1;
  const out: Point[] = [];
  let bucket = -1;
  let first: Point | undefined;
  let min: Point | undefined;
  let max: Point | undefined;
  let last: Point | undefined;
  const flush = (): void => {
    if (!first || !min || !max || !last) return;
    const keep = [first, min, max, last].sort((a, b) => a[0] - b[0]);
    for (const p of keep) if (out[out.length - 1] !== p) out.push(p);
  };
  for (const p of points) {
    const b = Math.min(columns - 1, Math.max(0, Math.floor(((p[0] - xMin) / span) * columns)));
    if (b !== bucket) {
      flush();
      bucket = b;
      first = min = max = last = p;
      continue;
    }
    last = p;
    if (p[1] < (min as Point)[1]) min = p;
    if (p[1] > (max as Point)[1]) max = p;
  }
  flush();
  return out;
}

export function downsampleScatter(
  points: readonly Point[],
  x: (v: number) => number,
  y: (v: number) => number,
  maxPoints: number,
): Point[] {
  if (points.length <= maxPoints) return points.slice();
  const seen = new Set<number>();
  const out: Point[] = [];
  for (const p of points) {
    const key = Math.round(x(p[0])) * 65536 + Math.round(y(p[1]));
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(p);
  }
  return out;
}
