import { describe, expect, it } from 'vitest';
import { FILE_ITEM, type ContentProblem } from '../../src/core/deck/content-problem.js';
import type { Question } from '../../src/core/deck/schema.js';
import { sourcedTells } from '../../src/import/draft-tells.js';
import type { DeckDraft } from '../../src/import/draft.js';

/** A question whose right choice (B) alone has a semicolon: the punctuation tell. */
const question = (id: string): Question =>
  ({
    id,
    prompt: 'Which one?',
    choices: [
      { text: 'One thing', correct: false },
      { text: 'Another; and more', correct: true },
      { text: 'A third thing', correct: false },
    ],
    explanation: 'Because.',
    tags: ['kms'],
    terms: [],
    difficulty: 1,
  }) as unknown as Question;

const draft = (sources?: DeckDraft['sources']): DeckDraft => ({
  meta: {} as DeckDraft['meta'],
  terms: [],
  questions: [question('q-known'), question('q-unknown')],
  scenarios: [],
  issues: [],
  ...(sources ? { sources } : {}),
});

const message = 'the right choice is the only one with a semicolon, which gives it away; reword so wrong choices read alike';
const tells: ContentProblem[] = [
  { file: 'decks/d/questions.yaml', itemId: 'q-known', field: 'choices[1].text', message: `${message} (line 9)` },
  { file: 'decks/d/questions.yaml', itemId: 'q-unknown', field: 'choices[1].text', message: `${message} (line 20)` },
  { file: 'decks/d/questions.yaml', itemId: FILE_ITEM, field: 'choices', message: 'the right choice is strictly the longest in 2 of 2 questions' },
];

describe('answer tells of an imported deck, pointed back at the input', () => {
  it('a question with a known input line is named by the input file and line; the others and the deck-wide tell keep the deck file', () => {
    const split = sourcedTells(draft({ file: 'chapter.txt', lines: new Map([['q-known', 42]]) }), tells);
    expect(split.issues).toEqual([{ file: 'chapter.txt', item: 'question q-known', field: 'choices[1].text', line: 42, message }]);
    expect(split.rest).toEqual([tells[1], tells[2]]);
  });

  it('a format without lines keeps every tell as it was', () => {
    expect(sourcedTells(draft(), tells)).toEqual({ issues: [], rest: tells });
  });
});
