/**
 * The one recording Poster of the tests: it keeps every post and update (in `calls`, and split in
 * `posts` / `updates`), gives message ids `<prefix>1`, `<prefix>2`, …, and can be told to fail:
 * `failNext(channel, ...errors)` makes the next posts there throw those errors, `failAlways(channel,
 * error)` makes every post and update there throw, `updateFailure` makes every update throw, `heal`
 * undoes failures, and `gate` holds every call until the promise settles. Each call yields once
 * (a microtask) before it acts, as a real poster would. Direct messages (`sendDirect`) are kept in
 * `directs`; a user id in `refusesDirect` makes them throw PosterError 'forbidden' (the user does
 * not accept direct messages), and `failNext`/`failAlways` on a user id fail them like a channel's posts.
 * Thread replies (`postInThread`) are kept in `threads`; `threadFailure` makes them throw.
 */
import type { Platform } from '../../src/core/context.js';
import { type MessageRef, type Poster, PosterError } from '../../src/core/ports/poster.js';
import type { Reply } from '../../src/core/reply.js';

/** One recorded post. */
export interface PostCall {
  channelId: string;
  reply: Reply;
  ref: MessageRef;
}

/** One recorded update. */
export interface UpdateCall {
  ref: MessageRef;
  reply: Reply;
}

/** One recorded direct message. */
export interface DirectCall {
  userId: string;
  reply: Reply;
  ref: MessageRef;
}

/** One recorded reply in a thread. */
export interface ThreadCall {
  parent: MessageRef;
  reply: Reply;
  ref: MessageRef;
}

/** One recorded poster call, in call order. */
export type PosterCall = ({ op: 'post' } & PostCall) | ({ op: 'update' } & UpdateCall);

/** A Poster that records what it was asked to post and edit. */
export class RecordingPoster implements Poster {
  readonly calls: PosterCall[] = [];
  readonly posts: PostCall[] = [];
  readonly updates: UpdateCall[] = [];
  /** Direct messages sent, in order (not in `calls`). */
  readonly directs: DirectCall[] = [];
  /** User ids whose direct messages are refused ('forbidden', as a platform answers a closed DM). */
  readonly refusesDirect = new Set<string>();
  /** Replies posted in threads (postInThread), in order (not in `calls`). */
  readonly threads: ThreadCall[] = [];
  /** When set, every postInThread throws it. */
  threadFailure: Error | undefined;
  /** Every post attempt, failed or not, by channel id. */
  readonly attempts: string[] = [];
  /** channelId -> errors thrown by the next posts there (one per call), or by every call (`always`). */
  readonly failures = new Map<string, { errors: Error[]; always?: Error }>();
  /** When set, every update throws it (posts still work). */
  updateFailure: Error | undefined;
  /** When set, post and update wait for it. */
  gate: Promise<void> | undefined;
  private next = 1;

  constructor(
    readonly platform: Platform = 'terminal',
    private readonly prefix = 'm',
  ) {}

  /** The next posts in `channelId` throw `errors`, one per call. */
  failNext(channelId: string, ...errors: Error[]): void {
    this.failures.set(channelId, { errors });
  }

  /** Every post and update in `channelId` throws `error` until healed. */
  failAlways(channelId: string, error: Error): void {
    this.failures.set(channelId, { errors: [], always: error });
  }

  /** Forget the failures of `channelId` (of every channel when omitted). */
  heal(channelId?: string): void {
    if (channelId === undefined) this.failures.clear();
    else this.failures.delete(channelId);
  }

  async post(channelId: string, reply: Reply): Promise<MessageRef> {
    this.attempts.push(channelId);
    await (this.gate ?? Promise.resolve());
    const f = this.failures.get(channelId);
    const err = f?.errors.shift() ?? f?.always;
    if (err) throw err;
    const ref: MessageRef = { platform: this.platform, channelId, messageId: `${this.prefix}${this.next++}` };
    this.posts.push({ channelId, reply, ref });
    this.calls.push({ op: 'post', channelId, reply, ref });
    return ref;
  }

  async update(ref: MessageRef, reply: Reply): Promise<void> {
    await (this.gate ?? Promise.resolve());
    const err = this.updateFailure ?? this.failures.get(ref.channelId)?.always;
    if (err) throw err;
    this.updates.push({ ref, reply });
    this.calls.push({ op: 'update', ref, reply });
  }

  async sendDirect(userId: string, reply: Reply): Promise<MessageRef> {
    await (this.gate ?? Promise.resolve());
    if (this.refusesDirect.has(userId)) throw new PosterError('forbidden', `cannot send messages to ${userId}`);
    const f = this.failures.get(userId);
    const err = f?.errors.shift() ?? f?.always;
    if (err) throw err;
    const ref: MessageRef = { platform: this.platform, channelId: `dm:${userId}`, messageId: `${this.prefix}${this.next++}` };
    this.directs.push({ userId, reply, ref });
    return ref;
  }

  async postInThread(parent: MessageRef, reply: Reply): Promise<MessageRef> {
    await (this.gate ?? Promise.resolve());
    if (this.threadFailure) throw this.threadFailure;
    const ref: MessageRef = { platform: this.platform, channelId: parent.channelId, messageId: `${this.prefix}${this.next++}` };
    this.threads.push({ parent, reply, ref });
    return ref;
  }

  /** The posts made in `channelId`. */
  postsIn(channelId: string): PostCall[] {
    return this.posts.filter((p) => p.channelId === channelId);
  }
}
