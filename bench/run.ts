/**
 * `npm run bench [-- --small] [-- --keep]`: seeds a synthetic community into a WAL file database in a
 * temp folder (in a child process: seed.ts) and then, in this process, opens it as the bot would and
 * measures
 *   1. answers recorded per second through the core's answer path (Tutor.act on the real store and
 *      decks: what a button click does, one transaction per answer) beside a raw better-sqlite3
 *      single-row INSERT loop with the same settings, and their ratio; the bare store.recordAnswer
 *      rate for information (see answer-rate.ts);
 *   2. p50/p99 of a team's weekly leaderboard (scoreLines, one ISO week, team-wide) and of userStats;
 *   3. p50/p99 of explain lookups with typos against the real decks (content/);
 *   4. peak RSS of this process (the seeding child's is reported beside it);
 *   5. chart images (bench/charts.ts, in a child process of its own): p99 render time and how much
 *      rendering adds to that process' peak RSS;
 *   6. end-to-end click bursts through the real adapters (bench/e2e/: Slack HTTP, Socket Mode and
 *      Discord, N clicks by distinct users at C = 16, 64, 256 in flight; `tsx bench/e2e/main.ts` runs
 *      this part alone), beside the core answer path's rate from section 1.
 * Prints the results as JSON and as a table with each goal and pass/fail. Exit code 1 when a goal
 * is missed. `--small` runs 1/20 of the community; `--keep` leaves the database files behind;
 * `--no-e2e` skips section 6. `--store postgres` runs the store sections on PostgreSQL instead
 * (TEST_DATABASE_URL or DATABASE_URL; see bench/postgres.ts) beside a raw INSERT loop on that server.
 */
import { fork } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadLibrary } from '../src/core/deck/loader.js';
import { openStore } from '../src/store/index.js';
import { measureAnswerRates, type PhaseRates, type SideTime } from './answer-rate.js';
import { type CommunitySize, dayDate, teamScope, userId } from './community.js';
import type { SeedReport } from './seed.js';
import { seededRandom } from '../tests/support/seeded-random.js';
import { type Latency, measureLatency, measureLatencyAsync, round3 } from './timing.js';
import { typoQueries } from './typos.js';

const small = process.argv.includes('--small');
const keep = process.argv.includes('--keep');
/** `--no-e2e` skips section 6 (the end-to-end bursts take minutes; `npm run bench:e2e` runs them alone). */
const withEndToEnd = !process.argv.includes('--no-e2e');

const size: CommunitySize = small
  ? { teams: 5, usersPerTeam: 100, channelsPerTeam: 2, days: 365, answers: 50_000 }
  : { teams: 100, usersPerTeam: 100, channelsPerTeam: 2, days: 365, answers: 1_000_000 };
const freshAnswers = small ? 5_000 : 20_000;
const querySamples = small ? 2_000 : 5_000;
const lookupSamples = 10_000;

/** One line of the report. */
interface Line {
  name: string;
  value: string;
  goal: string;
  pass: boolean | null;
}

const dir = mkdtempSync(join(tmpdir(), 'kms-bench-'));
const dbPath = join(dir, 'bench.db');
const SEED = 20_260_105;
const random = seededRandom(SEED + 1);
const lines: Line[] = [];
const json: Record<string, unknown> = { mode: small ? 'small' : 'full', size, dir };
const log = (text: string) => process.stderr.write(`${text}\n`);
/** Resident memory after each phase and the peak so far (MiB), to see where the peak comes from. */
const memory: Record<string, { rss: number; peak: number; heap: number }> = {};
const notePhase = (phase: string) => {
  const usage = process.memoryUsage();
  memory[phase] = {
    rss: round3(usage.rss / 2 ** 20),
    peak: round3(process.resourceUsage().maxRSS / 1024),
    heap: round3(usage.heapTotal / 2 ** 20),
  };
};
notePhase('start');

if (process.argv.includes('--store') && process.argv[process.argv.indexOf('--store') + 1] === 'postgres') {
  try {
    const { postgresMain } = await import('./postgres.js');
    const library = loadLibrary(fileURLToPath(new URL('../content', import.meta.url)));
    await postgresMain({ size, small, keep, freshAnswers, querySamples, dir, seed: SEED, random, library, seedInChild, printTable, log });
  } finally {
    if (!keep) rmSync(dir, { recursive: true, force: true });
  }
  process.exit(process.exitCode ?? 0);
}

