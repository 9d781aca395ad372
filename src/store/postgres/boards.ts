/**
 * Boards, stats and streaks on PostgreSQL (BoardsPort, StatsPort): the same queries as the SQLite
 * side (src/store/boards.ts, streaks.ts), with $n parameters (nullable ones cast) and tag order
 * pinned to COLLATE "C" (the columns are "C" already; tags unpacked from jsonb are not).
 */
import type { ChannelScope, TeamScope } from '../../core/context.js';
import type { MissedQuestion, ScoreLine, ScoreQuery, StreakRow, TagTally, UserStats } from '../../core/ports/store.js';
import { first, rows, type Sql } from './db.js';

/** A ScoreQuery's parameters $1-$5; unbounded ends become bounds every "YYYY-MM-DD" falls inside. */
function queryParams(q: ScoreQuery): unknown[] {
  return [q.scope.platform, q.scope.teamId, q.channelId ?? null, q.fromDate ?? '0000-00-00', q.toDate ?? '9999-99-99'];
}

/** The answers of daily and channel rounds in the query's range: `a` (answers), `d` (round_days). */
const answersInRange = `
  round_days d JOIN answers a ON a.round_id = d.round_id AND a.local_date = d.local_date
  WHERE d.platform = $1 AND d.team_id = $2 AND d.local_date >= $4 AND d.local_date <= $5
    AND ($3::text IS NULL OR d.channel_id = $3::text)`;

/** Per round in range: its answers and right answers in range. */
const roundsInRange = `
  SELECT d.round_id AS round_id, count(*) AS answered, sum(a.correct) AS correct
  FROM ${answersInRange}
  GROUP BY d.round_id`;

const withNames = (totals: string) => `
  SELECT s.user_id AS "userId", coalesce(u.user_name, s.user_id) AS "userName", s.points, s.answered, s.correct,
         CASE WHEN s.points > 0 THEN s.last_point_at ELSE s.first_answer_at END AS "reachedAt"
  FROM (${totals}) s
  LEFT JOIN users u ON u.platform = $1 AND u.team_id = $2 AND u.user_id = s.user_id
  ORDER BY s.user_id`;

const SCORES = withNames(`
  SELECT a.user_id, sum(a.points) AS points, count(*) AS answered, sum(a.correct) AS correct,
         max(CASE WHEN a.points > 0 THEN a.answered_at END) AS last_point_at, min(a.answered_at) AS first_answer_at
  FROM ${answersInRange}
  GROUP BY a.user_id`);

const ALL_TIME_SCORES = withNames(`
  SELECT user_id, sum(points) AS points, sum(round_answered) AS answered, sum(round_correct) AS correct,
         max(last_point_at) AS last_point_at, min(first_answer_at) AS first_answer_at
  FROM user_stats
  WHERE platform = $1 AND team_id = $2 AND tag = '' AND channel_id <> '' AND ($3::text IS NULL OR channel_id = $3::text)
  GROUP BY user_id`);

/** A streak row counts as 0 once a later daily round of the channel closed without the user's answer. */
const CURRENT = `
  CASE WHEN EXISTS (
    SELECT 1 FROM rounds r
    WHERE r.platform = s.platform AND r.team_id = s.team_id AND r.channel_id = s.channel_id
      AND r.kind = 'daily' AND r.local_date > s.streak_date AND r.closed_at IS NOT NULL
  ) THEN 0 ELSE s.streak_current END`;

