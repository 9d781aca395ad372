import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RoundRow } from '../../src/core/ports/store.js';
import { openStore, type SqliteStore } from '../../src/store/index.js';
import { answer, channel, channelRound, dailyRound, otherChannel, team } from './fixtures.js';

let store: SqliteStore;
beforeEach(() => {
  store = openStore(':memory:');
});
afterEach(async () => {
  await store.close();
});

const rounds = new Map<string, RoundRow>();
/** The channel's daily round for `date` (created on first use). */
async function round(date: string, ch = channel): Promise<RoundRow> {
  const key = `${ch.channelId}/${date}`;
  let r = rounds.get(key);
  if (!r) {
    r = await store.createRound({ ...dailyRound(date), ...ch });
    rounds.set(key, r);
  }
  return r;
}
beforeEach(() => rounds.clear());

async function answerDaily(userId: string, date: string, correct = true, ch = channel): Promise<void> {
  expect((await store.recordAnswer(answer(await round(date, ch), userId, { correct }))).status).toBe('recorded');
}
async function close(date: string, ch = channel): Promise<void> {
  await store.closeRound((await round(date, ch)).id, 1);
}
async function streakIn(userId: string, channelId = 'C1') {
  return (await store.streaks(team, userId)).find((s) => s.channelId === channelId);
}

describe('streaks', () => {
  it('counts consecutive daily rounds answered, right or wrong', async () => {
    await answerDaily('U1', '2026-01-05');
    expect(await streakIn('U1')).toEqual({ channelId: 'C1', current: 1, best: 1, lastDate: '2026-01-05' });
    await close('2026-01-05');
    await answerDaily('U1', '2026-01-06', false);
    await close('2026-01-06');
    await answerDaily('U1', '2026-01-07');
    expect(await streakIn('U1')).toEqual({ channelId: 'C1', current: 3, best: 3, lastDate: '2026-01-07' });
  });

  it('a missed round breaks it once that round closes; an open unanswered round does not', async () => {
    await answerDaily('U1', '2026-01-05');
    await close('2026-01-05');
    await answerDaily('U1', '2026-01-06');
    await close('2026-01-06');
    await round('2026-01-07'); // posted, still open, not answered yet
    expect((await streakIn('U1'))?.current).toBe(2);
    await close('2026-01-07'); // missed
    expect(await streakIn('U1')).toEqual({ channelId: 'C1', current: 0, best: 2, lastDate: '2026-01-06' });
    await answerDaily('U1', '2026-01-08');
    expect(await streakIn('U1')).toEqual({ channelId: 'C1', current: 1, best: 2, lastDate: '2026-01-08' });
  });

  it('a missed round breaks it even when the user answers a later round before it closed', async () => {
    await answerDaily('U1', '2026-01-05');
    await round('2026-01-06'); // never answered
    await answerDaily('U1', '2026-01-07');
    expect((await streakIn('U1'))?.current).toBe(1);
  });

  it('days without a round (weekend, holidays) do not break it', async () => {
    await answerDaily('U1', '2026-01-09'); // Friday
    await close('2026-01-09');
    await answerDaily('U1', '2026-01-12'); // Monday
    await close('2026-01-12');
    await answerDaily('U1', '2026-01-20'); // a week later, no rounds in between
    expect(await streakIn('U1')).toMatchObject({ current: 3, best: 3 });
  });

  it('works on plain local dates: DST changes and year ends are just consecutive rounds', async () => {
    // Europe switches to summer time on 2026-03-29; the US on 2026-03-08.
    for (const date of ['2026-03-07', '2026-03-08', '2026-03-09', '2026-03-28', '2026-03-29', '2026-03-30']) {
      await answerDaily('U1', date);
      await close(date);
    }
    expect(await streakIn('U1')).toMatchObject({ current: 6, best: 6 });
    await answerDaily('U2', '2025-12-31', true, otherChannel);
    await close('2025-12-31', otherChannel);
    await answerDaily('U2', '2026-01-01', true, otherChannel);
    expect(await streakIn('U2', 'C2')).toMatchObject({ current: 2 });
  });

  it('is per channel; channel and practice rounds do not count', async () => {
    await answerDaily('U1', '2026-01-05');
    await answerDaily('U1', '2026-01-05', true, otherChannel);
    await close('2026-01-05');
    await round('2026-01-06', otherChannel);
    await close('2026-01-06', otherChannel); // missed in C2 only
    await answerDaily('U1', '2026-01-06');
    const onDemand = await store.createRound(channelRound());
    await store.recordAnswer(answer(onDemand, 'U1'));
    expect(await store.streaks(team, 'U1')).toEqual([
      { channelId: 'C1', current: 2, best: 2, lastDate: '2026-01-06' },
      { channelId: 'C2', current: 0, best: 1, lastDate: '2026-01-05' },
    ]);
    expect(await store.streaks(team, 'U2')).toEqual([]);
    expect(await store.streaks({ platform: 'discord', teamId: 'T1' }, 'U1')).toEqual([]);
  });

  it('answering an older round after a newer one changes nothing', async () => {
    await round('2026-01-05');
    await answerDaily('U1', '2026-01-06');
    await answerDaily('U1', '2026-01-05');
    expect(await streakIn('U1')).toEqual({ channelId: 'C1', current: 1, best: 1, lastDate: '2026-01-06' });
  });
});

describe('longestCurrentStreak', () => {
  it('is the longest unbroken current streak of the channel, with the user name', async () => {
    expect(await store.longestCurrentStreak(channel)).toBeUndefined();
    for (const date of ['2026-01-05', '2026-01-06', '2026-01-07']) {
      await answerDaily('U1', date);
      if (date === '2026-01-07') await answerDaily('U2', date);
      await close(date);
    }
    expect(await store.longestCurrentStreak(channel)).toEqual({ userId: 'U1', userName: 'name-U1', current: 3 });
    await round('2026-01-08'); // open: breaks nothing yet
    await answerDaily('U2', '2026-01-08');
    expect(await store.longestCurrentStreak(channel)).toEqual({ userId: 'U1', userName: 'name-U1', current: 3 });
    await close('2026-01-08'); // U1 missed it
    expect(await store.longestCurrentStreak(channel)).toEqual({ userId: 'U2', userName: 'name-U2', current: 2 });
    await round('2026-01-09');
    await close('2026-01-09'); // everyone missed it
    expect(await store.longestCurrentStreak(channel)).toBeUndefined();
    expect(await store.longestCurrentStreak(otherChannel)).toBeUndefined();
  });
});
