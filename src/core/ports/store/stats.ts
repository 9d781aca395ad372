/**
 * The stats port: one user's totals and daily streaks in a team. Every method is one read and
 * returns a Promise.
 */
import type { TeamScope } from '../../context.js';
import type { TagTally } from './boards.js';

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

/** One user's figures. */
export interface StatsPort {
  userStats(scope: TeamScope, userId: string): Promise<UserStats>;
  /** The user's streaks, one per channel with daily rounds they answered. */
  streaks(scope: TeamScope, userId: string): Promise<StreakRow[]>;
}
