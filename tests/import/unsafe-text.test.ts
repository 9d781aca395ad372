import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { importApkg } from '../../src/import/anki-bank.js';
import { importChapter } from '../../src/import/chapter-deck.js';
import { formatIssue } from '../../src/import/issues.js';
import { runImport } from '../../src/import/run-import.js';
import { slug } from '../../src/import/text.js';
import { buildApkg, buildCollection, type FixtureNote } from './anki-fixture.js';
import { SAMPLE, tempDecks, type TempDecks } from './helpers.js';

let temp: TempDecks | undefined;
afterEach(() => {
  temp?.remove();
  temp = undefined;
});

// One row with a terminal escape sequence or a bidi override must be a warning naming the file, row and
// field; the rest of the file imports (README: "Each bad row or note is a warning ... the rest imports").
describe('control and bidi-override characters in imported files', () => {
  it('CSV: the row with them is a warning naming file, row and field; the other rows import', () => {
    temp = tempDecks();
    const csv = path.resolve(temp.contentDir, '..', 'ctrl.csv');
    writeFileSync(
      csv,
      [
        'question,choices,answer',
        'Q\u001b[31m\u202e?,one | two | three,A',
        'Which service issues public TLS certificates?,ACM | KMS | IAM,A',
        'Which condition key tells whether a request used TLS?,aws:SourceIp | aws:SecureTransport | s3:x-amz-acl,B',
        '',
      ].join('\n'),
    );
    const result = runImport([csv, '--out', temp.decksDir]);
    expect(result.exitCode).toBe(0);
    expect(result.warnings).toContain(`warning: ctrl.csv:2: row 2, field "question": contains control or bidi-override characters (\\x1b \\u202e); row left out`);
    expect(result.lines[1]).toMatch(/^0 terms, 0 concept cards, 2 questions \(0 generated\)/);
    const questions = readFileSync(path.join(temp.decksDir, 'ctrl', 'questions.yaml'), 'utf8');
    expect(questions).not.toContain('31m');
    expect(readdirSync(temp.decksDir)).toEqual(['ctrl']);
  });

  it('ids are not built from escape sequences', () => {
    expect(slug('Q\u001b[31m\u202e?')).toBe('q');
    expect(slug('Key\u001b[1;32m policy\u0007')).toBe('key-policy');
  });

  it('Anki: the note with them is left out with a warning naming the note and field', () => {
    const notes: FixtureNote[] = [
      { id: 1700000000001, fields: ['Grant', 'A permissions object on a KMS key.'], tags: ['kms'] },
      { id: 1700000000002, fields: ['Key\u001b[2J policy', 'The resource policy of a KMS key.'], tags: ['kms'] },
      { id: 1700000000003, fields: ['Alias', 'A friendly name for a KMS key.'], tags: ['kms'] },
      { id: 1700000000004, fields: ['Envelope encryption', 'Data keys encrypt data; a KMS key encrypts data keys.'], tags: ['kms'] },
    ];
    const draft = importApkg(buildApkg(buildCollection(notes)), { file: 'aws.apkg' });
    expect(draft.issues.map(formatIssue)).toEqual(['aws.apkg: note 1700000000002, field "Front": contains control or bidi-override characters (\\x1b); note left out']);
    expect(draft.terms.map((t) => t.name)).toEqual(['Grant', 'Alias', 'Envelope encryption']);
  });

  it('chapter: a line with them is imported without them, with a warning naming the line', () => {
    const source = readFileSync(SAMPLE, 'utf8');
    const lines = source.split('\n');
    const at = lines.findIndex((l) => l.length > 40 && !l.startsWith('#'));
    lines[at] = `${lines[at]}\u001b[31m\u202e`;
    const clean = importChapter(source, { file: 'ch8.txt' });
    const dirty = importChapter(lines.join('\n'), { file: 'ch8.txt' });
    expect(dirty.issues.map(formatIssue)[0]).toBe(`ch8.txt:${at + 1}: line ${at + 1}, field "-": contains control or bidi-override characters (\\x1b \\u202e); imported without them`);
    expect({ ...dirty, issues: [] }).toEqual({ ...clean, issues: [] });
  });
});
