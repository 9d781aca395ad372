/**
 * The terminal channel's Poster: channel posts (rounds, reveals, digests) are printed with a
 * "── #terminal ──" marker so they stand apart from replies only the user sees; thread replies are
 * printed indented under a "thread of message N" marker.
 */
import type { MessageRef, Poster } from '../../core/ports/poster.js';
import type { Reply } from '../../core/reply.js';
import { renderText, type RenderTextOptions } from '../../core/render-text.js';
import { saveReplyImages } from './images.js';

/** Options of the terminal poster. */
export interface TerminalPosterOptions extends RenderTextOptions {
  /** Print live answer-count updates of open rounds as a one-line note (default true). */
  showCountUpdates?: boolean;
}

/** Prints posts and updates through `write` (one call per message, no trailing newline). */
export class TerminalPoster implements Poster {
  readonly platform = 'terminal' as const;
  private counter = 0;
  /** Replies printed per thread, by parent message id (thread replies are numbered "<parent>.<n>"). */
  private readonly threadReplies = new Map<string, number>();

  constructor(
    private readonly write: (text: string) => void,
    private readonly options: TerminalPosterOptions = {},
  ) {}

  /** Print `reply` as a new channel message; the message id is a counter ("1", "2", …). */
  async post(channelId: string, reply: Reply): Promise<MessageRef> {
    this.counter += 1;
    this.write(`${marker(`#${channelId}`)}\n${renderText(saveReplyImages(reply), this.options)}`);
    return { platform: 'terminal', channelId, messageId: String(this.counter) };
  }

  /** Print a direct message to `userId` with a "── direct message to <user> ──" marker. */
  async sendDirect(userId: string, reply: Reply): Promise<MessageRef> {
    this.counter += 1;
    this.write(`${marker(`direct message to ${userId}`)}\n${renderText(reply, this.options)}`);
    return { platform: 'terminal', channelId: `dm:${userId}`, messageId: String(this.counter) };
  }

  /**
   * Print a reply in the thread under message `parent`: a "── #channel · thread of message N ──" marker
   * and the reply with every line indented by "  │ ", so it reads as set apart from the channel. The
   * reply's message id is "<parent id>.<n>" (channel posts keep their own counter).
   */
  async postInThread(parent: MessageRef, reply: Reply): Promise<MessageRef> {
    const replies = (this.threadReplies.get(parent.messageId) ?? 0) + 1;
    this.threadReplies.set(parent.messageId, replies);
    const body = renderText(saveReplyImages(reply), this.options)
      .split('\n')
      .map((line) => `  │ ${line}`.trimEnd())
      .join('\n');
    this.write(`${marker(`#${parent.channelId} · thread of message ${parent.messageId}`)}\n${body}`);
    return { platform: 'terminal', channelId: parent.channelId, messageId: `${parent.messageId}.${replies}` };
  }

  /** Print an update: a one-line note for an open round's new answer count, the whole message otherwise. */
  async update(ref: MessageRef, reply: Reply): Promise<void> {
    if (reply.round?.state === 'open') {
      if (this.options.showCountUpdates === false) return;
      this.write(marker(`#${ref.channelId} · round #${reply.round.id}: ${reply.round.answered} answered`));
      return;
    }
    const what = reply.round ? `round #${reply.round.id} closed` : `message ${ref.messageId} updated`;
    this.write(`${marker(`#${ref.channelId} · ${what}`)}\n${renderText(saveReplyImages(reply), this.options)}`);
  }
}

/** "── #terminal ──" style marker line. */
export function marker(label: string): string {
  return `── ${label} ──`;
}
