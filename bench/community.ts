/**
 * A seeded synthetic community for the benchmark: teams with subscribed channels and users, one
 * daily round per channel per day for a year asking the real deck's questions, and a subset of
 * users answering each round. Everything goes through the store's own upsertSubscription /
 * createRound / recordAnswer / closeRound (grouped per day with SqliteStore.batch), so the
 * aggregates and streaks are the real ones.
 */
import type { Platform } from '../src/core/context.js';
import type { Deck, Question } from '../src/core/deck/schema.js';
import type { NewAnswer, NewRound, RoundRow } from '../src/core/ports/store.js';
import type { SqliteStore, SyncSqliteStore } from '../src/store/index.js';

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
/** Daily rounds open at 09:00 UTC; answers land within 8 hours, the same local date in every zone here. */
const OPEN_OFFSET_MS = 9 * 3_600_000;
const ANSWER_WINDOW_MS = 8 * 3_600_000;
/** Subscription zones, by channel number. */
const ZONES = ['Europe/Berlin', 'America/New_York', 'UTC', 'Europe/London'];

/** The team scope of team number `t` (even: Slack, odd: Discord). */
export function teamScope(t: number): { platform: Platform; teamId: string } {
  return { platform: t % 2 === 0 ? 'slack' : 'discord', teamId: `T${t}` };
}

/** Channel `c` of team `t`. */
function channelScope(t: number, c: number): { platform: Platform; teamId: string; channelId: string } {
  return { ...teamScope(t), channelId: `C${t}-${c}` };
}

/** User `u` of team `t`. */
export function userId(t: number, u: number): string {
  return `U${t}-${u}`;
}

/** The display name of user `u` of team `t`. */
export function userName(t: number, u: number): string {
  return `User ${t}-${u}`;
}

/** The local date "YYYY-MM-DD" of day `d` (0 = 2025-01-01). */
export function dayDate(d: number): string {
  return new Date(START_MS + d * DAY_MS).toISOString().slice(0, 10);
}

/** Subscribe every channel of the community to `deck` (zones vary by channel). */
function subscribeChannels(store: SqliteStore, size: CommunitySize, deck: Deck): void {
  store.batch((sync) => {
    for (let t = 0; t < size.teams; t++) {
      for (let c = 0; c < size.channelsPerTeam; c++) {
        sync.upsertSubscription({
          ...channelScope(t, c),
          deckId: deck.meta.id,
          time: '09:00',
          timeZone: ZONES[(t + c) % ZONES.length] as string,
          cadence: 'daily',
          createdBy: userId(t, 0),
          createdAt: START_MS,
        });
      }
    }
  });
}

/** A shuffle of [0, n) from `random` (Fisher-Yates). */
function shuffled(n: number, random: () => number): number[] {
  const order = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [order[i], order[j]] = [order[j] as number, order[i] as number];
  }
  return order;
}

/** Open the daily round of (team, channel, day) with a random question of `deck` (synchronously: setup and `batch` work). */
export function openDailyRound(store: SyncSqliteStore, deck: Deck, t: number, c: number, d: number, random: () => number): RoundRow {
  return store.createRound(dailyRoundOf(deck, t, c, d, random));
}

/** The daily round of (team, channel, day) with a random question of `deck`, to be created by any store. */
export function dailyRoundOf(deck: Deck, t: number, c: number, d: number, random: () => number): NewRound {
  const question = deck.questions[Math.floor(random() * deck.questions.length)] as Question;
  return {
    ...channelScope(t, c),
    kind: 'daily',
    deckId: deck.meta.id,
    questionId: question.id,
    choiceOrder: shuffled(question.choices.length, random),
    correctIndex: Math.max(0, question.choices.findIndex((choice) => choice.correct)),
    tags: [...question.tags],
    openedBy: null,
    openedAt: START_MS + d * DAY_MS + OPEN_OFFSET_MS,
    closesAt: null,
    localDate: dayDate(d),
  };
}

/** A user's click on `round`: the letter and when, a few hours after it opened; 60 % are right. */
export interface BenchClick {
  round: RoundRow;
  t: number;
  u: number;
  letter: string;
  choiceIndex: number;
  correct: boolean;
  at: number;
}

/** A seeded click of user `u` of team `t` on `round`. */
export function benchClick(round: RoundRow, t: number, u: number, random: () => number): BenchClick {
  const choices = round.choiceOrder.length;
  const correct = random() < 0.6;
  const wrong = (round.correctIndex + 1 + Math.floor(random() * (choices - 1))) % choices;
  const choiceIndex = correct ? round.correctIndex : wrong;
  return {
    round,
    t,
    u,
    letter: 'ABCDE'[round.choiceOrder.indexOf(choiceIndex)] ?? 'A',
    choiceIndex,
    correct,
    at: round.openedAt + Math.floor(random() * ANSWER_WINDOW_MS),
  };
}

/** The store's NewAnswer for a click (what the core would pass; local date = the round's date). */
export function clickAnswer(click: BenchClick): NewAnswer {
  return {
    round: click.round,
    userId: userId(click.t, click.u),
    userName: userName(click.t, click.u),
    letter: click.letter,
    choiceIndex: click.choiceIndex,
    correct: click.correct,
    points: click.correct ? 1 : 0,
    answeredAt: click.at,
    localDate: click.round.localDate as string,
  };
}

/**
 * Seed the community: subscriptions, then per day one batch transaction with every channel's
 * daily round, its answers (a random subset of the team's users) and its close. Returns the rounds
 * and answers written.
 */
export function seedCommunity(
  store: SqliteStore,
  deck: Deck,
  size: CommunitySize,
  random: () => number,
  onDay?: (day: number) => void,
): { rounds: number; answers: number } {
  const roundsTotal = size.teams * size.channelsPerTeam * size.days;
  const base = Math.floor(size.answers / roundsTotal);
  const extra = size.answers - base * roundsTotal;
  if (base + (extra > 0 ? 1 : 0) > size.usersPerTeam) throw new Error('more answers per round than users');
  subscribeChannels(store, size, deck);
  const order = Array.from({ length: size.usersPerTeam }, (_, i) => i);
  let rounds = 0;
  let answers = 0;
  for (let d = 0; d < size.days; d++) {
    store.batch((sync) => {
      for (let t = 0; t < size.teams; t++) {
        for (let c = 0; c < size.channelsPerTeam; c++) {
          const round = openDailyRound(sync, deck, t, c, d, random);
          const k = base + (rounds < extra ? 1 : 0);
          rounds++;
          // Partial Fisher-Yates: the first k of `order` become a random subset of users.
          for (let i = 0; i < k; i++) {
            const j = i + Math.floor(random() * (order.length - i));
            const pick = order[j] as number;
            order[j] = order[i] as number;
            order[i] = pick;
            if (sync.recordAnswer(clickAnswer(benchClick(round, t, pick, random))).status === 'recorded') answers++;
          }
          sync.closeRound(round.id, round.openedAt + 20 * 3_600_000);
        }
      }
    });
    onDay?.(d);
  }
  return { rounds, answers };
}
