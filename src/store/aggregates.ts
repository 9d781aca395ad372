/**
 * The aggregates boards, stats, streaks and digests read (round_days, user_stats; see migrations
 * 2 and 4). Triggers on `answers` maintain them inside each answer's insert (migrations.ts,
 * answerTriggers); this class holds what forgetUser needs to take a user back out.
 */
import type Database from 'better-sqlite3';
import type { TeamScope } from '../core/context.js';

/** Prepared statements over the aggregate tables. */
export class AggregateTables {
  private readonly deleteUserStats: Database.Statement;
  private readonly deleteEmptyRoundDays: Database.Statement;

  constructor(db: Database.Database) {
    this.deleteUserStats = db.prepare('DELETE FROM user_stats WHERE platform = ? AND team_id = ? AND user_id = ?');
    this.deleteEmptyRoundDays = db.prepare(`
      DELETE FROM round_days
      WHERE platform = ? AND team_id = ?
        AND NOT EXISTS (SELECT 1 FROM answers a
                        WHERE a.round_id = round_days.round_id AND a.local_date = round_days.local_date)`);
  }

  /** Drop the user's stats and streaks in a team. */
  deleteUser(scope: TeamScope, userId: string): void {
    this.deleteUserStats.run(scope.platform, scope.teamId, userId);
  }

  /** Drop the team's round days no answer is left on (after a user's answers were deleted). */
  deleteEmptyDays(scope: TeamScope): void {
    this.deleteEmptyRoundDays.run(scope.platform, scope.teamId);
  }
}
