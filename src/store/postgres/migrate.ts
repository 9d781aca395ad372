/**
 * PostgreSQL migrations: an ordered list, recorded in a `schema_migrations` table (version, name,
 * applied_at). Each migration runs in one transaction under a transaction-level advisory lock, and
 * re-reads the applied version under that lock, so two processes starting together apply it once
 * (the second waits, then sees it applied). Append new migrations at the end; never edit a shipped one.
 */
import type pg from 'pg';
import { quoteIdent, transaction } from './db.js';
import { BASE_SCHEMA } from './schema.js';
import { CLICK_SCHEMA } from './schema-click.js';
import { CLICK_ANSWER_SCHEMA } from './schema-click-answer.js';
import { CLICK_PREVIOUS_SCHEMA } from './schema-click-previous.js';
import { INSTALLERS_SCHEMA, SEVERAL_PROCESSES_SCHEMA } from './schema-processes.js';
import { ROUND_LOCK_SCHEMA } from './schema-round-lock.js';

/** One schema step. `version` is 1-based and equals its position in PG_MIGRATIONS. */
interface PgMigration {
  version: number;
  /** Short description, stored in schema_migrations and shown in errors. */
  name: string;
  /** SQL run inside the migration's transaction (may hold several statements). */
  sql: string;
}

/** Every PostgreSQL migration, in order. Append only. */
const PG_MIGRATIONS: readonly PgMigration[] = [
  { version: 1, name: 'base schema', sql: BASE_SCHEMA },
  { version: 2, name: 'several processes', sql: SEVERAL_PROCESSES_SCHEMA },
  { version: 3, name: 'installers', sql: INSTALLERS_SCHEMA },
  { version: 4, name: 'cheaper answer click', sql: CLICK_SCHEMA },
  { version: 5, name: 'click_answer: a lighter answer click', sql: CLICK_ANSWER_SCHEMA },
  { version: 6, name: 'round locks: a click writes nothing into its round', sql: ROUND_LOCK_SCHEMA },
  { version: 7, name: 'click_answer: the previous daily date from the caller', sql: CLICK_PREVIOUS_SCHEMA },
];

/** A schema newer than this code, or a migration that failed (rolled back; earlier ones stay). */
export class PgMigrationError extends Error {
  constructor(message: string, override readonly cause?: unknown) {
    super(message);
    this.name = 'PgMigrationError';
  }
}

/**
 * Bring schema `schema` (created when missing) up to the last of `migrations`.
 * @returns the version before and after.
 * @throws PgMigrationError (see there); connection errors pass through as the driver threw them.
 */
export async function migratePostgres(
  pool: pg.Pool,
  schema: string,
  migrations: readonly PgMigration[] = PG_MIGRATIONS,
): Promise<{ from: number; to: number }> {
  const lockKey = `kms-tutor migrate ${schema}`;
  const known = migrations.length;
  const prepare = async (client: pg.PoolClient): Promise<number> => {
    await client.query({ text: 'SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', values: [lockKey] });
    await client.query(`CREATE SCHEMA IF NOT EXISTS ${quoteIdent(schema)}`);
    await client.query(`
      CREATE TABLE IF NOT EXISTS ${quoteIdent(schema)}.schema_migrations (
        version    integer PRIMARY KEY,
        name       text NOT NULL,
        applied_at timestamptz NOT NULL DEFAULT now()
      )`);
    const result = await client.query<{ v: number | null }>(`SELECT max(version) AS v FROM ${quoteIdent(schema)}.schema_migrations`);
    return result.rows[0]?.v ?? 0;
  };
  const from = await transaction(pool, prepare);
  if (from > known) {
    throw new PgMigrationError(
      `its schema version ${from} is newer than this kms-tutor knows (${known}); upgrade kms-tutor or use another database`,
    );
  }
  let to = from;
  for (const migration of migrations) {
    if (migration.version <= to) continue;
    try {
      to = await transaction(pool, async (client) => {
        // Re-read under the lock: another process may have applied it meanwhile.
        const applied = await prepare(client);
        if (applied >= migration.version) return applied;
        await client.query(`SET LOCAL search_path TO ${quoteIdent(schema)}`);
        await client.query(migration.sql);
        await client.query({
          text: `INSERT INTO ${quoteIdent(schema)}.schema_migrations (version, name) VALUES ($1, $2)`,
          values: [migration.version, migration.name],
        });
        return migration.version;
      });
    } catch (err) {
      const code = (err as { code?: unknown } | null)?.code;
      if (typeof code === 'string' && (code.startsWith('08') || code === '57P01')) throw err;
      throw new PgMigrationError(
        `migration ${migration.version} (${migration.name}) failed: ${err instanceof Error ? err.message : String(err)}`,
        err,
      );
    }
  }
  return { from, to };
}

/** What a schema holds, read without writing anything (see inspectSchema). */
export interface SchemaState {
  /** Whether the schema exists at all. */
  exists: boolean;
  /** The highest version in its schema_migrations; undefined when it has no such table (or an empty one). */
  version: number | undefined;
  /** The version this code migrates to. */
  known: number;
  /** Whether it has kms-tutor's core tables (users, rounds, answers). */
  hasKmsTables: boolean;
}

/**
 * Look at schema `schema` without creating or changing anything (db:copy's source): whether it
 * exists, its migration version and whether kms-tutor's tables are there.
 * @throws the driver's error when the server cannot be reached or refuses the login.
 */
export async function inspectSchema(pool: pg.Pool, schema: string): Promise<SchemaState> {
  const known = PG_MIGRATIONS.length;
  const found = await pool.query<{ exists: boolean; migrations: boolean; tables: number }>({
    text: `SELECT EXISTS (SELECT 1 FROM pg_namespace WHERE nspname = $1) AS exists,
                  EXISTS (SELECT 1 FROM information_schema.tables WHERE table_schema = $1 AND table_name = 'schema_migrations') AS migrations,
                  (SELECT count(*) FROM information_schema.tables WHERE table_schema = $1 AND table_name IN ('users', 'rounds', 'answers')) AS tables`,
    values: [schema],
  });
  const row = found.rows[0];
  if (!row?.exists) return { exists: false, version: undefined, known, hasKmsTables: false };
  let version: number | undefined;
  if (row.migrations) {
    const v = await pool.query<{ v: number | null }>(`SELECT max(version) AS v FROM ${quoteIdent(schema)}.schema_migrations`);
    version = v.rows[0]?.v ?? undefined;
  }
  return { exists: true, version, known, hasKmsTables: row.tables === 3 };
}
