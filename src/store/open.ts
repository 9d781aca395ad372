/**
 * Opening the SQLite database: folder, connection settings, migrations. The one entry point main
 * and tests use: `openStore(path)`.
 */
import { accessSync, constants as fsConstants, existsSync, mkdirSync, statSync, statfsSync, type Stats } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import type { Logger } from '../core/ports/logger.js';
import { silentLogger } from '../core/ports/logger.js';
import { MIGRATIONS, type Migration, migrate } from './migrations.js';
import { SqliteStore } from './sqlite-store.js';

/**
 * The database could not be opened: missing/unwritable location, a directory, a file that is not
 * a SQLite database, a schema newer than this code, or a failed migration. The message is one line:
 * `cannot open database "<path>": <reason>`.
 */
export class StoreOpenError extends Error {
  constructor(
    readonly path: string,
    readonly reason: string,
    override readonly cause?: unknown,
  ) {
    super(`cannot open database "${path}": ${reason}`);
    this.name = 'StoreOpenError';
  }
}

/** Options of `openStore`. */
export interface OpenStoreOptions {
  /** Logs applied migrations. Default: silent. */
  logger?: Logger;
  /**
   * busy_timeout in ms: how long a write waits for another connection's lock before the call fails
   * with StoreUnavailableError('busy'). Default 2000: a write transaction here lasts milliseconds, so
   * ordinary contention (another process's answer, a WAL checkpoint) clears well within it.
   */
  busyTimeoutMs?: number;
  /** Override the migration list (tests of older schemas). Default: MIGRATIONS. */
  migrations?: readonly Migration[];
  /**
   * How long getRoundWithZone may answer from memory, in ms (see RoundCache; 0 turns it off).
   * Default 5000.
   */
  roundCacheMs?: number;
}

/** Default busy_timeout, in ms (see OpenStoreOptions.busyTimeoutMs). */
const DEFAULT_BUSY_TIMEOUT_MS = 2000;

/** The reason given for a damaged file: what happened and how to recover. */
const DAMAGED =
  'the file is damaged (SQLite\'s integrity check failed); restore it from a backup (see "Back-ups and restore" in the README) or move it aside to start empty';

/**
 * Open (creating if needed) the database at `path` (":memory:" for a private in-memory one),
 * create its parent folder, set WAL (file databases), busy_timeout, foreign_keys ON,
 * synchronous NORMAL, an 8 MiB page cache, in-memory temp store and a 4000-page WAL checkpoint
 * interval, check a file's integrity (PRAGMA quick_check: every page read once, no index
 * cross-checks) and apply pending migrations. The store it returns rejects with StoreUnavailableError
 * (kind 'busy' or 'damaged') instead of SQLite's busy and corrupt errors (see errors.ts).
 * @throws StoreOpenError with a one-line message naming the path and the reason (a damaged file:
 *   how to restore it).
 */
export function openStore(path: string, opts: OpenStoreOptions = {}): SqliteStore {
  const logger = opts.logger ?? silentLogger;
  const db = openDatabase(path, opts.busyTimeoutMs ?? DEFAULT_BUSY_TIMEOUT_MS);
  try {
    if (!isInMemory(path)) checkIntegrity(db);
    const outcome = migrate(db, opts.migrations ?? MIGRATIONS);
    if (outcome.to !== outcome.from) {
      logger.info({ path, from: outcome.from, to: outcome.to }, 'database migrated');
    }
    return new SqliteStore(db, opts.roundCacheMs);
  } catch (err) {
    db.close();
    throw err instanceof StoreOpenError ? err : new StoreOpenError(path, errorReason(err), err);
  }
}

function isInMemory(path: string): boolean {
  return path === ':memory:' || path === '';
}

/** PRAGMA quick_check(1): throws a damaged-file error unless it answers "ok". */
function checkIntegrity(db: Database.Database): void {
  const result = db.pragma('quick_check(1)', { simple: true });
  if (result !== 'ok') throw Object.assign(new Error(`quick_check: ${String(result)}`), { code: 'SQLITE_CORRUPT' });
}

/**
 * Open a configured better-sqlite3 connection without migrating (openStore and the benchmark's
 * raw baseline use it, so both run with the same settings).
 * @throws StoreOpenError when the path cannot be opened or is not a database.
 */
export function openDatabase(path: string, busyTimeoutMs = DEFAULT_BUSY_TIMEOUT_MS): Database.Database {
  const inMemory = isInMemory(path);
  if (!inMemory) prepareLocation(path);
  let db: Database.Database | undefined;
  try {
    db = new Database(path);
    db.pragma(`busy_timeout = ${Math.max(0, Math.floor(busyTimeoutMs))}`);
    if (!inMemory) {
      const mode = db.pragma('journal_mode = WAL', { simple: true });
      if (mode !== 'wal') throw new Error(`could not switch to WAL mode (journal_mode is ${String(mode)})`);
    }
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    // 8 MiB page cache (default 2 MiB): keeps the per-user aggregate pages of a busy team cached.
    db.pragma('cache_size = -8192');
    // Statement journals (an answer's aggregate upserts get them) in memory, not in temp files:
    // without it they cost more writes than the WAL itself.
    db.pragma('temp_store = MEMORY');
    // Checkpoint the WAL every 16000 pages (64 MiB of log; default 1000): an answer dirties 2 to 3
    // pages and each checkpoint costs two fsyncs, so fewer, larger checkpoints keep clicks fast, and
    // a hot aggregate page rewritten many times in one window is copied back once. (4000 pages cost
    // a click about 8 us more wall time at 1M answers; measured in the README's benchmark section.)
    if (!inMemory) db.pragma('wal_autocheckpoint = 16000');
    // Reading the schema is what detects a file that is not a database.
    db.prepare('SELECT count(*) FROM sqlite_schema').get();
    return db;
  } catch (err) {
    db?.close();
    throw new StoreOpenError(path, errorReason(err), err);
  }
}

