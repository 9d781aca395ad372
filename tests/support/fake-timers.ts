/**
 * The one fake clock and fake timers of the tests. FakeTimers implements core's Timers: nothing
 * fires until the test calls `advance(ms)`, which runs every timer falling due in time order
 * (ties in the order they were set), moving `now` (ms since the fake epoch 0) to each as it runs.
 * FakeClock is a wall clock the test sets.
 */
import type { Timers } from '../../src/core/deps.js';

/** Timers that fire only when the test advances them. */
export class FakeTimers implements Timers {
  /** Fake time in ms since 0. */
  now = 0;
  private pending: { at: number; fn: () => void; seq: number }[] = [];
  private seq = 0;

  after(ms: number, fn: () => void): () => void {
    const entry = { at: this.now + ms, fn, seq: this.seq++ };
    this.pending.push(entry);
    return () => {
      this.pending = this.pending.filter((e) => e !== entry);
    };
  }

  /** Move forward by `ms`, running every timer that falls due, in order (timers they set included). */
  advance(ms: number): void {
    const target = this.now + ms;
    for (;;) {
      const due = this.pending.filter((e) => e.at <= target).sort((a, b) => a.at - b.at || a.seq - b.seq)[0];
      if (!due) break;
      this.pending = this.pending.filter((e) => e !== due);
      this.now = due.at;
      due.fn();
    }
    this.now = target;
  }

  /** Timers set and neither fired nor cancelled. */
  get size(): number {
    return this.pending.length;
  }
}

/** A wall clock the test sets (UTC instants). */
export class FakeClock {
  constructor(private at: Date) {}
  /** A copy of the current instant. */
  now(): Date {
    return new Date(this.at.getTime());
  }
  /** Set the instant (a Date or an ISO string). */
  set(at: Date | string): void {
    this.at = typeof at === 'string' ? new Date(at) : at;
  }
}
