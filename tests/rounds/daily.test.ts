import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DailyRounds } from '../../src/core/daily.js';
import { loadLibrary } from '../../src/core/deck/loader.js';
import { PosterError } from '../../src/core/ports/poster.js';
import type { ChannelScope } from '../../src/core/context.js';
import type { RoundRow, SubscriptionRow } from '../../src/core/ports/store.js';
import { RoundService } from '../../src/core/rounds.js';
import { openStore } from '../../src/store/open.js';
import { seededRandom } from '../support/seeded-random.js';
import { ctxFor, makeDeps, recordingLogger, replyText } from './helpers.js';

const LETTERS = ['A', 'B', 'C', 'D', 'E'];
const TOPICS = ['s3', 'ebs', 'rds', 'kms'];
const here = path.dirname(new URL(import.meta.url).pathname);

/** 09:00 Berlin (CET, before the March change) on 2026-03-02 + `k` days; 2026-03-02 is a Monday. */
function day(k: number, hourUtc = 8): Date {
  return new Date(Date.UTC(2026, 2, 2 + k, hourUtc, 0));
}
function correctLetter(round: RoundRow): string {
  return LETTERS[round.choiceOrder.indexOf(round.correctIndex)]!;
}
function wrongLetter(round: RoundRow): string {
  return LETTERS[round.choiceOrder.findIndex((ci) => ci !== round.correctIndex)]!;
}

let store: ReturnType<typeof openStore>;
let deps: ReturnType<typeof makeDeps>;
let daily: DailyRounds;
let rounds: RoundService;
let changed: ChannelScope[];

function subscribe(channelId = 'general', extra: Partial<SubscriptionRow> = {}): Promise<SubscriptionRow> {
  return store.upsertSubscription({
    platform: 'terminal',
    teamId: 'local',
    channelId,
    deckId: 'rounds-fixture',
    time: '09:00',
    timeZone: 'Europe/Berlin',
    cadence: 'daily',
    createdBy: 'admin',
    createdAt: day(0).getTime() - 86_400_000,
    ...extra,
  });
}
function channel(channelId = 'general'): ChannelScope {
  return { platform: 'terminal', teamId: 'local', channelId };
}

beforeEach(() => {
  store = openStore(':memory:');
  changed = [];
  deps = makeDeps(store, { onSubscriptionChange: (c) => changed.push(c) });
  daily = new DailyRounds(deps);
  rounds = new RoundService(deps);
});
afterEach(async () => {
  rounds.dispose();
  await store.close();
});

