/**
 * PostgreSQL migration 3 (installers) on a schema written before it: the installing user's id is
 * copied out of each stored installation's JSON `user` member (a row whose text is not JSON keeps
 * none and does not stop the migration), and forget-me then removes that member. Needs
 * TEST_DATABASE_URL (skipped, saying so, without).
 */
import { afterAll, describe, expect, it } from 'vitest';
import { openPostgresStore } from '../../src/store/postgres/open.js';
import { team } from '../store/fixtures.js';
import { SKIP_REASON, TestSchemas, testDatabaseUrl } from './server.js';

if (testDatabaseUrl === undefined) {
  describe(`PostgreSQL installers migration ${SKIP_REASON}`, () => {
    it.skip('needs a PostgreSQL server', () => {});
  });
} else {
  const url = testDatabaseUrl;
  const schemas = new TestSchemas('installers');
  afterAll(() => schemas.dropAll());

  describe('PostgreSQL migration 3 (installers)', () => {
    it('copies the installer out of installations stored before, and forget-me then removes them', async () => {
      const schema = schemas.name();
      // Written as before migration 3: the migrated schema taken back to version 2.
      const before = await openPostgresStore(url, { schema });
      const legacy = JSON.stringify({ team: { id: 'T1' }, user: { id: 'U1' }, bot: { token: 'xoxb-1', scopes: ['commands'], id: 'B1', userId: 'UBOT' } });
      try {
        await before.pool.query(`
          SET search_path TO "${schema}";
          ALTER TABLE installations DROP COLUMN installer_id;
          DELETE FROM schema_migrations WHERE version >= 3;`);
        await before.pool.query({
          text: `INSERT INTO "${schema}".installations VALUES ('slack', 'T1', NULL, $1, 10), ('slack', 'T2', NULL, 'not json', 11)`,
          values: [legacy],
        });
      } finally {
        await before.close();
      }

      const store = await openPostgresStore(url, { schema });
      try {
        expect(await store.getInstallation(team)).toMatchObject({ installerId: 'U1', installation: legacy });
        expect(await store.getInstallation({ platform: 'slack', teamId: 'T2' })).toMatchObject({ installerId: null, installation: 'not json' });
        await store.forgetUser(team, 'U1');
        const row = await store.getInstallation(team);
        expect(row?.installerId).toBeNull();
        expect(JSON.parse(row?.installation ?? '{}')).toEqual({ team: { id: 'T1' }, bot: { token: 'xoxb-1', scopes: ['commands'], id: 'B1', userId: 'UBOT' } });
      } finally {
        await store.close();
      }
    });
  });
}
