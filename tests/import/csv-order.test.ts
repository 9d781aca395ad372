import { describe, expect, it } from 'vitest';
import { importCsv } from '../../src/import/csv-bank.js';
import { formatIssue } from '../../src/import/issues.js';

describe('CSV import warnings', () => {
  it('reports a malformed row once, and every warning in line order', () => {
    const source = 'question,a,b,c,answer\nOk one?,x,y,z,A\nAlso?,p,q,r,Q\nBad "quote" here?,x,y,z,A\nFine?,a1,b1,c1,B\n';
    const draft = importCsv(source, { file: 'b.csv', delimiter: ',' });
    expect(draft.questions.map((q) => q.prompt)).toEqual(['Ok one?', 'Fine?']);
    expect(draft.issues.map(formatIssue)).toEqual([
      'b.csv:3: row 2, field "answer": "Q" is not a letter A-E; row left out',
      'b.csv:4: row at line 4, field "-": unreadable CSV (Invalid Opening Quote: a quote is found on field 0 at line 4, value is "Bad "); row left out',
    ]);
  });
});
