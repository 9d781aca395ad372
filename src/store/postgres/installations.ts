/**
 * App installations per (platform, team) on PostgreSQL (InstallationsPort). The installation text
 * holds tokens: never log it. Removing one pauses the team's subscriptions in the same transaction;
 * forget-me removes the installer's part.
 */
import type { TeamScope } from '../../core/context.js';
import type { InstallationRow, RemovedInstallation } from '../../core/ports/store.js';
import { type InstallationRecord, installationFromRow } from '../records.js';
import { changes, first, type Sql } from './db.js';

/** Installation queries (stateless: every method takes the connection to run on). */
export const installationQueries = {
  async save(db: Sql, row: InstallationRow): Promise<void> {
    await changes(
      db,
      `INSERT INTO installations (platform, team_id, enterprise_id, installation, installer_id, installed_at) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (platform, team_id) DO UPDATE SET enterprise_id = excluded.enterprise_id,
         installation = excluded.installation, installer_id = excluded.installer_id, installed_at = excluded.installed_at`,
      [row.platform, row.teamId, row.enterpriseId, row.installation, row.installerId, row.installedAt],
    );
  },

  async get(db: Sql, scope: TeamScope): Promise<InstallationRow | undefined> {
    const r = await first<InstallationRecord>(db, 'SELECT * FROM installations WHERE platform = $1 AND team_id = $2', [scope.platform, scope.teamId]);
    return r === undefined ? undefined : installationFromRow(r);
  },

  /**
   * forget-me: remove `userId`'s installer part (the JSON `user` member and installer_id) from the
   * team's installation and from organisation-wide ones they installed (inside forget-me's transaction).
   */
  forgetInstaller(db: Sql, scope: TeamScope, userId: string): Promise<number> {
    return changes(
      db,
      `UPDATE installations SET installation = (installation::jsonb - 'user')::text, installer_id = NULL
       WHERE platform = $1 AND installer_id = $3 AND (team_id = $2 OR team_id = enterprise_id)`,
      [scope.platform, scope.teamId, userId],
    );
  },

  /** Delete the installation and pause the team's subscriptions (run inside one transaction). */
  async removeAndPause(db: Sql, scope: TeamScope, reason: string, at: number): Promise<RemovedInstallation> {
    const team = [scope.platform, scope.teamId];
    const removed = (await changes(db, 'DELETE FROM installations WHERE platform = $1 AND team_id = $2', team)) === 1;
    await changes(db, 'UPDATE subscriptions SET paused_reason = $3, paused_at = $4 WHERE platform = $1 AND team_id = $2 AND paused_reason IS NULL', [
      ...team,
      reason,
      at,
    ]);
    const paused = await first<{ n: number }>(
      db,
      'SELECT count(*) AS n FROM subscriptions WHERE platform = $1 AND team_id = $2 AND paused_reason IS NOT NULL',
      team,
    );
    return { removed, pausedSubscriptions: paused?.n ?? 0 };
  },
};
