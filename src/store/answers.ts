/**
 * The answers table: one row per (round, user), the first answer. `answerFromRow` is the one place
 * an answers row becomes an AnswerRow.
 */
import type Database from 'better-sqlite3';
import { type AnswerRecord, answerFromRow } from './records.js';
import type { TeamScope } from '../core/context.js';
import type { AnswerRow, NewAnswer, RoundTally } from '../core/ports/store.js';

/** An answers row as SQLite returns it. */

/** Prepared statements over `answers`. */
export class AnswerTable {
  /**
   * The forget-me epoch (forget_epoch.epoch, see coordination.ts) as the last answer insertIfFirst
   * stored saw it, read in the insert's own statement; -1 before the first stored answer.
   */
  lastForgetEpoch = -1;
  private readonly insert: Database.Statement;
  private readonly byKey: Database.Statement;
  private readonly tally: Database.Statement;
  private readonly remove: Database.Statement;
  private readonly mark: Database.Statement;
  private readonly marked: Database.Statement;

  constructor(db: Database.Database) {
    // Only into a stored round that is still open, which also decides the answer's scope. The
    // primary key (round_id, user_id) decides who was first; a second insert changes nothing.
    // Triggers count an inserted answer in the aggregates (migrations.ts, answerTriggers).
    this.insert = db
      .prepare(`
        INSERT INTO answers (round_id, user_id, platform, team_id, channel_id, letter, choice_index,
                             correct, points, answered_at, local_date)
        SELECT id, ?, platform, team_id, channel_id, ?, ?, ?, ?, ?, ?
        FROM rounds WHERE id = ? AND closed_at IS NULL
          AND NOT EXISTS (SELECT 1 FROM forgotten_answers WHERE round_id = rounds.id AND user_id = ?)
        ON CONFLICT (round_id, user_id) DO NOTHING
        RETURNING (SELECT epoch FROM forget_epoch WHERE id = 1)`)
      .pluck();
    this.byKey = db.prepare('SELECT * FROM answers WHERE round_id = ? AND user_id = ?');
    this.tally = db.prepare(`
      SELECT choice_index AS choiceIndex, count(*) AS answered, sum(correct) AS correct
      FROM answers WHERE round_id = ? GROUP BY choice_index`);
    // Through the team's rounds (rounds_by_team), then the (round_id, user_id) key.
    this.remove = db.prepare(`
      DELETE FROM answers
      WHERE user_id = @userId AND round_id IN (SELECT id FROM rounds WHERE platform = @platform AND team_id = @teamId)`);
    this.mark = db.prepare(`
      INSERT OR IGNORE INTO forgotten_answers (round_id, user_id)
      SELECT a.round_id, a.user_id FROM answers AS a JOIN rounds AS r ON r.id = a.round_id
      WHERE a.user_id = @userId AND r.platform = @platform AND r.team_id = @teamId
        AND r.closed_at IS NULL AND r.kind IN ('daily', 'channel')`);
    this.marked = db.prepare('SELECT 1 FROM forgotten_answers WHERE round_id = ? AND user_id = ?');
  }

  /**
   * Insert the user's answer to round `roundId` if the round is stored and open and the user has
   * not answered it yet; returns the stored answer, or undefined when nothing was inserted. A
   * stored answer also sets lastForgetEpoch (no extra statement).
   */
  insertIfFirst(roundId: number, a: NewAnswer): AnswerRow | undefined {
    // all(), not get(): the statement must run to its end, where SQLite commits it (when it is
    // its own transaction) and runs the WAL auto-checkpoint.
    const inserted = this.insert.all(
      a.userId,
      a.letter,
      a.choiceIndex,
      a.correct ? 1 : 0,
      a.points,
      a.answeredAt,
      a.localDate,
      roundId,
      a.userId,
    ) as (number | null)[];
    if (inserted.length === 0) return undefined;
    this.lastForgetEpoch = inserted[0] ?? 0;
    // The row was inserted from the stored round `roundId`; a round's platform, team and channel
    // never change, so the caller's copy of that round names the same scope.
    const round = a.round;
    // One literal with every field (no spread): this runs on every click.
    return {
      roundId,
      userId: a.userId,
      platform: round.platform,
      teamId: round.teamId,
      channelId: round.channelId,
      letter: a.letter,
      choiceIndex: a.choiceIndex,
      correct: a.correct,
      points: a.points,
      answeredAt: a.answeredAt,
      localDate: a.localDate,
    };
  }

  get(roundId: number, userId: string): AnswerRow | undefined {
    const record = this.byKey.get(roundId, userId) as AnswerRecord | undefined;
    return record === undefined ? undefined : answerFromRow(record);
  }

  /** How a round's answers split by choice; choices outside [0, choiceCount) count only in the totals. */
  roundTally(roundId: number, choiceCount: number): RoundTally {
    const result: RoundTally = { answered: 0, correct: 0, byChoice: new Array<number>(choiceCount).fill(0) };
    for (const row of this.tally.all(roundId) as { choiceIndex: number; answered: number; correct: number }[]) {
      result.answered += row.answered;
      result.correct += row.correct;
      if (row.choiceIndex >= 0 && row.choiceIndex < choiceCount) result.byChoice[row.choiceIndex] = row.answered;
    }
    return result;
  }

  /**
   * Leave an anonymous marker (round id, user id) for each open daily or channel round of the team
   * the user answered, so that after their answers are deleted they cannot answer those rounds
   * again (migration 5; closing a round drops its markers). Call before deleteUser.
   */
  markOpenRounds(scope: TeamScope, userId: string): void {
    this.mark.run({ platform: scope.platform, teamId: scope.teamId, userId });
  }

  /** Whether the user answered round `roundId` and then forgot themselves while it was open. */
  forgotten(roundId: number, userId: string): boolean {
    return this.marked.get(roundId, userId) !== undefined;
  }

  /** Delete the user's answers in a team; returns how many. */
  deleteUser(scope: TeamScope, userId: string): number {
    return this.remove.run({ platform: scope.platform, teamId: scope.teamId, userId }).changes;
  }
}
