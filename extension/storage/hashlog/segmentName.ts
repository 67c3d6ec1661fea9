/**
 * Segment file names. A segment is `<id>-<part>.seg` (ids and parts zero-padded so names sort
 * like numbers); its hint, if any, is `<id>-<part>.hint`. The write path allocates new ids with
 * part 0; compaction of segments up to id N writes its outputs as N-(p+1), N-(p+2), … where p is
 * the largest part of N, so outputs replay after their inputs and before every newer segment.
 * Files are written under `<name>.tmp` first and renamed when complete.
 */
export interface SegmentId {
  id: number;
  part: number;
}

const PATTERN = /^(\d{10})-(\d{4})\.(seg|hint)$/;

export function segmentFileName(s: SegmentId): string {
  return `${String(s.id).padStart(10, '0')}-${String(s.part).padStart(4, '0')}.seg`;
}

export function hintFileName(s: SegmentId): string {
  return segmentFileName(s).replace(/\.seg$/, '.hint');
}

export function parseSegmentFileName(name: string): (SegmentId & { kind: 'seg' | 'hint' }) | null {
  const m = PATTERN.exec(name);
  if (!m) return null;
  return { id: Number(m[1]), part: Number(m[2]), kind: m[3] as 'seg' | 'hint' };
}

export function compareSegmentIds(a: SegmentId, b: SegmentId): number {
  return a.id - b.id || a.part - b.part;
}
