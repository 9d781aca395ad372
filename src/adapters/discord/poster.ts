/**
 * The Discord Poster: round messages (and the scheduler's daily posts) as channel messages over
 * discord.js's REST client, which queues, rate-limits and retries. `post` creates a message
 * (POST /channels/:id/messages), `update` edits it (PATCH /channels/:id/messages/:mid); a closed
 * round's edit shows the reveal with its buttons disabled. `postInThread` starts a public thread
 * from a message (POST /channels/:id/messages/:mid/threads) and posts in it. Failures become
 * PosterErrors and are logged with the channel id.
 */
import { DiscordAPIError, Routes, type APIChannel, type APIMessage, type REST, type RequestData } from 'discord.js';
import type { Logger } from '../../core/ports/logger.js';
import type { MessageRef, Poster, PosterError } from '../../core/ports/poster.js';
import type { Reply } from '../../core/reply.js';
import { type DiscordMessage, messageBody, renderReply } from './embeds.js';
import { truncateText } from './markdown.js';
import { posterErrorFrom } from './poster-error.js';
import { EN } from './text.js';

/** Discord's "A thread has already been created for this message" (the thread's id is then the message's). */
const THREAD_EXISTS = 160004;

/** Longest thread name (Discord's limit). */
const THREAD_NAME_MAX = 100;

/** Minutes of inactivity before Discord archives a discussion thread (one day). */
const THREAD_ARCHIVE_MINUTES = 1440;

/** The part of discord.js's REST client the Poster uses. */
export type RestClient = Pick<REST, 'post' | 'patch'>;

/** A REST request for a rendered message: its JSON body, and its pictures as multipart files. */
function restRequest(message: DiscordMessage | undefined): Pick<RequestData, 'body' | 'files'> {
  if (!message) return { body: {} };
  const body = messageBody(message);
  if (!message.files) return { body };
  return { body, files: message.files.map((f) => ({ name: f.name, data: Buffer.from(f.data), contentType: 'image/png' })) };
}

/** Posts and edits channel messages on Discord. */
export class DiscordPoster implements Poster {
  readonly platform = 'discord' as const;

  constructor(
    private readonly rest: RestClient,
    private readonly logger: Logger,
  ) {}

  /**
   * Post `reply` as one message in `channelId` (rendered in single-message mode: content beyond
   * one message's limits is shortened). @throws PosterError
   */
  async post(channelId: string, reply: Reply): Promise<MessageRef> {
    const [message] = renderReply(reply, { singleMessage: true });
    try {
      const created = (await this.rest.post(Routes.channelMessages(channelId), restRequest(message))) as APIMessage;
      return { platform: 'discord', channelId: created.channel_id ?? channelId, messageId: created.id };
    } catch (err) {
      throw this.fail(err, channelId, 'post');
    }
  }

  /** Replace the message at `ref` with `reply` (embeds and components). @throws PosterError */
  async update(ref: MessageRef, reply: Reply): Promise<void> {
    const [message] = renderReply(reply, { singleMessage: true });
    try {
      await this.rest.patch(Routes.channelMessage(ref.channelId, ref.messageId), restRequest(message));
    } catch (err) {
      throw this.fail(err, ref.channelId, 'update', ref.messageId);
    }
  }

  /**
   * Open the DM channel with `userId` (POST /users/@me/channels with `recipient_id`), then post
   * `reply` there. A user who does not accept DMs from the bot (50007) is a permanent 'forbidden'.
   * @throws PosterError
   */
  async sendDirect(userId: string, reply: Reply): Promise<MessageRef> {
    let channel: APIChannel;
    try {
      channel = (await this.rest.post(Routes.userChannels(), { body: { recipient_id: userId } })) as APIChannel;
    } catch (err) {
      throw this.fail(err, `dm:${userId}`, 'post');
    }
    return this.post(channel.id, reply);
  }

  /**
   * Post `reply` in the thread under the channel message `parent`, starting a public thread from it
   * (named after the reply's title) unless it has one already. When the bot may not create threads
   * there (Missing Permissions / Access), one line in the channel says so, and the failure is
   * thrown. @throws PosterError
   */
  async postInThread(parent: MessageRef, reply: Reply): Promise<MessageRef> {
    let threadId: string;
    try {
      const name = truncateText((reply.title ?? '').replace(/\s+/g, ' ').trim() || EN.threadName, THREAD_NAME_MAX);
      const thread = (await this.rest.post(Routes.threads(parent.channelId, parent.messageId), {
        body: { name, auto_archive_duration: THREAD_ARCHIVE_MINUTES },
      })) as APIChannel;
      threadId = thread.id;
    } catch (err) {
      if (err instanceof DiscordAPIError && err.code === THREAD_EXISTS) {
        threadId = parent.messageId;
      } else {
        const error = this.fail(err, parent.channelId, 'start a thread on', parent.messageId);
        if (error.failure === 'forbidden') await this.tellNoThread(parent.channelId);
        throw error;
      }
    }
    return this.post(threadId, reply);
  }

  /** One plain line in the channel saying the discussion thread could not be started; a failure is only logged. */
  private async tellNoThread(channelId: string): Promise<void> {
    try {
      await this.rest.post(Routes.channelMessages(channelId), { body: { content: EN.threadRefused, allowed_mentions: { parse: [] } } });
    } catch (err) {
      this.fail(err, channelId, 'post');
    }
  }

  private fail(err: unknown, channelId: string, op: 'post' | 'update' | 'start a thread on', messageId?: string): PosterError {
    const error = posterErrorFrom(err, channelId);
    this.logger.warn(
      { channelId, ...(messageId ? { messageId } : {}), op, failure: error.failure, reason: error.message },
      `could not ${op} a Discord channel message`,
    );
    return error;
  }
}
