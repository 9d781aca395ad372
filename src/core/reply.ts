/**
 * The platform-neutral Reply that every core handler returns. The terminal renders it as plain
 * text (src/core/render-text.ts), Slack as Block Kit, Discord as embeds + components.
 *
 * Text fields hold plain text; `inline code` in backticks is allowed (all three renderers show it).
 * Renderers escape everything else for their platform and split long replies within its limits.
 */
import type { Action } from './action.js';

/** Who sees the reply: everyone in the channel, or only the user who asked (ephemeral). */
export type Visibility = 'channel' | 'user';

/** Colour/emoji hint for renderers. */
export type Tone = 'info' | 'success' | 'warning' | 'error';

/** One block of a reply, rendered top to bottom. */
export type ReplyBlock =
  /** A paragraph of plain text. */
  | { type: 'text'; text: string }
  /** A titled paragraph, e.g. "Exam tip" + text. */
  | { type: 'section'; heading: string; text: string }
  /** Short label/value pairs shown side by side where the platform can (Discord embed fields). */
  | { type: 'fields'; fields: { label: string; value: string }[] }
  /** A question's lettered choices, in the round's stored order. */
  | { type: 'choices'; choices: { letter: string; text: string }[] }
  /** A bulleted list. */
  | { type: 'list'; items: string[] }
  /** Preformatted lines (leaderboards, stats bars): renderers use a code block to keep alignment. */
  | { type: 'pre'; lines: string[] }
  /**
   * A picture (a chart) as PNG bytes with its alt text, always beside text that says the same
   * (text bars), so platforms or users without images lose nothing. Slack uploads it through its
   * file upload API, Discord attaches it to the embed (`attachment://<name>`), the terminal writes
   * it to a file and prints the path; a renderer that shows no images prints the alt text.
   */
  | ReplyImage;

/** See the `image` ReplyBlock. */
export interface ReplyImage {
  type: 'image';
  /** File name, lower-case letters, digits and dashes plus ".png", e.g. "stats-topics.png"; unique within one reply. */
  name: string;
  /** The PNG file's bytes. */
  png: Uint8Array;
  /** What the picture shows, in one sentence (alt text; also its caption where nothing else is shown). */
  alt: string;
}

/** A button. The adapter encodes `action` with `encodeAction` into its custom id / action value. */
export interface ReplyButton {
  action: Action;
  /** Short label; adapters truncate to their limit (Slack 75, Discord 80 characters). */
  label: string;
  style?: 'primary' | 'danger';
}

/** A checklist the user ticks (a scenario's rubric): Slack checkboxes, Discord select menu, terminal command. */
export interface ReplyChecklist {
  scenarioId: string;
  /** Rubric points, index = position in the scenario's rubric. */
  options: { index: number; label: string }[];
}

/** A platform-neutral reply. */
export interface Reply {
  visibility: Visibility;
  tone: Tone;
  /** Headline, e.g. the term's name or "Round #12 · KMS". At most ~200 characters. */
  title?: string;
  blocks: ReplyBlock[];
  buttons?: ReplyButton[];
  checklist?: ReplyChecklist;
  /** Small print at the end, e.g. "Chapter 8 · AWS KMS Fundamentals". */
  footer?: string;
  /** Set when this reply *is* a round message (its post or its reveal), so adapters can track it. */
  round?: { id: number; state: 'open' | 'closed'; answered: number };
  /**
   * True when the effect is already visible to the user (e.g. a round was just posted in the channel),
   * so an adapter may acknowledge silently instead of showing this reply.
   */
  quiet?: boolean;
}
