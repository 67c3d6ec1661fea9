/**
 * A node's local clock: virtual time seen through an offset and a drift rate. The clock is
 * piecewise linear; changing the offset or the drift rebases it at the current virtual time, so
 * local time never depends on the history of how it got there beyond its value now.
 */
export class LocalClock {
  private baseVirtualMs = 0;
  private baseLocalMs = 0;
  /** Rate minus one: 0.001 runs 1000 ppm fast, -0.001 slow. */
  private drift = 0;

  readAt(virtualMs: number): number {
    return this.baseLocalMs + (virtualMs - this.baseVirtualMs) * (1 + this.drift);
  }

  /** Jump the clock by deltaMs (positive = forward, as an NTP step would). */
  step(virtualMs: number, deltaMs: number): void {
    this.rebase(virtualMs);
    this.baseLocalMs += deltaMs;
  }

  setDrift(virtualMs: number, drift: number): void {
    if (!(drift > -1)) throw new RangeError(`clock drift must be > -1, got ${drift}`);
    this.rebase(virtualMs);
    this.drift = drift;
  }

  /** Virtual milliseconds until `localDelayMs` has passed on this clock. */
  toVirtualDelay(localDelayMs: number): number {
    return localDelayMs / (1 + this.drift);
  }

  describe(virtualMs: number): { localMs: number; offsetMs: number; drift: number } {
    const localMs = this.readAt(virtualMs);
    return { localMs, offsetMs: localMs - virtualMs, drift: this.drift };
  }

  private rebase(virtualMs: number): void {
    this.baseLocalMs = this.readAt(virtualMs);
    this.baseVirtualMs = virtualMs;
  }
}
