/**
 * Poster: how core and the scheduler talk to a chat channel. Each adapter implements one
 * (Slack: chat.postMessage / chat.update; Discord: channel messages; terminal: stdout).
 */
import type { Platform } from '../context.js';
import type { Reply } from '../reply.js';

/** Where a posted message lives; stored (as JSON) on the round so it can be updated after a restart. */
export interface MessageRef {
  platform: Platform;
  /**
   * The team (workspace) the message is in, set by posters of platforms installed in many teams
   * (each team has its own credentials). Absent in refs stored before it existed: the poster then
   * uses its single-team credentials.
   */
  teamId?: string;
  channelId: string;
  /** Slack message `ts`, Discord message id, terminal line counter. */
  messageId: string;
}

/** Why a post failed, in the platform-neutral terms the scheduler acts on. */
export type PosterFailure =
  /** Channel gone or unknown (Slack channel_not_found, Discord 10003 Unknown Channel). */
  | 'channel_not_found'
  /** Bot not in the channel or lacks permission (Slack not_in_channel, Discord 50001/50013). */
  | 'forbidden'
  /** Rate limited after the client's own retries. */
  | 'rate_limited'
  /** Network or 5xx: worth a bounded retry. */
  | 'transient'
  | 'unknown';

/** Error thrown by a Poster. `permanent` failures pause a subscription; others may be retried. */
export class PosterError extends Error {
  constructor(
    readonly failure: PosterFailure,
    message: string,
    readonly permanent: boolean = failure === 'channel_not_found' || failure === 'forbidden',
  ) {
    super(message);
    this.name = 'PosterError';
  }
}

/** Posts and updates channel messages on one platform. */
export interface Poster {
  readonly platform: Platform;
  /**
   * Post `reply` as a channel message in team `teamId` (needed by platforms installed in many teams,
   * where each team has its own credentials; others ignore it).
   * @throws PosterError on failure.
   */
  post(channelId: string, reply: Reply, teamId?: string): Promise<MessageRef>;
  /**
   * Replace a posted message's content with `reply` (a live answer count, or a round's reveal).
   * @throws PosterError on failure.
   */
  update(ref: MessageRef, reply: Reply): Promise<void>;
  /**
   * Send `reply` to one user as a direct message (opening the conversation first where the platform
   * needs that). A user who does not accept direct messages from the bot is a permanent 'forbidden'.
   * `teamId` as for `post`.
   * @throws PosterError on failure.
   */
  sendDirect(userId: string, reply: Reply, teamId?: string): Promise<MessageRef>;
  /**
   * Post `reply` as a reply in the thread under the channel message `parent` (the thread is started
   * when it has none), so discussion stays out of the channel. Present only on platforms with threads
   * (Slack: chat.postMessage with `thread_ts`; Discord: a thread started from the message; the
   * terminal: an indented reply). Core posts a revealed round's explanation of every choice there.
   * @throws PosterError on failure.
   */
  postInThread?(parent: MessageRef, reply: Reply): Promise<MessageRef>;
}

/** The posters of the configured adapters, by platform id (see ChatAdapter.platform). */
export type PosterRegistry = Partial<Record<Platform, Poster>>;
