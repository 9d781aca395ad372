/**
 * `npm run bench [-- --small] [-- --keep]`: seeds a synthetic community into a WAL file database in a
 * temp folder and measures
 *   1. answers recorded per second through the store (one transaction per answer) beside a raw
 *      better-sqlite3 single-row INSERT loop with the same settings, and their ratio;
 *   2. p50/p99 of a team's weekly leaderboard (scoreLines, one ISO week, team-wide) and of userStats;
 *   3. p50/p99 of explain lookups with typos against the real decks (content/);
 *   4. peak RSS.
 * Prints the results as JSON and as a table with each goal and pass/fail. Exit code 1 when a goal
 * is missed. `--small` runs 1/20 of the community; `--keep` leaves the database files behind.
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadLibrary } from '../src/core/deck/loader.js';
import type { NewAnswer, RoundRow } from '../src/core/ports/store.js';
import { openDatabase, openStore } from '../src/store/index.js';
import {
  benchAnswer,
  channelScope,
  type CommunitySize,
  dayDate,
  openDailyRound,
  seedCommunity,
  teamScope,
  userId,
} from './community.js';
import { type Latency, measureLatency, round3, seededRandom, timed } from './timing.js';
import { typoQueries } from './typos.js';

const small = process.argv.includes('--small');
const keep = process.argv.includes('--keep');

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
const random = seededRandom(20_260_105);
const lines: Line[] = [];
const json: Record<string, unknown> = { mode: small ? 'small' : 'full', size, dir };
const log = (text: string) => process.stderr.write(`${text}\n`);
/** Resident memory after each phase (MiB), to see where the peak comes from. */
const memory: Record<string, number> = {};
const notePhase = (phase: string) => {
  memory[phase] = round3(process.memoryUsage().rss / 2 ** 20);
};
notePhase('start');

