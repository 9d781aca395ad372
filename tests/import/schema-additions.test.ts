import { describe, expect, it } from 'vitest';
import { QuestionSchema, TermSchema } from '../../src/core/deck/schema.js';

const term = { id: 'c-managed-renewal', name: 'Managed Renewal', summary: 'ACM renews what it issued.', explanation: 'Before expiry.', section: 'Certificates with ACM' };
const question = {
  id: 'q-x',
  prompt: 'Which?',
  choices: [
    { text: 'One', correct: true, why: 'Right.' },
    { text: 'Two', why: 'Wrong.' },
    { text: 'Three', why: 'Wrong.' },
  ],
  explanation: 'Because.',
  tags: ['acm'],
  difficulty: 2,
  section: 'Quiz',
};

describe('deck schema additions for imported decks', () => {
  it('accepts a concept card and a term with the other sections it appears in; kind defaults to absent (a term)', () => {
    expect(TermSchema.parse({ ...term, kind: 'concept' })).toMatchObject({ kind: 'concept', aliases: [], related: [] });
    expect(TermSchema.parse({ ...term, also_in: ['Key Terms'] }).kind).toBeUndefined();
    const bad = TermSchema.safeParse({ ...term, kind: 'glossary' });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]?.path).toEqual(['kind']);
  });

  it('accepts a generated question and a question about no particular term (from a question bank)', () => {
    expect(QuestionSchema.parse({ ...question, generated: true })).toMatchObject({ generated: true, terms: [] });
    expect(QuestionSchema.safeParse({ ...question, generated: 'yes' }).success).toBe(false);
  });
});
