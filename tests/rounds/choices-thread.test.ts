/**
 * After a round's reveal, core posts the explanation of every choice in the thread under the round's
 * message (Poster.postInThread), once per round, and a failure there never undoes the reveal.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Poster, PosterError } from '../../src/core/ports/poster.js';
import type { RoundRow } from '../../src/core/ports/store.js';
import { closeAndReveal, RoundService } from '../../src/core/rounds.js';
import { openStore } from '../../src/store/open.js';
import { ctxFor, fixtureDecks, makeDeps, recordingLogger, replyText, T0 } from './helpers.js';

const LETTERS = ['A', 'B', 'C', 'D', 'E'];

let store: ReturnType<typeof openStore>;
let deps: ReturnType<typeof makeDeps>;
let service: RoundService;

beforeEach(() => {
  store = openStore(':memory:');
  deps = makeDeps(store, { logger: recordingLogger() });
  service = new RoundService(deps);
});
afterEach(async () => {
  service.dispose();
  await store.close();
});

async function openRound(): Promise<RoundRow> {
  await service.openChannelRound(ctxFor('olivia'));
  const round = await store.openChannelRound(ctxFor('olivia'));
  expect(round?.messageRef).toBeDefined();
  return round!;
}

describe('the choices thread under a revealed round', () => {
  it('follows the reveal: every choice in letter order with why it is right or wrong, under the round message', async () => {
    const round = await openRound();
    await service.answer(round.id, 'A', ctxFor('bea'));
    await service.settled(); // the answer's count edit
    const reply = await service.close(ctxFor('olivia'));
    expect(reply.tone).toBe('success');

    // The channel message keeps the answer and the split: it is edited with the reveal, as before.
    expect(deps.poster.updates.map((u) => u.reply.round?.state)).toEqual(['open', 'closed']);
    expect(replyText(deps.poster.updates[1]!.reply)).toContain('1 answered');

    expect(deps.poster.threads).toHaveLength(1);
    const [thread] = deps.poster.threads;
    expect(thread!.parent).toEqual(round.messageRef);
    expect(thread!.reply.visibility).toBe('channel');
    expect(thread!.reply.title).toBe(`Round #${round.id} · why each choice is right or wrong`);
    const question = fixtureDecks().get(round.deckId)!.questionsById.get(round.questionId)!;
    const sections = thread!.reply.blocks.filter((b) => b.type === 'section');
    expect(sections).toHaveLength(question.choices.length);
    round.choiceOrder.forEach((choiceIndex, i) => {
      const section = sections[i]!;
      if (section.type !== 'section') throw new Error('not a section');
      const choice = question.choices[choiceIndex]!;
      expect(section.heading.startsWith(`${LETTERS[i]} — `)).toBe(true);
      expect(section.heading.endsWith(choiceIndex === round.correctIndex ? '✓ right' : '✗ wrong')).toBe(true);
      expect(section.text).toContain(choice.why);
      if (choiceIndex === round.correctIndex) expect(section.text).toContain(question.explanation);
    });
  });

  it('goes under the reveal it posted when the round had no message yet', async () => {
    // A daily round whose post never landed: its reveal is a new post, and the thread goes under that.
    const question = fixtureDecks().defaultDeck.questions[0]!;
    const round = await store.createRound({
      platform: 'terminal',
      teamId: 'local',
      channelId: 'general',
      kind: 'daily',
      deckId: fixtureDecks().defaultDeck.meta.id,
      questionId: question.id,
      choiceOrder: question.choices.map((_, i) => i),
      correctIndex: question.choices.findIndex((c) => c.correct),
      tags: [...question.tags],
      openedBy: null,
      openedAt: T0.getTime(),
      closesAt: null,
      localDate: '2026-03-03',
    });
    expect(round.messageRef).toBeNull();
    const outcome = await closeAndReveal(deps, round, T0);
    expect(outcome).toEqual({ closed: true });
    const revealRef = (await store.getRound(round.id))!.messageRef!;
    expect(deps.poster.posts.map((p) => p.ref)).toEqual([revealRef]);
    expect(deps.poster.threads.map((t) => t.parent)).toEqual([revealRef]);
  });

  it('logs a failed thread post and keeps the reveal and the closer’s success', async () => {
    const round = await openRound();
    deps.poster.threadFailure = new PosterError('forbidden', 'not_in_channel');
    const reply = await service.close(ctxFor('olivia'));
    expect(reply.tone).toBe('success');
    expect((await store.getRound(round.id))!.closedAt).not.toBeNull();
    expect(deps.poster.updates.map((u) => u.reply.round?.state)).toEqual(['closed']);
    expect(deps.poster.threads).toHaveLength(0);
    const logged = (deps.logger as ReturnType<typeof recordingLogger>).entries;
    expect(logged.some((e) => e.level === 'warn' && e.msg === 'could not post the choices thread of a revealed round')).toBe(true);
  });

  it('is not posted when the reveal could not be shown', async () => {
    await openRound();
    deps.poster.updateFailure = new PosterError('transient', 'internal_error');
    const reply = await service.close(ctxFor('olivia'));
    expect(replyText(reply)).toMatch(/could not|couldn't/i);
    expect(deps.poster.threads).toHaveLength(0);
  });

  it('is skipped on a platform without threads', async () => {
    const round = await openRound();
    const recording = deps.poster;
    const flat: Poster = {
      platform: 'terminal',
      post: (channelId, reply) => recording.post(channelId, reply),
      update: (ref, reply) => recording.update(ref, reply),
      sendDirect: (userId, reply) => recording.sendDirect(userId, reply),
    };
    const outcome = await closeAndReveal({ ...deps, posters: { terminal: flat } }, round, T0);
    expect(outcome).toEqual({ closed: true });
    expect(recording.updates.map((u) => u.reply.round?.state)).toEqual(['closed']);
    expect(recording.threads).toHaveLength(0);
  });

  it('is posted once when two processes sharing the database close the same round', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'kms-thread-'));
    const file = path.join(dir, 'tutor.db');
    const first = openStore(file);
    const second = openStore(file);
    try {
      const depsA = makeDeps(first);
      const depsB = makeDeps(second);
      const a = new RoundService(depsA);
      await a.openChannelRound(ctxFor('olivia'));
      const round = (await first.openChannelRound(ctxFor('olivia')))!;
      // Both processes see the round open and close it at once (a `close` and the scheduler's tick).
      const [x, y] = await Promise.all([closeAndReveal(depsA, round, T0), closeAndReveal(depsB, round, T0)]);
      expect([x.closed, y.closed].sort()).toEqual([false, true]);
      expect(depsA.poster.threads.length + depsB.poster.threads.length).toBe(1);
      // Later closes (a restart's catch-up, a retried tick) find it closed and post nothing more.
      expect((await closeAndReveal(depsB, round, T0)).closed).toBe(false);
      expect(depsA.poster.threads.length + depsB.poster.threads.length).toBe(1);
      a.dispose();
    } finally {
      await first.close();
      await second.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
