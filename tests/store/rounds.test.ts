import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RoundConflictError, type RoundRow } from '../../src/core/ports/store.js';
import { openStore, type SqliteStore } from '../../src/store/index.js';
import {
  answer,
  channel,
  channelRound,
  dailyRound,
  discordSameIds,
  otherChannel,
  otherTeam,
  practiceRound,
  tempDir,
} from './fixtures.js';

let store: SqliteStore;
beforeEach(() => {
  store = openStore(':memory:');
});
afterEach(async () => {
  await store.close();
});

/** The RoundConflictError `fn` rejects with. */
async function conflict(fn: () => Promise<unknown>): Promise<RoundConflictError> {
  try {
    await fn();
  } catch (err) {
    expect(err).toBeInstanceOf(RoundConflictError);
    return err as RoundConflictError;
  }
  throw new Error('expected a RoundConflictError');
}

describe('createRound / getRound', () => {
  it('stores every field and reads it back the same, JSON columns included', async () => {
    const created = await store.createRound(
      dailyRound('2026-01-05', { choiceOrder: [2, 0, 3, 1], tags: ['kms', 's3', 'kms'], closesAt: 99 }),
    );
    expect(created.id).toBeGreaterThan(0);
    expect(created.tags).toEqual(['kms', 's3']);
    expect(created.closedAt).toBeNull();
    expect(created.messageRef).toBeNull();
    expect(await store.getRound(created.id)).toEqual(created);
    expect(await store.getRound(created.id + 1000)).toBeUndefined();
  });

  it('refuses a second daily round for the same channel and local date with the existing round', async () => {
    const first = await store.createRound(dailyRound('2026-01-05'));
    const error = await conflict(() => store.createRound(dailyRound('2026-01-05', { questionId: 'other' })));
    expect(error.existing).toEqual(first);
    // Other dates, channels, teams and platforms are separate slots.
    await store.createRound(dailyRound('2026-01-06'));
    await store.createRound({ ...dailyRound('2026-01-05'), ...otherChannel });
    await store.createRound({ ...dailyRound('2026-01-05'), ...otherTeam });
    await store.createRound({ ...dailyRound('2026-01-05'), ...discordSameIds });
    expect(store.db.prepare("SELECT count(*) FROM rounds WHERE kind = 'daily'").pluck().get()).toBe(5);
  });

  it('allows one open channel round per channel; a new one once it closed', async () => {
    const first = await store.createRound(channelRound());
    expect((await conflict(() => store.createRound(channelRound({ questionId: 'q2' })))).existing).toEqual(first);
    await store.createRound({ ...channelRound(), ...otherChannel });
    // Daily and practice rounds do not take the on-demand slot.
    await store.createRound(dailyRound('2026-01-05'));
    await store.createRound(practiceRound('U1'));
    await store.createRound(practiceRound('U1'));
    expect(await store.closeRound(first.id, 5_000)).toBe(true);
    const second = await store.createRound(channelRound({ questionId: 'q2' }));
    expect((await store.openChannelRound(channel))?.id).toBe(second.id);
  });

  it('refuses a daily round without a local date (schema check)', async () => {
    await expect(store.createRound(dailyRound('2026-01-05', { localDate: null }))).rejects.toThrow(/CHECK constraint/);
  });

  it('enforces daily uniqueness across two Store instances on one file', async () => {
    const tmp = tempDir();
    try {
      const path = join(tmp.dir, 'shared.db');
      const a = openStore(path);
      const b = openStore(path);
      const mine = await a.createRound(dailyRound('2026-01-05'));
      const error = await conflict(() => b.createRound(dailyRound('2026-01-05', { questionId: 'from-b' })));
      expect(error.existing).toEqual(mine);
      expect((await b.latestDailyRound(channel))?.questionId).toBe(mine.questionId);
      await a.close();
      await b.close();
    } finally {
      tmp.cleanup();
    }
  });
});

