/**
 * `npm run bench -- --store postgres [--small] [--keep]`: the benchmark's workload on PostgreSQL
 * (TEST_DATABASE_URL, else DATABASE_URL), in a schema of its own (dropped afterwards unless --keep).
 * The community seeded into SQLite by bench/seed.ts is moved in with db:copy (src/store/copy/), then:
 *   1. answers per second, one transaction each, in alternating chunks: the core answer path
 *      (Tutor.act on PostgresStore), the bare store.recordAnswer, and a raw single-row INSERT loop
 *      into a one-table copy of `answers` on the same server (one autocommit INSERT per answer);
 *      goal: core >= 1/3 of raw; beside the rates, per click: the statements each side sent, the
 *      client's CPU time and (when the server runs on this machine) the server's;
 *   2. two stores (two pools, as two processes) clicking the same rounds at once: every click is
 *      stored exactly once (nothing lost, nothing doubled);
 *   3. p50/p99 of a team's weekly leaderboard and of userStats; goal: p99 < 10 ms.
 */
import type { CommunitySize } from './community.js';
import { type BenchClick, benchClick, clickAnswer, dailyRoundOf, dayDate, teamScope, userId } from './community.js';
import { addTimedAsync, benchDeps, clickContext, type PhaseRates, type SideTime, zero } from './answer-rate.js';
import { countQueries, serverCpuReader } from './pg-meter.js';
import { type Latency, measureLatencyAsync, round3 } from './timing.js';
import type { Deck } from '../src/core/deck/schema.js';
import type { DeckLibrary } from '../src/core/deck/library.js';
import type { RoundRow } from '../src/core/ports/store.js';
import { Tutor } from '../src/core/tutor.js';
import { copyDatabase } from '../src/store/copy/copy.js';
import { postgresSide } from '../src/store/copy/postgres-side.js';
import { sqliteSide } from '../src/store/copy/sqlite-side.js';
import { openPostgresStore } from '../src/store/postgres/open.js';
import type { PostgresStore } from '../src/store/postgres/postgres-store.js';

/** One line of the report (as bench/run.ts prints them). */
interface PgLine {
  name: string;
  value: string;
  goal: string;
  pass: boolean | null;
}

/** What the PostgreSQL benchmark needs from run.ts. */
interface PgBenchOptions {
  url: string;
  /** The seeded SQLite database to copy in. */
  seededPath: string;
  size: CommunitySize;
  library: DeckLibrary;
  freshAnswers: number;
  querySamples: number;
  keep: boolean;
  random: () => number;
  log: (text: string) => void;
}

