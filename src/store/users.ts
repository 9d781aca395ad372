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
  private readonly getName: Database.Statement;
  private readonly rename: Database.Statement;
  private readonly addIfNone: Database.Statement;

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
    this.getName = db.prepare('SELECT user_name FROM users WHERE platform = ? AND team_id = ? AND user_id = ?').pluck();
    // Touches the row only when the name differs.
    this.rename = db.prepare(`
      UPDATE users SET user_name = @name, name_key = @key, updated_at = @at
      WHERE platform = @platform AND team_id = @teamId AND user_id = @userId AND user_name IS NOT @name`);
    // A handle-only name: a row for a user who has none, never a change to a stored name.
    this.addIfNone = db.prepare(`
      INSERT INTO users (platform, team_id, user_id, user_name, name_key, updated_at)
      VALUES (?, ?, ?, ?, ?, ?)
      ON CONFLICT (platform, team_id, user_id) DO NOTHING`);
  }

  /** Remember a user's display name (no write when unchanged). */
  upsertUser(scope: TeamScope, userId: string, userName: string, at: number): void {
    this.upsert.run(scope.platform, scope.teamId, userId, userName, userName.toLowerCase(), at);
  }

  /**
   * Store `handle` (a handle-only name, NewAnswer.userNameIsHandle) for a user with no stored name;
   * a stored name stays. Returns the name now stored.
   */
  addNameIfNone(scope: TeamScope, userId: string, handle: string, at: number): string | undefined {
    const { changes } = this.addIfNone.run(scope.platform, scope.teamId, userId, handle, handle.toLowerCase(), at);
    return changes > 0 ? handle : this.storedName(scope, userId);
  }

  /** The user's stored name, if any. */
  storedName(scope: TeamScope, userId: string): string | undefined {
    return (this.getName.get(scope.platform, scope.teamId, userId) as string | undefined) ?? undefined;
  }

  /** Replace the name of a user who has one (see UsersPort.renameUser); true when the user has a row. */
  renameUser(scope: TeamScope, userId: string, userName: string, at: number): boolean {
    const { changes } = this.rename.run({ platform: scope.platform, teamId: scope.teamId, userId, name: userName, key: userName.toLowerCase(), at });
    return changes > 0 || this.storedName(scope, userId) !== undefined;
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

/**
 * The display names this process has stored, so that an unchanged name costs nothing: Tutor
 * records the name on every event, and recordAnswer stores it with a user's first answer since
 * the process started. At most `max` entries; the first remembered goes first. SqliteStore forgets
 * a user it forgets and everything when a batch fails. A name deleted or changed by another process
 * (forget-me there) is not stored again by this one until the user's entry is evicted or the process
 * restarts: boards then show the user id, as they do for any user without a stored name.
 */
export class KnownNames {
  /**
   * By user id, then checked against the scope: no key string is built per lookup (this runs on
   * every click). A user id seen in two teams keeps the latest team's entry.
   */
  private readonly names = new Map<string, { platform: string; teamId: string; userName: string }>();

  constructor(private readonly max = 10_000) {}

  /** True when this process stored a name for the user, whatever it is. */
  hasUser(scope: TeamScope, userId: string): boolean {
    const known = this.names.get(userId);
    return known !== undefined && known.teamId === scope.teamId && known.platform === scope.platform;
  }

  /** True when this process stored exactly `userName` for the user. */
  has(scope: TeamScope, userId: string, userName: string): boolean {
    const known = this.names.get(userId);
    return known !== undefined && known.userName === userName && known.teamId === scope.teamId && known.platform === scope.platform;
  }

  /** Note a committed store of the user's name. */
  remember(scope: TeamScope, userId: string, userName: string): void {
    if (this.has(scope, userId, userName)) return;
    this.names.delete(userId);
    this.names.set(userId, { platform: scope.platform, teamId: scope.teamId, userName });
    if (this.names.size > this.max) this.names.delete(this.names.keys().next().value as string);
  }

  /** The user's stored name was deleted. */
  forget(scope: TeamScope, userId: string): void {
    const known = this.names.get(userId);
    if (known !== undefined && known.teamId === scope.teamId && known.platform === scope.platform) this.names.delete(userId);
  }

  /** Forget everything (a transaction that may have stored names was rolled back). */
  clear(): void {
    this.names.clear();
  }
}
