/**
 * `npm run db:copy` (src/db-copy.ts, src/store/copy/): SQLite -> SQLite end to end through the CLI
 * (no server needed): the copy, its check, and the refusal of a non-empty target, each in one line.
 * The PostgreSQL directions are in tests/postgres/db-copy.test.ts.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { MIGRATIONS, migrate } from '../../src/store/migrations.js';
import { openDatabase } from '../../src/store/open.js';
import { openStore } from '../../src/store/index.js';
import { tempDir, removeTempDirs } from '../terminal/run-cli.js';
import { playDaily, team } from './fixtures.js';
import { dbCopy } from '../support/db-copy-cli.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

afterAll(removeTempDirs);

describe('npm run db:copy (SQLite to SQLite)', () => {
  it('copies every table, checks counts and boards, and refuses a target that holds data', async () => {
    const dir = tempDir();
    const from = path.join(dir, 'from.db');
    const to = path.join(dir, 'to.db');
    const source = openStore(from);
    await playDaily(source, '2026-01-05', ['U1', 'U2'], ['U2']);
    await playDaily(source, '2026-01-06', ['U1']);
    const board = await source.scoreLines({ scope: team });
    await source.close();

    const copied = await dbCopy([from, to]);
    expect(copied.stderr).toBe('');
    expect(copied.code).toBe(0);
    expect(copied.stdout).toContain('answers: 3 rows');
    expect(copied.stdout).toMatch(/row counts match, and the boards of 1 team\(s\) match/);
    const target = openStore(to);
    expect(await target.scoreLines({ scope: team })).toEqual(board);
    expect(await target.streaks(team, 'U1')).toEqual([{ channelId: 'C1', current: 2, best: 2, lastDate: '2026-01-06' }]);
    await target.close();

    const again = await dbCopy(['--', from, to]);
    expect(again.code).toBe(1);
    expect(again.stdout).toBe('');
    expect(again.stderr.trim().split('\n')).toHaveLength(1);
    expect(again.stderr).toContain(`refusing to copy into ${to}: it is not empty`);

    const usage = await dbCopy([from]);
    expect(usage.code).toBe(1);
    expect(usage.stderr).toContain('expected two arguments, got 1');
  }, 120_000);
});

describe('npm run db:copy into a target that is not empty (refused before anything is written to it)', () => {
  /** Every table of the SQLite file at `file` and its user_version. */
  function schemaOf(file: string): { tables: string[]; version: number } {
    const db = new Database(file, { readonly: true });
    try {
      const tables = (db.prepare(`SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name`).all() as { name: string }[]).map((t) => t.name);
      return { tables, version: db.pragma('user_version', { simple: true }) as number };
    } finally {
      db.close();
    }
  }

  it('refuses another application’s database, naming the target and its first foreign table, and leaves it as it was', async () => {
    const dir = tempDir();
    const from = path.join(dir, 'from.db');
    const source = openStore(from);
    await playDaily(source, '2026-01-05', ['U1'], []);
    await source.close();
    for (const sql of [
      "CREATE TABLE notes (id INTEGER PRIMARY KEY, t TEXT); INSERT INTO notes (t) VALUES ('mine');",
      'CREATE TABLE users (id INTEGER PRIMARY KEY); CREATE TABLE zz_empty (x TEXT);', // no rows, and a name kms-tutor uses too
    ]) {
      const to = path.join(dir, `app-${sql.length}.db`);
      const db = new Database(to);
      db.exec(sql);
      db.close();
      const before = readFileSync(to);
      const tables = schemaOf(to).tables;
      const out = await dbCopy([from, to]);
      expect(out.code).toBe(1);
      expect(out.stdout).toBe('');
      const foreign = tables.includes('notes') ? 'notes' : 'zz_empty';
      expect(out.stderr).toBe(`db:copy: refusing to copy into ${to}: it is not empty and not a kms-tutor database (table "${foreign}"); the target must be empty\n`);
      expect(readFileSync(to).equals(before)).toBe(true);
      expect(schemaOf(to)).toEqual({ tables, version: 0 });
    }
  }, 120_000);

  it('refuses a file without tables that records a schema version (it used to be migrated from that stamp into a broken file)', async () => {
    const dir = tempDir();
    const from = path.join(dir, 'from.db');
    const source = openStore(from);
    await playDaily(source, '2026-01-05', ['U1'], []);
    await source.close();
    const to = path.join(dir, 'stamped.db');
    const db = new Database(to);
    db.pragma('user_version = 9');
    db.close();
    const before = readFileSync(to);
    const out = await dbCopy([from, to]);
    expect(out.code).toBe(1);
    expect(out.stderr).toBe(`db:copy: refusing to copy into ${to}: it records kms-tutor schema 9 but holds no tables; the target must be empty (a new file, or an empty schema)\n`);
    expect(readFileSync(to).equals(before)).toBe(true);
    expect(schemaOf(to)).toEqual({ tables: [], version: 9 });
  }, 60_000);

  it('refuses an empty kms-tutor database of an older version, and one holding a row, leaving each as it was', async () => {
    const dir = tempDir();
    const from = path.join(dir, 'from.db');
    const source = openStore(from);
    await playDaily(source, '2026-01-05', ['U1'], []);
    await source.close();

    const older = path.join(dir, 'older.db');
    const old = openDatabase(older);
    migrate(old, MIGRATIONS.slice(0, 11));
    old.close();
    const before = schemaOf(older);
    const out = await dbCopy([from, older]);
    expect(out.code).toBe(1);
    expect(out.stderr).toBe(
      `db:copy: refusing to copy into ${older}: it holds kms-tutor tables of another version (schema 11, this version's is ${MIGRATIONS.length}); the target must be empty\n`,
    );
    expect(schemaOf(older)).toEqual(before);

    const used = path.join(dir, 'used.db');
    const store = openStore(used);
    await playDaily(store, '2026-01-06', ['U9'], []);
    await store.close();
    const usedBytes = readFileSync(used);
    const refused = await dbCopy([from, used]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(new RegExp(`^db:copy: refusing to copy into ${used.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: it is not empty \\(table "\\w+" holds \\d+ rows\\)\n$`));
    expect(readFileSync(used).equals(usedBytes)).toBe(true);
  }, 120_000);

  it('accepts a file without tables, and an empty kms-tutor database of this version', async () => {
    const dir = tempDir();
    const from = path.join(dir, 'from.db');
    const source = openStore(from);
    await playDaily(source, '2026-01-05', ['U1', 'U2'], ['U2']);
    await source.close();
    const bare = path.join(dir, 'bare.db');
    new Database(bare).close();
    const fresh = path.join(dir, 'fresh.db');
    await openStore(fresh).close();
    for (const to of [bare, fresh]) {
      const out = await dbCopy([from, to]);
      expect(out.stderr).toBe('');
      expect(out.code).toBe(0);
      expect(out.stdout).toContain('answers: 2 rows');
    }
  }, 120_000);
});

