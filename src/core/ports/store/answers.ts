/**
 * The answers port: one answer per (round, user), the first one counts. Times are UTC epoch
 * milliseconds; local dates "YYYY-MM-DD" in the channel's time zone. Every method returns a Promise.
 */
import type { ChannelScope } from '../../context.js';
import type { RoundRow } from './rounds.js';

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
  /**
   * True when `userName` is only the user's handle from the event (Context.userNameIsHandle): it is
   * stored only for a user with no stored name and never replaces one (the store checks, so the
   * caller need not read the stored name first).
   */
  userNameIsHandle?: boolean;
}

/** The outcome of `recordAnswer`. */
export type RecordAnswerResult =
  | { status: 'recorded'; answer: AnswerRow }
  /** The user had already answered; `existing` is the answer that stands. Nothing was written. */
  | { status: 'duplicate'; existing: AnswerRow }
  /**
   * The user answered this round while it was open, then used forget-me: their answer is gone but a
   * second one is still refused until the round closes. Nothing was written.
   */
  | { status: 'forgotten' }
  /** The round was closed (or deleted) before this answer landed. Nothing was written. */
  | { status: 'closed' };

/** How a round's answers split. */
export interface RoundTally {
  answered: number;
  correct: number;
  /** byChoice[i] = answers that picked the question's choice i (question order, not letter order). */
  byChoice: number[];
}

/** Answers to rounds. */
export interface AnswersPort {
  /**
   * Record a first answer; updates streaks (daily rounds), aggregates, the user's name and the
   * practice card in the same transaction. Of concurrent calls for one (round, user) exactly one
   * resolves 'recorded'; the others resolve 'duplicate' with that answer.
   */
  recordAnswer(answer: NewAnswer): Promise<RecordAnswerResult>;
  getAnswer(roundId: number, userId: string): Promise<AnswerRow | undefined>;
  roundTally(roundId: number, choiceCount: number): Promise<RoundTally>;
}
