/**
 * Sentences built around a choice's text: choices may end with "." (144 of the real deck's do), and
 * the sentence around them must still read as one ("… with it. is right." and "with it.. Your first
 * answer" did not).
 */
import { describe, expect, it } from 'vitest';
import type { Question } from '../../src/core/deck/schema.js';
import type { RoundRow } from '../../src/core/ports/store.js';
import { renderAnswerFeedback } from '../../src/core/round-view.js';
import { lettersOf, makeHarness, REAL_CONTENT, textOf } from '../core/harness.js';
import { fixtureDecks, replyText } from './helpers.js';

const base = fixtureDecks().defaultDeck.questions[0]!;
/** The fixture question with every choice ending in a full stop. */
const withStops: Question = { ...base, choices: base.choices.map((c) => ({ ...c, text: `${c.text.replace(/[.!?]$/, '')} with it.` })) };

function roundOf(question: Question): RoundRow {
  return {
    id: 3,
    platform: 'terminal',
    teamId: 'local',
    channelId: 'terminal',
    kind: 'channel',
    deckId: 'd',
    questionId: question.id,
    choiceOrder: question.choices.map((_, i) => i),
    correctIndex: question.choices.findIndex((c) => c.correct),
    tags: [],
    openedBy: 'u',
    openedAt: 0,
    closesAt: null,
    closedAt: null,
    localDate: null,
    messageRef: null,
  };
}

/** Doubled or stranded full stops: "it.. Your", "it. is right". */
const BROKEN = /\.\.(?!\.)|\. is right|\.\s*\(and/;

describe('answer feedback around a choice ending in "."', () => {
  const round = roundOf(withStops);
  const right = round.correctIndex;
  const wrong = (right + 1) % withStops.choices.length;

  it('a right answer reads as one sentence', () => {
    const text = replyText(renderAnswerFeedback(round, withStops, 'A', right));
    expect(text).not.toMatch(BROKEN);
    expect(text).toContain(`is right: ${withStops.choices[right]!.text}`);
  });

  it('a wrong answer keeps one full stop per sentence', () => {
    expect(replyText(renderAnswerFeedback(round, withStops, 'B', wrong))).not.toMatch(BROKEN);
  });
});

describe('round replies that quote a choice, on the real deck', () => {
  it('"Already answered" and "Round closed" keep one full stop after a choice ending in "."', async () => {
    const h = makeHarness({ content: REAL_CONTENT });
    try {
      let checked = 0;
      for (let i = 0; i < 30 && checked < 3; i++) {
        await h.say('quiz here', 'ann');
        const round = (await h.store.openChannelRound({ platform: 'terminal', teamId: 'local', channelId: 'terminal' }))!;
        const question = h.deps.library.get(round.deckId)!.questionsById.get(round.questionId)!;
        const endsWithStop = question.choices[round.correctIndex]!.text.trimEnd().endsWith('.');
        await h.say(`answer ${round.id} ${lettersOf(round).right}`, 'bob');
        const again = await h.say(`answer ${round.id} ${lettersOf(round).wrong}`, 'bob');
        await h.say('close', 'ann');
        const late = await h.say(`answer ${round.id} A`, 'cat');
        expect(again.title).toBe('Already answered');
        expect(late.title).toBe('Round closed');
        if (!endsWithStop) continue;
        checked++;
        expect(textOf(again)).not.toMatch(BROKEN);
        expect(textOf(late)).not.toMatch(BROKEN);
      }
      expect(checked).toBeGreaterThan(0);
    } finally {
      h.close();
    }
  });
});
