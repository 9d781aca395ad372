/** Practice cards on PostgreSQL (PracticeCardsPort; click_answer writes them with the answer). */
import type { TeamScope } from '../../core/context.js';
import { changes, rows, type Sql } from './db.js';

/** Practice card queries (stateless: every method takes the connection to run on). */
export const practiceCardQueries = {
  /** The user's ts-fsrs cards (JSON) for a deck, by question id. */
  async cards(db: Sql, scope: TeamScope, userId: string, deckId: string): Promise<Map<string, string>> {
    const found = await rows<{ question_id: string; card: string }>(
      db,
      'SELECT question_id, card FROM practice_cards WHERE platform = $1 AND team_id = $2 AND user_id = $3 AND deck_id = $4 ORDER BY question_id',
      [scope.platform, scope.teamId, userId, deckId],
    );
    return new Map(found.map((r) => [r.question_id, r.card]));
  },

  async deleteUser(db: Sql, scope: TeamScope, userId: string): Promise<void> {
    await changes(db, 'DELETE FROM practice_cards WHERE platform = $1 AND team_id = $2 AND user_id = $3', [scope.platform, scope.teamId, userId]);
  },
};
