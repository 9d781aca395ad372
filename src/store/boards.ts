/**
 * Board, stats and digest queries: read the aggregate tables (never the answers). Boards and
 * digests sum channel_days rows over a ScoreQuery's inclusive local-date range, team-wide or for
 * one channel: user rows for scores, round rows for tags and questions.
 */
import type Database from 'better-sqlite3';
import type { TeamScope } from '../core/context.js';
import type { ScoreLine, ScoreQuery, TagTally, UserStats } from '../core/ports/store.js';

/** Named parameters of a ScoreQuery; unbounded ends become bounds every "YYYY-MM-DD" falls inside. */
function queryParams(q: ScoreQuery): Record<string, string | null> {
  return {
    platform: q.scope.platform,
    teamId: q.scope.teamId,
    channelId: q.channelId ?? null,
    fromDate: q.fromDate ?? '0000-00-00',
    toDate: q.toDate ?? '9999-99-99',
  };
}

/** The date-range WHERE clause on channel_days (its primary key starts with these columns); `t` = "alias.". */
function inRange(t = ''): string {
  return `${t}platform = @platform AND ${t}team_id = @teamId AND ${t}local_date BETWEEN @fromDate AND @toDate
    AND (@channelId IS NULL OR ${t}channel_id = @channelId)`;
}

/** A user_stats row as selected. */
interface UserStatsRecord {
  tag: string;
  roundAnswered: number;
  roundCorrect: number;
  points: number;
  practiceAnswered: number;
  practiceCorrect: number;
}

/** Prepared board and stats queries. */
export class BoardQueries {
  private readonly scores: Database.Statement;
  private readonly stats: Database.Statement;
  private readonly tags: Database.Statement;
  private readonly missed: Database.Statement;

  constructor(db: Database.Database) {
    this.scores = db.prepare(`
      SELECT s.user_id AS userId, coalesce(u.user_name, s.user_id) AS userName, s.points, s.answered, s.correct,
             CASE WHEN s.points > 0 THEN s.last_point_at ELSE s.first_answer_at END AS reachedAt
      FROM (SELECT user_id, sum(points) AS points, sum(answered) AS answered, sum(correct) AS correct,
                   max(last_point_at) AS last_point_at, min(first_answer_at) AS first_answer_at
            FROM channel_days WHERE ${inRange()} AND round_id = 0
            GROUP BY user_id) s
      LEFT JOIN users u ON u.platform = @platform AND u.team_id = @teamId AND u.user_id = s.user_id
      ORDER BY s.user_id`);
    // The totals row (tag '') sorts first.
    this.stats = db.prepare(`
      SELECT tag, round_answered AS roundAnswered, round_correct AS roundCorrect, points,
             practice_answered AS practiceAnswered, practice_correct AS practiceCorrect
      FROM user_stats WHERE platform = ? AND team_id = ? AND user_id = ? AND channel_id = ''
      ORDER BY tag`);
    this.tags = db.prepare(`
      SELECT t.value AS tag, sum(d.answered) AS answered, sum(d.correct) AS correct
      FROM channel_days d, json_each(d.tags) t
      WHERE ${inRange('d.')} AND d.user_id = ''
      GROUP BY t.value
      ORDER BY t.value`);
    this.missed = db.prepare(`
      SELECT deck_id AS deckId, question_id AS questionId, sum(answered) AS answered,
             sum(answered) - sum(correct) AS wrong
      FROM channel_days WHERE ${inRange()} AND user_id = ''
      GROUP BY deck_id, question_id
      HAVING wrong > 0
      ORDER BY wrong DESC, answered DESC, deck_id, question_id
      LIMIT 1`);
  }

  /** Per-user totals of round answers over the query, by user id. */
  scoreLines(query: ScoreQuery): ScoreLine[] {
    return this.scores.all(queryParams(query)) as ScoreLine[];
  }

  /** A user's totals and per-tag tallies (round and practice answers together per tag). */
  userStats(scope: TeamScope, userId: string): UserStats {
    const stats: UserStats = { answered: 0, correct: 0, points: 0, practiceAnswered: 0, practiceCorrect: 0, byTag: [] };
    for (const row of this.stats.all(scope.platform, scope.teamId, userId) as UserStatsRecord[]) {
      if (row.tag === '') {
        stats.answered = row.roundAnswered;
        stats.correct = row.roundCorrect;
        stats.points = row.points;
        stats.practiceAnswered = row.practiceAnswered;
        stats.practiceCorrect = row.practiceCorrect;
      } else {
        stats.byTag.push({
          tag: row.tag,
          answered: row.roundAnswered + row.practiceAnswered,
          correct: row.roundCorrect + row.practiceCorrect,
        });
      }
    }
    return stats;
  }

  /** Per-tag totals of round answers over the query, by tag. */
  tagTallies(query: ScoreQuery): TagTally[] {
    return this.tags.all(queryParams(query)) as TagTally[];
  }

  /** The round question with the most wrong answers over the query, or undefined when none was missed. */
  mostMissedQuestion(
    query: ScoreQuery,
  ): { deckId: string; questionId: string; answered: number; wrong: number } | undefined {
    return this.missed.get(queryParams(query)) as
      | { deckId: string; questionId: string; answered: number; wrong: number }
      | undefined;
  }
}
