/**
 * db:copy between SQLite and PostgreSQL (src/store/copy/): a SQLite database with a week of activity
 * copied into a fresh PostgreSQL schema and back into a new SQLite file reads the same through every
 * port checked, keeps its ids and never hands an id out twice; a non-empty target is refused.
 * Needs TEST_DATABASE_URL (skipped, saying so, without).
 */
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { RoundRow, StoreHandle } from '../../src/core/ports/store.js';
import { CopyError, type CopyReport, copyDatabase } from '../../src/store/copy/copy.js';
import { postgresSide } from '../../src/store/copy/postgres-side.js';
import type { CopySide } from '../../src/store/copy/side.js';
import { sqliteSide } from '../../src/store/copy/sqlite-side.js';
import { openStore } from '../../src/store/index.js';
import { answer, channel, channelRound, dailyRound, otherChannel, practiceRound, team, tempDir } from '../store/fixtures.js';
import { SKIP_REASON, TestSchemas, testDatabaseUrl, schemaUrl } from './server.js';

if (testDatabaseUrl === undefined) {
  describe(`db:copy with PostgreSQL ${SKIP_REASON}`, () => {
    it.skip('needs a PostgreSQL server', () => {});
  });
} else {
  const schemas = new TestSchemas('copy');
  const tmp = tempDir();
  afterAll(async () => {
    await schemas.dropAll();
    tmp.cleanup();
  });
  const newSchemaUrl = () => schemaUrl(schemas.name());

  describe('db:copy with PostgreSQL', () => {
    it('SQLite -> PostgreSQL -> SQLite: every port reads the same, ids kept and never reused; a non-empty target is refused', async () => {
      const first = join(tmp.dir, 'first.db');
      const source = openStore(first);
      await play(source);
      const expected = await view(source);
      await source.close();

      const pgUrl = newSchemaUrl();
      const intoPg = await copied(sqliteSide(first), await postgresSide(pgUrl));
      expect(intoPg.rows.get('answers')).toBeGreaterThan(5);
      expect(intoPg.teamsCompared).toBe(1);

      const back = join(tmp.dir, 'back.db');
      const pgSide = await postgresSide(pgUrl);
      try {
        expect(await view(pgSide.store)).toEqual(expected);
        const backSide = sqliteSide(back);
        const fromPg = await copyDatabase(pgSide, backSide).finally(() => backSide.close());
        expect(fromPg.rows).toEqual(intoPg.rows);
        // Ids continue after the source's, deleted ones included.
        const next = await pgSide.store.createRound(channelRound({ ...otherChannel, questionId: 'after-copy' }));
        expect(next.id).toBe(expected.deletedRoundId + 1);
        await expect(copied(sqliteSide(first), await postgresSide(pgUrl))).rejects.toThrow(CopyError);
        await expect(copied(sqliteSide(first), await postgresSide(pgUrl))).rejects.toThrow(/refusing to copy into postgres:\/\/.*: it is not empty/);
      } finally {
        await pgSide.close();
      }
      const copiedBack = openStore(back);
      try {
        expect(await view(copiedBack)).toEqual(expected);
      } finally {
        await copiedBack.close();
      }
    }, 60_000);
  });
}

/** copyDatabase, closing both sides afterwards. */
async function copied(from: CopySide, to: CopySide): Promise<CopyReport> {
  try {
    return await copyDatabase(from, to);
  } finally {
    await from.close();
    await to.close();
  }
}

/** Some of everything: daily streaks, a channel round, practice with a card, a report, a deleted round, a forget-me marker. */
async function play(s: StoreHandle): Promise<void> {
  await s.upsertSubscription({ ...channel, deckId: 'kms', time: '09:00', timeZone: 'Europe/Berlin', cadence: 'daily', createdBy: 'U1', createdAt: 1 });
  for (const date of ['2026-01-05', '2026-01-06', '2026-01-07']) {
    const r = await s.createRound(dailyRound(date, { tags: ['kms', 'B-tag', 'a-tag'] }));
    await s.recordAnswer(answer(r, 'U1'));
    if (date !== '2026-01-06') await s.recordAnswer(answer(r, 'U2', { correct: false }));
    await s.setRoundMessage(r.id, { platform: 'slack', channelId: 'C1', messageId: `m-${date}` });
    if (date !== '2026-01-07') await s.closeRound(r.id, Date.parse(`${date}T20:00:00Z`));
  }
  const open = await s.createRound(channelRound());
  await s.recordAnswer(answer(open, 'U3'));
  const practice = await s.createRound(practiceRound('U1'));
  await s.recordAnswer({ ...answer(practice, 'U1'), practiceCard: '{"due":"2026-01-08T00:00:00.000Z"}' });
  await s.fileReport(team, { deckId: 'kms', itemKind: 'question', itemId: 'q1', file: 'q.yaml', line: 3, userId: 'U2', reason: 'typo', text: 'x', at: 5 });
  await s.saveSelfScore(team, 'U1', { scenarioId: 's1', deckId: 'kms', checked: [0, 2], total: 3, at: 7 });
  // A daily round answered by U3 then forgotten while open: the marker must travel too.
  await s.forgetUser(team, 'U3');
  await s.deleteUnpostedRound((await s.createRound(channelRound({ ...otherChannel, questionId: 'never-posted' }))).id);
}

/** What the ports show, plus the highest id handed out (the deleted round's). */
async function view(s: StoreHandle) {
  const rounds: RoundRow[] = [];
  for (let id = 1; id <= 10; id++) {
    const r = await s.getRound(id);
    if (r) rounds.push(r);
  }
  const users = ['U1', 'U2', 'U3'];
  return {
    rounds,
    deletedRoundId: rounds.length + 1,
    tallies: await Promise.all(rounds.map((r) => s.roundTally(r.id, 3))),
    boards: [await s.scoreLines({ scope: team }), await s.scoreLines({ scope: team, fromDate: '2026-01-06' }), await s.tagTallies({ scope: team })],
    stats: await Promise.all(users.map((u) => s.userStats(team, u))),
    streaks: await Promise.all(users.map((u) => s.streaks(team, u))),
    cards: [...(await s.practiceCards(team, 'U1', 'kms'))],
    reports: await s.openReports(team),
    selfScores: await s.selfScores(team, 'U1'),
    subscription: await s.getSubscription(channel),
    forgotten: await s.recordAnswer(answer(rounds.find((r) => r.kind === 'channel') as RoundRow, 'U3')),
  };
}
