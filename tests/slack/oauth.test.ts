/**
 * Slack installed in many workspaces, over loopback: Bolt's installer on the HTTP receiver (the
 * install redirect to Slack's consent page, the OAuth redirect exchanging the code with
 * `oauth.v2.access` on the mock Web API), each installation stored in the database, two
 * workspaces answering in parallel with their own bot tokens, and `app_uninstalled` deleting one
 * workspace's installation and pausing its subscriptions. Tokens never reach the log.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { encodeAction } from '../../src/core/action.js';
import { loadLibrary } from '../../src/core/deck/loader.js';
import { PosterError } from '../../src/core/ports/poster.js';
import { Tutor } from '../../src/core/tutor.js';
import { createSlackApp, EVENTS_PATH, type SlackApp } from '../../src/adapters/slack/index.js';
import { BOT_SCOPES, INSTALL_PATH, OAUTH_REDIRECT_PATH } from '../../src/adapters/slack/scopes.js';
import { PAUSED_BY_SLACK } from '../../src/adapters/slack/text.js';
import { openStore } from '../../src/store/index.js';
import { FIXTURE_CONTENT, recordingLogger, until } from '../support/fake-slack/harness.js';
import { startMockSlackApi, type MockSlackApi } from '../support/fake-slack/mock-slack-api.js';
import { appHomeOpenedBody, blockActionsBody, blockActionsPayload, signedHeaders, slashCommandBody, SIGNING_SECRET, type Where } from '../support/fake-slack/slack-requests.js';
import { FakeTimers } from '../support/fake-timers.js';
import { seededRandom } from '../support/seeded-random.js';

const CLIENT_ID = '1111111111.2222222222';
const CLIENT_SECRET = 'client-secret-0123456789';
const STATE_SECRET = 'state-secret-0123456789abcdef';

/** The two workspaces: their team, bot token, OAuth code and a channel. */
const WORKSPACES = {
  A: { teamId: 'TAAAA0001', token: 'xoxb-team-a-secret', code: 'code-for-a', channel: 'CA01', bot: 'UBOTA' },
  B: { teamId: 'TBBBB0002', token: 'xoxb-team-b-secret', code: 'code-for-b', channel: 'CB01', bot: 'UBOTB' },
} as const;
type Name = keyof typeof WORKSPACES;

let api: MockSlackApi;
let slack: SlackApp;
let tutor: Tutor;
const store = openStore(':memory:');
const logger = recordingLogger();
let baseUrl = '';

beforeAll(async () => {
  api = await startMockSlackApi();
  // oauth.v2.access as Slack answers it for a bot install (no user scopes), per code.
  api.reply('oauth.v2.access', (body) => {
    const ws = Object.values(WORKSPACES).find((w) => w.code === body.code);
    if (!ws) return { body: { ok: false, error: 'invalid_code' } };
    return {
      body: {
        ok: true,
        access_token: ws.token,
        token_type: 'bot',
        scope: BOT_SCOPES.join(','),
        bot_user_id: ws.bot,
        app_id: 'A0KMSTUTOR',
        team: { id: ws.teamId, name: `Workspace ${ws.teamId}` },
        enterprise: null,
        authed_user: { id: 'U0INSTALLER' },
        is_enterprise_install: false,
      },
    };
  });
  // auth.test answers for the token it is called with.
  api.reply('auth.test', () => undefined);
  for (const ws of Object.values(WORKSPACES)) {
    api.addUser({ id: `U1-${ws.teamId}`, name: `learner-${ws.teamId}`, displayName: `Learner ${ws.teamId}` });
  }
  slack = createSlackApp({
    config: {
      oauth: { clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, stateSecret: STATE_SECRET },
      signingSecret: SIGNING_SECRET,
      mode: 'http',
      port: 0,
      apiUrl: api.apiUrl,
    },
    logger,
    clientOptions: { retryConfig: { retries: 0 } },
  });
  tutor = new Tutor({
    store,
    library: loadLibrary(FIXTURE_CONTENT),
    posters: { slack: slack.poster },
    logger,
    random: seededRandom(),
    timers: new FakeTimers(),
    settings: { channelRoundMs: 15 * 60_000, roundRefreshMs: 10_000 },
  });
  const { port } = await slack.start(tutor, store);
  baseUrl = `http://127.0.0.1:${port}`;
});
afterAll(async () => {
  tutor?.rounds.dispose();
  await slack?.stop();
  await api?.stop();
  await store.close();
});

