/**
 * The users port: display names shown on boards, per team. Every method returns a Promise.
 */
import type { TeamScope } from '../../context.js';

/** A user of a team as boards name them. */
export interface KnownUser {
  userId: string;
  userName: string;
}

/** User names. */
export interface UsersPort {
  /** Remember a user's display name (shown on boards); `at` is UTC ms. */
  upsertUser(scope: TeamScope, userId: string, userName: string, at: number): Promise<void>;
  /** The name stored for the user, or undefined when none is (never seen, or forgotten). */
  storedUserName(scope: TeamScope, userId: string): Promise<string | undefined>;
  /**
   * Replace the stored name of a user who has one (a display name looked up after the fact); a user
   * with no stored name (never seen, or forgotten meanwhile) keeps having none. `at` is UTC ms.
   * @returns true when the user had a stored name (whether or not it changed).
   */
  renameUser(scope: TeamScope, userId: string, userName: string, at: number): Promise<boolean>;
  /** Users of a team whose name or id matches `nameOrId` case-insensitively (exact first, then prefix); at most 5. */
  findUsers(scope: TeamScope, nameOrId: string): Promise<KnownUser[]>;
}