try {
  // --- seed
  const store = openStore(dbPath);
  log(`seeding ${size.answers.toLocaleString('en')} answers into ${dbPath} ...`);
  const seeded = timed(() =>
    seedCommunity(store, size, random, (d) => {
      if ((d + 1) % 73 === 0) log(`  day ${d + 1}/${size.days}`);
    }),
  );
  store.db.pragma('wal_checkpoint(TRUNCATE)');
  notePhase('seeded');
  json.seed = {
    ...seeded.result,
    seconds: round3(seeded.seconds),
    answersPerSecond: Math.round(seeded.result.answers / seeded.seconds),
    dbMiB: round3(statSync(dbPath).size / 2 ** 20),
  };
  lines.push({
    name: 'seed (batched, store code path)',
    value: `${seeded.result.answers.toLocaleString('en')} answers, ${seeded.result.rounds.toLocaleString('en')} rounds in ${seeded.seconds.toFixed(1)} s`,
    goal: '-',
    pass: null,
  });

  // --- 1. answers per second: store path vs raw INSERT, one transaction each
  const rounds: { t: number; round: RoundRow }[] = [];
  for (let d = size.days; rounds.length * size.usersPerTeam < freshAnswers; d++) {
    for (let t = 0; t < size.teams; t++) {
      for (let c = 0; c < size.channelsPerTeam; c++) rounds.push({ t, round: openDailyRound(store, t, c, d, random) });
    }
  }
  const clicks: NewAnswer[] = [];
  for (let u = 0; clicks.length < freshAnswers; u++) {
    for (const { t, round } of rounds) {
      if (clicks.length < freshAnswers) clicks.push(benchAnswer(round, t, u, random));
    }
  }

  const rawDb = openDatabase(join(dir, 'raw.db'));
  rawDb.exec(`CREATE TABLE raw_answers (
    round_id INTEGER NOT NULL, user_id TEXT NOT NULL, platform TEXT NOT NULL, team_id TEXT NOT NULL,
    channel_id TEXT NOT NULL, letter TEXT NOT NULL, choice_index INTEGER NOT NULL, correct INTEGER NOT NULL,
    points INTEGER NOT NULL, answered_at INTEGER NOT NULL, local_date TEXT NOT NULL,
    PRIMARY KEY (round_id, user_id)) WITHOUT ROWID`);
  const rawInsert = rawDb.prepare('INSERT INTO raw_answers VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)');
  // Alternate chunks of raw inserts and store answers, so load changes on a shared machine hit
  // both sides alike; each side sums its own wall and CPU time.
  const raw = { seconds: 0, cpuMicros: 0 };
  const storePath = { seconds: 0, cpuMicros: 0 };
  const chunk = 500;
  let recorded = 0;
  for (let i = 0; i < clicks.length; i += chunk) {
    const part = clicks.slice(i, i + chunk);
    addTimed(raw, () => {
      for (const a of part) {
        const r = a.round;
        rawInsert.run(r.id, a.userId, r.platform, r.teamId, r.channelId, a.letter, a.choiceIndex, a.correct ? 1 : 0, a.points, a.answeredAt, a.localDate);
      }
    });
    addTimed(storePath, () => {
      for (const a of part) if (store.recordAnswer(a).status === 'recorded') recorded++;
    });
  }
  rawDb.close();
  if (recorded !== clicks.length) throw new Error(`only ${recorded} of ${clicks.length} fresh answers were recorded`);
  const rawRate = clicks.length / raw.seconds;
  const storeRate = clicks.length / storePath.seconds;
  const ratio = storeRate / rawRate;
  notePhase('recorded');
  json.recordAnswer = {
    answers: clicks.length,
    storePerSecond: Math.round(storeRate),
    rawInsertPerSecond: Math.round(rawRate),
    ratio: round3(ratio),
    storeCpuMicrosPerAnswer: round3(storePath.cpuMicros / clicks.length),
    rawCpuMicrosPerInsert: round3(raw.cpuMicros / clicks.length),
  };
  lines.push(
    { name: 'recordAnswer, 1 tx each', value: `${Math.round(storeRate).toLocaleString('en')} /s`, goal: '-', pass: null },
    { name: 'raw INSERT, 1 tx each', value: `${Math.round(rawRate).toLocaleString('en')} /s`, goal: '-', pass: null },
    { name: 'store / raw ratio', value: ratio.toFixed(3), goal: '>= 0.333', pass: ratio >= 1 / 3 },
  );

  // --- 2. weekly leaderboard and user stats
  const weekStarts: string[] = [];
  for (let d = 5; d + 6 < size.days; d += 7) weekStarts.push(dayDate(d)); // 2025-01-06 is a Monday
  const pick = <T>(items: T[]) => items[Math.floor(random() * items.length)] as T;
  let boardRows = 0;
  const board = measureLatency(querySamples, () => {
    const monday = pick(weekStarts);
    const sunday = new Date(Date.parse(monday) + 6 * 86_400_000).toISOString().slice(0, 10);
    boardRows += store.scoreLines({ scope: teamScope(Math.floor(random() * size.teams)), fromDate: monday, toDate: sunday }).length;
  });
  const stats = measureLatency(querySamples, () => {
    const t = Math.floor(random() * size.teams);
    store.userStats(teamScope(t), userId(t, Math.floor(random() * size.usersPerTeam)));
  });
  notePhase('queried');
  json.weeklyBoard = { ...board, averageLines: round3(boardRows / (querySamples + Math.min(200, querySamples))) };
  json.userStats = stats;
  lines.push(latencyLine('weekly board (scoreLines)', board, 5), latencyLine('userStats', stats, 5));
  store.close();

  // --- 3. explain lookups with typos
  try {
    const library = loadLibrary(fileURLToPath(new URL('../content', import.meta.url)));
    const queries = typoQueries(library, lookupSamples, random);
    let found = 0;
    const lookups = measureLatency(lookupSamples, (i) => {
      if (library.lookupTerm(queries[i % queries.length] as string).status === 'found') found++;
    });
    notePhase('looked up');
    json.explainLookup = { ...lookups, foundShare: round3(found / (lookupSamples + Math.min(200, lookupSamples))) };
    lines.push(latencyLine('explain lookup (typos)', lookups, 1));
  } catch (err) {
    json.explainLookup = { error: err instanceof Error ? err.message : String(err) };
    lines.push({ name: 'explain lookup (typos)', value: 'could not load content/', goal: 'p99 < 1 ms', pass: false });
  }

  // --- 4. memory
  const peakMiB = process.resourceUsage().maxRSS / 1024;
  json.peakRssMiB = round3(peakMiB);
  json.rssByPhaseMiB = memory;
  lines.push({ name: 'peak RSS', value: `${peakMiB.toFixed(1)} MiB`, goal: '< 200 MiB', pass: peakMiB < 200 });
} finally {
  if (!keep) rmSync(dir, { recursive: true, force: true });
}

json.lines = lines;
process.stdout.write(`${JSON.stringify(json, null, 2)}\n\n`);
printTable(lines);
if (lines.some((l) => l.pass === false)) process.exitCode = 1;

/** Run `fn`, adding its wall seconds and CPU microseconds (user + system) to `into`. */
function addTimed(into: { seconds: number; cpuMicros: number }, fn: () => void): void {
  const cpu = process.cpuUsage();
  const { seconds } = timed(fn);
  const used = process.cpuUsage(cpu);
  into.seconds += seconds;
  into.cpuMicros += used.user + used.system;
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
