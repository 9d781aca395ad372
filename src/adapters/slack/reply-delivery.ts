/**
 * Getting a core Reply in front of people: ephemerally to one user through the request's
 * response_url (`respond`), or to the channel through the Poster (chat.postMessage).
 */
import type { RespondArguments } from '@slack/bolt';
import type { Context } from '../../core/context.js';
import type { Logger } from '../../core/ports/logger.js';
import { PosterError } from '../../core/ports/poster.js';
import type { Reply, Tone } from '../../core/reply.js';
import { renderReply } from './block-kit.js';
import type { SlackPoster } from './poster.js';
import type { Respond } from './response-url.js';
import { describeFailure, SlackPosterError } from './web-api-errors.js';

/** Sends replies for the command and action listeners. */
export class ReplyDelivery {
  constructor(
    private readonly poster: SlackPoster,
    private readonly logger: Logger,
  ) {}

  /**
   * Deliver `reply` for an event in `ctx`: nothing for a quiet reply; visibility 'user' -> ephemeral
   * message(s) via `respond`; 'channel' -> chat.postMessage in ctx.channelId, and when that fails the
   * user is told why in words (ephemerally). Never rejects: failures are logged.
   */
  async deliver(reply: Reply, ctx: Context, respond: Respond | undefined): Promise<void> {
    if (reply.quiet) return;
    if (reply.visibility === 'user') {
      await this.ephemeral(respond, reply);
      // Pictures cannot be ephemeral: they go to the asker's direct message with the bot.
      await this.poster.shareImages(reply, ctx.isDirectMessage ? { channelId: ctx.channelId } : { userId: ctx.userId }, ctx.teamId);
      return;
    }
    try {
      await this.poster.post(ctx.channelId, reply, ctx.teamId);
    } catch (err) {
      if (!(err instanceof PosterError)) throw err;
      const words =
        err instanceof SlackPosterError ? describeFailure(err.slack) : describeFailure({ failure: err.failure, code: err.failure });
      await this.tell(respond, words, 'warning');
    }
  }

  /** Send `reply` to the requesting user only (one respond call per rendered message). */
  async ephemeral(respond: Respond | undefined, reply: Reply): Promise<void> {
    if (!respond) {
      this.logger.warn({ title: reply.title }, 'no response_url: an ephemeral reply was dropped');
      return;
    }
    for (const message of renderReply(reply)) {
      const args: RespondArguments = {
        response_type: 'ephemeral',
        replace_original: false,
        text: message.text,
        blocks: message.blocks,
      };
      try {
        const res: unknown = await respond(args);
        // Bolt's `respond` hands back fetch's Response unread; reading its short body ("ok") frees
        // the keep-alive connection for the next click's feedback instead of leaving it busy until
        // garbage collection (a burst then opened a new connection per response_url post). The
        // listeners' own responder (response-url.ts) has read it already and resolves with nothing.
        const unread = res as { arrayBuffer?: () => Promise<unknown> } | undefined;
        if (typeof unread?.arrayBuffer === 'function') await unread.arrayBuffer();
      } catch (err) {
        this.logger.error({ err, method: 'response_url' }, 'could not answer through response_url');
        return;
      }
    }
  }

  /** Tell the requesting user one sentence, ephemerally. */
  async tell(respond: Respond | undefined, text: string, tone: Tone = 'info'): Promise<void> {
    await this.ephemeral(respond, { visibility: 'user', tone, blocks: [{ type: 'text', text }] });
  }
}
