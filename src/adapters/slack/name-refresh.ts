/**
 * Display names looked up off the click path. An answer click from a user whose profile is not in
 * the UserDirectory's cache is answered under the handle its block_actions payload carries
 * (`user.username`, else `user.name`), with Context.userNameIsHandle set so core keeps any name it
 * already stores; the user is queued here. One users.info goes out per `intervalMs` (default 1 s:
 * 60 a minute, inside Slack's Tier 4 allowance for users.info and leaving room for the lookups of
 * commands), and the display name it finds goes to core (TutorApi.refreshUserName), which stores it
 * only for a user who still has a stored name: a forget-me in between stays a forget-me.
 * A user already queued, or whose profile is cached, is not queued twice; at most `maxPending`
 * users wait (beyond that a user keeps their handle until their next lookup).
 */
import type { Logger } from '../../core/ports/logger.js';
import type { TutorApi } from '../../core/tutor-api.js';
import type { UserDirectory } from './user-directory.js';

/** Default pause between two users.info lookups of the queue, ms. */
const INTERVAL_MS = 1_000;
/** Default bound on users waiting. */
const MAX_PENDING = 20_000;

/** What the refresher needs. */
export interface NameRefreshDeps {
  users: UserDirectory;
  tutor: TutorApi;
  logger: Logger;
  /** Clock for the `now` given to refreshUserName (UTC). */
  now: () => Date;
}

/** The queue of users whose display names are looked up later (see the module comment). */
export class NameRefresher {
  private readonly pending = new Map<string, { teamId: string; userId: string }>();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private busy = false;
  private stopped = false;
  private idle: (() => void)[] = [];
  private readonly intervalMs: number;
  private readonly maxPending: number;

  constructor(
    private readonly deps: NameRefreshDeps,
    options: { intervalMs?: number; maxPending?: number } = {},
  ) {
    this.intervalMs = Math.max(0, options.intervalMs ?? INTERVAL_MS);
    this.maxPending = Math.max(1, options.maxPending ?? MAX_PENDING);
  }

  /** Queue a lookup of the user's display name; no-op when queued already, cached, full or stopped. */
  enqueue(teamId: string, userId: string): void {
    const key = `${teamId}:${userId}`;
    if (this.stopped || this.pending.has(key) || this.pending.size >= this.maxPending) return;
    if (this.deps.users.known(teamId, userId)) return;
    this.pending.set(key, { teamId, userId });
    this.schedule();
  }

  /** Users waiting for their lookup. */
  get size(): number {
    return this.pending.size;
  }

  /** Resolves once no lookup is queued or running (tests, shutdown). */
  settled(): Promise<void> {
    if (this.pending.size === 0 && !this.busy) return Promise.resolve();
    return new Promise((resolve) => this.idle.push(resolve));
  }

  /** Drop what is queued and look nothing up any more (the adapter stopped). */
  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.pending.clear();
    if (!this.busy) this.wake();
  }

  private schedule(): void {
    if (this.timer || this.busy || this.stopped || this.pending.size === 0) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.busy = true;
      void this.next().finally(() => {
        this.busy = false;
        if (this.pending.size > 0 && !this.stopped) this.schedule();
        else this.wake();
      });
    }, this.intervalMs);
    // A pending lookup never keeps the process alive.
    this.timer.unref?.();
  }

  private wake(): void {
    const done = this.idle;
    this.idle = [];
    for (const resolve of done) resolve();
  }

  /** Look the first queued user up and hand a display name to core. UserDirectory.lookup never rejects (it logs). */
  private async next(): Promise<void> {
    const first = this.pending.entries().next();
    if (first.done) return;
    const [key, { teamId, userId }] = first.value;
    this.pending.delete(key);
    try {
      const profile = await this.deps.users.lookup(teamId, userId);
      if (profile.displayName && !this.stopped) await this.deps.tutor.refreshUserName({ platform: 'slack', teamId }, userId, profile.displayName, this.deps.now());
    } catch (err) {
      this.deps.logger.error({ err, team: teamId, user: userId }, 'display name refresh failed');
    }
  }
}
