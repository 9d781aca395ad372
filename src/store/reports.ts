/**
 * The reports table (learners' problem reports) and the item-quality query over answers.
 * `reportFromRow` is the one place a reports row becomes a ReportRow.
 */
import type Database from 'better-sqlite3';
import type { TeamScope } from '../core/context.js';
import type {
  FileReportResult,
  ItemAnswers,
  ItemLearner,
  NewReport,
  ReportedItem,
  ReportRow,
  ResolveReportResult,
} from '../core/ports/store.js';
import { REPORT_COLUMNS, type ReportRecord, reportFromRow } from './records.js';

/** A reports row as SQLite returns it. */

/** Prepared statements over `reports`. */
export class ReportTable {
  private readonly insert: Database.Statement;
  private readonly updateOpen: Database.Statement;
  private readonly open: Database.Statement;
  private readonly byId: Database.Statement;
  private readonly resolve: Database.Statement;
  private readonly items: Database.Statement;
  private readonly removeUser: Database.Statement;
  private readonly blankResolver: Database.Statement;

  constructor(db: Database.Database) {
    // The partial unique index (one open report per user and item) refuses a second open report.
    this.insert = db.prepare(`
      INSERT INTO reports (platform, team_id, deck_id, item_kind, item_id, file, line, user_id, reason, text, at)
      VALUES (@platform, @teamId, @deckId, @itemKind, @itemId, @file, @line, @userId, @reason, @text, @at)
      ON CONFLICT (platform, team_id, deck_id, item_kind, item_id, user_id) WHERE status = 'open' DO NOTHING
      RETURNING ${REPORT_COLUMNS}`);
    this.updateOpen = db.prepare(`
      UPDATE reports SET reason = @reason, text = @text, at = @at, file = @file, line = @line
      WHERE platform = @platform AND team_id = @teamId AND deck_id = @deckId AND item_kind = @itemKind
        AND item_id = @itemId AND user_id = @userId AND status = 'open'
      RETURNING ${REPORT_COLUMNS}`);
    this.open = db.prepare(`SELECT ${REPORT_COLUMNS} FROM reports WHERE platform = ? AND team_id = ? AND status = 'open' ORDER BY id`);
    this.byId = db.prepare(`SELECT ${REPORT_COLUMNS} FROM reports WHERE platform = ? AND team_id = ? AND id = ?`);
    this.resolve = db.prepare(`
      UPDATE reports SET status = 'resolved', resolved_at = @at, resolved_by = @by, note = @note
      WHERE platform = @platform AND team_id = @teamId AND id = @id AND status = 'open'
      RETURNING ${REPORT_COLUMNS}`);
    this.items = db.prepare(`
      SELECT deck_id AS deckId, item_kind AS itemKind, item_id AS itemId, count(*) AS open
      FROM reports WHERE platform = ? AND team_id = ? AND status = 'open'
      GROUP BY deck_id, item_kind, item_id HAVING count(*) >= ?
      ORDER BY open DESC, deck_id, item_kind, item_id`);
    this.removeUser = db.prepare('DELETE FROM reports WHERE platform = ? AND team_id = ? AND user_id = ?');
    this.blankResolver = db.prepare('UPDATE reports SET resolved_by = NULL WHERE platform = ? AND team_id = ? AND resolved_by = ?');
  }

  /** See ReportsPort.fileReport (run inside a write transaction). */
  file(scope: TeamScope, report: NewReport): FileReportResult {
    const params = { platform: scope.platform, teamId: scope.teamId, ...report };
    // Update first: a refused insert would still use up an AUTOINCREMENT id.
    const updated = this.updateOpen.get(params) as ReportRecord | undefined;
    if (updated) return { report: reportFromRow(updated), created: false };
    const created = this.insert.get(params) as ReportRecord | undefined;
    if (created) return { report: reportFromRow(created), created: true };
    return { report: reportFromRow(this.updateOpen.get(params) as ReportRecord), created: false };
  }

  /** The team's open reports, oldest first. */
  openReports(scope: TeamScope): ReportRow[] {
    return (this.open.all(scope.platform, scope.teamId) as ReportRecord[]).map(reportFromRow);
  }

  /** One report of the team, or undefined. */
  get(scope: TeamScope, id: number): ReportRow | undefined {
    const row = this.byId.get(scope.platform, scope.teamId, id) as ReportRecord | undefined;
    return row ? reportFromRow(row) : undefined;
  }

  /** See ReportsPort.resolveReport (run inside a write transaction). */
  resolveReport(scope: TeamScope, id: number, by: string, note: string, at: number): ResolveReportResult {
    const row = this.resolve.get({ platform: scope.platform, teamId: scope.teamId, id, by, note, at }) as ReportRecord | undefined;
    if (row) return { status: 'resolved', report: reportFromRow(row) };
    const existing = this.get(scope, id);
    return existing ? { status: 'already-resolved', report: existing } : { status: 'missing' };
  }

  /** Items with at least `atLeast` open reports. */
  reportedItems(scope: TeamScope, atLeast: number): ReportedItem[] {
    return this.items.all(scope.platform, scope.teamId, atLeast) as ReportedItem[];
  }

  /** Delete the user's reports in a team and blank them as resolver; returns how many reports were deleted. */
  deleteUser(scope: TeamScope, userId: string): number {
    this.blankResolver.run(scope.platform, scope.teamId, userId);
    return this.removeUser.run(scope.platform, scope.teamId, userId).changes;
  }
}

/** The item-quality query: one question's answers in a team, per learner and per choice. */
export class ItemQualityQueries {
  private readonly learners: Database.Statement;
  private readonly picks: Database.Statement;

  constructor(db: Database.Database) {
    this.learners = db.prepare(`
      WITH item AS (
        SELECT a.user_id, count(*) AS answered, sum(a.correct) AS correct
        FROM rounds r JOIN answers a ON a.round_id = r.id
        WHERE r.platform = @platform AND r.team_id = @teamId AND r.deck_id = @deckId AND r.question_id = @questionId
        GROUP BY a.user_id
      ),
      overall AS (
        SELECT a.user_id, count(*) AS answered, sum(a.correct) AS correct
        FROM answers a
        WHERE a.platform = @platform AND a.team_id = @teamId AND a.user_id IN (SELECT user_id FROM item)
        GROUP BY a.user_id
      )
      SELECT item.user_id AS userId, item.answered, item.correct,
             overall.answered AS overallAnswered, overall.correct AS overallCorrect
      FROM item JOIN overall ON overall.user_id = item.user_id
      ORDER BY item.user_id`);
    this.picks = db.prepare(`
      SELECT a.choice_index AS choiceIndex, count(*) AS count
      FROM rounds r JOIN answers a ON a.round_id = r.id
      WHERE r.platform = @platform AND r.team_id = @teamId AND r.deck_id = @deckId AND r.question_id = @questionId
      GROUP BY a.choice_index ORDER BY a.choice_index`);
  }

  /** See ItemQualityPort.itemAnswers. */
  itemAnswers(scope: TeamScope, deckId: string, questionId: string): ItemAnswers {
    const params = { platform: scope.platform, teamId: scope.teamId, deckId, questionId };
    return {
      learners: this.learners.all(params) as ItemLearner[],
      picks: this.picks.all(params) as { choiceIndex: number; count: number }[],
    };
  }
}
