/**
 * Which store a process uses: PostgreSQL when DATABASE_URL is set (several processes may share it),
 * else the SQLite file at DATABASE_PATH. Both are migrated before use.
 */
import { everyProcessLeads, type Leadership } from '../core/ports/leadership.js';
import type { Logger } from '../core/ports/logger.js';
import type { StoreHandle } from '../core/ports/store.js';
import { openStore, StoreOpenError } from './open.js';
import { PostgresLeaderLock } from './postgres/leader-lock.js';
import { openPostgresStore, PostgresOpenError } from './postgres/open.js';
import { PostgresStore } from './postgres/postgres-store.js';

/** Where the data lives, as the configuration says (src/config.ts). */
export interface StoreChoice {
  /** DATABASE_URL (postgres://…); wins when set. */
  databaseUrl?: string;
  /** DATABASE_PATH, the SQLite file. */
  databasePath: string;
}

/**
 * Open (and migrate) the chosen store.
 * @throws StoreOpenError (SQLite) or PostgresOpenError, each with a one-line message without secrets.
 */
export async function openChosenStore(choice: StoreChoice, logger: Logger): Promise<StoreHandle> {
  if (choice.databaseUrl !== undefined) return openPostgresStore(choice.databaseUrl, { logger });
  return openStore(choice.databasePath, { logger });
}

/** True for the errors openChosenStore throws for a store that cannot be opened (print the message, exit 1). */
export function isStoreOpenError(err: unknown): err is Error {
  return err instanceof StoreOpenError || err instanceof PostgresOpenError;
}

/**
 * Who runs the scheduled work among the processes sharing `store`: on PostgreSQL the holder of an
 * advisory lock (postgres/leader-lock.ts), on SQLite every process (its keys keep the work single).
 */
export function schedulerLeadership(store: StoreHandle): Leadership {
  return store instanceof PostgresStore ? new PostgresLeaderLock(store.pool) : everyProcessLeads;
}
