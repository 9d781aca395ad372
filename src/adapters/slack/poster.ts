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
import { hasImages, type ImageDestination, shareReplyImages } from './slack-images.js';
import { singleTeamClients, type TeamClients } from './team-clients.js';
import { classifySlackError, toPosterError } from './web-api-errors.js';

type WebClient = webApi.WebClient;

/** conversations.open errors meaning the bot may not message that user. */
const DM_REFUSED = new Set(['user_disabled', 'user_not_visible', 'user_not_found', 'cannot_dm_bot']);

/**
 * Posts and updates Slack channel messages, each with the Web API client of the message's workspace
 * (team-clients.ts). Every failure becomes a PosterError (see web-api-errors.ts).
 */
export class SlackPoster implements Poster {
  readonly platform = 'slack' as const;
  private readonly clients: TeamClients;

  /** `clients`: a client carrying the bot token (Bolt's `app.client` in single-token mode), or the per-team clients. */
  constructor(
    clients: WebClient | TeamClients,
    private readonly logger: Logger,
  ) {
    this.clients = typeof clients === 'function' ? clients : singleTeamClients(clients);
  }

  /**
   * Post `reply` in `channelId`. A round message (reply.round set) is always one message so it can be
   * updated later; other long replies may become several messages, and the first one's ref (with
   * `teamId` when given) is returned.
   * @throws PosterError (channel_not_found, forbidden, rate_limited, transient, unknown; 'forbidden'
   *   too for a workspace the app is no longer installed in).
   */
  async post(channelId: string, reply: Reply, teamId?: string): Promise<MessageRef> {
    const client = await this.clients(teamId);
    const messages = renderReply(reply, { singleMessage: reply.round !== undefined });
    let first: MessageRef | undefined;
    for (const message of messages) {
      try {
        const res = await client.chat.postMessage({
          channel: channelId,
          text: message.text,
          blocks: message.blocks,
          unfurl_links: false,
          unfurl_media: false,
        });
        if (!first) {
          if (!res.ts) throw new Error('chat.postMessage returned no ts');
          first = { platform: 'slack', ...(teamId !== undefined ? { teamId } : {}), channelId: res.channel ?? channelId, messageId: res.ts };
        }
      } catch (err) {
        throw this.fail(err, 'chat.postMessage', channelId);
      }
    }
    await shareReplyImages(client, this.logger, reply, { channelId: first?.channelId ?? channelId });
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
  async postInThread(parent: MessageRef, reply: Reply, teamId?: string): Promise<MessageRef> {
    const team = teamId ?? parent.teamId;
    const client = await this.clients(team);
    let first: MessageRef | undefined;
    for (const message of renderReply(reply)) {
      try {
        const res = await client.chat.postMessage({
          channel: parent.channelId,
          thread_ts: parent.messageId,
          text: message.text,
          blocks: message.blocks,
          unfurl_links: false,
          unfurl_media: false,
        });
        if (!first) {
          if (!res.ts) throw new Error('chat.postMessage returned no ts');
          first = { platform: 'slack', ...(team !== undefined ? { teamId: team } : {}), channelId: res.channel ?? parent.channelId, messageId: res.ts };
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
   * one message, in the ref's workspace.
   * @throws PosterError as for post.
   */
  async update(ref: MessageRef, reply: Reply): Promise<void> {
    const client = await this.clients(ref.teamId);
    const [message] = renderReply(reply, { singleMessage: true });
    if (!message) throw new Error('renderReply returned no message to update with');
    try {
      await client.chat.update({
        channel: ref.channelId,
        ts: ref.messageId,
        text: message.text,
        blocks: message.blocks,
      });
    } catch (err) {
      throw this.fail(err, 'chat.update', ref.channelId);
    }
  }

  /**
   * Share `reply`'s pictures at `destination` in workspace `teamId` (see slack-images.ts); never
   * rejects. A reply without pictures (every answer click's feedback) resolves 0 at once, without
   * looking up the workspace's client (installed in many workspaces, a read of its installation).
   */
  async shareImages(reply: Reply, destination: ImageDestination, teamId?: string): Promise<number> {
    if (!hasImages(reply)) return 0;
    let client: WebClient;
    try {
      client = await this.clients(teamId);
    } catch (err) {
      this.logger.warn({ err, team: teamId }, 'could not share pictures: no Web API client for the workspace');
      return 0;
    }
    return shareReplyImages(client, this.logger, reply, destination);
  }

  /**
   * Open (or resume) the direct message with `userId` (conversations.open with `users`), then post
   * `reply` there. A user Slack will not let the bot message (user_disabled, user_not_visible,
   * user_not_found, cannot_dm_bot) is a permanent 'forbidden'.
   * @throws PosterError as for post.
   */
  async sendDirect(userId: string, reply: Reply, teamId?: string): Promise<MessageRef> {
    const client = await this.clients(teamId);
    let channelId: string | undefined;
    try {
      const opened = await client.conversations.open({ users: userId });
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
    return this.post(channelId, reply, teamId);
  }

  private fail(err: unknown, method: string, channelId: string) {
    const { failure, code } = classifySlackError(err);
    this.logger.warn({ method, channel: channelId, failure, code }, `Slack ${method} failed`);
    return toPosterError(err, method, channelId);
  }
}
