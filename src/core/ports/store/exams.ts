/**
 * The exams port: exam dates (a learner's and a channel's), reminder settings and the record of
 * reminders sent, plus a learner's recent answers per question for readiness. Local dates are
 * "YYYY-MM-DD" in the zone stored beside them; times are UTC epoch milliseconds.
 */
import type { ChannelScope, TeamScope } from '../../context.js';

/** An exam date as stored. */
export interface ExamDateRow {
  deckId: string;
  /** The exam day, "YYYY-MM-DD" in `timeZone`. */
  date: string;
  /** IANA zone the date is in (the learner's or the channel's). */
  timeZone: string;
  /** Who set it (platform user id). */
  setBy: string;
  setAt: number;
}

/** A learner's reminder settings. Times are "HH:MM" (24 h) in `timeZone`. */
export interface ReminderSettings {
  /** When the reminder is sent, e.g. "18:00". */
  at: string;
  /** Quiet hours "HH:MM-HH:MM" (may wrap midnight), or null for none. */
  quiet: string | null;
  weekdaysOnly: boolean;
  timeZone: string;
  /** The deck whose due cards are counted. */
  deckId: string;
}

/** A stored reminder: its owner, settings, and whether it is paused (and why). */
export interface ReminderRow extends TeamScope, ReminderSettings {
  userId: string;
  /** Why sending stopped (e.g. the learner does not accept direct messages), or null while active. */
  pausedReason: string | null;
  /** The local date of the last reminder sent, or null. */
  lastSentDate: string | null;
}

/** One recent answer of a learner: its question and whether it was right. */
export interface RecentAnswer {
  questionId: string;
  correct: boolean;
  answeredAt: number;
}

/** Exam dates, reminders and the figures readiness reads. */
export interface ExamsPort {
  /** Set (replace) a learner's exam date. */
  setUserExam(scope: TeamScope, userId: string, exam: ExamDateRow): Promise<void>;
  userExam(scope: TeamScope, userId: string): Promise<ExamDateRow | undefined>;
  /** Remove a learner's exam date; false when there was none. */
  clearUserExam(scope: TeamScope, userId: string): Promise<boolean>;
  /** Set (replace) a channel's exam date. */
  setChannelExam(channel: ChannelScope, exam: ExamDateRow): Promise<void>;
  channelExam(channel: ChannelScope): Promise<ExamDateRow | undefined>;
  /** Remove a channel's exam date; false when there was none. */
  clearChannelExam(channel: ChannelScope): Promise<boolean>;

  /** Turn a learner's reminder on (or change it): replaces the settings and lifts any pause. */
  setReminder(scope: TeamScope, userId: string, settings: ReminderSettings): Promise<void>;
  reminder(scope: TeamScope, userId: string): Promise<ReminderRow | undefined>;
  /** Turn a learner's reminder off; false when it was not on. */
  removeReminder(scope: TeamScope, userId: string): Promise<boolean>;
  /** Every reminder that is on and not paused, on every platform and team (the scheduler's sweep). */
  activeReminders(): Promise<ReminderRow[]>;
  /** Pause a reminder with a reason (kept until the learner runs `remind on` again). */
  pauseReminder(scope: TeamScope, userId: string, reason: string): Promise<void>;
  /**
   * Claim the learner's reminder for `localDate`: true for the first claim of that date (the caller
   * then sends), false when one was already claimed, so at most one reminder a day goes out.
   */
  claimReminder(scope: TeamScope, userId: string, localDate: string, at: number): Promise<boolean>;

  /** The learner's answers (rounds and practice) to questions of `deckId` since `since`, oldest first. */
  recentAnswers(scope: TeamScope, userId: string, deckId: string, since: number): Promise<RecentAnswer[]>;
  /** Users of a channel who answered there since `since`, in its rounds or in practice (its active learners). */
  activeLearners(channel: ChannelScope, since: number): Promise<string[]>;
}