/** Board, stats and streak queries (stateless: every method takes the connection to run on). */
export const boardQueries = {
  /** Per-user totals of round answers over the query, by user id (all-time boards read user_stats). */
  async scoreLines(db: Sql, query: ScoreQuery): Promise<ScoreLine[]> {
    const allTime = query.fromDate === undefined && query.toDate === undefined;
    if (allTime) return rows<ScoreLine>(db, ALL_TIME_SCORES, queryParams(query).slice(0, 3), 'kms_scores_all');
    return rows<ScoreLine>(db, SCORES, queryParams(query), 'kms_scores');
  },

  /** Per-tag totals of round answers over the query, by tag (byte order). */
  async tagTallies(db: Sql, query: ScoreQuery): Promise<TagTally[]> {
    return rows<TagTally>(
      db,
      `SELECT t.tag, sum(x.answered) AS answered, sum(x.correct) AS correct
       FROM (${roundsInRange}) x JOIN rounds r ON r.id = x.round_id,
            LATERAL (SELECT jsonb_array_elements_text(r.tags) COLLATE "C" AS tag) t
       GROUP BY t.tag
       ORDER BY t.tag COLLATE "C"`,
      queryParams(query),
    );
  },

  async mostMissedQuestion(db: Sql, query: ScoreQuery): Promise<MissedQuestion | undefined> {
    return first<MissedQuestion>(
      db,
      `SELECT r.deck_id AS "deckId", r.question_id AS "questionId", sum(x.answered) AS answered,
              sum(x.answered) - sum(x.correct) AS wrong
       FROM (${roundsInRange}) x JOIN rounds r ON r.id = x.round_id
       GROUP BY r.deck_id, r.question_id
       HAVING sum(x.answered) - sum(x.correct) > 0
       ORDER BY wrong DESC, answered DESC, r.deck_id, r.question_id
       LIMIT 1`,
      queryParams(query),
    );
  },

  /** A user's totals and per-tag tallies (round and practice answers together per tag). */
  async userStats(db: Sql, scope: TeamScope, userId: string): Promise<UserStats> {
    const stats: UserStats = { answered: 0, correct: 0, points: 0, practiceAnswered: 0, practiceCorrect: 0, byTag: [] };
    const found = await rows<{ tag: string; ra: number; rc: number; points: number; pa: number; pc: number }>(
      db,
      `SELECT tag, round_answered AS ra, round_correct AS rc, points, practice_answered AS pa, practice_correct AS pc
       FROM user_stats WHERE platform = $1 AND team_id = $2 AND user_id = $3 AND channel_id = ''
       ORDER BY tag`,
      [scope.platform, scope.teamId, userId],
      'kms_user_stats',
    );
    for (const row of found) {
      if (row.tag === '') {
        stats.answered = row.ra;
        stats.correct = row.rc;
        stats.points = row.points;
        stats.practiceAnswered = row.pa;
        stats.practiceCorrect = row.pc;
      } else {
        stats.byTag.push({ tag: row.tag, answered: row.ra + row.pa, correct: row.rc + row.pc });
      }
    }
    return stats;
  },

  /** The user's streak in every channel of the team where they answered a daily round, by channel id. */
  async streaks(db: Sql, scope: TeamScope, userId: string): Promise<StreakRow[]> {
    return rows<StreakRow>(
      db,
      `SELECT s.channel_id AS "channelId", ${CURRENT} AS current, s.streak_best AS best, s.streak_date AS "lastDate"
       FROM user_stats s
       WHERE s.platform = $1 AND s.team_id = $2 AND s.user_id = $3
         AND s.channel_id <> '' AND s.tag = '' AND s.streak_date IS NOT NULL
       ORDER BY s.channel_id`,
      [scope.platform, scope.teamId, userId],
    );
  },

  /** The longest unbroken current streak in a channel (ties: the more recent, then user id). */
  async longestCurrent(db: Sql, c: ChannelScope): Promise<{ userId: string; userName: string; current: number } | undefined> {
    return first(
      db,
      `SELECT "userId", "userName", current FROM (
         SELECT s.user_id AS "userId", coalesce(u.user_name, s.user_id) AS "userName", ${CURRENT} AS current,
                s.streak_date AS "lastDate"
         FROM user_stats s
         LEFT JOIN users u ON u.platform = s.platform AND u.team_id = s.team_id AND u.user_id = s.user_id
         WHERE s.platform = $1 AND s.team_id = $2 AND s.channel_id = $3 AND s.tag = '' AND s.streak_current > 0
       ) x
       WHERE current > 0
       ORDER BY current DESC, "lastDate" DESC, "userId"
       LIMIT 1`,
      [c.platform, c.teamId, c.channelId],
    );
  },
};
