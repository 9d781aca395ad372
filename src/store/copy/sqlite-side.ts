/** The SQLite side of db:copy (see side.ts): one better-sqlite3 connection, writes in one IMMEDIATE transaction. */
import { existsSync, statSync } from 'node:fs';
import Database from 'better-sqlite3';
import { MIGRATIONS, userVersion } from '../migrations.js';
import { openStore } from '../open.js';
import { SqliteStore } from '../sqlite-store.js';
import { CopyError } from './copy.js';
import { type CopyRow, type CopySide, ID_TABLES, JSON_COLUMNS } from './side.js';
import { NOT_DATA, looksLikeKmsTutor, refuseIncompleteSource } from './source.js';
import { kmsTutorTables, refuseUnlessEmpty } from './target.js';

/** Every data table of the SQLite database `db` (NOT_DATA left out) and its columns. */
function dataTables(db: Database.Database): Map<string, string[]> {
  const names = (db.prepare(`SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name`).all() as { name: string }[])
    .map((t) => t.name)
    .filter((n) => !NOT_DATA.test(n));
  return new Map(names.map((n) => [n, (db.prepare('SELECT name FROM pragma_table_info(?) ORDER BY cid').all(n) as { name: string }[]).map((c) => c.name)]));
}

/** Open (creating and migrating it if needed) the SQLite database at `path` as the side copied INTO. */
export function sqliteSide(path: string): CopySide {
  return sideOver(path, openStore(path, { roundCacheMs: 0 }));
}

/**
 * db:copy's target at `path`: checked read-only first (nothing created or written), then opened as
 * sqliteSide does. A missing file (created then), a file without tables, or an empty kms-tutor
 * database of this version is accepted.
 * @throws CopyError (refuseUnlessEmpty) when the file holds a table that is not kms-tutor's,
 *   kms-tutor tables of another version, or any row.
 */
export async function sqliteTargetSide(path: string): Promise<CopySide> {
  await checkTarget(path);
  return sqliteSide(path);
}

/** refuseUnlessEmpty on the file at `path`, read-only; a file that is missing or not a database is left to openStore (its error). */
async function checkTarget(path: string): Promise<void> {
  if (!existsSync(path) || !statSync(path).isFile()) return;
  let db: Database.Database;
  try {
    db = new Database(path, { readonly: true, fileMustExist: true });
  } catch {
    return;
  }
  try {
    const tables = (db.prepare(`SELECT name FROM sqlite_schema WHERE type IN ('table', 'view') AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'`).all() as { name: string }[]).map((t) => t.name);
    const version = userVersion(db);
    const count = async (table: string) => (db.prepare(`SELECT count(*) AS n FROM "${table.replaceAll('"', '""')}"`).get() as { n: number }).n;
    await refuseUnlessEmpty(path, { tables, version: version === 0 ? undefined : version, count }, kmsTutorTables(), MIGRATIONS.length);
  } catch (err) {
    if (err instanceof CopyError) throw err;
    return; // not a database after all: openStore says so
  } finally {
    db.close();
  }
}

/**
 * Open the existing kms-tutor SQLite database at `path` READ-ONLY as the side copied FROM: it is
 * never created, migrated or written to.
 * @throws CopyError (one line) when there is no file at `path` (or it is `:memory:`), it is not a
 *   kms-tutor database (looksLikeKmsTutor: neither its core tables with a user_version nor most of its
 *   tables), has most of its tables but no user_version, or its schema is older or newer than
 *   this version's (an older one must be opened once by the bot, which migrates it, before copying),
 *   or its tables are not this version's (refuseIncompleteSource: a table or column missing, a foreign table).
 */
