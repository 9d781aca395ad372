/**
 * A PostgreSQL server that goes away after start-up: every store call rejects with core's
 * StoreUnavailableError('busy') (so commands answer "busy, try again"), as a busy SQLite file does.
 * No server needed: the pool points at a loopback port nothing listens on.
 */
import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { StoreUnavailableError } from '../../src/core/ports/store-unavailable.js';
import { createPool } from '../../src/store/postgres/db.js';
import { PostgresStore } from '../../src/store/postgres/postgres-store.js';
import { answer, channel, channelRound, team } from '../store/fixtures.js';

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

describe('PostgresStore without its server', () => {
  it('rejects reads, writes, clicks and forget-me with StoreUnavailableError busy, the driver error kept as cause', async () => {
    const store = new PostgresStore(createPool({ url: `postgres://kms:pw@127.0.0.1:${await closedPort()}/kms` }));
    try {
      const round = { ...channelRound(), id: 1, closedAt: null, messageRef: null };
      for (const call of [
        () => store.getRound(1),
        () => store.createRound(channelRound()),
        () => store.recordAnswer(answer(round, 'U1')),
        () => store.scoreLines({ scope: team }),
        () => store.forgetUser(team, 'U1'),
        () => store.claimDigest(channel, '2026-W02', 1),
      ]) {
        const err = await call().then(
          () => undefined,
          (e: unknown) => e,
        );
        expect(err).toBeInstanceOf(StoreUnavailableError);
        expect((err as StoreUnavailableError).kind).toBe('busy');
        expect((err as StoreUnavailableError).cause).toBeDefined();
      }
    } finally {
      await store.close();
    }
  });
});
