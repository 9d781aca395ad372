import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PosterError } from '../../src/core/ports/poster.js';
import type { RoundRow } from '../../src/core/ports/store.js';
import type { Reply } from '../../src/core/reply.js';
import { RECENT_ROUND_MS } from '../../src/core/practice-avoid.js';
import { RoundService } from '../../src/core/rounds.js';
import { ROUNDS } from '../../src/core/text/rounds.js';
import { openStore } from '../../src/store/open.js';
import { ctxFor, makeDeps, replyText, T0 } from './helpers.js';

const LETTERS = ['A', 'B', 'C', 'D', 'E'];

function letterOf(round: RoundRow, choiceIndex: number): string {
  return LETTERS[round.choiceOrder.indexOf(choiceIndex)]!;
}
function correctLetter(round: RoundRow): string {
  return letterOf(round, round.correctIndex);
}
function wrongLetter(round: RoundRow, nth = 0): string {
  const wrong = round.choiceOrder.map((_, i) => LETTERS[i]!).filter((l) => l !== correctLetter(round));
  return wrong[nth]!;
}
function textOf(reply: Reply): string {
  return replyText(reply);
}

let store: ReturnType<typeof openStore>;
let deps: ReturnType<typeof makeDeps>;
let service: RoundService;

beforeEach(() => {
  store = openStore(':memory:');
  deps = makeDeps(store);
  service = new RoundService(deps);
});
afterEach(async () => {
  service.dispose();
  await store.close();
});

async function openRound(userId = 'olivia', now = T0): Promise<RoundRow> {
  const reply = await service.openChannelRound(ctxFor(userId, now));
  expect(reply.tone, textOf(reply)).toBe('success');
  const round = await store.openChannelRound(ctxFor(userId));
  expect(round).toBeDefined();
  return round!;
}