/**
 * Create `folder` and its missing parents one level at a time. (Node's `mkdirSync(…, { recursive })`
 * loops forever under /proc on Linux; a plain mkdir fails there with a clear error instead.)
 * @throws the mkdir error (ENOENT, EACCES, ENOTDIR, …).
 */
function makeFolder(folder: string): void {
  if (existsSync(folder)) return;
  const parent = dirname(folder);
  if (parent !== folder) makeFolder(parent);
  mkdirSync(folder);
}

/**
 * Create the parent folder; refuse, naming the actual problem: an ancestor that is a file or a device
 * instead of a folder, a virtual file system (/proc, /sys) that cannot hold files, a directory or a
 * device in place of the file, a read-only file or folder.
 */
function prepareLocation(path: string): void {
  const folder = dirname(path);
  const ancestor = nearestExisting(folder);
  const where = ancestor === folder ? '' : `cannot create its folder "${folder}": `;
  const ancestorStats = statSync(ancestor);
  if (!ancestorStats.isDirectory()) {
    throw new StoreOpenError(
      path,
      ancestor === folder ? `its folder "${folder}" is ${kindOf(ancestorStats)}, not a folder` : `${where}"${ancestor}" is ${kindOf(ancestorStats)}, not a folder`,
    );
  }
  const virtualFs = virtualFileSystem(ancestor);
  if (virtualFs !== undefined) {
    throw new StoreOpenError(path, `${where}"${ancestor}" is a virtual file system (${virtualFs}) that cannot hold files`);
  }
  try {
    makeFolder(folder);
  } catch (err) {
    throw new StoreOpenError(path, `cannot create its folder "${folder}": ${folderProblem(err)}`, err);
  }
  let stats: Stats | undefined;
  try {
    stats = statSync(path);
  } catch {
    // Missing file: SQLite creates it.
  }
  if (stats?.isDirectory()) throw new StoreOpenError(path, 'it is a directory, not a database file');
  if (stats !== undefined && !stats.isFile()) throw new StoreOpenError(path, `it is ${kindOf(stats)}, not a database file`);
  // SQLite opens a read-only file without complaint and fails only at the first write (an answer):
  // refuse it here. The folder must be writable too, for the WAL and shared-memory files.
  for (const [target, what] of [
    [path, 'the file is read-only for this user'],
    [folder, `its folder "${folder}" is read-only for this user (SQLite needs to write its -wal and -shm files there)`],
  ] as const) {
    if (!existsSync(target)) continue;
    try {
      accessSync(target, fsConstants.W_OK);
    } catch {
      throw new StoreOpenError(path, what);
    }
  }
}

/** `folder` itself when it exists, else its nearest existing ancestor ("/" at worst). */
function nearestExisting(folder: string): string {
  let current = folder;
  while (!existsSync(current)) {
    const parent = dirname(current);
    if (parent === current) break;
    current = parent;
  }
  return current;
}

/** What a non-folder is, in words: "a regular file", "a device", "a named pipe", "a socket". */
function kindOf(stats: Stats): string {
  if (stats.isFile()) return 'a regular file';
  if (stats.isCharacterDevice() || stats.isBlockDevice()) return 'a device';
  if (stats.isFIFO()) return 'a named pipe';
  if (stats.isSocket()) return 'a socket';
  return 'not a regular file';
}

/** statfs f_type of Linux's virtual file systems that take no regular files. */
const VIRTUAL_FILE_SYSTEMS = new Map<number, string>([
  [0x9fa0, 'procfs'],
  [0x62656572, 'sysfs'],
  [0x27e0eb, 'cgroup'],
  [0x63677270, 'cgroup2'],
]);

/** The name of the virtual file system `folder` is on (procfs, sysfs, …), or undefined. */
function virtualFileSystem(folder: string): string | undefined {
  try {
    return VIRTUAL_FILE_SYSTEMS.get(Number(statfsSync(folder).type));
  } catch {
    return undefined;
  }
}

/** Why mkdir failed, in words (Node's messages name the syscall, not the problem). */
function folderProblem(err: unknown): string {
  switch ((err as NodeJS.ErrnoException).code) {
    case 'ENOTDIR':
    case 'EEXIST':
      return 'a file stands where a folder is needed';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EROFS':
      return 'read-only file system';
    case 'ENOENT':
      return 'its parent folder does not accept new folders';
    default:
      return errorReason(err);
  }
}

/**
 * A one-line reason from any thrown value: SQLite's "unable to open database file" gets a hint, a
 * corrupt file says how to restore it, a lock names its likely holder.
 */
function errorReason(err: unknown): string {
  const code = String((err as { code?: unknown }).code ?? (err as { cause?: { code?: unknown } }).cause?.code ?? '');
  if (code === 'SQLITE_CANTOPEN') {
    return 'unable to open the file (does its folder allow writing?)';
  }
  if (code.startsWith('SQLITE_CORRUPT')) return DAMAGED;
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) {
    return 'the database is busy: another process holds its write lock (is another kms-tutor using it?); try again';
  }
  const text = err instanceof Error ? err.message : String(err);
  return text.replace(/\s+/g, ' ').trim() || 'unknown error';
}
