/**
 * The end-to-end part of the benchmark: the real app (Slack Bolt over HTTP or Socket Mode, or a
 * discord.js client) with the real Tutor on a SQLite file store and the real decks, here in this
 * process; the platform's stand-in and the clicking learners in a forked peer (bench/e2e/peer.ts).
 * For each platform and each concurrency C, a fresh `quiz here` round gets N clicks from N users who
 * never clicked before, with C clicks in flight; then the round is closed and its reveal checked.
 * Measured per burst: clicks/s (N / time until every click is acked and its feedback delivered), ack
 * or callback latency p50/p99/max (ms, seen by the peer), outbound calls per click and this process's
 * CPU ms per click (process.cpuUsage over the burst). The core path (Tutor.act with no-op posters)
 * is timed in the same run for the ratio.
 */
import { execFileSync, fork, type ChildProcess } from 'node:child_process';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Writable } from 'node:stream';
import { discordAdapter, type DiscordChatAdapter } from '../../src/adapters/discord/index.js';
import { createSlackApp, EVENTS_PATH, type SlackApp } from '../../src/adapters/slack/index.js';
import type { Context } from '../../src/core/context.js';
import type { DeckLibrary } from '../../src/core/deck/library.js';
import type { Logger } from '../../src/core/ports/logger.js';
import { Tutor } from '../../src/core/tutor.js';
import { createLogger } from '../../src/logger.js';
import { openStore, type SqliteStore } from '../../src/store/index.js';
import { type LoopStalls, watchLoop } from './loop-watch.js';
import { WallTimers } from '../../src/wall-timers.js';
import { IDS } from '../../tests/support/fake-discord/payloads.js';
import { SIGNING_SECRET } from '../../tests/support/fake-slack/slack-requests.js';
import { benchDeps } from '../answer-rate.js';
import { round3 } from '../timing.js';
import { startCeiling } from './ceiling.js';
import { PEER_DISCORD_TOKEN, SLACK_PLACE, type BurstReport, type PeerPlatform, type PeerReply, type PeerRequest } from './peer.js';

/**
 * What a burst runs against: the real app on a platform, or `ceiling`, the bare node:http baseline of
 * bench/e2e/ceiling.ts (signature check, ack, one response_url post) clicked like Slack HTTP.
 */
export type BenchPlatform = PeerPlatform | 'ceiling';

/** One burst's figures. */
export interface BurstResult {
  platform: BenchPlatform;
  concurrency: number;
  clicks: number;
  clicksPerSecond: number;
  /** Ack (Slack) or interaction callback (Discord) latency, ms. */
  p50: number;
  p99: number;
  max: number;
  outboundPerClick: number;
  outbound: Record<string, number>;
  cpuMsPerClick: number;
  /** The peer's (load generator and mocks) CPU ms per click over the same burst. */
  peerCpuMsPerClick: number;
  /** The machine's 1-minute load average when the burst ended (os.loadavg; 2 cores here). */
  loadAverage: number;
  /** This process's longest event-loop delay and GC pause during the burst, ms (loop-watch.ts). */
  stalls: LoopStalls;
  /** Problems found (lost or doubled clicks, wrong reveal, failed acks, errors logged); empty when none. */
  problems: string[];
}

/** Log lines by level that the app wrote during the bench (pino numbers: 30 info, 40 warn, 50 error). */
export interface LogCounts {
  info: number;
  warn: number;
  error: number;
  /** The first few warn/error lines, for the report. */
  samples: string[];
}

/** A pino destination that only counts lines by level (the serialisation cost stays real). */
function countingStream(counts: LogCounts): Writable {
  return {
    write(line: string) {
      const level = Number(/"level":(\d+)/.exec(line)?.[1] ?? 0);
      if (level >= 50) counts.error++;
      else if (level >= 40) counts.warn++;
      else if (level >= 30) counts.info++;
      if (level >= 40 && counts.samples.length < 5) counts.samples.push(line.slice(0, 300));
      return true;
    },
  } as unknown as Writable;
}

/** The forked peer, spoken to one request at a time. */
class Peer {
  private readonly child: ChildProcess;
  private waiting: ((m: PeerReply) => void) | undefined;

