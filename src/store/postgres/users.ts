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
