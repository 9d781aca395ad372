/** The report action's codec and the quality figures' arithmetic. */
import { describe, expect, it } from 'vitest';
import { decodeAction, encodeAction, type Action } from '../../src/core/action.js';
import { qualityFigures } from '../../src/core/reports/quality.js';

describe('the report action', () => {
  const longest = `a${'b'.repeat(62)}`;
  it('round-trips every target and reason, within 100 characters for the longest id', () => {
    const actions: Action[] = [
      { kind: 'report', target: 'question', id: 'q-kms-regional-scope' },
      { kind: 'report', target: 'term', id: 'grant', reason: 'typo' },
      { kind: 'report', target: 'scenario', id: longest, reason: 'ambiguous' },
    ];
    for (const a of actions) {
      const encoded = encodeAction(a);
      expect(encoded.length).toBeLessThanOrEqual(100);
      expect(decodeAction(encoded)).toEqual(a);
    }
    expect(encodeAction({ kind: 'report', target: 'question', id: 'q1', reason: 'wrong' })).toBe('k1:rp:q.wrong:q1');
  });

  it('refuses malformed report ids', () => {
    for (const raw of ['k1:rp:q', 'k1:rp:x:q1', 'k1:rp:q.bogus:q1', 'k1:rp:q.wrong.typo:q1', 'k1:rp:q:Q1', 'k1:rp:q:q1:extra', 'k1:rp:constructor:q1', `k1:rp:q:${longest}b`]) {
      expect(decodeAction(raw)).toBeNull();
    }
  });
});

describe('quality figures', () => {
  const learner = (userId: string, answered: number, correct: number, overallAnswered: number, overallCorrect: number) => ({
    userId,
    answered,
    correct,
    overallAnswered,
    overallCorrect,
  });

  it('splits learners by overall accuracy into halves (the middle one of an odd count left out)', () => {
    const f = qualityFigures(
      {
        learners: [learner('a', 2, 2, 10, 9), learner('b', 1, 0, 10, 2), learner('c', 1, 1, 10, 5), learner('d', 1, 0, 10, 8), learner('e', 1, 0, 4, 1)],
        picks: [
          { choiceIndex: 0, count: 3 },
          { choiceIndex: 1, count: 1 },
          { choiceIndex: 2, count: 2 },
        ],
      },
      0,
    );
    expect(f.answered).toBe(6);
    expect(f.correct).toBe(3);
    expect(f.mostPickedWrong).toEqual({ choiceIndex: 2, count: 2 });
    // Ranked a (90%), d (80%), c (50%, left out), e (25%), b (20%).
    expect(f.top).toEqual({ learners: 2, answered: 3, correct: 2 });
    expect(f.bottom).toEqual({ learners: 2, answered: 2, correct: 0 });
    expect(f.discrimination).toBeCloseTo(2 / 3);
  });

  it('has no index with fewer than two learners and no wrong pick when nobody was wrong', () => {
    const f = qualityFigures({ learners: [learner('a', 1, 1, 1, 1)], picks: [{ choiceIndex: 1, count: 1 }] }, 1);
    expect(f.discrimination).toBeUndefined();
    expect(f.mostPickedWrong).toBeUndefined();
  });
});