try {
  // --- seed, in a child process (see seed.ts)
  log(`seeding ${size.answers.toLocaleString('en')} answers into ${dbPath} ...`);
  const seeded = await seedInChild(dbPath, size, SEED);
  json.seed = {
    rounds: seeded.rounds,
    answers: seeded.answers,
    seconds: round3(seeded.seconds),
    answersPerSecond: Math.round(seeded.answers / seeded.seconds),
    dbMiB: round3(statSync(dbPath).size / 2 ** 20),
    seedProcessPeakRssMiB: round3(seeded.peakRssMiB),
  };
  lines.push({
    name: 'seed (batched, store code path)',
    value: `${seeded.answers.toLocaleString('en')} answers, ${seeded.rounds.toLocaleString('en')} rounds in ${seeded.seconds.toFixed(1)} s`,
    goal: '-',
    pass: null,
  });

  // The real decks: the community's rounds ask their questions; explain lookups search their terms.
  const library = loadLibrary(fileURLToPath(new URL('../content', import.meta.url)));
  const deck = library.defaultDeck;
  notePhase('decks loaded');

  // --- 3. explain lookups with typos (measured first, before the answer and board phases fill
  // the heap, so their garbage collection does not land in the lookups' p99)
  const queries = typoQueries(library, lookupSamples, random);
  let found = 0;
  // 2,000 untimed lookups first, so that the timed ones run JIT-compiled code.
  const lookups = measureLatency(
    lookupSamples,
    (i) => {
      if (library.lookupTerm(queries[i % queries.length] as string).status === 'found') found++;
    },
    2_000,
  );
  notePhase('looked up');
  json.explainLookup = { ...lookups, foundShare: round3(found / (lookupSamples + 2_000)) };
  const explainLine = latencyLine('explain lookup (typos)', lookups, 1);

  const store = openStore(dbPath);

  // --- 1. answers per second: core answer path, bare store and raw INSERT, one transaction each.
  const rates = await measureAnswerRates(store, library, deck, size, { day: size.days, count: freshAnswers, chunk: 500, dir, random });
  const { steady, firstClicks } = rates;
  const rate = (phase: PhaseRates, side: SideTime) => phase.clicks / side.seconds;
  const cpuMicros = (phase: PhaseRates, side: SideTime) => round3(side.cpuMicros / phase.clicks);
  const ratio = rate(steady, steady.core) / rate(steady, steady.raw);
  const storeRate = rate(steady, steady.store as SideTime);
  const storeRatio = storeRate / rate(steady, steady.raw);
  const firstRatio = rate(firstClicks, firstClicks.core) / rate(firstClicks, firstClicks.raw);
  notePhase('recorded');
  json.answerRate = {
    answersEach: steady.clicks,
    corePerSecond: Math.round(rate(steady, steady.core)),
    storePerSecond: Math.round(storeRate),
    rawInsertPerSecond: Math.round(rate(steady, steady.raw)),
    ratio: round3(ratio),
    storeRatio: round3(storeRatio),
    coreCpuMicrosPerAnswer: cpuMicros(steady, steady.core),
    storeCpuMicrosPerAnswer: cpuMicros(steady, steady.store as SideTime),
    rawCpuMicrosPerInsert: cpuMicros(steady, steady.raw),
    firstClicks: {
      clicks: firstClicks.clicks,
      corePerSecond: Math.round(rate(firstClicks, firstClicks.core)),
      rawInsertPerSecond: Math.round(rate(firstClicks, firstClicks.raw)),
      ratio: round3(firstRatio),
      coreCpuMicrosPerAnswer: cpuMicros(firstClicks, firstClicks.core),
      rawCpuMicrosPerInsert: cpuMicros(firstClicks, firstClicks.raw),
    },
  };
  const perSecond = (r: number) => `${Math.round(r).toLocaleString('en')} /s`;
  lines.push(
    { name: 'core answer path (Tutor.act), 1 tx each', value: perSecond(rate(steady, steady.core)), goal: '-', pass: null },
    { name: 'store.recordAnswer alone, 1 tx each', value: `${perSecond(storeRate)} (${storeRatio.toFixed(3)} of raw)`, goal: '-', pass: null },
    { name: 'raw INSERT, 1 tx each', value: perSecond(rate(steady, steady.raw)), goal: '-', pass: null },
    { name: 'core / raw ratio', value: ratio.toFixed(3), goal: '>= 0.333', pass: ratio >= 1 / 3 },
    {
      name: "each user's first click since start",
      value: `${perSecond(rate(firstClicks, firstClicks.core))}, ${firstRatio.toFixed(3)} of raw`,
      goal: '-',
      pass: null,
    },
  );

  // --- 2. weekly leaderboard and user stats
  const weekStarts: string[] = [];
  for (let d = 5; d + 6 < size.days; d += 7) weekStarts.push(dayDate(d)); // 2025-01-06 is a Monday
  const pick = <T>(items: T[]) => items[Math.floor(random() * items.length)] as T;
  let boardRows = 0;
  const board = await measureLatencyAsync(querySamples, async () => {
    const monday = pick(weekStarts);
    const sunday = new Date(Date.parse(monday) + 6 * 86_400_000).toISOString().slice(0, 10);
    boardRows += (await store.scoreLines({ scope: teamScope(Math.floor(random() * size.teams)), fromDate: monday, toDate: sunday })).length;
  });
  const stats = await measureLatencyAsync(querySamples, async () => {
    const t = Math.floor(random() * size.teams);
    await store.userStats(teamScope(t), userId(t, Math.floor(random() * size.usersPerTeam)));
  });
  notePhase('queried');
  json.weeklyBoard = { ...board, averageLines: round3(boardRows / (querySamples + Math.min(200, querySamples))) };
  json.userStats = stats;
  lines.push(latencyLine('weekly board (scoreLines)', board, 5), latencyLine('userStats', stats, 5));
  await store.close();

  lines.push(explainLine);

  // --- 4. memory (before the end-to-end part, which runs whole apps in this process)
  const peakMiB = process.resourceUsage().maxRSS / 1024;
  json.peakRssMiB = round3(peakMiB);
  json.rssByPhaseMiB = memory;
  lines.push({ name: 'peak RSS', value: `${peakMiB.toFixed(1)} MiB`, goal: '< 200 MiB', pass: peakMiB < 200 });

  // --- 5. chart images, measured alone in a child process
  const charts = await chartsInChild(small ? 50 : 200);
  json.charts = charts;
  lines.push(
    { name: 'chart render (Vega-Lite + resvg)', value: `p50 ${charts.p50.toFixed(1)} ms, p99 ${charts.p99.toFixed(1)} ms (${charts.cpuMsPerRender.toFixed(1)} CPU ms each)`, goal: 'p99 < 100 ms', pass: charts.p99 < 100 },
    { name: 'chart rendering, added peak RSS', value: `${charts.addedMiB.toFixed(1)} MiB`, goal: '< 60 MiB', pass: charts.addedMiB < 60 },
  );

  // --- 6. end-to-end click bursts (bench/e2e/)
  if (withEndToEnd) {
  const clicks = small ? 500 : 2_000;
  log(`end-to-end bursts: ${clicks} clicks each ...`);
  // Imported here, not at the top: the adapters it loads (Bolt, discord.js) would otherwise count in
  // section 4's peak RSS, which measures the core process as the bot without them would run.
  const { runBursts } = await import('./e2e/burst.js');
  const { bursts, logs } = await runBursts({ dir, library, platforms: ['ceiling', 'slack-http', 'slack-socket', 'discord'], concurrencies: [16, 64, 256], clicks, log });
  const core = rate(steady, steady.core);
  json.endToEnd = { clicks, corePerSecond: Math.round(core), bursts, logs, loadAverage: (await import('node:os')).loadavg() };
  const slackHttp64 = bursts.find((b) => b.platform === 'slack-http' && b.concurrency === 64)?.clicksPerSecond ?? 0;
  for (const b of bursts) {
    if (b.platform === 'ceiling') {
      // The machine's baseline (bench/e2e/ceiling.ts), not a goal: what a bare server does at this C.
      lines.push({
        name: `e2e ceiling C=${b.concurrency}: bare node:http, signature, ack, response_url`,
        value: `${b.clicksPerSecond} clicks/s, p50 ${b.p50.toFixed(0)} / p99 ${b.p99.toFixed(0)} / max ${b.max.toFixed(0)} ms, ${b.cpuMsPerClick} CPU ms per click${b.problems.length ? `; ${b.problems.join('; ')}` : ''}`,
        goal: 'baseline',
        pass: b.problems.length === 0,
      });
      continue;
    }
    lines.push({
      name: `e2e ${b.platform} C=${b.concurrency}: ack p99`,
      value: `${b.clicksPerSecond} clicks/s (${(b.clicksPerSecond / core).toFixed(3)} of core), p50 ${b.p50.toFixed(0)} / p99 ${b.p99.toFixed(0)} / max ${b.max.toFixed(0)} ms, ${b.outboundPerClick} calls and ${b.cpuMsPerClick} CPU ms per click${b.problems.length ? `; ${b.problems.join('; ')}` : ''}`,
      goal: 'p99 < 500 ms, all clicks once',
      pass: b.p99 < 500 && b.problems.length === 0,
    });
    if (b.concurrency === 64) {
      const floor = b.platform === 'slack-http' ? 1_500 : Math.max(1_500, slackHttp64);
      lines.push({ name: `e2e ${b.platform} C=64: clicks/s`, value: String(b.clicksPerSecond), goal: `>= ${floor}`, pass: b.clicksPerSecond >= floor });
    }
  }
  }
} finally {
  if (!keep) rmSync(dir, { recursive: true, force: true });
}

