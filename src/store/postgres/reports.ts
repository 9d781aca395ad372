/**
 * Problem reports (ReportsPort) and item quality (ItemQualityPort) on PostgreSQL. One open report per
 * user and item is held by a partial unique index: an update first, then an insert ON CONFLICT DO
 * NOTHING, then the update again (a concurrent filer won), never a caught unique violation.
 */
import type { TeamScope } from '../../core/context.js';
import type { FileReportResult, ItemAnswers, ItemLearner, NewReport, ReportedItem, ReportRow, ResolveReportResult } from '../../core/ports/store.js';
import { changes, first, rows, type Sql } from './db.js';
import { REPORT_COLUMNS, type ReportRecord, reportFromRow } from '../records.js';


const UPDATE_OPEN = `
  UPDATE reports SET reason = $7, text = $8, at = $9, file = $10, line = $11::integer
  WHERE platform = $1 AND team_id = $2 AND deck_id = $3 AND item_kind = $4 AND item_id = $5 AND user_id = $6 AND status = 'open'
  RETURNING ${REPORT_COLUMNS}`;

/** Report queries (stateless: every method takes the connection to run on). */
export const reportQueries = {
  /** See ReportsPort.fileReport (run inside one transaction). */
  async file(db: Sql, scope: TeamScope, r: NewReport): Promise<FileReportResult> {
    const params = [scope.platform, scope.teamId, r.deckId, r.itemKind, r.itemId, r.userId, r.reason, r.text, r.at, r.file, r.line];
    const updated = await first<ReportRecord>(db, UPDATE_OPEN, params);
    if (updated) return { report: reportFromRow(updated), created: false };
    const created = await first<ReportRecord>(
      db,
      `INSERT INTO reports (platform, team_id, deck_id, item_kind, item_id, user_id, reason, text, at, file, line)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11::integer)
       ON CONFLICT (platform, team_id, deck_id, item_kind, item_id, user_id) WHERE status = 'open' DO NOTHING
       RETURNING ${REPORT_COLUMNS}`,
      params,
    );
    if (created) return { report: reportFromRow(created), created: true };
    const raced = await first<ReportRecord>(db, UPDATE_OPEN, params);
    if (raced === undefined) throw new Error('report insert was refused but no open report was found');
    return { report: reportFromRow(raced), created: false };
  },

  async openReports(db: Sql, scope: TeamScope): Promise<ReportRow[]> {
    const found = await rows<ReportRecord>(db, `SELECT ${REPORT_COLUMNS} FROM reports WHERE platform = $1 AND team_id = $2 AND status = 'open' ORDER BY id`, [
      scope.platform,
      scope.teamId,
    ]);
    return found.map(reportFromRow);
  },

  async get(db: Sql, scope: TeamScope, id: number): Promise<ReportRow | undefined> {
    const r = await first<ReportRecord>(db, `SELECT ${REPORT_COLUMNS} FROM reports WHERE platform = $1 AND team_id = $2 AND id = $3`, [scope.platform, scope.teamId, id]);
    return r && reportFromRow(r);
  },

  async resolve(db: Sql, scope: TeamScope, id: number, by: string, note: string, at: number): Promise<ResolveReportResult> {
    const r = await first<ReportRecord>(
      db,
      `UPDATE reports SET status = 'resolved', resolved_at = $4, resolved_by = $5, note = $6
       WHERE platform = $1 AND team_id = $2 AND id = $3 AND status = 'open'
       RETURNING ${REPORT_COLUMNS}`,
      [scope.platform, scope.teamId, id, at, by, note],
    );
    if (r) return { status: 'resolved', report: reportFromRow(r) };
    const existing = await reportQueries.get(db, scope, id);
    return existing ? { status: 'already-resolved', report: existing } : { status: 'missing' };
  },

  async reportedItems(db: Sql, scope: TeamScope, atLeast: number): Promise<ReportedItem[]> {
    return rows<ReportedItem>(
      db,
      `SELECT deck_id AS "deckId", item_kind AS "itemKind", item_id AS "itemId", count(*) AS open
       FROM reports WHERE platform = $1 AND team_id = $2 AND status = 'open'
       GROUP BY deck_id, item_kind, item_id HAVING count(*) >= $3
       ORDER BY open DESC, deck_id, item_kind, item_id`,
      [scope.platform, scope.teamId, atLeast],
    );
  },

  /** forget-me: blank the user as resolver, then delete the reports they filed in the team. */
  async deleteUser(db: Sql, scope: TeamScope, userId: string): Promise<void> {
    const params = [scope.platform, scope.teamId, userId];
    await changes(db, 'UPDATE reports SET resolved_by = NULL WHERE platform = $1 AND team_id = $2 AND resolved_by = $3', params);
    await changes(db, 'DELETE FROM reports WHERE platform = $1 AND team_id = $2 AND user_id = $3', params);
  },

  /** See ItemQualityPort.itemAnswers. */
  async itemAnswers(db: Sql, scope: TeamScope, deckId: string, questionId: string): Promise<ItemAnswers> {
    const params = [scope.platform, scope.teamId, deckId, questionId];
    const learners = await rows<ItemLearner>(
      db,
      `WITH item AS (
         SELECT a.user_id, count(*) AS answered, sum(a.correct) AS correct
         FROM rounds r JOIN answers a ON a.round_id = r.id
         WHERE r.platform = $1 AND r.team_id = $2 AND r.deck_id = $3 AND r.question_id = $4
         GROUP BY a.user_id
       ), overall AS (
         SELECT a.user_id, count(*) AS answered, sum(a.correct) AS correct
         FROM answers a
         WHERE a.platform = $1 AND a.team_id = $2 AND a.user_id IN (SELECT user_id FROM item)
         GROUP BY a.user_id
       )
       SELECT item.user_id AS "userId", item.answered, item.correct,
              overall.answered AS "overallAnswered", overall.correct AS "overallCorrect"
       FROM item JOIN overall ON overall.user_id = item.user_id
       ORDER BY item.user_id`,
      params,
    );
    const picks = await rows<{ choiceIndex: number; count: number }>(
      db,
      `SELECT a.choice_index AS "choiceIndex", count(*) AS count
       FROM rounds r JOIN answers a ON a.round_id = r.id
       WHERE r.platform = $1 AND r.team_id = $2 AND r.deck_id = $3 AND r.question_id = $4
       GROUP BY a.choice_index ORDER BY a.choice_index`,
      params,
    );
    return { learners, picks };
  },
};
