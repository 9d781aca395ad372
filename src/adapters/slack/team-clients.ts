/**
 * Which Web API client talks to a workspace: with one bot token (SLACK_BOT_TOKEN) Bolt's own
 * `app.client` for every team; installed in many workspaces, a client carrying the team's own bot
 * token from the installation store (read for each use, so an uninstall in another process takes
 * effect at once; only the client objects are reused, by token).
 */
import { webApi } from '@slack/bolt';
import { PosterError } from '../../core/ports/poster.js';
import type { DatabaseInstallationStore } from './installation-store.js';

type WebClient = webApi.WebClient;

/** Most per-token clients kept (the oldest goes first). */
const MAX_CLIENTS = 500;

/** The Web API client for a team; see the module comment. */
export type TeamClients = (teamId: string | undefined) => Promise<WebClient>;

/** One client for every team (single-token mode). */
export function singleTeamClients(client: WebClient): TeamClients {
  return async () => client;
}

/**
 * Per-team clients from the installation store.
 * @returns a TeamClients that rejects with a PosterError 'forbidden' for a team with no stored
 *   installation (never installed, or uninstalled).
 */
export function installedTeamClients(installations: DatabaseInstallationStore, options: webApi.WebClientOptions): TeamClients {
  const byToken = new Map<string, WebClient>();
  return async (teamId) => {
    const token = teamId === undefined ? undefined : await installations.botToken(teamId);
    if (token === undefined) throw new PosterError('forbidden', `the app is not installed in Slack workspace ${teamId ?? '(unknown)'}`);
    let client = byToken.get(token);
    if (!client) {
      client = new webApi.WebClient(token, options);
      byToken.set(token, client);
      if (byToken.size > MAX_CLIENTS) byToken.delete(byToken.keys().next().value as string);
    }
    return client;
  };
}
