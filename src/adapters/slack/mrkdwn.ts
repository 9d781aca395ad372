/**
 * Slack mrkdwn helpers: escaping and splitting text under Block Kit's length limits.
 * Lengths are counted in UTF-16 code units (JavaScript string length), which is never less than
 * what Slack counts, so a piece that fits here fits in Slack.
 */

import { ELLIPSIS, groupLines as groupWith, splitText as splitWith, truncateText as truncateWith } from '../text-pieces.js';

export { ELLIPSIS };

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

/** Shorten text to at most `max` characters, ending in "…" when cut (see text-pieces.ts). */
export function truncateText(text: string, max: number): string {
  return truncateWith(text, max, safeCutIndex);
}

/**
 * Split already-escaped mrkdwn into pieces of at most `limit` characters, at paragraph, line or word
 * boundaries, never inside an escape entity (see text-pieces.ts `splitText`).
 * @throws RangeError when limit < 8.
 */
export function splitMrkdwn(text: string, limit: number): string[] {
  return splitWith(text, limit, safeCutIndex);
}

/** Group lines so each group's joined text plus `overhead` stays within `limit` (see text-pieces.ts). */
export function groupLines(lines: string[], limit: number, overhead = 0): string[][] {
  return groupWith(lines, limit, overhead, safeCutIndex);
}
