import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RoundRow } from '../../src/core/ports/store.js';
import { openStore, type SqliteStore } from '../../src/store/index.js';
import { answer, channel, channelRound, dailyRound, otherChannel, team } from './fixtures.js';

let store: SqliteStore;
beforeEach(() => {
  store = openStore(':memory:');
});
afterEach(() => store.close());

const rounds = new Map<string, RoundRow>();
/** The channel's daily round for `date` (created on first use). */
function round(date: string, ch = channel): RoundRow {
  const key = `${ch.channelId}/${date}`;
  let r = rounds.get(key);
  if (!r) {
    r = store.createRound({ ...dailyRound(date), ...ch });
    rounds.set(key, r);
  }
  return r;
}
beforeEach(() => rounds.clear());

function answerDaily(userId: string, date: string, correct = true, ch = channel): void {
  expect(store.recordAnswer(answer(round(date, ch), userId, { correct })).status).toBe('recorded');
}
function close(date: string, ch = channel): void {
  store.closeRound(round(date, ch).id, 1);
}
function streakIn(userId: string, channelId = 'C1') {
  return store.streaks(team, userId).find((s) => s.channelId === channelId);
}

describe('streaks', () => {
  it('counts consecutive daily rounds answered, right or wrong', () => {
    answerDaily('U1', '2026-01-05');
    expect(streakIn('U1')).toEqual({ channelId: 'C1', current: 1, best: 1, lastDate: '2026-01-05' });
    close('2026-01-05');
    answerDaily('U1', '2026-01-06', false);
    close('2026-01-06');
    answerDaily('U1', '2026-01-07');
    expect(streakIn('U1')).toEqual({ channelId: 'C1', current: 3, best: 3, lastDate: '2026-01-07' });
  });

  it('a missed round breaks it once that round closes; an open unanswered round does not', () => {
    answerDaily('U1', '2026-01-05');
    close('2026-01-05');
    answerDaily('U1', '2026-01-06');
    close('2026-01-06');
    round('2026-01-07'); // posted, still open, not answered yet
    expect(streakIn('U1')?.current).toBe(2);
    close('2026-01-07'); // missed
    expect(streakIn('U1')).toEqual({ channelId: 'C1', current: 0, best: 2, lastDate: '2026-01-06' });
    answerDaily('U1', '2026-01-08');
    expect(streakIn('U1')).toEqual({ channelId: 'C1', current: 1, best: 2, lastDate: '2026-01-08' });
  });

  it('a missed round breaks it even when the user answers a later round before it closed', () => {
    answerDaily('U1', '2026-01-05');
    round('2026-01-06'); // never answered
    answerDaily('U1', '2026-01-07');
    expect(streakIn('U1')?.current).toBe(1);
  });

  it('days without a round (weekend, holidays) do not break it', () => {
    answerDaily('U1', '2026-01-09'); // Friday
    close('2026-01-09');
    answerDaily('U1', '2026-01-12'); // Monday
    close('2026-01-12');
    answerDaily('U1', '2026-01-20'); // a week later, no rounds in between
    expect(streakIn('U1')).toMatchObject({ current: 3, best: 3 });
  });

  it('works on plain local dates: DST changes and year ends are just consecutive rounds', () => {
    // Europe switches to summer time on 2026-03-29; the US on 2026-03-08.
    for (const date of ['2026-03-07', '2026-03-08', '2026-03-09', '2026-03-28', '2026-03-29', '2026-03-30']) {
      answerDaily('U1', date);
      close(date);
    }
    expect(streakIn('U1')).toMatchObject({ current: 6, best: 6 });
    answerDaily('U2', '2025-12-31', true, otherChannel);
    close('2025-12-31', otherChannel);
    answerDaily('U2', '2026-01-01', true, otherChannel);
    expect(streakIn('U2', 'C2')).toMatchObject({ current: 2 });
  });

  it('is per channel; channel and practice rounds do not count', () => {
    answerDaily('U1', '2026-01-05');
    answerDaily('U1', '2026-01-05', true, otherChannel);
    close('2026-01-05');
    round('2026-01-06', otherChannel);
    close('2026-01-06', otherChannel); // missed in C2 only
    answerDaily('U1', '2026-01-06');
    const onDemand = store.createRound(channelRound());
    store.recordAnswer(answer(onDemand, 'U1'));
    expect(store.streaks(team, 'U1')).toEqual([
      { channelId: 'C1', current: 2, best: 2, lastDate: '2026-01-06' },
      { channelId: 'C2', current: 0, best: 1, lastDate: '2026-01-05' },
    ]);
    expect(store.streaks(team, 'U2')).toEqual([]);
    expect(store.streaks({ platform: 'discord', teamId: 'T1' }, 'U1')).toEqual([]);
  });

  it('answering an older round after a newer one changes nothing', () => {
    round('2026-01-05');
    answerDaily('U1', '2026-01-06');
    answerDaily('U1', '2026-01-05');
    expect(streakIn('U1')).toEqual({ channelId: 'C1', current: 1, best: 1, lastDate: '2026-01-06' });
  });
});

describe('longestCurrentStreak', () => {
  it('is the longest unbroken current streak of the channel, with the user name', () => {
    expect(store.longestCurrentStreak(channel)).toBeUndefined();
    for (const date of ['2026-01-05', '2026-01-06', '2026-01-07']) {
      answerDaily('U1', date);
      if (date === '2026-01-07') answerDaily('U2', date);
      close(date);
    }
    expect(store.longestCurrentStreak(channel)).toEqual({ userId: 'U1', userName: 'name-U1', current: 3 });
    round('2026-01-08'); // open: breaks nothing yet
    answerDaily('U2', '2026-01-08');
    expect(store.longestCurrentStreak(channel)).toEqual({ userId: 'U1', userName: 'name-U1', current: 3 });
    close('2026-01-08'); // U1 missed it
    expect(store.longestCurrentStreak(channel)).toEqual({ userId: 'U2', userName: 'name-U2', current: 2 });
    round('2026-01-09');
    close('2026-01-09'); // everyone missed it
    expect(store.longestCurrentStreak(channel)).toBeUndefined();
    expect(store.longestCurrentStreak(otherChannel)).toBeUndefined();
  });
});
