/**
 * Practice picks aimed at an exam day, with ts-fsrs retrievability at the start of that day:
 * - in the last 7 days before the exam, every question of the deck not practised since that week
 *   began comes back once more, weakest first (lowest recall on the exam day; never practised = 0);
 * - before that, among the cards due now and those the scheduler would not bring back before the
 *   exam day, the ones that would be forgotten by then (recall below the requested retention) come
 *   first, the most forgotten first (instead of the most overdue first).
 * Undefined when neither rule picks anything: the usual practice pick applies.
 */
import { fsrs, default_request_retention } from 'ts-fsrs';
import type { Deck } from '../deck/schema.js';
import { parseCard, type PracticePick } from '../practice.js';
import { questionsWithTag } from '../question-picker.js';

const scheduler = fsrs();

/** The final stretch before the exam in which every card is seen once more, in days. */
const LAST_WEEK_DAYS = 7;

/**
 * The exam-aimed pick for a learner at `now`, or undefined (see the file comment).
 * @param cards the learner's stored cards by question id
 * @param examStart the UTC instant the exam day starts in the learner's zone
 * @param skip question ids to leave out (see practice-avoid.ts)
 */
export function pickForExam(
  deck: Deck,
  cards: ReadonlyMap<string, string>,
  examStart: Date,
  now: Date,
  tag?: string,
  skip: ReadonlySet<string> = new Set(),
): PracticePick | undefined {
  if (examStart.getTime() <= now.getTime() - 86_400_000) return undefined;
  const lastWeekStart = examStart.getTime() - LAST_WEEK_DAYS * 86_400_000;
  const inLastWeek = now.getTime() >= lastWeekStart;
  let best: { pick: PracticePick; recall: number } | undefined;
  for (const question of questionsWithTag(deck, tag)) {
    if (skip.has(question.id)) continue;
    const json = cards.get(question.id);
    const card = json === undefined ? undefined : parseCard(json);
    const recall = card && card.reps > 0 ? scheduler.get_retrievability(card, examStart, false) : 0;
    if (inLastWeek) {
      const lastReview = card?.last_review?.getTime();
      if (lastReview !== undefined && lastReview >= lastWeekStart) continue;
    } else {
      if (!card || recall >= default_request_retention) continue;
      const due = card.due.getTime();
      if (due > now.getTime() && due <= examStart.getTime()) continue; // it comes back before the exam anyway
    }
    if (!best || recall < best.recall) best = { pick: { reason: 'exam', question, recall, lastWeek: inLastWeek }, recall };
  }
  return best?.pick;
}
