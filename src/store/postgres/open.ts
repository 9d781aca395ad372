/**
 * openPostgresStore: a pool on a postgres:// URL, the schema migrated (once, even when several
 * processes start together: migrate.ts), and the PostgresStore on it. Failures become one-line
 * PostgresOpenError messages that never hold the password.
 */
import { createPool } from './db.js';
import { migratePostgres, PgMigrationError } from './migrate.js';
import { PostgresStore } from './postgres-store.js';

/** Why the PostgreSQL store could not be opened, in one line without secrets. */
export class PostgresOpenError extends Error {
  constructor(message: string, override readonly cause?: unknown) {
    super(message);
    this.name = 'PostgresOpenError';
  }
}

/** Options of openPostgresStore. */
export interface PostgresStoreOptions {
  /** Schema to work in (created when missing); default "public". Tests use one per store. */
  schema?: string;
  /** Most pooled connections; default 10. */
  maxConnections?: number;
  /** getRoundWithZone's memory, in ms (default 5000; 0: off). */
  roundCacheMs?: number;
}

/** `url` without its password ("postgres://user:***@host:5432/db"), for messages and logs. */
export function describeUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password !== '') u.password = '***';
    return u.toString();
  } catch {
    return 'the PostgreSQL URL';
  }
}

/**
 * Open the PostgreSQL store at `url` and migrate it.
 * @throws PostgresOpenError when the server cannot be reached or refuses the login, or a migration fails.
 */
export async function openPostgresStore(url: string, options: PostgresStoreOptions = {}): Promise<PostgresStore> {
  const schema = options.schema ?? 'public';
  const pool = createPool({ url, schema, ...(options.maxConnections ? { max: options.maxConnections } : {}) });
  // An idle client that loses its server emits 'error' on the pool; queries then fail and are mapped.
  pool.on('error', () => {});
  try {
    await migratePostgres(pool, schema);
  } catch (err) {
    await pool.end().catch(() => {});
    const where = describeUrl(url);
    if (err instanceof PgMigrationError) throw new PostgresOpenError(`cannot open the database ${where}: ${err.message}`, err);
    const reason = err instanceof Error ? err.message.replaceAll(url, where) : String(err);
    throw new PostgresOpenError(`cannot open the database ${where}: ${reason}`, err);
  }
  return new PostgresStore(pool, options.roundCacheMs);
}
