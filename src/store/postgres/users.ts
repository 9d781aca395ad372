/** User names on PostgreSQL (UsersPort): display names per (platform, team, user). No in-process cache. */
import type { TeamScope } from '../../core/context.js';
import type { KnownUser } from '../../core/ports/store.js';
import { changes, rows, type Sql } from './db.js';

/** User queries (stateless: every method takes the connection to run on). */
export const userQueries = {
  /** Remember a user's display name (no row write when unchanged). */
  async upsert(db: Sql, scope: TeamScope, userId: string, userName: string, at: number): Promise<void> {
    await db.query({
      name: 'kms_upsert_user',
      text: `INSERT INTO users AS u (platform, team_id, user_id, user_name, name_key, updated_at)
             VALUES ($1, $2, $3, $4, $5, $6)
             ON CONFLICT (platform, team_id, user_id) DO UPDATE
               SET user_name = excluded.user_name, name_key = excluded.name_key, updated_at = excluded.updated_at
               WHERE u.user_name IS DISTINCT FROM excluded.user_name`,
      values: [scope.platform, scope.teamId, userId, userName, userName.toLowerCase(), at],
    });
  },

  /** The user's stored name, if any. */
  async storedName(db: Sql, scope: TeamScope, userId: string): Promise<string | undefined> {
    const found = await rows<{ user_name: string }>(db, 'SELECT user_name FROM users WHERE platform = $1 AND team_id = $2 AND user_id = $3', [
      scope.platform,
      scope.teamId,
      userId,
    ]);
    return found[0]?.user_name;
  },

  /** Replace the name of a user who has one (see UsersPort.renameUser); true when the user has a row. One statement. */
  async rename(db: Sql, scope: TeamScope, userId: string, userName: string, at: number): Promise<boolean> {
    const found = await rows<{ user_id: string }>(
      db,
      `WITH old AS (SELECT user_id FROM users WHERE platform = $1 AND team_id = $2 AND user_id = $3),
            changed AS (UPDATE users SET user_name = $4, name_key = $5, updated_at = $6
                        WHERE platform = $1 AND team_id = $2 AND user_id = $3 AND user_name IS DISTINCT FROM $4)
       SELECT user_id FROM old`,
      [scope.platform, scope.teamId, userId, userName, userName.toLowerCase(), at],
    );
    return found.length > 0;
  },

  /** Users whose name or id equals (first) or starts with `nameOrId`, case-insensitively; at most 5. */
  async find(db: Sql, scope: TeamScope, nameOrId: string): Promise<KnownUser[]> {
    const key = nameOrId.trim().toLowerCase();
    if (key === '') return [];
    return rows<KnownUser>(
      db,
      `SELECT user_id AS "userId", user_name AS "userName" FROM users
       WHERE platform = $1 AND team_id = $2
         AND (left(name_key, length($3)) = $3 OR left(lower(user_id), length($3)) = $3)
       ORDER BY CASE WHEN name_key = $3 OR lower(user_id) = $3 THEN 0 ELSE 1 END, name_key, user_id
       LIMIT 5`,
      [scope.platform, scope.teamId, key],
    );
  },

  async deleteUser(db: Sql, scope: TeamScope, userId: string): Promise<void> {
    await changes(db, 'DELETE FROM users WHERE platform = $1 AND team_id = $2 AND user_id = $3', [scope.platform, scope.teamId, userId]);
  },
};
