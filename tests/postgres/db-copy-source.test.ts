/**
 * db:copy from a PostgreSQL source (src/store/copy/postgres-side.ts postgresSourceSide, src/db-copy.ts):
 * the source is opened read-only and never created or migrated. A schema that is not kms-tutor's,
 * one that does not exist, or one at an older or newer version is refused with one line naming it
 * (password masked), before anything is written to either side; a good source copies through
 * connections the server keeps read-only. Needs TEST_DATABASE_URL (skipped, saying so, without).
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyDatabase } from '../../src/store/copy/copy.js';
import { postgresSourceSide } from '../../src/store/copy/postgres-side.js';
import { sqliteSide } from '../../src/store/copy/sqlite-side.js';
import { describeUrl, openPostgresStore } from '../../src/store/postgres/open.js';
import { openStore } from '../../src/store/index.js';
import { channelRound, playDaily, tempDir } from '../store/fixtures.js';
import { SKIP_REASON, TestSchemas, schemaUrl, testDatabaseUrl } from './server.js';
import { dbCopy } from '../support/db-copy-cli.js';

if (testDatabaseUrl === undefined) {
  describe(`db:copy from PostgreSQL ${SKIP_REASON}`, () => {
    it.skip('needs a PostgreSQL server', () => {});
  });
} else {
  const serverUrl = testDatabaseUrl;
  const schemas = new TestSchemas('copysrc');
  const tmp = tempDir();
  const admin = new pg.Client({ connectionString: serverUrl });
  beforeAll(async () => {
    await admin.connect();
  });
  afterAll(async () => {
    await admin.end();
    await schemas.dropAll();
    tmp.cleanup();
  });

  /** The server URL working in `schema`, with a password in it (to see it masked). */
  const urlOf = (schema: string) => {
    const u = new URL(schemaUrl(schema));
    if (u.password === '') u.password = 'secretpw';
    return u.toString();
  };
  /** A trust-auth server ignores the password; one that checks it needs the real URL. */
  const workingUrlOf = schemaUrl;
  const tablesOf = async (schema: string) =>
    (await admin.query<{ t: string }>({ text: 'SELECT table_name AS t FROM information_schema.tables WHERE table_schema = $1 ORDER BY 1', values: [schema] })).rows.map((r) => r.t);
  const schemaExists = async (schema: string) =>
    (await admin.query({ text: 'SELECT 1 FROM pg_namespace WHERE nspname = $1', values: [schema] })).rowCount === 1;
  const versionOf = async (schema: string) => (await admin.query<{ v: number }>(`SELECT max(version) AS v FROM "${schema}".schema_migrations`)).rows[0]?.v;
  const trustAuth = new URL(serverUrl).password === '';

  describe('db:copy from PostgreSQL', () => {
    it('refuses a schema that is not kms-tutor’s, or none, in one line before writing to either side', async () => {
      const foreign = schemas.name();
      await admin.query(`CREATE SCHEMA "${foreign}"; CREATE TABLE "${foreign}".notes (id serial PRIMARY KEY, t text); INSERT INTO "${foreign}".notes (t) VALUES ('mine')`);
      const from = trustAuth ? urlOf(foreign) : workingUrlOf(foreign);
      const intoFile = path.join(tmp.dir, 'from-foreign.db');
      const out = await dbCopy([from, intoFile]);
      expect(out.code).toBe(1);
      expect(out.stderr).toBe(`db:copy: ${describeUrl(from)} is not a kms-tutor database (schema "${foreign}" has no kms-tutor tables or schema version)\n`);
      expect(out.stderr).not.toContain('secretpw');
      expect(existsSync(intoFile)).toBe(false);
      // Into a PostgreSQL target: the target schema is not even created.
      const target = schemas.name();
      expect((await dbCopy([from, workingUrlOf(target)])).code).toBe(1);
      expect(await schemaExists(target)).toBe(false);
      expect(await tablesOf(foreign)).toEqual(['notes']);

      const missing = schemas.name();
      const none = await dbCopy([workingUrlOf(missing), intoFile]);
      expect(none.code).toBe(1);
      expect(none.stderr).toBe(`db:copy: ${describeUrl(workingUrlOf(missing))} is not a kms-tutor database (it has no schema "${missing}")\n`);
      expect(await schemaExists(missing)).toBe(false);
      expect(existsSync(intoFile)).toBe(false);
    }, 60_000);

    it('refuses an older or a newer kms-tutor schema, leaving it at its version', async () => {
      const older = schemas.name();
      await (await openPostgresStore(workingUrlOf(older))).close();
      const known = await versionOf(older);
      await admin.query(`DELETE FROM "${older}".schema_migrations WHERE version > 2`);
      const intoFile = path.join(tmp.dir, 'from-older.db');
      const out = await dbCopy([workingUrlOf(older), intoFile]);
      expect(out.code).toBe(1);
      expect(out.stderr).toBe(
        `db:copy: ${describeUrl(workingUrlOf(older))} is an older kms-tutor database (schema 2, this version needs ${known}): start the bot on it once (that migrates it), then copy\n`,
      );
      expect(await versionOf(older)).toBe(2);
      expect(existsSync(intoFile)).toBe(false);

      const newer = schemas.name();
      await (await openPostgresStore(workingUrlOf(newer))).close();
      await admin.query(`INSERT INTO "${newer}".schema_migrations (version, name) VALUES (99, 'from the future')`);
      const ahead = await dbCopy([workingUrlOf(newer), intoFile]);
      expect(ahead.code).toBe(1);
      expect(ahead.stderr).toBe(`db:copy: ${describeUrl(workingUrlOf(newer))} has schema 99, newer than this kms-tutor knows (${known}); copy with a newer kms-tutor\n`);
      expect(existsSync(intoFile)).toBe(false);
    }, 60_000);

    it('refuses a damaged source (a kms-tutor table dropped) in one line, creating no SQLite file and no PostgreSQL schema (s6 newcomer #9)', async () => {
      const damaged = schemas.name();
      const store = await openPostgresStore(workingUrlOf(damaged));
      await playDaily(store, '2026-01-05', ['U1', 'U2'], ['U2']);
      await store.close();
      await admin.query(`DROP TABLE "${damaged}".reports CASCADE`);
      const intoFile = path.join(tmp.dir, 'from-damaged.db');
      const out = await dbCopy([workingUrlOf(damaged), intoFile]);
      expect(out.code).toBe(1);
      expect(out.stderr).toBe(`db:copy: ${describeUrl(workingUrlOf(damaged))} is missing kms-tutor table "reports" (damaged?); nothing was copied\n`);
      expect(existsSync(intoFile)).toBe(false);
      const target = schemas.name();
      expect((await dbCopy([workingUrlOf(damaged), workingUrlOf(target)])).code).toBe(1);
      expect(await schemaExists(target)).toBe(false);
    }, 60_000);

    it('refuses a source with a column kms-tutor does not know, naming the source, in both directions, creating nothing (s7 newcomer #11)', async () => {
      const odd = schemas.name();
      const store = await openPostgresStore(workingUrlOf(odd));
      await playDaily(store, '2026-01-05', ['U1', 'U2'], ['U2']);
      await store.close();
      await admin.query(`ALTER TABLE "${odd}".rounds ADD COLUMN zzz text`);
      const words = (label: string) => `db:copy: ${label} table "rounds" has column(s) zzz that kms-tutor does not know (another version or damaged?); nothing was copied\n`;
      const intoFile = path.join(tmp.dir, 'from-odd.db');
      const out = await dbCopy([workingUrlOf(odd), intoFile]);
      expect(out.code).toBe(1);
      expect(out.stderr).toBe(words(describeUrl(workingUrlOf(odd))));
      expect(existsSync(intoFile)).toBe(false);
      const target = schemas.name();
      const intoSchema = await dbCopy([workingUrlOf(odd), workingUrlOf(target)]);
      expect(intoSchema.code).toBe(1);
      expect(intoSchema.stderr).toBe(words(describeUrl(workingUrlOf(odd))));
      expect(await schemaExists(target)).toBe(false);

      // A SQLite source with the same odd column, into PostgreSQL: the target schema is not created either.
      const file = path.join(tmp.dir, 'odd.db');
      const sqlite = openStore(file);
      await playDaily(sqlite, '2026-01-05', ['U1', 'U2'], ['U2']);
      await sqlite.close();
      const raw = new Database(file);
      raw.exec('ALTER TABLE rounds ADD COLUMN zzz TEXT');
      raw.close();
      const fromFile = await dbCopy([file, workingUrlOf(target)]);
      expect(fromFile.code).toBe(1);
      expect(fromFile.stderr).toBe(words(file));
      expect(await schemaExists(target)).toBe(false);
    }, 60_000);

    it('names the missing table of a schema with one kms-tutor table renamed, or says it lacks its schema version (s7 newcomer #12)', async () => {
      const renamed = schemas.name();
      await (await openPostgresStore(workingUrlOf(renamed))).close();
      await admin.query(`ALTER TABLE "${renamed}".users RENAME TO users_old`);
      const intoFile = path.join(tmp.dir, 'from-renamed.db');
      const out = await dbCopy([workingUrlOf(renamed), intoFile]);
      expect(out.code).toBe(1);
      expect(out.stderr).toBe(`db:copy: ${describeUrl(workingUrlOf(renamed))} is missing kms-tutor table "users" (damaged?); nothing was copied\n`);
      expect(existsSync(intoFile)).toBe(false);

      const versionless = schemas.name();
      await (await openPostgresStore(workingUrlOf(versionless))).close();
      await admin.query(`DROP TABLE "${versionless}".schema_migrations`);
      const vOut = await dbCopy([workingUrlOf(versionless), intoFile]);
      expect(vOut.code).toBe(1);
      expect(vOut.stderr).toBe(`db:copy: ${describeUrl(workingUrlOf(versionless))} holds kms-tutor's tables but no schema version (damaged?); nothing was copied\n`);
      expect(existsSync(intoFile)).toBe(false);
    }, 60_000);

    it('copies a good source through connections the server keeps read-only', async () => {
      const name = schemas.name();
      const url = workingUrlOf(name);
      const store = await openPostgresStore(url);
      await playDaily(store, '2026-01-05', ['U1', 'U2'], ['U2']);
      await store.close();
      const before = await tablesOf(name);

      const source = await postgresSourceSide(url);
      const intoFile = path.join(tmp.dir, 'from-pg.db');
      try {
        await expect(source.store.createRound(channelRound())).rejects.toThrow();
        const report = await copyDatabase(source, sqliteSide(intoFile));
        expect(report.rows.get('answers')).toBe(2);
        expect(report.teamsCompared).toBe(1);
      } finally {
        await source.close();
      }
      expect(await tablesOf(name)).toEqual(before);
      // The source's answers are unchanged: no round was added by the refused write.
      expect((await admin.query(`SELECT count(*)::int AS n FROM "${name}".rounds`)).rows[0]?.n).toBe(1);

      const cli = await dbCopy([url, path.join(tmp.dir, 'from-pg-cli.db')]);
      expect(cli.stderr).toBe('');
      expect(cli.code).toBe(0);
      expect(cli.stdout).toContain(`db:copy: copied ${describeUrl(url)} into`);
    }, 60_000);
  });
}
