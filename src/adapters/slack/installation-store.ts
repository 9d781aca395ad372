/**
 * Bolt's InstallationStore (the @slack/oauth interface) on the database's installations port, so
 * every process sees every workspace's installation and its bot token. An org-wide (Enterprise
 * Grid) installation is stored under its enterprise id, any other under its team id. The installing
 * admin's id (the installation's `user` member) is stored beside it, so forget-me of that admin
 * removes their part (their id and any user token) and keeps the bot's. The store is
 * bound once core is built (`bind`), before the HTTP receiver takes an install or an event. The
 * stored installation holds tokens: nothing here logs it.
 */
import type { Installation, InstallationQuery, InstallationStore } from '@slack/oauth';
import type { TeamScope } from '../../core/context.js';
import type { InstallationsPort } from '../../core/ports/store.js';

/** The team scope an installation or query is stored under. */
export function installationScope(q: { isEnterpriseInstall?: boolean; enterpriseId?: string | undefined; teamId?: string | undefined }): TeamScope | undefined {
  const id = q.isEnterpriseInstall ? q.enterpriseId : q.teamId;
  return id ? { platform: 'slack', teamId: id } : undefined;
}

/** See the module comment. */
export class DatabaseInstallationStore implements InstallationStore {
  private port: InstallationsPort | undefined;
  private readonly now: () => number;

  constructor(options: { now?: () => number } = {}) {
    this.now = options.now ?? Date.now;
  }

  /** Use `port` from now on (at start, once the store is open). */
  bind(port: InstallationsPort): void {
    this.port = port;
  }

  private store(): InstallationsPort {
    if (!this.port) throw new Error('the Slack installation store is not bound to the database yet');
    return this.port;
  }

  async storeInstallation<AuthVersion extends 'v1' | 'v2'>(installation: Installation<AuthVersion, boolean>): Promise<void> {
    const scope = installationScope({ isEnterpriseInstall: installation.isEnterpriseInstall, enterpriseId: installation.enterprise?.id, teamId: installation.team?.id });
    if (!scope) throw new Error('an installation without a team or enterprise id cannot be stored');
    await this.store().saveInstallation({
      ...scope,
      enterpriseId: installation.enterprise?.id ?? null,
      installation: JSON.stringify(installation),
      installerId: installation.user?.id ?? null,
      installedAt: this.now(),
    });
  }

  /**
   * The workspace's installation; after forget-me of the admin who installed it, it has no `user`
   * member (Bolt's authorize reads that member only when present; the bot token is untouched).
   * @throws Error when the workspace has no stored installation (Bolt then refuses the request).
   */
  async fetchInstallation(query: InstallationQuery<boolean>): Promise<Installation<'v1' | 'v2', boolean>> {
    const scope = installationScope(query);
    const row = scope && (await this.store().getInstallation(scope));
    if (!row) throw new Error(`no Slack installation stored for ${query.isEnterpriseInstall ? 'enterprise' : 'team'} ${scope?.teamId ?? '(none)'}`);
    return JSON.parse(row.installation) as Installation<'v1' | 'v2', boolean>;
  }

  /** Bolt's own deletion (not used by the uninstall events, which also pause subscriptions). */
  async deleteInstallation(query: InstallationQuery<boolean>): Promise<void> {
    const scope = installationScope(query);
    if (scope) await this.store().removeInstallation(scope, 'the app was uninstalled from the workspace', this.now());
  }

  /** The bot token stored for `teamId` (a team or an org-wide install's enterprise id), if any. */
  async botToken(teamId: string): Promise<string | undefined> {
    const row = await this.store().getInstallation({ platform: 'slack', teamId });
    if (!row) return undefined;
    const installation = JSON.parse(row.installation) as Installation<'v1' | 'v2', boolean>;
    return installation.bot?.token;
  }
}
