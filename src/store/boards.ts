/**
 * Board, stats and digest queries. A ScoreQuery's inclusive local-date range (team-wide or one
 * channel) is answered from the answers themselves, found through round_days: the daily and
 * channel rounds answered on those dates, then each round's answers on those dates (its primary
 * key). A query with no dates at all (all-time boards) reads the users' channel rows in
 * user_stats instead, one row per user and channel. Stats read user_stats.
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

/**
 * The answers of daily and channel rounds in the query's range: `a` (answers), `d` (round_days).
 * (>= and <=, not BETWEEN: with BETWEEN the planner bounds the key range at its start only.)
 */
const answersInRange = `
  round_days d JOIN answers a ON a.round_id = d.round_id AND a.local_date = d.local_date
  WHERE d.platform = @platform AND d.team_id = @teamId AND d.local_date >= @fromDate AND d.local_date <= @toDate
    AND (@channelId IS NULL OR d.channel_id = @channelId)`;

/** Per round in range: its answers and right answers in range. */
const roundsInRange = `
  SELECT d.round_id AS round_id, count(*) AS answered, sum(a.correct) AS correct
  FROM ${answersInRange}
  GROUP BY d.round_id`;

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
  private readonly allTimeScores: Database.Statement;
  private readonly stats: Database.Statement;
  private readonly tags: Database.Statement;
  private readonly missed: Database.Statement;

  constructor(db: Database.Database) {
    const withNames = (totals: string) => `
      SELECT s.user_id AS userId, coalesce(u.user_name, s.user_id) AS userName, s.points, s.answered, s.correct,
             CASE WHEN s.points > 0 THEN s.last_point_at ELSE s.first_answer_at END AS reachedAt
      FROM (${totals}) s
      LEFT JOIN users u ON u.platform = @platform AND u.team_id = @teamId AND u.user_id = s.user_id
      ORDER BY s.user_id`;
    this.scores = db.prepare(
      withNames(`
        SELECT a.user_id, sum(a.points) AS points, count(*) AS answered, sum(a.correct) AS correct,
               max(CASE WHEN a.points > 0 THEN a.answered_at END) AS last_point_at, min(a.answered_at) AS first_answer_at
        FROM ${answersInRange}
        GROUP BY a.user_id`),
    );
    this.allTimeScores = db.prepare(
      withNames(`
        SELECT user_id, sum(points) AS points, sum(round_answered) AS answered, sum(round_correct) AS correct,
               max(last_point_at) AS last_point_at, min(first_answer_at) AS first_answer_at
        FROM user_stats
        WHERE platform = @platform AND team_id = @teamId AND tag = '' AND channel_id <> ''
          AND (@channelId IS NULL OR channel_id = @channelId)
        GROUP BY user_id`),
    );
    // The totals row (tag '') sorts first.
    this.stats = db.prepare(`
      SELECT tag, round_answered AS roundAnswered, round_correct AS roundCorrect, points,
             practice_answered AS practiceAnswered, practice_correct AS practiceCorrect
      FROM user_stats WHERE platform = ? AND team_id = ? AND user_id = ? AND channel_id = ''
      ORDER BY tag`);
    this.tags = db.prepare(`
      SELECT t.value AS tag, sum(x.answered) AS answered, sum(x.correct) AS correct
      FROM (${roundsInRange}) x JOIN rounds r ON r.id = x.round_id, json_each(r.tags) t
      GROUP BY t.value
      ORDER BY t.value`);
    this.missed = db.prepare(`
      SELECT r.deck_id AS deckId, r.question_id AS questionId, sum(x.answered) AS answered,
             sum(x.answered) - sum(x.correct) AS wrong
      FROM (${roundsInRange}) x JOIN rounds r ON r.id = x.round_id
      GROUP BY r.deck_id, r.question_id
      HAVING wrong > 0
      ORDER BY wrong DESC, answered DESC, r.deck_id, r.question_id
      LIMIT 1`);
  }

  /** Per-user totals of round answers over the query, by user id. */
  scoreLines(query: ScoreQuery): ScoreLine[] {
    const allTime = query.fromDate === undefined && query.toDate === undefined;
    return (allTime ? this.allTimeScores : this.scores).all(queryParams(query)) as ScoreLine[];
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
