/**
 * PostgresStore: every store port (src/core/ports/store/) on a PostgreSQL `pg` Pool, for several bot
 * processes sharing one database. Each method is one statement (its own transaction) or one
 * explicit transaction on one pooled client; uniqueness (first answer, one daily round per channel
 * and date, one open channel round, one revealer, one digest and reminder claim) is held by keys
 * and indexes with ON CONFLICT, never by JS checks. Failures reach callers mapped like
 * SqliteStore's (db.ts mapPgError: connection, deadlock and serialization trouble ->
 * StoreUnavailableError 'busy'). Build it with openPostgresStore (open.ts), which migrates first.
 */
import type pg from 'pg';
import type { ChannelScope, TeamScope } from '../../core/context.js';
import type { MessageRef } from '../../core/ports/poster.js';
import type {
  AnswerRow,
  ChannelDeckRow,
  DayActivity,
  DeckTally,
  ExamDateRow,
  FileReportResult,
  ForgetResult,
  InstallationRow,
  ItemAnswers,
  KnownUser,
  MissedQuestion,
  MockEndReason,
  MockExamRow,
  NewAnswer,
  NewMockExam,
  NewReport,
  NewRound,
  NewSubscription,
  QuestionHistoryRow,
  RecentAnswer,
  RecordAnswerResult,
  RemovedInstallation,
  ReminderRow,
  ReminderSettings,
  ReportedItem,
  ReportRow,
  ResolveReportResult,
  RoundRefreshClaim,
  RoundRow,
  RoundTally,
  ScoreLine,
  ScoreQuery,
  SelfScoreRow,
  StartMockResult,
  StoreHandle,
  StreakRow,
  SubscriptionRow,
  TagTally,
  UserStats,
} from '../../core/ports/store.js';
import { RoundCache, type RoundWithZone } from '../round-cache.js';
import { answerQueries } from './answers.js';
import { boardQueries } from './boards.js';
import { channelDeckQueries } from './channel-decks.js';
import { coordinationQueries } from './coordination.js';
import { settle, transaction } from './db.js';
import { examQueries } from './exams.js';
import { mockExamQueries } from './mock-exams.js';
import { practiceCardQueries } from './practice-cards.js';
import { installationQueries } from './installations.js';
import { forgetUser } from './privacy.js';
import { reportQueries } from './reports.js';
import { roundQueries } from './rounds.js';
import { selfScoreQueries } from './self-scores.js';
import { subscriptionQueries } from './subscriptions.js';
import { userQueries } from './users.js';

/** The store ports on PostgreSQL. */
export class PostgresStore implements StoreHandle {
  /** getRoundWithZone's short-lived memory (see round-cache.ts: a round closed elsewhere still refuses answers). */
  private readonly answerRounds: RoundCache;

  /** Where answer clicks run (see the constructor; the same as `pool` when none was given). */
  readonly clickPool: pg.Pool;

  /**
   * @param pool a pool on a migrated schema (see openPostgresStore); closed by `close()`.
   * @param roundCacheMs how long getRoundWithZone may answer from memory, in ms (0: never).
   * @param clickPool a second pool on the same schema for answer clicks (recordAnswer and the round
   *   read before it, getRoundWithZone; closed by `close()`;
   *   default: `pool`). Clicks then stay on a few server backends whose caches hold the answer
   *   function warm, instead of hopping to whichever connection another query (a round-message
   *   refresh, a board) last released: measured in bench/postgres.ts, that hopping cost the server
   *   more per click than the refresh queries themselves.
   */
  constructor(
    readonly pool: pg.Pool,
    roundCacheMs = 5_000,
    clickPool?: pg.Pool,
  ) {
    this.answerRounds = new RoundCache(roundCacheMs);
    this.clickPool = clickPool ?? pool;
  }

  // --- users
  upsertUser(scope: TeamScope, userId: string, userName: string, at: number): Promise<void> {
    return settle(() => userQueries.upsert(this.pool, scope, userId, userName, at));
  }

