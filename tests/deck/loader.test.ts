import { mkdirSync, mkdtempSync, rmSync, unlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ContentError } from '../../src/core/deck/library.js';
import { loadDeck, loadLibrary, UnknownDefaultDeckError } from '../../src/core/deck/loader.js';
import { copyFixture, FIXTURE_CONTENT, FIXTURE_DECK, problemsOf, type TempContent } from './fixture-content.js';

const TERMS = `content/decks/${FIXTURE_DECK}/terms.yaml`;
const QUESTIONS = `content/decks/${FIXTURE_DECK}/questions.yaml`;
const SCENARIOS = `content/decks/${FIXTURE_DECK}/scenarios.yaml`;
const DECK = `content/decks/${FIXTURE_DECK}/deck.yaml`;

describe('loading a valid deck', () => {
  it('reads every file into typed items and lookup maps', () => {
    const library = loadLibrary(FIXTURE_CONTENT);
    const deck = library.get(FIXTURE_DECK);
    expect(deck).toBeDefined();
    expect(library.defaultDeck).toBe(deck);
    expect([...library.decks.keys()]).toEqual([FIXTURE_DECK]);
    expect(deck!.meta.tags).toEqual(['kms', 's3', 'ebs']);
    expect(deck!.terms.map((t) => t.id)).toContain('grant');
    expect(deck!.termsById.get('grant')?.name).toBe('Grant (KMS)');
    expect(deck!.questionsById.get('q-grant-purpose')?.choices).toHaveLength(3);
    expect(deck!.scenariosById.get('finance-compliance')?.rubric).toHaveLength(4);
    expect(deck!.dir).toBe(path.join(FIXTURE_CONTENT, 'decks', FIXTURE_DECK));
  });

  it('keeps YAML 1.2 words like yes/no as text and applies schema defaults', () => {
    const deck = loadDeck(path.join(FIXTURE_CONTENT, 'decks', FIXTURE_DECK));
    const choices = deck.questionsById.get('q-key-policy-alone')!.choices;
    expect(choices.map((c) => c.text)).toEqual(['yes', 'no', 'Only after an IAM policy also allows it']);
    expect(choices.map((c) => c.correct)).toEqual([true, false, false]);
    expect(deck.termsById.get('envelope-encryption')!.related).toEqual([]);
  });

  it('uses the named default deck', () => {
    expect(loadLibrary(FIXTURE_CONTENT, { defaultDeckId: FIXTURE_DECK }).defaultDeck.meta.id).toBe(FIXTURE_DECK);
  });
});

