import { describe, expect, it } from 'vitest';
import { importCsv } from '../../src/import/csv-bank.js';
import { formatIssue } from '../../src/import/issues.js';

describe('CSV import warnings', () => {
  it('reports a malformed row once, and every warning in line order', () => {
    const source = 'question,a,b,c,answer\nOk one?,x,y,z,A\nAlso?,p,q,r,Q\nBad "quote" here?,x,y,z,A\nFine?,a1,b1,c1,B\n';
    const draft = importCsv(source, { file: 'b.csv', delimiter: ',' });
    expect(draft.questions.map((q) => q.prompt)).toEqual(['Ok one?', 'Fine?']);
    expect(draft.issues.map(formatIssue)).toEqual([
      'b.csv:3: row 3, field "answer": "Q" is not a letter A-E; row left out',
      'b.csv:4: row 4, field "-": unreadable CSV (Invalid Opening Quote: a quote is found on field 0 at line 4, value is "Bad "); row left out',
    ]);
  });

  it('numbers rows as a spreadsheet shows them: header row 1, blank lines and unreadable rows counted, a cell with line breaks one row', () => {
    const source = [
      'question,choices,answer', // row 1
      '"Two-line',
      'question?",x|y|z,A', // row 2 (lines 2-3)
      '', // row 3
      'Bad "quote" here?,x|y|z,A', // row 4 (line 5)
      'Fine?,x|y|z,Q', // row 5 (line 6)
      '',
      '', // rows 6 and 7
      'Short?,x|y,B', // row 8 (line 9)
    ].join('\n');
    const draft = importCsv(source, { file: 's.csv', delimiter: ',' });
    expect(draft.questions.map((q) => q.prompt)).toEqual(['Two-line question?']);
    expect(draft.issues.map((i) => `${i.item} @ line ${i.line}`)).toEqual(['row 4 @ line 5', 'row 5 @ line 6', 'row 8 @ line 9']);
  });
});