  storedUserName(scope: TeamScope, userId: string): Promise<string | undefined> {
    return settle(() => userQueries.storedName(this.pool, scope, userId));
  }

  renameUser(scope: TeamScope, userId: string, userName: string, at: number): Promise<boolean> {
    return settle(() => userQueries.rename(this.pool, scope, userId, userName, at));
  }

  findUsers(scope: TeamScope, nameOrId: string): Promise<KnownUser[]> {
    return settle(() => userQueries.find(this.pool, scope, nameOrId));
  }

  // --- rounds
  createRound(round: NewRound): Promise<RoundRow> {
    // A new daily round may be an earlier-dated one's "previous daily date": forget the channel's
    // remembered rounds, whose notes carry that date (see getRoundWithZone).
    if (round.kind === 'daily') this.answerRounds.forgetChannel(round.platform, round.teamId, round.channelId);
    return settle(() => roundQueries.create(this.pool, round));
  }

  getRound(id: number): Promise<RoundRow | undefined> {
    return settle(() => roundQueries.get(this.pool, id));
  }

  /**
   * See RoundsPort.getRoundWithZone; answered from a short-lived memory when it can (see RoundCache).
   * Read on the click pool: every answer click reads its round first, so the read runs on the warm
   * backend that then records the answer.
   */
  async getRoundWithZone(id: number): Promise<RoundWithZone | undefined> {
    const cached = this.answerRounds.get(id);
    if (cached !== undefined) return cached;
    const found = await settle(() => roundQueries.getWithZone(this.clickPool, id));
    if (found === undefined) return undefined;
    // The previous daily date rides along as the entry's note, for recordAnswer (not the caller's).
    return this.answerRounds.set(id, { round: found.round, timeZone: found.timeZone }, found.previousDaily);
  }

  openChannelRound(channel: ChannelScope): Promise<RoundRow | undefined> {
    return settle(() => roundQueries.openChannelRound(this.pool, channel));
  }

  latestDailyRound(channel: ChannelScope): Promise<RoundRow | undefined> {
    return settle(() => roundQueries.latestDailyRound(this.pool, channel));
  }

  openPracticeRound(channel: ChannelScope, userId: string): Promise<RoundRow | undefined> {
    return settle(() => roundQueries.openPracticeRound(this.pool, channel, userId));
  }

  dueRounds(now: number): Promise<RoundRow[]> {
    return settle(() => roundQueries.dueRounds(this.pool, now));
  }

  setRoundMessage(roundId: number, ref: MessageRef): Promise<void> {
    this.answerRounds.forget(roundId);
    return settle(() => roundQueries.setRoundMessage(this.pool, roundId, ref));
  }

  closeRound(roundId: number, at: number): Promise<boolean> {
    this.answerRounds.forget(roundId);
    return settle(() => roundQueries.closeRound(this.pool, roundId, at));
  }

  deleteUnpostedRound(roundId: number): Promise<boolean> {
    // Every round: a deleted daily round may be a remembered round's previous daily date.
    this.answerRounds.clear();
    return settle(() => roundQueries.deleteUnpostedRound(this.pool, roundId));
  }

  questionHistory(channel: ChannelScope, deckId: string): Promise<QuestionHistoryRow[]> {
    return settle(() => roundQueries.questionHistory(this.pool, channel, deckId));
  }

  // --- answers
  /**
   * See AnswersPort.recordAnswer: one statement, one round trip (answers.ts), on the click pool. A
   * handle-only name (NewAnswer.userNameIsHandle) first gives way to the stored name, if any (one
   * read more), so the statement never stores a handle over a name.
   */
  recordAnswer(answer: NewAnswer): Promise<RecordAnswerResult> {
    // The channel's previous daily date read with the round by getRoundWithZone, when remembered.
    const previousDaily = this.answerRounds.note(answer.round.id);
    if (answer.userNameIsHandle !== true) return settle(() => answerQueries.record(this.clickPool, answer, previousDaily));
    return settle(async () => {
      const stored = await userQueries.storedName(this.pool, answer.round, answer.userId);
      return answerQueries.record(this.clickPool, stored === undefined ? answer : { ...answer, userName: stored }, previousDaily);
    });
  }

