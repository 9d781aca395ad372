/**
 * Small constructors for the reply shapes every handler uses (a friendly error, a plain notice),
 * so handlers stay about their subcommand.
 */
import type { Reply, ReplyBlock } from '../reply.js';

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
  return errorReply(
    'Sorry — something went wrong on my side',
    'That did not work because of an internal error (it has been logged). Please try again.',
  );
}

/**
 * The answer when the store is unavailable: `busy` (another process holds the write lock: try again)
 * or `damaged` (the database file is corrupt: stored data may be missing until it is restored; it
 * never claims nothing was lost).
 */
export function storeUnavailableReply(kind: 'busy' | 'damaged'): Reply {
  if (kind === 'busy') {
    return errorReply(
      'The database is busy — try again',
      'Another process is writing to the database right now, so that did not go through. Please try again in a moment.',
    );
  }
  return errorReply(
    'Sorry — the database is damaged',
    'The bot could not read or save that because its database file is damaged. Stored answers and scores may be missing until whoever runs the bot restores it from a backup.',
  );
}

/** "Chapter 8 · <section>" for a card's footer. */
export function chapterFooter(chapterNumber: number, section: string): string {
  return `Chapter ${chapterNumber} · ${section}`;
}