export function sqliteSourceSide(path: string): CopySide {
  if (path === ':memory:' || !existsSync(path) || !statSync(path).isFile()) throw new CopyError(`no database at ${path}`);
  let db: Database.Database;
  try {
    db = new Database(path, { readonly: true, fileMustExist: true });
    db.prepare('SELECT count(*) FROM sqlite_schema').get();
  } catch (err) {
    throw new CopyError(`cannot open ${path}: ${err instanceof Error ? err.message : String(err)}`);
  }
  try {
    const version = userVersion(db);
    const known = MIGRATIONS.length;
    const tables = dataTables(db);
    if (!looksLikeKmsTutor(tables.keys(), version !== 0)) throw new CopyError(`${path} is not a kms-tutor database (no kms-tutor tables or schema version)`);
    if (version === 0) throw new CopyError(`${path} holds kms-tutor's tables but no schema version (damaged?); nothing was copied`);
    if (version < known) {
      throw new CopyError(`${path} is an older kms-tutor database (schema ${version}, this version needs ${known}): start the bot on it once (that migrates it), then copy`);
    }
    if (version > known) throw new CopyError(`${path} has schema ${version}, newer than this kms-tutor knows (${known}); copy with a newer kms-tutor`);
    refuseIncompleteSource(path, tables);
    return sideOver(path, new SqliteStore(db, 0));
  } catch (err) {
    db.close();
    throw err;
  }
}

/** The copy side over an open store labelled `path`. */
function sideOver(path: string, store: SqliteStore): CopySide {
  const db = store.db;
  const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;
  const primaryKey = (table: string) =>
    (db.prepare(`SELECT name, pk FROM pragma_table_info(?) WHERE pk > 0 ORDER BY pk`).all(table) as { name: string }[]).map((c) => c.name);

  return {
    label: path,
    store,
    async tables() {
      return dataTables(db);
    },
    async count(table) {
      return (db.prepare(`SELECT count(*) AS n FROM ${quote(table)}`).get() as { n: number }).n;
    },
    async read(table, columns, size, each) {
      const json = JSON_COLUMNS[table] ?? [];
      const order = primaryKey(table).map(quote).join(', ') || 'rowid';
      const statement = db.prepare(`SELECT ${columns.map(quote).join(', ')} FROM ${quote(table)} ORDER BY ${order}`);
      let batch: CopyRow[] = [];
      // This connection runs nothing else meanwhile, so its iterator may stay open across the awaits.
      for (const row of statement.iterate() as IterableIterator<CopyRow>) {
        for (const c of json) if (typeof row[c] === 'string') row[c] = JSON.parse(row[c] as string);
        batch.push(row);
        if (batch.length >= size) {
          await each(batch);
          batch = [];
        }
      }
      if (batch.length > 0) await each(batch);
    },
    async begin() {
      db.exec('BEGIN IMMEDIATE');
    },
    async write(table, columns, rows) {
      const json = new Set(JSON_COLUMNS[table] ?? []);
      const insert = db.prepare(`INSERT INTO ${quote(table)} (${columns.map(quote).join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`);
      for (const row of rows) {
        insert.run(columns.map((c) => (json.has(c) && row[c] !== null && row[c] !== undefined ? JSON.stringify(row[c]) : row[c] ?? null)));
      }
    },
    async clear(table) {
      db.prepare(`DELETE FROM ${quote(table)}`).run();
    },
    async nextIds() {
      const next = new Map<string, number>();
      for (const table of ID_TABLES) {
        const seq = db.prepare('SELECT seq FROM sqlite_sequence WHERE name = ?').get(table) as { seq: number } | undefined;
        const max = (db.prepare(`SELECT coalesce(max(id), 0) AS m FROM ${quote(table)}`).get() as { m: number }).m;
        next.set(table, Math.max(seq?.seq ?? 0, max) + 1);
      }
      return next;
    },
    async raiseNextIds(next) {
      for (const [table, id] of next) {
        const updated = db.prepare('UPDATE sqlite_sequence SET seq = max(seq, ?) WHERE name = ?').run(id - 1, table);
        if (updated.changes === 0) db.prepare('INSERT INTO sqlite_sequence (name, seq) VALUES (?, ?)').run(table, id - 1);
      }
    },
    async commit() {
      db.exec('COMMIT');
    },
    async rollback() {
      if (db.inTransaction) db.exec('ROLLBACK');
    },
    async teams() {
      return db
        .prepare(`SELECT platform, team_id AS teamId FROM rounds UNION SELECT platform, team_id FROM users ORDER BY 1, 2`)
        .all() as { platform: string; teamId: string }[];
    },
    close: () => store.close(),
  };
}
