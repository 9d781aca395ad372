import { join } from 'node:path';
import type Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AGGREGATE_REBUILD_SQL } from '../../src/store/migrations.js';
import { MIGRATIONS, migrate, openDatabase, openStore, StoreOpenError, userVersion } from '../../src/store/index.js';
import { answer, channel, channelRound, dailyRound, otherChannel, practiceRound, team, tempDir } from './fixtures.js';

let tmp: ReturnType<typeof tempDir>;
beforeEach(() => {
  tmp = tempDir();
});
afterEach(() => tmp.cleanup());

const aggregateTables = ['round_days', 'user_stats'];

/** Every row of every aggregate table, in primary-key order. */
function aggregateSnapshot(db: Database.Database): Record<string, unknown[]> {
  return Object.fromEntries(aggregateTables.map((t) => [t, db.prepare(`SELECT * FROM ${t} ORDER BY 1, 2, 3, 4, 5`).all()]));
}

describe('migrate', () => {
  it('builds the whole schema on an empty database', () => {
    const db = openDatabase(':memory:');
    expect(userVersion(db)).toBe(0);
    expect(migrate(db)).toEqual({ from: 0, to: MIGRATIONS.length });
    const tables = db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name").pluck().all();
    expect(tables).toEqual(
      expect.arrayContaining(['users', 'rounds', 'answers', 'subscriptions', 'digest_claims', ...aggregateTables]),
    );
    expect(migrate(db)).toEqual({ from: MIGRATIONS.length, to: MIGRATIONS.length });
    db.close();
  });

  it('numbers migrations 1..n in order', () => {
    expect(MIGRATIONS.map((m) => m.version)).toEqual(MIGRATIONS.map((_, i) => i + 1));
  });

  it('upgrades an older database: its rows survive and answers reach the new aggregates', async () => {
    const path = join(tmp.dir, 'old.db');
    const old = openDatabase(path);
    migrate(old, MIGRATIONS.slice(0, 1));
    expect(userVersion(old)).toBe(1);
    old.exec(`
      INSERT INTO users VALUES ('slack', 'T1', 'U1', 'Ann', 'ann', 1), ('slack', 'T1', 'U2', 'Bob', 'bob', 1);
      INSERT INTO rounds (id, platform, team_id, channel_id, kind, deck_id, question_id, choice_order, correct_index,
                          tags, opened_by, opened_at, closes_at, closed_at, local_date, message_ref)
      VALUES (1, 'slack', 'T1', 'C1', 'daily', 'kms', 'q1', '[0,1,2]', 0, '["kms","ebs"]', NULL, 100, NULL, 500, '2026-01-05', NULL),
             (2, 'slack', 'T1', 'C1', 'practice', 'kms', 'q2', '[0,1,2]', 1, '["rds"]', 'U1', 100, NULL, NULL, NULL, NULL);
      INSERT INTO answers VALUES
        (1, 'U1', 'slack', 'T1', 'C1', 'A', 0, 1, 1, 200, '2026-01-05'),
        (1, 'U2', 'slack', 'T1', 'C1', 'B', 1, 0, 0, 150, '2026-01-05'),
        (2, 'U1', 'slack', 'T1', 'C1', 'B', 1, 1, 0, 300, '2026-01-05');
      INSERT INTO subscriptions VALUES ('slack', 'T1', 'C1', 'kms', '09:00', 'Europe/Berlin', 'weekdays', 'U1', 50, NULL, NULL);
    `);
    old.close();

    const store = openStore(path);
    expect(userVersion(store.db)).toBe(MIGRATIONS.length);
    expect((await store.getRound(1))?.tags).toEqual(['kms', 'ebs']);
    expect((await store.getAnswer(1, 'U2'))?.correct).toBe(false);
    expect((await store.getSubscription(channel))?.timeZone).toBe('Europe/Berlin');
    expect(await store.scoreLines({ scope: team })).toEqual([
      { userId: 'U1', userName: 'Ann', points: 1, answered: 1, correct: 1, reachedAt: 200 },
      { userId: 'U2', userName: 'Bob', points: 0, answered: 1, correct: 0, reachedAt: 150 },
    ]);
    expect(await store.userStats(team, 'U1')).toEqual({
      answered: 1,
      correct: 1,
      points: 1,
      practiceAnswered: 1,
      practiceCorrect: 1,
      byTag: [
        { tag: 'ebs', answered: 1, correct: 1 },
        { tag: 'kms', answered: 1, correct: 1 },
        { tag: 'rds', answered: 1, correct: 1 },
      ],
    });
    expect(await store.mostMissedQuestion({ scope: team })).toEqual({ deckId: 'kms', questionId: 'q1', answered: 2, wrong: 1 });

    expect(await store.streaks(team, 'U2')).toEqual([{ channelId: 'C1', current: 1, best: 1, lastDate: '2026-01-05' }]);

    // New answers add to the backfilled totals and streaks.
    const next = await store.createRound(dailyRound('2026-01-06'));
    await store.recordAnswer(answer(next, 'U2', { userName: 'Bob' }));
    expect((await store.scoreLines({ scope: team })).find((l) => l.userId === 'U2')).toMatchObject({ points: 1, answered: 2 });
    expect(await store.streaks(team, 'U2')).toEqual([{ channelId: 'C1', current: 2, best: 2, lastDate: '2026-01-06' }]);
    await store.close();
  });

  it('migration 12 copies the installer out of installations stored before, and forget-me then removes them', async () => {
    const path = join(tmp.dir, 'installers.db');
    const old = openDatabase(path);
    const installers = MIGRATIONS.findIndex((m) => m.name === 'installers');
    migrate(old, MIGRATIONS.slice(0, installers));
    const legacy = JSON.stringify({ team: { id: 'T1' }, user: { id: 'U1', scopes: null }, bot: { token: 'xoxb-1', scopes: ['commands'], id: 'B1', userId: 'UBOT' } });
    old.prepare('INSERT INTO installations VALUES (?, ?, ?, ?, ?)').run('slack', 'T1', null, legacy, 10);
    old.prepare('INSERT INTO installations VALUES (?, ?, ?, ?, ?)').run('slack', 'T2', null, 'not json', 11);
    old.close();

    const store = openStore(path);
    expect(await store.getInstallation(team)).toMatchObject({ installerId: 'U1', installation: legacy });
    expect(await store.getInstallation({ platform: 'slack', teamId: 'T2' })).toMatchObject({ installerId: null, installation: 'not json' });
    await store.forgetUser(team, 'U1');
    const row = await store.getInstallation(team);
    expect(row?.installerId).toBeNull();
    expect(JSON.parse(row?.installation ?? '{}')).toEqual({ team: { id: 'T1' }, bot: { token: 'xoxb-1', scopes: ['commands'], id: 'B1', userId: 'UBOT' } });
    await store.close();
  });

  it('rebuilds rounds with AUTOINCREMENT keeping rows, ids, indexes and the answers foreign key', async () => {
    const path = join(tmp.dir, 'v2.db');
    const old = openDatabase(path);
    migrate(old, MIGRATIONS.slice(0, 2));
    old.exec(`
      INSERT INTO rounds (id, platform, team_id, channel_id, kind, deck_id, question_id, choice_order, correct_index,
                          tags, opened_by, opened_at, closes_at, closed_at, local_date, message_ref)
      VALUES (3, 'slack', 'T1', 'C1', 'daily', 'kms', 'q1', '[0,1,2]', 0, '["kms"]', NULL, 100, NULL, NULL, '2026-01-05',
              '{"platform":"slack","channelId":"C1","messageId":"m1"}'),
             (7, 'slack', 'T1', 'C1', 'channel', 'kms', 'q2', '[2,1,0]', 1, '["s3"]', 'U1', 200, 900, NULL, NULL, NULL);
      INSERT INTO answers VALUES (3, 'U1', 'slack', 'T1', 'C1', 'A', 0, 1, 1, 150, '2026-01-05');
    `);
    const roundsBefore = old.prepare('SELECT * FROM rounds ORDER BY id').all();
    const indexes = (db: Database.Database) =>
      db.prepare("SELECT name, sql FROM sqlite_schema WHERE type = 'index' AND tbl_name = 'rounds' ORDER BY name").all();
    const indexesBefore = indexes(old);
    expect(indexesBefore.length).toBeGreaterThanOrEqual(5);
    old.close();

    const store = openStore(path);
    expect(store.db.prepare('SELECT * FROM rounds ORDER BY id').all()).toEqual(roundsBefore);
    expect(indexes(store.db)).toEqual(indexesBefore);
    expect(store.db.prepare("SELECT sql FROM sqlite_schema WHERE name = 'rounds'").pluck().get()).toMatch(/AUTOINCREMENT/);
    expect(store.db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(store.db.pragma('foreign_key_check')).toEqual([]);
    expect(() => store.db.prepare("INSERT INTO answers VALUES (99, 'U1', 'slack', 'T1', 'C1', 'A', 0, 1, 1, 1, '2026-01-05')").run()).toThrow(
      /FOREIGN KEY/,
    );
    // The newest round (7) is deleted: its id is not handed out again.
    expect(await store.deleteUnpostedRound(7)).toBe(true);
    expect((await store.createRound(channelRound())).id).toBe(8);
    expect((await store.getAnswer(3, 'U1'))?.correct).toBe(true);
    await store.close();
  });

  it('refuses to finish a table rebuild that leaves rows without their parent row', () => {
    const db = openDatabase(':memory:');
    migrate(db);
    db.exec(`INSERT INTO rounds (id, platform, team_id, channel_id, kind, deck_id, question_id, choice_order, correct_index,
                                 tags, opened_at, local_date)
             VALUES (1, 'slack', 'T1', 'C1', 'daily', 'kms', 'q1', '[0,1,2]', 0, '[]', 100, '2026-01-05');
             INSERT INTO answers VALUES (1, 'U1', 'slack', 'T1', 'C1', 'A', 0, 1, 1, 150, '2026-01-05');`);
    const losing = {
      version: MIGRATIONS.length + 1,
      name: 'drops a round',
      sql: 'DELETE FROM rounds WHERE id = 1;',
      rebuildsReferencedTable: true,
    };
    expect(() => migrate(db, [...MIGRATIONS, losing])).toThrow(/drops a round\) failed: 1 rows of answers lost their rounds row/);
    expect(userVersion(db)).toBe(MIGRATIONS.length);
    expect(db.prepare('SELECT count(*) FROM rounds').pluck().get()).toBe(1);
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    db.close();
  });

  it('rolls back a failing migration and leaves user_version at the last good one', async () => {
    const path = join(tmp.dir, 'broken.db');
    const broken = [
      ...MIGRATIONS,
      {
        version: MIGRATIONS.length + 1,
        name: 'half-broken',
        sql: 'CREATE TABLE half_done (x); ALTER TABLE no_such_table ADD COLUMN y;',
      },
    ];
    let caught: unknown;
    try {
      openStore(path, { migrations: broken });
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(StoreOpenError);
    expect((caught as Error).message).toContain(`migration ${MIGRATIONS.length + 1} (half-broken) failed: no such table: no_such_table`);

    const store = openStore(path);
    expect(userVersion(store.db)).toBe(MIGRATIONS.length);
    expect(store.db.prepare("SELECT count(*) FROM sqlite_schema WHERE name = 'half_done'").pluck().get()).toBe(0);
    await store.close();
  });

  it('keeps aggregates maintained answer by answer equal to a rebuild from the answers', async () => {
    const store = openStore(':memory:');
    let seed = 7;
    const random = () => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const users = ['U1', 'U2', 'U3', 'U4', 'U5'];
    for (let day = 1; day <= 20; day++) {
      const date = `2026-03-${String(day).padStart(2, '0')}`;
      for (const ch of [channel, otherChannel]) {
        const daily = await store.createRound({ ...dailyRound(date, { questionId: `q${day % 4}` }), ...ch });
        const onDemand = await store.createRound({ ...channelRound({ questionId: `q${day % 3}`, tags: ['s3', 'kms'] }), ...ch });
        for (const round of [daily, onDemand]) {
          for (const u of users) {
            if (random() < 0.3) continue;
            const correct = random() < 0.6;
            await store.recordAnswer(
              answer(round, u, { correct, answeredAt: round.openedAt + Math.floor(random() * 1e6), localDate: date }),
            );
          }
        }
        await store.closeRound(onDemand.id, onDemand.openedAt + 1);
      }
      const practice = await store.createRound(practiceRound('U1', { questionId: `p${day}` }));
      await store.recordAnswer(answer(practice, 'U1', { correct: random() < 0.5 }));
    }
    await store.forgetUser(team, 'U3');

    // All-time boards (user_stats) and an open-ended date range (round_days and answers) agree.
    for (const channelId of [undefined, 'C1', 'C2']) {
      const scope = channelId === undefined ? { scope: team } : { scope: team, channelId };
      const allTime = await store.scoreLines(scope);
      expect(allTime.length).toBeGreaterThan(2);
      expect(await store.scoreLines({ ...scope, fromDate: '0000-01-01' })).toEqual(allTime);
    }

    const maintained = aggregateSnapshot(store.db);
    expect(maintained.round_days?.length).toBeGreaterThan(50);
    // The activity left long, broken and running streaks behind, so the comparison covers them.
    const streaks = store.db
      .prepare("SELECT streak_current AS current, streak_best AS best FROM user_stats WHERE channel_id <> ''")
      .all() as { current: number; best: number }[];
    expect(streaks.some((s) => s.best >= 3)).toBe(true);
    expect(streaks.some((s) => s.current < s.best)).toBe(true);
    store.db.exec(aggregateTables.map((t) => `DELETE FROM ${t};`).join('\n'));
    store.db.exec(AGGREGATE_REBUILD_SQL);
    expect(aggregateSnapshot(store.db)).toEqual(maintained);
    await store.close();
  });
});