describe('quiz here: opening a channel round', () => {
  it('posts the round once in the channel, stores its message ref and answers the opener quietly', async () => {
    const reply = await service.openChannelRound(ctxFor('olivia'));
    expect(reply.quiet).toBe(true);
    expect(reply.visibility).toBe('user');
    const round = (await store.openChannelRound(ctxFor('olivia')))!;
    expect(textOf(reply)).toContain(`Round #${round.id} is open`);

    const posts = deps.poster.posts;
    expect(posts).toHaveLength(1);
    expect(posts[0]!.channelId).toBe('general');
    expect((await store.getRound(round.id))!.messageRef).toEqual(posts[0]!.ref);
    expect(round.kind).toBe('channel');
    expect(round.openedBy).toBe('olivia');
    expect(round.closesAt).toBe(T0.getTime() + 15 * 60_000);

    const message = posts[0]!.reply;
    expect(message.visibility).toBe('channel');
    expect(message.title).toMatch(new RegExp(`^Round #${round.id}`));
    expect(message.round).toEqual({ id: round.id, state: 'open', answered: 0 });
    const question = deps.library.defaultDeck.questionsById.get(round.questionId)!;
    expect(message.blocks).toContainEqual({ type: 'text', text: question.prompt });
    const answerButtons = message.buttons!.filter((b) => b.action.kind === 'answer');
    expect(answerButtons.map((b) => (b.action.kind === 'answer' ? b.action.letter : ''))).toEqual(
      LETTERS.slice(0, question.choices.length),
    );
    expect(message.buttons!.some((b) => b.action.kind === 'close' && b.action.roundId === round.id)).toBe(true);
  });

  it('stores one shuffled choice order that every user sees and answers against', async () => {
    const round = await openRound();
    const question = deps.library.defaultDeck.questionsById.get(round.questionId)!;
    expect([...round.choiceOrder].sort()).toEqual(question.choices.map((_, i) => i));

    const choices = (r: Reply) => r.blocks.find((b) => b.type === 'choices');
    const posted = choices(deps.poster.posts[0]!.reply);
    const expected = {
      type: 'choices',
      choices: round.choiceOrder.map((ci, i) => ({ letter: LETTERS[i], text: question.choices[ci]!.text })),
    };
    expect(posted).toEqual(expected);
    expect(choices((await service.roundMessage(round.id))!)).toEqual(expected);

    // The same letter means the same choice for everyone.
    await service.answer(round.id, 'B', ctxFor('ann'));
    await service.answer(round.id, 'b', ctxFor('bob'));
    expect((await store.getAnswer(round.id, 'ann'))!.choiceIndex).toBe(round.choiceOrder[1]);
    expect((await store.getAnswer(round.id, 'bob'))!.choiceIndex).toBe(round.choiceOrder[1]);
  });

  it('shuffles with the seeded random: some rounds show choices out of deck order', async () => {
    const orders: number[][] = [];
    for (let i = 0; i < 6; i++) {
      const round = await openRound('olivia', new Date(T0.getTime() + i * 3_600_000));
      orders.push(round.choiceOrder);
      await service.close(ctxFor('olivia', new Date(T0.getTime() + i * 3_600_000 + 1000)));
    }
    expect(orders.some((o) => o.some((v, i) => v !== i))).toBe(true);
  });

  it('allows one open channel round per channel and names the open one', async () => {
    const round = await openRound();
    const second = await service.openChannelRound(ctxFor('bob', new Date(T0.getTime() + 60_000)));
    expect(second.tone).toBe('error');
    expect(textOf(second)).toContain(`Round #${round.id} is still open`);
    expect(textOf(second)).toContain(`answer ${round.id} <letter>`);
    expect(textOf(second)).toContain('close');
    expect(deps.poster.posts).toHaveLength(1);

    // Another channel may have its own.
    const other = await service.openChannelRound(ctxFor('bob', T0, { channelId: 'random' }));
    expect(other.tone).toBe('success');
  });

  it('closes a round whose time is up before opening the next one (lazy close)', async () => {
    const first = await openRound();
    const later = new Date(T0.getTime() + 16 * 60_000);
    const reply = await service.openChannelRound(ctxFor('bob', later));
    expect(reply.tone).toBe('success');
    expect((await store.getRound(first.id))!.closedAt).toBe(later.getTime());
    const reveal = deps.poster.updates.find((u) => u.reply.round?.id === first.id);
    expect(reveal?.reply.round?.state).toBe('closed');
    expect((await store.openChannelRound(ctxFor('bob')))!.id).not.toBe(first.id);
  });

  it('refuses a direct message, a missing poster and an unknown tag without storing anything', async () => {
    const dm = await service.openChannelRound(ctxFor('olivia', T0, { isDirectMessage: true }));
    expect(dm.tone).toBe('error');
    expect(textOf(dm)).toMatch(/direct message/);

    const noPoster = new RoundService({ ...deps, posters: {} });
    const np = await noPoster.openChannelRound(ctxFor('olivia'));
    expect(np.tone).toBe('error');
    expect(textOf(np)).toMatch(/terminal/);

    const badTag = await service.openChannelRound(ctxFor('olivia'), 'glacier');
    expect(badTag.tone).toBe('error');
    expect(textOf(badTag)).toContain('"glacier"');
    expect(textOf(badTag)).toContain('s3');

    expect(await store.openChannelRound(ctxFor('olivia'))).toBeUndefined();
    expect(deps.poster.calls).toHaveLength(0);
  });

  it('asks only questions with the given tag', async () => {
    for (let i = 0; i < 4; i++) {
      const at = new Date(T0.getTime() + i * 3_600_000);
      const reply = await service.openChannelRound(ctxFor('olivia', at), 'rds');
      expect(reply.tone).toBe('success');
      const round = (await store.openChannelRound(ctxFor('olivia')))!;
      expect(round.tags).toContain('rds');
      await service.close(ctxFor('olivia', new Date(at.getTime() + 1000)));
    }
  });

  it('deletes the unposted round and says what failed when the post fails', async () => {
    deps.poster.failAlways('general', new PosterError('forbidden', 'not_in_channel'));
    const reply = await service.openChannelRound(ctxFor('olivia'));
    expect(reply.tone).toBe('error');
    expect(textOf(reply)).toContain('not in this channel');
    expect(textOf(reply)).toContain('not_in_channel');
    expect(textOf(reply)).toMatch(/[Ii]nvite/);
    expect(await store.openChannelRound(ctxFor('olivia'))).toBeUndefined();

    deps.poster.heal();
    expect((await service.openChannelRound(ctxFor('olivia'))).tone).toBe('success');
  });

  it('gives the invite advice in the words of the platform the request came from (ctx.surface), else neutrally', async () => {
    deps.poster.failAlways('general', new PosterError('forbidden', 'missing_access'));
    const surface = { commandPrefix: '/kms ', adminRule: 'moderators', inviteHint: 'Add the bot with `!invite kms`' };
    const reply = await service.openChannelRound(ctxFor('olivia', T0, { surface }));
    expect(textOf(reply)).toContain('Add the bot with `!invite kms`, then try `quiz here` again.');
    const neutral = await service.openChannelRound(ctxFor('olivia'));
    expect(textOf(neutral)).toContain('Invite the bot to this channel and let it post there, then try `quiz here` again.');
    expect(textOf(neutral)).not.toMatch(/Slack|Discord/);
    deps.poster.heal();
  });
});