describe('npm run db:copy refusals (one line, nothing created or written)', () => {
  it('refuses a URL that is not postgres://, masking its password, and creates no file', async () => {
    const dir = tempDir();
    const from = path.join(dir, 'from.db');
    await openStore(from).close();
    for (const url of ['mysql://u:secretpw@h/db', 'postgress://u@h/db', 'http://example.com/x.db']) {
      const out = await dbCopy([from, url]);
      expect(out.code).toBe(1);
      expect(out.stderr.trim().split('\n')).toHaveLength(1);
      expect(out.stderr).toContain('looks like a URL but is not postgres:// or postgresql://');
      expect(out.stderr).not.toContain('secretpw');
    }
    expect(existsSync(path.join(ROOT, 'mysql:'))).toBe(false);
    expect(existsSync(path.join(ROOT, 'postgress:'))).toBe(false);
  }, 60_000);

  it('refuses a missing source, and :memory: on either side, without creating anything', async () => {
    const dir = tempDir();
    const missing = path.join(dir, 'missing.db');
    const to = path.join(dir, 'to.db');
    const out = await dbCopy([missing, to]);
    expect(out.code).toBe(1);
    expect(out.stderr).toBe(`db:copy: no database at ${missing}\n`);
    expect(existsSync(missing)).toBe(false);
    const mem = await dbCopy([':memory:', to]);
    expect(mem.stderr).toBe('db:copy: no database at :memory:\n');
    expect(existsSync(to)).toBe(false);
    // As the target: a copy into memory would be thrown away.
    const from = path.join(dir, 'from.db');
    await openStore(from).close();
    const intoMemory = await dbCopy([from, ':memory:']);
    expect(intoMemory.code).toBe(1);
    expect(intoMemory.stderr).toBe('db:copy: :memory: is not a database file: a copy into it would be thrown away; give a file path or a postgres:// URL\n');
    expect(intoMemory.stdout).toBe('');
  }, 60_000);

  it('refuses a source that is not a kms-tutor database, or an older one, before writing to it', async () => {
    const dir = tempDir();
    const foreign = path.join(dir, 'foreign.db');
    const db = new Database(foreign);
    db.exec("CREATE TABLE notes (id INTEGER PRIMARY KEY, t TEXT); INSERT INTO notes (t) VALUES ('mine');");
    db.close();
    const before = readFileSync(foreign);
    const to = path.join(dir, 'to.db');
    const out = await dbCopy([foreign, to]);
    expect(out.code).toBe(1);
    expect(out.stderr).toBe(`db:copy: ${foreign} is not a kms-tutor database (no kms-tutor tables or schema version)\n`);
    expect(readFileSync(foreign).equals(before)).toBe(true);
    expect(existsSync(to)).toBe(false);

    const older = path.join(dir, 'older.db');
    const old = openDatabase(older);
    migrate(old, MIGRATIONS.slice(0, 11));
    old.close();
    const olderOut = await dbCopy([older, to]);
    expect(olderOut.code).toBe(1);
    expect(olderOut.stderr).toBe(
      `db:copy: ${older} is an older kms-tutor database (schema 11, this version needs ${MIGRATIONS.length}): start the bot on it once (that migrates it), then copy\n`,
    );
    const check = new Database(older, { readonly: true });
    expect(check.pragma('user_version', { simple: true })).toBe(11);
    check.close();
  }, 60_000);

  /** A kms-tutor SQLite file `name` in `dir` (with a played daily round when `played`), then `damage` run on it. */
  async function damagedSource(dir: string, name: string, damage: (db: Database.Database) => void, played = false): Promise<string> {
    const file = path.join(dir, name);
    const store = openStore(file);
    if (played) await playDaily(store, '2026-01-05', ['U1', 'U2'], ['U2']);
    await store.close();
    const db = new Database(file);
    damage(db);
    db.close();
    return file;
  }

  /** db:copy from `from` into a new file of `dir` exits 1 with exactly `message` on stderr, and creates no target. */
  async function expectSourceRefused(from: string, dir: string, message: string): Promise<void> {
    const to = path.join(dir, 'to.db');
    const out = await dbCopy([from, to]);
    expect(out.code).toBe(1);
    expect(out.stderr).toBe(`db:copy: ${from} ${message}\n`);
    expect(existsSync(to)).toBe(false);
  }

  it('refuses a damaged source (a kms-tutor table or column missing) in one line naming it, and creates no target (s6 newcomer #9)', async () => {
    const dir = tempDir();
    const from = await damagedSource(dir, 'damaged.db', (db) => db.exec('DROP TABLE reports'), true);
    await expectSourceRefused(from, dir, 'is missing kms-tutor table "reports" (damaged?); nothing was copied');
    const columnless = await damagedSource(dir, 'columnless.db', (db) => db.exec('ALTER TABLE users DROP COLUMN user_name'));
    await expectSourceRefused(columnless, dir, 'table "users" is missing column(s) user_name (damaged?); nothing was copied');
  }, 60_000);

  it('refuses a source with a column kms-tutor does not know, naming the source, and creates no target (s7 newcomer #11)', async () => {
    const dir = tempDir();
    const from = await damagedSource(dir, 'extra-column.db', (db) => db.exec('ALTER TABLE rounds ADD COLUMN zzz TEXT'), true);
    await expectSourceRefused(from, dir, 'table "rounds" has column(s) zzz that kms-tutor does not know (another version or damaged?); nothing was copied');
  }, 60_000);

  it('names the missing table of a source with one kms-tutor table renamed, or says it lacks its schema version (s7 newcomer #12)', async () => {
    const dir = tempDir();
    const from = await damagedSource(dir, 'renamed.db', (db) => db.exec('ALTER TABLE users RENAME TO users_old'));
    await expectSourceRefused(from, dir, 'is missing kms-tutor table "users" (damaged?); nothing was copied');
    const versionless = await damagedSource(dir, 'versionless.db', (db) => db.pragma('user_version = 0'));
    await expectSourceRefused(versionless, dir, "holds kms-tutor's tables but no schema version (damaged?); nothing was copied");
  }, 60_000);
});
