/**
 * The mock-exams port: a learner's timed mock exams. Each question of a mock is a practice round
 * (kind 'practice', opened by the learner, closing at the mock's end), so a mock answer is an
 * ordinary practice answer recorded with AnswersPort.recordAnswer: it updates the learner's ts-fsrs
 * card and practice figures (and so readiness) and never scores points or reaches a leaderboard.
 * This port keeps which rounds make up a mock, its timer, the flags, and whether the learner has
 * seen its results. Times are UTC epoch milliseconds. Every method is one transaction.
 */
import type { ChannelScope, TeamScope } from '../../context.js';

/** Why a mock ended. */
export type MockEndReason = 'finished' | 'ended-early' | 'time-up';

/** One question of a mock, in the order asked. */
export interface MockQuestionRow {
  /** 0-based. */
  position: number;
  /** The practice round that asks it. */
  roundId: number;
  questionId: string;
  /** The exam domain it counts in (the deck's domain name, or a topic when the deck declares none). */
  domain: string;
  flagged: boolean;
}

/** A stored mock exam. */
export interface MockExamRow extends ChannelScope {
  id: number;
  userId: string;
  deckId: string;
  /** Taken in a direct message (its results may be posted there when time runs out). */
  direct: boolean;
  startedAt: number;
  /** When time is up (startedAt + the mock's minutes). */
  endsAt: number;
  endedAt: number | null;
  endReason: MockEndReason | null;
  /** True once the learner was shown the results (a mock that ran out of time unseen shows them next). */
  resultsSeen: boolean;
  /** The mock whose misses this one retakes, or null. */
  retakeOf: number | null;
  questions: MockQuestionRow[];
}

/** One question of a new mock: its round's fields. */
export interface NewMockQuestion {
  questionId: string;
  domain: string;
  /** As NewRound.choiceOrder. */
  choiceOrder: number[];
  correctIndex: number;
  tags: string[];
}

/** What `startMockExam` needs. */
export interface NewMockExam extends ChannelScope {
  userId: string;
  deckId: string;
  direct: boolean;
  startedAt: number;
  endsAt: number;
  retakeOf: number | null;
  /** At least one, in the order to ask them. */
  questions: NewMockQuestion[];
}

/** The outcome of `startMockExam`. */
export type StartMockResult =
  | { status: 'started'; exam: MockExamRow }
  /** The learner already has a mock running in this team; nothing was written. */
  | { status: 'busy'; existing: MockExamRow };

/** Timed mock exams. */
export interface MockExamsPort {
  /**
   * Store a mock and one practice round per question (closing at `endsAt`). At most one running
   * mock per (team, user): a second start resolves 'busy' with the running one.
   */
  startMockExam(exam: NewMockExam): Promise<StartMockResult>;
  getMockExam(id: number): Promise<MockExamRow | undefined>;
  /** The learner's running (not ended) mock in the team, if any, even when its time is up. */
  runningMockExam(scope: TeamScope, userId: string): Promise<MockExamRow | undefined>;
  /** Set or clear the flag of one question; false when there is no such mock or position. */
  flagMockQuestion(id: number, position: number, flagged: boolean): Promise<boolean>;
  /**
   * End a running mock at `at` and close its questions' rounds (later answers are refused). True
   * only for the call that ended it; false when it had ended already or does not exist.
   */
  endMockExam(id: number, at: number, reason: MockEndReason): Promise<boolean>;
  /** Running mocks whose time is up at `now` (oldest first). */
  dueMockExams(now: number): Promise<MockExamRow[]>;
  /** Note that the learner has seen the results of mock `id`. */
  markMockResultsSeen(id: number): Promise<void>;
  /** The learner's latest ended mock whose results they have not seen, if any. */
  unseenMockResults(scope: TeamScope, userId: string): Promise<MockExamRow | undefined>;
}
