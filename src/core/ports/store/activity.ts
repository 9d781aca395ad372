/**
 * The activity port: answers per local date, for the answers-per-day chart of `stats` (one user)
 * and the weekly digest (a whole team). Round, practice and mock answers all count; each answer on
 * the local date stored with it (its channel's zone).
 */
import type { TeamScope } from '../../context.js';

/** One local date's answers. */
export interface DayActivity {
  /** "YYYY-MM-DD". */
  date: string;
  answered: number;
  correct: number;
}

/** Answers per day. */
export interface ActivityPort {
  /**
   * Answers in the team on each local date from `fromDate` to `toDate` (inclusive, "YYYY-MM-DD"),
   * by `userId` only when given. Dates without answers are left out; ascending by date.
   */
  answersPerDay(scope: TeamScope, fromDate: string, toDate: string, userId?: string): Promise<DayActivity[]>;
}
