/**
 * The reveal of a round hides its answer behind Discord spoilers (`||text||`) for anyone scrolling
 * back: the sections (the answer, why, the most-picked wrong choice) and the split of the answers
 * (whose ✓ marks the right letter). A "Show answer" button under it answers the clicker privately
 * with the same embeds, spoilers removed. Text inside is already escaped (markdown.ts escapes every
 * `|` of user and deck text), so the only unescaped `||` are these markers.
 */
import type { APIEmbed } from 'discord.js';

/** The custom id of the "Show answer" button (not an encoded core action: the adapter answers it). */
export const SHOW_ANSWER_ID = 'discord:show-answer';

/** Characters a spoiler adds around its text. */
export const SPOILER_OVERHEAD = 4;

/** Already-escaped text behind a spoiler. */
export function spoiler(text: string): string {
  return `||${text}||`;
}

/**
 * One preformatted line as inline code, for a run of lines behind one spoiler (a code block inside
 * a spoiler is not hidden by every Discord client; inline code keeps the bars monospaced).
 * Backticks in the line become ˋ; adds 2 characters.
 */
export function inlineCodeLine(line: string): string {
  return `\`${line.replace(/`/g, 'ˋ') || ' '}\``;
}

/** Text with its spoiler markers removed: every unescaped `||` (a backslash escapes the next character). */
export function withoutSpoilers(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\\' && i + 1 < text.length) {
      out += c + text[i + 1];
      i += 1;
    } else if (c === '|' && text[i + 1] === '|') {
      i += 1;
    } else out += c;
  }
  return out;
}

/** An embed with the spoilers of its description and fields removed (the private "Show answer" copy). */
export function unspoiledEmbed(embed: APIEmbed): APIEmbed {
  return {
    ...embed,
    ...(embed.description ? { description: withoutSpoilers(embed.description) } : {}),
    ...(embed.fields ? { fields: embed.fields.map((f) => ({ ...f, value: withoutSpoilers(f.value) })) } : {}),
  };
}
