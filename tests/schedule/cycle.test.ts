/**
 * The question cycle through the scheduler, on the bundled KMS deck: N days post N different
 * questions (N = the deck's question count), then a new cycle starts with the question the channel
 * answered worst; the four topics come up within every week while the cycle has them left.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { addDays, weekdayOf } from '../../src/core/local-time.js';
import { postTimeOn } from '../../src/core/post-time.js';
import type { RoundRow } from '../../src/core/ports/store.js';
import { BERLIN, BUNDLED_CONTENT, adminCtx, library, makeProc, startWorld, subscription, tickAt, type World } from './helpers.js';

const DECK = 'kms-encryption-at-rest';
const TOPICS = ['s3', 'ebs', 'rds', 'kms'];

let w: World | undefined;
afterAll(async () => {
  await w?.scheduler.stop();
  await w?.cron.dispose();
  w?.store.close();
});

function letterFor(round: RoundRow, right: boolean): string {
  const i = round.choiceOrder.findIndex((c) => (c === round.correctIndex) === right);
  return String.fromCharCode(65 + i);
}

describe('the daily question cycle', () => {
  it('posts every question of the deck once before any repeats, then starts with the worst answered', async () => {
    const deck = library(BUNDLED_CONTENT).get(DECK)!;
    const n = deck.questions.length;
    expect(n).toBeGreaterThan(20);

    const proc = makeProc(':memory:', { content: BUNDLED_CONTENT, seed: 11 });
    const sub = subscription(BERLIN, { deckId: DECK, cadence: 'daily' });
    await proc.store.upsertSubscription(sub);
    w = startWorld(proc, '2026-04-01T00:00:00Z');
    await w.scheduler.started;

    const asked: RoundRow[] = [];
    const missedOnDay = 17;
    for (let day = 0; day <= n; day++) {
      const date = addDays('2026-04-01', day);
      const at = new Date(postTimeOn(sub, date)!.getTime() + 5 * 60_000);
      const { runs } = await tickAt(w, at.toISOString());
      expect(runs.map((r) => [r.localDate, r.outcome.status])).toEqual([[date, 'posted']]);
      const round = (await proc.store.latestDailyRound(BERLIN))!;
      asked.push(round);
      if (day < n) {
        // Everyone answers right, except one wrong answer on one day.
        const ctx = adminCtx(BERLIN, new Date(at.getTime() + 60_000), { userId: 'U-BOB', userName: 'Bob', isAdmin: false });
        const reply = await proc.tutor.handleText(`answer ${round.id} ${letterFor(round, day !== missedOnDay)}`, ctx);
        expect(reply.tone).not.toBe('error');
      }
    }

    const firstCycle = asked.slice(0, n).map((r) => r.questionId);
    expect(new Set(firstCycle).size).toBe(n);
    expect(new Set(firstCycle)).toEqual(new Set(deck.questions.map((q) => q.id)));
    // Day n+1: a new cycle, opened by the question the channel answered worst.
    expect(asked[n]!.questionId).toBe(firstCycle[missedOnDay]);
    // One round message a day, plus a weekly digest every Monday (someone answered every week).
    const digests = w.poster.posts.filter((p) => p.reply.title?.startsWith('Weekly digest'));
    const mondays = Array.from({ length: n + 1 }, (_, d) => addDays('2026-04-01', d)).filter((d) => weekdayOf(d) === 1);
    expect(digests).toHaveLength(mondays.length);
    expect(w.poster.posts).toHaveLength(n + 1 + mondays.length);

    // Topics rotate: in every 7-day window each topic the remaining questions still cover comes up.
    for (let start = 0; start + 7 <= n; start++) {
      const week = asked.slice(start, start + 7);
      const left = new Set(asked.slice(start, n).flatMap((r) => r.tags));
      for (const topic of TOPICS.filter((t) => left.has(t))) {
        expect(week.some((r) => r.tags.includes(topic)), `topic ${topic} in days ${start}..${start + 6}`).toBe(true);
      }
    }
  });
});
