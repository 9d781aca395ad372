/**
 * The Store port: everything core persists, as plain typed rows. Core declares it; src/store/
 * implements it with better-sqlite3 (SQL never leaves src/store). Every row is scoped by platform
 * and team. Every method is one transaction; times are UTC epoch milliseconds; local dates are
 * "YYYY-MM-DD" strings in the channel's time zone (computed by core and passed in).
 */
import type { ChannelScope, TeamScope } from '../context.js';
import type { MessageRef } from './poster.js';

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
 * Thrown by `createRound` when the round would break a uniqueness rule: a second daily round for
 * the same (channel, localDate), or a second open `channel` round in a channel. `existing` is the
 * round already there.
 */
export class RoundConflictError extends Error {
  constructor(readonly existing: RoundRow) {
    super(`round ${existing.id} already holds this slot`);
    this.name = 'RoundConflictError';
  }
}

/** A stored answer. Unique per (round, user): the first answer is the one that counts. */
export interface AnswerRow extends ChannelScope {
  roundId: number;
  userId: string;
  letter: string;
  /** Index into the question's `choices`. */
  choiceIndex: number;
  correct: boolean;
  /** 1 for a correct round answer, 0 otherwise (practice answers never score points). */
  points: number;
  answeredAt: number;
  localDate: string;
}

/** What `recordAnswer` needs. */
export interface NewAnswer {
  round: RoundRow;
  userId: string;
  userName: string;
  letter: string;
  choiceIndex: number;
  correct: boolean;
  points: number;
  answeredAt: number;
  /** The answer's date in the channel's time zone. */
  localDate: string;
  /** Practice rounds: the user's new ts-fsrs card for this question (JSON), saved in the same transaction. */
  practiceCard?: string;
}

/** The outcome of `recordAnswer`. */
export type RecordAnswerResult =
  | { status: 'recorded'; answer: AnswerRow }
  /** The user had already answered; `existing` is the answer that stands. Nothing was written. */
  | { status: 'duplicate'; existing: AnswerRow }
  /** The round was closed (or deleted) before this answer landed. Nothing was written. */
  | { status: 'closed' };

/** How a round's answers split. */
export interface RoundTally {
  answered: number;
  correct: number;
  /** byChoice[i] = answers that picked the question's choice i (question order, not letter order). */
  byChoice: number[];
}

/**
 * Which answers a board or summary covers. `channelId` narrows to one channel (a study group);
 * `fromDate`/`toDate` are inclusive channel-local dates ("YYYY-MM-DD"); omitted = unbounded.
 * Only round answers (daily and channel) count; practice answers never reach a board.
 */
export interface ScoreQuery {
  scope: TeamScope;
  channelId?: string;
  fromDate?: string;
  toDate?: string;
}

/** One user's totals over a ScoreQuery (unranked: core ranks). */
export interface ScoreLine {
  userId: string;
  userName: string;
  points: number;
  answered: number;
  correct: number;
  /** When the user reached `points` (time of their last point-earning answer in range; if 0 points, their first answer). */
  reachedAt: number;
}

/** Per-tag totals. */
export interface TagTally {
  tag: string;
  answered: number;
  correct: number;
}

/** One user's stats in a team: round and practice answers together, points from rounds only. */
export interface UserStats {
  /** Round (daily and channel) answers only; practice answers are counted in practiceAnswered. */
  answered: number;
  correct: number;
  points: number;
  practiceAnswered: number;
  practiceCorrect: number;
  /** Round and practice answers together, by tag A-Z. */
  byTag: TagTally[];
}

/** A user's daily streak in one channel: consecutive daily rounds answered (right or wrong). */
export interface StreakRow {
  channelId: string;
  /** 0 when a daily round of the channel closed after `lastDate` without this user's answer. */
  current: number;
  best: number;
  lastDate: string | null;
}

/** A channel's daily-quiz subscription. */
export interface SubscriptionRow extends ChannelScope {
  deckId: string;
  /** Local post time "HH:MM" (24 h). */
  time: string;
  /** IANA zone, e.g. "Europe/Berlin". */
  timeZone: string;
  cadence: 'daily' | 'weekdays';
  createdBy: string;
  createdAt: number;
  /** Why posting stopped (channel gone, bot removed, missing permission), or null while active. */
  pausedReason: string | null;
  pausedAt: number | null;
}

/** What `upsertSubscription` needs; an upsert also clears any pause. */
export type NewSubscription = Omit<SubscriptionRow, 'pausedReason' | 'pausedAt'>;

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

/** A user's stored self-score on a scenario's rubric (the latest one counts). */
export interface SelfScoreRow {
  scenarioId: string;
  deckId: string;
  checked: number[];
  total: number;
  at: number;
}

