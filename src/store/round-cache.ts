/**
 * A short-lived, process-local memory of getRoundWithZone results: every answer click reads its
 * round and channel zone first, and many users click the same round, so most of those reads are
 * answered here instead of by a read transaction (which costs more than the answer's own insert).
 *
 * Staleness is bounded and harmless: SqliteStore forgets a round when it changes it (close,
 * message, delete) and everything when a subscription, an opener or a batch changes; changes made
 * by another process are seen after at most `ttlMs`. recordAnswer re-reads the stored round inside
 * its transaction, so a round closed elsewhere still refuses the answer; only the zone an answer's
 * local date is counted in may lag another process's subscription change by up to `ttlMs`.
 */
import type { RoundRow } from '../core/ports/store.js';

/** A round and its channel's subscription zone, as getRoundWithZone returns them. */
export interface RoundWithZone {
  round: RoundRow;
  timeZone: string | undefined;
}

/** See the module comment. Entries are frozen: callers share them. */
export class RoundCache {
  private readonly entries = new Map<number, { value: RoundWithZone; until: number }>();

  /**
   * @param ttlMs how long an entry is served, in ms (0 turns the cache off)
   * @param max most entries kept; the oldest goes first
   * @param now the clock, in ms (tests pass a fake)
   */
  constructor(
    private readonly ttlMs = 5_000,
    private readonly max = 1_000,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** The remembered value for round `id`, unless it is older than ttlMs. */
  get(id: number): RoundWithZone | undefined {
    const entry = this.entries.get(id);
    if (entry === undefined) return undefined;
    if (this.now() < entry.until) return entry.value;
    this.entries.delete(id);
    return undefined;
  }

  /** Remember `value` for round `id`; returns it frozen. */
  set(id: number, value: RoundWithZone): RoundWithZone {
    if (this.ttlMs <= 0) return value;
    const { round } = value;
    Object.freeze(round.choiceOrder);
    Object.freeze(round.tags);
    if (round.messageRef) Object.freeze(round.messageRef);
    const frozen = Object.freeze({ round: Object.freeze(round), timeZone: value.timeZone });
    this.entries.delete(id);
    this.entries.set(id, { value: frozen, until: this.now() + this.ttlMs });
    if (this.entries.size > this.max) this.entries.delete(this.entries.keys().next().value as number);
    return frozen;
  }

  /** Forget round `id` (this process changed it). */
  forget(id: number): void {
    this.entries.delete(id);
  }

  /** Forget every round (a subscription, an opener or a batch changed). */
  clear(): void {
    this.entries.clear();
  }
}
