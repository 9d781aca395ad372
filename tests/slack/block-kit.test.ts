import { describe, expect, it } from 'vitest';
import type { types } from '@slack/bolt';
import { decodeAction } from '../../src/core/action.js';
import type { Reply } from '../../src/core/reply.js';
import { fallbackText, LIMITS, renderReply } from '../../src/adapters/slack/block-kit.js';

type Block = types.KnownBlock;

function sectionTexts(blocks: Block[]): string[] {
  return blocks.flatMap((b) => (b.type === 'section' && b.text ? [b.text.text] : []));
}
function buttons(blocks: Block[]): types.Button[] {
  return blocks.flatMap((b) => (b.type === 'actions' ? (b.elements.filter((e) => e.type === 'button') as types.Button[]) : []));
}

const base: Reply = { visibility: 'user', tone: 'info', blocks: [] };

describe('renderReply: layout', () => {
  it('renders title, text, heading section, fields, footer and buttons in order', () => {
    const [msg, ...rest] = renderReply({
      ...base,
      title: 'Grant (KMS)',
      blocks: [
        { type: 'text', text: 'Lets a principal use a key.' },
        { type: 'section', heading: 'Exam tip', text: 'Grants are for AWS services.' },
        { type: 'fields', fields: [{ label: 'Tag', value: 'kms' }, { label: 'Section', value: 'Fundamentals' }] },
      ],
      footer: 'Chapter 8 · AWS KMS Fundamentals',
      buttons: [{ action: { kind: 'share', target: 'term', id: 'grant' }, label: 'Share in channel' }],
    });
    expect(rest).toHaveLength(0);
    const types = msg!.blocks.map((b) => b.type);
    expect(types).toEqual(['header', 'section', 'section', 'section', 'context', 'actions']);
    expect(msg!.blocks[0]).toMatchObject({ type: 'header', text: { type: 'plain_text', text: 'Grant (KMS)' } });
    expect(sectionTexts(msg!.blocks)).toEqual(['Lets a principal use a key.', '*Exam tip*\nGrants are for AWS services.']);
    const fields = msg!.blocks[3] as types.SectionBlock;
    expect(fields.fields?.map((f) => f.text)).toEqual(['*Tag*\nkms', '*Section*\nFundamentals']);
    expect(msg!.blocks[4]).toMatchObject({ type: 'context', elements: [{ type: 'mrkdwn', text: 'Chapter 8 · AWS KMS Fundamentals' }] });
    const [share] = buttons(msg!.blocks);
    expect(share!.text.text).toBe('Share in channel');
    expect(decodeAction(share!.action_id)).toEqual({ kind: 'share', target: 'term', id: 'grant' });
    expect(share!.value).toBe(share!.action_id);
    expect(msg!.text).toContain('Grant (KMS)');
  });

  it('escapes &, < and > everywhere mrkdwn is used, and keeps inline code', () => {
    const [msg] = renderReply({
      ...base,
      blocks: [
        { type: 'text', text: 'Use `kms:Decrypt` & <never> <@U123>' },
        { type: 'choices', choices: [{ letter: 'A', text: 'a < b' }] },
        { type: 'list', items: ['x > y'] },
        { type: 'pre', lines: ['1. <alice> & bob'] },
      ],
      footer: 'R&D <team>',
    });
    const all = JSON.stringify(msg!.blocks);
    expect(all).not.toMatch(/<@U123>|<never>|<alice>|<team>/);
    expect(sectionTexts(msg!.blocks)).toEqual([
      'Use `kms:Decrypt` &amp; &lt;never&gt; &lt;@U123&gt;',
      '*A*  a &lt; b',
      '• x &gt; y',
      '```\n1. &lt;alice&gt; &amp; bob\n```',
    ]);
    expect(all).toContain('R&amp;D &lt;team&gt;');
    expect(msg!.text).not.toContain('<@U123>');
  });

  it('lists choices as "*A* text" lines in one section', () => {
    const [msg] = renderReply({
      ...base,
      blocks: [{ type: 'choices', choices: ['one', 'two', 'three'].map((text, i) => ({ letter: 'ABC'[i]!, text })) }],
    });
    expect(sectionTexts(msg!.blocks)).toEqual(['*A*  one\n*B*  two\n*C*  three']);
  });

  it('renders pre lines as a code block keeping their alignment', () => {
    const [msg] = renderReply({ ...base, blocks: [{ type: 'pre', lines: [' 1  alice   3', '10  bob     1'] }] });
    expect(sectionTexts(msg!.blocks)).toEqual(['```\n 1  alice   3\n10  bob     1\n```']);
  });

  it('puts a tone emoji in the header, or before the text when there is no title', () => {
    expect(JSON.stringify(renderReply({ ...base, tone: 'error', title: 'Nope' })[0]!.blocks[0])).toContain(':x: Nope');
    const [msg] = renderReply({ ...base, tone: 'warning', blocks: [{ type: 'text', text: 'Careful' }] });
    expect(sectionTexts(msg!.blocks)).toEqual([':warning: Careful']);
  });

  it('gives an empty reply a visible fallback section instead of an empty message', () => {
    const [msg] = renderReply(base);
    expect(msg!.blocks.length).toBe(1);
    expect(msg!.text.length).toBeGreaterThan(0);
  });
});

