/**
 * The aggregate tables boards, stats and digests read (see migration 2): maintained answer by
 * answer inside recordAnswer's transaction, and reduced by forgetUser. Round answers reach every
 * table; practice answers reach only the user's own totals and tags. Statements bind positional
 * parameters: this is the hot path of every click.
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
  private readonly addScoreDay: Database.Statement;
  private readonly addUserStats: Database.Statement;
  private readonly addRoundDay: Database.Statement;
  private readonly forgetStatements: Database.Statement[];

  constructor(db: Database.Database) {
    this.addScoreDay = db.prepare(`
      INSERT INTO score_days (platform, team_id, local_date, channel_id, user_id, points, answered,
                              correct, last_point_at, first_answer_at)
      VALUES (?, ?, ?, ?, ?, ?, 1, ?, ?, ?)
      ON CONFLICT DO UPDATE SET
        points = points + excluded.points,
        answered = answered + 1,
        correct = correct + excluded.correct,
        last_point_at = max(coalesce(last_point_at, excluded.last_point_at),
                            coalesce(excluded.last_point_at, last_point_at)),
        first_answer_at = min(first_answer_at, excluded.first_answer_at)`);
    // The user's totals row (tag '') and one row per tag of the round, in one statement.
    this.addUserStats = db.prepare(`
      INSERT INTO user_stats (platform, team_id, user_id, tag, round_answered, round_correct, points,
                              practice_answered, practice_correct)
      SELECT ?, ?, ?, t.tag, ?, ?, ?, ?, ?
      FROM (SELECT '' AS tag UNION ALL SELECT value FROM json_each(?)) AS t
      WHERE true
      ON CONFLICT DO UPDATE SET
        round_answered = round_answered + excluded.round_answered,
        round_correct = round_correct + excluded.round_correct,
        points = points + excluded.points,
        practice_answered = practice_answered + excluded.practice_answered,
        practice_correct = practice_correct + excluded.practice_correct`);
    this.addRoundDay = db.prepare(`
      INSERT INTO round_days (platform, team_id, local_date, channel_id, round_id, deck_id, question_id, tags,
                              answered, correct)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, 1, ?)
      ON CONFLICT DO UPDATE SET answered = answered + 1, correct = correct + excluded.correct`);

    // forgetUser, in order: subtract the user's round answers from round_days (while the answers
    // still exist), drop emptied rows, then drop the user-level rows.
    const team = 'platform = @platform AND team_id = @teamId';
    this.forgetStatements = [
      `UPDATE round_days AS d SET answered = d.answered - x.answered, correct = d.correct - x.correct
       FROM (SELECT a.local_date, a.channel_id, a.round_id, count(*) AS answered, sum(a.correct) AS correct
             FROM rounds r JOIN answers a ON a.round_id = r.id AND a.user_id = @userId
             WHERE r.platform = @platform AND r.team_id = @teamId AND r.kind IN ('daily', 'channel')
             GROUP BY a.local_date, a.channel_id, a.round_id) AS x
       WHERE d.platform = @platform AND d.team_id = @teamId AND d.local_date = x.local_date
         AND d.channel_id = x.channel_id AND d.round_id = x.round_id`,
      `DELETE FROM round_days WHERE ${team} AND answered <= 0`,
      `DELETE FROM score_days WHERE ${team} AND user_id = @userId`,
      `DELETE FROM user_stats WHERE ${team} AND user_id = @userId`,
    ].map((sql) => db.prepare(sql));
  }

  /** Count a daily or channel round answer everywhere. */
  addRoundAnswer(f: AnswerFacts): void {
    const correct = f.correct ? 1 : 0;
    this.addScoreDay.run(
      f.platform,
      f.teamId,
      f.localDate,
      f.channelId,
      f.userId,
      f.points,
      correct,
      f.points > 0 ? f.answeredAt : null,
      f.answeredAt,
    );
    this.addUserStatRows(f, 1, correct, f.points, 0, 0);
    this.addRoundDay.run(
      f.platform,
      f.teamId,
      f.localDate,
      f.channelId,
      f.roundId,
      f.deckId,
      f.questionId,
      f.tagsJson,
      correct,
    );
  }

  /** Count a practice answer in the user's own totals and tags only (never on boards). */
  addPracticeAnswer(f: AnswerFacts): void {
    const correct = f.correct ? 1 : 0;
    this.addUserStatRows(f, 0, 0, 0, 1, correct);
  }

  /** Add to the user's totals row (tag '') and to each tag's row. */
  private addUserStatRows(
    f: AnswerFacts,
    roundAnswered: number,
    roundCorrect: number,
    points: number,
    practiceAnswered: number,
    practiceCorrect: number,
  ): void {
    this.addUserStats.run(
      f.platform,
      f.teamId,
      f.userId,
      roundAnswered,
      roundCorrect,
      points,
      practiceAnswered,
      practiceCorrect,
      f.tagsJson,
    );
  }

  /** Remove the user's contributions (call before their answers are deleted). */
  deleteUser(scope: TeamScope, userId: string): void {
    const params = { platform: scope.platform, teamId: scope.teamId, userId };
    for (const statement of this.forgetStatements) statement.run(params);
  }
}
