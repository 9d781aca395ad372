/**
 * Mock exams on PostgreSQL (MockExamsPort). A mock's questions are practice rounds created in the
 * mock's transaction; ending a mock closes them. One running mock per (team, user) is held by a
 * partial unique index (ON CONFLICT DO NOTHING, then the running one is read).
 */
import type { TeamScope } from '../../core/context.js';
import type { MockEndReason, MockExamRow, NewMockExam, StartMockResult } from '../../core/ports/store.js';
import { changes, first, rows, type Sql } from './db.js';
import { roundQueries } from './rounds.js';
import { type MockRecord, mockFromRecords, type QuestionRecord } from '../records.js';


/** A mock row with its questions. */
async function withQuestions(db: Sql, r: MockRecord | undefined): Promise<MockExamRow | undefined> {
  if (r === undefined) return undefined;
  const questions = await rows<QuestionRecord>(
    db,
    'SELECT position, round_id, question_id, domain, flagged FROM mock_questions WHERE mock_id = $1 ORDER BY position',
    [r.id],
  );
  return mockFromRecords(r, questions);
}

/** Mock exam queries (stateless: every method takes the connection to run on). */
export const mockExamQueries = {
  /** See MockExamsPort.startMockExam (run inside one transaction). */
  async start(db: Sql, exam: NewMockExam): Promise<StartMockResult> {
    const inserted = await first<{ id: number }>(
      db,
      `INSERT INTO mock_exams (platform, team_id, channel_id, user_id, deck_id, direct, started_at, ends_at, retake_of)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::bigint)
       ON CONFLICT DO NOTHING RETURNING id`,
      [exam.platform, exam.teamId, exam.channelId, exam.userId, exam.deckId, exam.direct ? 1 : 0, exam.startedAt, exam.endsAt, exam.retakeOf],
    );
    if (inserted === undefined) {
      const existing = await mockExamQueries.runningOf(db, exam, exam.userId);
      if (existing) return { status: 'busy', existing };
      throw new Error('mock exam insert was refused but no running mock was found');
    }
    for (const [position, q] of exam.questions.entries()) {
      const round = await roundQueries.create(db, {
        platform: exam.platform,
        teamId: exam.teamId,
        channelId: exam.channelId,
        kind: 'practice',
        deckId: exam.deckId,
        questionId: q.questionId,
        choiceOrder: q.choiceOrder,
        correctIndex: q.correctIndex,
        tags: q.tags,
        openedBy: exam.userId,
        openedAt: exam.startedAt,
        closesAt: exam.endsAt,
        localDate: null,
      });
      await changes(db, 'INSERT INTO mock_questions (mock_id, position, round_id, question_id, domain) VALUES ($1, $2, $3, $4, $5)', [
        inserted.id,
        position,
        round.id,
        q.questionId,
        q.domain,
      ]);
    }
    const exam_ = await mockExamQueries.get(db, inserted.id);
    if (exam_ === undefined) throw new Error('a started mock exam was not found');
    return { status: 'started', exam: exam_ };
  },

  async get(db: Sql, id: number): Promise<MockExamRow | undefined> {
    return withQuestions(db, await first<MockRecord>(db, 'SELECT * FROM mock_exams WHERE id = $1', [id]));
  },

  async runningOf(db: Sql, scope: TeamScope, userId: string): Promise<MockExamRow | undefined> {
    const r = await first<MockRecord>(db, 'SELECT * FROM mock_exams WHERE platform = $1 AND team_id = $2 AND user_id = $3 AND ended_at IS NULL', [
      scope.platform,
      scope.teamId,
      userId,
    ]);
    return withQuestions(db, r);
  },

  async setFlag(db: Sql, id: number, position: number, flagged: boolean): Promise<boolean> {
    return (await changes(db, 'UPDATE mock_questions SET flagged = $1 WHERE mock_id = $2 AND position = $3', [flagged ? 1 : 0, id, position])) > 0;
  },

  /**
   * End the mock and close its rounds (run inside one transaction), each under its round's exclusive
   * lock (lock_round(), migration 6; taken in round order), as closeRound does.
   */
  async end(db: Sql, id: number, at: number, reason: MockEndReason): Promise<boolean> {
    if ((await changes(db, 'UPDATE mock_exams SET ended_at = $1, end_reason = $2 WHERE id = $3 AND ended_at IS NULL', [at, reason, id])) === 0) return false;
    await db.query({ text: 'SELECT lock_round(round_id) FROM mock_questions WHERE mock_id = $1 ORDER BY round_id', values: [id] });
    await changes(db, 'UPDATE rounds SET closed_at = $1 WHERE closed_at IS NULL AND id IN (SELECT round_id FROM mock_questions WHERE mock_id = $2)', [at, id]);
    return true;
  },

  async dueAt(db: Sql, now: number): Promise<MockExamRow[]> {
    const found = await rows<MockRecord>(db, 'SELECT * FROM mock_exams WHERE ended_at IS NULL AND ends_at <= $1 ORDER BY ends_at, id', [now]);
    const result: MockExamRow[] = [];
    for (const r of found) {
      const row = await withQuestions(db, r);
      if (row) result.push(row);
    }
    return result;
  },

  async markSeen(db: Sql, id: number): Promise<void> {
    await changes(db, 'UPDATE mock_exams SET results_seen = 1 WHERE id = $1', [id]);
  },

  async unseenOf(db: Sql, scope: TeamScope, userId: string): Promise<MockExamRow | undefined> {
    const r = await first<MockRecord>(
      db,
      `SELECT * FROM mock_exams WHERE platform = $1 AND team_id = $2 AND user_id = $3 AND ended_at IS NOT NULL AND results_seen = 0
       ORDER BY ended_at DESC, id DESC LIMIT 1`,
      [scope.platform, scope.teamId, userId],
    );
    return withQuestions(db, r);
  },

  /** forget-me: the user's mocks in a team (their questions go by ON DELETE CASCADE; their rounds with the user's rounds). */
  async deleteUser(db: Sql, scope: TeamScope, userId: string): Promise<void> {
    await changes(db, 'DELETE FROM mock_exams WHERE platform = $1 AND team_id = $2 AND user_id = $3', [scope.platform, scope.teamId, userId]);
  },
};
