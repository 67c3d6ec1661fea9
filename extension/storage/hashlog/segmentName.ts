/**
 * Segment file names. A segment is `<id>-<part>.seg` (ids and parts zero-padded so names sort
 * like numbers). The write path allocates new ids with part 0: those are log segments
 * (recordFormat.ts). Compaction of segments up to id N writes its outputs as N-(p+1), N-(p+2), …
 * where p is the largest part of N, so outputs replay after their inputs and before every newer
 * segment; a part above 0 therefore marks a compacted segment (keyedSegment.ts). Files are
 * written under `<name>.tmp` first and renamed when complete.
 */
export interface SegmentId {
  id: number;
  part: number;
}

const PATTERN = /^(\d{10})-(\d{4})\.seg$/;

export function segmentFileName(s: SegmentId): string {
  return `${String(s.id).padStart(10, '0')}-${String(s.part).padStart(4, '0')}.seg`;
}

export function parseSegmentFileName(name: string): SegmentId | null {
  const m = PATTERN.exec(name);
  if (!m) return null;
  return { id: Number(m[1]), part: Number(m[2]) };
}

/** Compaction outputs, and only they, have a part above 0. */
export function isCompactedSegment(s: SegmentId): boolean {
  return s.part > 0;
}

export function compareSegmentIds(a: SegmentId, b: SegmentId): number {
  return a.id - b.id || a.part - b.part;
}