  getAnswer(roundId: number, userId: string): Promise<AnswerRow | undefined> {
    return settle(() => answerQueries.get(this.pool, roundId, userId));
  }

  roundTally(roundId: number, choiceCount: number): Promise<RoundTally> {
    return settle(() => answerQueries.roundTally(this.pool, roundId, choiceCount));
  }

  // --- boards and stats
  scoreLines(query: ScoreQuery): Promise<ScoreLine[]> {
    return settle(() => boardQueries.scoreLines(this.pool, query));
  }

  tagTallies(query: ScoreQuery): Promise<TagTally[]> {
    return settle(() => boardQueries.tagTallies(this.pool, query));
  }

  mostMissedQuestion(query: ScoreQuery): Promise<MissedQuestion | undefined> {
    return settle(() => boardQueries.mostMissedQuestion(this.pool, query));
  }

  longestCurrentStreak(channel: ChannelScope): Promise<{ userId: string; userName: string; current: number } | undefined> {
    return settle(() => boardQueries.longestCurrent(this.pool, channel));
  }

  userStats(scope: TeamScope, userId: string): Promise<UserStats> {
    return settle(() => boardQueries.userStats(this.pool, scope, userId));
  }

  streaks(scope: TeamScope, userId: string): Promise<StreakRow[]> {
    return settle(() => boardQueries.streaks(this.pool, scope, userId));
  }

  // --- exams and reminders
  setUserExam(scope: TeamScope, userId: string, exam: ExamDateRow): Promise<void> {
    return settle(() => examQueries.setExam(this.pool, scope, `user:${userId}`, exam));
  }

  userExam(scope: TeamScope, userId: string): Promise<ExamDateRow | undefined> {
    return settle(() => examQueries.exam(this.pool, scope, `user:${userId}`));
  }

  clearUserExam(scope: TeamScope, userId: string): Promise<boolean> {
    return settle(() => examQueries.clearExam(this.pool, scope, `user:${userId}`));
  }

  setChannelExam(channel: ChannelScope, exam: ExamDateRow): Promise<void> {
    return settle(() => examQueries.setExam(this.pool, channel, `channel:${channel.channelId}`, exam));
  }

  channelExam(channel: ChannelScope): Promise<ExamDateRow | undefined> {
    return settle(() => examQueries.exam(this.pool, channel, `channel:${channel.channelId}`));
  }

  clearChannelExam(channel: ChannelScope): Promise<boolean> {
    return settle(() => examQueries.clearExam(this.pool, channel, `channel:${channel.channelId}`));
  }

  setReminder(scope: TeamScope, userId: string, settings: ReminderSettings): Promise<void> {
    return settle(() => examQueries.setReminder(this.pool, scope, userId, settings));
  }

  reminder(scope: TeamScope, userId: string): Promise<ReminderRow | undefined> {
    return settle(() => examQueries.reminder(this.pool, scope, userId));
  }

  removeReminder(scope: TeamScope, userId: string): Promise<boolean> {
    return settle(() => examQueries.removeReminder(this.pool, scope, userId));
  }

  activeReminders(): Promise<ReminderRow[]> {
    return settle(() => examQueries.activeReminders(this.pool));
  }

  pauseReminder(scope: TeamScope, userId: string, reason: string): Promise<void> {
    return settle(() => examQueries.pauseReminder(this.pool, scope, userId, reason));
  }

  claimReminder(scope: TeamScope, userId: string, localDate: string, at: number): Promise<boolean> {
    return settle(() => examQueries.claimReminder(this.pool, scope, userId, localDate, at));
  }

  recentAnswers(scope: TeamScope, userId: string, deckId: string, since: number): Promise<RecentAnswer[]> {
    return settle(() => examQueries.recentAnswers(this.pool, scope, userId, deckId, since));
  }

