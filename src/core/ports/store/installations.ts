/**
 * The installations port: an app installed in many teams (workspaces) keeps each team's
 * installation (its credentials, as the adapter's opaque JSON text) in the database, so every
 * process uses the team's own token. Times are UTC epoch milliseconds. Every method returns a
 * Promise. The stored text holds secrets: never log it.
 */
import type { TeamScope } from '../../context.js';

/**
 * One stored installation. An installation stored under its organisation's id (teamId equal to
 * enterpriseId) is the app installed for every team of that organisation.
 */
export interface InstallationRow extends TeamScope {
  /** The organisation the team belongs to, when the platform has one; else null. */
  enterpriseId: string | null;
  /**
   * The adapter's installation record (JSON text, with tokens). When `installerId` is set it is a
   * JSON object whose top-level `user` member is the installing person's part (their id and any
   * token of theirs); every other member is the app's own (its bot token and the like).
   */
  installation: string;
  /**
   * The user id of the person who installed the app, or null (not known, or forgotten: forget-me
   * of that user removes the `user` member from `installation` and sets this to null; the rest of
   * the installation keeps working).
   */
  installerId: string | null;
  installedAt: number;
}

/** What removing a team's installation did. */
export interface RemovedInstallation {
  /** False when the team had no installation stored. */
  removed: boolean;
  /** How many of the team's subscriptions were paused (now or before). */
  pausedSubscriptions: number;
}

/** Installations by team. */
export interface InstallationsPort {
  /** Store (or replace) the team's installation. */
  saveInstallation(row: InstallationRow): Promise<void>;
  getInstallation(scope: TeamScope): Promise<InstallationRow | undefined>;
  /**
   * The app was uninstalled from the team or its tokens revoked: delete the installation and pause
   * every subscription of the team with `reason` at `at` (already paused ones keep their reason),
   * in one transaction.
   */
  removeInstallation(scope: TeamScope, reason: string, at: number): Promise<RemovedInstallation>;
  /**
   * Some user tokens of the team were revoked (the bot's were not): when the installing person is
   * among `userIds`, their part (the JSON `user` member with their token, and installerId) is removed
   * from the team's installation and from organisation-wide ones they installed, as forget-me does;
   * the app's own part (its bot token) stays. Resolves how many installations changed (0 or more).
   */
  revokeInstallerTokens(scope: TeamScope, userIds: readonly string[]): Promise<number>;
}
