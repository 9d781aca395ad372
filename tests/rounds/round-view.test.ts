import { describe, expect, it } from 'vitest';
import type { Question } from '../../src/core/deck/schema.js';
import type { QuestionHistoryRow, RoundRow } from '../../src/core/ports/store.js';
import { pickChannelQuestion, shuffledChoiceOrder, weakness } from '../../src/core/question-picker.js';
import { mostPickedWrong, renderReveal, renderRound } from '../../src/core/round-view.js';
import { seededRandom } from '../support/seeded-random.js';
import { fixtureDecks, replyText } from './helpers.js';

const deck = fixtureDecks().defaultDeck;
const fiveChoices = deck.questionsById.get('q-ebs-snapshot')!;

function roundOf(question: Question, order: number[], extra: Partial<RoundRow> = {}): RoundRow {
  return {
    id: 7,
    platform: 'terminal',
    teamId: 'local',
    channelId: 'general',
    kind: 'daily',
    deckId: deck.meta.id,
    questionId: question.id,
    choiceOrder: order,
    correctIndex: question.choices.findIndex((c) => c.correct),
    tags: question.tags,
    openedBy: null,
    openedAt: 0,
    closesAt: null,
    closedAt: null,
    localDate: '2026-03-03',
    messageRef: null,
    ...extra,
  };
}

describe('shuffledChoiceOrder', () => {
  it('is a permutation, repeatable for a seed, and reaches every order', () => {
    const seen = new Set<string>();
    const random = seededRandom(1);
    for (let i = 0; i < 400; i++) {
      const order = shuffledChoiceOrder(3, random);
      expect([...order].sort()).toEqual([0, 1, 2]);
      seen.add(order.join(''));
    }
    expect(seen.size).toBe(6);
    expect(shuffledChoiceOrder(5, seededRandom(9))).toEqual(shuffledChoiceOrder(5, seededRandom(9)));
  });
});

describe('weakness order', () => {
  const row = (answered: number, correct: number): QuestionHistoryRow => ({
    deckId: 'd',
    questionId: 'q',
    times: 1,
    lastOpenedAt: 0,
    answered,
    correct,
  });
  it('puts missed questions first, then unanswered, then all-right ones', () => {
    const sorted = [row(4, 4), row(0, 0), row(4, 1), row(2, 1)]
      .map((r) => ({ r, k: weakness(r) }))
      .sort((a, b) => a.k[0] - b.k[0] || a.k[1] - b.k[1] || a.k[2] - b.k[2])
      .map(({ r }) => `${r.correct}/${r.answered}`);
    expect(sorted).toEqual(['1/4', '1/2', '0/0', '4/4']);
  });

  it('picks nothing for a tag no question has', async () => {
    const store = { questionHistory: async () => [], reportedItems: async () => [] };
    const channel = { platform: 'terminal' as const, teamId: 'local', channelId: 'general' };
    expect(await pickChannelQuestion({ store, random: () => 0 }, channel, deck, 'glacier')).toBeUndefined();
    expect((await pickChannelQuestion({ store, random: () => 0.99 }, channel, deck, 'rds'))!.tags).toContain('rds');
  });
});

describe('renderRound', () => {
  it('says how to answer in words true on every platform, the terminal included (no "tap"; issue 15 item 17)', () => {
    for (const kind of ['channel', 'daily'] as const) {
      const reply = renderRound(roundOf(fiveChoices, [0, 1, 2, 3, 4], { kind }), fiveChoices, { answered: 0, correct: 0, byChoice: [0, 0, 0, 0, 0] });
      expect(replyText(reply)).not.toMatch(/\btap\b/i);
      expect(replyText(reply)).toContain('pick a letter or type `answer 7 <letter>`');
    }
  });

  it('letters follow the stored order, up to E, with labelled buttons', () => {
    const order = [4, 2, 0, 3, 1];
    const reply = renderRound(roundOf(fiveChoices, order), fiveChoices, { answered: 3, correct: 1, byChoice: [1, 1, 1, 0, 0] });
    const choices = reply.blocks.find((b) => b.type === 'choices');
    expect(choices).toEqual({
      type: 'choices',
      choices: order.map((ci, i) => ({ letter: 'ABCDE'[i], text: fiveChoices.choices[ci]!.text })),
    });
    expect(reply.buttons!.map((b) => b.label.split(' · ')[0])).toEqual(['A', 'B', 'C', 'D', 'E']);
    for (const b of reply.buttons!) expect(b.label.length).toBeLessThanOrEqual(40);
    const long = reply.buttons![2]!.label; // "Copy the snapshot with encryption turned on" is cut
    expect(long.startsWith(`C · ${fiveChoices.choices[0]!.text.slice(0, 30)}`)).toBe(true);
    expect(long.endsWith('…')).toBe(true);
    expect(reply.buttons![1]!.label).toBe(`B · ${fiveChoices.choices[2]!.text}`); // short: whole
    expect(replyText(reply)).toContain('3 people answered so far');
    expect(reply.title).toBe('Daily question · EBS');
    expect(reply.round).toEqual({ id: 7, state: 'open', answered: 3 });
  });
});

describe('renderReveal', () => {
  it('says so when nobody answered, without a most-picked wrong answer', () => {
    const round = roundOf(fiveChoices, [0, 1, 2, 3, 4], { closedAt: 1 });
    const reply = renderReveal(round, fiveChoices, { answered: 0, correct: 0, byChoice: [0, 0, 0, 0, 0] });
    const text = replyText(reply);
    expect(text).toContain('Nobody answered');
    expect(text).not.toContain('chose');
    expect(reply.round).toEqual({ id: 7, state: 'closed', answered: 0 });
  });

  it('finds the most-picked wrong choice, earlier letter on ties, none when all were right', () => {
    const round = roundOf(fiveChoices, [3, 0, 1, 2, 4]);
    expect(mostPickedWrong(round, { answered: 6, correct: 2, byChoice: [2, 2, 0, 2, 0] })).toBe(3);
    expect(mostPickedWrong(round, { answered: 2, correct: 2, byChoice: [2, 0, 0, 0, 0] })).toBeUndefined();
  });
});
