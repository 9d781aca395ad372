/**
 * Reading daily-round streaks. They live in user_stats channel rows (channel_id = the channel,
 * tag = ''), advanced by recordAnswer (see aggregates.ts). A row holds the streak as of
 * streak_date; readers count it as 0 once a later daily round of the channel has closed without
 * the user's answer. Rounds, not days: a weekend without rounds breaks nothing.
 */
import type Database from 'better-sqlite3';
import type { ChannelScope, TeamScope } from '../core/context.js';
import type { StreakRow } from '../core/ports/store.js';

/** Prepared streak queries. */
export class StreakQueries {
  private readonly byUser: Database.Statement;
  private readonly longest: Database.Statement;

  constructor(db: Database.Database) {
    const current = `
      CASE WHEN EXISTS (
        SELECT 1 FROM rounds r
        WHERE r.platform = s.platform AND r.team_id = s.team_id AND r.channel_id = s.channel_id
          AND r.kind = 'daily' AND r.local_date > s.streak_date AND r.closed_at IS NOT NULL
      ) THEN 0 ELSE s.streak_current END`;
    const streakRows = `s.channel_id <> '' AND s.tag = '' AND s.streak_date IS NOT NULL`;
    this.byUser = db.prepare(`
      SELECT s.channel_id AS channelId, ${current} AS current, s.streak_best AS best, s.streak_date AS lastDate
      FROM user_stats s
      WHERE s.platform = ? AND s.team_id = ? AND s.user_id = ? AND ${streakRows}
      ORDER BY s.channel_id`);
    // Scans the team's user_stats rows (about 0.2 ms for a 100-user team): fine for a weekly digest.
    // An index on the streak would be rewritten by every answer: one more page per click.
    this.longest = db.prepare(`
      SELECT userId, userName, current FROM (
        SELECT s.user_id AS userId, coalesce(u.user_name, s.user_id) AS userName,
               ${current} AS current, s.streak_date AS lastDate
        FROM user_stats s
        LEFT JOIN users u ON u.platform = s.platform AND u.team_id = s.team_id AND u.user_id = s.user_id
        WHERE s.platform = @platform AND s.team_id = @teamId AND s.channel_id = @channelId AND s.tag = ''
          AND s.streak_current > 0
      )
      WHERE current > 0
      ORDER BY current DESC, lastDate DESC, userId
      LIMIT 1`);
  }

  /** The user's streak in every channel of the team where they answered a daily round, by channel id. */
  streaks(scope: TeamScope, userId: string): StreakRow[] {
    return this.byUser.all(scope.platform, scope.teamId, userId) as StreakRow[];
  }

  /** The longest unbroken current streak in a channel (ties: the more recent, then user id). */
  longestCurrent(channel: ChannelScope): { userId: string; userName: string; current: number } | undefined {
    return this.longest.get({ platform: channel.platform, teamId: channel.teamId, channelId: channel.channelId }) as
      | { userId: string; userName: string; current: number }
      | undefined;
  }
}