/** Install the app in workspace `name` as a browser would: the install page, then Slack's redirect back. */
async function install(name: Name): Promise<{ location: URL; callback: Response }> {
  const start = await fetch(`${baseUrl}${INSTALL_PATH}`, { redirect: 'manual' });
  expect(start.status).toBe(302);
  const location = new URL(start.headers.get('location') ?? '');
  const cookie = (start.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const state = location.searchParams.get('state') ?? '';
  const callback = await fetch(`${baseUrl}${OAUTH_REDIRECT_PATH}?code=${WORKSPACES[name].code}&state=${encodeURIComponent(state)}`, {
    headers: { cookie },
    redirect: 'manual',
  });
  return { location, callback };
}

const where = (name: Name): Where => ({ teamId: WORKSPACES[name].teamId, channelId: WORKSPACES[name].channel, userId: `U1-${WORKSPACES[name].teamId}`, userName: 'learner' });
const callsWithToken = (method: string, token: string) => api.callsTo(method).filter((c) => c.authorization === `Bearer ${token}`);
const postsIn = (channel: string) => api.callsTo('chat.postMessage').filter((c) => c.body.channel === channel);

async function send(body: string, headers: Record<string, string> = signedHeaders(body)): Promise<number> {
  const res = await fetch(`${baseUrl}${EVENTS_PATH}`, { method: 'POST', headers, body });
  await res.text();
  return res.status;
}

describe('installing the app in a workspace', () => {
  it('the install page redirects to Slack\'s consent page with the client id, the bot scopes and a signed state', async () => {
    const start = await fetch(`${baseUrl}${INSTALL_PATH}`, { redirect: 'manual' });
    expect(start.status).toBe(302);
    const location = new URL(start.headers.get('location') ?? '');
    expect(`${location.origin}${location.pathname}`).toBe('https://slack.com/oauth/v2/authorize');
    expect(location.searchParams.get('client_id')).toBe(CLIENT_ID);
    expect(location.searchParams.get('scope')).toBe(BOT_SCOPES.join(','));
    expect(location.searchParams.get('state')).toBeTruthy();
    expect(start.headers.get('set-cookie')).toContain('slack-app-oauth-state=');
  });

  it('the manifests ask for the same bot scopes the installer requests', () => {
    for (const file of ['slack/manifest.http.yaml', 'slack/manifest.socket.yaml']) {
      const manifest = parse(readFileSync(file, 'utf8')) as { oauth_config: { scopes: { bot: string[] } } };
      expect(manifest.oauth_config.scopes.bot).toEqual([...BOT_SCOPES]);
    }
  });

  it('exchanges the code with oauth.v2.access and stores each workspace\'s installation, tokens never logged', async () => {
    for (const name of ['A', 'B'] as const) {
      const { callback } = await install(name);
      expect(callback.status).toBe(200);
      expect(await callback.text()).toMatch(/success|installed|thank/i);
    }
    const exchanges = api.callsTo('oauth.v2.access');
    expect(exchanges.map((c) => c.body.code)).toEqual([WORKSPACES.A.code, WORKSPACES.B.code]);
    expect(exchanges.every((c) => c.body.client_id === CLIENT_ID)).toBe(true);
    for (const ws of Object.values(WORKSPACES)) {
      const row = await store.getInstallation({ platform: 'slack', teamId: ws.teamId });
      expect(row).toMatchObject({ platform: 'slack', teamId: ws.teamId, enterpriseId: null });
      expect(JSON.parse(row?.installation ?? '{}')).toMatchObject({ team: { id: ws.teamId }, bot: { token: ws.token, userId: ws.bot } });
    }
    const logged = JSON.stringify(logger.entries);
    for (const secret of [WORKSPACES.A.token, WORKSPACES.B.token, CLIENT_SECRET, STATE_SECRET]) expect(logged).not.toContain(secret);
  });
});

describe('two workspaces at once', () => {
  it('answer in parallel, each posting, editing and looking users up with its own bot token', async () => {
    const commands = (['A', 'B'] as const).map((name) => send(slashCommandBody(where(name), 'quiz here', api.responseUrl(`quiz-${name}`))));
    expect(await Promise.all(commands)).toEqual([200, 200]);
    for (const ws of Object.values(WORKSPACES)) {
      await api.waitFor(() => postsIn(ws.channel).length === 1, 5000, `the round post in ${ws.channel}`);
      expect(postsIn(ws.channel)[0]?.authorization).toBe(`Bearer ${ws.token}`);
      expect(callsWithToken('users.info', ws.token).map((c) => c.body.user)).toContain(`U1-${ws.teamId}`);
    }
    // An answer in each workspace: the count edit goes out with that workspace's token.
    const clicks = (['A', 'B'] as const).map(async (name) => {
      const ws = WORKSPACES[name];
      const scope = { platform: 'slack' as const, teamId: ws.teamId, channelId: ws.channel };
      await until(async () => (await store.openChannelRound(scope))?.messageRef != null, `the round message stored in ${ws.channel}`);
      const round = await store.openChannelRound(scope);
      if (!round?.messageRef) throw new Error(`no posted round in ${ws.channel}`);
      expect(round.messageRef.teamId).toBe(ws.teamId);
      const payload = blockActionsPayload(where(name), { type: 'button', action_id: encodeAction({ kind: 'answer', roundId: round.id, letter: 'A' }) }, api.responseUrl(`click-${name}`), {
        messageTs: round.messageRef.messageId,
      });
      return send(blockActionsBody(payload));
    });
    expect(await Promise.all(clicks)).toEqual([200, 200]);
    for (const ws of Object.values(WORKSPACES)) {
      await api.waitFor(() => callsWithToken('chat.update', ws.token).length === 1, 5000, `the count edit in ${ws.channel}`);
      expect(callsWithToken('chat.update', ws.token)[0]?.body.channel).toBe(ws.channel);
    }
  });
});

describe('forget-me by the admin who installed the app', () => {
  it("removes their user id from the workspace's stored installation; the bot keeps answering with its token; the other workspace keeps its installer", async () => {
    const admin: Where = { teamId: WORKSPACES.A.teamId, channelId: WORKSPACES.A.channel, userId: 'U0INSTALLER', userName: 'admin' };
    const scopeA = { platform: 'slack' as const, teamId: WORKSPACES.A.teamId };
    const scopeB = { platform: 'slack' as const, teamId: WORKSPACES.B.teamId };
    expect(await store.getInstallation(scopeA)).toMatchObject({ installerId: 'U0INSTALLER' });
    expect(JSON.parse((await store.getInstallation(scopeA))?.installation ?? '{}')).toMatchObject({ user: { id: 'U0INSTALLER' } });

    expect(await send(slashCommandBody(admin, 'forget-me confirm', api.responseUrl('forget-admin')))).toBe(200);
    expect(JSON.stringify(await api.nthResponse('forget-admin'))).toMatch(/deleted/i);

    const row = await store.getInstallation(scopeA);
    expect(row?.installerId).toBeNull();
    expect(row?.installation).not.toContain('U0INSTALLER');
    expect(JSON.parse(row?.installation ?? '{}')).toMatchObject({ team: { id: WORKSPACES.A.teamId }, bot: { token: WORKSPACES.A.token, userId: WORKSPACES.A.bot } });
    expect(await store.getInstallation(scopeB)).toMatchObject({ installerId: 'U0INSTALLER' });

    // Bolt still authorises the workspace's requests from the stored installation: the next command is answered.
    expect(await send(slashCommandBody(where('A'), 'help', api.responseUrl('help-after-forget')))).toBe(200);
    await api.nthResponse('help-after-forget');
    const ref = await slack.poster.post(WORKSPACES.A.channel, { tone: 'info', visibility: 'channel', blocks: [{ type: 'text', text: 'still here' }] }, WORKSPACES.A.teamId);
    expect(ref.teamId).toBe(WORKSPACES.A.teamId);
    expect(postsIn(WORKSPACES.A.channel).at(-1)?.authorization).toBe(`Bearer ${WORKSPACES.A.token}`);
  });
});

describe('uninstalling from one workspace', () => {
  it('the Home tab of each workspace is published with that workspace\'s own bot token', async () => {
    for (const name of ['A', 'B'] as const) {
      const ws = WORKSPACES[name];
      const body = appHomeOpenedBody({ teamId: ws.teamId, userId: `U1-${ws.teamId}`, dmChannelId: `D-${ws.teamId}` });
      expect(await send(body, { ...signedHeaders(body), 'Content-Type': 'application/json' })).toBe(200);
      await api.waitFor(() => callsWithToken('views.publish', ws.token).length === 1, 5000, `the Home tab in ${ws.teamId}`);
      expect(callsWithToken('views.publish', ws.token)[0]?.body.user_id).toBe(`U1-${ws.teamId}`);
    }
  });

  it('app_uninstalled deletes its installation and pauses its subscriptions; the other workspace keeps going', async () => {
    const subscription = (name: Name) => ({
      platform: 'slack' as const,
      teamId: WORKSPACES[name].teamId,
      channelId: WORKSPACES[name].channel,
      deckId: 'slack-test-deck',
      time: '09:00',
      timeZone: 'UTC',
      cadence: 'daily' as const,
      createdBy: 'U0INSTALLER',
      createdAt: 1,
    });
    await store.upsertSubscription(subscription('A'));
    await store.upsertSubscription(subscription('B'));

    // The Events API callback as Slack sends it (JSON, signed like any request).
    const event = JSON.stringify({
      token: 'deprecated-verification-token',
      team_id: WORKSPACES.B.teamId,
      api_app_id: 'A0KMSTUTOR',
      event: { type: 'app_uninstalled' },
      type: 'event_callback',
      event_id: 'Ev0UNINSTALL1',
      event_time: 1_767_000_000,
    });
    expect(await send(event, { ...signedHeaders(event), 'Content-Type': 'application/json' })).toBe(200);
    await until(async () => (await store.getInstallation({ platform: 'slack', teamId: WORKSPACES.B.teamId })) === undefined, 'the installation deleted');
    expect(await store.getSubscription(subscription('B'))).toMatchObject({ pausedReason: PAUSED_BY_SLACK.uninstalled });
    expect(await store.getSubscription(subscription('A'))).toMatchObject({ pausedReason: null });

    // Posting in the uninstalled workspace is refused before any Web API call; A still posts with its token.
    const before = api.calls.length;
    await expect(slack.poster.post(WORKSPACES.B.channel, { tone: 'info', visibility: 'channel', blocks: [{ type: 'text', text: 'hello' }] }, WORKSPACES.B.teamId)).rejects.toBeInstanceOf(PosterError);
    expect(api.calls.length).toBe(before);
    const ref = await slack.poster.post(WORKSPACES.A.channel, { tone: 'info', visibility: 'channel', blocks: [{ type: 'text', text: 'hello' }] }, WORKSPACES.A.teamId);
    expect(ref.teamId).toBe(WORKSPACES.A.teamId);
    expect(postsIn(WORKSPACES.A.channel).at(-1)?.authorization).toBe(`Bearer ${WORKSPACES.A.token}`);
  });

  it("tokens_revoked with the bot token does the same; revoking only user tokens removes the installer's token and keeps the bot", async () => {
    const revoked = (tokens: { oauth?: string[]; bot?: string[] }, id: string) =>
      JSON.stringify({
        token: 'deprecated-verification-token',
        team_id: WORKSPACES.A.teamId,
        api_app_id: 'A0KMSTUTOR',
        event: { type: 'tokens_revoked', tokens },
        type: 'event_callback',
        event_id: id,
        event_time: 1_767_000_100,
      });
    // The installer's part as an install with user scopes stores it (their id and their user token).
    const scopeA = { platform: 'slack' as const, teamId: WORKSPACES.A.teamId };
    const installed = await store.getInstallation(scopeA);
    if (!installed) throw new Error('workspace A is not installed');
    const withUser = { ...JSON.parse(installed.installation), user: { id: 'U0INSTALLER', token: 'xoxp-installer-token', scopes: ['users:read'] } };
    await store.saveInstallation({ ...installed, installerId: 'U0INSTALLER', installation: JSON.stringify(withUser) });
    const userOnly = revoked({ oauth: ['U0INSTALLER'], bot: [] }, 'Ev0REVOKE1');
    expect(await send(userOnly, { ...signedHeaders(userOnly), 'Content-Type': 'application/json' })).toBe(200);
    await until(async () => (await store.getInstallation(scopeA))?.installerId === null, "the installer's part removed");
    const kept = await store.getInstallation(scopeA);
    expect(kept?.installation).not.toContain('xoxp-installer-token');
    expect(JSON.parse(kept?.installation ?? '{}')).toMatchObject({ bot: { token: WORKSPACES.A.token, userId: WORKSPACES.A.bot } });
    expect(await store.getSubscription({ platform: 'slack', teamId: WORKSPACES.A.teamId, channelId: WORKSPACES.A.channel })).toMatchObject({ pausedReason: null });
    const botToo = revoked({ oauth: [], bot: [WORKSPACES.A.bot] }, 'Ev0REVOKE2');
    expect(await send(botToo, { ...signedHeaders(botToo), 'Content-Type': 'application/json' })).toBe(200);
    await until(async () => (await store.getInstallation({ platform: 'slack', teamId: WORKSPACES.A.teamId })) === undefined, 'the installation deleted');
    expect(
      await store.getSubscription({ platform: 'slack', teamId: WORKSPACES.A.teamId, channelId: WORKSPACES.A.channel }),
    ).toMatchObject({ pausedReason: PAUSED_BY_SLACK.tokensRevoked });
  });
});