describe('runDaily', () => {
  it('posts once per local date and reveals the previous daily round on its message', async () => {
    const sub = await subscribe();
    const first = await daily.runDaily(sub, day(0));
    expect(first.status).toBe('posted');
    expect(await daily.runDaily(sub, day(0, 15))).toEqual({ status: 'already-posted' });
    expect(deps.poster.posts).toHaveLength(1);

    const round1 = (await store.latestDailyRound(channel()))!;
    expect(round1.localDate).toBe('2026-03-02');
    expect(round1.kind).toBe('daily');
    expect(round1.messageRef).toEqual(deps.poster.posts[0]!.ref);
    expect(deps.poster.posts[0]!.reply.title).toMatch(/^Daily question · /);
    await rounds.answer(round1.id, correctLetter(round1), ctxFor('ann', day(0, 10)));

    const second = await daily.runDaily(sub, day(1));
    expect(second.status).toBe('posted');
    const reveal = deps.poster.updates.find((u) => u.reply.round?.state === 'closed')!;
    expect(reveal.ref).toEqual(round1.messageRef);
    expect(reveal.reply.round).toEqual({ id: round1.id, state: 'closed', answered: 1 });
    expect(replyText(reveal.reply)).toContain('100% correct');
    expect((await store.getRound(round1.id))!.closedAt).toBe(day(1).getTime());
    expect(deps.poster.posts).toHaveLength(2);
  });

  it("stores the channel's local date, not the UTC one", async () => {
    const sub = await subscribe();
    // 23:30 UTC on 3 March is already 4 March in Berlin.
    await daily.runDaily(sub, new Date(Date.UTC(2026, 2, 3, 23, 30)));
    expect((await store.latestDailyRound(channel()))!.localDate).toBe('2026-03-04');
  });

  it('posts once when two processes share one database file', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'rounds-'));
    const file = path.join(dir, 'tutor.db');
    const storeA = openStore(file);
    const storeB = openStore(file);
    try {
      const depsA = makeDeps(storeA);
      const depsB = makeDeps(storeB, { random: () => 0.5 });
      depsB.posters.terminal = depsA.poster; // one channel: both processes post into it
      const a = new DailyRounds(depsA);
      const b = new DailyRounds(depsB);
      const subA = await storeA.upsertSubscription({
        platform: 'terminal',
        teamId: 'local',
        channelId: 'general',
        deckId: 'rounds-fixture',
        time: '09:00',
        timeZone: 'Europe/Berlin',
        cadence: 'daily',
        createdBy: 'admin',
        createdAt: 0,
      });
      const subB = (await storeB.getSubscription(channel()))!;

      const day0 = await Promise.all([a.runDaily(subA, day(0)), b.runDaily(subB, day(0))]);
      expect(day0.map((o) => o.status).sort()).toEqual(['already-posted', 'posted']);
      expect(depsA.poster.posts).toHaveLength(1);
      const round0 = (await storeB.latestDailyRound(channel()))!;

      // Next day both race again: one reveal of yesterday's round, one new post.
      const day1 = await Promise.all([a.runDaily(subA, day(1)), b.runDaily(subB, day(1))]);
      expect(day1.map((o) => o.status).sort()).toEqual(['already-posted', 'posted']);
      expect(depsA.poster.posts).toHaveLength(2);
      const reveals = depsA.poster.updates.filter((u) => u.reply.round?.state === 'closed');
      expect(reveals).toHaveLength(1);
      expect(reveals[0]!.reply.round!.id).toBe(round0.id);
      expect((await storeA.latestDailyRound(channel()))!.localDate).toBe('2026-03-03');
    } finally {
      await storeA.close();
      await storeB.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('pauses a subscription on a permanent poster failure while other channels carry on', async () => {
    const general = await subscribe('general');
    const ops = await subscribe('ops');
    deps.poster.failAlways('ops', new PosterError('forbidden', 'not_in_channel'));

    const opsOutcome = await daily.runDaily(ops, day(0));
    expect(opsOutcome.status).toBe('paused');
    expect(opsOutcome.status === 'paused' && opsOutcome.reason).toBe('the bot is not in this channel or may not post in it (not_in_channel)');
    const paused = (await store.getSubscription(channel('ops')))!;
    expect(paused.pausedReason).toContain('not_in_channel');
    expect(await store.latestDailyRound(channel('ops'))).toBeUndefined();
    expect(changed).toEqual([channel('ops')]);

    expect((await daily.runDaily(general, day(0))).status).toBe('posted');
    const again = await daily.runDaily(paused, day(1));
    expect(again.status).toBe('skipped');
    expect(again.status === 'skipped' && again.reason).toContain('paused');
    expect(deps.poster.posts.map((p) => p.channelId)).toEqual(['general']);
  });

  it('reports a transient failure for retry and leaves nothing stored', async () => {
    const sub = await subscribe();
    deps.poster.failAlways('general', new PosterError('transient', 'ETIMEDOUT'));
    const outcome = await daily.runDaily(sub, day(0));
    expect(outcome).toEqual({
      status: 'failed',
      reason: 'the chat service did not answer (a network or server problem) (ETIMEDOUT)',
      retry: true,
    });
    expect(await store.latestDailyRound(channel())).toBeUndefined();
    expect((await store.getSubscription(channel()))!.pausedReason).toBeNull();

    deps.poster.heal();
    expect((await daily.runDaily(sub, day(0, 9))).status).toBe('posted');
  });

  it('still posts when updating the previous message fails, and logs it', async () => {
    const logger = recordingLogger();
    daily = new DailyRounds({ ...deps, logger });
    const sub = await subscribe();
    await daily.runDaily(sub, day(0));
    deps.poster.updateFailure = new PosterError('unknown', 'message_not_found', false);
    expect((await daily.runDaily(sub, day(1))).status).toBe('posted');
    expect((await store.getRound((await store.latestDailyRound(channel()))!.id - 1))!.closedAt).not.toBeNull();
    expect(logger.entries.some((e) => e.level === 'warn' && /reveal/.test(e.msg ?? ''))).toBe(true);
  });

  it('skips weekends for weekday subscriptions', async () => {
    const sub = await subscribe('general', { cadence: 'weekdays' });
    const outcomes = [];
    for (let k = 0; k < 7; k++) outcomes.push((await daily.runDaily(sub, day(k))).status);
    // 2026-03-02 is a Monday.
    expect(outcomes).toEqual(['posted', 'posted', 'posted', 'posted', 'posted', 'skipped', 'skipped']);
  });

  it('replaces a daily round a crashed process stored but never posted', async () => {
    const sub = await subscribe();
    const question = deps.library.defaultDeck.questions[0]!;
    const orphan = await store.createRound({
      platform: 'terminal',
      teamId: 'local',
      channelId: 'general',
      kind: 'daily',
      deckId: 'rounds-fixture',
      questionId: question.id,
      choiceOrder: question.choices.map((_, i) => i),
      correctIndex: 0,
      tags: question.tags,
      openedBy: null,
      openedAt: day(0).getTime(),
      closesAt: null,
      localDate: '2026-03-02',
    });
    // Young: maybe another process is posting it right now.
    expect(await daily.runDaily(sub, new Date(day(0).getTime() + 60_000))).toEqual({ status: 'already-posted' });
    // Old: the process died; post afresh.
    const outcome = await daily.runDaily(sub, new Date(day(0).getTime() + 30 * 60_000));
    expect(outcome.status).toBe('posted');
    const posted = (await store.latestDailyRound(channel()))!;
    expect(posted.localDate).toBe('2026-03-02');
    expect(posted.openedAt).toBe(day(0).getTime() + 30 * 60_000);
    expect(posted.messageRef).toEqual(deps.poster.posts[0]!.ref);
    expect((await store.getRound(orphan.id))?.openedAt).not.toBe(orphan.openedAt);
    expect(deps.poster.posts).toHaveLength(1);
  });
});

