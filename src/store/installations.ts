/**
 * The installations table: one app installation (opaque JSON text with its tokens) per (platform,
 * team), with the installing person's id beside it. Removing one also pauses the team's
 * subscriptions; forget-me removes the installer's part. The text holds secrets: never log it.
 */
import type Database from 'better-sqlite3';
import type { TeamScope } from '../core/context.js';
import type { InstallationRow, RemovedInstallation } from '../core/ports/store.js';
import { type InstallationRecord, installationFromRow } from './records.js';

/** Prepared statements over `installations` (and the team's `subscriptions` on removal). */
export class InstallationTable {
  private readonly upsert: Database.Statement;
  private readonly byTeam: Database.Statement;
  private readonly remove: Database.Statement;
  private readonly pause: Database.Statement;
  private readonly paused: Database.Statement;
  private readonly dropInstaller: Database.Statement;

  constructor(db: Database.Database) {
    this.upsert = db.prepare(`
      INSERT INTO installations (platform, team_id, enterprise_id, installation, installer_id, installed_at)
      VALUES (@platform, @teamId, @enterpriseId, @installation, @installerId, @installedAt)
      ON CONFLICT (platform, team_id) DO UPDATE SET enterprise_id = excluded.enterprise_id,
        installation = excluded.installation, installer_id = excluded.installer_id, installed_at = excluded.installed_at`);
    this.byTeam = db.prepare('SELECT * FROM installations WHERE platform = ? AND team_id = ?');
    this.remove = db.prepare('DELETE FROM installations WHERE platform = ? AND team_id = ?');
    this.pause = db.prepare(`
      UPDATE subscriptions SET paused_reason = @reason, paused_at = @at
      WHERE platform = @platform AND team_id = @teamId AND paused_reason IS NULL`);
    this.paused = db.prepare('SELECT count(*) FROM subscriptions WHERE platform = ? AND team_id = ? AND paused_reason IS NOT NULL').pluck();
    this.dropInstaller = db.prepare(`
      UPDATE installations SET installation = json_remove(installation, '$.user'), installer_id = NULL
      WHERE platform = @platform AND installer_id = @userId AND (team_id = @teamId OR team_id = enterprise_id)`);
  }

  save(row: InstallationRow): void {
    this.upsert.run({
      platform: row.platform,
      teamId: row.teamId,
      enterpriseId: row.enterpriseId,
      installation: row.installation,
      installerId: row.installerId,
      installedAt: row.installedAt,
    });
  }

  get(scope: TeamScope): InstallationRow | undefined {
    const r = this.byTeam.get(scope.platform, scope.teamId) as InstallationRecord | undefined;
    return r === undefined ? undefined : installationFromRow(r);
  }

  /**
   * forget-me: remove `userId`'s installer part (the JSON `user` member and installer_id) from the
   * team's installation and from organisation-wide ones they installed (inside forget-me's transaction).
   */
  forgetInstaller(scope: TeamScope, userId: string): number {
    return this.dropInstaller.run({ platform: scope.platform, teamId: scope.teamId, userId }).changes;
  }

  /** Delete the installation and pause the team's subscriptions (call inside a write transaction). */
  removeAndPause(scope: TeamScope, reason: string, at: number): RemovedInstallation {
    const removed = this.remove.run(scope.platform, scope.teamId).changes === 1;
    this.pause.run({ platform: scope.platform, teamId: scope.teamId, reason, at });
    return { removed, pausedSubscriptions: this.paused.get(scope.platform, scope.teamId) as number };
  }
}
