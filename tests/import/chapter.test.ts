import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { checkContent } from '../../src/content-check.js';
import { handleExplain } from '../../src/core/handlers/explain.js';
import { loadLibrary } from '../../src/core/deck/loader.js';
import { importChapter } from '../../src/import/chapter-deck.js';
import { splitExplanation } from '../../src/import/chapter-quiz.js';
import { rubricLine } from '../../src/import/chapter-scenario.js';
import { summarise, summaryLine } from '../../src/import/draft.js';
import { overlap, SAME_MEANING } from '../../src/import/glossary.js';
import { formatIssue } from '../../src/import/issues.js';
import { FIXTURES, SAMPLE, tempDecks, type TempDecks } from './helpers.js';

const sample = () => importChapter(readFileSync(SAMPLE, 'utf8'), { file: 'chapter-08-sample.txt' });
const fixture = (name: string) => importChapter(readFileSync(path.join(FIXTURES, name), 'utf8'), { file: name });

describe('importing the course sample (chapter 8)', () => {
  const draft = sample();
  const glossary = draft.terms.filter((t) => t.kind !== 'concept');
  const cards = draft.terms.filter((t) => t.kind === 'concept');

  it('reads the header: id, title, chapter number, blurb, the 12 sections in order, and service tags', () => {
    expect(draft.meta).toMatchObject({
      id: 'chapter-8-data-protection-at-rest-s3-ebs-rds-and-aws-kms',
      title: 'Data Protection at Rest: S3, EBS, RDS, and AWS KMS',
      chapter: { number: 8, title: 'Data Protection at Rest: S3, EBS, RDS, and AWS KMS' },
      description: expect.stringMatching(/^Encryption questions often hinge/),
    });
    expect(draft.meta.sections).toEqual([
      'Big Picture: Encryption at Rest and AWS KMS',
      'AWS KMS Fundamentals: Keys, CMKs, and Grants',
      'AWS Managed Keys vs Customer Managed Keys',
      'Designing a Compliance-Friendly Key Strategy',
      'S3 Encryption at Rest and KMS Integration',
      'EBS Encryption at Rest and KMS Integration',
      'RDS Encryption at Rest and KMS Integration',
      'Thought Exercise: Picking Keys for S3, EBS, and RDS',
      'Quiz: KMS Key Types and S3/EBS/RDS Basics',
      'Quiz: Service-Specific Encryption Behavior',
      'Key Term Review: KMS and Encryption at Rest',
      'Key Terms',
    ]);
    expect(draft.meta.tags.slice(0, 4)).toEqual(['kms', 's3', 'ebs', 'rds']);
    expect(draft.meta.tags).toContain('cloudtrail');
  });

  it('has the 10 Key Terms, merged with the 10 review cards, with aliases and the sections they came from', () => {
    const names = glossary.map((t) => t.name);
    for (const name of ['SSE-S3', 'SSE-KMS', 'AWS KMS key', 'Grant (KMS)', 'EBS encryption', 'KMS key policy', 'RDS encryption', 'AWS managed key', 'Envelope encryption', 'Customer managed key']) {
      expect(names).toContain(name);
    }
    // 8 review cards name a Key Term; "SSE-S3 vs SSE-KMS" and "Default EBS encryption" stand alone.
    expect(names).toHaveLength(12);
    expect(names).toEqual(expect.arrayContaining(['SSE-S3 vs SSE-KMS', 'Default EBS encryption']));
    const byName = new Map(glossary.map((t) => [t.name, t]));
    expect(byName.get('Grant (KMS)')!.aliases).toEqual(expect.arrayContaining(['Grants (KMS)', 'Grants', 'Grant']));
    expect(byName.get('AWS KMS key')!.aliases).toEqual(expect.arrayContaining(['AWS KMS key (formerly CMK)', 'CMK']));
    expect(byName.get('AWS managed key')!.aliases).toContain('aws/s3');
    expect(byName.get('EBS encryption')!.aliases).toContain('EBS encryption behavior');
    const merged = glossary.filter((t) => t.also_in?.includes('Key Term Review: KMS and Encryption at Rest'));
    expect(merged).toHaveLength(8);
    for (const term of merged) expect(term.section).toBe('Key Terms');
    expect(byName.get('Default EBS encryption')!.section).toBe('Key Term Review: KMS and Encryption at Rest');
    // Both definitions are kept: the Key Terms one as the summary, the review card's in the explanation.
    expect(byName.get('Grant (KMS)')!.summary).toMatch(/^A permissions object associated with a KMS key/);
    expect(byName.get('Grant (KMS)')!.explanation).toMatch(/^Lightweight permissions objects/);
  });

  it('makes a concept card for each of the 35 topic headings, with its paragraph and section', () => {
    expect(cards).toHaveLength(35);
    const whatIs = cards.find((c) => c.name === 'What Is Encryption at Rest?')!;
    expect(whatIs).toMatchObject({ section: 'Big Picture: Encryption at Rest and AWS KMS', aliases: ['Encryption at Rest'] });
    expect(`${whatIs.summary} ${whatIs.explanation}`).toBe(
      'Encryption at rest means data is stored on disk as unreadable ciphertext and only decrypted when accessed by an authorized principal or service. On AWS, this typically uses AWS KMS.',
    );
    // A heading that names a term ("Grants") keeps the term's lookups: the card is named with its section.
    expect(cards.map((c) => c.name)).toContain('Grants · AWS KMS Fundamentals: Keys, CMKs, and Grants');
  });

  it('imports both quiz questions with answers C and B and a reason per choice', () => {
    const quiz = draft.questions.filter((q) => q.from_chapter_quiz);
    expect(quiz).toHaveLength(2);
    const [first, second] = quiz;
    expect(first!.choices.findIndex((c) => c.correct)).toBe(2);
    expect(second!.choices.findIndex((c) => c.correct)).toBe(1);
    expect(first!.choices.map((c) => c.why)).toEqual([
      'This choice uses AWS managed keys, which do not provide the same policy flexibility.',
      'This choice centralizes to one key, reducing isolation between data types.',
      'Separate customer managed keys per service allow customer-controlled rotation and fine-grained access control via key policies and IAM.',
      'This choice ignores the requirement for encryption and customer-controlled keys.',
    ]);
    expect(second!.choices[0]!.why).toBe('These choices incorrectly state in-place key changes.');
    expect(second!.choices[2]!.why).toBe('These choices incorrectly state in-place key changes.');
    expect(second!.explanation).toMatch(/^S3 lets you rewrite or copy objects/);
    expect(first!.section).toBe('Quiz: KMS Key Types and S3/EBS/RDS Basics');
  });

  it('turns the Thought Exercise into one scenario with four tasks, two hints and a rubric from the tasks', () => {
    expect(draft.scenarios).toHaveLength(1);
    const s = draft.scenarios[0]!;
    expect(s.title).toBe('Picking Keys for S3, EBS, and RDS');
    expect(s.situation).toBe('You are designing an architecture for a healthcare startup.');
    expect(s.requirements[0]).toBe('All patient data must be encrypted at rest.');
    expect(s.tasks).toHaveLength(4);
    expect(s.hints).toHaveLength(2);
    expect(s.rubric).toEqual([
      'Did you decide how many KMS keys you would create and what each is used for?',
      'For each key, did you decide whether it is AWS managed or customer managed, and briefly justify?',
      'Did you sketch who can administer each key and who can use each key (for example, Security team vs App roles)?',
      'Did you identify one trade-off you are making (cost, complexity, or flexibility)?',
    ]);
    expect(s.reference_design).toMatch(/^3 customer managed keys/);
    expect(s.tradeoff).toBe('This balances compliance with manageable complexity.');
  });

  it('generates at least one glossary question per term, never with a same-meaning distractor', () => {
    const generated = draft.questions.filter((q) => q.generated);
    expect(generated.length).toBeGreaterThanOrEqual(glossary.length);
    for (const q of generated) {
      const right = q.choices.find((c) => c.correct)!;
      expect(q.choices.length).toBeGreaterThanOrEqual(3);
      if (q.prompt.startsWith('What is')) {
        for (const wrong of q.choices.filter((c) => !c.correct)) expect(overlap(wrong.text, right.text)).toBeLessThan(SAME_MEANING);
      }
    }
    const sseS3 = generated.find((q) => q.id === 'g-sse-s3-term')!;
    // "S3" is in the right name only, so the definition does not say it (tests/import/distractors.test.ts).
    expect(sseS3.prompt).toBe('Which term matches this definition? Server-side encryption for ___ using ___-managed keys, with no direct use of AWS KMS.');
    // "SSE-S3 vs SSE-KMS" defines the same thing in other words; it is never a distractor for SSE-S3.
    expect(sseS3.choices.map((c) => c.text)).not.toContain('SSE-S3 vs SSE-KMS');
  });

  it('places every line: the only warnings are four generated questions that give their answer away (by line), and the summary counts what was made', () => {
    expect(draft.issues.map(formatIssue)).toEqual([
      'chapter-08-sample.txt:133: term sse-s3-vs-sse-kms, field "summary": question g-sse-s3-vs-sse-kms-definition ("What is SSE-S3 vs SSE-KMS?"): the right definition repeats "sse", "s3", "kms" from the term\'s name, more of its words than any other choice (at most 1), which gives the answer away; reword the definition or check the question by hand',
      'chapter-08-sample.txt:154: term ebs-encryption, field "summary": question g-ebs-encryption-definition ("What is EBS encryption?"): the right definition repeats "ebs", "encryption" from the term\'s name, more of its words than any other choice (at most 1), which gives the answer away; reword the definition or check the question by hand',
      'chapter-08-sample.txt:158: term rds-encryption, field "summary": question g-rds-encryption-definition ("What is RDS encryption?"): the right definition repeats "rds", "encryption" from the term\'s name, more of its words than any other choice (at most 1), which gives the answer away; reword the definition or check the question by hand',
      'chapter-08-sample.txt:143: term default-ebs-encryption, field "summary": question g-default-ebs-encryption-definition ("What is Default EBS encryption?"): the right definition repeats "ebs" from the term\'s name and no other choice does, which gives the answer away; reword the definition or check the question by hand',
    ]);
    expect(summaryLine(summarise(draft))).toBe('12 terms, 35 concept cards, 26 questions (24 generated), 1 scenario, 4 warnings');
  });
});