describe('answering a round', () => {
  it('scores first answers only, tells a repeat which answer stands, and tells right from wrong', async () => {
    const round = await openRound();
    const question = deps.library.defaultDeck.questionsById.get(round.questionId)!;
    const right = correctLetter(round);
    const wrong = wrongLetter(round);
    const wrongChoice = question.choices[round.choiceOrder[LETTERS.indexOf(wrong)]!]!;

    const ann = await service.answer(round.id, right, ctxFor('ann'));
    expect(ann.visibility).toBe('user');
    expect(ann.tone).toBe('success');
    expect(textOf(ann)).toContain(question.explanation);

    const bob = await service.answer(round.id, wrong, ctxFor('bob'));
    expect(bob.visibility).toBe('user');
    expect(bob.tone).toBe('warning');
    expect(textOf(bob)).toContain(`You chose ${wrong}`);
    expect(textOf(bob)).toContain(wrongChoice.why);
    expect(textOf(bob)).toContain(`The answer is ${right}`);

    const cat = await service.answer(round.id, wrong, ctxFor('cat'));
    expect(cat.tone).toBe('warning');
    const catAgain = await service.answer(round.id, right, ctxFor('cat'));
    expect(catAgain.tone).toBe('error');
    expect(textOf(catAgain)).toContain(`You already answered round #${round.id} with ${wrong}`);
    expect(textOf(catAgain)).toMatch(/stands/);
    expect((await store.getAnswer(round.id, 'cat'))!.letter).toBe(wrong);

    const tally = await store.roundTally(round.id, question.choices.length);
    expect(tally.answered).toBe(3);
    expect(tally.correct).toBe(1);
    const lines = await store.scoreLines({ scope: { platform: 'terminal', teamId: 'local' } });
    expect(lines.find((l) => l.userId === 'ann')!.points).toBe(1);
    expect(lines.find((l) => l.userId === 'bob')!.points).toBe(0);
    expect(lines.find((l) => l.userId === 'cat')!.points).toBe(0);
  });

  it('tells the valid letters for a letter the question does not have', async () => {
    const round = await openRound();
    const count = round.choiceOrder.length;
    const beyond = LETTERS[count] ?? 'F';
    for (const bad of [beyond, 'banana', '', 'x'.repeat(5000)]) {
      const reply = await service.answer(round.id, bad, ctxFor('ann'));
      expect(reply.tone).toBe('error');
      expect(textOf(reply)).toContain(`Pick one of ${LETTERS.slice(0, count).join(', ')}`);
      expect(textOf(reply).length).toBeLessThan(400);
    }
    expect(await store.getAnswer(round.id, 'ann')).toBeUndefined();
  });

  it('refuses answers to closed, unknown and other-team rounds', async () => {
    const round = await openRound();
    await service.close(ctxFor('olivia', new Date(T0.getTime() + 1000)));
    const closed = await service.answer(round.id, 'A', ctxFor('ann', new Date(T0.getTime() + 2000)));
    expect(closed.tone).toBe('error');
    expect(textOf(closed)).toContain(`Round #${round.id} is closed`);
    expect(textOf(closed)).toContain(`The answer was ${correctLetter(round)}`);

    const unknown = await service.answer(9999, 'A', ctxFor('ann'));
    expect(textOf(unknown)).toContain('no round #9999');

    const round2 = await openRound('olivia', new Date(T0.getTime() + 3000));
    const otherTeam = await service.answer(round2.id, 'A', ctxFor('ann', T0, { teamId: 'other-team' }));
    expect(otherTeam.tone).toBe('error');
    expect(textOf(otherTeam)).toContain(`no round #${round2.id}`);
    expect(await store.getAnswer(round2.id, 'ann')).toBeUndefined();
  });

  it('closes a round past its closing time instead of accepting the answer', async () => {
    const round = await openRound();
    const late = new Date(round.closesAt! + 1);
    const reply = await service.answer(round.id, correctLetter(round), ctxFor('ann', late));
    expect(textOf(reply)).toContain('is closed');
    expect(await store.getAnswer(round.id, 'ann')).toBeUndefined();
    expect((await store.getRound(round.id))!.closedAt).toBe(late.getTime());
    expect(deps.poster.updates.at(-1)!.reply.round).toEqual({ id: round.id, state: 'closed', answered: 0 });
  });

  it('stores 50 concurrent answers from 50 users with the right tally', async () => {
    const round = await openRound();
    const letters = LETTERS.slice(0, round.choiceOrder.length);
    const picks = Array.from({ length: 50 }, (_, i) => letters[i % letters.length]!);
    const replies = await Promise.all(picks.map((l, i) => service.answer(round.id, l, ctxFor(`user${i}`))));
    expect(replies.every((r) => r.tone === 'success' || r.tone === 'warning')).toBe(true);

    const question = deps.library.defaultDeck.questionsById.get(round.questionId)!;
    const tally = await store.roundTally(round.id, question.choices.length);
    expect(tally.answered).toBe(50);
    const expectedByChoice = question.choices.map(
      (_, ci) => picks.filter((l) => round.choiceOrder[LETTERS.indexOf(l)] === ci).length,
    );
    expect(tally.byChoice).toEqual(expectedByChoice);
    expect(tally.correct).toBe(picks.filter((l) => l === correctLetter(round)).length);
  });
});

