/**
 * The practice-cards port: a user's ts-fsrs cards (JSON) for practice questions. Cards are
 * written by AnswersPort.recordAnswer (NewAnswer.practiceCard), in the answer's transaction.
 */
import type { TeamScope } from '../../context.js';

/** Practice cards. */
export interface PracticeCardsPort {
  /** The user's ts-fsrs cards (JSON) for practice questions of a deck, by question id. */
  practiceCards(scope: TeamScope, userId: string, deckId: string): Promise<Map<string, string>>;
}
