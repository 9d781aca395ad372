/**
 * Keeps a posted round message's "N answered" line current without flooding the chat API: per
 * round, at most one Poster.update per `settings.roundRefreshMs` window, over every process sharing
 * the database. The first answer after a quiet spell claims the edit in the store
 * (claimRoundRefresh at the answer's time) and updates at once; answers inside the window mark the
 * round dirty and one trailing claim runs when the window ends. A claim another process holds
 * leaves this one dirty for one trailing try at the window's end; when that fails too, the other
 * process edited after this one's answers were stored, so they are shown. Timing uses
 * `deps.timers` and the answers' own times, never the wall clock.
 *
 * A claim returns the round and its answer count read with it (one store call, one round trip on
 * PostgreSQL), so a refresh costs the claim, the update and one round read after it.
 *
 * Nothing is updated once the round is closed (the reveal owns the message then): the claim is
 * refused for a closed round; the store calls yield, so a refresh whose round is forgotten (closed)
 * while it claims drops its update; and after each update the round is read again: when it was
 * closed meanwhile (by any process, whose reveal may have reached the chat before this update), the
 * reveal is sent again, so a late refresh never leaves a count over a reveal. Update failures are
 * logged, never thrown.
 */
import type { CoreDeps } from './deps.js';
import type { RoundRefreshClaimsPort, RoundRow, RoundsPort, RoundTally } from './ports/store.js';
import type { Reply } from './reply.js';

/** How the refresher draws a round's message (see RoundService). */
export interface RoundMessageViews {
  /** How many choices a round's tally counts by (its question's, else its choice order's). */
  choiceCount: (round: RoundRow) => number;
  /** The open round's message with its answer count. */
  open: (round: RoundRow, tally: RoundTally) => Reply;
  /** The round's current message as stored now (open or revealed), undefined if unknown. */
  current: (roundId: number) => Promise<Reply | undefined>;
}

interface Window {
  /** The claim time this window counts from (ms, answers' clock). */
  from: number;
  dirty: boolean;
  cancel: () => void;
}

/** Most rounds whose last window end is remembered (the oldest goes first). */
const REMEMBERED_ROUNDS = 1_000;

/** Throttled answer-count updates of round messages. */
export class RoundRefresher {
  private readonly windows = new Map<number, Window>();
  /** When this process's last window of a round ended (ms, answers' clock): the next claim is not earlier. */
  private readonly lastWindowEnd = new Map<number, number>();
  private readonly inFlight = new Set<Promise<void>>();
  /** Refreshes reading their round now, by round id; `forget` marks them stale. */
  private readonly reading = new Map<number, Set<{ stale: boolean }>>();
  private disposed = false;

  /**
   * @param deps store (to claim the edit and re-read the round), posters, logger, timers, settings.roundRefreshMs
   * @param views how a round's message is drawn (see RoundMessageViews)
   */
  constructor(
    private readonly deps: Pick<CoreDeps, 'posters' | 'logger' | 'timers' | 'settings'> & {
      store: Pick<RoundsPort, 'getRound'> & RoundRefreshClaimsPort;
    },
    private readonly views: RoundMessageViews,
  ) {}

  /** An answer landed on `roundId` at `at` (ms, UTC): refresh its message now or at the end of the current window. */
  answered(roundId: number, at: number): void {
    if (this.disposed) return;
    const window = this.windows.get(roundId);
    if (window) {
      window.dirty = true;
      return;
    }
    this.claimAndUpdate(roundId, Math.max(at, this.lastWindowEnd.get(roundId) ?? at), true);
  }

  /** Drop any pending refresh of `roundId` (it was just closed and revealed). */
  forget(roundId: number): void {
    for (const read of this.reading.get(roundId) ?? []) read.stale = true;
    this.windows.get(roundId)?.cancel();
    this.windows.delete(roundId);
    this.lastWindowEnd.delete(roundId);
  }

  /** Resolves when every update started so far has finished (tests, shutdown). */
  async settled(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.all([...this.inFlight]);
  }

  /** Cancel every pending refresh; later answers schedule nothing. */
  dispose(): void {
    this.disposed = true;
    for (const window of this.windows.values()) window.cancel();
    this.windows.clear();
  }

  /**
   * Open this process's window for `roundId` at once (so answers arriving meanwhile are absorbed),
   * then claim the edit at `at`: update when claimed; when another process holds the claim and
   * `retry` is set, try once more when the window ends.
   */
  private claimAndUpdate(roundId: number, at: number, retry: boolean): void {
    const window = this.openWindow(roundId, at);
    this.track(roundId, async () => {
      if (!(await this.push(roundId, at)) && retry) window.dirty = true;
    });
  }

  private openWindow(roundId: number, from: number): Window {
    const ms = this.deps.settings.roundRefreshMs;
    const window: Window = {
      from,
      dirty: false,
      cancel: this.deps.timers.after(ms, () => {
        if (this.windows.get(roundId) !== window) return;
        this.windows.delete(roundId);
        this.remember(roundId, from + ms);
        if (window.dirty && !this.disposed) this.claimAndUpdate(roundId, from + ms, false);
      }),
    };
    this.windows.set(roundId, window);
    return window;
  }

  private remember(roundId: number, windowEnd: number): void {
    this.lastWindowEnd.delete(roundId);
    this.lastWindowEnd.set(roundId, windowEnd);
    if (this.lastWindowEnd.size > REMEMBERED_ROUNDS) this.lastWindowEnd.delete(this.lastWindowEnd.keys().next().value as number);
  }

  private track(roundId: number, work: () => Promise<void>): void {
    const task = work()
      .catch((err: unknown) => this.deps.logger.warn({ err, roundId }, 'could not refresh the round message'))
      .finally(() => this.inFlight.delete(task));
    this.inFlight.add(task);
  }

  /**
   * Claim the edit at `at` and, when claimed, update the round message with its count. Resolves
   * false when the claim was refused (another process holds it, or the round is closed).
   */
  private async push(roundId: number, at: number): Promise<boolean> {
    const read = { stale: false };
    let reads = this.reading.get(roundId);
    if (!reads) {
      reads = new Set();
      this.reading.set(roundId, reads);
    }
    reads.add(read);
    try {
      const claim = await this.deps.store.claimRoundRefresh(roundId, at, this.deps.settings.roundRefreshMs, this.views.choiceCount);
      if (claim === undefined) return false;
      // The round and its count as read with the claim (the round was open then).
      const { round } = claim;
      if (round.closedAt !== null || !round.messageRef) return true;
      const poster = this.deps.posters[round.messageRef.platform];
      if (read.stale || !poster) return true;
      await poster.update(round.messageRef, this.views.open(round, claim.tally));
      // Closed here meanwhile: this process's reveal was sent after this update. Closed by another
      // process: its reveal may have reached the chat first, so send the reveal again.
      if (read.stale) return true;
      const after = await this.deps.store.getRound(roundId);
      if (read.stale || after === undefined || after.closedAt === null || !after.messageRef) return true;
      const reveal = await this.views.current(roundId);
      if (reveal?.round?.state === 'closed') await poster.update(after.messageRef, reveal);
      return true;
    } finally {
      reads.delete(read);
      if (reads.size === 0) this.reading.delete(roundId);
    }
  }
}