describe('closing and revealing', () => {
  it('reveals counts per choice, share correct and the most-picked wrong choice on the round message', async () => {
    const round = await openRound();
    const question = deps.library.defaultDeck.questionsById.get(round.questionId)!;
    const right = correctLetter(round);
    const wrong = wrongLetter(round);
    const wrongChoice = question.choices[round.choiceOrder[LETTERS.indexOf(wrong)]!]!;
    const picks = [right, right, wrong, wrong, wrong, wrongLetter(round, 1), right, wrong];
    for (const [i, l] of picks.entries()) await service.answer(round.id, l, ctxFor(`u${i}`));

    const closeAt = new Date(T0.getTime() + 60_000);
    const reply = await service.close(ctxFor('olivia', closeAt));
    expect(reply.quiet).toBe(true);
    expect(textOf(reply)).toContain(`Closed round #${round.id}`);

    const reveal = deps.poster.updates.at(-1)!;
    expect(reveal.ref).toEqual((await store.getRound(round.id))!.messageRef);
    expect(reveal.reply.round).toEqual({ id: round.id, state: 'closed', answered: 8 });
    // No answer or close buttons on the reveal: only "Report a problem" on its question.
    expect(reveal.reply.buttons).toEqual([{ action: { kind: 'report', target: 'question', id: question.id }, label: 'Report a problem' }]);
    const text = textOf(reveal.reply);
    expect(text).toContain(`${right} — ${question.choices[round.correctIndex]!.text}`);
    expect(text).toContain(question.explanation);
    expect(text).toContain('8 answered · 38% correct');
    expect(text).toContain(`50% chose ${wrong} — ${wrongChoice.text}`);
    expect(text).toContain(wrongChoice.why);
    const pre = reveal.reply.blocks.find((b) => b.type === 'pre');
    expect(pre?.type === 'pre' && pre.lines.find((l) => l.startsWith(`${wrong} `))).toMatch(/ 4 \(50%\)/);
    expect(pre?.type === 'pre' && pre.lines.find((l) => l.startsWith(`${right} `))).toMatch(/ 3 \(38%\)\s+✓/);
    expect((await store.getRound(round.id))!.closedAt).toBe(closeAt.getTime());
  });

  it('lets only the opener or an admin close, and not twice', async () => {
    const round = await openRound('olivia');
    const bob = await service.close(ctxFor('bob'));
    expect(bob.tone).toBe('error');
    expect(textOf(bob)).toContain('Olivia (who opened it) or an admin');
    expect((await store.getRound(round.id))!.closedAt).toBeNull();

    const admin = await service.close(ctxFor('root', T0, { isAdmin: true }), round.id);
    expect(admin.quiet).toBe(true);
    const again = await service.close(ctxFor('olivia'), round.id);
    expect(textOf(again)).toContain('already closed');
    expect(deps.poster.updates.filter((u) => u.reply.round?.state === 'closed')).toHaveLength(1);

    const none = await service.close(ctxFor('olivia'));
    expect(textOf(none)).toContain('no open');
  });

  it('tells the closer when the reveal could not be shown', async () => {
    await openRound();
    deps.poster.failAlways('general', new PosterError('channel_not_found', 'channel_not_found'));
    const reply = await service.close(ctxFor('olivia'));
    expect(reply.tone).toBe('warning');
    expect(textOf(reply)).toContain("couldn't show the answer");
  });

  it('renders a round whose question left the deck as a short notice', async () => {
    const round = await store.createRound({
      platform: 'terminal',
      teamId: 'local',
      channelId: 'general',
      kind: 'channel',
      deckId: deps.library.defaultDeck.meta.id,
      questionId: 'q-removed-since',
      choiceOrder: [1, 0, 2],
      correctIndex: 0,
      tags: ['kms'],
      openedBy: 'olivia',
      openedAt: T0.getTime(),
      closesAt: T0.getTime() + 60_000,
      localDate: null,
    });
    expect(textOf((await service.roundMessage(round.id))!)).toContain('no longer in the deck');
    const answer = await service.answer(round.id, 'A', ctxFor('ann'));
    expect(textOf(answer)).toContain('no longer in the deck');
    await service.close(ctxFor('olivia'), round.id);
    const reveal = (await service.roundMessage(round.id))!;
    expect(reveal.round?.state).toBe('closed');
    expect(textOf(reveal)).toContain('no longer in the deck');
    expect((await service.roundMessage(424242))).toBeUndefined();
  });
});

