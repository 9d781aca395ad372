/**
 * The store's error boundary: SQLite's "busy" and "corrupt" errors become core's StoreUnavailableError
 * (src/core/ports/store-unavailable.ts), so core can answer in words without knowing SQL. Every other
 * error passes through unchanged.
 */
import { StoreUnavailableError } from '../core/ports/store-unavailable.js';

/** better-sqlite3's message (a TypeError, no code) for any statement run after `close()`. */
const CLOSED_MESSAGE = 'The database connection is not open';

/**
 * Map one thrown value: SQLITE_BUSY* / SQLITE_LOCKED* -> StoreUnavailableError('busy'); SQLITE_CORRUPT*
 * / SQLITE_NOTADB -> StoreUnavailableError('damaged'); better-sqlite3's TypeError for a call on a closed
 * connection -> StoreUnavailableError('closed'); anything else is returned as is. The driver's error is
 * kept as `cause`.
 */
export function mapStoreError(err: unknown): unknown {
  if (err instanceof TypeError && err.message === CLOSED_MESSAGE) return new StoreUnavailableError('closed', err);
  const code = (err as { code?: unknown } | null)?.code;
  if (typeof code !== 'string' || err instanceof StoreUnavailableError) return err;
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) return new StoreUnavailableError('busy', err);
  if (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB') return new StoreUnavailableError('damaged', err);
  return err;
}
