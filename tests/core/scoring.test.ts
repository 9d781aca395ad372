import { describe, expect, it } from 'vitest';
import type { ScoreLine } from '../../src/core/ports/store.js';
import { rankScoreLines } from '../../src/core/scoring.js';

function line(userId: string, points: number, correct: number, answered: number, reachedAt: number): ScoreLine {
  return { userId, userName: userId, points, correct, answered, reachedAt };
}

describe('rankScoreLines', () => {
  it('orders by points, then accuracy, then who reached the score first', () => {
    const ranked = rankScoreLines([
      line('late', 3, 3, 4, 300),
      line('early', 3, 3, 4, 100),
      line('accurate', 3, 3, 3, 500),
      line('top', 5, 5, 9, 900),
    ]);
    expect(ranked.map((r) => r.userId)).toEqual(['top', 'accurate', 'early', 'late']);
  });

  it('equal points and accuracy share a rank and the next rank skips: 1, 2, 2, 4', () => {
    const ranked = rankScoreLines([
      line('d', 1, 1, 3, 10),
      line('b', 2, 2, 3, 20),
      line('a', 3, 3, 3, 30),
      line('c', 2, 4, 6, 5),
    ]);
    expect(ranked.map((r) => [r.userId, r.rank])).toEqual([
      ['a', 1],
      ['c', 2],
      ['b', 2],
      ['d', 4],
    ]);
  });

  it('equal points but different accuracy do not tie', () => {
    const ranked = rankScoreLines([line('x', 2, 2, 4, 1), line('y', 2, 2, 2, 2)]);
    expect(ranked.map((r) => [r.userId, r.rank])).toEqual([
      ['y', 1],
      ['x', 2],
    ]);
  });

  it('computes accuracy and leaves the input alone', () => {
    const input = [line('a', 1, 1, 4, 1)];
    const ranked = rankScoreLines(input);
    expect(ranked[0]?.accuracy).toBe(0.25);
    expect(input[0]).not.toHaveProperty('rank');
    expect(rankScoreLines([])).toEqual([]);
  });
});
