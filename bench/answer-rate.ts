/**
 * The answer-rate part of the benchmark: answers recorded per second, one transaction per answer,
 * three ways in the same run, in alternating chunks (so load changes on a shared machine hit every
 * side alike; each side sums its own wall and CPU time). First every user of the community clicks
 * once (a restarted bot: cold code, names not yet remembered; reported for information), then the
 * measured clicks by users who clicked before:
 *   core  - what a button click does: Tutor.act({ kind: 'answer', ... }, ctx), i.e. RoundService.answer
 *           on the real store and the real deck library, no-op posters, timers that never fire,
 *           a seeded random. One click = one awaited call; every click is a first answer.
 *   store - the bare store.recordAnswer (for information);
 *   raw   - a raw better-sqlite3 single-row INSERT loop into a one-table WITHOUT ROWID database
 *           opened with the same settings (WAL, synchronous NORMAL; openDatabase).
 */
import { join } from 'node:path';
import type { Context } from '../src/core/context.js';
import type { DeckLibrary } from '../src/core/deck/library.js';
import type { Deck } from '../src/core/deck/schema.js';
import type { CoreDeps } from '../src/core/deps.js';
import { silentLogger } from '../src/core/ports/logger.js';
import type { MessageRef, Poster, PosterRegistry } from '../src/core/ports/poster.js';
import type { NewAnswer, RoundRow, StorePorts } from '../src/core/ports/store.js';
import { Tutor } from '../src/core/tutor.js';
import { openDatabase, type SqliteStore } from '../src/store/index.js';
import { type BenchClick, benchClick, clickAnswer, type CommunitySize, openDailyRound, userId, userName } from './community.js';
import { timed } from './timing.js';

/** Wall seconds and CPU microseconds (user + system) summed over one side's chunks. */
export interface SideTime {
  seconds: number;
  cpuMicros: number;
}

/** One measured phase: `clicks` answers per side (store: undefined when the phase leaves it out). */
export interface PhaseRates {
  clicks: number;
  core: SideTime;
  store?: SideTime;
  raw: SideTime;
}

/** What measureAnswerRates found. */
export interface AnswerRates {
  /** Every user's first click since the process started (names not yet remembered; cold code). */
  firstClicks: PhaseRates;
  /** The measured phase: users who clicked before, as in a bot that has been running a while. */
  steady: PhaseRates;
}

/** A Poster that accepts everything and sends nothing. */
class NoopPoster implements Poster {
  private next = 0;
  constructor(readonly platform: 'slack' | 'discord') {}
  async post(channelId: string): Promise<MessageRef> {
    return { platform: this.platform, channelId, messageId: `bench-${this.next++}` };
  }
  async update(): Promise<void> {}
  async sendDirect(userId: string): Promise<MessageRef> {
    return { platform: this.platform, channelId: `dm:${userId}`, messageId: `bench-${this.next++}` };
  }
}

/** CoreDeps for the benchmark: the given store and library, no-op posters, timers that never fire. */
export function benchDeps(store: StorePorts, library: DeckLibrary, random: () => number): CoreDeps {
  const posters: PosterRegistry = { slack: new NoopPoster('slack'), discord: new NoopPoster('discord') };
  return {
    store,
    library,
    posters,
    logger: silentLogger,
    random,
    // Never fires: the first answer of a round refreshes its message once (a no-op update), later
    // ones only mark it dirty, as they would within a refresh window.
    timers: { after: () => () => {} },
    settings: { channelRoundMs: 15 * 60_000, roundRefreshMs: 10_000 },
  };
}

/** Open (and "post") the daily round of every channel of the community for day `d`. */
function openDay(store: SqliteStore, deck: Deck, size: CommunitySize, d: number, random: () => number): { t: number; round: RoundRow }[] {
  const rounds: { t: number; round: RoundRow }[] = [];
  for (let t = 0; t < size.teams; t++) {
    for (let c = 0; c < size.channelsPerTeam; c++) {
      const round = openDailyRound(store.sync, deck, t, c, d, random);
      const ref: MessageRef = { platform: round.platform, channelId: round.channelId, messageId: `daily-${round.id}` };
      store.sync.setRoundMessage(round.id, ref);
      rounds.push({ t, round: { ...round, messageRef: ref } });
    }
  }
  return rounds;
}

/** Clicks arrive in time order, as they do in a chat (so consecutive clicks hit different teams). */
function inTimeOrder(clicks: BenchClick[]): BenchClick[] {
  return clicks.sort((a, b) => a.at - b.at);
}

/**
 * Day `d`'s rounds and every user's one click on one of their team's rounds (channel u mod
 * channels): teams x users clicks.
 */
function planFirstClicks(store: SqliteStore, deck: Deck, size: CommunitySize, d: number, random: () => number): BenchClick[] {
  const rounds = openDay(store, deck, size, d, random);
  const clicks: BenchClick[] = [];
  for (let t = 0; t < size.teams; t++) {
    for (let u = 0; u < size.usersPerTeam; u++) {
      const { round } = rounds[t * size.channelsPerTeam + (u % size.channelsPerTeam)]!;
      clicks.push(benchClick(round, t, u, random));
    }
  }
  return inTimeOrder(clicks);
}

/**
 * Rounds from day `d` on and `count` clicks: users 0, 1, 2, ... of each team answer every open
 * round of their team.
 */
function planClicks(store: SqliteStore, deck: Deck, size: CommunitySize, d: number, count: number, random: () => number): BenchClick[] {
  const rounds: { t: number; round: RoundRow }[] = [];
  for (let day = d; rounds.length * size.usersPerTeam < count; day++) rounds.push(...openDay(store, deck, size, day, random));
  const clicks: BenchClick[] = [];
  for (let u = 0; clicks.length < count; u++) {
    for (const { t, round } of rounds) if (clicks.length < count) clicks.push(benchClick(round, t, u, random));
  }
  return inTimeOrder(clicks);
}

