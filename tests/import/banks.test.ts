import { readFileSync } from 'node:fs';
import path from 'node:path';
import { strToU8 } from 'fflate';
import { afterEach, describe, expect, it } from 'vitest';
import { checkContent } from '../../src/content-check.js';
import { importApkg } from '../../src/import/anki-bank.js';
import { importCsv } from '../../src/import/csv-bank.js';
import { formatIssue, ImportError } from '../../src/import/issues.js';
import { importOpenTdb } from '../../src/import/opentdb-bank.js';
import { writeDeck } from '../../src/import/write-deck.js';
import { buildApkg, buildCollection, CLOZE_MID, type FixtureNote } from './anki-fixture.js';
import { FIXTURES, tempDecks, type TempDecks } from './helpers.js';

const read = (name: string) => readFileSync(path.join(FIXTURES, name), 'utf8');

let temp: TempDecks | undefined;
afterEach(() => {
  temp?.remove();
  temp = undefined;
});

/** Write the draft into a temporary content folder and run the content check on it. */
function check(...drafts: Parameters<typeof writeDeck>[0][]) {
  temp = tempDecks();
  for (const draft of drafts) writeDeck(draft, temp.decksDir, false);
  return checkContent(temp.contentDir);
}

describe('CSV and TSV banks', () => {
  it('imports each row as a question with its marked answer, explanation and tags', () => {
    const draft = importCsv(read('aws-security-bank.csv'), { file: 'aws-security-bank.csv', delimiter: ',' });
    expect(draft.issues).toEqual([]);
    expect(draft.questions.map((q) => [q.prompt, q.choices.findIndex((c) => c.correct), q.tags])).toEqual([
      ['Which AWS service issues free public TLS certificates for load balancers?', 0, ['acm', 'tls']],
      ['Which condition key tells whether a request to S3 used TLS?', 1, ['s3', 'tls']],
      ['Where must a certificate for CloudFront be requested?', 1, ['cloudfront']],
    ]);
    expect(draft.questions[2]!.explanation).toBe('aws-security-bank marks "us-east-1" as the answer and gives no explanation.');
    expect(draft.meta).toMatchObject({ id: 'aws-security-bank', tags: ['acm', 'tls', 's3', 'cloudfront'], chapter: { number: 1 } });
    expect(check(draft).exitCode).toBe(0);
  });

  it('reads TSV with the same columns', () => {
    const draft = importCsv(read('ebs-bank.tsv'), { file: 'ebs-bank.tsv', delimiter: '\t', chapter: 8 });
    expect(draft.questions).toHaveLength(1);
    expect(draft.questions[0]!.choices.map((c) => c.text)).toEqual(['Default EBS encryption', 'Fast snapshot restore', 'Multi-Attach']);
    expect(draft.meta.chapter.number).toBe(8);
  });

  it('reports a bad TSV row by row, line and field (a choice column left empty, an answer past the choices)', () => {
    const tsv = 'question\ta\tb\tc\td\tanswer\ntags\n'.replace('\ntags', '\ttags') +
      'Which key type do you create and manage yourself?\tAWS managed key\tAWS owned key\tCustomer managed key\t\tC\tkms\n' +
      'Which service logs KMS calls?\tCloudTrail\tConfig\tInspector\t\tD\tkms\n';
    const draft = importCsv(tsv, { file: 'keys.tsv', delimiter: '\t' });
    expect(draft.questions.map((q) => q.choices.length)).toEqual([3]);
    expect(draft.issues.map(formatIssue)).toEqual(['keys.tsv:3: row 3, field "answer": names no choice (there are 3); row left out']);
  });

  it('reports each bad row by row, line and field, and imports the rest', () => {
    const draft = importCsv(read('aws-security-bad.csv'), { file: 'aws-security-bad.csv', delimiter: ',' });
    expect(draft.questions.map((q) => q.prompt)).toEqual(['Which service rotates database passwords?']);
    expect(draft.issues.map(formatIssue)).toEqual([
      'aws-security-bad.csv:3: row 3, field "question": is empty; row left out',
      'aws-security-bad.csv:4: row 4, field "choices": has 2 choices; a deck question needs 3 to 5; row left out',
      'aws-security-bad.csv:5: row 5, field "answer": "F" is not a letter A-E; row left out',
      'aws-security-bad.csv:6: row 6, field "-": unreadable CSV (Quote Not Closed: the parsing is finished with an opening quote at line 6); row left out',
    ]);
    expect(check(draft).exitCode).toBe(0);
  });

  it('refuses a file whose header lacks a required column, naming it', () => {
    expect(() => importCsv('prompt,options\nx,a|b|c\n', { file: 'x.csv', delimiter: ',' })).toThrow(
      new ImportError({ file: 'x.csv', item: 'header row', field: 'answer', line: 1, message: 'no "answer" column (columns: prompt, options)' }),
    );
  });
});

