/**
 * The item-quality port: how a team answered one question, per learner, with each learner's
 * overall accuracy, for the quality figures admins see beside a report (core computes the figures
 * from these rows: reports/quality.ts). Rounds of every kind (daily, channel, practice) count.
 */
import type { TeamScope } from '../../context.js';

/** One learner who answered the question at least once. */
export interface ItemLearner {
  userId: string;
  /** Their answers to this question (one per round), and how many were right. */
  answered: number;
  correct: number;
  /** All their answers in the team (every question), and how many were right. */
  overallAnswered: number;
  overallCorrect: number;
}

/** A question's answers in a team. */
export interface ItemAnswers {
  /** Learners who answered it, in user id order. */
  learners: ItemLearner[];
  /** How often each choice was picked, by the choice's index in the deck (not the shown letter); zero counts left out. */
  picks: { choiceIndex: number; count: number }[];
}

/** Answer figures of one item. */
export interface ItemQualityPort {
  itemAnswers(scope: TeamScope, deckId: string, questionId: string): Promise<ItemAnswers>;
}