describe('renderReply: limits', () => {
  it('keeps button text within 75 characters', () => {
    const label = 'Reference design for the cross-account key sharing scenario with grants and aliases';
    const [msg] = renderReply({ ...base, buttons: [{ action: { kind: 'reference', scenarioId: 's1' }, label }] });
    const [b] = buttons(msg!.blocks);
    expect(label.length).toBeGreaterThan(75);
    expect(b!.text.text.length).toBeLessThanOrEqual(LIMITS.buttonText);
    expect(b!.text.text.endsWith('…')).toBe(true);
  });

  it('cuts a 200-character title to the header limit with an ellipsis', () => {
    const title = 'word '.repeat(40).trim();
    const [msg] = renderReply({ ...base, title });
    const header = msg!.blocks[0] as types.HeaderBlock;
    expect(header.text.text.length).toBeLessThanOrEqual(LIMITS.headerText);
    expect(header.text.text.endsWith('…')).toBe(true);
  });

  it('splits a long text into sections of at most 3,000 characters, losing no word', () => {
    const words = Array.from({ length: 2000 }, (_, i) => `word${i}`);
    const [msg] = renderReply({ ...base, blocks: [{ type: 'text', text: words.join(' ') }] });
    const texts = sectionTexts(msg!.blocks);
    expect(texts.length).toBeGreaterThan(1);
    for (const t of texts) expect(t.length).toBeLessThanOrEqual(LIMITS.sectionText);
    expect(texts.join(' ').split(' ')).toEqual(words);
  });

  it('marks a cut inside a 5,000-character word with an ellipsis', () => {
    const [msg] = renderReply({ ...base, blocks: [{ type: 'text', text: 'z'.repeat(5000) }] });
    const texts = sectionTexts(msg!.blocks);
    expect(texts).toHaveLength(2);
    expect(texts[0]!.endsWith('…')).toBe(true);
    expect(texts[1]!.startsWith('…')).toBe(true);
  });

  it('splits long pre blocks into several code blocks, each closed', () => {
    const lines = Array.from({ length: 400 }, (_, i) => `${String(i).padStart(4)} ${'#'.repeat(20)}`);
    const [msg] = renderReply({ ...base, blocks: [{ type: 'pre', lines }] });
    const texts = sectionTexts(msg!.blocks);
    expect(texts.length).toBeGreaterThan(1);
    for (const t of texts) {
      expect(t.length).toBeLessThanOrEqual(LIMITS.sectionText);
      expect(t.startsWith('```\n') && t.endsWith('\n```')).toBe(true);
    }
    expect(texts.flatMap((t) => t.slice(4, -4).split('\n'))).toEqual(lines);
  });

  it('splits a reply of more than 50 blocks into several messages: header first, buttons last', () => {
    const blocks = Array.from({ length: 120 }, (_, i) => ({ type: 'text' as const, text: `paragraph ${i}` }));
    const messages = renderReply({
      ...base,
      title: 'Terms',
      blocks,
      footer: 'end',
      buttons: [{ action: { kind: 'practice' }, label: 'Another question' }],
    });
    expect(messages.length).toBe(3);
    for (const m of messages) expect(m.blocks.length).toBeLessThanOrEqual(LIMITS.blocksPerMessage);
    expect(messages[0]!.blocks[0]!.type).toBe('header');
    expect(messages.at(-1)!.blocks.at(-1)!.type).toBe('actions');
    const texts = messages.flatMap((m) => sectionTexts(m.blocks));
    expect(texts).toEqual(blocks.map((b) => b.text));
    expect(messages[1]!.text).toContain('part 2 of 3');
  });

  it('fits a long reply into one message when asked, saying it was shortened, buttons kept', () => {
    const blocks = Array.from({ length: 80 }, (_, i) => ({ type: 'text' as const, text: `p${i}` }));
    const messages = renderReply(
      { ...base, title: 'Round #3', blocks, buttons: [{ action: { kind: 'answer', roundId: 3, letter: 'A' }, label: 'A' }], round: { id: 3, state: 'open', answered: 0 } },
      { singleMessage: true },
    );
    expect(messages).toHaveLength(1);
    const only = messages[0]!.blocks;
    expect(only.length).toBe(LIMITS.blocksPerMessage);
    expect(JSON.stringify(only)).toContain('shortened');
    expect(only.at(-1)!.type).toBe('actions');
  });

  it('puts at most 25 buttons in one actions block', () => {
    const many = Array.from({ length: 30 }, (_, i) => ({ action: { kind: 'hint' as const, scenarioId: `s${i}`, count: 1 }, label: `Hint ${i}` }));
    const [msg] = renderReply({ ...base, buttons: many });
    const actions = msg!.blocks.filter((b) => b.type === 'actions') as types.ActionsBlock[];
    expect(actions.map((a) => a.elements.length)).toEqual([25, 5]);
  });
});

