/**
 * The mock_exams and mock_questions tables (see MockExamsPort). A mock's questions are practice
 * rounds created here, in the mock's transaction, through RoundTable; ending a mock closes them.
 */
import type Database from 'better-sqlite3';
import type { TeamScope } from '../core/context.js';
import type { MockEndReason, MockExamRow, NewMockExam, StartMockResult } from '../core/ports/store.js';
import type { RoundTable } from './rounds.js';
import { type MockRecord, mockFromRecords, type QuestionRecord } from './records.js';


/** Prepared statements over the mock tables. */
export class MockExamTable {
  private readonly insertMock: Database.Statement;
  private readonly insertQuestion: Database.Statement;
  private readonly byId: Database.Statement;
  private readonly running: Database.Statement;
  private readonly questionsOf: Database.Statement;
  private readonly flag: Database.Statement;
  private readonly end: Database.Statement;
  private readonly closeRounds: Database.Statement;
  private readonly due: Database.Statement;
  private readonly seen: Database.Statement;
  private readonly unseen: Database.Statement;
  private readonly deleteQuestionsOfUser: Database.Statement;
  private readonly deleteMocksOfUser: Database.Statement;

  constructor(
    db: Database.Database,
    private readonly rounds: RoundTable,
  ) {
    this.insertMock = db.prepare(`
      INSERT INTO mock_exams (platform, team_id, channel_id, user_id, deck_id, direct, started_at, ends_at, retake_of)
      VALUES (@platform, @teamId, @channelId, @userId, @deckId, @direct, @startedAt, @endsAt, @retakeOf)
      ON CONFLICT DO NOTHING RETURNING id`);
    this.insertQuestion = db.prepare(
      'INSERT INTO mock_questions (mock_id, position, round_id, question_id, domain) VALUES (?, ?, ?, ?, ?)',
    );
    this.byId = db.prepare('SELECT * FROM mock_exams WHERE id = ?');
    this.running = db.prepare('SELECT * FROM mock_exams WHERE platform = ? AND team_id = ? AND user_id = ? AND ended_at IS NULL');
    this.questionsOf = db.prepare(
      'SELECT position, round_id, question_id, domain, flagged FROM mock_questions WHERE mock_id = ? ORDER BY position',
    );
    this.flag = db.prepare('UPDATE mock_questions SET flagged = ? WHERE mock_id = ? AND position = ?');
    this.end = db.prepare('UPDATE mock_exams SET ended_at = ?, end_reason = ? WHERE id = ? AND ended_at IS NULL');
    this.closeRounds = db.prepare(`
      UPDATE rounds SET closed_at = ?
      WHERE closed_at IS NULL AND id IN (SELECT round_id FROM mock_questions WHERE mock_id = ?)`);
    this.due = db.prepare('SELECT * FROM mock_exams WHERE ended_at IS NULL AND ends_at <= ? ORDER BY ends_at, id');
    this.seen = db.prepare('UPDATE mock_exams SET results_seen = 1 WHERE id = ?');
    this.unseen = db.prepare(`
      SELECT * FROM mock_exams
      WHERE platform = ? AND team_id = ? AND user_id = ? AND ended_at IS NOT NULL AND results_seen = 0
      ORDER BY ended_at DESC, id DESC LIMIT 1`);
    this.deleteQuestionsOfUser = db.prepare(`
      DELETE FROM mock_questions WHERE mock_id IN
        (SELECT id FROM mock_exams WHERE platform = ? AND team_id = ? AND user_id = ?)`);
    this.deleteMocksOfUser = db.prepare('DELETE FROM mock_exams WHERE platform = ? AND team_id = ? AND user_id = ?');
  }

  /** See MockExamsPort.startMockExam (call inside a write transaction). */
  start(exam: NewMockExam): StartMockResult {
    const inserted = this.insertMock.get({
      platform: exam.platform,
      teamId: exam.teamId,
      channelId: exam.channelId,
      userId: exam.userId,
      deckId: exam.deckId,
      direct: exam.direct ? 1 : 0,
      startedAt: exam.startedAt,
      endsAt: exam.endsAt,
      retakeOf: exam.retakeOf,
    }) as { id: number } | undefined;
    if (inserted === undefined) {
      const existing = this.runningOf(exam, exam.userId);
      if (existing) return { status: 'busy', existing };
      throw new Error('mock exam insert was refused but no running mock was found');
    }
    exam.questions.forEach((q, position) => {
      const round = this.rounds.create({
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
      this.insertQuestion.run(inserted.id, position, round.id, q.questionId, q.domain);
    });
    return { status: 'started', exam: this.get(inserted.id) as MockExamRow };
  }

  get(id: number): MockExamRow | undefined {
    return this.row(this.byId.get(id) as MockRecord | undefined);
  }

  runningOf(scope: TeamScope, userId: string): MockExamRow | undefined {
    return this.row(this.running.get(scope.platform, scope.teamId, userId) as MockRecord | undefined);
  }

  setFlag(id: number, position: number, flagged: boolean): boolean {
    return this.flag.run(flagged ? 1 : 0, id, position).changes > 0;
  }

  /** End the mock and close its rounds (call inside a write transaction). */
  endMock(id: number, at: number, reason: MockEndReason): boolean {
    if (this.end.run(at, reason, id).changes === 0) return false;
    this.closeRounds.run(at, id);
    return true;
  }

  dueAt(now: number): MockExamRow[] {
    return (this.due.all(now) as MockRecord[]).map((r) => this.row(r) as MockExamRow);
  }

  markSeen(id: number): void {
    this.seen.run(id);
  }

  unseenOf(scope: TeamScope, userId: string): MockExamRow | undefined {
    return this.row(this.unseen.get(scope.platform, scope.teamId, userId) as MockRecord | undefined);
  }

  /** Delete the user's mocks in a team (forgetUser; their practice rounds go with the user's rounds). */
  deleteUser(scope: TeamScope, userId: string): void {
    this.deleteQuestionsOfUser.run(scope.platform, scope.teamId, userId);
    this.deleteMocksOfUser.run(scope.platform, scope.teamId, userId);
  }

  private row(r: MockRecord | undefined): MockExamRow | undefined {
    return r === undefined ? undefined : mockFromRecords(r, this.questionsOf.all(r.id) as QuestionRecord[]);
  }
}
