/** Scenario self-scores on PostgreSQL (SelfScoresPort): the latest self-check per scenario counts. */
import type { TeamScope } from '../../core/context.js';
import type { SelfScoreRow } from '../../core/ports/store.js';
import { changes, rows, type Sql } from './db.js';

/** Self-score queries (stateless: every method takes the connection to run on). */
export const selfScoreQueries = {
  /** Save the user's self-score for a scenario unless a newer one is stored. */
  async save(db: Sql, scope: TeamScope, userId: string, row: SelfScoreRow): Promise<void> {
    await changes(
      db,
      `INSERT INTO self_scores AS s (platform, team_id, user_id, deck_id, scenario_id, checked, total, at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
       ON CONFLICT (platform, team_id, user_id, deck_id, scenario_id) DO UPDATE
         SET checked = excluded.checked, total = excluded.total, at = excluded.at
         WHERE excluded.at >= s.at`,
      [scope.platform, scope.teamId, userId, row.deckId, row.scenarioId, JSON.stringify(row.checked), row.total, row.at],
    );
  },

  /** The user's self-scores in a team, newest first. */
  async list(db: Sql, scope: TeamScope, userId: string): Promise<SelfScoreRow[]> {
    const found = await rows<{ scenario_id: string; deck_id: string; checked: string; total: number; at: number }>(
      db,
      `SELECT scenario_id, deck_id, checked, total, at FROM self_scores WHERE platform = $1 AND team_id = $2 AND user_id = $3
       ORDER BY at DESC, deck_id, scenario_id`,
      [scope.platform, scope.teamId, userId],
    );
    return found.map((r) => ({ scenarioId: r.scenario_id, deckId: r.deck_id, checked: JSON.parse(r.checked) as number[], total: r.total, at: r.at }));
  },

  /** Delete the user's self-scores in a team; returns how many. */
  async deleteUser(db: Sql, scope: TeamScope, userId: string): Promise<number> {
    return changes(db, 'DELETE FROM self_scores WHERE platform = $1 AND team_id = $2 AND user_id = $3', [scope.platform, scope.teamId, userId]);
  },
};
