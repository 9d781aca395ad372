import { describe, expect, it } from 'vitest';
import type { Reply } from '../../src/core/reply.js';
import { renderText, typedCommandFor, wrapParagraph } from '../../src/core/render-text.js';

const round: Reply = {
  visibility: 'channel',
  tone: 'info',
  title: 'Round #12 · KMS',
  blocks: [
    { type: 'text', text: 'Which feature lets EBS keep using a key?' },
    { type: 'choices', choices: [{ letter: 'A', text: 'A grant' }, { letter: 'B', text: 'A new IAM user' }] },
  ],
  buttons: [
    { action: { kind: 'answer', roundId: 12, letter: 'A' }, label: 'A' },
    { action: { kind: 'answer', roundId: 12, letter: 'B' }, label: 'B' },
    { action: { kind: 'close', roundId: 12 }, label: 'Close round' },
  ],
  footer: 'Chapter 8 · Grants',
};

describe('renderText', () => {
  it('renders title, blocks, choices, buttons as commands to type, and the footer', () => {
    const text = renderText(round);
    expect(text).toBe(
      [
        'Round #12 · KMS',
        '───────────────',
        'Which feature lets EBS keep using a key?',
        '',
        'A) A grant',
        'B) A new IAM user',
        '',
        'Answer: [answer 12 A]  [answer 12 B]',
        '  [close 12]  Close round',
        '',
        'Chapter 8 · Grants',
      ].join('\n'),
    );
  });

  it('lists scenario buttons as their commands and skips buttons with no typed form', () => {
    const text = renderText({
      visibility: 'user',
      tone: 'info',
      blocks: [],
      buttons: [
        { action: { kind: 'hint', scenarioId: 'finance-compliance', count: 2 }, label: 'Next hint' },
        { action: { kind: 'share', target: 'scenario', id: 'finance-compliance' }, label: 'Share in channel' },
        { action: { kind: 'practice', tag: 's3' }, label: 'Practice S3' },
      ],
    });
    expect(text).toContain('[hint finance-compliance 2]  Next hint');
    expect(text).toContain('[quiz s3]');
    expect(text).not.toContain('Share in channel');
  });

  it('renders a checklist as numbered lines with the check command', () => {
    const text = renderText({
      visibility: 'user',
      tone: 'info',
      blocks: [],
      checklist: { scenarioId: 'finance-compliance', options: [{ index: 0, label: 'Uses CMKs' }, { index: 1, label: 'Logs with CloudTrail' }] },
    });
    expect(text).toContain(' 1. Uses CMKs\n 2. Logs with CloudTrail');
    expect(text).toContain('check finance-compliance 1,3');
  });

  it('keeps pre blocks as they are and wraps long paragraphs within the width', () => {
    const long = 'word '.repeat(60).trim();
    const text = renderText({ visibility: 'user', tone: 'info', blocks: [{ type: 'text', text: long }, { type: 'pre', lines: ['  1  alice   3'] }] }, { width: 40 });
    for (const l of text.split('\n')) expect(l.length).toBeLessThanOrEqual(40);
    expect(text).toContain('    1  alice   3');
  });

  it('never breaks inside `inline code` and splits a word longer than the line', () => {
    const lines = wrapParagraph('type `hint finance-compliance 2` to see more', 30);
    expect(lines.some((l) => l.includes('`hint finance-compliance 2`'))).toBe(true);
    // A long word that is not a link is split (links are kept whole: see the URL test below).
    const long = wrapParagraph(`arn:aws:kms:eu-west-1:111122223333:key/${'x'.repeat(80)}`, 40);
    expect(long.every((l) => l.length <= 40)).toBe(true);
    expect(long.join('')).toBe(`arn:aws:kms:eu-west-1:111122223333:key/${'x'.repeat(80)}`);
  });

  it('uses no ANSI escapes unless asked', () => {
    const reply: Reply = { ...round, tone: 'error' };
    // biome-ignore lint/suspicious/noControlCharactersInRegex: the test looks for the ESC byte that starts an ANSI colour code
    expect(renderText(reply)).not.toMatch(/\u001b\[/);
    // biome-ignore lint/suspicious/noControlCharactersInRegex: the test looks for the ESC byte that starts an ANSI colour code
    expect(renderText(reply, { color: true })).toMatch(/\u001b\[/);
  });

  it('marks the tone in the title', () => {
    expect(renderText({ visibility: 'user', tone: 'error', title: 'Bad', blocks: [] })).toMatch(/^✗ Bad/);
    expect(renderText({ visibility: 'user', tone: 'success', title: 'Good', blocks: [] })).toMatch(/^✓ Good/);
  });
});

describe('typedCommandFor', () => {
  it('maps actions to the terminal commands that do the same', () => {
    expect(typedCommandFor({ kind: 'answer', roundId: 3, letter: 'C' })).toBe('answer 3 C');
    expect(typedCommandFor({ kind: 'selfscore', scenarioId: 's', checked: [0, 2] })).toBe('check s 1,3');
    expect(typedCommandFor({ kind: 'selfscore', scenarioId: 's', checked: [] })).toBe('check s none');
    expect(typedCommandFor({ kind: 'forget', confirm: true })).toBe('forget-me confirm');
    expect(typedCommandFor({ kind: 'forget', confirm: false })).toBeUndefined();
    expect(typedCommandFor({ kind: 'reference', scenarioId: 's' })).toBe('reference s');
  });
});

describe('a URL longer than the line (issue 15 item 17)', () => {
  it('is never cut mid-word: it gets a line of its own, whole', () => {
    const url = 'https://docs.aws.amazon.com/kms/latest/developerguide/concepts.html#kms-keys-and-the-key-policy-of-each';
    const lines = wrapParagraph(`Read more at ${url} before the exam.`, 80);
    expect(lines).toEqual(['Read more at', url, 'before the exam.']);
  });
});
