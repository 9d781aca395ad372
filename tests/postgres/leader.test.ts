/**
 * The scheduler's leader on PostgreSQL (src/store/postgres/leader-lock.ts): of two processes on one
 * schema exactly one leads; a released lead is taken by the other at its next check; a leader whose
 * database session dies (the process is killed) is replaced at the other's next check; a store on
 * another schema leads on its own. Skipped without TEST_DATABASE_URL.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { openPostgresStore } from '../../src/store/postgres/open.js';
import { schedulerLeadership } from '../../src/store/select.js';
import { SKIP_REASON, TestSchemas, testDatabaseUrl } from './server.js';

if (testDatabaseUrl === undefined) {
  describe(`PostgreSQL scheduler leader ${SKIP_REASON}`, () => {
    it.skip('needs a PostgreSQL server', () => {});
  });
} else {
  const url = testDatabaseUrl;
  const schemas = new TestSchemas('leader');
  afterAll(() => schemas.dropAll());

  describe('PostgreSQL scheduler leader', () => {
    it('one of two processes leads; a released or dead leader is replaced at the next check', async () => {
      const schema = schemas.name();
      const stores = await Promise.all([0, 1, 2].map(() => openPostgresStore(url, { schema, maxConnections: 3 })));
      const [a, b, c] = stores.map((s) => schedulerLeadership(s));
      const other = await schemas.store({ maxConnections: 2 });
      const elsewhere = schedulerLeadership(other);
      try {
        if (!a || !b || !c) throw new Error('three leaderships expected');
        expect(await a.isLeader()).toBe(true);
        expect(await b.isLeader()).toBe(false);
        expect(await a.isLeader()).toBe(true);
        expect(await elsewhere.isLeader()).toBe(true); // another schema leads on its own

        await a.release();
        expect(await b.isLeader()).toBe(true);
        expect(await a.isLeader()).toBe(false);

        // b's process dies: its session is terminated by the server.
        const admin = stores[0];
        await admin?.pool.query(
          `SELECT pg_terminate_backend(pid) FROM pg_locks WHERE locktype = 'advisory' AND granted AND pid <> pg_backend_pid()
             AND objid = (hashtextextended('kms-tutor scheduler ' || $1, 0) & 4294967295)::oid`,
          [schema],
        );
        // pg_terminate_backend only signals the session: wait until the server has ended it and
        // its lock is gone (the process is dead), then c's next check takes the lead.
        for (let tries = 0; tries < 100; tries++) {
          const held = await admin?.pool.query(
            `SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND granted
               AND objid = (hashtextextended('kms-tutor scheduler ' || $1, 0) & 4294967295)::oid`,
            [schema],
          );
          if (held?.rowCount === 0) break;
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
        expect(await c.isLeader()).toBe(true);
        expect(await b.isLeader()).toBe(false);
      } finally {
        for (const l of [a, b, c, elsewhere]) await l?.release();
        for (const s of stores) await s.close();
        await other.close();
      }
    });
  });
}
