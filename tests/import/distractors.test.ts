import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { normalise, normaliseKeepSlash } from '../../src/core/deck/normalise.js';
import { importChapter } from '../../src/import/chapter-deck.js';
import { choiceTells, rightIsLongest } from '../../src/core/deck/tell-checks.js';
import type { Term } from '../../src/core/deck/schema.js';
import { evenPunctuation, glossaryQuestions, namePointerCount, namePointers, overlap, pickDistractors, SAME_MEANING } from '../../src/import/glossary.js';
import { formatIssue, type ImportIssue } from '../../src/import/issues.js';
import { FIXTURES } from './helpers.js';

const same = (text: string) => text;

describe('choosing distractors that do not give the answer away', () => {
  it('keeps the best-ranked set when it has no tell', () => {
    expect(pickDistractors(['b1', 'b2', 'b3', 'b4'], same, 'a right one', 3, 'What is it?')).toEqual(['b1', 'b2', 'b3']);
  });

  it('leaves out wrong choices with an absolute word when the right one has none', () => {
    const ranked = ['Encrypts all new volumes', 'Controls who can use a key', 'Logs every call', 'Stores the key material', 'Copies a snapshot'];
    const picked = pickDistractors(ranked, same, 'Protects data keys with a key', 3, 'What is envelope encryption?');
    expect(picked).toEqual(['Controls who can use a key', 'Stores the key material', 'Copies a snapshot']);
    expect(choiceTells(['Protects data keys with a key', ...picked], 0)).toEqual([]);
  });

  it('brings in a wrong choice with parentheses (or a semicolon) when the right one has them', () => {
    const ranked = ['A resource policy on a key', 'A permissions object', 'Server-side encryption', 'A Region setting (per account)', 'Regional; copies need a key'];
    const parens = pickDistractors(ranked, same, 'A key resource (formerly a CMK)', 3, 'What is a KMS key?');
    expect(parens).toContain('A Region setting (per account)');
    expect(choiceTells(['A key resource (formerly a CMK)', ...parens], 0)).toEqual([]);
    const semi = pickDistractors(ranked, same, 'A condition key; true over TLS', 3, 'What is SecureTransport?');
    expect(semi).toContain('Regional; copies need a key');
  });

  it('prefers a set where the stem does not share a word with the right choice alone, then where the right one is not the longest', () => {
    const stem = 'Which term matches this definition? An encryption pattern where a master key protects data keys.';
    expect(pickDistractors(['Grant', 'Key policy', 'Bucket Key', 'Default EBS encryption'], same, 'Envelope encryption', 2, stem)).toEqual(['Grant', 'Default EBS encryption']);
    const picked = pickDistractors(['Short', 'Tiny', 'A much longer wrong choice here'], same, 'Medium right', 2, 'What is X?');
    expect(picked).toEqual(['Short', 'A much longer wrong choice here']);
    expect(rightIsLongest(['Medium right', ...picked], 0)).toBe(false);
  });

  it('takes what there is when fewer candidates than asked for are left', () => {
    expect(pickDistractors(['only one'], same, 'right', 3, 'Q?')).toEqual(['only one']);
    expect(pickDistractors([], same, 'right', 3, 'Q?')).toEqual([]);
  });

  it('smooths punctuation no distractor could match, keeping the words', () => {
    expect(evenPunctuation('An encryption pattern where a master key (KMS key) protects data keys.', ['A policy.', 'A grant.'])).toBe(
      'An encryption pattern where a master key protects data keys.',
    );
    expect(evenPunctuation('A condition key true over TLS; bucket policies deny the rest.', ['A policy.'])).toBe('A condition key true over TLS. Bucket policies deny the rest.');
    expect(evenPunctuation('A key (KMS); done.', ['Has (parens); too.'])).toBe('A key (KMS); done.');
  });
});

