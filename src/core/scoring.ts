/**
 * Ranking of leaderboard lines. Points come from the store (1 per correct round answer); this file
 * only orders and ranks them.
 */
import type { ScoreLine } from './ports/store.js';

/** A ranked leaderboard line. */
export interface RankedLine extends ScoreLine {
  /** 1-based rank; lines with equal points and equal accuracy share one (1, 2, 2, 4). */
  rank: number;
  /** correct / answered, 0..1 (0 when nothing was answered). */
  accuracy: number;
}

/** correct / answered as a fraction 0..1, 0 when `answered` is 0. */
export function accuracyOf(correct: number, answered: number): number {
  return answered > 0 ? correct / answered : 0;
}

/**
 * Order lines by points (desc), then accuracy (desc), then who reached the score first (reachedAt
 * asc), then name and id (so the order is stable), and give competition ranks: lines with the same
 * points and the same accuracy share a rank and the next rank skips (1, 2, 2, 4). Does not mutate
 * `lines`.
 */
export function rankScoreLines(lines: readonly ScoreLine[]): RankedLine[] {
  // Accuracy compared as exact fractions (a/b vs c/d) so 2/3 and 4/6 tie without float noise.
  const cmpAccuracy = (a: ScoreLine, b: ScoreLine) => b.correct * a.answered - a.correct * b.answered;
  const sorted = [...lines].sort(
    (a, b) =>
      b.points - a.points ||
      cmpAccuracy(a, b) ||
      a.reachedAt - b.reachedAt ||
      a.userName.localeCompare(b.userName) ||
      a.userId.localeCompare(b.userId),
  );
  const ranked: RankedLine[] = [];
  sorted.forEach((line, i) => {
    const prev = ranked[i - 1];
    const ties = prev !== undefined && prev.points === line.points && cmpAccuracy(prev, line) === 0;
    ranked.push({ ...line, rank: ties ? prev.rank : i + 1, accuracy: accuracyOf(line.correct, line.answered) });
  });
  return ranked;
}
