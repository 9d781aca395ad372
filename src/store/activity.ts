/**
 * Answers per local date (ActivityPort). Reads `answers` by team and date range: there is no index
 * by user or date on that table on purpose (it keeps the answer click to one hot index), so this is
 * a scan of the team's answers, run by `stats` and the weekly digest only, never on a click.
 */
import type Database from 'better-sqlite3';
import type { TeamScope } from '../core/context.js';
import type { DayActivity } from '../core/ports/store.js';

/** Prepared statements for ActivityPort. */
export class ActivityQueries {
  private readonly team: Database.Statement;
  private readonly user: Database.Statement;

  constructor(db: Database.Database) {
    const sql = (byUser: boolean) => `
      SELECT local_date AS date, count(*) AS answered, sum(correct) AS correct FROM answers
      WHERE platform = ? AND team_id = ? AND local_date BETWEEN ? AND ?${byUser ? ' AND user_id = ?' : ''}
      GROUP BY local_date ORDER BY local_date`;
    this.team = db.prepare(sql(false));
    this.user = db.prepare(sql(true));
  }

  answersPerDay(scope: TeamScope, fromDate: string, toDate: string, userId?: string): DayActivity[] {
    const rows =
      userId === undefined
        ? this.team.all(scope.platform, scope.teamId, fromDate, toDate)
        : this.user.all(scope.platform, scope.teamId, fromDate, toDate, userId);
    return rows as DayActivity[];
  }
}
