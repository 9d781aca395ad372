/**
 * The store contract (tests/contracts/store.ts) on PostgresStore, each store on its own fresh schema
 * of the TEST_DATABASE_URL server. Without TEST_DATABASE_URL the suite is skipped and its name says why.
 */
import { afterAll, describe, it } from 'vitest';
import { openPostgresStore } from '../../src/store/postgres/open.js';
import { SKIP_REASON, TestSchemas, testDatabaseUrl } from '../postgres/server.js';
import { coordinationContract } from './store-coordination.js';
import { storeContract } from './store.js';

if (testDatabaseUrl === undefined) {
  describe(`store contract: PostgreSQL ${SKIP_REASON}`, () => {
    it.skip('needs a PostgreSQL server', () => {});
  });
} else {
  const schemas = new TestSchemas('contract');
  afterAll(() => schemas.dropAll());
  storeContract('PostgreSQL', () => schemas.store());
  coordinationContract(
    'PostgreSQL',
    () => schemas.store(),
    async () => {
      const schema = schemas.name();
      const url = testDatabaseUrl as string;
      const a = await openPostgresStore(url, { schema, maxConnections: 4 });
      return [a, await openPostgresStore(url, { schema, maxConnections: 4 })];
    },
  );
}
