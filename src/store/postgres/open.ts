/**
 * openPostgresStore: a pool on a postgres:// URL, the schema migrated (once, even when several
 * processes start together: migrate.ts), and the PostgresStore on it. Failures become one-line
 * PostgresOpenError messages that never hold the password.
 */
import type { Logger } from '../../core/ports/logger.js';
import { createPool } from './db.js';
import { inspectSchema, migratePostgres, PgMigrationError, type SchemaState } from './migrate.js';
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
  /** Schema to work in (created when missing); default: the URL's `?schema=` parameter, else "public". */
  schema?: string;
  /** Most pooled connections for everything but answer clicks; default 10. */
  maxConnections?: number;
  /** Most connections of the answer clicks' own pool (see PostgresStore's constructor); default half of maxConnections, at least 1. */
  clickConnections?: number;
  /** getRoundWithZone's memory, in ms (default 5000; 0: off). */
  roundCacheMs?: number;
  /** Told when migrations ran (the URL without its password). */
  logger?: Logger;
}

/** `url` without its password ("postgres://user:***@host:5432/db"), for messages and logs. */
export function describeUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password !== '') u.password = '***';
    return u.toString();
  } catch {
    // Not a URL: shown as given, any "user:password@" part masked.
    return url.replace(/^([^:/?#]*:\/\/[^:/?#@]*:)[^@/?#]*@/, '$1***@');
  }
}

/** A schema name kms-tutor accepts in `?schema=` (quoted as is in search_path and DDL). */
const SCHEMA_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,62}$/;

/**
 * Split kms-tutor's own `schema` query parameter off a postgres:// URL (the driver would ignore it):
 * "postgres://h/db?schema=team_a" -> { url: "postgres://h/db", schema: "team_a" }.
 */
function splitSchema(url: string): { url: string; schema: string | undefined } {
  if (!URL.canParse(url)) return { url, schema: undefined };
  const u = new URL(url);
  const schema = u.searchParams.get('schema') ?? undefined;
  if (schema === undefined) return { url, schema };
  u.searchParams.delete('schema');
  return { url: u.toString(), schema: schema === '' ? undefined : schema };
}

/**
 * Open the PostgreSQL store at `url` (postgres://user:password@host:port/database, optionally
 * `?schema=<name>` to work in a schema other than "public") and migrate it.
 * @throws PostgresOpenError when the server cannot be reached or refuses the login, or a migration fails.
 */
export async function openPostgresStore(givenUrl: string, options: PostgresStoreOptions = {}): Promise<PostgresStore> {
  const { url, schema } = whereTo(givenUrl, options.schema);
  const most = options.maxConnections ?? 10;
  const pool = createPool({ url, schema, max: most });
  // An idle client that loses its server emits 'error' on the pool; queries then fail and are mapped.
  pool.on('error', () => {});
  try {
    const outcome = await migratePostgres(pool, schema);
    if (outcome.from !== outcome.to) options.logger?.info({ database: describeUrl(url), schema, ...outcome }, 'database migrated');
  } catch (err) {
    await pool.end().catch(() => {});
    const where = describeUrl(givenUrl);
    if (err instanceof PgMigrationError) throw new PostgresOpenError(`cannot open the database ${where}: ${err.message}`, err);
    throw new PostgresOpenError(`cannot open the database ${where}: ${reasonOf(err, url)}`, err);
  }
  // Answer clicks get a pool of their own (see PostgresStore's constructor).
  const clickPool = createPool({ url, schema, max: options.clickConnections ?? Math.max(1, Math.floor(most / 2)) });
  clickPool.on('error', () => {});
  return new PostgresStore(pool, options.roundCacheMs, clickPool);
}

/**
 * The driver's URL and the schema of `givenUrl` (`schema` wins over its `?schema=`; default "public").
 * @throws PostgresOpenError when it is not a URL, or the schema is not a plain name.
 */
function whereTo(givenUrl: string, schemaOption: string | undefined): { url: string; schema: string } {
  if (!URL.canParse(givenUrl)) {
    throw new PostgresOpenError(`cannot open the database ${describeUrl(givenUrl)}: it is not a valid URL (expected postgres://user:password@host:5432/database)`);
  }
  const { url, schema: urlSchema } = splitSchema(givenUrl);
  const schema = schemaOption ?? urlSchema ?? 'public';
  if (!SCHEMA_NAME.test(schema)) {
    throw new PostgresOpenError(
      `cannot open the database ${describeUrl(givenUrl)}: the schema ${JSON.stringify(schema)} is not a plain name (letters, digits and _, not starting with a digit, at most 63)`,
    );
  }
  return { url, schema };
}

/** A PostgresStore that can only read, and what its schema holds (see openPostgresReadOnly). */
export interface ReadOnlyPostgres {
  /** On one pool whose every transaction is read-only; closed by its `close()`. */
  store: PostgresStore;
  /** The schema it reads. */
  schema: string;
  /** What the schema holds (it may be no kms-tutor schema at all: the caller decides). */
  state: SchemaState;
}

/**
 * Open the PostgreSQL database at `url` (as openPostgresStore takes it) to READ only: nothing is
 * created or migrated (not even the schema), and the server refuses any write on its connections
 * (`default_transaction_read_only`). For db:copy's source.
 * @throws PostgresOpenError when the URL is bad or the server cannot be reached or refuses the login.
 */
export async function openPostgresReadOnly(givenUrl: string, options: Pick<PostgresStoreOptions, 'schema' | 'maxConnections' | 'roundCacheMs'> = {}): Promise<ReadOnlyPostgres> {
  const { url, schema } = whereTo(givenUrl, options.schema);
  const pool = createPool({ url, schema, max: options.maxConnections ?? 2, readOnly: true });
  pool.on('error', () => {});
  try {
    const state = await inspectSchema(pool, schema);
    return { store: new PostgresStore(pool, options.roundCacheMs), schema, state };
  } catch (err) {
    await pool.end().catch(() => {});
    throw new PostgresOpenError(`cannot open the database ${describeUrl(givenUrl)}: ${reasonOf(err, url)}`, err);
  }
}

/** A driver error in one line without the URL's password (a refused connection to several addresses has no message of its own). */
function reasonOf(err: unknown, url: string): string {
  const inner = err instanceof AggregateError && err.message === '' ? err.errors[0] : err;
  const code = (inner as { code?: unknown } | null)?.code;
  let text = inner instanceof Error && inner.message !== '' ? inner.message : typeof code === 'string' ? code : String(inner);
  const password = URL.canParse(url) ? decodeURIComponent(new URL(url).password) : '';
  // pg's words when the server asks for a password (SCRAM) and the URL gives none.
  if (/client password must be a string/.test(text)) return 'the server wants a password and the URL has none (postgres://user:password@host/database)';
  text = text.replaceAll(url, describeUrl(url));
  if (password !== '') text = text.replaceAll(password, '***');
  return text.replace(/\s+/g, ' ').trim();
}