describe('answer-count refresh', () => {
  it('updates the round message at most twice for a burst of answers within the window', async () => {
    const round = await openRound();
    for (let i = 0; i < 12; i++) {
      await service.answer(round.id, 'A', ctxFor(`burst${i}`));
      deps.fakeTimers.advance(700); // 12 answers over 8.4 s, inside one 10 s window
    }
    await service.settled();
    expect(deps.poster.updates).toHaveLength(1); // the leading update
    deps.fakeTimers.advance(10_000);
    await service.settled();
    const updates = deps.poster.updates;
    expect(updates).toHaveLength(2);
    expect(updates[0]!.reply.round).toEqual({ id: round.id, state: 'open', answered: 1 });
    expect(updates[1]!.reply.round).toEqual({ id: round.id, state: 'open', answered: 12 });
    expect(textOf(updates[1]!.reply)).toContain('12 people answered');

    // A quiet spell: nothing more is sent.
    deps.fakeTimers.advance(60_000);
    await service.settled();
    expect(deps.poster.updates).toHaveLength(2);
  });

  it('sends no count update after the round closed, and logs update failures without throwing', async () => {
    const round = await openRound();
    await service.answer(round.id, 'A', ctxFor('a1'));
    await service.answer(round.id, 'A', ctxFor('a2')); // marks the window dirty
    await service.close(ctxFor('olivia'));
    deps.fakeTimers.advance(30_000);
    await service.settled();
    const states = deps.poster.updates.map((u) => u.reply.round?.state);
    expect(states).toEqual(['open', 'closed']);

    const round2 = await openRound('olivia', new Date(T0.getTime() + 60_000));
    deps.poster.failAlways('general', new PosterError('transient', 'socket hang up'));
    const reply = await service.answer(round2.id, 'A', ctxFor('a3', new Date(T0.getTime() + 61_000)));
    expect(reply.tone === 'success' || reply.tone === 'warning').toBe(true);
    await expect(service.settled()).resolves.toBeUndefined();
  });
});

