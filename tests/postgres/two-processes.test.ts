/**
 * Issue 13's "Done when": two bot processes (`tsx src/main.ts` children) on one PostgreSQL schema,
 * each with a Slack adapter (HTTP receiver, mock Web API) and a Discord adapter (one shard each of
 * two, fake gateway). They run the day's daily posts, take clicks from both (a Slack retry sent to
 * the other process included), the leader is restarted, and a learner forgets themselves; the
 * database then holds exactly what one process would have written: one daily round per channel,
 * each posted once, every answer once, nothing of the forgotten learner. Skipped without
 * TEST_DATABASE_URL.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeAction } from '../../src/core/action.js';
import type { ChannelScope } from '../../src/core/context.js';
import { LETTERS } from '../../src/core/round-view.js';
import { openPostgresStore } from '../../src/store/postgres/open.js';
import type { PostgresStore } from '../../src/store/postgres/postgres-store.js';
import { FakeDiscord, shardOfGuild } from '../support/fake-discord/fake-discord.js';
import { BOT_TOKEN } from '../support/fake-discord/harness.js';
import { buttonClick, IDS, messageOf } from '../support/fake-discord/payloads.js';
import { startMockSlackApi, type MockSlackApi } from '../support/fake-slack/mock-slack-api.js';
import { blockActionsBody, blockActionsPayload, SIGNING_SECRET, signedHeaders, slashCommandBody } from '../support/fake-slack/slack-requests.js';
import { SKIP_REASON, TestSchemas, testDatabaseUrl } from './server.js';

const ROOT = path.resolve(import.meta.dirname, '..', '..');
const TSX = path.join(ROOT, 'node_modules', '.bin', 'tsx');
const OTHER_GUILD = '1200000000004194307';
const OTHER_CHANNEL = '1200000000004194308';
const SLACK_CHANNEL = 'C0DAILY1';
const DECK = 'kms-encryption-at-rest';

/** A running bot process and its log lines (JSON, one per line). */
interface Bot {
  child: ChildProcess;
  lines: Record<string, unknown>[];
  port: number;
  shard: number;
  exited: Promise<number | null>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

/** A zone whose local time now is between 01:00 and 17:00, so a 00:00 post is due and still caught up. */
function dueZone(): string {
  const hour = new Date().getUTCHours();
  for (let k = -12; k <= 14; k++) {
    const local = (hour + k + 24) % 24;
    if (local >= 1 && local <= 16) return k === 0 ? 'Etc/UTC' : `Etc/GMT${k > 0 ? '-' : '+'}${Math.abs(k)}`;
  }
  return 'Etc/UTC';
}

async function waitUntil(what: string, check: () => boolean | Promise<boolean>, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

if (testDatabaseUrl === undefined) {
  describe(`two bot processes on one PostgreSQL database ${SKIP_REASON}`, () => {
    it.skip('needs a PostgreSQL server', () => {});
  });
} else {
  const schemas = new TestSchemas('twoproc');
  const schema = schemas.name();
  const databaseUrl = `${testDatabaseUrl}${testDatabaseUrl.includes('?') ? '&' : '?'}schema=${schema}`;
  let store: PostgresStore;
  let api: MockSlackApi;
  let discord: FakeDiscord;
  const bots: Bot[] = [];
  const zone = dueZone();
  const heartbeats = mkdtempSync(path.join(tmpdir(), 'kms-two-processes-'));

  const envFor = (port: number, shard: number): NodeJS.ProcessEnv => ({
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    DATABASE_URL: databaseUrl,
    LOG_LEVEL: 'info',
    HEARTBEAT_PATH: path.join(heartbeats, `heartbeat-${port}`),
    SLACK_BOT_TOKEN: 'xoxb-test-token',
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: api.apiUrl,
    PORT: String(port),
    DISCORD_TOKEN: BOT_TOKEN,
    DISCORD_APPLICATION_ID: IDS.applicationId,
    DISCORD_API_URL: discord.apiUrl,
    DISCORD_SHARDS: String(shard),
    DISCORD_SHARD_COUNT: '2',
  });

  async function startBot(port: number, shard: number): Promise<Bot> {
    // Its own process group: tsx runs the bot in a child process, and the group is killed together.
    const child = spawn(TSX, ['src/main.ts'], { cwd: ROOT, env: envFor(port, shard), stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    const bot: Bot = { child, lines: [], port, shard, exited: new Promise((resolve) => child.on('exit', (code) => resolve(code))) };
    let buffered = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      buffered += chunk.toString('utf8');
      const parts = buffered.split('\n');
      buffered = parts.pop() ?? '';
      for (const line of parts) {
        try {
          bot.lines.push(JSON.parse(line) as Record<string, unknown>);
        } catch {
          // not a log line
        }
      }
    });
    child.stderr?.on('data', () => {});
    bots.push(bot);
    await waitUntil(`process on port ${port} started`, () => bot.lines.some((l) => l.msg === 'kms-tutor started'), 60_000);
    return bot;
  }

  const leads = (bot: Bot) => bot.lines.filter((l) => typeof l.msg === 'string' && /leads the scheduled posts/.test(l.msg as string)).at(-1)?.msg === 'this process leads the scheduled posts';

  async function sendSlack(bot: Bot, body: string): Promise<number> {
    const res = await fetch(`http://127.0.0.1:${bot.port}/slack/events`, { method: 'POST', headers: signedHeaders(body), body });
    await res.text();
    return res.status;
  }

  const slackScope: ChannelScope = { platform: 'slack', teamId: 'T0001', channelId: SLACK_CHANNEL };
  const discordScopes: ChannelScope[] = [
    { platform: 'discord', teamId: IDS.guildId, channelId: IDS.channelId },
    { platform: 'discord', teamId: OTHER_GUILD, channelId: OTHER_CHANNEL },
  ];

  beforeAll(async () => {
    store = await openPostgresStore(databaseUrl, { maxConnections: 4 });
    api = await startMockSlackApi();
    for (let i = 1; i <= 6; i++) api.addUser({ id: `U${i}`, name: `learner${i}`, displayName: `Learner ${i}` });
    discord = new FakeDiscord({
      applicationId: IDS.applicationId,
      botUserId: IDS.botUserId,
      guildId: IDS.guildId,
      channelIds: [IDS.channelId],
      token: BOT_TOKEN,
      moreGuilds: [{ guildId: OTHER_GUILD, channelIds: [OTHER_CHANNEL] }],
      shards: 2,
    });
    await discord.start();
    for (const channel of [slackScope, ...discordScopes]) {
      await store.upsertSubscription({ ...channel, deckId: DECK, time: '00:00', timeZone: zone, cadence: 'daily', createdBy: 'U-ADMIN', createdAt: Date.now() });
    }
  }, 60_000);

  afterAll(async () => {
    for (const bot of bots) {
      if (bot.child.exitCode === null && bot.child.pid !== undefined) process.kill(-bot.child.pid, 'SIGKILL');
      await bot.exited;
    }
    await store?.close();
    await api?.stop();
    await discord?.close();
    await schemas.dropAll();
    rmSync(heartbeats, { recursive: true, force: true });
  }, 60_000);

  describe('two bot processes on one PostgreSQL database (issue 13, done when)', () => {
    it('a day of posts, clicks on both, a leader restart and a forget-me leave what one process would have written', async () => {
      const [p1, p2] = [await startBot(await freePort(), 0), await startBot(await freePort(), 1)];
      await waitUntil('a leader', () => leads(p1) || leads(p2));

      // The day's posts: each channel once, whichever process led.
      const slackPosts = () => api.callsTo('chat.postMessage').filter((c) => c.body.channel === SLACK_CHANNEL);
      const discordPosts = (channelId: string) => discord.find('POST', new RegExp(`^/channels/${channelId}/messages$`));
      await waitUntil('the daily posts', () => slackPosts().length === 1 && discordScopes.every((c) => discordPosts(c.channelId).length === 1));
      await waitUntil('the message refs stored', async () =>
        (await Promise.all([slackScope, ...discordScopes].map((c) => store.latestDailyRound(c)))).every((r) => r?.messageRef),
      );
      const [slackRound, ...discordRounds] = await Promise.all([slackScope, ...discordScopes].map(async (c) => store.latestDailyRound(c)));
      if (!slackRound?.messageRef || discordRounds.some((r) => !r?.messageRef)) throw new Error('rounds not posted');
      expect([slackRound, ...discordRounds].every((r) => r?.kind === 'daily')).toBe(true);

      // Slack clicks, alternating between the two processes; one click retried on the other process.
      const letter = (i: number) => LETTERS[i % slackRound.choiceOrder.length] as string;
      const bodies: string[] = [];
      for (let i = 1; i <= 6; i++) {
        const where = { channelId: SLACK_CHANNEL, userId: `U${i}`, userName: `learner${i}` };
        const element = { type: 'button' as const, action_id: encodeAction({ kind: 'answer', roundId: slackRound.id, letter: letter(i) }) };
        const body = blockActionsBody(blockActionsPayload(where, element, api.responseUrl(`click-${i}`), { messageTs: slackRound.messageRef.messageId }));
        bodies.push(body);
        expect(await sendSlack(i % 2 === 0 ? p1 : p2, body)).toBe(200);
      }
      expect(await sendSlack(p1, bodies[0] as string)).toBe(200); // U1's click again, on the other process
      // Discord clicks: each guild's interactions arrive on its shard, so at its process.
      for (const [g, round] of discordRounds.entries()) {
        const scope = discordScopes[g] as ChannelScope;
        if (!round?.messageRef) continue;
        const posted = discordPosts(scope.channelId)[0]?.body ?? {};
        const message = messageOf(scope.channelId, round.messageRef.messageId, posted);
        for (let i = 1; i <= 3; i++) {
          const click = buttonClick({ id: `11000000000000000${g}${i}`, username: `d${g}${i}` }, { kind: 'guild', guildId: scope.teamId, channelId: scope.channelId }, `k1:a:${round.id}:${letter(i)}`, message);
          const callback = discord.waitFor((r) => r.method === 'POST' && r.path === `/interactions/${click.id}/${click.token}/callback`, 20_000);
          discord.dispatch('INTERACTION_CREATE', click, shardOfGuild(scope.teamId, 2));
          await callback;
        }
      }
      await waitUntil('the Slack answers stored', async () => (await store.roundTally(slackRound.id, slackRound.choiceOrder.length)).answered === 6);

      // The leader restarts (SIGTERM: it gives the lead up); the new process comes back on the same shard.
      const leader = leads(p1) ? p1 : p2;
      leader.child.kill('SIGTERM');
      expect(await leader.exited).toBe(0);
      const restarted = await startBot(leader.port, leader.shard);
      const follower = leader === p1 ? p2 : p1;
      await waitUntil('a leader after the restart', () => leads(restarted) || leads(follower), 90_000);

      // U2 forgets themselves, through the process that did not restart.
      expect(await sendSlack(follower, slashCommandBody({ channelId: SLACK_CHANNEL, userId: 'U2', userName: 'learner2' }, 'forget-me confirm', api.responseUrl('forget')))).toBe(200);
      await waitUntil('U2 forgotten', async () => (await store.getAnswer(slackRound.id, 'U2')) === undefined);

      // What one process would have written.
      expect(slackPosts()).toHaveLength(1);
      for (const c of discordScopes) expect(discordPosts(c.channelId)).toHaveLength(1);
      const tally = await store.roundTally(slackRound.id, slackRound.choiceOrder.length);
      expect(tally.answered).toBe(5);
      for (let i = 1; i <= 6; i++) {
        const stored = await store.getAnswer(slackRound.id, `U${i}`);
        if (i === 2) expect(stored).toBeUndefined();
        else expect(stored).toMatchObject({ letter: letter(i) });
      }
      for (const round of discordRounds) if (round) expect((await store.roundTally(round.id, round.choiceOrder.length)).answered).toBe(3);
      expect(await store.findUsers({ platform: 'slack', teamId: 'T0001' }, 'U2')).toEqual([]);
      const count = async (sql: string) => Number((await store.pool.query<{ n: number }>(sql)).rows[0]?.n);
      expect(await count(`SELECT count(*) AS n FROM rounds WHERE kind = 'daily'`)).toBe(3);
      expect(await count('SELECT count(*) AS n FROM (SELECT platform, team_id, channel_id, local_date FROM rounds GROUP BY 1, 2, 3, 4 HAVING count(*) > 1) d')).toBe(0);
      expect(await count('SELECT count(*) AS n FROM answers')).toBe(5 + 6);
      // Every answer was shown in an edit at most once per window per round, not once per process.
      const edits = api.callsTo('chat.update').filter((c) => c.body.channel === SLACK_CHANNEL);
      expect(edits.length).toBeLessThanOrEqual(3);
    }, 240_000);
  });
}