describe('generated "Which term matches this definition?" questions', () => {
  it('blank the words of the definition that only the right name shares, in every fixture chapter', () => {
    const words = (text: string) => new Set(normalise(text).split(' ').filter((w) => w.length > 2));
    for (const file of ['chapter-08-sample.txt', 'chapter-09-in-transit.txt', 'chapter-11-secrets.txt']) {
      const draft = importChapter(readFileSync(path.join(FIXTURES, file), 'utf8'), { file });
      const byName = draft.questions.filter((q) => q.generated && q.id.endsWith('-term'));
      expect(byName.length).toBeGreaterThan(5);
      for (const q of byName) {
        const right = q.choices.find((c) => c.correct)?.text ?? '';
        const wrong = q.choices.filter((c) => !c.correct).map((c) => c.text);
        const pointing = [...words(q.prompt.replace('Which term matches this definition?', ''))].filter(
          (w) => words(right).has(w) && !wrong.some((text) => words(text).has(w)),
        );
        expect(pointing, `${file} ${q.id}: ${q.prompt}`).toEqual([]);
      }
    }
    const sample = importChapter(readFileSync(path.join(FIXTURES, 'chapter-08-sample.txt'), 'utf8'), { file: 'chapter-08-sample.txt' });
    expect(sample.questions.find((q) => q.id === 'g-ebs-encryption-term')?.prompt).toBe(
      'Which term matches this definition? Encryption at rest for Amazon ___ volumes and snapshots using data keys protected by a KMS key.',
    );
  });
});

