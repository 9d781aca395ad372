/**
 * The self-scores port: a user's ticks on a scenario's rubric (the latest one per scenario counts).
 * Every method returns a Promise.
 */
import type { TeamScope } from '../../context.js';

/** A user's stored self-score on a scenario's rubric (the latest one counts). */
export interface SelfScoreRow {
  scenarioId: string;
  deckId: string;
  /** 0-based rubric indexes ticked. */
  checked: number[];
  total: number;
  /** UTC ms. */
  at: number;
}

/** Scenario self-scores. */
export interface SelfScoresPort {
  saveSelfScore(scope: TeamScope, userId: string, row: SelfScoreRow): Promise<void>;
  selfScores(scope: TeamScope, userId: string): Promise<SelfScoreRow[]>;
}