/** The persistence port. Every method runs in one transaction. */
export interface Store {
  // --- users
  /** Remember a user's display name (shown on boards). */
  upsertUser(scope: TeamScope, userId: string, userName: string, at: number): void;
  /** Users of a team whose name or id matches `nameOrId` case-insensitively (exact first, then prefix); at most 5. */
  findUsers(scope: TeamScope, nameOrId: string): { userId: string; userName: string }[];

  // --- rounds
  /** @throws RoundConflictError (see there). */
  createRound(round: NewRound): RoundRow;
  getRound(id: number): RoundRow | undefined;
  /**
   * The round and the time zone of its channel's subscription (undefined when the channel has
   * none) in one read: what every answer click needs first.
   */
  getRoundWithZone(id: number): { round: RoundRow; timeZone: string | undefined } | undefined;
  /** The channel's open `channel` round, if any. */
  openChannelRound(channel: ChannelScope): RoundRow | undefined;
  /** The channel's most recent daily round (by localDate), if any. */
  latestDailyRound(channel: ChannelScope): RoundRow | undefined;
  /** Open daily or channel rounds whose `closesAt` <= now (ms). */
  dueRounds(now: number): RoundRow[];
  setRoundMessage(roundId: number, ref: MessageRef): void;
  /** Close a round at `at`. Returns false when it was already closed (so only one closer reveals). */
  closeRound(roundId: number, at: number): boolean;
  /** Delete a round that was never posted and has no answers (a failed post). Returns true if deleted. */
  deleteUnpostedRound(roundId: number): boolean;
  /** Question history of a channel for a deck: daily and channel rounds only. */
  questionHistory(channel: ChannelScope, deckId: string): QuestionHistoryRow[];

  // --- answers
  /** Record a first answer; updates streaks (daily rounds) and aggregates in the same transaction. */
  recordAnswer(answer: NewAnswer): RecordAnswerResult;
  getAnswer(roundId: number, userId: string): AnswerRow | undefined;
  roundTally(roundId: number, choiceCount: number): RoundTally;

  // --- boards and stats
  /** Per-user totals over the query (only users with at least one round answer in range). */
  scoreLines(query: ScoreQuery): ScoreLine[];
  userStats(scope: TeamScope, userId: string): UserStats;
  /** Per-tag totals of round answers over the query. */
  tagTallies(query: ScoreQuery): TagTally[];
  /** The round question answered wrongly most often over the query (ties: more answers first), or undefined when no answer in range was wrong. */
  mostMissedQuestion(query: ScoreQuery): { deckId: string; questionId: string; answered: number; wrong: number } | undefined;
  streaks(scope: TeamScope, userId: string): StreakRow[];
  /** The longest current streak in a channel, or undefined when nobody has one. */
  longestCurrentStreak(channel: ChannelScope): { userId: string; userName: string; current: number } | undefined;
  /** The user's ts-fsrs cards (JSON) for practice questions of a deck, by question id. */
  practiceCards(scope: TeamScope, userId: string, deckId: string): Map<string, string>;

  // --- scenarios
  saveSelfScore(scope: TeamScope, userId: string, row: SelfScoreRow): void;
  selfScores(scope: TeamScope, userId: string): SelfScoreRow[];

  // --- subscriptions
  /** Create or replace the channel's subscription and clear any pause. */
  upsertSubscription(sub: NewSubscription): SubscriptionRow;
  getSubscription(channel: ChannelScope): SubscriptionRow | undefined;
  /** Every subscription on every platform (the scheduler filters to running adapters). */
  listSubscriptions(): SubscriptionRow[];
  /** Returns false when there was none. */
  removeSubscription(channel: ChannelScope): boolean;
  pauseSubscription(channel: ChannelScope, reason: string, at: number): void;
  /** Claim the weekly digest slot for (channel, isoWeek "2026-W48"); false if already claimed. */
  claimDigest(channel: ChannelScope, isoWeek: string, at: number): boolean;
  /**
   * Give back a digest claim (the post failed), so a later run may post that week's digest.
   * Returns false when the week was not claimed.
   */
  releaseDigest(channel: ChannelScope, isoWeek: string): boolean;

  // --- privacy
  /**
   * Delete the user's answers, self-scores, streaks, practice cards and aggregates in one team (also
   * their stored name and practice rounds; they are blanked as opener of channel rounds). Team-level
   * day tallies (tags, questions) no longer count their answers.
   */
  forgetUser(scope: TeamScope, userId: string): { answers: number; selfScores: number };

  /** Close the database. */
  close(): void;
}
