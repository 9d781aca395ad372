import { describe, expect, it } from 'vitest';
import type { Located } from '../../src/core/deck/deck-checks.js';
import type { Question } from '../../src/core/deck/schema.js';
import { absolutesIn, checkTells, rightIsLongest } from '../../src/core/deck/tell-checks.js';

const FILE = 'content/decks/tiny/questions.yaml';

/** A question as the loader hands it to the checks: choices[0..] with `right` marked correct; line 10 + index. */
function question(id: string, texts: string[], right = 0, line = 10): Located<Question> {
  return {
    item: {
      id,
      prompt: `Prompt of ${id}?`,
      choices: texts.map((text, index) => ({ text, correct: index === right, why: `Why ${index}.` })),
    },
    file: FILE,
    lineOf: (path) => (path[0] === 'choices' && typeof path[1] === 'number' ? line + 1 + path[1] * 3 : line),
  };
}

/** The per-question warnings only (these small fixtures often make the right choice longest too). */
function perQuestion(questions: Located<Question>[]) {
  return checkTells(questions, FILE).filter((warning) => warning.itemId !== '(file)');
}

describe('answer tells', () => {
  it('finds absolute words as whole words, whatever their case', () => {
    expect(absolutesIn('Every call is Always logged, allowed only once')).toEqual(['every', 'always', 'only']);
    expect(absolutesIn('Allowed, overall, tonally')).toEqual([]);
  });

  it('warns when only the right choice has a semicolon, naming file, item, field and line', () => {
    const warnings = perQuestion(
      [question('q-semi', ['Short', 'KMS keys are Regional; copies need a destination key', 'A wrong one', 'Another wrong one'], 1)],
    );
    expect(warnings).toEqual([
      {
        file: FILE,
        itemId: 'q-semi',
        field: 'choices[1].text',
        message: expect.stringMatching(/^the right choice is the only one with a semicolon.* \(line 14\)$/),
      },
    ]);
  });

  it('warns when only the right choice has parentheses, and not when a wrong one has them too', () => {
    const lone = perQuestion([question('q-paren', ['SSE-S3 (the default)', 'SSE-C', 'SSE-KMS'])]);
    expect(lone.map((w) => [w.itemId, w.field, w.message.split(',')[0]])).toEqual([
      ['q-paren', 'choices[0].text', 'the right choice is the only one with parentheses'],
    ]);
    expect(perQuestion([question('q-paren-ok', ['SSE-S3 (the default)', 'SSE-C (client key)', 'SSE-KMS'])])).toEqual([]);
    expect(perQuestion([question('q-semi-ok', ['Yes; at once', 'No; not yet', 'Maybe'])])).toEqual([]);
  });

  it('warns when absolute words appear only in wrong choices, listing them', () => {
    const warnings = perQuestion(
      [question('q-abs', ['Within a waiting period of 7 to 30 days', 'Immediately, for every key', 'Never, for any key'])],
    );
    expect(warnings).toHaveLength(1);
    expect(warnings[0]!.field).toBe('choices[0].text');
    expect(warnings[0]!.message).toContain('("immediately", "every", "never")');
    expect(warnings[0]!.message).toMatch(/\(line 11\)$/);
  });

  it('accepts absolutes when the right choice has one too, or no choice has any', () => {
    const balanced = question('q-balanced', ['Only after a waiting period', 'Immediately, for every key', 'At the end of the month']);
    const plain = question('q-plain', ['After a waiting period', 'At once', 'At the end of the month']);
    expect(perQuestion([balanced, plain])).toEqual([]);
  });

  it('skips questions without exactly one right choice (the loader reports those as errors)', () => {
    const none: Located<Question> = { ...question('q-none', ['a;', 'b', 'c']), item: { id: 'q-none', choices: [
      { text: 'a;', correct: false, why: 'x' },
      { text: 'b', correct: false, why: 'x' },
      { text: 'c', correct: false, why: 'x' },
    ] } };
    expect(perQuestion([none])).toEqual([]);
  });

  it('counts the right choice as longest only when strictly longer than every wrong one', () => {
    expect(rightIsLongest(['abcd', 'abc', 'ab'], 0)).toBe(true);
    expect(rightIsLongest(['abcd', 'abce', 'ab'], 0)).toBe(false);
    expect(rightIsLongest(['  abc  ', 'abcd'], 0)).toBe(false);
  });

  it('warns once for the deck when the right choice is longest in more than a third of its questions', () => {
    const longest = (id: string) => question(id, ['The longest choice of all here', 'Short one', 'Short two']);
    const shortest = (id: string) => question(id, ['Short', 'A longer wrong choice', 'Another longer one']);
    // 1 of 3 is exactly a third: no warning.
    expect(checkTells([longest('q-1'), shortest('q-2'), shortest('q-3')], FILE, 1)).toEqual([]);
    // 2 of 3 is more than a third.
    expect(checkTells([longest('q-1'), longest('q-2'), shortest('q-3')], FILE, 1)).toEqual([
      {
        file: FILE,
        itemId: '(file)',
        field: 'choices',
        message: expect.stringMatching(/^the right choice is strictly the longest in 2 of 3 questions \(more than a third\).*\(q-1, q-2\) \(line 1\)$/),
      },
    ]);
  });
});