describe('importing chapters with a real export irregularities', () => {
  it('chapter 9: a five-choice quiz, headings ending in "?", a term whose name has a colon, a fourth hint reported', () => {
    const draft = fixture('chapter-09-in-transit.txt');
    const five = draft.questions.find((q) => q.id === 'q-certificates-and-tls-termination')!;
    expect(five.choices).toHaveLength(5);
    expect(five.choices.findIndex((c) => c.correct)).toBe(3);
    expect(five.choices[4]!.why).toBe('This choice is wrong because you do not create certificates per edge location.');
    expect(draft.meta.sections).toContain('Where Does TLS Terminate?');
    expect(draft.terms.find((t) => t.name === 'Why Encrypt in Transit?')).toMatchObject({ kind: 'concept', aliases: ['Encrypt in Transit'] });
    expect(draft.terms.find((t) => t.name === 'aws:SecureTransport')).toMatchObject({ id: 'aws-securetransport', section: 'Key Term Review: TLS and Certificates' });
    expect(draft.terms.find((t) => t.name === 'Certificate (ACM)')!.aliases).toContain('Certificates (ACM)');
    expect(draft.scenarios[0]!.hints).toHaveLength(3);
    expect(draft.issues.map(formatIssue)).toEqual([
      'chapter-09-in-transit.txt:55: line 55, field "hints": a scenario shows at most 3 hints; this one was left out',
      'chapter-09-in-transit.txt:97: term sni-server-name-indication, field "summary": question g-sni-server-name-indication-definition ("What is SNI (Server Name Indication)?"): the right definition repeats "name" from the term\'s name and no other choice does, which gives the answer away; reword the definition or check the question by hand',
      'chapter-09-in-transit.txt:101: term viewer-protocol-policy, field "summary": question g-viewer-protocol-policy-definition ("What is Viewer protocol policy?"): the right definition repeats "viewer" from the term\'s name, and no other choice has "viewer", which gives the answer away; reword the definition or check the question by hand',
    ]);
  });

  it('chapter 11: reports a stray line, a heading without a paragraph and a term without a definition, by line', () => {
    const draft = fixture('chapter-11-secrets.txt');
    expect(draft.issues.map(formatIssue)).toEqual([
      'chapter-11-secrets.txt:4: line 4, field "line": line not placed: not in any section ("Estimated reading time: 25 minutes.")',
      'chapter-11-secrets.txt:12: line 12, field "paragraph": topic heading "Exam Tip" has no paragraph; not placed',
      'chapter-11-secrets.txt:71: line 71, field "definition": term "Rotation" has no definition line; not placed',
      'chapter-11-secrets.txt:70: term staging-label-awscurrent, field "summary": question g-staging-label-awscurrent-definition ("What is Staging label: AWSCURRENT?"): the right definition repeats "label" from the term\'s name and no other choice does, which gives the answer away; reword the definition or check the question by hand',
      'chapter-11-secrets.txt:80: term managed-rotation, field "summary": question g-managed-rotation-definition ("What is Managed rotation?"): the right definition repeats "managed", "rotation" from the term\'s name and no other choice does, which gives the answer away; reword the definition or check the question by hand',
      'chapter-11-secrets.txt:82: term resource-policy-secret, field "summary": question g-resource-policy-secret-definition ("What is Resource policy (secret)?"): the right definition repeats "policy", "secret" from the term\'s name, more of its words than any other choice (at most 1), which gives the answer away; reword the definition or check the question by hand',
    ]);
    const quiz = draft.questions.find((q) => q.from_chapter_quiz)!;
    expect(quiz.choices).toHaveLength(5);
    expect(quiz.choices[3]!.why).toBe('These choices need custom rotation code and keep secrets in places not designed for them.');
    expect(draft.terms.find((t) => t.name === 'Staging label: AWSCURRENT')).toBeDefined();
    expect(draft.scenarios[0]!.tasks).toHaveLength(5);
    expect(draft.scenarios[0]!.rubric).toHaveLength(5);
  });

  it('a missing "Chapter N of M" header and a quiz without an answer line are reported, not fatal', () => {
    const draft = importChapter(
      ['Some notes', 'A Title', 'A blurb.', 'Quiz: Broken', 'Intro.', 'Which is it?', '- One', '- Two', '- Three', 'Show Answer', 'No answer here.'].join('\n'),
      { file: 'bad.txt' },
    );
    expect(draft.issues.map(formatIssue)).toEqual([
      'bad.txt:1: line 1, field "header": expected "Chapter N of M" on the first line; using chapter 1',
      'bad.txt:11: line 11, field "answer": question on line 6 has no "Answer: X) ..." line; question not imported',
    ]);
    expect(draft.questions).toEqual([]);
  });
});

