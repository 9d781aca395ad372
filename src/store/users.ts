/**
 * The users table: display names per (platform, team, user), for boards and `stats @name`.
 */
import type Database from 'better-sqlite3';
import type { TeamScope } from '../core/context.js';

/** A user as boards show them. */
export interface UserName {
  userId: string;
  userName: string;
}

/** Prepared statements over `users`. */
export class UserTable {
  private readonly upsert: Database.Statement;
  private readonly find: Database.Statement;
  private readonly remove: Database.Statement;

  constructor(db: Database.Database) {
    // Only writes when the name changed, so recording an answer usually leaves the page clean.
    this.upsert = db.prepare(`
      INSERT INTO users (platform, team_id, user_id, user_name, name_key, updated_at)
      VALUES (?, ?, ?, ?, ?, ?)
      ON CONFLICT (platform, team_id, user_id) DO UPDATE
        SET user_name = excluded.user_name, name_key = excluded.name_key, updated_at = excluded.updated_at
        WHERE users.user_name IS NOT excluded.user_name`);
    this.find = db.prepare(`
      SELECT user_id AS userId, user_name AS userName,
             CASE WHEN name_key = @key OR lower(user_id) = @key THEN 0 ELSE 1 END AS rank
      FROM users
      WHERE platform = @platform AND team_id = @teamId
        AND (substr(name_key, 1, length(@key)) = @key OR substr(lower(user_id), 1, length(@key)) = @key)
      ORDER BY rank, name_key, user_id
      LIMIT 5`);
    this.remove = db.prepare('DELETE FROM users WHERE platform = ? AND team_id = ? AND user_id = ?');
  }

  /** Remember a user's display name (no write when unchanged). */
  upsertUser(scope: TeamScope, userId: string, userName: string, at: number): void {
    this.upsert.run(scope.platform, scope.teamId, userId, userName, userName.toLowerCase(), at);
  }

  /** Users whose name or id equals (first) or starts with `nameOrId`, case-insensitively; at most 5. */
  findUsers(scope: TeamScope, nameOrId: string): UserName[] {
    const key = nameOrId.trim().toLowerCase();
    if (key === '') return [];
    const rows = this.find.all({ platform: scope.platform, teamId: scope.teamId, key }) as (UserName & {
      rank: number;
    })[];
    return rows.map(({ userId, userName }) => ({ userId, userName }));
  }

  /** Forget a user's name. */
  deleteUser(scope: TeamScope, userId: string): void {
    this.remove.run(scope.platform, scope.teamId, userId);
  }
}