  /** BENCH_PEER_PROF=<dir> in the environment writes the peer's CPU profile (node --cpu-prof) there; BENCH_PEER_CPUS pins it (below). */
  constructor() {
    const profileDir = process.env.BENCH_PEER_PROF;
    this.child = fork(fileURLToPath(new URL('./peer.ts', import.meta.url)), [], {
      execArgv: ['--import', 'tsx', ...(profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [])],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    this.child.on('message', (m) => this.waiting?.(m as PeerReply));
    // BENCH_PEER_CPUS=<list>: the peer (every thread) runs on those CPUs, e.g. 0 while this process
    // is pinned to 1 (bench/e2e/pinned.sh), so the two never share a core.
    const cpus = process.env.BENCH_PEER_CPUS;
    if (cpus && this.child.pid) execFileSync('taskset', ['-apc', cpus, String(this.child.pid)], { stdio: 'ignore' });
  }

  ask<T extends PeerReply['type']>(m: PeerRequest): Promise<Extract<PeerReply, { type: T }>> {
    return new Promise((resolve, reject) => {
      const onExit = (code: number | null) => reject(new Error(`bench peer exited (code ${code})`));
      this.child.once('exit', onExit);
      this.waiting = (reply) => {
        this.child.off('exit', onExit);
        resolve(reply as Extract<PeerReply, { type: T }>);
      };
      this.child.send(m);
    });
  }
}

/** A started app for one platform. */
interface RunningApp {
  tutor: Tutor;
  eventsUrl?: string;
  place: { platform: 'slack' | 'discord'; teamId: string; channelId: string };
  settled(): Promise<void>;
  stop(): Promise<void>;
}

async function startApp(platform: PeerPlatform, apiUrl: string, store: SqliteStore, library: DeckLibrary, logger: Logger): Promise<RunningApp> {
  const timers = new WallTimers((err) => logger.error({ err }, 'timer failed'));
  const settings = { channelRoundMs: 15 * 60_000, roundRefreshMs: 10_000 };
  const random = Math.random;
  if (platform === 'discord') {
    const chat: DiscordChatAdapter = discordAdapter({
      config: { token: PEER_DISCORD_TOKEN, applicationId: IDS.applicationId, apiUrl },
      logger: logger.child({ adapter: 'discord' }),
    });
    const tutor = new Tutor({ store, library, posters: { discord: chat.poster }, logger, random, timers, settings });
    await chat.start({ tutor });
    return {
      tutor,
      place: { platform: 'discord', teamId: IDS.guildId, channelId: IDS.channelId },
      async settled() {
        await chat.router?.settled();
        await tutor.rounds.settled();
      },
      async stop() {
        tutor.rounds.dispose();
        await chat.stop();
      },
    };
  }
  const slack: SlackApp = createSlackApp({
    config:
      platform === 'slack-socket'
        ? { botToken: 'xoxb-bench', appToken: 'xapp-bench', mode: 'socket', port: 0, apiUrl }
        : { botToken: 'xoxb-bench', signingSecret: SIGNING_SECRET, mode: 'http', port: 0, apiUrl },
    logger: logger.child({ adapter: 'slack' }),
    botId: 'BBOT',
    botUserId: 'UBOT',
  });
  const tutor = new Tutor({ store, library, posters: { slack: slack.poster }, logger, random, timers, settings });
  // With the store, as the bot runs (src/main.ts): every delivery is also recorded in the database.
  const { port } = await slack.start(tutor, store);
  return {
    tutor,
    ...(port ? { eventsUrl: `http://127.0.0.1:${port}${EVENTS_PATH}` } : {}),
    place: { platform: 'slack', ...SLACK_PLACE },
    async settled() {
      // Older adapters (before the work queue) have no settled(); their work ends with the listener.
      await (slack as Partial<Pick<SlackApp, 'settled'>>).settled?.();
      await tutor.rounds.settled();
    },
    async stop() {
      tutor.rounds.dispose();
      await slack.stop();
    },
  };
}

/** The round opener: an ordinary member running `quiz here` in the bench channel. */
function openerContext(place: RunningApp['place']): Context {
  const userId = place.platform === 'discord' ? '1390000000000000001' : 'UOPENER';
  return { ...place, userId, userName: 'opener', isAdmin: false, isDirectMessage: false, now: new Date() };
}

/** Open a round with `quiz here`; returns it once its message is posted. */
async function openRound(tutor: Tutor, store: SqliteStore, place: RunningApp['place']) {
  const reply = await tutor.handleText('quiz here', openerContext(place));
  await tutor.rounds.settled();
  const round = await store.openChannelRound(place);
  if (!round?.messageRef) throw new Error(`quiz here opened no posted round (${reply.title ?? reply.tone})`);
  return round;
}

/** Users for burst `b`: N ids nobody used before (Slack U..., Discord snowflakes). */
function userIds(platform: BenchPlatform, b: number, n: number): string[] {
  return Array.from({ length: n }, (_, i) => (platform === 'discord' ? String(1_400_000_000_000_000_000n + BigInt(b * 1_000_000 + i)) : `UB${b}X${i}`));
}

/** Time N core answer clicks (Tutor.act, no-op posters) on a fresh round of the same store; clicks/s. */
export async function coreClickRate(store: SqliteStore, library: DeckLibrary, n: number): Promise<number> {
  const tutor = new Tutor(benchDeps(store, library, Math.random));
  try {
    const place = { platform: 'slack' as const, teamId: 'T0CORE', channelId: 'C0CORE' };
    const round = await openRound(tutor, store, place);
    const start = performance.now();
    for (let i = 0; i < n; i++) {
      const ctx: Context = { ...place, userId: `UCORE${i}`, userName: `core ${i}`, isAdmin: false, isDirectMessage: false, now: new Date() };
      const reply = await tutor.act({ kind: 'answer', roundId: round.id, letter: 'ABC'[i % 3] as string }, ctx);
      if (reply.tone !== 'success' && reply.tone !== 'warning') throw new Error(`core click not recorded: ${reply.title}`);
    }
    return n / ((performance.now() - start) / 1000);
  } finally {
    tutor.rounds.dispose();
  }
}

function percentile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
}

/**
 * Run the bursts: for each platform, start its peer and the app, then one burst per concurrency.
 * `dir` holds the e2e store file. Returns every burst's figures and the log counts per platform.
 */
export async function runBursts(opts: {
  dir: string;
  library: DeckLibrary;
  platforms: BenchPlatform[];
  concurrencies: number[];
  clicks: number;
  log: (text: string) => void;
}): Promise<{ bursts: BurstResult[]; logs: Record<string, LogCounts> }> {
  const store = openStore(join(opts.dir, 'e2e.db'));
  const bursts: BurstResult[] = [];
  const logs: Record<string, LogCounts> = {};
  let b = 0;
  try {
    for (const platform of opts.platforms) {
      const counts: LogCounts = { info: 0, warn: 0, error: 0, samples: [] };
      logs[platform] = counts;
      const logger = createLogger({ level: 'info', destination: countingStream(counts) });
      const peer = new Peer();
      if (platform === 'ceiling') {
        bursts.push(...(await ceilingBursts(peer, opts.concurrencies, opts.clicks, () => ++b)));
        continue;
      }
      const { apiUrl } = await peer.ask<'ready'>({ type: 'start', platform });
      const app = await startApp(platform, apiUrl, store, opts.library, logger);
      try {
        for (const concurrency of opts.concurrencies) {
          b++;
          const round = await openRound(app.tutor, store, app.place);
          const ids = userIds(platform, b, opts.clicks);
          const letters = ids.map((_, i) => 'ABCDEFGH'[(i * 7 + b) % round.choiceOrder.length] as string);
          const errorsBefore = counts.error + counts.warn;
          opts.log(`  ${platform}: ${opts.clicks} clicks, ${concurrency} in flight ...`);
          const cpu = process.cpuUsage();
          const stopWatch = watchLoop();
          const { report } = await peer.ask<'burst'>({
            type: 'burst',
            ...(app.eventsUrl ? { eventsUrl: app.eventsUrl } : {}),
            roundId: round.id,
            messageId: round.messageRef?.messageId ?? '',
            letters,
            userIds: ids,
            concurrency,
          });
          await app.settled();
          const used = process.cpuUsage(cpu);
          const stalls = stopWatch();
          const problems = await checkRound(app, store, peer, round.id, round.choiceOrder, ids, letters, report);
          if (counts.error + counts.warn > errorsBefore) problems.push(`${counts.error + counts.warn - errorsBefore} warnings/errors logged`);
          bursts.push(summarise(platform, concurrency, report, (used.user + used.system) / 1000, problems, stalls));
        }
      } finally {
        await app.stop();
        await peer.ask<'stopped'>({ type: 'stop' });
      }
    }
  } finally {
    await store.close();
  }
  return { bursts, logs };
}

/** The ceiling baseline's bursts (see BenchPlatform): same peer, users and C as Slack HTTP; `nextBurst` numbers them. */
async function ceilingBursts(peer: Peer, concurrencies: number[], clicks: number, nextBurst: () => number): Promise<BurstResult[]> {
  const results: BurstResult[] = [];
  await peer.ask<'ready'>({ type: 'start', platform: 'slack-http' });
  const server = await startCeiling(SIGNING_SECRET);
  try {
    for (const concurrency of concurrencies) {
      const b = nextBurst();
      const ids = userIds('ceiling', b, clicks);
      const cpu = process.cpuUsage();
      const stopWatch = watchLoop();
      const { report } = await peer.ask<'burst'>({
        type: 'burst',
        eventsUrl: server.eventsUrl,
        roundId: b,
        messageId: '1700000000.000100',
        letters: ids.map(() => 'A'),
        userIds: ids,
        concurrency,
      });
      await server.settled();
      const used = process.cpuUsage(cpu);
      const stalls = stopWatch();
      const problems: string[] = [];
      if (report.failedAcks) problems.push(`${report.failedAcks} clicks not acked with success`);
      if (report.missingFeedback) problems.push(`${report.missingFeedback} clicks got no feedback`);
      if (report.extraFeedback) problems.push(`${report.extraFeedback} extra feedback messages`);
      if (server.refused()) problems.push(`${server.refused()} requests refused or posts failed`);
      results.push(summarise('ceiling', concurrency, report, (used.user + used.system) / 1000, problems, stalls));
    }
  } finally {
    await server.stop();
    await peer.ask<'stopped'>({ type: 'stop' });
  }
  return results;
}

/** Close the round, then check the store and the reveal hold every click exactly once. */
async function checkRound(
  app: RunningApp,
  store: SqliteStore,
  peer: Peer,
  roundId: number,
  choiceOrder: number[],
  ids: string[],
  letters: string[],
  report: BurstReport,
): Promise<string[]> {
  const problems: string[] = [];
  const n = ids.length;
  if (report.failedAcks) problems.push(`${report.failedAcks} clicks not acked with success`);
  if (report.missingFeedback) problems.push(`${report.missingFeedback} clicks got no feedback`);
  if (report.extraFeedback) problems.push(`${report.extraFeedback} extra feedback messages`);
  await app.tutor.act({ kind: 'close', roundId }, openerContext(app.place));
  await app.settled();
  const tally = await store.roundTally(roundId, choiceOrder.length);
  if (tally.answered !== n) problems.push(`the round holds ${tally.answered} answers, not ${n}`);
  let missing = 0;
  let wrong = 0;
  for (const [i, id] of ids.entries()) {
    const answer = await store.getAnswer(roundId, id);
    if (!answer) missing++;
    else if (answer.letter !== letters[i]) wrong++;
  }
  if (missing) problems.push(`${missing} clicks lost`);
  if (wrong) problems.push(`${wrong} answers stored with another letter`);
  const expected = new Map<number, number>();
  for (const l of letters) {
    const choice = choiceOrder['ABCDEFGH'.indexOf(l)] as number;
    expected.set(choice, (expected.get(choice) ?? 0) + 1);
  }
  for (const [choice, count] of expected) if ((tally.byChoice[choice] ?? 0) !== count) problems.push(`choice ${choice}: ${tally.byChoice[choice]} answers, expected ${count}`);
  const { text } = await peer.ask<'last-update'>({ type: 'last-update' });
  if (!text.includes(`${n} answered`)) problems.push(`the reveal does not say "${n} answered"`);
  return problems;
}

function summarise(platform: BenchPlatform, concurrency: number, r: BurstReport, cpuMs: number, problems: string[], stalls: LoopStalls): BurstResult {
  const n = r.latencies.length;
  const sorted = [...r.latencies].sort((a, b) => a - b);
  const outboundCalls = Object.values(r.outbound).reduce((a, v) => a + v, 0);
  return {
    platform,
    concurrency,
    clicks: n,
    clicksPerSecond: Math.round(n / (r.wallMs / 1000)),
    p50: round3(percentile(sorted, 0.5)),
    p99: round3(percentile(sorted, 0.99)),
    max: round3(sorted[n - 1] ?? 0),
    outboundPerClick: round3(outboundCalls / n),
    outbound: r.outbound,
    cpuMsPerClick: round3(cpuMs / n),
    peerCpuMsPerClick: round3(r.peerCpuMs / n),
    loadAverage: round3(loadavg()[0] ?? 0),
    stalls,
    problems,
  };
}