describe('question order over days', () => {
  it('asks every question once before repeating, then starts the next cycle with the worst answered', async () => {
    const sub = await subscribe();
    const deckSize = deps.library.defaultDeck.questions.length;
    const asked: RoundRow[] = [];
    // First cycle, answered on each round's day: everyone right, except day 4's question (everybody
    // missed it) and day 6's (half missed it).
    for (let k = 0; k < deckSize; k++) {
      expect((await daily.runDaily(sub, day(k))).status).toBe('posted');
      const round = (await store.latestDailyRound(channel()))!;
      asked.push(round);
      const letters =
        k === 4
          ? [wrongLetter(round), wrongLetter(round)]
          : k === 6
            ? [correctLetter(round), wrongLetter(round)]
            : [correctLetter(round), correctLetter(round)];
      for (const [u, l] of letters.entries()) {
        const reply = await rounds.answer(round.id, l, ctxFor(`user${u}`, day(k, 10)));
        expect(reply.tone === 'success' || reply.tone === 'warning').toBe(true);
      }
    }
    expect(new Set(asked.map((r) => r.questionId)).size).toBe(deckSize);

    expect((await daily.runDaily(sub, day(deckSize))).status).toBe('posted');
    expect((await store.latestDailyRound(channel()))!.questionId).toBe(asked[4]!.questionId);

    // The second cycle, too, asks each question once.
    const second = [asked[4]!.questionId];
    for (let k = deckSize + 1; k < 2 * deckSize; k++) {
      await daily.runDaily(sub, day(k));
      second.push((await store.latestDailyRound(channel()))!.questionId);
    }
    expect(new Set(second).size).toBe(deckSize);
  });

  it('brings all four topics up within every week of daily rounds (fixture deck, two cycles)', async () => {
    const sub = await subscribe();
    const tags: string[][] = [];
    for (let k = 0; k < 16; k++) {
      await daily.runDaily(sub, day(k));
      tags.push((await store.latestDailyRound(channel()))!.tags);
    }
    for (let start = 0; start + 7 <= tags.length; start++) {
      const week = new Set(tags.slice(start, start + 7).flat());
      expect(TOPICS.filter((t) => !week.has(t)), `days ${start}..${start + 6}`).toEqual([]);
    }
  });

  it('brings all four topics up within every week of daily rounds (real deck, four weeks)', async () => {
    const library = loadLibrary(path.resolve(here, '../../content'));
    const realDeps = makeDeps(store, { library });
    const realDaily = new DailyRounds(realDeps);
    const sub = await subscribe('general', { deckId: library.defaultDeck.meta.id });
    const tags: string[][] = [];
    const ids = new Set<string>();
    for (let k = 0; k < 28; k++) {
      expect((await realDaily.runDaily(sub, day(k))).status).toBe('posted');
      const round = (await store.latestDailyRound(channel()))!;
      tags.push(round.tags);
      ids.add(round.questionId);
    }
    expect(ids.size).toBe(28);
    for (let start = 0; start + 7 <= tags.length; start++) {
      const week = new Set(tags.slice(start, start + 7).flat());
      expect(TOPICS.filter((t) => !week.has(t)), `days ${start}..${start + 6}`).toEqual([]);
    }
  });

  it('is deterministic for a given random seed', async () => {
    const run = async (seed: number) => {
      const s = openStore(':memory:');
      try {
        const d = makeDeps(s, { random: seededRandom(seed) });
        const dr = new DailyRounds(d);
        const sub = await s.upsertSubscription({
          platform: 'terminal',
          teamId: 'local',
          channelId: 'general',
          deckId: 'rounds-fixture',
          time: '09:00',
          timeZone: 'Europe/Berlin',
          cadence: 'daily',
          createdBy: 'admin',
          createdAt: 0,
        });
        const out: string[] = [];
        for (let k = 0; k < 8; k++) {
          await dr.runDaily(sub, day(k));
          const r = (await s.latestDailyRound(channel()))!;
          out.push(`${r.questionId}:${r.choiceOrder.join('')}`);
        }
        return out;
      } finally {
        await s.close();
      }
    };
    expect(await run(7)).toEqual(await run(7));
  });
});

