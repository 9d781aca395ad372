/**
 * Discord markdown helpers: escaping user and deck text for embeds, and cutting text under
 * Discord's length limits. Lengths are JavaScript string lengths (UTF-16 code units), never fewer
 * than the characters Discord counts, so a piece that fits here fits in Discord.
 */
import { escapeMarkdown } from 'discord.js';

import { ELLIPSIS, groupLines as groupWith, splitText as splitWith, truncateText as truncateWith } from '../text-pieces.js';

export { ELLIPSIS };

/** discord.js's escaper, told to also escape headings, lists and masked links, and to leave code alone. */
const ESCAPE_OPTIONS = {
  inlineCode: false,
  inlineCodeContent: false,
  codeBlock: false,
  codeBlockContent: true,
  heading: true,
  bulletedList: true,
  numberedList: true,
  maskedLink: true,
} as const;

/**
 * The same with italic and underline escaping off, for text with no `*` or `_`: those escapes would
 * change nothing there, and their look-behinds are most of the escaper's time (17 % of a Discord
 * answer click's CPU in a burst profile, on the question's explanation).
 */
const NO_EMPHASIS_OPTIONS = { ...ESCAPE_OPTIONS, italic: false, underline: false } as const;

/** Stands in for backticks while discord.js escapes the rest (so it sees no code to skip). */
const TICK = '\uE000';

/**
 * discord.js's escaper takes time quadratic in its input's length (a look-behind scans back over
 * the text), so long text is escaped in pieces of about this many characters, cut just after a
 * line break or space. A piece starting mid-line may get a harmless extra escape ("\#").
 */
const ESCAPE_PIECE = 512;

/** Cut text into pieces of about ESCAPE_PIECE characters, each ending just after whitespace where possible. */
function escapePieces(text: string): string[] {
  const pieces: string[] = [];
  let start = 0;
  while (text.length - start > ESCAPE_PIECE) {
    const window = text.slice(start, start + ESCAPE_PIECE);
    const newline = window.lastIndexOf('\n');
    const space = Math.max(window.lastIndexOf(' '), window.lastIndexOf('\t'));
    const at = newline > 0 ? newline : space > 0 ? space : ESCAPE_PIECE - 1;
    pieces.push(text.slice(start, start + at + 1));
    start += at + 1;
  }
  pieces.push(text.slice(start));
  return pieces;
}

/** Escape one stretch of plain text (no code spans inside); every backtick in it is escaped. */
function escapePlain(text: string): string {
  return escapePieces(text.replace(/`/g, TICK))
    .map((piece) => escapeMarkdown(piece, piece.includes('_') || piece.includes('*') ? ESCAPE_OPTIONS : NO_EMPHASIS_OPTIONS))
    .join('')
    .replace(/^(\s*)>/gm, '$1\\>') // block quotes
    .replace(/<(?=[@#:/]|a:|t:)/g, '\\<') // mentions, channels, emoji, timestamps, slash-command links
    .replace(/~~/g, '\\~\\~')
    .replaceAll(TICK, '\\`');
}

/**
 * Escape plain text for an embed description or field: markdown control characters (`*`, `_`,
 * `|`, `~~`, `\`, headings, list markers, block quotes, masked links, `<@mention>` forms) are
 * backslash-escaped so the text shows literally. `inline code` spans (a pair of backticks on one
 * line) are kept as code, as the Reply contract allows; a lone backtick is escaped.
 */
export function escapeText(text: string): string {
  const out: string[] = [];
  const span = /`[^`\n]+`/g;
  let last = 0;
  for (const match of text.matchAll(span)) {
    out.push(escapePlain(text.slice(last, match.index)));
    out.push(match[0]);
    last = match.index + match[0].length;
  }
  out.push(escapePlain(text.slice(last)));
  return out.join('');
}

/**
 * Make a line safe inside a ``` code block: a run of three backticks would end the block, so a
 * zero-width space is put between them. Nothing else needs escaping in a code block.
 */
export function codeBlockLine(line: string): string {
  return line.replace(/```/g, '``\u200b`');
}

/**
 * Move a cut position back so it splits neither a UTF-16 surrogate pair nor a backslash escape
 * ("\*" stays whole). Returns an index in [0, index].
 */
function safeCutIndex(text: string, index: number): number {
  let cut = Math.max(0, Math.min(index, text.length));
  if (cut > 0 && cut < text.length) {
    const code = text.charCodeAt(cut - 1);
    if (code >= 0xd800 && code <= 0xdbff) cut -= 1;
  }
  let slashes = 0;
  while (cut - slashes - 1 >= 0 && text[cut - slashes - 1] === '\\') slashes += 1;
  if (slashes % 2 === 1) cut -= 1;
  return cut;
}

/** Shorten text to at most `max` characters, ending in "…" when cut (see text-pieces.ts). */
export function truncateText(text: string, max: number): string {
  return truncateWith(text, max, safeCutIndex);
}

/**
 * Split (already escaped) text into pieces of at most `limit` characters, at paragraph, line or word
 * boundaries, never inside a backslash escape (see text-pieces.ts `splitText`).
 * @throws RangeError when limit < 8.
 */
export function splitText(text: string, limit: number): string[] {
  return splitWith(text, limit, safeCutIndex);
}

/** Group lines so each group's joined text plus `overhead` stays within `limit` (see text-pieces.ts). */
export function groupLines(lines: string[], limit: number, overhead = 0): string[][] {
  return groupWith(lines, limit, overhead, safeCutIndex);
}
