/**
 * StoreUnavailableError: the Store could not do what was asked for a reason outside core's control,
 * in words core can answer with (src/store maps its database errors to it at the port boundary).
 */

/**
 * Why the store is unavailable:
 * - `busy`: another process held the write lock for longer than the store waits (try again shortly);
 *   nothing was written by the failed call.
 * - `damaged`: the database file is corrupt; stored data may be lost until it is restored from a backup.
 * - `closed`: the store was closed (the bot is stopping) and a call still came; nothing was written.
 */
export type StoreUnavailableKind = 'busy' | 'damaged' | 'closed';

/** One-line messages per kind (no SQL, no paths). */
const MESSAGES: Record<StoreUnavailableKind, string> = {
  busy: 'the database is busy (another process holds its write lock)',
  damaged: 'the database file is damaged',
  closed: 'the database is closed (the bot is stopping)',
};

/** Thrown by any Store method when the database is busy, damaged or closed; `cause` is the driver's error. */
export class StoreUnavailableError extends Error {
  constructor(
    readonly kind: StoreUnavailableKind,
    override readonly cause?: unknown,
  ) {
    super(MESSAGES[kind]);
    this.name = 'StoreUnavailableError';
  }
}