describe('quiz explanations and rubric lines', () => {
  it('gives each "Option N" sentence, and the ones after it, to that choice', () => {
    const { reasons, general } = splitExplanation('Keys are regional. Option 2 is correct: it works. It is cheap. Options 1 and 3 fail.', 3);
    expect(general).toEqual(['Keys are regional.']);
    expect(reasons.get(1)).toEqual(['It works.', 'It is cheap.']);
    expect(reasons.get(0)).toEqual(['These choices fail.']);
    expect(reasons.get(2)).toEqual(['These choices fail.']);
  });

  it('turns tasks into self-check questions', () => {
    expect(rubricLine('Decide where TLS terminates.')).toBe('Did you decide where TLS terminates?');
    expect(rubricLine('The keys you would create.')).toBe('Did you cover this task: The keys you would create?');
  });
});

describe('imported decks load, pass the content check and are found by explain', () => {
  let temp: TempDecks | undefined;
  afterEach(() => {
    temp?.remove();
    temp = undefined;
  });

  it('writes decks the checker accepts, and explain finds terms and concept cards', async () => {
    const { writeDeck } = await import('../../src/import/write-deck.js');
    temp = tempDecks();
    writeDeck(sample(), temp.decksDir, false);
    writeDeck(fixture('chapter-09-in-transit.txt'), temp.decksDir, false);
    writeDeck(fixture('chapter-11-secrets.txt'), temp.decksDir, false);
    const result = checkContent(temp.contentDir);
    expect(result.exitCode).toBe(0);
    // Generated glossary questions give no answer away (the chapters' own quiz questions are repeated as written).
    expect(result.lines.filter((l) => /^warning: .*item "g-/.test(l))).toEqual([]);
    expect(result.lines.filter((l) => /^warning: .*item "\(file\)"/.test(l))).toEqual([]);
    expect(result.lines.filter((l) => !l.startsWith('warning') && !/warnings? \(answer tells\)/.test(l))).toEqual([
      'chapter-11-secrets-and-configuration-secrets-manager: 7 terms, 12 concept cards, 15 questions, 1 scenario — OK',
      'chapter-8-data-protection-at-rest-s3-ebs-rds-and-aws-kms: 12 terms, 35 concept cards, 26 questions, 1 scenario — OK',
      'chapter-9-data-protection-in-transit-acm-tls-and-load: 8 terms, 16 concept cards, 18 questions, 1 scenario — OK',
    ]);
    const library = loadLibrary(temp.contentDir);
    const found = (query: string) => {
      const hit = library.lookupTerm(query);
      return hit.status === 'found' ? hit.match.term : undefined;
    };
    expect(found('managed renewal')?.name).toBe('Managed renewal');
    expect(found('domain validation')).toMatchObject({ name: 'Domain Validation', kind: 'concept' });
    expect(found('combined authorization')).toMatchObject({ name: 'Combined Authorization', kind: 'concept' });
    expect(found('encryption at rest')?.name).toBe('What Is Encryption at Rest?');
    expect(found('grants')?.name).toBe('Grant (KMS)');
    expect(found('cmk')?.name).toBe('AWS KMS key');
    expect(found('aws/s3')?.name).toBe('AWS managed key');
    expect(found('aws:SecureTransport')?.name).toBe('aws:SecureTransport');
    const card = handleExplain(library, 'explain staging labels'.replace('explain ', ''));
    expect(card.title).toBe('Staging Labels');
    expect(card.blocks[0]).toEqual({ type: 'text', text: 'Each secret version carries staging labels.' });
  });
});
