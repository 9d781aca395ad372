/**
 * Cutting chat text under a platform's length limits, shared by the Slack and Discord renderers.
 * Each platform passes its own `SafeCut`, which moves a cut back so it splits neither a surrogate
 * pair nor one of that platform's escapes (Slack `&amp;`, Discord `\*`). Lengths are JavaScript
 * string lengths (UTF-16 code units), never fewer than the characters either platform counts.
 */

/** The ellipsis that marks a cut inside a word. */
export const ELLIPSIS = '…';

/** Moves a cut position back to a safe place: returns an index in [0, index]. */
export type SafeCut = (text: string, index: number) => number;

/**
 * Shorten text to at most `max` characters. Cuts at the last space when one is in the second half,
 * else inside the word (at a `safeCut` place); either way the result ends with "…". Text that fits
 * is returned unchanged; line breaks are kept.
 * @throws RangeError when max < 2.
 */
export function truncateText(text: string, max: number, safeCut: SafeCut): string {
  if (max < 2) throw new RangeError(`max must be at least 2, got ${max}`);
  if (text.length <= max) return text;
  const room = max - ELLIPSIS.length;
  const space = text.lastIndexOf(' ', room);
  const cut = space >= room / 2 ? space : safeCut(text, room);
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
 * line or word boundary; only a single word longer than a piece is cut inside (at a `safeCut`
 * place), and then the piece ends with "…" and the next begins with "…". Whitespace at the breaks
 * is dropped; empty input gives [].
 * @throws RangeError when limit < 8.
 */
export function splitText(text: string, limit: number, safeCut: SafeCut): string[] {
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
      const hard = Math.max(1, safeCut(rest, room - ELLIPSIS.length));
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
 * kept (alignment in code blocks). Returns groups of lines.
 */
export function groupLines(lines: string[], limit: number, overhead: number, safeCut: SafeCut): string[][] {
  const room = limit - overhead;
  const groups: string[][] = [];
  let current: string[] = [];
  let size = 0;
  for (const line of lines) {
    const parts = line.length > room ? splitText(line, room, safeCut) : [line];
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