  activeLearners(channel: ChannelScope, since: number): Promise<string[]> {
    return settle(() => examQueries.activeLearners(this.pool, channel, since));
  }

  practiceCards(scope: TeamScope, userId: string, deckId: string): Promise<Map<string, string>> {
    return settle(() => practiceCardQueries.cards(this.pool, scope, userId, deckId));
  }

  // --- scenarios
  saveSelfScore(scope: TeamScope, userId: string, row: SelfScoreRow): Promise<void> {
    return settle(() => selfScoreQueries.save(this.pool, scope, userId, row));
  }

  selfScores(scope: TeamScope, userId: string): Promise<SelfScoreRow[]> {
    return settle(() => selfScoreQueries.list(this.pool, scope, userId));
  }

  // --- channel decks
  setChannelDeck(row: ChannelDeckRow): Promise<ChannelDeckRow> {
    return settle(() => channelDeckQueries.set(this.pool, row));
  }

  getChannelDeck(channel: ChannelScope): Promise<ChannelDeckRow | undefined> {
    return settle(() => channelDeckQueries.get(this.pool, channel));
  }

  deckTallies(scope: TeamScope, userId: string): Promise<DeckTally[]> {
    return settle(() => examQueries.deckTallies(this.pool, scope, userId));
  }

  // --- subscriptions and digests
  upsertSubscription(sub: NewSubscription): Promise<SubscriptionRow> {
    this.answerRounds.clear();
    return settle(() => subscriptionQueries.upsert(this.pool, sub));
  }

  getSubscription(channel: ChannelScope): Promise<SubscriptionRow | undefined> {
    return settle(() => subscriptionQueries.get(this.pool, channel));
  }

  listSubscriptions(): Promise<SubscriptionRow[]> {
    return settle(() => subscriptionQueries.list(this.pool));
  }

  removeSubscription(channel: ChannelScope): Promise<boolean> {
    this.answerRounds.clear();
    return settle(() => subscriptionQueries.remove(this.pool, channel));
  }

  pauseSubscription(channel: ChannelScope, reason: string, at: number): Promise<void> {
    return settle(() => subscriptionQueries.pause(this.pool, channel, reason, at));
  }

  claimDigest(channel: ChannelScope, isoWeek: string, at: number): Promise<boolean> {
    return settle(() => subscriptionQueries.claimDigest(this.pool, channel, isoWeek, at));
  }

  releaseDigest(channel: ChannelScope, isoWeek: string): Promise<boolean> {
    return settle(() => subscriptionQueries.releaseDigest(this.pool, channel, isoWeek));
  }

  // --- mock exams
  startMockExam(exam: NewMockExam): Promise<StartMockResult> {
    return settle(() => transaction(this.pool, (db) => mockExamQueries.start(db, exam)));
  }

  getMockExam(id: number): Promise<MockExamRow | undefined> {
    return settle(() => mockExamQueries.get(this.pool, id));
  }

  runningMockExam(scope: TeamScope, userId: string): Promise<MockExamRow | undefined> {
    return settle(() => mockExamQueries.runningOf(this.pool, scope, userId));
  }

  flagMockQuestion(id: number, position: number, flagged: boolean): Promise<boolean> {
    return settle(() => mockExamQueries.setFlag(this.pool, id, position, flagged));
  }

  endMockExam(id: number, at: number, reason: MockEndReason): Promise<boolean> {
    this.answerRounds.clear(); // its rounds close
    return settle(() => transaction(this.pool, (db) => mockExamQueries.end(db, id, at, reason)));
  }

  dueMockExams(now: number): Promise<MockExamRow[]> {
    return settle(() => mockExamQueries.dueAt(this.pool, now));
  }

  markMockResultsSeen(id: number): Promise<void> {
    return settle(() => mockExamQueries.markSeen(this.pool, id));
  }