describe('Open Trivia DB JSON', () => {
  it('decodes HTML entities, maps difficulty and category, and reports true/false and short questions', () => {
    const draft = importOpenTdb(read('opentdb-computers.json'), { file: 'opentdb-computers.json' });
    expect(draft.questions.map((q) => q.prompt)).toEqual(['What does "TLS" stand for?', 'Which port does HTTPS use by default?']);
    const [tls, port] = draft.questions;
    expect(tls!.choices.find((c) => c.correct)!.text).toBe('Transport Layer Security');
    expect(tls!.choices).toHaveLength(4);
    expect([tls!.difficulty, port!.difficulty]).toEqual([1, 3]);
    expect(tls!.tags).toEqual(['science-computers', 'easy']);
    expect(tls!.section).toBe('Science: Computers');
    expect(draft.issues.map(formatIssue)).toEqual([
      'opentdb-computers.json:13: results[1], field "type": a true/false question has 2 choices; a deck question needs 3 to 5; question left out',
      'opentdb-computers.json:34: results[3], field "incorrect_answers": has 1 choices; a deck question needs 3 to 5; question left out',
    ]);
    expect(check(draft).exitCode).toBe(0);
  });

  it('refuses a file that is not JSON, naming the line', () => {
    expect(() => importOpenTdb(read('opentdb-broken.json.txt'), { file: 'opentdb-broken.json.txt' })).toThrow(/^opentdb-broken\.json\.txt:2: file, field "-": not valid JSON/);
    expect(() => importOpenTdb('{"questions": []}', { file: 'q.json' })).toThrow('q.json:1: file, field "results": no "results" list (expected an Open Trivia DB response)');
  });
});

