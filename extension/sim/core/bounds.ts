/**
 * Every simulation runs under hard bounds (events processed, virtual time, event-queue size), so a
 * protocol that loops forever or floods the network fails fast with a typed error instead of
 * hanging a notebook cell. The defaults are generous for labs and small enough for unit tests.
 */
export interface SimBounds {
  /** Maximum number of queue events the main loop may process. */
  maxEvents: number;
  /** Maximum virtual time (ms) an event may be scheduled at. */
  maxTimeMs: number;
  /** Maximum number of pending events (messages in flight, timers, scheduled faults). */
  maxQueueSize: number;
}

export const DEFAULT_BOUNDS: SimBounds = { maxEvents: 5_000_000, maxTimeMs: 3_600_000, maxQueueSize: 1_000_000 };

export type BoundKind = 'events' | 'time' | 'queue';

/** Thrown when a run hits one of its bounds; carries which bound, its limit and where it was hit. */
export class SimBoundError extends Error {
  override readonly name = 'SimBoundError';
  constructor(
    readonly bound: BoundKind,
    readonly limit: number,
    readonly atMs: number,
    readonly eventCount: number,
  ) {
    super(`simulation bound exceeded: ${bound} limit ${limit} (virtual time ${atMs} ms, ${eventCount} events processed)`);
  }
}
