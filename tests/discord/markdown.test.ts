/** Escaping and cutting text for Discord embeds. */
import { escapeMarkdown } from 'discord.js';
import { describe, expect, it } from 'vitest';
import { ELLIPSIS, codeBlockLine, escapeText, groupLines, splitText, truncateText } from '../../src/adapters/discord/markdown.js';

describe('escapeText', () => {
  it('escapes markdown control characters so they show literally', () => {
    expect(escapeText('*a* _b_ __c__ ~~d~~ ||e|| \\f')).toBe('\\*a\\* \\_b\\_ \\_\\_c\\_\\_ \\~\\~d\\~\\~ \\|\\|e\\|\\| \\\\f');
  });

  it('escapes a lone star or underscore, and text with neither exactly as with every escape on', () => {
    expect(escapeText('a*b c')).toBe('a\\*b c');
    expect(escapeText('snake_case name')).toBe('snake\\_case name');
    // Without `*` or `_` the italic and underline escapes are skipped (they could change nothing).
    const everyEscape = { inlineCode: false, inlineCodeContent: false, codeBlock: false, codeBlockContent: true, heading: true, bulletedList: true, numberedList: true, maskedLink: true };
    for (const text of ['# Key policies\n- grants\n1. first [x](y) \\ ||s||', 'A key (https://kms.example/keys/1234) never leaves the service.']) {
      expect(escapeText(text)).toBe(escapeMarkdown(text, everyEscape));
    }
  });

  it('escapes line-start markup: headings, list markers, block quotes', () => {
    expect(escapeText('# Big\n- item\n1. first\n> quoted')).toBe('\\# Big\n\\- item\n1\\. first\n\\> quoted');
  });

  it('escapes masked links and mention syntax', () => {
    expect(escapeText('[click](https://evil.example) <@123> <#456> <t:1:R>')).toBe('\\[click](https://evil.example) \\<@123> \\<#456> \\<t:1:R>');
  });

  it('keeps `inline code` spans as code and escapes a lone backtick', () => {
    expect(escapeText('use `aws/s3` or `kms:*`')).toBe('use `aws/s3` or `kms:*`');
    expect(escapeText('a ` b')).toBe('a \\` b');
    expect(escapeText('```js\ncode```')).toBe('\\`\\`\\`js\ncode\\`\\`\\`');
  });

  it('leaves ordinary text alone', () => {
    const plain = 'SSE-KMS encrypts each object with a data key (AES-256); see section 8.3.';
    expect(escapeText(plain)).toBe(plain);
  });

  it('escapes long text (escaped piece by piece) exactly as its short parts', () => {
    const unit = '*bold* and _under_ with `code` ';
    const long = unit.repeat(2000); // 62,000 characters
    expect(escapeText(long)).toBe(escapeText(unit).repeat(2000));
  });
});

describe('codeBlockLine', () => {
  it('breaks a run of three backticks that would end the code block', () => {
    expect(codeBlockLine('a ``` b')).toBe('a ``\u200b` b');
    expect(codeBlockLine('`x` ok')).toBe('`x` ok');
  });
});

describe('truncateText', () => {
  it('returns text that fits unchanged and cuts longer text with an ellipsis', () => {
    expect(truncateText('short', 10)).toBe('short');
    const cut = truncateText('one two three four five', 12);
    expect(cut.length).toBeLessThanOrEqual(12);
    expect(cut.endsWith(ELLIPSIS)).toBe(true);
    expect(cut).toBe('one two…');
  });

  it('never splits a backslash escape or a surrogate pair', () => {
    expect(truncateText('abc\\*defghij', 5)).toBe('abc…');
    const emoji = truncateText('ab😀cdef', 4);
    expect(emoji).toBe('ab…');
  });

  it('refuses a limit below 2', () => {
    expect(() => truncateText('abc', 1)).toThrow(RangeError);
  });
});

describe('splitText', () => {
  it('breaks at paragraphs, then lines, then spaces, each piece within the limit', () => {
    const text = `${'a'.repeat(30)}\n\n${'b'.repeat(30)}\n${'c '.repeat(30)}`;
    const pieces = splitText(text, 40);
    for (const p of pieces) expect(p.length).toBeLessThanOrEqual(40);
    expect(pieces[0]).toBe('a'.repeat(30));
    expect(pieces.join(' ').replace(/\s+/g, '')).toBe(text.replace(/\s+/g, ''));
  });

  it('cuts a word longer than a piece with ellipses on both sides of the cut', () => {
    const pieces = splitText('x'.repeat(25), 10);
    for (const p of pieces) expect(p.length).toBeLessThanOrEqual(10);
    expect(pieces[0]!.endsWith(ELLIPSIS)).toBe(true);
    expect(pieces[1]!.startsWith(ELLIPSIS)).toBe(true);
    expect(pieces.join('').replaceAll(ELLIPSIS, '')).toBe('x'.repeat(25));
  });

  it('gives no pieces for empty text', () => {
    expect(splitText('   ', 10)).toEqual([]);
  });
});

describe('groupLines', () => {
  it('groups lines under the limit including the overhead and keeps leading spaces', () => {
    const lines = ['  1. ana 3', '  2. ben 2', '  3. cy  1'];
    const groups = groupLines(lines, 30, 8);
    for (const g of groups) expect(g.join('\n').length + 8).toBeLessThanOrEqual(30);
    expect(groups.flat()).toEqual(lines);
  });
});