/** Run the PostgreSQL sections; returns the report lines and their JSON. */
async function runPostgresBench(o: PgBenchOptions): Promise<{ lines: PgLine[]; json: Record<string, unknown> }> {
  const schema = `kms_bench_${process.pid}`;
  const url = new URL(o.url);
  url.searchParams.set('schema', schema);
  const schemaUrl = url.toString();
  const lines: PgLine[] = [];
  const json: Record<string, unknown> = { schema };
  const deck = o.library.defaultDeck;

  o.log(`copying the seeded community into PostgreSQL (schema ${schema}) ...`);
  const copyStart = performance.now();
  const from = sqliteSide(o.seededPath);
  const to = await postgresSide(schemaUrl);
  try {
    const report = await copyDatabase(from, to);
    json.copy = { seconds: round3((performance.now() - copyStart) / 1000), answers: report.rows.get('answers') };
  } finally {
    await from.close();
    await to.close();
  }
  lines.push({ name: 'db:copy of the seeded community', value: `${((performance.now() - copyStart) / 1000).toFixed(1)} s`, goal: '-', pass: null });

  const store = await openPostgresStore(schemaUrl, { maxConnections: 10 });
  try {
    await store.pool.query(`ANALYZE`);
    // --- 1. answers per second
    const day = o.size.days;
    const coreClicks = await planClicks(store, deck, o.size, day, o.freshAnswers, o.random);
    const storeClicks = (await planClicks(store, deck, o.size, day + daysFor(o.size, o.freshAnswers), o.freshAnswers, o.random)).map(clickAnswer);
    await store.pool.query(`CREATE TABLE raw_answers (LIKE answers INCLUDING DEFAULTS INCLUDING CONSTRAINTS INCLUDING INDEXES)`);
    const rawClicks = storeClicks;
    const tutor = new Tutor(benchDeps(store, o.library, o.random));
    const steady: PhaseRates = { clicks: o.freshAnswers, core: zero(), store: zero(), raw: zero() };
    const contexts = coreClicks.map(clickContext);
    const chunk = 500;
    // Statements and server CPU per side (the meters are read outside the timed parts).
    const counter = countQueries([store.pool, store.clickPool]);
    const serverCpu = await serverCpuReader(store.pool);
    const meter = () => ({ queries: 0, serverMs: 0, byText: new Map<string, number>() });
    const meters = { core: meter(), store: meter(), raw: meter() };
    const metered = async (side: keyof typeof meters, into: SideTime, fn: () => Promise<void>) => {
      const q = counter.queries;
      const before = new Map(counter.byText);
      const s = serverCpu?.() ?? 0;
      await addTimedAsync(into, fn);
      meters[side].queries += counter.queries - q;
      meters[side].serverMs += (serverCpu?.() ?? 0) - s;
      for (const [text, n] of counter.byText) {
        const sent = n - (before.get(text) ?? 0);
        if (sent > 0) meters[side].byText.set(text, (meters[side].byText.get(text) ?? 0) + sent);
      }
    };
    try {
      for (let i = 0; i < o.freshAnswers; i += chunk) {
        const end = Math.min(o.freshAnswers, i + chunk);
        await metered('raw', steady.raw, async () => {
          for (let k = i; k < end; k++) {
            const a = rawClicks[k]!;
            const r = a.round;
            await store.pool.query({
              name: 'bench_raw_insert',
              text: 'INSERT INTO raw_answers VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)',
              values: [r.id, a.userId, r.platform, r.teamId, r.channelId, a.letter, a.choiceIndex, a.correct ? 1 : 0, a.points, a.answeredAt, a.localDate],
            });
          }
        });
        await metered('core', steady.core, async () => {
          for (let k = i; k < end; k++) {
            const c = coreClicks[k]!;
            const reply = await tutor.act({ kind: 'answer', roundId: c.round.id, letter: c.letter }, contexts[k]!);
            if (reply.tone !== 'success' && reply.tone !== 'warning') throw new Error(`click not recorded: ${reply.title}`);
          }
          // The rounds' "N answered" edits these clicks started are the core path's work too.
          await tutor.rounds.settled();
        });
        await metered('store', steady.store!, async () => {
          for (let k = i; k < end; k++) {
            const result = await store.recordAnswer(storeClicks[k]!);
            if (result.status !== 'recorded') throw new Error(`answer not recorded: ${result.status}`);
          }
        });
      }
      await tutor.rounds.settled();
    } finally {
      tutor.rounds.dispose();
    }
    const rate = (side: SideTime) => steady.clicks / side.seconds;
    const ratio = rate(steady.core) / rate(steady.raw);
    const perSecond = (r: number) => `${Math.round(r).toLocaleString('en')} /s`;
    json.answerRate = {
      answersEach: steady.clicks,
      corePerSecond: Math.round(rate(steady.core)),
      storePerSecond: Math.round(rate(steady.store!)),
      rawInsertPerSecond: Math.round(rate(steady.raw)),
      ratio: round3(ratio),
      perClick: Object.fromEntries(
        (['core', 'store', 'raw'] as const).map((side) => [
          side,
          {
            statements: round3(meters[side].queries / steady.clicks),
            statementsByText: Object.fromEntries([...meters[side].byText].sort((a, b) => b[1] - a[1])),
            clientCpuMicros: Math.round((side === 'store' ? steady.store! : steady[side]).cpuMicros / steady.clicks),
            serverCpuMicros: serverCpu ? Math.round((meters[side].serverMs * 1000) / steady.clicks) : null,
          },
        ]),
      ),
    };
    const per = (json.answerRate as { perClick: Record<string, { statements: number; clientCpuMicros: number; serverCpuMicros: number | null }> }).perClick;
    const sides = ['core', 'store', 'raw'].map((k) => per[k]!);
    lines.push(
      { name: 'PG core answer path (Tutor.act), 1 tx each', value: perSecond(rate(steady.core)), goal: '-', pass: null },
      { name: 'PG store.recordAnswer alone, 1 tx each', value: `${perSecond(rate(steady.store!))} (${(rate(steady.store!) / rate(steady.raw)).toFixed(3)} of raw)`, goal: '-', pass: null },
      { name: 'PG raw INSERT, 1 tx each (same server)', value: perSecond(rate(steady.raw)), goal: '-', pass: null },
      { name: 'PG core / raw ratio', value: ratio.toFixed(3), goal: '>= 0.333', pass: ratio >= 1 / 3 },
      { name: 'PG statements per click: core / store / raw', value: sides.map((x) => x.statements.toFixed(2)).join(' / '), goal: '-', pass: null },
      { name: 'PG client CPU per click: core / store / raw', value: `${sides.map((x) => x.clientCpuMicros).join(' / ')} us`, goal: '-', pass: null },
      {
        name: 'PG server CPU per click: core / store / raw',
        value: serverCpu ? `${sides.map((x) => x.serverCpuMicros).join(' / ')} us` : 'server not on this machine',
        goal: '-',
        pass: null,
      },
    );

    // --- 2. two processes clicking together
    const twoDay = day + 2 * daysFor(o.size, o.freshAnswers) + 1;
    const shared = await planClicks(store, deck, o.size, twoDay, Math.min(2_000, o.freshAnswers), o.random);
    const other = await openPostgresStore(schemaUrl, { maxConnections: 10 });
    let lost: number;
    try {
      const halves = [shared.filter((_, i) => i % 2 === 0), shared.filter((_, i) => i % 2 === 1)];
      // Each store also retries the other's clicks (a retried delivery reaching the other process).
      const results = await Promise.all(
        [store, other].map((s, i) => clickAll(s, [...(halves[i] ?? []), ...(halves[1 - i] ?? []).slice(0, 100)], 16)),
      );
      const recorded = results.reduce((n, r) => n + r.recorded, 0);
      const stored = await store.pool.query<{ n: number }>({
        text: 'SELECT count(*) AS n FROM answers WHERE round_id = ANY ($1::bigint[])',
        values: [[...new Set(shared.map((c) => c.round.id))]],
      });
      lost = shared.length - (stored.rows[0]?.n ?? 0);
      json.twoProcesses = { clicks: shared.length, recorded, stored: stored.rows[0]?.n, duplicatesRefused: results.reduce((n, r) => n + r.duplicate, 0) };
      lines.push({
        name: 'PG two stores clicking together',
        value: `${shared.length} clicks (+200 retried): ${recorded} recorded, ${stored.rows[0]?.n} stored`,
        goal: 'every click stored once',
        pass: lost === 0 && recorded === shared.length,
      });
    } finally {
      await other.close();
    }

    // --- 3. weekly board and user stats
    const weekStarts: string[] = [];
    for (let d = 5; d + 6 < o.size.days; d += 7) weekStarts.push(dayDate(d));
    const pick = <T>(items: T[]) => items[Math.floor(o.random() * items.length)] as T;
    const board = await measureLatencyAsync(o.querySamples, async () => {
      const monday = pick(weekStarts);
      const sunday = new Date(Date.parse(monday) + 6 * 86_400_000).toISOString().slice(0, 10);
      await store.scoreLines({ scope: teamScope(Math.floor(o.random() * o.size.teams)), fromDate: monday, toDate: sunday });
    });
    const stats = await measureLatencyAsync(o.querySamples, async () => {
      const t = Math.floor(o.random() * o.size.teams);
      await store.userStats(teamScope(t), userId(t, Math.floor(o.random() * o.size.usersPerTeam)));
    });
    json.weeklyBoard = board;
    json.userStats = stats;
    lines.push(latencyLine('PG weekly board (scoreLines)', board, 10), latencyLine('PG userStats', stats, 10));
  } finally {
    if (!o.keep) await store.pool.query(`DROP SCHEMA "${schema}" CASCADE`).catch(() => {});
    await store.close();
  }
  return { lines, json };
}