describe('generated "What is X?" questions', () => {
  const STOP = new Set(['a', 'an', 'the', 'of', 'to', 'and', 'or', 'for', 'in', 'on', 'by', 'with', 'that', 'is', 'are', 'it', 'its', 'as', 'be', 'can', 'from', 'use', 'used', 'using']);
  // The words a learner sees: plural-folded, with a slash-joined alias ("aws/ebs") one word of its own.
  const shown = (text: string) => new Set(normaliseKeepSlash(text).split(' ').filter((w) => w !== '' && !STOP.has(w)));
  // Verb and plural endings folded ("managed", "manages" and "manage" are one word).
  const fold = (w: string) => {
    const stem = w.replace(/(?:ing|ed|es|s)$/, '').replace(/e$/, '');
    return stem.length >= 3 ? stem : w;
  };
  const seen = (text: string) => new Set([...shown(text)].map(fold));
  /**
   * X's words the right choice repeats when one of them is in no wrong choice, or when no wrong choice
   * repeats as many of them (each word counted once).
   */
  const pointingWords = (name: string, right: string, wrong: readonly string[]) => {
    const nameWords = [...shown(name)];
    const inRight = nameWords.filter((w) => seen(right).has(fold(w)));
    const rival = Math.max(0, ...wrong.map((text) => nameWords.filter((w) => seen(text).has(fold(w))).length));
    const sole = inRight.some((w) => !wrong.some((text) => seen(text).has(fold(w))));
    return sole || inRight.length > rival ? inRight : [];
  };

  it('are flagged by name and line exactly when the right definition holds a word of the term\'s name no other choice has, or repeats more of its words than any other choice, in every fixture chapter', () => {
    const flaggedIds: string[] = [];
    for (const file of ['chapter-08-sample.txt', 'chapter-09-in-transit.txt', 'chapter-11-secrets.txt']) {
      const draft = importChapter(readFileSync(path.join(FIXTURES, file), 'utf8'), { file });
      for (const q of draft.questions.filter((item) => item.generated && item.id.endsWith('-definition'))) {
        const right = q.choices.find((c) => c.correct)?.text ?? '';
        const wrong = q.choices.filter((c) => !c.correct).map((c) => c.text);
        const pointing = pointingWords(q.prompt.replace(/^What is (.*)\?$/, '$1'), right, wrong);
        const issue = draft.issues.find((item) => item.message.startsWith(`question ${q.id} `));
        expect(issue !== undefined, `${file} ${q.id}: ${q.prompt} -> ${right} (${pointing.join(', ')})`).toBe(pointing.length > 0);
        if (issue) {
          flaggedIds.push(q.id);
          expect(issue).toMatchObject({ file, item: `term ${q.terms[0]}`, field: 'summary', line: expect.any(Number) });
        }
      }
    }
    expect(flaggedIds).toEqual([
      'g-sse-s3-vs-sse-kms-definition',
      // Added: "EBS volumes" and "Encryption at rest" in the right choice; each wrong one has only one
      // of the two ("encryption", or "ebs" inside the alias aws/ebs, no longer counted as the word).
      'g-ebs-encryption-definition',
      'g-rds-encryption-definition',
      // Added: only the right choice says "EBS" ("newly created EBS volumes"): a word of the name no wrong
      // choice has, although each wrong choice repeats as many of the name's words ("key", "encryption").
      'g-default-ebs-encryption-definition',
      'g-sni-server-name-indication-definition',
      // Flagged again: "viewers" is in the right choice alone, though the wrong ones echo "protocol" and
      // "policies" as much; a learner can pick it by that word alone.
      'g-viewer-protocol-policy-definition',
      // Not added: g-certificate-acm-definition. Its right choice has "certificate" only ("AWS Certificate
      // Manager" is not the word "ACM"); the wrong "ACM renews ACM-issued certificates" has both words.
      'g-staging-label-awscurrent-definition',
      'g-managed-rotation-definition',
      // Added: "A policy attached to a secret" has "policy" and "secret"; each wrong choice only one
      // ("parameter policies", "secrets as parameters"), which used to hide it.
      'g-resource-policy-secret-definition',
    ]);
    const sample = importChapter(readFileSync(path.join(FIXTURES, 'chapter-08-sample.txt'), 'utf8'), { file: 'chapter-08-sample.txt' });
    expect(sample.issues).toContainEqual({
      file: 'chapter-08-sample.txt',
      item: 'term rds-encryption',
      field: 'summary',
      line: 158,
      message:
        'question g-rds-encryption-definition ("What is RDS encryption?"): the right definition repeats "rds", "encryption" from the term\'s name, more of its words than any other choice (at most 1), which gives the answer away; reword the definition or check the question by hand',
    });
  });

  it('count a word once, fold plurals, and read a slash-joined alias as its own word', () => {
    const right = 'Encryption at rest for Amazon EBS volumes; encryption of EBS snapshots too.';
    expect(namePointers('EBS encryption', right, ['A KMS key for a service, such as aws/s3 or aws/ebs.', 'An encryption pattern.'])).toEqual({ words: ['ebs', 'encryption'], rival: 1, sole: ['ebs'] });
    expect(namePointers('EBS encryption', right, ['Encrypted EBS volumes by default; encryption per Region.'])).toEqual({ words: [], rival: 2, sole: [] });
    expect(namePointers('Resource policy (secret)', 'A policy attached to a secret.', ['Stores secrets as parameters.', 'Supports parameter policies.'])).toEqual({ words: ['policy', 'secret'], rival: 1, sole: [] });
    expect(namePointers('Certificate (ACM)', 'A TLS certificate in AWS Certificate Manager.', ['ACM renews ACM-issued certificates.'])).toEqual({ words: [], rival: 2, sole: [] });
    // A word of the name in the right choice alone gives it away even when a wrong choice ties on the others;
    // verb endings fold ("manages" is "managed").
    expect(namePointers('Customer managed key', 'A KMS key that a customer creates and manages.', ['A KMS key created and managed by AWS.'])).toEqual({
      words: ['customer', 'managed', 'key'],
      rival: 2,
      sole: ['customer'],
    });
    expect(namePointers('Customer managed key', 'A KMS key that a customer creates and manages.', ['A key managed by AWS, with few customer options.'])).toEqual({
      words: [],
      rival: 3,
      sole: [],
    });
  });

  it('are picked, when a fairer set exists, so the right definition does not repeat more of the name than a wrong one', () => {
    const right = 'Encryption at rest for Amazon EBS volumes.';
    const ranked = ['A KMS key such as aws/ebs.', 'An encryption pattern.', 'A grant on a key.', 'Default EBS encryption for new volumes.'];
    // The sole-word rule is content once "ebs" (even inside aws/ebs) and "encryption" each appear in some wrong choice.
    expect(pickDistractors(ranked, same, right, 2, 'EBS encryption')).toEqual(['A KMS key such as aws/ebs.', 'An encryption pattern.']);
    expect(pickDistractors(ranked, same, right, 2, 'EBS encryption', { pointers: namePointerCount })).toEqual(['A KMS key such as aws/ebs.', 'Default EBS encryption for new volumes.']);
  });
});

