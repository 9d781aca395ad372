/**
 * Answer "tells": surface features of a question's choices that give the right answer away without
 * knowing the subject. They are warnings, not errors: the deck still loads, and `npm run content:check`
 * prints them so an author can reword. Three tells are checked:
 * - the right choice is the only one with a semicolon, or the only one with parentheses;
 * - absolute words ("every", "always", "never", "automatically", "only", ...) appear in wrong choices
 *   but not in the right one, so "avoid the absolute" finds the answer;
 * - across the deck, the right choice is strictly the longest in more than a third of the questions.
 */
import { FILE_ITEM, type ContentProblem } from './content-problem.js';
import type { Located } from './deck-checks.js';
import type { Question } from './schema.js';

/**
 * Absolute words checked by the second tell, matched as whole words, case-insensitively ("all" matches
 * "all data" but not "allowed").
 */
const ABSOLUTE_WORDS: readonly string[] = [
  'all',
  'always',
  'automatically',
  'completely',
  'entirely',
  'every',
  'everything',
  'guaranteed',
  'immediately',
  'instantly',
  'never',
  'none',
  'only',
  'silently',
];

const ABSOLUTE_PATTERN = new RegExp(`\\b(?:${ABSOLUTE_WORDS.join('|')})\\b`, 'gi');

/** Share of a deck's questions above which "the right choice is longest" is a tell (more than a third). */
const LONGEST_SHARE_LIMIT = 1 / 3;

/** The absolute words in `text`, lower-cased, in order of appearance (repeats kept). */
export function absolutesIn(text: string): string[] {
  return [...text.matchAll(ABSOLUTE_PATTERN)].map((match) => match[0].toLowerCase());
}

/** " (line N)" for the path inside the item, or "" when unknown. */
function at(owner: Located<unknown>, ...path: (string | number)[]): string {
  const line = owner.lineOf(path);
  return line === undefined ? '' : ` (line ${line})`;
}

/** The choices of a question with exactly one right choice, or undefined (other checks report the rest). */
function singleAnswer(question: Located<Question>): { right: number; texts: string[] } | undefined {
  const choices = question.item.choices;
  if (choices === undefined) return undefined;
  const correct = choices.flatMap((choice, index) => (choice.correct ? [index] : []));
  const [right] = correct;
  if (right === undefined || correct.length !== 1) return undefined;
  return { right, texts: choices.map((choice) => choice.text) };
}

/** True when the right choice is strictly longer (trimmed characters) than every wrong choice. */
export function rightIsLongest(texts: readonly string[], right: number): boolean {
  const length = (texts[right] ?? '').trim().length;
  return texts.every((text, index) => index === right || text.trim().length < length);
}

/**
 * The per-question tells of one question's choices `texts` whose right one is index `right` (the
 * punctuation and absolute-word tells; the longest-choice tell is deck-wide): one message each,
 * without a location. An empty list means none.
 */
export function choiceTells(texts: readonly string[], right: number): string[] {
  const found: string[] = [];
  const rightText = texts[right] ?? '';
  const wrong = texts.filter((_, index) => index !== right);
  for (const [mark, name] of [
    [';', 'a semicolon'],
    ['(', 'parentheses'],
  ] as const) {
    if (rightText.includes(mark) && !wrong.some((text) => text.includes(mark))) {
      found.push(`the right choice is the only one with ${name}, which gives it away; reword so wrong choices read alike`);
    }
  }
  const wrongAbsolutes = [...new Set(wrong.flatMap(absolutesIn))];
  if (wrongAbsolutes.length > 0 && absolutesIn(rightText).length === 0) {
    found.push(
      `absolute words (${wrongAbsolutes.map((word) => `"${word}"`).join(', ')}) appear only in wrong choices, which gives the right one away; balance the wording`,
    );
  }
  return found;
}

/**
 * Check the questions of one deck for answer tells and return one warning per tell found: per question
 * for the punctuation and absolute-word tells (field `choices[i].text` of the right choice), and one
 * for the whole deck (item "(file)", field "choices") when the right choice is strictly longest in more
 * than a third of the questions. `file` names questions.yaml as problems show it; `fileLine` is the line
 * of its `questions:` key, when known. Questions without exactly one right choice are skipped.
 */
export function checkTells(questions: readonly Located<Question>[], file: string, fileLine?: number): ContentProblem[] {
  const warnings: ContentProblem[] = [];
  const longest: string[] = [];
  let counted = 0;
  for (const question of questions) {
    const answer = singleAnswer(question);
    if (!answer) continue;
    counted += 1;
    const { right, texts } = answer;
    const field = `choices[${right}].text`;
    const where = at(question, 'choices', right, 'text');
    for (const message of choiceTells(texts, right)) warnings.push({ file: question.file, itemId: question.item.id, field, message: message + where });
    if (rightIsLongest(texts, right)) longest.push(question.item.id);
  }
  if (counted > 0 && longest.length / counted > LONGEST_SHARE_LIMIT) {
    const shown = longest.slice(0, 10).join(', ') + (longest.length > 10 ? `, and ${longest.length - 10} more` : '');
    warnings.push({
      file,
      itemId: FILE_ITEM,
      field: 'choices',
      message:
        `the right choice is strictly the longest in ${longest.length} of ${counted} questions (more than a third), so "pick the longest" scores well; ` +
        `shorten right choices or lengthen wrong ones (${shown})${fileLine === undefined ? '' : ` (line ${fileLine})`}`,
    });
  }
  return warnings;
}
