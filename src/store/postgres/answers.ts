/**
 * Answers on PostgreSQL (AnswersPort). A click is one statement, `SELECT click_answer(...)`
 * (migration 5, schema-click-answer.ts; since migration 6, schema-round-lock.ts, it takes the
 * round's advisory lock shared instead of reading the round row FOR SHARE; since migration 7,
 * schema-click-previous.ts, it takes the channel's previous daily date when the caller read it): the team's shared
 * advisory lock, the round's, the round read, the insert with its aggregates, the user's name and
 * the practice card, all in one round trip and one transaction, answered by one text value. `answerFromRow` is the one place an answers row
 * becomes an AnswerRow.
 */
import type { AnswerRow, NewAnswer, RecordAnswerResult, RoundTally } from '../../core/ports/store.js';
import { first, rows, type Sql } from './db.js';
import { type AnswerRecord, answerFromRow } from '../records.js';

/** The standing answer click_answer() returns for a duplicate (a JSON object). */
interface StandingAnswer {
  letter: string;
  choice_index: number;
  correct: number;
  points: number;
  answered_at: number;
  local_date: string;
}

/** Answer queries (stateless: every method takes the connection to run on). */
export const answerQueries = {
  /**
   * See AnswersPort.recordAnswer: one statement (see the module comment). `previousDaily` is the
   * round's channel's previous daily date as read with the round ('' for none; see
   * schema-click-previous.ts), undefined when not known: click_answer() then reads it itself.
   */
  async record(db: Sql, a: NewAnswer, previousDaily?: string): Promise<RecordAnswerResult> {
    const round = a.round;
    const r = await first<{ r: string | null }>(
      db,
      'SELECT click_answer($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) AS r',
      [
        round.platform,
        round.teamId,
        round.id,
        a.userId,
        a.userName,
        a.userName.toLowerCase(), // findUsers' key, lower-cased as everywhere else (JS rules, not the database's)
        a.letter,
        a.choiceIndex,
        a.correct ? 1 : 0,
        a.points,
        a.answeredAt,
        a.localDate,
        a.practiceCard ?? null,
        previousDaily ?? null,
      ],
      'kms_click_answer_previous',
    );
    const status = r?.r;
    if (status === 'forgotten' || status === 'closed') return { status };
    // The row was inserted from the stored round; a round's platform, team and channel never
    // change, so the caller's copy of that round names the same scope (as on SQLite).
    if (status === 'recorded') {
      // One literal with every field (no spread): this runs on every click.
      return {
        status: 'recorded',
        answer: {
          roundId: round.id,
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
        },
      };
    }
    if (typeof status !== 'string' || !status.startsWith('{')) throw new Error(`click_answer returned ${JSON.stringify(status)}`);
    const standing = JSON.parse(status) as StandingAnswer;
    return {
      status: 'duplicate',
      existing: answerFromRow({
        round_id: round.id,
        user_id: a.userId,
        platform: round.platform,
        team_id: round.teamId,
        channel_id: round.channelId,
        letter: standing.letter,
        choice_index: standing.choice_index,
        correct: standing.correct,
        points: standing.points,
        answered_at: standing.answered_at,
        local_date: standing.local_date,
      }),
    };
  },

  async get(db: Sql, roundId: number, userId: string): Promise<AnswerRow | undefined> {
    const r = await first<AnswerRecord>(db, 'SELECT * FROM answers WHERE round_id = $1 AND user_id = $2', [roundId, userId]);
    return r && answerFromRow(r);
  },

  /** How a round's answers split by choice; choices outside [0, choiceCount) count only in the totals. */
  async roundTally(db: Sql, roundId: number, choiceCount: number): Promise<RoundTally> {
    const found = await rows<TallyRecord>(
      db,
      'SELECT choice_index, count(*) AS answered, sum(correct) AS correct FROM answers WHERE round_id = $1 GROUP BY choice_index',
      [roundId],
      'kms_round_tally',
    );
    return tallyFromRecords(found, choiceCount);
  },
};

/** One choice's line of a round's tally: its answers and how many of them were right. */
export interface TallyRecord {
  choice_index: number;
  answered: number;
  correct: number;
}

/** A round's tally from its lines per choice; choices outside [0, choiceCount) count only in the totals. */
export function tallyFromRecords(found: readonly TallyRecord[], choiceCount: number): RoundTally {
  const result: RoundTally = { answered: 0, correct: 0, byChoice: new Array<number>(choiceCount).fill(0) };
  for (const row of found) {
    result.answered += row.answered;
    result.correct += row.correct;
    if (row.choice_index >= 0 && row.choice_index < choiceCount) result.byChoice[row.choice_index] = row.answered;
  }
  return result;
}
