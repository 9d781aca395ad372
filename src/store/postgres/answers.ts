/**
 * Answers on PostgreSQL (AnswersPort). A click is one statement, `SELECT * FROM record_answer(...)`
 * (schema.ts): the team's shared advisory lock, the round row FOR SHARE, the insert with its
 * aggregates (trigger), the user's name and the practice card, all in one round trip and one
 * transaction. `answerFromRow` is the one place an answers row becomes an AnswerRow.
 */
import type { Platform } from '../../core/context.js';
import type { AnswerRow, NewAnswer, RecordAnswerResult, RoundTally } from '../../core/ports/store.js';
import { first, rows, type Sql } from './db.js';
import { type AnswerRecord, answerFromRow } from '../records.js';

/** An answers row as `pg` returns it. */

/** record_answer's one row. */
interface ClickRecord {
  status: 'recorded' | 'duplicate' | 'forgotten' | 'closed';
  platform: string | null;
  team_id: string | null;
  channel_id: string | null;
  letter: string | null;
  choice_index: number | null;
  correct: number | null;
  points: number | null;
  answered_at: number | null;
  local_date: string | null;
}

/** Answer queries (stateless: every method takes the connection to run on). */
export const answerQueries = {
  /** See AnswersPort.recordAnswer: one statement (see the module comment). */
  async record(db: Sql, a: NewAnswer): Promise<RecordAnswerResult> {
    const r = await first<ClickRecord>(
      db,
      'SELECT * FROM record_answer($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)',
      [
        a.round.platform,
        a.round.teamId,
        a.round.id,
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
      ],
      'kms_record_answer',
    );
    if (r === undefined) throw new Error('record_answer returned no row');
    if (r.status === 'forgotten' || r.status === 'closed') return { status: r.status };
    const platform = r.platform as Platform;
    const teamId = r.team_id as string;
    const channelId = r.channel_id as string;
    if (r.status === 'recorded') {
      return {
        status: 'recorded',
        answer: {
          roundId: a.round.id,
          userId: a.userId,
          platform,
          teamId,
          channelId,
          letter: a.letter,
          choiceIndex: a.choiceIndex,
          correct: a.correct,
          points: a.points,
          answeredAt: a.answeredAt,
          localDate: a.localDate,
        },
      };
    }
    return {
      status: 'duplicate',
      existing: answerFromRow({
        round_id: a.round.id,
        user_id: a.userId,
        platform,
        team_id: teamId,
        channel_id: channelId,
        letter: r.letter as string,
        choice_index: r.choice_index as number,
        correct: r.correct as number,
        points: r.points as number,
        answered_at: r.answered_at as number,
        local_date: r.local_date as string,
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
