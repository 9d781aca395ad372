/**
 * The Events API's `app_uninstalled` and `tokens_revoked` (with bot tokens): the workspace's
 * installation is deleted and its subscriptions paused (one store transaction), so no process
 * posts there again until it is reinstalled and someone subscribes again. `tokens_revoked` with
 * user tokens only removes the installing person's revoked token from the installation (the bot's
 * part stays, so the bot keeps working). Bolt skips authorising
 * these two events (the token is gone already) and acks them itself.
 */
import type { App } from '@slack/bolt';
import type { Logger } from '../../core/ports/logger.js';
import type { InstallationsPort } from '../../core/ports/store.js';
import { installationScope } from './installation-store.js';
import { PAUSED_BY_SLACK } from './text.js';

/** The envelope fields of an Events API callback that name the workspace. */
interface EventEnvelope {
  team_id?: string;
  enterprise_id?: string;
  is_enterprise_install?: boolean;
  authorizations?: { team_id?: string | null; enterprise_id?: string | null; is_enterprise_install?: boolean }[];
}

/** The team scope an event callback is about: its org-wide installation's enterprise, else its team. */
function eventScope(body: EventEnvelope) {
  const auth = body.authorizations?.[0];
  const isEnterpriseInstall = body.is_enterprise_install ?? auth?.is_enterprise_install ?? false;
  return installationScope({
    isEnterpriseInstall,
    enterpriseId: body.enterprise_id ?? auth?.enterprise_id ?? undefined,
    teamId: body.team_id ?? auth?.team_id ?? undefined,
  });
}

/** Register the listener of the two events. `store()` is the installations port (bound at start); `now` the clock. */
export function registerUninstallEvents(
  app: App,
  deps: { store: () => InstallationsPort | undefined; logger: Logger; now: () => Date },
): void {
  /** The event's workspace and the store, or undefined (warned) when either is missing. */
  const target = (body: EventEnvelope, event: string) => {
    const scope = eventScope(body);
    const store = deps.store();
    if (scope && store) return { scope, store };
    deps.logger.warn({ event, team: scope?.teamId }, 'Slack uninstall event without a workspace or a store; ignored');
    return undefined;
  };
  const remove = async (body: EventEnvelope, reason: string, event: string) => {
    const found = target(body, event);
    if (!found) return;
    const result = await found.store.removeInstallation(found.scope, reason, deps.now().getTime());
    deps.logger.info({ event, team: found.scope.teamId, ...result }, 'Slack workspace uninstalled: installation deleted, subscriptions paused');
  };
  const dropUserTokens = async (body: EventEnvelope, userIds: string[]) => {
    const found = userIds.length === 0 ? undefined : target(body, 'tokens_revoked');
    if (!found) return;
    const changed = await found.store.revokeInstallerTokens(found.scope, userIds);
    deps.logger.info({ event: 'tokens_revoked', team: found.scope.teamId, users: userIds.length, changed }, "Slack user tokens revoked: the installer's token removed, the bot token kept");
  };
  // One Bolt listener for both events: Bolt runs every listener's middleware for every request, so
  // each listener fewer is less work for every click of a burst (README, "End-to-end click bursts").
  app.event(/^(?:app_uninstalled|tokens_revoked)$/, async ({ event, body }) => {
    if (event.type === 'app_uninstalled') {
      await remove(body as EventEnvelope, PAUSED_BY_SLACK.uninstalled, 'app_uninstalled');
    } else if (event.type === 'tokens_revoked') {
      if ((event.tokens.bot ?? []).length === 0) {
        // Only user tokens: the bot keeps working; the installer's revoked token is not kept.
        await dropUserTokens(body as EventEnvelope, event.tokens.oauth ?? []);
        return;
      }
      await remove(body as EventEnvelope, PAUSED_BY_SLACK.tokensRevoked, 'tokens_revoked');
    }
  });
}
