/**
 * The practice_cards table: a user's ts-fsrs card (JSON, opaque to the store) per practice question.
 */
import type Database from 'better-sqlite3';
import type { TeamScope } from '../core/context.js';

/** Prepared statements over `practice_cards`. */
export class PracticeCardTable {
  private readonly upsert: Database.Statement;
  private readonly byDeck: Database.Statement;
  private readonly remove: Database.Statement;

  constructor(db: Database.Database) {
    this.upsert = db.prepare(`
      INSERT INTO practice_cards (platform, team_id, user_id, deck_id, question_id, card, updated_at)
      VALUES (@platform, @teamId, @userId, @deckId, @questionId, @card, @at)
      ON CONFLICT DO UPDATE SET card = excluded.card, updated_at = excluded.updated_at`);
    this.byDeck = db.prepare(`
      SELECT question_id AS questionId, card FROM practice_cards
      WHERE platform = ? AND team_id = ? AND user_id = ? AND deck_id = ?
      ORDER BY question_id`);
    this.remove = db.prepare('DELETE FROM practice_cards WHERE platform = ? AND team_id = ? AND user_id = ?');
  }

  /** Save (replace) the user's card for one question; `at` in ms. */
  save(scope: TeamScope, userId: string, deckId: string, questionId: string, card: string, at: number): void {
    this.upsert.run({ platform: scope.platform, teamId: scope.teamId, userId, deckId, questionId, card, at });
  }

  /** The user's cards for a deck, by question id. */
  cards(scope: TeamScope, userId: string, deckId: string): Map<string, string> {
    const rows = this.byDeck.all(scope.platform, scope.teamId, userId, deckId) as { questionId: string; card: string }[];
    return new Map(rows.map((r) => [r.questionId, r.card]));
  }

  /** Delete the user's cards in a team. */
  deleteUser(scope: TeamScope, userId: string): void {
    this.remove.run(scope.platform, scope.teamId, userId);
  }
}
