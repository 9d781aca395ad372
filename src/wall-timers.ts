/**
 * The production `Timers` (core's deferred work) on setTimeout, remembering what is pending so
 * shutdown and one-shot commands can cancel everything and exit promptly.
 */
import type { Timers } from './core/deps.js';

/** Timers on setTimeout that can all be cancelled at once. */
export class WallTimers implements Timers {
  private readonly pending = new Set<NodeJS.Timeout>();

  /** @param onError receives anything a callback throws (it never reaches the event loop). */
  constructor(private readonly onError: (err: unknown) => void = () => {}) {}

  /** See Timers.after. */
  after(ms: number, fn: () => void): () => void {
    const handle = setTimeout(() => {
      this.pending.delete(handle);
      try {
        fn();
      } catch (err) {
        this.onError(err);
      }
    }, Math.max(0, ms));
    this.pending.add(handle);
    return () => {
      clearTimeout(handle);
      this.pending.delete(handle);
    };
  }

  /** How many callbacks are waiting. */
  get size(): number {
    return this.pending.size;
  }

  /** Cancel every pending callback. */
  cancelAll(): void {
    for (const handle of this.pending) clearTimeout(handle);
    this.pending.clear();
  }
}