describe('wrong choices that say the same thing', () => {
  const term = (id: string, name: string, summary: string): Term => ({ id, name, aliases: [], summary, explanation: summary, related: [], section: 'S' });

  it('are not picked together when another set exists', () => {
    const ranked = ['Encrypts with S3-managed keys.', 'S3-managed keys encrypt it.', 'A grant on a key.', 'A key policy.'];
    const sameKeys = (a: string, b: string) => a.includes('S3-managed') && b.includes('S3-managed');
    expect(pickDistractors(ranked, same, 'A KMS key made by AWS.', 3, 'What is it?')).toEqual(ranked.slice(0, 3));
    expect(pickDistractors(ranked, same, 'A KMS key made by AWS.', 3, 'What is it?', { sameMeaning: sameKeys })).toEqual([ranked[0], ranked[2], ranked[3]]);
  });

  it('never appear together in a generated question of the fixture chapters (g-aws-managed-key-definition had both SSE-S3 definitions)', () => {
    const base = (name: string) => ` ${normalise(name.replace(/\([^)]*\)/g, ' '))} `;
    for (const file of ['chapter-08-sample.txt', 'chapter-09-in-transit.txt', 'chapter-11-secrets.txt']) {
      const draft = importChapter(readFileSync(path.join(FIXTURES, file), 'utf8'), { file });
      const byName = new Map(draft.terms.map((t) => [t.name, t]));
      for (const q of draft.questions.filter((item) => item.generated)) {
        // The wrong choice's term, by the "why" each wrong choice carries.
        const wrongTerms = q.choices
          .filter((c) => !c.correct)
          .map((c) => byName.get(/^This describes (.*), not /.exec(c.why ?? '')?.[1] ?? /^(.*) is different: /.exec(c.why ?? '')?.[1] ?? ''));
        wrongTerms.forEach((a, i) => {
          for (const b of wrongTerms.slice(i + 1)) {
            expect(a && b, q.id).toBeTruthy();
            if (!a || !b) continue;
            const label = `${file} ${q.id}: ${a.name} / ${b.name}`;
            expect(base(a.name).includes(base(b.name)) || base(b.name).includes(base(a.name)), label).toBe(false);
            expect(overlap(a.summary, b.summary), label).toBeLessThan(SAME_MEANING);
          }
        });
      }
      expect(draft.issues.filter((issue) => issue.message.includes('say the same thing'))).toEqual([]);
    }
    const sample = importChapter(readFileSync(path.join(FIXTURES, 'chapter-08-sample.txt'), 'utf8'), { file: 'chapter-08-sample.txt' });
    const awsManaged = sample.questions.find((q) => q.id === 'g-aws-managed-key-definition');
    const wrong = awsManaged?.choices.filter((c) => !c.correct).map((c) => c.text) ?? [];
    expect(wrong.filter((text) => text.includes('S3-managed keys'))).toHaveLength(1);
  });

  it('are named in a warning (item, both choices, line) when too few terms leave no other choice', () => {
    const terms = [
      term('alpha', 'Alpha', 'A key that AWS creates for one service.'),
      term('sse-s3', 'SSE-S3', 'Server-side encryption for S3 using S3-managed keys.'),
      term('sse-s3-vs-kms', 'SSE-S3 vs KMS', 'SSE-S3 uses keys that S3 manages itself.'),
      term('grant', 'Grant', 'A permissions object on a KMS key.'),
    ];
    const issues: ImportIssue[] = [];
    glossaryQuestions(terms, 'kms', 'tiny.txt', issues, new Map([['alpha', 7]]));
    expect(issues).toContainEqual({
      file: 'tiny.txt',
      item: 'term alpha',
      field: 'summary',
      line: 7,
      message:
        'question g-alpha-definition: wrong choices "SSE-S3 uses keys that S3 manages itself." (term sse-s3-vs-kms) and "Server-side encryption for S3 using S3-m…" (term sse-s3) say the same thing, so a learner can rule both out; there are too few other terms to choose from: add terms or check the question by hand',
    });
    expect(formatIssue(issues.find((i) => i.message.startsWith('question g-alpha-term:')) ?? { file: '', item: '', field: '', message: 'none' })).toBe(
      'tiny.txt:7: term alpha, field "summary": question g-alpha-term: wrong choices "SSE-S3 vs KMS" (term sse-s3-vs-kms) and "SSE-S3" (term sse-s3) say the same thing, so a learner can rule both out; there are too few other terms to choose from: add terms or check the question by hand',
    );
  });
});
