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

/** The apology for an unexpected failure (a bug): says nothing was lost and to try again. */
export function apologyReply(): Reply {
  return errorReply(
    'Sorry — something went wrong on my side',
    'That did not work because of an internal error (it has been logged). Nothing you had stored was lost; please try again.',
  );
}

/** "Chapter 8 · <section>" for a card's footer. */
export function chapterFooter(chapterNumber: number, section: string): string {
  return `Chapter ${chapterNumber} · ${section}`;
}
