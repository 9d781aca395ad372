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

  it('refuses a row with an empty choice between others (it would shift the answer letter), in a choices list or a choice column', () => {
    const source = [
      'question,choices,answer',
      'Which key type do you manage yourself?,AWS managed key | | Customer managed key | AWS owned key,C', // row 2
      'Which service logs KMS calls?,CloudTrail | Config | Inspector |,A', // row 3
      'Which service rotates secrets?,Secrets Manager | Parameter Store | KMS,A', // row 4
    ].join('\n');
    const draft = importCsv(source, { file: 'c.csv', delimiter: ',' });
    expect(draft.questions.map((q) => q.prompt)).toEqual(['Which service rotates secrets?']);
    expect(draft.issues.map(formatIssue)).toEqual([
      'c.csv:2: row 2, field "choices": choice B is empty; row left out',
      'c.csv:3: row 3, field "choices": choice D is empty; row left out',
    ]);

    const columns = 'question,a,b,c,d,answer\nWhich key type do you manage yourself?,AWS managed key,,Customer managed key,AWS owned key,C\nFine?,x,y,z,,B\n';
    const fromColumns = importCsv(columns, { file: 'd.csv', delimiter: ',' });
    expect(fromColumns.questions.map((q) => q.choices.map((c) => c.text))).toEqual([['x', 'y', 'z']]);
    expect(fromColumns.issues.map(formatIssue)).toEqual(['d.csv:2: row 2, field "choices": choice B is empty; row left out']);
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