/** The context of a click: a channel member pressing an answer button at the click's time. */
export function clickContext(click: BenchClick): Context {
  return {
    platform: click.round.platform,
    teamId: click.round.teamId,
    channelId: click.round.channelId,
    userId: userId(click.t, click.u),
    userName: userName(click.t, click.u),
    isAdmin: false,
    isDirectMessage: false,
    now: new Date(click.at),
  };
}

/**
 * Measure the answer rates: first every user's first click (core and raw), then `count` clicks
 * per side (core, store and raw). `day` is the first day number after the seeded history; each
 * set of clicks gets rounds of its own days.
 * @throws Error when a click was not recorded as a first answer.
 */
export async function measureAnswerRates(
  store: SqliteStore,
  library: DeckLibrary,
  deck: Deck,
  size: CommunitySize,
  opts: { day: number; count: number; chunk: number; dir: string; random: () => number },
): Promise<AnswerRates> {
  const { count, chunk, random } = opts;
  const daysEach = Math.ceil(count / (size.teams * size.channelsPerTeam * size.usersPerTeam));
  const firstClicks = planFirstClicks(store, deck, size, opts.day, random);
  const firstRaw = planFirstClicks(store, deck, size, opts.day + 1, random).map(clickAnswer);
  const coreClicks = planClicks(store, deck, size, opts.day + 2, count, random);
  const storeClicks = planClicks(store, deck, size, opts.day + 2 + daysEach, count, random).map(clickAnswer);
  const tutor = new Tutor(benchDeps(store, library, random));

  const rawDb = openDatabase(join(opts.dir, 'raw.db'));
  rawDb.exec(`CREATE TABLE raw_answers (
    round_id INTEGER NOT NULL, user_id TEXT NOT NULL, platform TEXT NOT NULL, team_id TEXT NOT NULL,
    channel_id TEXT NOT NULL, letter TEXT NOT NULL, choice_index INTEGER NOT NULL, correct INTEGER NOT NULL,
    points INTEGER NOT NULL, answered_at INTEGER NOT NULL, local_date TEXT NOT NULL,
    PRIMARY KEY (round_id, user_id)) WITHOUT ROWID`);
  const rawInsert = rawDb.prepare('INSERT INTO raw_answers VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)');
  const raw = (a: NewAnswer) => {
    const r = a.round;
    rawInsert.run(r.id, a.userId, r.platform, r.teamId, r.channelId, a.letter, a.choiceIndex, a.correct ? 1 : 0, a.points, a.answeredAt, a.localDate);
  };
  const click = async (c: BenchClick, ctx: Context) => {
    const reply = await tutor.act({ kind: 'answer', roundId: c.round.id, letter: c.letter }, ctx);
    if (reply.tone !== 'success' && reply.tone !== 'warning') throw new Error(`click not recorded: ${reply.title}`);
  };
  const record = async (a: NewAnswer) => {
    const result = await store.recordAnswer(a);
    if (result.status !== 'recorded') throw new Error(`answer not recorded: ${result.status}`);
  };

  try {
    const first: PhaseRates = { clicks: firstClicks.length, core: zero(), raw: zero() };
    const firstContexts = firstClicks.map(clickContext);
    for (let i = 0; i < firstClicks.length; i += chunk) {
      const end = Math.min(firstClicks.length, i + chunk);
      addTimed(first.raw, () => {
        for (let k = i; k < end; k++) raw(firstRaw[k]!);
      });
      await addTimedAsync(first.core, async () => {
        for (let k = i; k < end; k++) await click(firstClicks[k]!, firstContexts[k]!);
      });
    }

    const steady: PhaseRates = { clicks: count, core: zero(), store: zero(), raw: zero() };
    const contexts = coreClicks.map(clickContext);
    for (let i = 0; i < count; i += chunk) {
      const end = Math.min(count, i + chunk);
      addTimed(steady.raw, () => {
        for (let k = i; k < end; k++) raw(storeClicks[k]!);
      });
      await addTimedAsync(steady.core, async () => {
        for (let k = i; k < end; k++) await click(coreClicks[k]!, contexts[k]!);
      });
      await addTimedAsync(steady.store!, async () => {
        for (let k = i; k < end; k++) await record(storeClicks[k]!);
      });
    }
    await tutor.rounds.settled();
    const stored = [...firstClicks, ...coreClicks].reduce((n, c) => (store.sync.getAnswer(c.round.id, userId(c.t, c.u)) ? n + 1 : n), 0);
    if (stored !== firstClicks.length + count) throw new Error(`only ${stored} of ${firstClicks.length + count} core clicks are stored`);
    return { firstClicks: first, steady };
  } finally {
    tutor.rounds.dispose();
    rawDb.close();
  }
}

export function zero(): SideTime {
  return { seconds: 0, cpuMicros: 0 };
}

/** Run `fn`, adding its wall seconds and CPU microseconds to `into`. */
function addTimed(into: SideTime, fn: () => void): void {
  const cpu = process.cpuUsage();
  const { seconds } = timed(fn);
  const used = process.cpuUsage(cpu);
  into.seconds += seconds;
  into.cpuMicros += used.user + used.system;
}

/** Run async `fn`, adding its wall seconds and CPU microseconds to `into`. */
export async function addTimedAsync(into: SideTime, fn: () => Promise<void>): Promise<void> {
  const cpu = process.cpuUsage();
  const start = performance.now();
  await fn();
  into.seconds += (performance.now() - start) / 1000;
  const used = process.cpuUsage(cpu);
  into.cpuMicros += used.user + used.system;
}