describe('bad content', () => {
  let content: TempContent;
  beforeEach(() => {
    content = copyFixture();
  });
  afterEach(() => {
    content.remove();
  });
  const load = () => loadLibrary(content.contentDir);

  it('reports a missing file', () => {
    unlinkSync(path.join(content.deckDir, 'questions.yaml'));
    expect(problemsOf(load)).toEqual([
      { file: QUESTIONS, itemId: '(file)', field: '(file)', message: 'file is missing' },
    ]);
  });

  it('reports a YAML syntax error with its line', () => {
    content.edit('terms.yaml', '    aliases: ["grant", "grants", "KMS grant", "CreateGrant"]', '    aliases: ["grant", "grants"\n');
    const problems = problemsOf(load);
    expect(problems.length).toBeGreaterThan(0);
    for (const problem of problems) {
      expect(problem).toMatchObject({ file: TERMS, itemId: '(file)' });
      expect(problem.message).toMatch(/^YAML syntax error at line \d+, column \d+: /);
    }
    expect(problems[0]!.message).toMatch(/line 2[0-9]/);
  });

  it('reports an empty file and a file that is not a mapping', () => {
    content.write('scenarios.yaml', '# nothing yet\n');
    content.write('terms.yaml', '- id: grant\n  name: Grant\n');
    const problems = problemsOf(load);
    expect(problems).toContainEqual({
      file: SCENARIOS,
      itemId: '(file)',
      field: '(file)',
      message: 'file is empty (expected "scenarios:" at the top)',
    });
    expect(problems).toContainEqual(
      expect.objectContaining({ file: TERMS, itemId: '(file)', message: expect.stringMatching(/expected a mapping with "terms:".*list/) }),
    );
  });

  it('reports a list key holding something other than a list', () => {
    content.write('scenarios.yaml', 'scenarios:\n');
    expect(problemsOf(load)).toEqual([
      expect.objectContaining({ file: SCENARIOS, itemId: '(file)', field: 'scenarios', message: expect.stringContaining('expected a list but YAML read nothing (null)') }),
    ]);
  });

  it('rejects a number where text is expected (text: 1.0), naming file, item and field', () => {
    content.edit('questions.yaml', '      - text: SSE-S3\n', '      - text: 1.0\n');
    const problems = problemsOf(load);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ file: QUESTIONS, itemId: 'q-s3-default', field: 'choices[0].text' });
    expect(problems[0]!.message).toMatch(/^expected text but YAML read a number \(1\.0\) — quote it \(line \d+\)$/);
  });

  it('shows numbers as written in the file (1.50, 0x1F), not as YAML converted them', () => {
    content.edit('questions.yaml', '      - text: SSE-S3\n', '      - text: 1.50\n');
    content.edit('questions.yaml', '    difficulty: 1\n    section: "Fixture section"\n    terms: [sse-s3, sse-kms]', '    difficulty: 0x1F\n    section: "Fixture section"\n    terms: [sse-s3, sse-kms]');
    const messages = problemsOf(load).map((p) => `${p.field}: ${p.message.replace(/ \(line \d+\)$/, '')}`);
    expect(messages).toEqual(['choices[0].text: expected text but YAML read a number (1.50) — quote it', 'difficulty: must be one of 1, 2, 3 but YAML read a number (0x1F)']);
  });

  it('rejects a boolean where text is expected', () => {
    content.edit('terms.yaml', '    summary: A key in AWS KMS.', '    summary: true');
    expect(problemsOf(load)).toEqual([
      expect.objectContaining({ file: TERMS, itemId: 'kms-key', field: 'summary', message: expect.stringContaining('YAML read a boolean (true) — quote it') }),
    ]);
  });

  it('rejects text where true/false is expected', () => {
    content.edit('questions.yaml', '        correct: true\n        why: EBS creates grants', '        correct: "yes"\n        why: EBS creates grants');
    const problems = problemsOf(load);
    expect(problems).toContainEqual(
      expect.objectContaining({ file: QUESTIONS, itemId: 'q-grant-purpose', field: 'choices[0].correct', message: expect.stringContaining('expected true or false') }),
    );
  });

  it('rejects empty text', () => {
    content.edit('questions.yaml', '    prompt: Which KMS feature lets EBS keep using a key for a volume after it is created?', '    prompt: "  "');
    expect(problemsOf(load)).toEqual([
      expect.objectContaining({ file: QUESTIONS, itemId: 'q-grant-purpose', field: 'prompt', message: expect.stringMatching(/^must not be empty/) }),
    ]);
  });

  it('reports a missing required field and an unknown field', () => {
    content.edit('terms.yaml', '    summary: Delegated permission to use a KMS key.\n', '    sumary: Delegated permission to use a KMS key.\n');
    const problems = problemsOf(load);
    expect(problems).toContainEqual(expect.objectContaining({ file: TERMS, itemId: 'grant', field: 'summary', message: expect.stringMatching(/^is required but missing/) }));
    expect(problems).toContainEqual(expect.objectContaining({ file: TERMS, itemId: 'grant', field: 'sumary', message: expect.stringMatching(/^unknown field/) }));
  });

  it('names an item without a valid id by its position', () => {
    content.edit('terms.yaml', '  - id: grant\n', '  - id: Grant Thing\n');
    const problems = problemsOf(load);
    expect(problems).toContainEqual(expect.objectContaining({ file: TERMS, itemId: '(item 3)', field: 'id' }));
  });

  it('reports a duplicate id', () => {
    content.edit('terms.yaml', '  - id: envelope-encryption\n', '  - id: grant\n');
    const problems = problemsOf(load);
    expect(problems).toContainEqual(
      expect.objectContaining({ file: TERMS, itemId: 'grant', field: 'id', message: expect.stringMatching(/^duplicate term id "grant" \(first used at line \d+\)/) }),
    );
  });

  it('reports related, question and scenario term references that do not resolve', () => {
    content.edit('terms.yaml', '    related: [aws-kms, grant]', '    related: [aws-kms, grants]');
    content.edit('questions.yaml', '    terms: [grant, kms-key]', '    terms: [grant, kms-keys]');
    content.edit('scenarios.yaml', '    terms: [kms-key, sse-kms]', '    terms: [kms-key, sse-kms-key]');
    const problems = problemsOf(load);
    expect(problems).toEqual([
      expect.objectContaining({ file: TERMS, itemId: 'kms-key', field: 'related[1]', message: expect.stringContaining('unknown term id "grants"') }),
      expect.objectContaining({ file: QUESTIONS, itemId: 'q-grant-purpose', field: 'terms[1]', message: expect.stringContaining('unknown term id "kms-keys"') }),
      expect.objectContaining({ file: SCENARIOS, itemId: 'finance-compliance', field: 'terms[1]', message: expect.stringContaining('unknown term id "sse-kms-key"') }),
    ]);
  });

  it('reports a tag that deck.yaml does not list', () => {
    content.edit('questions.yaml', '    tags: [s3]', '    tags: [s3, rds]');
    content.edit('scenarios.yaml', '    tags: [kms, ebs]', '    tags: [kms, snapshots]');
    const problems = problemsOf(load);
    expect(problems).toEqual([
      expect.objectContaining({ file: QUESTIONS, itemId: 'q-s3-default', field: 'tags[1]', message: expect.stringContaining('unknown tag "rds"') }),
      expect.objectContaining({ file: SCENARIOS, itemId: 'cross-account-snapshot', field: 'tags[1]', message: expect.stringContaining('unknown tag "snapshots"') }),
    ]);
  });

  it('with deck.yaml sections, a term, question or scenario section that is not listed is reported (file, item, field)', () => {
    content.edit('deck.yaml', 'tags: [kms, s3, ebs]', 'tags: [kms, s3, ebs]\nsections: ["Fixture section", "Other section"]');
    expect(load().defaultDeck.meta.sections).toEqual(['Fixture section', 'Other section']);
    content.edit('terms.yaml', '    related: [aws-kms, grant]\n    section: "Fixture section"', '    related: [aws-kms, grant]\n    section: "Fixture Section"');
    content.edit('questions.yaml', '    section: "Fixture section"', '    section: "Missing section"');
    content.edit('scenarios.yaml', '    section: "Fixture section"', '    section: "Other  section"');
    const problems = problemsOf(load);
    expect(problems.map((p) => [p.file, p.itemId, p.field])).toEqual([
      [TERMS, 'kms-key', 'section'],
      [QUESTIONS, 'q-grant-purpose', 'section'],
      [SCENARIOS, 'finance-compliance', 'section'],
    ]);
    expect(problems[0]!.message).toMatch(/^section "Fixture Section" is not spelled as in deck\.yaml sections: "Fixture section" \(line \d+\)$/);
    expect(problems[1]!.message).toMatch(/^section "Missing section" is not one of deck\.yaml sections \("Fixture section", "Other section"\) \(line \d+\)$/);
    expect(problems[2]!.message).toContain('is not spelled as in deck.yaml sections: "Other section"');
  });

  it('without deck.yaml sections any section title is accepted; a listed title twice is refused', () => {
    content.edit('questions.yaml', '    section: "Fixture section"', '    section: "Anything goes"');
    expect(() => load()).not.toThrow();
    content.edit('deck.yaml', 'tags: [kms, s3, ebs]', 'tags: [kms, s3, ebs]\nsections: ["Anything goes", "Fixture section", "Anything goes"]');
    expect(problemsOf(load)).toEqual([expect.objectContaining({ file: DECK, itemId: 'mini-kms', field: 'sections', message: expect.stringContaining('lists a section title twice') })]);
  });

  it('reports a question with no correct choice', () => {
    content.edit('questions.yaml', '      - text: SSE-S3\n        correct: true\n', '      - text: SSE-S3\n');
    expect(problemsOf(load)).toEqual([
      expect.objectContaining({ file: QUESTIONS, itemId: 'q-s3-default', field: 'choices', message: expect.stringMatching(/^exactly one choice must have "correct: true", found 0/) }),
    ]);
  });

  it('reports a question with two correct choices, naming them', () => {
    content.edit('questions.yaml', '      - text: No encryption\n', '      - text: No encryption\n        correct: true\n');
    expect(problemsOf(load)).toEqual([
      expect.objectContaining({ file: QUESTIONS, itemId: 'q-s3-default', field: 'choices', message: expect.stringContaining('found 2 (choices[0], choices[2])') }),
    ]);
  });

  it('reports "all of the above" and "both A and B" choices', () => {
    content.edit('questions.yaml', '      - text: Client-side encryption\n', '      - text: All of the above\n');
    content.edit('questions.yaml', '      - text: Disabling key rotation\n', '      - text: Both A and B\n');
    const problems = problemsOf(load);
    expect(problems).toEqual([
      expect.objectContaining({ file: QUESTIONS, itemId: 'q-grant-purpose', field: 'choices[2].text', message: expect.stringContaining('breaks when choices are shuffled') }),
      expect.objectContaining({ file: QUESTIONS, itemId: 'q-s3-default', field: 'choices[3].text', message: expect.stringContaining('"All of the above"') }),
    ]);
  });

  it('reports two choices with the same text', () => {
    content.edit('questions.yaml', '      - text: Client-side encryption\n', '      - text: "no encryption."\n');
    expect(problemsOf(load)).toEqual([
      expect.objectContaining({ file: QUESTIONS, itemId: 'q-s3-default', field: 'choices[3].text', message: expect.stringMatching(/^same text as choices\[2\]/) }),
    ]);
  });

  it('reports a choice count outside 3-5 and a difficulty outside 1-3', () => {
    content.edit('questions.yaml', '      - text: Disabling key rotation\n        why: Rotation has nothing to do with which principals may use the key.\n', '');
    content.edit('questions.yaml', '    difficulty: 2', '    difficulty: 4');
    const problems = problemsOf(load);
    expect(problems).toContainEqual(expect.objectContaining({ itemId: 'q-grant-purpose', field: 'choices', message: expect.stringMatching(/^must list at least 3 items \(has 2\)/) }));
    expect(problems).toContainEqual(expect.objectContaining({ itemId: 'q-key-policy-alone', field: 'difficulty', message: expect.stringMatching(/^must be one of 1, 2, 3 but YAML read a number \(4\)/) }));
  });

  it('reports a deck id that differs from its folder name', () => {
    content.edit('deck.yaml', 'id: mini-kms', 'id: other-deck');
    expect(problemsOf(load)).toEqual([
      expect.objectContaining({ file: DECK, itemId: 'other-deck', field: 'id', message: 'deck id "other-deck" must equal its folder name "mini-kms"' }),
    ]);
  });

  it('collects every problem across files, not just the first, in one ContentError', () => {
    content.edit('deck.yaml', 'source: "Test fixture written for tests/deck; not study content."', 'source: 2026');
    content.edit('terms.yaml', '    related: [aws-kms, grant]', '    related: [nope]');
    content.edit('questions.yaml', '      - text: SSE-S3\n', '      - text: 1.0\n');
    content.edit('scenarios.yaml', '    tags: [kms, ebs]', '    tags: [kms, nope]');
    let error: unknown;
    try {
      load();
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ContentError);
    const problems = (error as ContentError).problems;
    expect(problems.map((p) => [p.file, p.itemId, p.field])).toEqual([
      [DECK, 'mini-kms', 'source'],
      [TERMS, 'kms-key', 'related[0]'],
      [QUESTIONS, 'q-s3-default', 'choices[0].text'],
      [SCENARIOS, 'cross-account-snapshot', 'tags[1]'],
    ]);
    const lines = (error as ContentError).message.split('\n');
    expect(lines).toHaveLength(4);
    expect(lines[2]).toMatch(/^content\/decks\/mini-kms\/questions\.yaml: item "q-s3-default", field "choices\[0\]\.text": expected text but YAML read a number \(1\.0\)/);
  });

  it('still checks the other fields of an item that has a schema error', () => {
    content.edit('questions.yaml', '    difficulty: 1\n    section: "Fixture section"\n    terms: [sse-s3, sse-kms]', '    difficulty: one\n    section: "Fixture section"\n    terms: [sse-s3, sse-kms]');
    content.edit('questions.yaml', '      - text: SSE-S3\n        correct: true\n', '      - text: SSE-S3\n');
    const fields = problemsOf(load).map((p) => `${p.itemId} ${p.field}`);
    expect(fields).toEqual(['q-s3-default difficulty', 'q-s3-default choices']);
  });

  it('an unknown default deck is an environment problem, not a content one: it names DEFAULT_DECK and the decks', () => {
    let error: unknown;
    try {
      loadLibrary(content.contentDir, { defaultDeckId: 'missing-deck' });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(UnknownDefaultDeckError);
    expect(error).not.toBeInstanceOf(ContentError);
    expect((error as Error).message).toBe('DEFAULT_DECK "missing-deck" is not a deck (available: mini-kms)');
  });
});

