/**
 * Discord markdown helpers: escaping user and deck text for embeds, and cutting text under
 * Discord's length limits. Lengths are JavaScript string lengths (UTF-16 code units), never fewer
 * than the characters Discord counts, so a piece that fits here fits in Discord.
 */
import { escapeMarkdown } from 'discord.js';

/** The ellipsis that marks a cut. */
export const ELLIPSIS = '…';

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
    .map((piece) => escapeMarkdown(piece, ESCAPE_OPTIONS))
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
export function safeCutIndex(text: string, index: number): number {
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

/**
 * Shorten text to at most `max` characters (plain text: titles, labels, footers). Cuts at the last
 * space in the second half, else inside the word; the result then ends with "…". Text that fits is
 * returned unchanged; line breaks are kept.
 * @throws RangeError when max < 2.
 */
export function truncateText(text: string, max: number): string {
  if (max < 2) throw new RangeError(`max must be at least 2, got ${max}`);
  if (text.length <= max) return text;
  const room = max - ELLIPSIS.length;
  const space = text.lastIndexOf(' ', room);
  const cut = space >= room / 2 ? space : safeCutIndex(text, room);
  return text.slice(0, cut).trimEnd() + ELLIPSIS;
}

/** Where to break `text` so the first piece has at most `room` characters: a paragraph, line or space; -1 if none. */
function findBreak(text: string, room: number): number {
  const half = room / 2;
  const paragraph = text.lastIndexOf('\n\n', room);
  if (paragraph > 0 && paragraph >= half) return paragraph;
  const line = text.lastIndexOf('\n', room);
  if (line > 0 && line >= half) return line;
  const space = Math.max(text.lastIndexOf(' ', room), text.lastIndexOf('\n', room));
  return space > 0 ? space : -1;
}

/**
 * Split (already escaped) text into pieces of at most `limit` characters, breaking at a paragraph,
 * line or word boundary; only a single word longer than a piece is cut inside, and then the piece
 * ends with "…" and the next begins with "…". Whitespace at the breaks is dropped; empty input gives [].
 * @throws RangeError when limit < 8.
 */
export function splitText(text: string, limit: number): string[] {
  if (limit < 8) throw new RangeError(`limit must be at least 8, got ${limit}`);
  const pieces: string[] = [];
  let rest = text.trim();
  let carry = '';
  while (carry.length + rest.length > limit) {
    const room = limit - carry.length;
    const cut = findBreak(rest, room);
    if (cut > 0) {
      pieces.push(carry + rest.slice(0, cut).trimEnd());
      rest = rest.slice(cut).trimStart();
      carry = '';
    } else {
      const hard = Math.max(1, safeCutIndex(rest, room - ELLIPSIS.length));
      pieces.push(carry + rest.slice(0, hard) + ELLIPSIS);
      rest = rest.slice(hard);
      carry = ELLIPSIS;
    }
  }
  if (rest.length > 0) pieces.push(carry + rest);
  return pieces;
}

/**
 * Group lines so each group's text (lines joined by "\n") plus `overhead` characters stays within
 * `limit`. A line too long on its own is split with {@link splitText} first. Leading spaces are
 * kept (alignment in code blocks).
 */
export function groupLines(lines: string[], limit: number, overhead = 0): string[][] {
  const room = limit - overhead;
  const groups: string[][] = [];
  let current: string[] = [];
  let size = 0;
  for (const line of lines) {
    const parts = line.length > room ? splitText(line, room) : [line];
    for (const part of parts) {
      const added = current.length === 0 ? part.length : part.length + 1;
      if (current.length > 0 && size + added > room) {
        groups.push(current);
        current = [];
        size = 0;
      }
      size += current.length === 0 ? part.length : part.length + 1;
      current.push(part);
    }
  }
  if (current.length > 0) groups.push(current);
  return groups;
}
