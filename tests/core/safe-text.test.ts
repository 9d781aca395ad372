/** Control and bidi-override characters from users are never echoed raw (issue 15 item 10). */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { safeReply, safeText } from '../../src/core/safe-text.js';
import { makeHarness, textOf, type Harness } from './harness.js';

/** C0/C1 controls other than newline and tab, DEL, and the bidi embedding/override/isolate marks. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: the test looks for control characters
const UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

describe('safeText', () => {
  it('escapes ESC, BEL, BS, DEL, C1 controls and bidi overrides visibly; keeps newlines, tabs and other text', () => {
    expect(safeText('\u001b[2J\u001b[31mRED')).toBe('\\x1b[2J\\x1b[31mRED');
    expect(safeText('bo\u0007b\u0008\u007f')).toBe('bo\\x07b\\x08\\x7f');
    expect(safeText('abc\u202edef\u2066')).toBe('abc\\u202edef\\u2066');
    expect(safeText('\u009b')).toBe('\\x9b');
    expect(safeText('line 1\nline\t2 — é 🙂')).toBe('line 1\nline\t2 — é 🙂');
  });

  it('safeReply cleans every text field of a reply', () => {
    const dirty = '\u001b[31mx\u202e';
    const reply = safeReply({
      visibility: 'user',
      tone: 'info',
      title: dirty,
      blocks: [
        { type: 'text', text: dirty },
        { type: 'section', heading: dirty, text: dirty },
        { type: 'fields', fields: [{ label: dirty, value: dirty }] },
        { type: 'choices', choices: [{ letter: 'A', text: dirty }] },
        { type: 'list', items: [dirty] },
        { type: 'pre', lines: [dirty] },
      ],
      buttons: [{ action: { kind: 'practice' }, label: dirty }],
      checklist: { scenarioId: 's', options: [{ index: 0, label: dirty }] },
      footer: dirty,
    });
    expect(JSON.stringify(reply)).not.toMatch(UNSAFE);
    expect(reply.title).toBe('\\x1b[31mx\\u202e');
  });
});

describe('echoed input and names', () => {
  let h: Harness;
  beforeEach(() => {
    h = makeHarness();
  });
  afterEach(() => h.close());

  it('a lookup of escape sequences echoes them escaped, not raw', async () => {
    const reply = await h.say('explain \u001b[2J\u001b[31mRED', 'ann');
    expect(textOf(reply)).not.toMatch(UNSAFE);
  });

  it('a name with BEL, BS and a right-to-left override is shown escaped on the board', async () => {
    const name = 'mal\u0007\u0008\u202eory';
    await h.tutor.handle({ kind: 'quiz', here: true }, h.ctx('opener'));
    const round = (await h.store.openChannelRound({ platform: 'terminal', teamId: 'local', channelId: 'terminal' }))!;
    const ctx = { ...h.ctx('mallory'), userName: name };
    await h.tutor.handle({ kind: 'answer', roundId: round.id, letter: 'A' }, ctx);
    await h.tutor.handle({ kind: 'close' }, h.ctx('opener'));
    const board = await h.say('leaderboard all', 'ann');
    expect(textOf(board)).not.toMatch(UNSAFE);
    expect(textOf(board)).toContain('mal\\x07\\x08\\u202e');
  });
});