/** Days of rounds `count` clicks need (every user answers each round of their team once). */
function daysFor(size: CommunitySize, count: number): number {
  return Math.ceil(count / (size.teams * size.channelsPerTeam * size.usersPerTeam));
}

/** Open (and "post") every channel's daily round for day `d`. */
async function openDay(store: PostgresStore, deck: Deck, size: CommunitySize, d: number, random: () => number): Promise<{ t: number; round: RoundRow }[]> {
  const rounds: { t: number; round: RoundRow }[] = [];
  for (let t = 0; t < size.teams; t++) {
    for (let c = 0; c < size.channelsPerTeam; c++) {
      const round = await store.createRound(dailyRoundOf(deck, t, c, d, random));
      const ref = { platform: round.platform, channelId: round.channelId, messageId: `daily-${round.id}` };
      await store.setRoundMessage(round.id, ref);
      rounds.push({ t, round: { ...round, messageRef: ref } });
    }
  }
  return rounds;
}

/** Rounds from day `d` on and `count` clicks by users 0, 1, 2, ... of each team, in time order. */
async function planClicks(store: PostgresStore, deck: Deck, size: CommunitySize, d: number, count: number, random: () => number): Promise<BenchClick[]> {
  const rounds: { t: number; round: RoundRow }[] = [];
  for (let day = d; rounds.length * size.usersPerTeam < count; day++) rounds.push(...(await openDay(store, deck, size, day, random)));
  const clicks: BenchClick[] = [];
  for (let u = 0; clicks.length < count; u++) {
    for (const { t, round } of rounds) if (clicks.length < count) clicks.push(benchClick(round, t, u, random));
  }
  return clicks.sort((a, b) => a.at - b.at);
}

