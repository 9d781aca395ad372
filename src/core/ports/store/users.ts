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
  /** Users of a team whose name or id matches `nameOrId` case-insensitively (exact first, then prefix); at most 5. */
  findUsers(scope: TeamScope, nameOrId: string): Promise<KnownUser[]>;
}
