/**
 * The aggregate tables boards, stats, streaks and digests read (channel_days, user_stats; see
 * migration 2): maintained answer by answer inside recordAnswer's transaction, and reduced by
 * forgetUser. Round answers reach both tables; practice answers only the user's totals and tags.
 * This is the hot path of every click: three statements, positional parameters.
 */
import type Database from 'better-sqlite3';
import type { Platform, TeamScope } from '../core/context.js';

/** One recorded answer, with what the aggregates need from its round. */
export interface AnswerFacts {
  platform: Platform;
  teamId: string;
  channelId: string;
  userId: string;
  roundId: number;
  /** The answer's channel-local date. */
  localDate: string;
  deckId: string;
  questionId: string;
  /** The round's tags as stored: a JSON array of distinct, non-empty strings. */
  tagsJson: string;
  correct: boolean;
  points: number;
  answeredAt: number;
}

/** Prepared statements over the aggregate tables. */
export class AggregateTables {
  private readonly addChannelDay: Database.Statement;
  private readonly addUserRollups: Database.Statement;
  private readonly addUserChannel: Database.Statement;
  private readonly forgetStatements: Database.Statement[];

  constructor(db: Database.Database) {
    // The user's row and the round's row of the day, side by side in one statement.
    this.addChannelDay = db.prepare(`
      INSERT INTO channel_days (platform, team_id, local_date, channel_id, user_id, round_id, points, answered,
                                correct, last_point_at, first_answer_at, deck_id, question_id, tags)
      VALUES (?, ?, ?, ?, ?, 0, ?, 1, ?, ?, ?, NULL, NULL, NULL),
             (?, ?, ?, ?, '', ?, ?, 1, ?, NULL, NULL, ?, ?, ?)
      ON CONFLICT DO UPDATE SET
        points = points + excluded.points,
        answered = answered + 1,
        correct = correct + excluded.correct,
        last_point_at = max(coalesce(last_point_at, excluded.last_point_at),
                            coalesce(excluded.last_point_at, last_point_at)),
        first_answer_at = min(first_answer_at, excluded.first_answer_at)`);
    // The user's totals row and one row per tag of the round.
    this.addUserRollups = db.prepare(`
      INSERT INTO user_stats (platform, team_id, user_id, channel_id, tag, round_answered, round_correct, points,
                              practice_answered, practice_correct, streak_current, streak_best, streak_date)
      SELECT ?, ?, ?, '', t.tag, ?, ?, ?, ?, ?, 0, 0, NULL
      FROM (SELECT '' AS tag UNION ALL SELECT value FROM json_each(?)) AS t
      WHERE true
      ON CONFLICT DO UPDATE SET
        round_answered = round_answered + excluded.round_answered,
        round_correct = round_correct + excluded.round_correct,
        points = points + excluded.points,
        practice_answered = practice_answered + excluded.practice_answered,
        practice_correct = practice_correct + excluded.practice_correct`);
    // The user's channel row. For a daily round (excluded.streak_date = its local date D): if the
    // user's last answered daily round is the channel's previous daily round (greatest local date
    // before D) the streak grows, else it restarts at 1; a round dated on or before streak_date
    // (answered late) leaves it alone. Channel rounds (streak_date null) leave it alone too.
    const previousRound = `(SELECT max(r.local_date) FROM rounds r
      WHERE r.platform = excluded.platform AND r.team_id = excluded.team_id AND r.channel_id = excluded.channel_id
        AND r.kind = 'daily' AND r.local_date < excluded.streak_date)`;
    const nextCurrent = `CASE
      WHEN excluded.streak_date IS NULL OR excluded.streak_date <= coalesce(streak_date, '') THEN streak_current
      WHEN streak_date = ${previousRound} THEN streak_current + 1
      ELSE 1 END`;
    this.addUserChannel = db.prepare(`
      INSERT INTO user_stats (platform, team_id, user_id, channel_id, tag, round_answered, round_correct, points,
                              practice_answered, practice_correct, streak_current, streak_best, streak_date)
      VALUES (?, ?, ?, ?, '', 1, ?, ?, 0, 0, ?, ?, ?)
      ON CONFLICT DO UPDATE SET
        round_answered = round_answered + 1,
        round_correct = round_correct + excluded.round_correct,
        points = points + excluded.points,
        streak_current = ${nextCurrent},
        streak_best = max(streak_best, ${nextCurrent}),
        streak_date = CASE WHEN excluded.streak_date > coalesce(streak_date, '') THEN excluded.streak_date
                           ELSE streak_date END`);

    // forgetUser, in order: subtract the user's round answers from the round rows (while the
    // answers still exist), drop emptied round rows, then drop the user's own rows.
    const team = 'platform = @platform AND team_id = @teamId';
    this.forgetStatements = [
      `UPDATE channel_days AS d
       SET points = d.points - x.points, answered = d.answered - x.answered, correct = d.correct - x.correct
       FROM (SELECT a.local_date, a.channel_id, a.round_id, sum(a.points) AS points, count(*) AS answered,
                    sum(a.correct) AS correct
             FROM rounds r JOIN answers a ON a.round_id = r.id AND a.user_id = @userId
             WHERE r.platform = @platform AND r.team_id = @teamId AND r.kind IN ('daily', 'channel')
             GROUP BY a.local_date, a.channel_id, a.round_id) AS x
       WHERE d.platform = @platform AND d.team_id = @teamId AND d.local_date = x.local_date
         AND d.channel_id = x.channel_id AND d.user_id = '' AND d.round_id = x.round_id`,
      `DELETE FROM channel_days WHERE ${team} AND user_id = '' AND answered <= 0`,
      `DELETE FROM channel_days WHERE ${team} AND user_id = @userId`,
      `DELETE FROM user_stats WHERE ${team} AND user_id = @userId`,
    ].map((sql) => db.prepare(sql));
  }

  /**
   * Count a daily or channel round answer everywhere. `dailyDate` is the round's local date for a
   * daily round (it advances the streak), null for a channel round.
   */
  addRoundAnswer(f: AnswerFacts, dailyDate: string | null): void {
    const correct = f.correct ? 1 : 0;
    const day = [f.platform, f.teamId, f.localDate, f.channelId] as const;
    this.addChannelDay.run(
      ...day,
      f.userId,
      f.points,
      correct,
      f.points > 0 ? f.answeredAt : null,
      f.answeredAt,
      ...day,
      f.roundId,
      f.points,
      correct,
      f.deckId,
      f.questionId,
      f.tagsJson,
    );
    this.addUserRollups.run(f.platform, f.teamId, f.userId, 1, correct, f.points, 0, 0, f.tagsJson);
    const streak = dailyDate === null ? 0 : 1;
    this.addUserChannel.run(f.platform, f.teamId, f.userId, f.channelId, correct, f.points, streak, streak, dailyDate);
  }

  /** Count a practice answer in the user's own totals and tags only (never on boards). */
  addPracticeAnswer(f: AnswerFacts): void {
    this.addUserRollups.run(f.platform, f.teamId, f.userId, 0, 0, 0, 1, f.correct ? 1 : 0, f.tagsJson);
  }

  /** Remove the user's contributions (call before their answers are deleted). */
  deleteUser(scope: TeamScope, userId: string): void {
    const params = { platform: scope.platform, teamId: scope.teamId, userId };
    for (const statement of this.forgetStatements) statement.run(params);
  }
}
