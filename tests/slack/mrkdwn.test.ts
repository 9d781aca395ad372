import { describe, expect, it } from 'vitest';
import { escapeMrkdwn, groupLines, safeCutIndex, splitMrkdwn, truncateText } from '../../src/adapters/slack/mrkdwn.js';

describe('escapeMrkdwn', () => {
  it('escapes the three control characters and nothing else', () => {
    expect(escapeMrkdwn('a & b <c> `d` *e* _f_')).toBe('a &amp; b &lt;c&gt; `d` *e* _f_');
  });
  it('turns Slack link and mention syntax into literal text', () => {
    expect(escapeMrkdwn('<@U123> <!channel> <https://x.test|x>')).toBe('&lt;@U123&gt; &lt;!channel&gt; &lt;https://x.test|x&gt;');
  });
  it('escapes an ampersand that already looks like an entity', () => {
    expect(escapeMrkdwn('&amp;')).toBe('&amp;amp;');
  });
});

describe('truncateText', () => {
  it('leaves short text alone', () => {
    expect(truncateText('Reference design', 75)).toBe('Reference design');
  });
  it('cuts at a word boundary and adds an ellipsis', () => {
    const out = truncateText('one two three four five six seven', 16);
    expect(out.length).toBeLessThanOrEqual(16);
    expect(out).toBe('one two three…');
  });
  it('cuts inside a word only when there is no space in reach, with an ellipsis', () => {
    const out = truncateText('x'.repeat(100), 75);
    expect(out).toHaveLength(75);
    expect(out.endsWith('…')).toBe(true);
  });
  it('never splits a surrogate pair', () => {
    const out = truncateText(`a${'😀'.repeat(10)}`, 6);
    expect(out.length).toBeLessThanOrEqual(6);
    expect(/[\uD800-\uDBFF]…$/.test(out)).toBe(false);
  });
});

describe('safeCutIndex', () => {
  it('moves a cut out of an entity', () => {
    const s = 'ab&amp;cd';
    expect(safeCutIndex(s, 4)).toBe(2);
    expect(safeCutIndex(s, 7)).toBe(7);
  });
});

describe('splitMrkdwn', () => {
  it('returns one piece when the text fits, none when it is empty', () => {
    expect(splitMrkdwn('hello', 3000)).toEqual(['hello']);
    expect(splitMrkdwn('   ', 3000)).toEqual([]);
  });
  it('splits a 5,000-character paragraph of words into pieces within the limit without losing words', () => {
    const words = Array.from({ length: 900 }, (_, i) => `w${i}`);
    const text = words.join(' ');
    const pieces = splitMrkdwn(text, 3000);
    expect(pieces.length).toBeGreaterThan(1);
    for (const p of pieces) expect(p.length).toBeLessThanOrEqual(3000);
    expect(pieces.join(' ').split(' ')).toEqual(words);
    expect(pieces.join('')).not.toContain('…');
  });
  it('prefers paragraph breaks', () => {
    const a = 'a'.repeat(60);
    const b = 'b'.repeat(30);
    expect(splitMrkdwn(`${a}\n\n${b}`, 80)).toEqual([a, b]);
  });
  it('cuts a single over-long word with an ellipsis at both sides of the cut', () => {
    const word = 'k'.repeat(7000);
    const pieces = splitMrkdwn(word, 3000);
    expect(pieces).toHaveLength(3);
    for (const p of pieces) expect(p.length).toBeLessThanOrEqual(3000);
    expect(pieces[0]!.endsWith('…')).toBe(true);
    expect(pieces[1]!.startsWith('…')).toBe(true);
    expect(pieces.join('').replace(/…/g, '')).toBe(word);
  });
  it('never leaves a broken entity at a cut', () => {
    const text = '&amp;'.repeat(1000);
    const pieces = splitMrkdwn(text, 3000);
    for (const p of pieces) {
      const core = p.replace(/…/g, '');
      expect(core).toMatch(/^(&amp;)+$/);
    }
  });
});

describe('groupLines', () => {
  it('keeps lines whole and groups them under the limit', () => {
    const lines = Array.from({ length: 100 }, (_, i) => `  ${String(i).padStart(3, '0')} ${'x'.repeat(50)}`);
    const groups = groupLines(lines, 1000, 8);
    for (const g of groups) expect(g.join('\n').length + 8).toBeLessThanOrEqual(1000);
    expect(groups.flat()).toEqual(lines);
  });
});