describe('Anki .apkg', () => {
  const notes: FixtureNote[] = [
    { id: 1700000000001, fields: ['Envelope encryption', 'A KMS key protects data keys, and the data keys encrypt the data.'], tags: ['kms', 'crypto'] },
    { id: 1700000000002, fields: ['Grant', 'A permissions object on a KMS key that lets a principal use the key for chosen operations.'], tags: ['kms'] },
    { id: 1700000000003, fields: ['Key policy', 'The resource policy attached to a KMS key that says who may manage and use it.'], tags: ['kms', 'iam'] },
    { id: 1700000000004, fields: ['SSE-S3', 'S3 server-side encryption with keys that <b>S3</b> manages&nbsp;itself.'], tags: ['s3'] },
    { id: 1700000000005, fields: ['Which Region must hold a CloudFront certificate?', 'us-east-1'], tags: ['acm'] },
    { id: 1700000000006, fields: ['Which port does HTTPS use?', '443'], tags: ['tls'] },
    { id: 1700000000007, fields: ['Which service rotates RDS passwords?', 'Secrets Manager'], tags: ['secrets'] },
  ];

  it('turns Basic notes into terms (with glossary questions) and two-sided questions, with note tags', () => {
    const draft = importApkg(buildApkg(buildCollection(notes)), { file: 'aws.apkg' });
    // Four terms leave no distractor sharing "policy" or "s3" (nor both "key" and "policy"): the two give-aways are named, not hidden.
    expect(draft.issues.map(formatIssue)).toEqual([
      'aws.apkg: term key-policy, field "summary": question g-key-policy-definition ("What is Key policy?"): the right definition repeats "key", "policy" from the term\'s name, more of its words than any other choice (at most 1), which gives the answer away; reword the definition or check the question by hand',
      'aws.apkg: term sse-s3, field "summary": question g-sse-s3-definition ("What is SSE-S3?"): the right definition repeats "s3" from the term\'s name and no other choice does, which gives the answer away; reword the definition or check the question by hand',
    ]);
    expect(draft.terms.map((t) => [t.name, t.section])).toEqual([
      ['Envelope encryption', 'AWS Security'],
      ['Grant', 'AWS Security'],
      ['Key policy', 'AWS Security'],
      ['SSE-S3', 'AWS Security'],
    ]);
    expect(draft.terms[3]!.summary).toBe('S3 server-side encryption with keys that S3 manages itself.');
    const twoSided = draft.questions.filter((q) => q.prompt.endsWith('?') && !q.prompt.startsWith('What is') && !q.prompt.startsWith('Which term'));
    expect(twoSided.map((q) => [q.prompt, q.choices.find((c) => c.correct)!.text, q.tags, q.generated])).toEqual([
      ['Which Region must hold a CloudFront certificate?', 'us-east-1', ['acm'], true],
      ['Which port does HTTPS use?', '443', ['tls'], true],
      ['Which service rotates RDS passwords?', 'Secrets Manager', ['secrets'], true],
    ]);
    expect(draft.questions.filter((q) => q.terms.length > 0).length).toBeGreaterThanOrEqual(draft.terms.length);
    expect(draft.questions.find((q) => q.id === 'g-grant-term')!.tags).toEqual(['kms']);
    expect(check(draft).exitCode).toBe(0);
  });

  it('names a note type it cannot read, a format version, and each bad note by id and field; the rest imports', () => {
    const bad: FixtureNote[] = [
      ...notes,
      { id: 1700000000010, mid: CLOZE_MID, fields: ['{{c1::KMS}} keys are regional.', ''] },
      { id: 1700000000011, fields: ['Data key', '  '] },
      { id: 1700000000012, fields: ['Grant', 'Duplicate of note 2.'] },
      { id: 1700000000013, fields: ['Only one field'] },
    ];
    const draft = importApkg(buildApkg(buildCollection(bad, { ver: 18 })), { file: 'bad.apkg' });
    expect(draft.issues.map(formatIssue)).toEqual([
      'bad.apkg: collection, field "ver": collection format version 18 is not 11; reading it as version 11, notes may be missing',
      'bad.apkg: note 1700000000010, field "note type": note type "Cloze" (cloze) cannot be read; only Basic notes (Front/Back) import, so its notes are left out',
      'bad.apkg: note 1700000000011, field "Back": is empty; note left out',
      'bad.apkg: note 1700000000013, field "flds": has 1 fields but note type "Basic" has 2; note left out',
      'bad.apkg: note 1700000000012, field "Front": same term as note 1700000000002; note left out',
      'bad.apkg: term key-policy, field "summary": question g-key-policy-definition ("What is Key policy?"): the right definition repeats "key", "policy" from the term\'s name, more of its words than any other choice (at most 1), which gives the answer away; reword the definition or check the question by hand',
      'bad.apkg: term sse-s3, field "summary": question g-sse-s3-definition ("What is SSE-S3?"): the right definition repeats "s3" from the term\'s name and no other choice does, which gives the answer away; reword the definition or check the question by hand',
    ]);
    expect(draft.terms).toHaveLength(4);
    expect(check(draft).exitCode).toBe(0);
  });

  it('never gives a question two answers that say the same thing as wrong choices unless no other set exists, and then names the note and both', () => {
    const questionNotes: FixtureNote[] = [
      { id: 1, fields: ['Which Region must hold a CloudFront certificate?', 'us-east-1'] },
      { id: 2, fields: ['Where do global services log by default?', 'US East (1)'] },
      { id: 3, fields: ['Which port does HTTPS use?', '443'] },
      { id: 4, fields: ['Which service rotates RDS passwords?', 'Secrets Manager'] },
    ];
    const draft = importApkg(buildApkg(buildCollection(questionNotes)), { file: 'regions.apkg' });
    // Notes 3 and 4 have only three other answers to draw from, two of them the same Region.
    expect(draft.issues.map(formatIssue)).toEqual([
      'regions.apkg: note 3, field "Back": wrong choices "us-east-1" (note 1) and "US East (1)" (note 2) say the same thing, so a learner can rule both out; add notes or check the question by hand',
      'regions.apkg: note 4, field "Back": wrong choices "us-east-1" (note 1) and "US East (1)" (note 2) say the same thing, so a learner can rule both out; add notes or check the question by hand',
    ]);
    const fifth = importApkg(buildApkg(buildCollection([...questionNotes, { id: 5, fields: ['Which key type does AWS rotate yearly?', 'AWS managed keys'] }])), { file: 'regions.apkg' });
    expect(fifth.issues).toEqual([]);
    for (const q of fifth.questions) {
      const wrong = q.choices.filter((c) => !c.correct).map((c) => c.text);
      expect(wrong.includes('us-east-1') && wrong.includes('US East (1)'), q.prompt).toBe(false);
    }
  });

  it('names the newer compressed collection format, and refuses files that are not a ZIP or hold no collection', () => {
    const apkg = buildApkg(buildCollection(notes), 'collection.anki2', { 'collection.anki21b': strToU8('zstd bytes') });
    expect(importApkg(apkg, { file: 'new.apkg' }).issues.map(formatIssue)[0]).toBe(
      'new.apkg: collection.anki21b, field "format": collection format "anki21b" (Anki 2.1.50+, compressed) cannot be read; re-export with "Support older Anki versions" ticked',
    );
    expect(() => importApkg(strToU8('not a zip'), { file: 'x.apkg' })).toThrow(/^x\.apkg: file, field "-": not a ZIP archive \(\.apkg\)/);
    expect(() => importApkg(buildApkg(strToU8('x'), 'notes.txt'), { file: 'y.apkg' })).toThrow('y.apkg: file, field "collection": no collection.anki21 or collection.anki2 inside (found: none)');
    expect(() => importApkg(buildApkg(strToU8('not sqlite')), { file: 'z.apkg' })).toThrow(/^z\.apkg: collection\.anki2, field "-": cannot read the collection: /);
  });
});
