/** An anomaly a checker found in a history, with the operations that show it. */
export type AnomalyKind =
  | 'stale-read'
  | 'lost-write'
  | 'read-your-writes'
  | 'monotonic-reads'
  | 'consistent-prefix'
  | 'unknown-value'
  | 'not-linearizable'
  /** The linearizability search ran out of steps or time: neither verdict was reached. */
  | 'linearizability-unknown';

export interface Anomaly {
  kind: AnomalyKind;
  key?: string;
  /** The operations involved; the first is the one that observed the anomaly. */
  opIds: number[];
  atMs: number;
  message: string;
}