/** Record `clicks` through `store`, `inFlight` at a time; counts the outcomes. */
async function clickAll(store: PostgresStore, clicks: BenchClick[], inFlight: number): Promise<{ recorded: number; duplicate: number }> {
  let next = 0;
  const counts = { recorded: 0, duplicate: 0 };
  const worker = async () => {
    while (next < clicks.length) {
      const click = clicks[next++]!;
      const result = await store.recordAnswer(clickAnswer(click));
      if (result.status === 'recorded') counts.recorded++;
      else if (result.status === 'duplicate') counts.duplicate++;
      else throw new Error(`click refused: ${result.status}`);
    }
  };
  await Promise.all(Array.from({ length: inFlight }, worker));
  return counts;
}

function latencyLine(name: string, l: Latency, goalMs: number): PgLine {
  return { name, value: `p50 ${l.p50.toFixed(3)} ms, p99 ${l.p99.toFixed(3)} ms`, goal: `p99 < ${goalMs} ms`, pass: l.p99 < goalMs };
}

/** What postgresMain borrows from bench/run.ts. */
export interface PgMainDeps {
  size: CommunitySize;
  small: boolean;
  keep: boolean;
  freshAnswers: number;
  querySamples: number;
  dir: string;
  seed: number;
  random: () => number;
  library: DeckLibrary;
  seedInChild: (path: string, size: CommunitySize, seed: number) => Promise<{ answers: number; rounds: number; seconds: number }>;
  printTable: (lines: PgLine[]) => void;
  log: (text: string) => void;
}

/**
 * The whole `--store postgres` run: seed into SQLite (bench/seed.ts, as for SQLite), then the
 * PostgreSQL sections; prints the JSON and the table and sets the exit code (1 when a goal is missed).
 * @throws Error when neither TEST_DATABASE_URL nor DATABASE_URL is set.
 */
export async function postgresMain(d: PgMainDeps): Promise<void> {
  const url = process.env.TEST_DATABASE_URL?.trim() || process.env.DATABASE_URL?.trim();
  if (!url) throw new Error('--store postgres needs TEST_DATABASE_URL or DATABASE_URL (a postgres:// URL)');
  const seededPath = `${d.dir}/bench.db`;
  d.log(`seeding ${d.size.answers.toLocaleString('en')} answers into ${seededPath} ...`);
  const seeded = await d.seedInChild(seededPath, d.size, d.seed);
  const lines: PgLine[] = [
    {
      name: 'seed (SQLite, then copied)',
      value: `${seeded.answers.toLocaleString('en')} answers, ${seeded.rounds.toLocaleString('en')} rounds in ${seeded.seconds.toFixed(1)} s`,
      goal: '-',
      pass: null,
    },
  ];
  const result = await runPostgresBench({
    url,
    seededPath,
    size: d.size,
    library: d.library,
    freshAnswers: d.freshAnswers,
    querySamples: d.querySamples,
    keep: d.keep,
    random: d.random,
    log: d.log,
  });
  lines.push(...result.lines);
  process.stdout.write(`${JSON.stringify({ mode: d.small ? 'small' : 'full', store: 'postgres', size: d.size, seed: seeded, ...result.json, lines }, null, 2)}\n\n`);
  d.printTable(lines);
  if (lines.some((l) => l.pass === false)) process.exitCode = 1;
}
