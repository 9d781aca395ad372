/**
 * The PostgreSQL connection layer: a `pg` Pool whose numbers come back as numbers, small query
 * helpers, one-transaction work, and the error boundary (driver errors -> core's
 * StoreUnavailableError, as SqliteStore's settle() does for SQLite).
 */
import pg from 'pg';
import { StoreUnavailableError } from '../../core/ports/store-unavailable.js';

/** What the table modules run SQL on: the pool (each query its own transaction) or a transaction's client. */
export interface Sql {
  query<R extends pg.QueryResultRow>(config: pg.QueryConfig): Promise<pg.QueryResult<R>>;
}

/** PostgreSQL type oids whose text form is parsed into a JS number here (see numberTypes). */
const INT8 = 20;
const NUMERIC = 1700;

/**
 * Type parsers of this store's pools: bigint (ids, epoch ms, count(*)) and numeric (sum() of bigint)
 * become JS numbers instead of strings. Every such value here is far below 2^53. Only these pools
 * use them; the `pg` module's global parsers are left alone.
 */
const numberTypes: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: string) => {
    if ((oid === INT8 || oid === NUMERIC) && format !== 'binary') return (value: string) => Number(value);
    return pg.types.getTypeParser(oid, format as 'text');
  }) as pg.CustomTypesConfig['getTypeParser'],
};

/** How to reach the database. */
export interface PoolOptions {
  /** A postgres:// URL (it may hold the password: never log it; see describeUrl). */
  url: string;
  /** The schema every connection works in (search_path); default "public". */
  schema?: string;
  /** Most connections; default 10. */
  max?: number;
  /** Every transaction read-only (`default_transaction_read_only`): the server refuses any write. Default false. */
  readOnly?: boolean;
}

/** A pool on `options.url`, in `options.schema`, with number parsing (see numberTypes); read-only if asked. */
export function createPool(options: PoolOptions): pg.Pool {
  const schema = options.schema ?? 'public';
  return new pg.Pool({
    connectionString: options.url,
    max: options.max ?? 10,
    types: numberTypes,
    options: `-c search_path=${quoteIdent(schema)}${options.readOnly ? ' -c default_transaction_read_only=on' : ''}`,
    application_name: 'kms-tutor',
    connectionTimeoutMillis: 10_000,
    idleTimeoutMillis: 30_000,
  });
}

/** `name` as a quoted SQL identifier. */
export function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/** The rows of one statement. */
export async function rows<R extends pg.QueryResultRow>(db: Sql, text: string, values: unknown[] = [], name?: string): Promise<R[]> {
  return (await db.query<R>(name === undefined ? { text, values } : { name, text, values })).rows;
}

/** The first row of one statement, or undefined. */
export async function first<R extends pg.QueryResultRow>(db: Sql, text: string, values: unknown[] = [], name?: string): Promise<R | undefined> {
  return (await rows<R>(db, text, values, name))[0];
}

/** How many rows one statement changed. */
export async function changes(db: Sql, text: string, values: unknown[] = []): Promise<number> {
  return (await db.query({ text, values })).rowCount ?? 0;
}

/**
 * Run `fn` in one transaction on one client of `pool` (READ COMMITTED): committed when it resolves,
 * rolled back when it rejects (the rejection passes on).
 */
export async function transaction<T>(pool: pg.Pool, fn: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  let broken: unknown;
  try {
    await client.query('BEGIN');
    const result = await fn(client);
    await client.query('COMMIT');
    return result;
  } catch (err) {
    try {
      await client.query('ROLLBACK');
    } catch (rollbackErr) {
      broken = rollbackErr; // the connection is unusable: do not return it to the pool
    }
    throw err;
  } finally {
    client.release(broken instanceof Error ? broken : undefined);
  }
}

/**
 * SQLSTATE classes and codes meaning "try again shortly": connection trouble (08, 57P01-57P03:
 * server shutting down or starting), serialization failure and deadlock (40001, 40P01), lock and
 * statement timeouts (55P03, 57014), too many connections (53300) and other resource limits (53).
 */
const BUSY_CODES = new Set(['40001', '40P01', '55P03', '57014', '57P01', '57P02', '57P03']);
/** Socket-level failures of the driver (no SQLSTATE). */
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH']);
/** pg-pool's message for a query made after `end()` (the store was closed). */
const POOL_ENDED = 'Cannot use a pool after calling end on the pool';
/** The driver's own messages for a connection that is gone or never came. */
const CONNECTION_MESSAGES = /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error/;

/**
 * Map one thrown value: connection, serialization, deadlock, timeout and resource errors ->
 * StoreUnavailableError('busy'); data or index corruption (XX001, XX002) -> 'damaged'; a query on
 * the ended pool (after close) -> 'closed'; anything else is returned as is. The driver's error is
 * kept as `cause`.
 */
function mapPgError(err: unknown): unknown {
  if (err instanceof StoreUnavailableError) return err;
  if (err instanceof Error && err.message === POOL_ENDED) return new StoreUnavailableError('closed', err);
  const code = (err as { code?: unknown } | null)?.code;
  if (typeof code === 'string') {
    if (code === 'XX001' || code === 'XX002') return new StoreUnavailableError('damaged', err);
    if (BUSY_CODES.has(code) || code.startsWith('08') || code.startsWith('53') || NETWORK_CODES.has(code)) {
      return new StoreUnavailableError('busy', err);
    }
    return err;
  }
  if (err instanceof Error && CONNECTION_MESSAGES.test(err.message)) return new StoreUnavailableError('busy', err);
  return err;
}

/** `work()`, with a rejection mapped by mapPgError. */
export async function settle<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    throw mapPgError(err);
  }
}