json.lines = lines;
process.stdout.write(`${JSON.stringify(json, null, 2)}\n\n`);
printTable(lines);
if (lines.some((l) => l.pass === false)) process.exitCode = 1;

/** Seed the community into `path` in a forked bench/seed.ts; resolves with its report. */
function seedInChild(path: string, community: CommunitySize, seed: number): Promise<SeedReport> {
  const script = fileURLToPath(new URL('./seed.ts', import.meta.url));
  const child = fork(script, [path, JSON.stringify(community), String(seed)], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  return new Promise((resolve, reject) => {
    let report: SeedReport | undefined;
    child.on('message', (m) => {
      report = m as SeedReport;
    });
    child.on('error', reject);
    child.on('exit', (code) => (report && code === 0 ? resolve(report) : reject(new Error(`seeding failed (exit code ${code})`))));
  });
}

/** What bench/charts.ts reports. */
interface ChartReport {
  samples: number;
  p50: number;
  p99: number;
  max: number;
  cpuMsPerRender: number;
  baselineMiB: number;
  peakMiB: number;
  addedMiB: number;
}

/** Run bench/charts.ts in a forked process rendering `count` charts; resolves with its report. */
function chartsInChild(count: number): Promise<ChartReport> {
  const script = fileURLToPath(new URL('./charts.ts', import.meta.url));
  const child = fork(script, [String(count)], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  return new Promise((resolve, reject) => {
    let report: ChartReport | undefined;
    child.on('message', (m) => {
      report = m as ChartReport;
    });
    child.on('error', reject);
    child.on('exit', (code) => (report && code === 0 ? resolve(report) : reject(new Error(`the chart benchmark failed (exit code ${code})`))));
  });
}

/** A latency report line with a p99 goal in ms. */
function latencyLine(name: string, l: Latency, goalMs: number): Line {
  return { name, value: `p50 ${l.p50.toFixed(3)} ms, p99 ${l.p99.toFixed(3)} ms`, goal: `p99 < ${goalMs} ms`, pass: l.p99 < goalMs };
}

/** Print the lines as an aligned table. */
function printTable(rows: Line[]): void {
  const cells = [['measure', 'value', 'goal', 'result'], ...rows.map((r) => [r.name, r.value, r.goal, r.pass === null ? '' : r.pass ? 'PASS' : 'FAIL'])];
  const widths = [0, 1, 2, 3].map((i) => Math.max(...cells.map((c) => (c[i] as string).length)));
  for (const [i, c] of cells.entries()) {
    process.stdout.write(`${c.map((v, j) => v.padEnd(widths[j] as number)).join('  ').trimEnd()}\n`);
    if (i === 0) process.stdout.write(`${widths.map((w) => '-'.repeat(w)).join('  ')}\n`);
  }
}