describe('runDigest', () => {
  it('posts last week once: ranked top 5, accuracy bars per tag, most missed, longest streak', async () => {
    const sub = await subscribe();
    // Week 2026-W10 (Mon 2 March .. Sun 8 March): five daily rounds, three players.
    const plan: Record<string, boolean[]> = {
      ann: [true, true, true, false, true],
      bob: [true, false, true, true, true],
      cat: [false, false, true],
    };
    for (let k = 0; k < 5; k++) {
      await daily.runDaily(sub, day(k));
      const round = (await store.latestDailyRound(channel()))!;
      for (const [user, answers] of Object.entries(plan)) {
        const right = answers[k];
        if (right === undefined) continue;
        await rounds.answer(round.id, right ? correctLetter(round) : wrongLetter(round), ctxFor(user, day(k, 10)));
      }
    }
    const monday = new Date(Date.UTC(2026, 2, 9, 7, 0)); // Monday of W11, 08:00 Berlin
    const outcome = await daily.runDigest(sub, monday);
    expect(outcome.status).toBe('posted');
    expect(await daily.runDigest(sub, new Date(monday.getTime() + 3_600_000))).toEqual({ status: 'already-posted' });

    const digests = deps.poster.posts.filter((p) => p.reply.title?.startsWith('Weekly digest'));
    expect(digests).toHaveLength(1);
    const digest = digests[0]!.reply;
    expect(digest.title).toBe('Weekly digest · 2026-W10');
    expect(digest.visibility).toBe('channel');
    const pres = digest.blocks.filter((b) => b.type === 'pre').map((b) => (b.type === 'pre' ? b.lines : []));
    // ann and bob: 4 points at 80% -> tie on rank 1; cat: 1 point -> rank 3.
    expect(pres[0]![0]).toMatch(/^ 1\. Ann\s+4 pts\s+80%/);
    expect(pres[0]![1]).toMatch(/^ 1\. Bob\s+4 pts\s+80%/);
    expect(pres[0]![2]).toMatch(/^ 3\. Cat\s+1 pt\s+33%/);
    for (const line of pres[1]!) expect(line).toMatch(/^[A-Za-z0-9]+\s+[█░]{10}\s+\d+%/);
    expect(pres[1]!.some((l) => l.startsWith('S3') || l.startsWith('EBS') || l.startsWith('KMS') || l.startsWith('RDS'))).toBe(true);

    const text = replyText(digest);
    // Day 1 (index 1) was missed by bob and cat: the most-missed question.
    const missedRound = (await store.getRound((await store.latestDailyRound(channel()))!.id - 3))!;
    const missed = deps.library.defaultDeck.questionsById.get(missedRound.questionId)!;
    expect(text).toContain(missed.prompt);
    expect(text).toContain(missed.explanation);
    expect(text).toContain('2 of 3 answers were wrong');
    expect(text).toMatch(/Longest current streak here: (Ann|Bob), 5 daily questions in a row/);
  });

  it('tells admins how many problem reports are open (and says nothing when none are)', async () => {
    const sub = await subscribe();
    await daily.runDaily(sub, day(0));
    const round = (await store.latestDailyRound(channel()))!;
    await rounds.answer(round.id, correctLetter(round), ctxFor('ann', day(0, 10)));
    const report = (userId: string, itemId: string) =>
      store.fileReport(channel(), { deckId: 'rounds-fixture', itemKind: 'question', itemId, file: 'q.yaml', line: 1, userId, reason: 'typo', text: '', at: 1 });
    await report('ann', round.questionId);
    await report('bob', round.questionId);
    const resolved = (await report('cat', round.questionId)).report;
    await store.resolveReport(channel(), resolved.id, 'admin', '', 2);
    await daily.runDigest(sub, new Date(Date.UTC(2026, 2, 9, 7, 0)));
    const digest = deps.poster.posts.find((p) => p.reply.title?.startsWith('Weekly digest'))!.reply;
    expect(replyText(digest)).toContain('Open problem reports: 2 — admins can review them with the `reports` subcommand.');

    const quiet = await subscribe('quiet');
    await daily.runDaily(quiet, day(0));
    const other = (await store.latestDailyRound(channel('quiet')))!;
    await rounds.answer(other.id, correctLetter(other), ctxFor('ann', day(0, 10)));
    await store.resolveReport(channel(), resolved.id - 1, 'admin', '', 2);
    await store.resolveReport(channel(), resolved.id - 2, 'admin', '', 2);
    await daily.runDigest(quiet, new Date(Date.UTC(2026, 2, 9, 7, 0)));
    const second = deps.poster.posts.filter((p) => p.reply.title?.startsWith('Weekly digest'))[1]!.reply;
    expect(replyText(second)).not.toContain('problem reports');
  });

  it('leaves questions with 3 or more open reports out of the daily pick until resolved', async () => {
    const sub = await subscribe();
    const deck = deps.library.get('rounds-fixture')!;
    const [kept, ...held] = deck.questions.map((q) => q.id);
    for (const itemId of held) {
      for (const userId of ['ann', 'bob', 'cat']) {
        await store.fileReport(channel(), { deckId: 'rounds-fixture', itemKind: 'question', itemId, file: 'q.yaml', line: 1, userId, reason: 'wrong', text: '', at: 1 });
      }
    }
    for (let k = 0; k < 3; k++) {
      await daily.runDaily(sub, day(k));
      expect((await store.latestDailyRound(channel()))!.questionId).toBe(kept);
    }
  });

  it('is skipped without claiming the week when nobody answered', async () => {
    const sub = await subscribe();
    const monday = new Date(Date.UTC(2026, 2, 9, 7, 0));
    const outcome = await daily.runDigest(sub, monday);
    expect(outcome.status).toBe('skipped');
    expect(deps.poster.posts).toHaveLength(0);
    // The week was not claimed.
    expect(await store.claimDigest(channel(), '2026-W10', monday.getTime())).toBe(true);
  });
});

describe('closeDueRounds', () => {
  it('closes and reveals channel rounds whose time is up, once', async () => {
    await rounds.openChannelRound(ctxFor('olivia', day(0)));
    const round = (await store.openChannelRound(channel()))!;
    expect(await daily.closeDueRounds(new Date(round.closesAt! - 1))).toBe(0);
    expect(await daily.closeDueRounds(new Date(round.closesAt!))).toBe(1);
    expect(deps.poster.updates.at(-1)!.reply.round).toEqual({ id: round.id, state: 'closed', answered: 0 });
    expect(await daily.closeDueRounds(new Date(round.closesAt! + 60_000))).toBe(0);
    expect(deps.poster.updates).toHaveLength(1);
  });
});
