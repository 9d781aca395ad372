/**
 * The platform-neutral Reply that every core handler returns. The terminal renders it as plain
 * text (src/core/render-text.ts), Slack as Block Kit, Discord as embeds + components.
 *
 * Text fields hold plain text; `inline code` in backticks is allowed (all three renderers show it).
 * Renderers escape everything else for their platform and split long replies within its limits.
 */
import type { Action } from './action.js';

/** Who sees the reply: everyone in the channel, or only the user who asked (ephemeral). */
type Visibility = 'channel' | 'user';

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

/**
 * A single-choice menu (a reason picker): Slack static_select, Discord string select, terminal one
 * typed command per option. Each option carries the action it stands for; `action` is the menu's
 * own (its component id) and tells the adapter which menu answered.
 */
export interface ReplyMenu {
  action: Action;
  /** Shown before a choice is made, at most 100 characters. */
  placeholder: string;
  /** At most 25 options, labels at most 75 characters. */
  options: { label: string; action: Action }[];
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
  menu?: ReplyMenu;
  /** Small print at the end, e.g. "Chapter 8 · AWS KMS Fundamentals". */
  footer?: string;
  /** Set when this reply *is* a round message (its post or its reveal), so adapters can track it. */
  round?: { id: number; state: 'open' | 'closed'; answered: number };
  /**
   * True when the effect is already visible to the user (e.g. a round was just posted in the channel),
   * so an adapter may acknowledge silently instead of showing this reply.
   */
  quiet?: boolean;
  /**
   * How the request ended, for callers that report it (the one-shot `ask` exit status, see
   * exitStatusOf): 'not-found' when what it named does not exist or there was nothing to act on;
   * 'refused' for bad input or a request that may not be done. Absent: 'refused' when tone is
   * 'error', else handled.
   */
  outcome?: 'not-found' | 'refused';
}

/**
 * The one rule for a one-shot command's exit status: 0 when the request was handled, 1 when what it
 * named was not found or it was refused (Reply.outcome, or an 'error' tone).
 */
export function exitStatusOf(reply: Reply): 0 | 1 {
  return reply.outcome !== undefined || reply.tone === 'error' ? 1 : 0;
}
