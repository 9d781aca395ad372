/**
 * Slack mrkdwn helpers: escaping and splitting text under Block Kit's length limits.
 * Lengths are counted in UTF-16 code units (JavaScript string length), which is never less than
 * what Slack counts, so a piece that fits here fits in Slack.
 */

/** The ellipsis that marks a cut inside a word. */
export const ELLIPSIS = '…';

/**
 * Escape text for a mrkdwn field: `&` -> `&amp;`, `<` -> `&lt;`, `>` -> `&gt;` (the three characters
 * Slack's formatting treats as control characters). Everything else, backticks included, passes through.
 */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * Move a cut position back so it splits neither a UTF-16 surrogate pair nor an escape entity
 * (`&amp;`, `&lt;`, `&gt;`). Returns an index in [0, index].
 */
export function safeCutIndex(text: string, index: number): number {
  let cut = Math.max(0, Math.min(index, text.length));
  if (cut > 0 && cut < text.length) {
    const code = text.charCodeAt(cut - 1);
    if (code >= 0xd800 && code <= 0xdbff) cut -= 1;
  }
  const amp = text.lastIndexOf('&', cut - 1);
  if (amp >= 0 && cut - amp < 5) {
    const semi = text.indexOf(';', amp);
    if (semi >= cut && semi - amp <= 4) cut = amp;
  }
  return cut;
}

/**
 * Shorten text to at most `max` characters. Cuts at the last space when one is in the second half,
 * else inside the word; either way the result ends with "…". Text that fits is returned unchanged.
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
 * Split already-escaped mrkdwn into pieces of at most `limit` characters. Breaks at paragraph, line
 * or word boundaries; only a single word longer than a piece is cut inside, and then the piece ends
 * with "…" and the next begins with "…". Whitespace at the breaks is dropped; empty input gives [].
 * @throws RangeError when limit < 8.
 */
export function splitMrkdwn(text: string, limit: number): string[] {
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
 * Group lines into pieces whose joined text ("\n" between lines) plus `overhead` characters stays
 * within `limit`. A line too long on its own is split with {@link splitMrkdwn} first. Keeps each line's
 * leading spaces (alignment in code blocks). Returns groups of lines.
 */
export function groupLines(lines: string[], limit: number, overhead = 0): string[][] {
  const room = limit - overhead;
  const groups: string[][] = [];
  let current: string[] = [];
  let size = 0;
  const flush = () => {
    if (current.length > 0) groups.push(current);
    current = [];
    size = 0;
  };
  for (const line of lines) {
    const parts = line.length > room ? splitMrkdwn(line, room) : [line];
    for (const part of parts) {
      const added = current.length === 0 ? part.length : part.length + 1;
      if (size + added > room) flush();
      current.push(part);
      size += current.length === 1 ? part.length : part.length + 1;
    }
  }
  flush();
  return groups;
}
