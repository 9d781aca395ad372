/**
 * The streaks table: consecutive daily rounds a user answered in a channel. A row holds the streak
 * as of `last_date`; readers count `current` as 0 once a later daily round of the channel closed
 * without the user's answer. Rounds, not days: a weekend without rounds breaks nothing.
 */
import type Database from 'better-sqlite3';
import type { ChannelScope, TeamScope } from '../core/context.js';
import type { StreakRow } from '../core/ports/store.js';

/** Prepared statements over `streaks`. */
export class StreakTable {
  private readonly advanceStmt: Database.Statement;
  private readonly byUser: Database.Statement;
  private readonly longest: Database.Statement;
  private readonly remove: Database.Statement;

  constructor(db: Database.Database) {
    // The user answered the channel's daily round dated excluded.last_date. If their last answered
    // round is the channel's previous daily round (greatest local date before it) the streak grows,
    // else it restarts at 1. A round dated on or before last_date (answered late) changes nothing.
    const previousRound = `(SELECT max(r.local_date) FROM rounds r
      WHERE r.platform = excluded.platform AND r.team_id = excluded.team_id AND r.channel_id = excluded.channel_id
        AND r.kind = 'daily' AND r.local_date < excluded.last_date)`;
    const next = `CASE WHEN last_date = ${previousRound} THEN current + 1 ELSE 1 END`;
    this.advanceStmt = db.prepare(`
      INSERT INTO streaks (platform, team_id, channel_id, user_id, current, best, last_date)
      VALUES (?, ?, ?, ?, 1, 1, ?)
      ON CONFLICT DO UPDATE SET current = ${next}, best = max(best, ${next}), last_date = excluded.last_date
        WHERE last_date < excluded.last_date`);
    // A streak is broken when a daily round of its channel dated after last_date has closed.
    const effectiveCurrent = `
      CASE WHEN EXISTS (
        SELECT 1 FROM rounds r
        WHERE r.platform = s.platform AND r.team_id = s.team_id AND r.channel_id = s.channel_id
          AND r.kind = 'daily' AND r.local_date > s.last_date AND r.closed_at IS NOT NULL
      ) THEN 0 ELSE s.current END`;
    this.byUser = db.prepare(`
      SELECT s.channel_id AS channelId, ${effectiveCurrent} AS current, s.best AS best, s.last_date AS lastDate
      FROM streaks s
      WHERE s.platform = @platform AND s.team_id = @teamId AND s.user_id = @userId
      ORDER BY s.channel_id`);
    this.longest = db.prepare(`
      SELECT * FROM (
        SELECT s.user_id AS userId, coalesce(u.user_name, s.user_id) AS userName,
               ${effectiveCurrent} AS current, s.last_date AS lastDate
        FROM streaks s
        LEFT JOIN users u ON u.platform = s.platform AND u.team_id = s.team_id AND u.user_id = s.user_id
        WHERE s.platform = @platform AND s.team_id = @teamId AND s.channel_id = @channelId AND s.current > 0
      )
      WHERE current > 0
      ORDER BY current DESC, lastDate DESC, userId
      LIMIT 1`);
    this.remove = db.prepare('DELETE FROM streaks WHERE platform = ? AND team_id = ? AND user_id = ?');
  }

  /** The user answered the channel's daily round dated `roundDate` (call inside recordAnswer's transaction). */
  advance(channel: ChannelScope, userId: string, roundDate: string): void {
    this.advanceStmt.run(channel.platform, channel.teamId, channel.channelId, userId, roundDate);
  }

  /** The user's streak in every channel of the team where they have one, by channel id. */
  streaks(scope: TeamScope, userId: string): StreakRow[] {
    return this.byUser.all({ platform: scope.platform, teamId: scope.teamId, userId }) as StreakRow[];
  }

  /** The longest unbroken current streak in a channel (ties: the more recent, then user id). */
  longestCurrent(channel: ChannelScope): { userId: string; userName: string; current: number } | undefined {
    const row = this.longest.get({ platform: channel.platform, teamId: channel.teamId, channelId: channel.channelId }) as
      | { userId: string; userName: string; current: number }
      | undefined;
    return row === undefined ? undefined : { userId: row.userId, userName: row.userName, current: row.current };
  }

  /** Delete the user's streaks in a team. */
  deleteUser(scope: TeamScope, userId: string): void {
    this.remove.run(scope.platform, scope.teamId, userId);
  }
}
