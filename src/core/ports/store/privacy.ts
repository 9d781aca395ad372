/**
 * The privacy port: `forget-me`, one transaction per user and team.
 */
import type { TeamScope } from '../../context.js';

/** What forgetUser deleted. */
export interface ForgetResult {
  answers: number;
  selfScores: number;
}

/** Forgetting a user. */
export interface PrivacyPort {
  /**
   * Delete the user's answers, self-scores, streaks, practice cards and aggregates in one team (also
   * their stored name, practice rounds and the problem reports they filed; they are blanked as opener of
   * channel rounds and as resolver of reports; when they installed the app, their part of the
   * stored installation, i.e. their user id and tokens, is removed from the team's installation and
   * from any installation for a whole organisation (see InstallationRow.installerId), while the
   * app's own part stays). Team-level
   * day tallies (tags, questions) no longer count their answers. Other users' rows stay as they were.
   * Daily and channel rounds still open that the user answered keep refusing a second answer from
   * that user id until they close (recordAnswer then resolves 'forgotten'); nothing else is kept.
   */
  forgetUser(scope: TeamScope, userId: string): Promise<ForgetResult>;
}
