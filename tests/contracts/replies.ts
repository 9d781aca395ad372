/**
 * One Reply of every kind core produces (each block type, buttons, a checklist, a menu, a round open and
 * closed, every tone and visibility), at ordinary and at oversized lengths, for the adapter
 * contract's "renders within the platform limits" check.
 */
import type { Reply } from '../../src/core/reply.js';

const long = (n: number, word = 'encrypt') => Array.from({ length: Math.ceil(n / (word.length + 1)) }, () => word).join(' ').slice(0, n);

/** A named Reply. */
export interface ReplyKind {
  name: string;
  reply: Reply;
}

const choices = [
  { letter: 'A', text: 'A grant on the KMS key' },
  { letter: 'B', text: 'A new key policy statement' },
  { letter: 'C', text: 'An IAM role for EBS' },
];

/** The catalogue. */
export const REPLY_KINDS: ReplyKind[] = [
  { name: 'a text paragraph', reply: { visibility: 'user', tone: 'info', title: 'Grant (KMS)', blocks: [{ type: 'text', text: 'A grant lets a principal use a key.' }] } },
  { name: 'a titled section', reply: { visibility: 'user', tone: 'success', blocks: [{ type: 'section', heading: 'Exam tip', text: 'Grants suit temporary, programmatic access.' }] } },
  {
    name: 'fields',
    reply: { visibility: 'user', tone: 'info', blocks: [{ type: 'fields', fields: Array.from({ length: 30 }, (_, i) => ({ label: `Label ${i}`, value: `Value ${i}` })) }] },
  },
  { name: 'a list', reply: { visibility: 'user', tone: 'warning', blocks: [{ type: 'list', items: Array.from({ length: 40 }, (_, i) => `item ${i}: ${long(120)}`) }] } },
  { name: 'preformatted lines', reply: { visibility: 'channel', tone: 'info', title: 'Leaderboard', blocks: [{ type: 'pre', lines: Array.from({ length: 120 }, (_, i) => `${String(i + 1).padStart(3)}. user-${i}  ${'█'.repeat(i % 30)} ${i * 3}`) }] } },
  { name: 'an error', reply: { visibility: 'user', tone: 'error', title: 'Could not post the round', blocks: [{ type: 'text', text: 'Try again.' }] } },
  {
    name: 'buttons',
    reply: {
      visibility: 'user',
      tone: 'info',
      blocks: [{ type: 'text', text: 'Pick one.' }],
      buttons: [
        { action: { kind: 'hint', scenarioId: 'finance-compliance', count: 1 }, label: 'Hint', style: 'primary' },
        { action: { kind: 'reference', scenarioId: 'finance-compliance' }, label: long(200) },
        { action: { kind: 'share', target: 'term', id: 'grant' }, label: 'Share in channel' },
        { action: { kind: 'forget', confirm: false }, label: 'Cancel', style: 'danger' },
      ],
    },
  },
  {
    name: 'a checklist',
    reply: {
      visibility: 'user',
      tone: 'info',
      title: 'Finance keys: what did you cover?',
      blocks: [{ type: 'text', text: 'Tick what your answer covered.' }],
      checklist: { scenarioId: 'finance-compliance', options: Array.from({ length: 12 }, (_, i) => ({ index: i, label: `${i}: ${long(150)}` })) },
    },
  },
  {
    name: 'a menu (the report reason picker)',
    reply: {
      visibility: 'user',
      tone: 'info',
      title: 'Report a problem · Grant (KMS)',
      blocks: [{ type: 'text', text: 'What is wrong with it?' }],
      menu: {
        action: { kind: 'report', target: 'question', id: `q${'x'.repeat(62)}` },
        placeholder: long(200),
        options: Array.from({ length: 30 }, (_, i) => ({
          label: `${i}: ${long(150)}`,
          action: { kind: 'report', target: 'question', id: `q${i}-${'x'.repeat(59)}`.slice(0, 63), reason: 'ambiguous' },
        })),
      },
    },
  },
  {
    name: 'an open round',
    reply: {
      visibility: 'channel',
      tone: 'info',
      title: 'Round #4 · KMS',
      blocks: [{ type: 'text', text: 'Which KMS feature lets EBS keep using a key?' }, { type: 'choices', choices }],
      buttons: [
        ...choices.map((c) => ({ action: { kind: 'answer' as const, roundId: 4, letter: c.letter }, label: c.letter })),
        { action: { kind: 'close', roundId: 4 }, label: 'Close round', style: 'danger' as const },
      ],
      footer: '0 answered',
      round: { id: 4, state: 'open', answered: 0 },
    },
  },
  {
    name: 'a closed round',
    reply: {
      visibility: 'channel',
      tone: 'success',
      title: 'Round #4 · KMS',
      blocks: [
        { type: 'choices', choices },
        { type: 'section', heading: 'Answer', text: `A — ${long(2500)}` },
      ],
      buttons: choices.map((c) => ({ action: { kind: 'answer' as const, roundId: 4, letter: c.letter }, label: c.letter })),
      footer: 'Round closed · 3 answered',
      round: { id: 4, state: 'closed', answered: 3 },
    },
  },
  {
    name: 'an oversized reply (long title, 30,000 characters of text, long footer)',
    reply: {
      visibility: 'channel',
      tone: 'info',
      title: long(400),
      blocks: [
        { type: 'text', text: long(30_000) },
        { type: 'section', heading: long(300), text: long(8_000) },
        { type: 'fields', fields: [{ label: long(400), value: long(3_000) }] },
        { type: 'choices', choices: [{ letter: 'A', text: long(5_000) }] },
      ],
      footer: long(3_000),
    },
  },
  {
    name: 'the choices thread of a revealed round (five long choices)',
    reply: {
      visibility: 'channel',
      tone: 'info',
      title: 'Round #12 · why each choice is right or wrong',
      blocks: ['A', 'B', 'C', 'D', 'E'].map((letter) => ({ type: 'section' as const, heading: `${letter} — ${long(150)} ✗ wrong`, text: long(1200) })),
      footer: 'Discuss this round here, in its thread.',
    },
  },
  {
    name: 'the terms a message names',
    reply: {
      visibility: 'user',
      tone: 'info',
      title: '8 deck terms in that text',
      blocks: [
        ...Array.from({ length: 8 }, (_, i) => ({ type: 'section' as const, heading: `Term ${i} (${long(80)})`, text: `${long(400)} \`explain term ${i}\`` })),
        { type: 'text' as const, text: 'The text names more terms; the first 8 are listed.' },
      ],
      footer: 'Only you see this · type `explain <term>` for a term’s whole card.',
    },
  },
  { name: 'an empty reply', reply: { visibility: 'user', tone: 'info', blocks: [] } },
];
