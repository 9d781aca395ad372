/**
 * An item's quality figures from its answers (ItemQualityPort rows): how many answered, share
 * right, the most-picked wrong choice, and a discrimination index.
 */
import type { ItemAnswers } from '../ports/store.js';

/** One half of the learners who answered an item. */
interface HalfFigures {
  learners: number;
  answered: number;
  correct: number;
}

/** The figures admins see beside a report on a question. */
export interface QualityFigures {
  /** Answers to the item (every round kind), and how many were right. */
  answered: number;
  correct: number;
  /** The wrong choice (deck index) picked most often and how often; undefined when none was. */
  mostPickedWrong?: { choiceIndex: number; count: number };
  /** Learners ranked by overall accuracy: the top and bottom halves (the middle learner of an odd count is left out). */
  top: HalfFigures;
  bottom: HalfFigures;
  /** top share right minus bottom share right (-1..1); undefined with fewer than 2 learners. */
  discrimination?: number;
}

/**
 * Compute the figures. `correctIndex`: the deck index of the right choice. Learners are ranked by
 * overall accuracy (overallCorrect / overallAnswered, higher first; ties by more answers, then id),
 * split into halves of floor(n/2); each half's share right is its right answers to the item over
 * its answers to the item.
 */
export function qualityFigures(rows: ItemAnswers, correctIndex: number): QualityFigures {
  const answered = rows.learners.reduce((s, l) => s + l.answered, 0);
  const correct = rows.learners.reduce((s, l) => s + l.correct, 0);
  let mostPickedWrong: QualityFigures['mostPickedWrong'];
  for (const p of rows.picks) {
    if (p.choiceIndex === correctIndex || p.count === 0) continue;
    if (!mostPickedWrong || p.count > mostPickedWrong.count) mostPickedWrong = { ...p };
  }
  const ranked = [...rows.learners].sort(
    (a, b) =>
      b.overallCorrect / b.overallAnswered - a.overallCorrect / a.overallAnswered ||
      b.overallAnswered - a.overallAnswered ||
      a.userId.localeCompare(b.userId),
  );
  const half = Math.floor(ranked.length / 2);
  const sum = (ls: typeof ranked): HalfFigures => ({
    learners: ls.length,
    answered: ls.reduce((s, l) => s + l.answered, 0),
    correct: ls.reduce((s, l) => s + l.correct, 0),
  });
  const top = sum(ranked.slice(0, half));
  const bottom = sum(ranked.slice(ranked.length - half));
  const figures: QualityFigures = { answered, correct, top, bottom };
  if (mostPickedWrong) figures.mostPickedWrong = mostPickedWrong;
  if (half > 0) figures.discrimination = top.correct / top.answered - bottom.correct / bottom.answered;
  return figures;
}