describe('round lookups', () => {
  it('openChannelRound finds only the open channel round of that channel', async () => {
    expect(await store.openChannelRound(channel)).toBeUndefined();
    await store.createRound(dailyRound('2026-01-05'));
    const open = await store.createRound(channelRound());
    expect(await store.openChannelRound(channel)).toEqual(open);
    expect(await store.openChannelRound(otherChannel)).toBeUndefined();
    expect(await store.openChannelRound(otherTeam)).toBeUndefined();
    await store.closeRound(open.id, 2_000);
    expect(await store.openChannelRound(channel)).toBeUndefined();
  });

  it('latestDailyRound picks the greatest local date, not the newest insert', async () => {
    expect(await store.latestDailyRound(channel)).toBeUndefined();
    await store.createRound(dailyRound('2026-01-07'));
    await store.createRound(dailyRound('2026-01-05'));
    await store.createRound(channelRound());
    expect((await store.latestDailyRound(channel))?.localDate).toBe('2026-01-07');
    expect(await store.latestDailyRound(otherChannel)).toBeUndefined();
  });

  it('dueRounds lists open daily and channel rounds whose closesAt has come', async () => {
    const due = await store.createRound(channelRound({ closesAt: 1_000 }));
    const dueDaily = await store.createRound(dailyRound('2026-01-05', { closesAt: 500 }));
    await store.createRound({ ...channelRound({ closesAt: 9_000 }), ...otherChannel }); // later
    await store.createRound(dailyRound('2026-01-06', { closesAt: null })); // never by itself
    await store.createRound(practiceRound('U1', { closesAt: 10 })); // practice never listed
    const closed = await store.createRound({ ...channelRound({ closesAt: 10 }), channelId: 'C3' });
    await store.closeRound(closed.id, 20);
    expect((await store.dueRounds(1_000)).map((r) => r.id)).toEqual([dueDaily.id, due.id]);
    expect((await store.dueRounds(999)).map((r) => r.id)).toEqual([dueDaily.id]);
  });

  it('setRoundMessage stores the message ref as JSON', async () => {
    const round = await store.createRound(channelRound());
    const ref = { platform: 'slack' as const, channelId: 'C1', messageId: '1712345678.000100' };
    await store.setRoundMessage(round.id, ref);
    expect((await store.getRound(round.id))?.messageRef).toEqual(ref);
  });

  it('closeRound closes once: a second closer gets false and the first time stands', async () => {
    const round = await store.createRound(channelRound());
    expect(await store.closeRound(round.id, 2_000)).toBe(true);
    expect(await store.closeRound(round.id, 3_000)).toBe(false);
    expect((await store.getRound(round.id))?.closedAt).toBe(2_000);
    expect(await store.closeRound(round.id + 100, 3_000)).toBe(false);
  });

  it('deleteUnpostedRound deletes only a round without message and answers', async () => {
    const unposted = await store.createRound(channelRound());
    const posted = await store.createRound({ ...channelRound(), ...otherChannel });
    await store.setRoundMessage(posted.id, { platform: 'slack', channelId: 'C2', messageId: 'm1' });
    const answered = await store.createRound(dailyRound('2026-01-05'));
    await store.recordAnswer(answer(answered, 'U1'));
    expect(await store.deleteUnpostedRound(posted.id)).toBe(false);
    expect(await store.deleteUnpostedRound(answered.id)).toBe(false);
    expect(await store.deleteUnpostedRound(unposted.id)).toBe(true);
    expect(await store.deleteUnpostedRound(unposted.id)).toBe(false);
    expect(await store.getRound(unposted.id)).toBeUndefined();
    // The slot is free again.
    await store.createRound(channelRound());
  });

  it('never hands out the id of a deleted round again, also after reopening the file', async () => {
    const tmp = tempDir();
    try {
      const path = join(tmp.dir, 'ids.db');
      const a = openStore(path);
      const kept = await a.createRound(dailyRound('2026-01-05'));
      const failed = await a.createRound(channelRound());
      expect(failed.id).toBeGreaterThan(kept.id);
      // The newest round is the one deleted: without AUTOINCREMENT its id would be next again.
      expect(await a.deleteUnpostedRound(failed.id)).toBe(true);
      const next = await a.createRound(channelRound());
      expect(next.id).toBeGreaterThan(failed.id);
      expect(await a.deleteUnpostedRound(next.id)).toBe(true);
      await a.close();
      const b = openStore(path);
      expect((await b.createRound(channelRound())).id).toBeGreaterThan(next.id);
      await b.close();
    } finally {
      tmp.cleanup();
    }
  });
});

