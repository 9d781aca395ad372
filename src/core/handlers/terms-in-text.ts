/**
 * `terms in <text>` and "explain the terms in this message": the deck terms a piece of text names
 * (deck/terms-in-text.ts), each with its one-line summary, for the asker only.
 */
import type { DeckLibrary } from '../deck/library.js';
import { MAX_TERMS_IN_TEXT, termsInText } from '../deck/terms-in-text.js';
import type { Reply, ReplyBlock } from '../reply.js';
import { SPOT } from '../text/explain.js';
import { explainQueryFor } from './explain.js';

/** Most terms listed in one reply (termsInText may find a few more: then the reply says the list stops early). */
export const SHOWN_TERMS = 8;

/**
 * The reply listing the terms `text` names (channel deck `channelDeckId` first), at most
 * SHOWN_TERMS, each as a section "name" + summary and the `explain` query for its card.
 * Text that is empty or not a string, or names no term, gets a 'not-found' reply saying so. Any
 * length and any characters are safe (only the first MAX_SCANNED_CHARS are read). Never throws.
 */
export function handleTermsInText(library: DeckLibrary, text: unknown, channelDeckId?: string): Reply {
  if (typeof text !== 'string' || normaliseSpace(text) === '') {
    return { visibility: 'user', tone: 'warning', outcome: 'not-found', title: SPOT.noText.title, blocks: [{ type: 'text', text: SPOT.noText.text }] };
  }
  // More found than shown tells the reader the list stops early.
  const found = termsInText(library, text, channelDeckId, MAX_TERMS_IN_TEXT);
  if (found.length === 0) {
    return { visibility: 'user', tone: 'info', outcome: 'not-found', title: SPOT.none.title, blocks: [{ type: 'text', text: SPOT.none.text }] };
  }
  const blocks: ReplyBlock[] = found.slice(0, SHOWN_TERMS).map(({ term }) => ({
    type: 'section',
    heading: term.name,
    text: `${term.summary} \`explain ${explainQueryFor(library, term)}\``,
  }));
  if (found.length > SHOWN_TERMS) blocks.push({ type: 'text', text: SPOT.more(SHOWN_TERMS) });
  return { visibility: 'user', tone: 'info', title: SPOT.title(Math.min(found.length, SHOWN_TERMS)), blocks, footer: SPOT.footer };
}

/** `text` with control characters and runs of white space as single spaces, trimmed. */
function normaliseSpace(text: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is removed here.
  return text.replace(/[\u0000-\u001f\u007f-\u009f\s]+/g, ' ').trim();
}