describe('missing content', () => {
  let root: string;
  beforeEach(() => {
    root = mkdtempSync(path.join(tmpdir(), 'deck-empty-'));
  });
  afterEach(() => {
    rmSync(root, { recursive: true, force: true });
  });

  it('reports a content folder that does not exist', () => {
    const missing = path.join(root, 'no-such-content');
    expect(problemsOf(() => loadLibrary(missing))).toEqual([
      { file: missing, itemId: '(file)', field: '(file)', message: 'content folder not found' },
    ]);
  });

  it('reports a content folder without decks', () => {
    mkdirSync(path.join(root, 'content', 'decks'), { recursive: true });
    const problems = problemsOf(() => loadLibrary(path.join(root, 'content')));
    expect(problems).toEqual([expect.objectContaining({ file: 'content/decks', message: expect.stringMatching(/^no decks found/) })]);
  });

  it('reports a deck folder with none of its files', () => {
    mkdirSync(path.join(root, 'content', 'decks', 'empty-deck'), { recursive: true });
    const problems = problemsOf(() => loadLibrary(path.join(root, 'content')));
    expect(problems.map((p) => `${p.file}: ${p.message}`)).toEqual([
      'content/decks/empty-deck/deck.yaml: file is missing',
      'content/decks/empty-deck/terms.yaml: file is missing',
      'content/decks/empty-deck/questions.yaml: file is missing',
      'content/decks/empty-deck/scenarios.yaml: file is missing',
    ]);
  });
});