  unseenMockResults(scope: TeamScope, userId: string): Promise<MockExamRow | undefined> {
    return settle(() => mockExamQueries.unseenOf(this.pool, scope, userId));
  }

  // --- activity
  answersPerDay(scope: TeamScope, fromDate: string, toDate: string, userId?: string): Promise<DayActivity[]> {
    return settle(() => examQueries.answersPerDay(this.pool, scope, fromDate, toDate, userId));
  }

  // --- problem reports and item quality
  fileReport(scope: TeamScope, report: NewReport): Promise<FileReportResult> {
    return settle(() => transaction(this.pool, (db) => reportQueries.file(db, scope, report)));
  }

  openReports(scope: TeamScope): Promise<ReportRow[]> {
    return settle(() => reportQueries.openReports(this.pool, scope));
  }

  getReport(scope: TeamScope, id: number): Promise<ReportRow | undefined> {
    return settle(() => reportQueries.get(this.pool, scope, id));
  }

  resolveReport(scope: TeamScope, id: number, by: string, note: string, at: number): Promise<ResolveReportResult> {
    return settle(() => transaction(this.pool, (db) => reportQueries.resolve(db, scope, id, by, note, at)));
  }

  reportedItems(scope: TeamScope, atLeast: number): Promise<ReportedItem[]> {
    return settle(() => reportQueries.reportedItems(this.pool, scope, atLeast));
  }

  itemAnswers(scope: TeamScope, deckId: string, questionId: string): Promise<ItemAnswers> {
    return settle(() => reportQueries.itemAnswers(this.pool, scope, deckId, questionId));
  }

  // --- privacy
  /** See PrivacyPort.forgetUser and privacy.ts (one transaction under the team's advisory lock). */
  async forgetUser(scope: TeamScope, userId: string): Promise<ForgetResult> {
    try {
      return await settle(() => transaction(this.pool, (db) => forgetUser(db, scope, userId)));
    } finally {
      this.answerRounds.clear(); // practice rounds deleted, openers blanked
    }
  }

  /** End every pooled connection. */
  // --- several processes
  /** See RoundRefreshClaimsPort.claimRoundRefresh: one statement (coordination.ts). */
  claimRoundRefresh(roundId: number, at: number, windowMs: number, choiceCount?: (round: RoundRow) => number): Promise<RoundRefreshClaim | undefined> {
    return settle(() => coordinationQueries.claimRoundRefresh(this.pool, roundId, at, windowMs, choiceCount));
  }

  firstDelivery(key: string, at: number, ttlMs: number): Promise<boolean> {
    return settle(() => coordinationQueries.firstDelivery(this.pool, key, at, ttlMs));
  }

  /** See DeliveriesPort.recordDeliveries (one statement, then the purge). */
  recordDeliveries(keys: readonly string[], at: number, ttlMs: number): Promise<void> {
    return settle(() => coordinationQueries.recordDeliveries(this.pool, keys, at, ttlMs));
  }

  // --- installations
  saveInstallation(row: InstallationRow): Promise<void> {
    return settle(() => installationQueries.save(this.pool, row));
  }

  getInstallation(scope: TeamScope): Promise<InstallationRow | undefined> {
    return settle(() => installationQueries.get(this.pool, scope));
  }

  removeInstallation(scope: TeamScope, reason: string, at: number): Promise<RemovedInstallation> {
    return settle(() => transaction(this.pool, (db) => installationQueries.removeAndPause(db, scope, reason, at)));
  }

  /** See InstallationsPort.revokeInstallerTokens (one transaction). */
  revokeInstallerTokens(scope: TeamScope, userIds: readonly string[]): Promise<number> {
    return settle(() =>
      transaction(this.pool, async (db) => {
        let changed = 0;
        for (const userId of userIds) changed += await installationQueries.forgetInstaller(db, scope, userId);
        return changed;
      }),
    );
  }

  close(): Promise<void> {
    return settle(async () => {
      await this.pool.end();
      if (this.clickPool !== this.pool) await this.clickPool.end();
    });
  }
}
