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
 *
 * An entry may carry a note, a string a store read with the round for its own use (PostgreSQL: the
 * channel's previous daily date, passed back to its answer function; see
 * postgres/schema-click-previous.ts), served and forgotten with the entry.
 */
import type { RoundRow } from '../core/ports/store.js';

/** A round and its channel's subscription zone, as getRoundWithZone returns them. */
export interface RoundWithZone {
  round: RoundRow;
  timeZone: string | undefined;
}

/** See the module comment. Entries are frozen: callers share them. */
export class RoundCache {
  private readonly entries = new Map<number, { value: RoundWithZone; note: string | undefined; until: number }>();

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
    return this.fresh(id)?.value;
  }

  /** The note remembered with round `id` (see set), unless the entry is older than ttlMs or has none. */
  note(id: number): string | undefined {
    return this.fresh(id)?.note;
  }

  /**
   * Remember `value` for round `id`, with an optional `note` (a store's own string read with the
   * round, served by note(id) as long as the entry); returns the value frozen.
   */
  set(id: number, value: RoundWithZone, note?: string): RoundWithZone {
    if (this.ttlMs <= 0) return value;
    const { round } = value;
    Object.freeze(round.choiceOrder);
    Object.freeze(round.tags);
    if (round.messageRef) Object.freeze(round.messageRef);
    const frozen = Object.freeze({ round: Object.freeze(round), timeZone: value.timeZone });
    this.entries.delete(id);
    this.entries.set(id, { value: frozen, note, until: this.now() + this.ttlMs });
    if (this.entries.size > this.max) this.entries.delete(this.entries.keys().next().value as number);
    return frozen;
  }

  private fresh(id: number): { value: RoundWithZone; note: string | undefined } | undefined {
    const entry = this.entries.get(id);
    if (entry === undefined) return undefined;
    if (this.now() < entry.until) return entry;
    this.entries.delete(id);
    return undefined;
  }

    /** Forget round `id` (this process changed it). */
  forget(id: number): void {
    this.entries.delete(id);
  }

  /** Forget every round of one channel (PostgreSQL: a daily round was created there; see its note). */
  forgetChannel(platform: string, teamId: string, channelId: string): void {
    for (const [id, entry] of this.entries) {
      const r = entry.value.round;
      if (r.platform === platform && r.teamId === teamId && r.channelId === channelId) this.entries.delete(id);
    }
  }

  /** Forget every round (a subscription, an opener or a batch changed). */
  clear(): void {
    this.entries.clear();
  }
}
