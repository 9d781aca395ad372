/**
 * The self_scores table: a user's latest self-check of a scenario's rubric. `selfScoreFromRow` is the
 * one place a row becomes a SelfScoreRow.
 */
import type Database from 'better-sqlite3';
import type { TeamScope } from '../core/context.js';
import type { SelfScoreRow } from '../core/ports/store.js';

/** A self_scores row as SQLite returns it (selected columns). */
interface SelfScoreRecord {
  scenario_id: string;
  deck_id: string;
  checked: string;
  total: number;
  at: number;
}

/** Map a self_scores row to the port's SelfScoreRow. */
function selfScoreFromRow(r: SelfScoreRecord): SelfScoreRow {
  return { scenarioId: r.scenario_id, deckId: r.deck_id, checked: JSON.parse(r.checked) as number[], total: r.total, at: r.at };
}

/** Prepared statements over `self_scores`. */
export class SelfScoreTable {
  private readonly upsert: Database.Statement;
  private readonly byUser: Database.Statement;
  private readonly remove: Database.Statement;

  constructor(db: Database.Database) {
    // The latest self-score counts: an older `at` never replaces a newer one.
    this.upsert = db.prepare(`
      INSERT INTO self_scores (platform, team_id, user_id, deck_id, scenario_id, checked, total, at)
      VALUES (@platform, @teamId, @userId, @deckId, @scenarioId, @checked, @total, @at)
      ON CONFLICT DO UPDATE SET checked = excluded.checked, total = excluded.total, at = excluded.at
        WHERE excluded.at >= self_scores.at`);
    this.byUser = db.prepare(`
      SELECT scenario_id, deck_id, checked, total, at FROM self_scores
      WHERE platform = ? AND team_id = ? AND user_id = ?
      ORDER BY at DESC, deck_id, scenario_id`);
    this.remove = db.prepare('DELETE FROM self_scores WHERE platform = ? AND team_id = ? AND user_id = ?');
  }

  /** Save the user's self-score for a scenario unless a newer one is stored. */
  save(scope: TeamScope, userId: string, row: SelfScoreRow): void {
    this.upsert.run({
      platform: scope.platform,
      teamId: scope.teamId,
      userId,
      deckId: row.deckId,
      scenarioId: row.scenarioId,
      checked: JSON.stringify(row.checked),
      total: row.total,
      at: row.at,
    });
  }

  /** The user's self-scores in a team, newest first. */
  list(scope: TeamScope, userId: string): SelfScoreRow[] {
    return (this.byUser.all(scope.platform, scope.teamId, userId) as SelfScoreRecord[]).map(selfScoreFromRow);
  }

  /** Delete the user's self-scores in a team; returns how many. */
  deleteUser(scope: TeamScope, userId: string): number {
    return this.remove.run(scope.platform, scope.teamId, userId).changes;
  }
}
