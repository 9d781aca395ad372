/**
 * A seeded synthetic community for the benchmark: teams with channels and users, one daily round
 * per channel per day for a year, and a subset of users answering each round. Everything goes
 * through the store's own createRound / recordAnswer / closeRound (grouped per day with
 * SqliteStore.batch), so the aggregates and streaks are the real ones.
 */
import type { Platform } from '../src/core/context.js';
import type { NewAnswer, RoundRow } from '../src/core/ports/store.js';
import type { SqliteStore } from '../src/store/index.js';

/** How big the community is. */
export interface CommunitySize {
  teams: number;
  usersPerTeam: number;
  channelsPerTeam: number;
  /** Days of daily rounds, starting 2025-01-01. */
  days: number;
  /** Round answers in total, spread evenly over the rounds. */
  answers: number;
}

const DAY_MS = 86_400_000;
const START_MS = Date.UTC(2025, 0, 1);
const TAGS = ['kms', 's3', 'ebs', 'rds', 'policy', 'cost', 'audit', 'exam'];
const QUESTIONS = 100;

/** The team scope of team number `t` (even: Slack, odd: Discord). */
export function teamScope(t: number): { platform: Platform; teamId: string } {
  return { platform: t % 2 === 0 ? 'slack' : 'discord', teamId: `T${t}` };
}

/** Channel `c` of team `t`. */
export function channelScope(t: number, c: number): { platform: Platform; teamId: string; channelId: string } {
  return { ...teamScope(t), channelId: `C${t}-${c}` };
}

/** User `u` of team `t`. */
export function userId(t: number, u: number): string {
  return `U${t}-${u}`;
}

/** The local date "YYYY-MM-DD" of day `d` (0 = 2025-01-01). */
export function dayDate(d: number): string {
  return new Date(START_MS + d * DAY_MS).toISOString().slice(0, 10);
}

/** Open the daily round of (team, channel, day). */
export function openDailyRound(store: SqliteStore, t: number, c: number, d: number, random: () => number): RoundRow {
  const q = Math.floor(random() * QUESTIONS);
  return store.createRound({
    ...channelScope(t, c),
    kind: 'daily',
    deckId: 'bench-deck',
    questionId: `q-${q}`,
    choiceOrder: [2, 0, 3, 1],
    correctIndex: 0,
    tags: [TAGS[q % TAGS.length] as string, TAGS[(q * 3 + 1) % TAGS.length] as string],
    openedBy: null,
    openedAt: START_MS + d * DAY_MS + 9 * 3_600_000,
    closesAt: null,
    localDate: dayDate(d),
  });
}

/** A user's answer to `round` a few hours after it opened; 60 % are right. */
export function benchAnswer(round: RoundRow, t: number, u: number, random: () => number): NewAnswer {
  const correct = random() < 0.6;
  const choiceIndex = correct ? round.correctIndex : 1 + Math.floor(random() * 3);
  return {
    round,
    userId: userId(t, u),
    userName: `User ${t}-${u}`,
    letter: 'ABCD'[round.choiceOrder.indexOf(choiceIndex)] ?? 'A',
    choiceIndex,
    correct,
    points: correct ? 1 : 0,
    answeredAt: round.openedAt + Math.floor(random() * 8 * 3_600_000),
    localDate: round.localDate as string,
  };
}

/**
 * Seed the community: per day one batch transaction with every channel's daily round, its answers
 * (a random subset of the team's users) and its close. Returns the rounds and answers written.
 */
export function seedCommunity(
  store: SqliteStore,
  size: CommunitySize,
  random: () => number,
  onDay?: (day: number) => void,
): { rounds: number; answers: number } {
  const roundsTotal = size.teams * size.channelsPerTeam * size.days;
  const base = Math.floor(size.answers / roundsTotal);
  const extra = size.answers - base * roundsTotal;
  if (base + (extra > 0 ? 1 : 0) > size.usersPerTeam) throw new Error('more answers per round than users');
  const order = Array.from({ length: size.usersPerTeam }, (_, i) => i);
  let rounds = 0;
  let answers = 0;
  for (let d = 0; d < size.days; d++) {
    store.batch(() => {
      for (let t = 0; t < size.teams; t++) {
        for (let c = 0; c < size.channelsPerTeam; c++) {
          const round = openDailyRound(store, t, c, d, random);
          const k = base + (rounds < extra ? 1 : 0);
          rounds++;
          // Partial Fisher-Yates: the first k of `order` become a random subset of users.
          for (let i = 0; i < k; i++) {
            const j = i + Math.floor(random() * (order.length - i));
            const pick = order[j] as number;
            order[j] = order[i] as number;
            order[i] = pick;
            if (store.recordAnswer(benchAnswer(round, t, pick, random)).status === 'recorded') answers++;
          }
          store.closeRound(round.id, round.openedAt + 20 * 3_600_000);
        }
      }
    });
    onDay?.(d);
  }
  return { rounds, answers };
}
