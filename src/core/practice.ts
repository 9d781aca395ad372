/**
 * Spaced repetition for practice questions (`quiz`) with ts-fsrs: one card per (user, question),
 * stored by the store as JSON. A right answer reviews the card as Rating.Good, a wrong one as
 * Rating.Again.
 */
import { createEmptyCard, fsrs, Rating, TypeConvert, type Card } from 'ts-fsrs';
import type { Deck, Question } from './deck/schema.js';
import { questionsWithTag } from './question-picker.js';

const scheduler = fsrs();

/**
 * Parse a stored card (JSON written by {@link reviewCard}); undefined when the text is not a card
 * (then the question is treated as new rather than failing the user's quiz).
 */
export function parseCard(json: string): Card | undefined {
  try {
    const card = TypeConvert.card(JSON.parse(json) as Card);
    return Number.isFinite(card.due.getTime()) ? card : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Review a practice card: `previous` is the stored JSON (undefined for a question the user never
 * practised). Returns the new card as JSON (dates as ISO strings, UTC) to store.
 */
export function reviewCard(previous: string | undefined, correct: boolean, now: Date): string {
  const card: Card = (previous !== undefined ? parseCard(previous) : undefined) ?? createEmptyCard<Card>(now);
  const next = scheduler.next(card, now, correct ? Rating.Good : Rating.Again).card;
  return JSON.stringify(next);
}

/** When a stored card is next due (UTC), or undefined when it cannot be read. */
export function cardDue(json: string): Date | undefined {
  return parseCard(json)?.due;
}

/** Why a practice question was chosen. */
export type PracticePick =
  /** A card whose due time has passed: the most overdue one. */
  | { reason: 'due'; question: Question; due: Date }
  /** A question the user never practised. */
  | { reason: 'new'; question: Question }
  /** Nothing due and nothing new: the card due soonest. */
  | { reason: 'ahead'; question: Question; due: Date }
  /**
   * Aimed at an exam day (core/exam/exam-pick.ts): `recall` is the ts-fsrs retrievability (0-1) on
   * that day; `lastWeek` is true in the final week, when every card comes back once more.
   */
  | { reason: 'exam'; question: Question; recall: number; lastWeek: boolean };

/**
 * Pick a user's next practice question in `deck` (only questions tagged `tag` when given, none of
 * `skip`): the most overdue card; else a question never practised (chosen with `random`, uniform in
 * [0, 1)); else the card due soonest. Undefined when no question is left to pick.
 * @param cards the user's stored cards by question id (store.practiceCards)
 * @param skip question ids to leave out (see practice-avoid.ts)
 */
export function pickPracticeQuestion(
  deck: Deck,
  cards: ReadonlyMap<string, string>,
  now: Date,
  random: () => number,
  tag?: string,
  skip: ReadonlySet<string> = new Set(),
): PracticePick | undefined {
  const candidates = questionsWithTag(deck, tag).filter((q) => !skip.has(q.id));
  if (candidates.length === 0) return undefined;
  const fresh: Question[] = [];
  let soonest: { question: Question; due: Date } | undefined;
  for (const question of candidates) {
    const json = cards.get(question.id);
    const due = json !== undefined ? cardDue(json) : undefined;
    if (due === undefined) fresh.push(question);
    else if (!soonest || due.getTime() < soonest.due.getTime()) soonest = { question, due };
  }
  if (soonest && soonest.due.getTime() <= now.getTime()) return { reason: 'due', ...soonest };
  const question = fresh[Math.min(fresh.length - 1, Math.floor(random() * fresh.length))];
  if (question) return { reason: 'new', question };
  return soonest && { reason: 'ahead', ...soonest };
}