describe('answer-count refresh while the round closes', () => {
  it('drops a count update whose store reads straddle the close, so it never overwrites the reveal', async () => {
    // Hold the next claim's answer (the count update's claim with its round and tally, read while
    // the round was open) until released; every other call passes.
    let release: () => void = () => {};
    let armed = false;
    const held = new Proxy(store, {
      get(target, prop, receiver) {
        if (prop === 'claimRoundRefresh' && armed) {
          armed = false;
          return async (...args: Parameters<typeof target.claimRoundRefresh>) => {
            const claim = await target.claimRoundRefresh(...args);
            expect(claim?.round.closedAt).toBeNull();
            await new Promise<void>((resolve) => {
              release = resolve;
            });
            return claim;
          };
        }
        const value = Reflect.get(target, prop, receiver) as unknown;
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
    const gated = new RoundService({ ...deps, store: held });
    const opened = await gated.openChannelRound(ctxFor('olivia'));
    expect(opened.tone).toBe('success');
    const round = (await store.openChannelRound(ctxFor('olivia')))!;
    armed = true;
    await gated.answer(round.id, 'A', ctxFor('a1')); // starts the leading count update; its tally read waits
    await gated.close(ctxFor('olivia')); // closes and reveals meanwhile
    release();
    await gated.settled();
    expect(deps.poster.updates.map((u) => u.reply.round?.state)).toEqual(['closed']);
    gated.dispose();
  });
});

describe('practice questions', () => {
  it('shows a question only to the asker, saves the fsrs card, and stays off the board', async () => {
    const reply = await service.practice(ctxFor('pat'));
    expect(reply.visibility).toBe('user');
    expect(reply.round).toBeUndefined();
    expect(deps.poster.calls).toHaveLength(0);
    const answerButton = reply.buttons!.find((b) => b.action.kind === 'answer')!;
    const roundId = answerButton.action.kind === 'answer' ? answerButton.action.roundId : 0;
    const round = (await store.getRound(roundId))!;
    expect(round.kind).toBe('practice');
    expect(round.openedBy).toBe('pat');

    const other = await service.answer(round.id, 'A', ctxFor('eve'));
    expect(other.tone).toBe('error');
    expect(textOf(other)).toContain("someone else's practice question");

    const result = await service.answer(round.id, correctLetter(round), ctxFor('pat', new Date(T0.getTime() + 5_000)));
    expect(result.tone).toBe('success');
    expect(result.visibility).toBe('user');
    expect(result.buttons).toEqual([
      { action: { kind: 'practice' }, label: 'Another question', style: 'primary' },
      { action: { kind: 'report', target: 'question', id: round.questionId }, label: 'Report a problem' },
    ]);
    expect((await store.getRound(round.id))!.closedAt).not.toBeNull();

    const cards = await store.practiceCards(ctxFor('pat'), 'pat', round.deckId);
    const card = JSON.parse(cards.get(round.questionId)!) as { reps: number; due: string };
    expect(card.reps).toBe(1);
    expect(new Date(card.due).getTime()).toBeGreaterThan(T0.getTime());

    expect(await store.scoreLines({ scope: { platform: 'terminal', teamId: 'local' } })).toEqual([]);
    expect((await store.userStats(ctxFor('pat'), 'pat')).practiceAnswered).toBe(1);
    expect((await store.userStats(ctxFor('pat'), 'pat')).points).toBe(0);
  });

  it('brings a missed question back once it is due, before new ones', async () => {
    const first = await service.practice(ctxFor('pat'));
    const b = first.buttons!.find((x) => x.action.kind === 'answer')!;
    const round = (await store.getRound(b.action.kind === 'answer' ? b.action.roundId : 0))!;
    await service.answer(round.id, wrongLetter(round), ctxFor('pat'));
    const card = JSON.parse((await store.practiceCards(ctxFor('pat'), 'pat', round.deckId)).get(round.questionId)!) as {
      due: string;
      lapses: number;
    };

    // Before it is due: a new question.
    const early = await service.practice(ctxFor('pat', new Date(new Date(card.due).getTime() - 1)));
    const earlyRound = (await store.getRound(
      early.buttons!.map((x) => (x.action.kind === 'answer' ? x.action.roundId : 0))[0]!,
    ))!;
    expect(earlyRound.questionId).not.toBe(round.questionId);

    // Once due: the missed one.
    const due = await service.practice(ctxFor('pat', new Date(new Date(card.due).getTime() + 60_000)));
    const dueRound = (await store.getRound(due.buttons!.map((x) => (x.action.kind === 'answer' ? x.action.roundId : 0))[0]!))!;
    expect(dueRound.questionId).toBe(round.questionId);
    expect(textOf(due)).toContain('was due');
  });

  it('practises only questions with the tag, and refuses an unknown tag', async () => {
    for (let i = 0; i < 3; i++) {
      const reply = await service.practice(ctxFor('pat', new Date(T0.getTime() + i)), 'ebs');
      const id = reply.buttons!.map((x) => (x.action.kind === 'answer' ? x.action.roundId : 0))[0]!;
      expect((await store.getRound(id))!.tags).toContain('ebs');
    }
    const bad = await service.practice(ctxFor('pat'), 'nope');
    expect(bad.tone).toBe('error');
    expect(textOf(bad)).toContain('"nope"');
  });
});

describe('practice and channel rounds side by side', () => {
  it('an open practice question does not block `quiz here` in the same channel', async () => {
    await service.practice(ctxFor('pat'));
    const reply = await service.openChannelRound(ctxFor('pat'));
    expect(reply.tone).toBe('success');
    expect((await store.openChannelRound(ctxFor('pat')))!.kind).toBe('channel');
  });
});

describe('practice beside the channel\'s own rounds (quiz and quiz here in one session)', () => {
  /** The question of the practice round `reply` asks. */
  async function practiceQuestion(reply: Reply): Promise<string> {
    const button = reply.buttons?.find((b) => b.action.kind === 'answer');
    expect(button, textOf(reply)).toBeDefined();
    const id = button?.action.kind === 'answer' ? button.action.roundId : 0;
    return (await store.getRound(id))!.questionId;
  }
  const at = (ms: number) => new Date(T0.getTime() + ms);

  it('never hands out the question of a channel round open in that channel, and says so when it is the only one', async () => {
    // `quiz here cost`: the only question tagged cost is q-s3-bucket-key; the s3 tag has one more.
    expect((await service.openChannelRound(ctxFor('olivia'), 'cost')).tone).toBe('success');
    const open = (await store.openChannelRound(ctxFor('olivia')))!;
    expect(open.questionId).toBe('q-s3-bucket-key');
    for (let i = 1; i <= 12; i++) {
      expect(await practiceQuestion(await service.practice(ctxFor('pat', at(i * 1_000)), 's3'))).toBe('q-s3-default');
    }
    const only = await service.practice(ctxFor('pat', at(20_000)), 'cost');
    expect(only.tone).toBe('error');
    expect(textOf(only)).toContain('The only practice question tagged "cost" here is the one a round in this channel asks right now.');
    // Another channel has no round open: there it is a practice question like any other.
    expect(await practiceQuestion(await service.practice(ctxFor('pat', at(21_000), { channelId: 'elsewhere' }), 'cost'))).toBe('q-s3-bucket-key');
    // Once the round is closed it may come back (the learner did not answer it).
    await service.close(ctxFor('olivia', at(30_000)), open.id);
    expect(await practiceQuestion(await service.practice(ctxFor('pat', at(31_000)), 'cost'))).toBe('q-s3-bucket-key');
  });

  it("leaves out the question of the channel's open daily round too", async () => {
    const daily = await store.createRound({
      platform: 'terminal',
      teamId: 'local',
      channelId: 'general',
      kind: 'daily',
      deckId: deps.library.defaultDeck.meta.id,
      questionId: 'q-rds-enable',
      choiceOrder: [0, 1, 2, 3],
      correctIndex: 0,
      tags: ['rds'],
      openedBy: null,
      openedAt: T0.getTime(),
      closesAt: null,
      localDate: '2026-03-03',
    });
    for (let i = 1; i <= 12; i++) {
      expect(await practiceQuestion(await service.practice(ctxFor('pat', at(i * 1_000)), 'rds'))).toBe('q-rds-replica');
    }
    await store.closeRound(daily.id, at(20_000).getTime());
    const seen = new Set<string>();
    for (let i = 21; i <= 40; i++) seen.add(await practiceQuestion(await service.practice(ctxFor('pat', at(i * 1_000)), 'rds')));
    expect(seen).toEqual(new Set(['q-rds-enable', 'q-rds-replica']));
  });

  it('avoids a question the learner just answered in a channel round while others are left, and keeps the FSRS order otherwise', async () => {
    expect((await service.openChannelRound(ctxFor('pat'), 'rds')).tone).toBe('success');
    const round = (await store.openChannelRound(ctxFor('pat')))!;
    expect((await service.answer(round.id, correctLetter(round), ctxFor('pat', at(1_000)))).tone).toBe('success');
    await service.close(ctxFor('pat', at(2_000)), round.id);
    const other = round.questionId === 'q-rds-enable' ? 'q-rds-replica' : 'q-rds-enable';
    for (let i = 3; i <= 14; i++) expect(await practiceQuestion(await service.practice(ctxFor('pat', at(i * 1_000)), 'rds'))).toBe(other);
    // Someone who did not answer it may get it.
    const seen = new Set<string>();
    for (let i = 15; i <= 40; i++) seen.add(await practiceQuestion(await service.practice(ctxFor('eve', at(i * 1_000)), 'rds')));
    expect(seen).toEqual(new Set(['q-rds-enable', 'q-rds-replica']));

    // Practise the other one (right): its card is not due for a while. Still the other one comes
    // (the card due soonest) rather than the question just answered in the channel.
    const practice = await service.practice(ctxFor('pat', at(50_000)), 'rds');
    const practiceRound = (await store.getRound(practice.buttons!.map((x) => (x.action.kind === 'answer' ? x.action.roundId : 0))[0]!))!;
    expect(practiceRound.questionId).toBe(other);
    await service.answer(practiceRound.id, correctLetter(practiceRound), ctxFor('pat', at(51_000)));
    expect(await practiceQuestion(await service.practice(ctxFor('pat', at(52_000)), 'rds'))).toBe(other);
  });

  it('hands out a question the learner just answered in a channel round when nothing else is left', async () => {
    expect((await service.openChannelRound(ctxFor('pat'), 'cost')).tone).toBe('success');
    const round = (await store.openChannelRound(ctxFor('pat')))!;
    await service.answer(round.id, correctLetter(round), ctxFor('pat', at(1_000)));
    await service.close(ctxFor('pat', at(2_000)), round.id);
    const reply = await service.practice(ctxFor('pat', at(3_000)), 'cost');
    expect(await practiceQuestion(reply)).toBe('q-s3-bucket-key');
    expect(textOf(reply)).toContain(ROUNDS.practiceNote.new);
  });

  it('forgets the avoidance once the round is older than RECENT_ROUND_MS', async () => {
    expect((await service.openChannelRound(ctxFor('pat'), 'rds')).tone).toBe('success');
    const round = (await store.openChannelRound(ctxFor('pat')))!;
    await service.answer(round.id, correctLetter(round), ctxFor('pat', at(1_000)));
    await service.close(ctxFor('pat', at(2_000)), round.id);
    const later = RECENT_ROUND_MS + 60_000;
    const seen = new Set<string>();
    for (let i = 0; i < 26; i++) seen.add(await practiceQuestion(await service.practice(ctxFor('pat', at(later + i * 1_000)), 'rds')));
    expect(seen).toEqual(new Set(['q-rds-enable', 'q-rds-replica']));
  });
});