describe('renderReply: rounds', () => {
  const question: Reply = {
    visibility: 'channel',
    tone: 'info',
    title: 'Round #7 · KMS',
    blocks: [
      { type: 'text', text: 'Which KMS feature lets EBS keep using a key?' },
      { type: 'choices', choices: [{ letter: 'A', text: 'A grant' }, { letter: 'B', text: 'An IAM user' }] },
    ],
    buttons: [
      { action: { kind: 'answer', roundId: 7, letter: 'A' }, label: 'A' },
      { action: { kind: 'answer', roundId: 7, letter: 'B' }, label: 'B' },
      { action: { kind: 'close', roundId: 7 }, label: 'Close round', style: 'danger' },
    ],
    round: { id: 7, state: 'open', answered: 2 },
  };

  it('shows one button per letter and "N answered"', () => {
    const [msg] = renderReply(question);
    expect(buttons(msg!.blocks).map((b) => decodeAction(b.action_id))).toEqual([
      { kind: 'answer', roundId: 7, letter: 'A' },
      { kind: 'answer', roundId: 7, letter: 'B' },
      { kind: 'close', roundId: 7 },
    ]);
    expect(buttons(msg!.blocks)[2]!.style).toBe('danger');
    expect(JSON.stringify(msg!.blocks)).toContain('2 answered');
  });

  it('removes the answer and close buttons from the reveal', () => {
    const [msg] = renderReply({ ...question, round: { id: 7, state: 'closed', answered: 5 } });
    expect(buttons(msg!.blocks)).toHaveLength(0);
    expect(msg!.blocks.some((b) => b.type === 'actions')).toBe(false);
    expect(JSON.stringify(msg!.blocks)).toContain('5 answered');
  });
});

describe('renderReply: rubric checklist', () => {
  it('renders checkboxes whose option values decode to one-point self-scores', () => {
    const [msg] = renderReply({
      ...base,
      checklist: { scenarioId: 'finance-compliance', options: [{ index: 0, label: 'Uses a CMK' }, { index: 1, label: 'Enables rotation' }] },
    });
    const actions = msg!.blocks.find((b) => b.type === 'actions') as types.ActionsBlock;
    const box = actions.elements[0] as types.Checkboxes;
    expect(box.type).toBe('checkboxes');
    expect(decodeAction(box.action_id)).toEqual({ kind: 'selfscore', scenarioId: 'finance-compliance', checked: [] });
    expect(box.options.map((o) => decodeAction(o.value))).toEqual([
      { kind: 'selfscore', scenarioId: 'finance-compliance', checked: [0] },
      { kind: 'selfscore', scenarioId: 'finance-compliance', checked: [1] },
    ]);
    expect(box.options.map((o) => o.text.text)).toEqual(['1. Uses a CMK', '2. Enables rotation']);
  });

  it('lists long rubric points in full above the cut checkbox labels', () => {
    const long = 'The design keeps key administrators and key users in separate roles so nobody can both manage and use a key';
    const [msg] = renderReply({ ...base, checklist: { scenarioId: 's', options: [{ index: 0, label: long }] } });
    expect(sectionTexts(msg!.blocks)).toEqual([`1. ${long}`]);
    const box = (msg!.blocks.find((b) => b.type === 'actions') as types.ActionsBlock).elements[0] as types.Checkboxes;
    expect(box.options[0]!.text.text.length).toBeLessThanOrEqual(LIMITS.optionText);
  });
});

describe('fallbackText', () => {
  it('is one escaped line of at most 300 characters', () => {
    const text = fallbackText({ ...base, title: 'A <b>', blocks: [{ type: 'text', text: 'x '.repeat(500) }] });
    expect(text.length).toBeLessThanOrEqual(LIMITS.fallbackText);
    expect(text).toContain('A &lt;b&gt;');
    expect(text).not.toContain('\n');
  });
});
