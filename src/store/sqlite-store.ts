/**
 * SqliteStore: every store port (see core/ports/store.ts) on one better-sqlite3 connection. It stays
 * synchronous inside (SyncSqliteStore: each write is one IMMEDIATE transaction, so "first answer
 * wins", one daily round per channel and date, one revealer and one digest claim per week are
 * enforced by the database's keys, never across an await); only the signatures are async. Each
 * method runs its SQL at call time and resolves with the result; a failure rejects.
 */
import type Database from 'better-sqlite3';
import type { ChannelScope, TeamScope } from '../core/context.js';
import type { MessageRef } from '../core/ports/poster.js';
import type {
  AnswerRow,
  ForgetResult,
  KnownUser,
  MissedQuestion,
  NewAnswer,
  NewRound,
  NewSubscription,
  QuestionHistoryRow,
  RecordAnswerResult,
  RoundRow,
  RoundTally,
  ScoreLine,
  ScoreQuery,
  SelfScoreRow,
  StoreHandle,
  StreakRow,
  SubscriptionRow,
  TagTally,
  UserStats,
} from '../core/ports/store.js';
import type { RoundWithZone } from './round-cache.js';
import { SyncSqliteStore } from './sync-store.js';

/** The store ports on SQLite. Build it with `openStore(path)`, which migrates first. */
export class SqliteStore implements StoreHandle {
  /** The synchronous store underneath (bulk work inside `batch`, SQLite-specific tests). */
  readonly sync: SyncSqliteStore;

  /**
   * @param db an open, migrated connection (see openStore).
   * @param roundCacheMs how long getRoundWithZone may answer from memory, in ms (0: never).
   */
  constructor(
    readonly db: Database.Database,
    roundCacheMs = 5_000,
  ) {
    this.sync = new SyncSqliteStore(db, roundCacheMs);
  }

  /**
   * Run `fn` in one write transaction, synchronously; calls on `sync` inside become savepoints of
   * it. For bulk work (seeding the benchmark, imports); not part of the store ports.
   */
  batch<T>(fn: (sync: SyncSqliteStore) => T): T {
    return this.sync.batch(() => fn(this.sync));
  }

  // --- users
  async upsertUser(scope: TeamScope, userId: string, userName: string, at: number): Promise<void> {
    this.sync.upsertUser(scope, userId, userName, at);
  }

  async findUsers(scope: TeamScope, nameOrId: string): Promise<KnownUser[]> {
    return this.sync.findUsers(scope, nameOrId);
  }

  // --- rounds
  async createRound(round: NewRound): Promise<RoundRow> {
    return this.sync.createRound(round);
  }

  async getRound(id: number): Promise<RoundRow | undefined> {
    return this.sync.getRound(id);
  }

  async getRoundWithZone(id: number): Promise<RoundWithZone | undefined> {
    return this.sync.getRoundWithZone(id);
  }

  async openChannelRound(channel: ChannelScope): Promise<RoundRow | undefined> {
    return this.sync.openChannelRound(channel);
  }

  async latestDailyRound(channel: ChannelScope): Promise<RoundRow | undefined> {
    return this.sync.latestDailyRound(channel);
  }

  async dueRounds(now: number): Promise<RoundRow[]> {
    return this.sync.dueRounds(now);
  }

  async setRoundMessage(roundId: number, ref: MessageRef): Promise<void> {
    this.sync.setRoundMessage(roundId, ref);
  }

  async closeRound(roundId: number, at: number): Promise<boolean> {
    return this.sync.closeRound(roundId, at);
  }

  async deleteUnpostedRound(roundId: number): Promise<boolean> {
    return this.sync.deleteUnpostedRound(roundId);
  }

  async questionHistory(channel: ChannelScope, deckId: string): Promise<QuestionHistoryRow[]> {
    return this.sync.questionHistory(channel, deckId);
  }

  // --- answers
  async recordAnswer(answer: NewAnswer): Promise<RecordAnswerResult> {
    return this.sync.recordAnswer(answer);
  }

  async getAnswer(roundId: number, userId: string): Promise<AnswerRow | undefined> {
    return this.sync.getAnswer(roundId, userId);
  }

  async roundTally(roundId: number, choiceCount: number): Promise<RoundTally> {
    return this.sync.roundTally(roundId, choiceCount);
  }

  // --- boards and stats
  async scoreLines(query: ScoreQuery): Promise<ScoreLine[]> {
    return this.sync.scoreLines(query);
  }

  async tagTallies(query: ScoreQuery): Promise<TagTally[]> {
    return this.sync.tagTallies(query);
  }

  async mostMissedQuestion(query: ScoreQuery): Promise<MissedQuestion | undefined> {
    return this.sync.mostMissedQuestion(query);
  }

  async longestCurrentStreak(channel: ChannelScope): Promise<{ userId: string; userName: string; current: number } | undefined> {
    return this.sync.longestCurrentStreak(channel);
  }

  async userStats(scope: TeamScope, userId: string): Promise<UserStats> {
    return this.sync.userStats(scope, userId);
  }

  async streaks(scope: TeamScope, userId: string): Promise<StreakRow[]> {
    return this.sync.streaks(scope, userId);
  }

  async practiceCards(scope: TeamScope, userId: string, deckId: string): Promise<Map<string, string>> {
    return this.sync.practiceCards(scope, userId, deckId);
  }

  // --- scenarios
  async saveSelfScore(scope: TeamScope, userId: string, row: SelfScoreRow): Promise<void> {
    this.sync.saveSelfScore(scope, userId, row);
  }

  async selfScores(scope: TeamScope, userId: string): Promise<SelfScoreRow[]> {
    return this.sync.selfScores(scope, userId);
  }

  // --- subscriptions and digests
  async upsertSubscription(sub: NewSubscription): Promise<SubscriptionRow> {
    return this.sync.upsertSubscription(sub);
  }

  async getSubscription(channel: ChannelScope): Promise<SubscriptionRow | undefined> {
    return this.sync.getSubscription(channel);
  }

  async listSubscriptions(): Promise<SubscriptionRow[]> {
    return this.sync.listSubscriptions();
  }

  async removeSubscription(channel: ChannelScope): Promise<boolean> {
    return this.sync.removeSubscription(channel);
  }

  async pauseSubscription(channel: ChannelScope, reason: string, at: number): Promise<void> {
    this.sync.pauseSubscription(channel, reason, at);
  }

  async claimDigest(channel: ChannelScope, isoWeek: string, at: number): Promise<boolean> {
    return this.sync.claimDigest(channel, isoWeek, at);
  }

  async releaseDigest(channel: ChannelScope, isoWeek: string): Promise<boolean> {
    return this.sync.releaseDigest(channel, isoWeek);
  }

  // --- privacy
  async forgetUser(scope: TeamScope, userId: string): Promise<ForgetResult> {
    return this.sync.forgetUser(scope, userId);
  }

  /** Close the connection (synchronously, at call time). */
  async close(): Promise<void> {
    this.sync.close();
  }
}
