/**
 * Keeps a posted round message's "N answered" line current without flooding the chat API: per
 * round, at most one Poster.update per `settings.roundRefreshMs` window. The first answer after a
 * quiet spell updates at once and opens a window; answers inside the window mark the round dirty
 * and one trailing update runs when the window ends (opening the next window). Timing uses
 * `deps.timers` only, never the wall clock. Nothing is updated once the round is closed (the
 * reveal owns the message then): the store reads yield, so a refresh whose round is forgotten
 * (closed) while it reads drops its update rather than overwrite the reveal. Update failures are
 * logged, never thrown.
 */
import type { CoreDeps } from './deps.js';
import type { RoundsPort } from './ports/store.js';
import type { Reply } from './reply.js';

interface Window {
  dirty: boolean;
  cancel: () => void;
}

/** Throttled answer-count updates of round messages. */
export class RoundRefresher {
  private readonly windows = new Map<number, Window>();
  private readonly inFlight = new Set<Promise<void>>();
  /** Refreshes reading their round now, by round id; `forget` marks them stale. */
  private readonly reading = new Map<number, Set<{ stale: boolean }>>();
  private disposed = false;

  /**
   * @param deps store (to re-read the round), posters, logger, timers, settings.roundRefreshMs
   * @param render the round's current message (see RoundService.roundMessage), undefined if unknown
   */
  constructor(
    private readonly deps: Pick<CoreDeps, 'posters' | 'logger' | 'timers' | 'settings'> & { store: Pick<RoundsPort, 'getRound'> },
    private readonly render: (roundId: number) => Promise<Reply | undefined>,
  ) {}

  /** An answer landed on `roundId`: refresh its message now or at the end of the current window. */
  answered(roundId: number): void {
    if (this.disposed) return;
    const window = this.windows.get(roundId);
    if (window) {
      window.dirty = true;
      return;
    }
    this.update(roundId);
    this.openWindow(roundId);
  }

  /** Drop any pending refresh of `roundId` (it was just closed and revealed). */
  forget(roundId: number): void {
    for (const read of this.reading.get(roundId) ?? []) read.stale = true;
    this.windows.get(roundId)?.cancel();
    this.windows.delete(roundId);
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

  private openWindow(roundId: number): void {
    const window: Window = {
      dirty: false,
      cancel: this.deps.timers.after(this.deps.settings.roundRefreshMs, () => {
        this.windows.delete(roundId);
        if (window.dirty && !this.disposed) {
          this.update(roundId);
          this.openWindow(roundId);
        }
      }),
    };
    this.windows.set(roundId, window);
  }

  private update(roundId: number): void {
    const task = this.push(roundId)
      .catch((err: unknown) => this.deps.logger.warn({ err, roundId }, 'could not refresh the round message'))
      .finally(() => this.inFlight.delete(task));
    this.inFlight.add(task);
  }

  private async push(roundId: number): Promise<void> {
    const read = { stale: false };
    let reads = this.reading.get(roundId);
    if (!reads) {
      reads = new Set();
      this.reading.set(roundId, reads);
    }
    reads.add(read);
    let round: Awaited<ReturnType<RoundsPort['getRound']>>;
    let reply: Reply | undefined;
    try {
      round = await this.deps.store.getRound(roundId);
      if (!round || round.closedAt !== null || !round.messageRef) return;
      reply = await this.render(roundId);
    } finally {
      reads.delete(read);
      if (reads.size === 0) this.reading.delete(roundId);
    }
    const poster = this.deps.posters[round.messageRef.platform];
    if (read.stale || !poster || !reply || reply.round?.state !== 'open') return;
    await poster.update(round.messageRef, reply);
  }
}