describe('getRoundWithZone', () => {
  it("reads the round with its channel subscription zone, and follows this store's changes", async () => {
    const round = await store.createRound(dailyRound('2026-01-05'));
    expect(await store.getRoundWithZone(round.id)).toEqual({ round, timeZone: undefined });
    expect(await store.getRoundWithZone(round.id + 1000)).toBeUndefined();
    const subscribe = (timeZone: string) =>
      store.upsertSubscription({ ...channel, deckId: 'kms', time: '09:00', timeZone, cadence: 'daily', createdBy: 'U1', createdAt: 1 });
    await subscribe('Europe/Berlin');
    expect((await store.getRoundWithZone(round.id))?.timeZone).toBe('Europe/Berlin');
    await subscribe('Asia/Tokyo');
    expect((await store.getRoundWithZone(round.id))?.timeZone).toBe('Asia/Tokyo');
    const ref = { platform: 'slack' as const, channelId: 'C1', messageId: 'm1' };
    await store.setRoundMessage(round.id, ref);
    expect((await store.getRoundWithZone(round.id))?.round.messageRef).toEqual(ref);
    await store.closeRound(round.id, 5_000);
    expect((await store.getRoundWithZone(round.id))?.round.closedAt).toBe(5_000);
    await store.removeSubscription(channel);
    expect(await store.getRoundWithZone(round.id)).toEqual({ round: { ...round, messageRef: ref, closedAt: 5_000 }, timeZone: undefined });
  });

  it('hands out rounds that cannot be changed by the caller', async () => {
    const round = await store.createRound(dailyRound('2026-01-05'));
    const found = (await store.getRoundWithZone(round.id))!;
    expect(() => {
      found.round.choiceOrder.push(9);
    }).toThrow(TypeError);
    expect(() => {
      (found.round as { closedAt: number | null }).closedAt = 1;
    }).toThrow(TypeError);
    expect((await store.getRoundWithZone(round.id))?.round).toEqual(round);
  });

  it('a round another connection closed refuses the answer even while this store remembers it open', async () => {
    const tmp = tempDir();
    try {
      const path = join(tmp.dir, 'cache.db');
      const a = openStore(path);
      const b = openStore(path);
      const round = await a.createRound(dailyRound('2026-01-05'));
      expect((await a.getRoundWithZone(round.id))?.round.closedAt).toBeNull();
      await b.closeRound(round.id, 5_000);
      expect(await a.recordAnswer(answer((await a.getRoundWithZone(round.id))!.round, 'U1'))).toEqual({ status: 'closed' });
      // Without the memory, reads go to the file every time.
      const c = openStore(path, { roundCacheMs: 0 });
      expect((await c.getRoundWithZone(round.id))?.round.closedAt).toBe(5_000);
      for (const s of [a, b, c]) s.close();
    } finally {
      tmp.cleanup();
    }
  });
});

describe('questionHistory', () => {
  it('groups daily and channel rounds of the channel and deck by question', async () => {
    const rounds: RoundRow[] = [];
    rounds.push(await store.createRound(dailyRound('2026-01-05', { questionId: 'q1', openedAt: 100 })));
    rounds.push(await store.createRound(dailyRound('2026-01-06', { questionId: 'q1', openedAt: 300 })));
    rounds.push(await store.createRound(dailyRound('2026-01-07', { questionId: 'q2', openedAt: 200 })));
    const onDemand = await store.createRound(channelRound({ questionId: 'q2', openedAt: 400 }));
    await store.recordAnswer(answer(rounds[0]!, 'U1'));
    await store.recordAnswer(answer(rounds[0]!, 'U2', { correct: false }));
    await store.recordAnswer(answer(rounds[1]!, 'U1'));
    await store.recordAnswer(answer(onDemand, 'U3', { correct: false }));
    // Not counted: practice, another deck, another channel, another team.
    const practice = await store.createRound(practiceRound('U1', { questionId: 'q1' }));
    await store.recordAnswer(answer(practice, 'U1'));
    await store.createRound(dailyRound('2026-01-08', { questionId: 'q1', deckId: 'other-deck' }));
    await store.createRound({ ...dailyRound('2026-01-05', { questionId: 'q1' }), ...otherChannel });
    await store.createRound({ ...dailyRound('2026-01-05', { questionId: 'q1' }), ...otherTeam });

    expect(await store.questionHistory(channel, 'kms')).toEqual([
      { deckId: 'kms', questionId: 'q1', times: 2, lastOpenedAt: 300, answered: 3, correct: 2 },
      { deckId: 'kms', questionId: 'q2', times: 2, lastOpenedAt: 400, answered: 1, correct: 0 },
    ]);
    expect(await store.questionHistory(channel, 'nothing')).toEqual([]);
  });
});
