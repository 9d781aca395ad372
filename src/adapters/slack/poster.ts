/**
 * The Slack Poster: channel messages through the Web API (chat.postMessage / chat.update). Core posts
 * rounds and reveals through it, and a revealed round's explanations in the thread under it
 * (chat.postMessage with thread_ts); the scheduler posts daily rounds and digests.
 */
import type { webApi } from '@slack/bolt';
import type { Logger } from '../../core/ports/logger.js';
import { PosterError, type MessageRef, type Poster } from '../../core/ports/poster.js';
import type { Reply } from '../../core/reply.js';
import { renderReply } from './block-kit.js';
import { type ImageDestination, shareReplyImages } from './slack-images.js';
import { classifySlackError, toPosterError } from './web-api-errors.js';

type WebClient = webApi.WebClient;

/** conversations.open errors meaning the bot may not message that user. */
const DM_REFUSED = new Set(['user_disabled', 'user_not_visible', 'user_not_found', 'cannot_dm_bot']);

/** Posts and updates Slack channel messages. Every failure becomes a PosterError (see web-api-errors.ts). */
export class SlackPoster implements Poster {
  readonly platform = 'slack' as const;

  /** `client` must carry the bot token (Bolt's `app.client` does). */
  constructor(
    private readonly client: WebClient,
    private readonly logger: Logger,
  ) {}

  /**
   * Post `reply` in `channelId`. A round message (reply.round set) is always one message so it can be
   * updated later; other long replies may become several messages, and the first one's ref is returned.
   * @throws PosterError (channel_not_found, forbidden, rate_limited, transient, unknown).
   */
  async post(channelId: string, reply: Reply): Promise<MessageRef> {
    const messages = renderReply(reply, { singleMessage: reply.round !== undefined });
    let first: MessageRef | undefined;
    for (const message of messages) {
      try {
        const res = await this.client.chat.postMessage({
          channel: channelId,
          text: message.text,
          blocks: message.blocks,
          unfurl_links: false,
          unfurl_media: false,
        });
        if (!first) {
          if (!res.ts) throw new Error('chat.postMessage returned no ts');
          first = { platform: 'slack', channelId: res.channel ?? channelId, messageId: res.ts };
        }
      } catch (err) {
        throw this.fail(err, 'chat.postMessage', channelId);
      }
    }
    await shareReplyImages(this.client, this.logger, reply, { channelId: first?.channelId ?? channelId });
    // renderReply always returns at least one message, so `first` is set here.
    if (!first) throw new Error('renderReply returned no message to post');
    return first;
  }

  /**
   * Post `reply` in the thread under the channel message `parent` (chat.postMessage with `thread_ts`
   * = the parent's ts, not broadcast to the channel). A long reply may become several thread replies;
   * the first one's ref is returned.
   * @throws PosterError as for post.
   */
  async postInThread(parent: MessageRef, reply: Reply): Promise<MessageRef> {
    let first: MessageRef | undefined;
    for (const message of renderReply(reply)) {
      try {
        const res = await this.client.chat.postMessage({
          channel: parent.channelId,
          thread_ts: parent.messageId,
          text: message.text,
          blocks: message.blocks,
          unfurl_links: false,
          unfurl_media: false,
        });
        if (!first) {
          if (!res.ts) throw new Error('chat.postMessage returned no ts');
          first = { platform: 'slack', channelId: res.channel ?? parent.channelId, messageId: res.ts };
        }
      } catch (err) {
        throw this.fail(err, 'chat.postMessage', parent.channelId);
      }
    }
    if (!first) throw new Error('renderReply returned no message to post');
    return first;
  }

  /**
   * Replace the message at `ref` with `reply` (a live answer count or a round's reveal), fitted into
   * one message.
   * @throws PosterError as for post.
   */
  async update(ref: MessageRef, reply: Reply): Promise<void> {
    const [message] = renderReply(reply, { singleMessage: true });
    if (!message) throw new Error('renderReply returned no message to update with');
    try {
      await this.client.chat.update({
        channel: ref.channelId,
        ts: ref.messageId,
        text: message.text,
        blocks: message.blocks,
      });
    } catch (err) {
      throw this.fail(err, 'chat.update', ref.channelId);
    }
  }

  /** Share `reply`'s pictures at `destination` (see slack-images.ts); never rejects. */
  shareImages(reply: Reply, destination: ImageDestination): Promise<number> {
    return shareReplyImages(this.client, this.logger, reply, destination);
  }

  /**
   * Open (or resume) the direct message with `userId` (conversations.open with `users`), then post
   * `reply` there. A user Slack will not let the bot message (user_disabled, user_not_visible,
   * user_not_found, cannot_dm_bot) is a permanent 'forbidden'.
   * @throws PosterError as for post.
   */
  async sendDirect(userId: string, reply: Reply): Promise<MessageRef> {
    let channelId: string | undefined;
    try {
      const opened = await this.client.conversations.open({ users: userId });
      channelId = opened.channel?.id;
    } catch (err) {
      const code = classifySlackError(err).code;
      if (DM_REFUSED.has(code)) {
        this.logger.warn({ method: 'conversations.open', user: userId, failure: 'forbidden', code }, 'Slack conversations.open failed');
        throw new PosterError('forbidden', `cannot open a direct message with ${userId} (${code})`);
      }
      throw this.fail(err, 'conversations.open', userId);
    }
    if (channelId === undefined) throw new PosterError('unknown', 'conversations.open returned no channel');
    return this.post(channelId, reply);
  }

  private fail(err: unknown, method: string, channelId: string) {
    const { failure, code } = classifySlackError(err);
    this.logger.warn({ method, channel: channelId, failure, code }, `Slack ${method} failed`);
    return toPosterError(err, method, channelId);
  }
}
