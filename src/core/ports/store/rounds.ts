/**
 * The rounds port: rounds asked in a channel (or to one user, for practice), their message refs,
 * closing and question history. Times are UTC epoch milliseconds; local dates "YYYY-MM-DD" in the
 * channel's time zone (computed by core). Every method is one transaction and returns a Promise.
 */
import type { ChannelScope } from '../../context.js';
import type { MessageRef } from '../poster.js';

/** daily: posted by the scheduler; channel: `quiz here`; practice: `quiz`, seen by one user only. */
export type RoundKind = 'daily' | 'channel' | 'practice';

/** A stored round: one question asked in one channel (or to one user, for practice). */
export interface RoundRow extends ChannelScope {
  id: number;
  kind: RoundKind;
  deckId: string;
  questionId: string;
  /** choiceOrder[i] = index into the question's `choices` of the choice shown as letter i (A = 0). */
  choiceOrder: number[];
  /** Index into the question's `choices` of the correct choice, frozen when the round opened. */
  correctIndex: number;
  /** The question's tags when the round opened (stats survive a question's later removal). */
  tags: string[];
  /** User id of whoever opened it; null for the scheduler. Practice rounds: the only user who may answer. */
  openedBy: string | null;
  openedAt: number;
  /** When an on-demand round closes by itself (ms), or null. */
  closesAt: number | null;
  closedAt: number | null;
  /** Daily rounds: the channel-local date it was posted for; unique per channel. Else null. */
  localDate: string | null;
  /** Where the round message was posted, once it was. */
  messageRef: MessageRef | null;
}

/** What `createRound` needs. */
export type NewRound = Omit<RoundRow, 'id' | 'closedAt' | 'messageRef'>;

/**
 * Rejected by `createRound` when the round would break a uniqueness rule: a second daily round for
 * the same (channel, localDate), or a second open `channel` round in a channel. `existing` is the
 * round already there.
 */
export class RoundConflictError extends Error {
  constructor(readonly existing: RoundRow) {
    super(`round ${existing.id} already holds this slot`);
    this.name = 'RoundConflictError';
  }
}

/** A question's history in a channel (daily and channel rounds), for picking the next one. */
export interface QuestionHistoryRow {
  deckId: string;
  questionId: string;
  /** How many rounds in the channel asked it. */
  times: number;
  lastOpenedAt: number;
  answered: number;
  correct: number;
}

/** Rounds: creating, reading, posting and closing them. */
export interface RoundsPort {
  /** Rejects with RoundConflictError (see there). */
  createRound(round: NewRound): Promise<RoundRow>;
  getRound(id: number): Promise<RoundRow | undefined>;
  /**
   * The round and the time zone of its channel's subscription (undefined when the channel has
   * none) in one read: what every answer click needs first.
   */
  getRoundWithZone(id: number): Promise<{ round: RoundRow; timeZone: string | undefined } | undefined>;
  /** The channel's open `channel` round, if any. */
  openChannelRound(channel: ChannelScope): Promise<RoundRow | undefined>;
  /** The channel's most recent daily round (by localDate), if any. */
  latestDailyRound(channel: ChannelScope): Promise<RoundRow | undefined>;
  /**
   * The user's newest open practice round in the channel (from `quiz`: untimed, answered with
   * `answer <round> <letter>`), if any. A mock exam's rounds (practice rounds with a `closesAt`,
   * answered with `mock answer`) are not returned, nor other users' or closed ones.
   */
  openPracticeRound(channel: ChannelScope, userId: string): Promise<RoundRow | undefined>;
  /** Open daily or channel rounds whose `closesAt` <= now (ms). */
  dueRounds(now: number): Promise<RoundRow[]>;
  setRoundMessage(roundId: number, ref: MessageRef): Promise<void>;
  /** Close a round at `at`. Resolves false when it was already closed (so only one closer reveals). */
  closeRound(roundId: number, at: number): Promise<boolean>;
  /** Delete a round that was never posted and has no answers (a failed post). Resolves true if deleted. */
  deleteUnpostedRound(roundId: number): Promise<boolean>;
  /** Question history of a channel for a deck: daily and channel rounds only. */
  questionHistory(channel: ChannelScope, deckId: string): Promise<QuestionHistoryRow[]>;
}
