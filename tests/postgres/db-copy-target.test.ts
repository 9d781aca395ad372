/**
 * db:copy into a PostgreSQL target (src/store/copy/postgres-side.ts postgresTargetSide,
 * src/db-copy.ts): the target schema must be empty. One holding a table that is not kms-tutor's,
 * kms-tutor tables of another version, or any row is refused with one line naming it (password
 * masked) and the first foreign table, before anything is written to it: no kms-tutor table, no
 * schema_migrations, no new schema. A schema that does not exist, one without tables, or an empty
 * kms-tutor schema of this version is copied into. Needs TEST_DATABASE_URL (skipped, saying so, without).
 */
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/index.js';
import { describeUrl, openPostgresStore } from '../../src/store/postgres/open.js';
import { playDaily, tempDir } from '../store/fixtures.js';
import { SKIP_REASON, TestSchemas, schemaUrl, testDatabaseUrl } from './server.js';
import { dbCopy } from '../support/db-copy-cli.js';

if (testDatabaseUrl === undefined) {
  describe(`db:copy into PostgreSQL ${SKIP_REASON}`, () => {
    it.skip('needs a PostgreSQL server', () => {});
  });
} else {
  const serverUrl = testDatabaseUrl;
  const schemas = new TestSchemas('copydst');
  const tmp = tempDir();
  const admin = new pg.Client({ connectionString: serverUrl });
  let source = '';
  beforeAll(async () => {
    await admin.connect();
    source = path.join(tmp.dir, 'source.db');
    const store = openStore(source);
    await playDaily(store, '2026-01-05', ['U1', 'U2'], ['U2']);
    await store.close();
  });
  afterAll(async () => {
    await admin.end();
    await schemas.dropAll();
    tmp.cleanup();
  });

  const urlOf = schemaUrl;
  const tablesOf = async (schema: string) =>
    (await admin.query<{ t: string }>({ text: 'SELECT table_name AS t FROM information_schema.tables WHERE table_schema = $1 ORDER BY 1', values: [schema] })).rows.map((r) => r.t);
  const schemaExists = async (schema: string) =>
    (await admin.query({ text: 'SELECT 1 FROM pg_namespace WHERE nspname = $1', values: [schema] })).rowCount === 1;
  const versionOf = async (schema: string) => (await admin.query<{ v: number }>(`SELECT max(version) AS v FROM "${schema}".schema_migrations`)).rows[0]?.v;

  describe('db:copy into PostgreSQL', () => {
    it('refuses another application’s schema, naming it and its first foreign table, and adds nothing to it', async () => {
      const app2 = schemas.name();
      await admin.query(`CREATE SCHEMA "${app2}"; CREATE TABLE "${app2}".notes (id int PRIMARY KEY, t text); INSERT INTO "${app2}".notes VALUES (1, 'mine')`);
      const out = await dbCopy([source, urlOf(app2)]);
      expect(out.code).toBe(1);
      expect(out.stdout).toBe('');
      expect(out.stderr).toBe(`db:copy: refusing to copy into ${describeUrl(urlOf(app2))}: it is not empty and not a kms-tutor database (table "notes"); the target must be empty\n`);
      expect(await tablesOf(app2)).toEqual(['notes']);

      // A schema with a table of a name kms-tutor uses too (the migration would fail on it) and no
      // schema_migrations: refused before migrating, leaving no stray schema_migrations behind.
      const app = schemas.name();
      await admin.query(`CREATE SCHEMA "${app}"; CREATE TABLE "${app}".users (id int PRIMARY KEY)`);
      const clash = await dbCopy([source, urlOf(app)]);
      expect(clash.code).toBe(1);
      expect(clash.stderr).toBe(
        `db:copy: refusing to copy into ${describeUrl(urlOf(app))}: it holds kms-tutor tables of another version (no schema version, this version's is ${await knownVersion()}); the target must be empty\n`,
      );
      expect(await tablesOf(app)).toEqual(['users']);
    }, 60_000);

    it('refuses a schema without tables that holds another application’s sequence, type or function, adding nothing', async () => {
      const seq = schemas.name();
      await admin.query(`CREATE SCHEMA "${seq}"; CREATE SEQUENCE "${seq}".invoice_no START 5000`);
      const out = await dbCopy([source, urlOf(seq)]);
      expect(out.code).toBe(1);
      expect(out.stderr).toBe(`db:copy: refusing to copy into ${describeUrl(urlOf(seq))}: it is not empty and not a kms-tutor database (sequence "invoice_no"); the target must be empty\n`);
      expect(await tablesOf(seq)).toEqual([]);
      const typed = schemas.name();
      await admin.query(`CREATE SCHEMA "${typed}"; CREATE TYPE "${typed}".users AS (x int); CREATE FUNCTION "${typed}".f() RETURNS int LANGUAGE sql AS 'SELECT 1'`);
      const clash = await dbCopy([source, urlOf(typed)]);
      expect(clash.code).toBe(1);
      expect(clash.stderr).toBe(`db:copy: refusing to copy into ${describeUrl(urlOf(typed))}: it is not empty and not a kms-tutor database (function "f"); the target must be empty\n`);
      expect(await tablesOf(typed)).toEqual([]);
    }, 60_000);

    it('refuses an older kms-tutor schema and one holding a row, leaving each as it was', async () => {
      const older = schemas.name();
      await (await openPostgresStore(urlOf(older))).close();
      const known = await versionOf(older);
      await admin.query(`DELETE FROM "${older}".schema_migrations WHERE version > 2`);
      const out = await dbCopy([source, urlOf(older)]);
      expect(out.code).toBe(1);
      expect(out.stderr).toBe(
        `db:copy: refusing to copy into ${describeUrl(urlOf(older))}: it holds kms-tutor tables of another version (schema 2, this version's is ${known}); the target must be empty\n`,
      );
      expect(await versionOf(older)).toBe(2);

      const used = schemas.name();
      const store = await openPostgresStore(urlOf(used));
      await playDaily(store, '2026-01-06', ['U9'], []);
      await store.close();
      const refused = await dbCopy([source, urlOf(used)]);
      expect(refused.code).toBe(1);
      expect(refused.stderr).toMatch(/^db:copy: refusing to copy into .*: it is not empty \(table "\w+" holds \d+ rows\)\n$/);
      expect((await admin.query(`SELECT count(*)::int AS n FROM "${used}".answers`)).rows[0]?.n).toBe(1);
    }, 60_000);

    it('copies into a schema that does not exist, one without tables, and an empty kms-tutor schema of this version', async () => {
      const missing = schemas.name();
      const bare = schemas.name();
      await admin.query(`CREATE SCHEMA "${bare}"`);
      const fresh = schemas.name();
      await (await openPostgresStore(urlOf(fresh))).close();
      for (const schema of [missing, bare, fresh]) {
        const out = await dbCopy([source, urlOf(schema)]);
        expect(out.stderr).toBe('');
        expect(out.code).toBe(0);
        expect(out.stdout).toContain('answers: 2 rows');
        expect(await schemaExists(schema)).toBe(true);
      }
    }, 90_000);
  });

  /** The schema version this code migrates a PostgreSQL schema to. */
  async function knownVersion(): Promise<number | undefined> {
    const probe = schemas.name();
    await (await openPostgresStore(urlOf(probe))).close();
    return versionOf(probe);
  }
}
