/**
 * Small constructors for the reply shapes every handler uses (a friendly error, a plain notice),
 * so handlers stay about their subcommand.
 */
import type { Reply, ReplyBlock } from '../reply.js';
import { CARD } from '../text/common.js';
import type { StoreUnavailableKind } from '../ports/store-unavailable.js';
import { ERRORS } from '../text/errors.js';

/** A reply only the asker sees, telling them what was wrong (tone 'error'). */
export function errorReply(title: string, ...lines: string[]): Reply {
  return {
    visibility: 'user',
    tone: 'error',
    title,
    blocks: lines.map((text): ReplyBlock => ({ type: 'text', text })),
  };
}

/** A reply only the asker sees, with a title and paragraphs (tone 'info' unless given). */
export function noticeReply(title: string, lines: string[], tone: Reply['tone'] = 'info'): Reply {
  return {
    visibility: 'user',
    tone,
    title,
    blocks: lines.map((text): ReplyBlock => ({ type: 'text', text })),
  };
}

/**
 * The apology for an unexpected failure (a bug): says it was logged and to try again. It promises
 * nothing about stored data (the failure may be the storage itself).
 */
export function apologyReply(): Reply {
  return errorReply(ERRORS.apology.title, ERRORS.apology.text);
}

/**
 * The answer when the store is unavailable: `busy` (another process holds the write lock: try again),
 * `closed` (the bot is stopping: try again once it is back) or `damaged` (the database file is corrupt:
 * stored data may be missing until it is restored; it never claims nothing was lost).
 */
export function storeUnavailableReply(kind: StoreUnavailableKind): Reply {
  if (kind === 'busy') {
    return errorReply(ERRORS.storeBusy.title, ERRORS.storeBusy.text);
  }
  if (kind === 'closed') return errorReply(ERRORS.storeClosed.title, ERRORS.storeClosed.text);
  return errorReply(ERRORS.storeDamaged.title, ERRORS.storeDamaged.text);
}

/** "Chapter 8 · <section>" for a card's footer. */
export function chapterFooter(chapterNumber: number, section: string): string {
  return CARD.chapterFooter(chapterNumber, section);
}
