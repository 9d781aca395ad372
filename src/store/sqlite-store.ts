/**
 * SqliteStore: every store port (see core/ports/store.ts) on one better-sqlite3 connection. It stays
 * synchronous inside (SyncSqliteStore: each write is one IMMEDIATE transaction, so "first answer
 * wins", one daily round per channel and date, one revealer and one digest claim per week are
 * enforced by the database's keys, never across an await); only the signatures are async. Each
 * method runs its SQL at call time and resolves with the result; a failure rejects. The one
 * exception is recordAnswer in a burst: then answers are group-committed (group-commit.ts), those
 * given in one event-loop turn written together in one transaction on the next turn.
 */
import type Database from 'better-sqlite3';
import type { ChannelScope, TeamScope } from '../core/context.js';
import type { MessageRef } from '../core/ports/poster.js';
import type {
  AnswerRow,
  DayActivity,
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
  ChannelDeckRow,
  DeckTally,
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
} from '../core/ports/store.js';
import type { RoundWithZone } from './round-cache.js';
import { mapStoreError } from './errors.js';
import { SyncSqliteStore } from './sync-store.js';
import { GroupCommit } from './group-commit.js';

/**
 * Run one synchronous store call and settle a promise with its result. A busy or damaged database
 * rejects with core's StoreUnavailableError (see errors.ts); other failures reject as they are.
 * No extra ticks: the SQL runs now, inside the caller's turn.
 */
function settle<T>(work: () => T): Promise<T> {
  try {
    return Promise.resolve(work());
  } catch (err) {
    return Promise.reject(mapStoreError(err));
  }
}

/** The store ports on SQLite. Build it with `openStore(path)`, which migrates first. */
export class SqliteStore implements StoreHandle {
  /** The synchronous store underneath (bulk work inside `batch`, SQLite-specific tests). */
  readonly sync: SyncSqliteStore;
  /** Answers at once, or in a burst those of one event-loop turn together on the next (see recordAnswer). */
  private readonly answers: GroupCommit<NewAnswer, RecordAnswerResult>;

  /**
   * @param db an open, migrated connection (see openStore).
   * @param roundCacheMs how long getRoundWithZone may answer from memory, in ms (0: never).
   */
  constructor(
    readonly db: Database.Database,
    roundCacheMs = 5_000,
  ) {
    this.sync = new SyncSqliteStore(db, roundCacheMs);
    const sync = this.sync;
    this.answers = new GroupCommit({
      all: (answers) => sync.recordAnswers(answers),
      one: (answer) => settle(() => sync.recordAnswer(answer)),
    });
  }

  /**
   * Run `fn` in one write transaction, synchronously; calls on `sync` inside become savepoints of
   * it. For bulk work (seeding the benchmark, imports); not part of the store ports.
   */
  batch<T>(fn: (sync: SyncSqliteStore) => T): T {
    return this.sync.batch(() => fn(this.sync));
  }

  // --- users
  upsertUser(scope: TeamScope, userId: string, userName: string, at: number): Promise<void> {
    return settle(() => this.sync.upsertUser(scope, userId, userName, at));
  }

  storedUserName(scope: TeamScope, userId: string): Promise<string | undefined> {
    return settle(() => this.sync.storedUserName(scope, userId));
  }

  renameUser(scope: TeamScope, userId: string, userName: string, at: number): Promise<boolean> {
    return settle(() => this.sync.renameUser(scope, userId, userName, at));
  }

  findUsers(scope: TeamScope, nameOrId: string): Promise<KnownUser[]> {
    return settle(() => this.sync.findUsers(scope, nameOrId));
  }

  // --- rounds
  createRound(round: NewRound): Promise<RoundRow> {
    return settle(() => this.sync.createRound(round));
  }

  getRound(id: number): Promise<RoundRow | undefined> {
    return settle(() => this.sync.getRound(id));
  }

  getRoundWithZone(id: number): Promise<RoundWithZone | undefined> {
    return settle(() => this.sync.getRoundWithZone(id));
  }

  openChannelRound(channel: ChannelScope): Promise<RoundRow | undefined> {
    return settle(() => this.sync.openChannelRound(channel));
  }

  latestDailyRound(channel: ChannelScope): Promise<RoundRow | undefined> {
    return settle(() => this.sync.latestDailyRound(channel));
  }

  openPracticeRound(channel: ChannelScope, userId: string): Promise<RoundRow | undefined> {
    return settle(() => this.sync.openPracticeRound(channel, userId));
  }

  dueRounds(now: number): Promise<RoundRow[]> {
    return settle(() => this.sync.dueRounds(now));
  }

  setRoundMessage(roundId: number, ref: MessageRef): Promise<void> {
    return settle(() => this.sync.setRoundMessage(roundId, ref));
  }

  /** See RoundsPort.closeRound; answers still queued (a burst) are written first, so the reveal counts them. */
  closeRound(roundId: number, at: number): Promise<boolean> {
    this.answers.flush();
    return settle(() => this.sync.closeRound(roundId, at));
  }

  deleteUnpostedRound(roundId: number): Promise<boolean> {
    this.answers.flush();
    return settle(() => this.sync.deleteUnpostedRound(roundId));
  }

  questionHistory(channel: ChannelScope, deckId: string): Promise<QuestionHistoryRow[]> {
    return settle(() => this.sync.questionHistory(channel, deckId));
  }

  // --- answers
  /**
   * See AnswersPort.recordAnswer. Written at call time, except in a burst (answers arriving turn
   * after turn of the event loop, within a second of each other: see GroupCommit): then the answers
   * of one turn are written together, in one transaction, on the next turn, so a burst pays one
   * commit instead of one per click. Each still gets its own result, and when the group fails each
   * is written alone, so a failure is only its own.
   */
  recordAnswer(answer: NewAnswer): Promise<RecordAnswerResult> {
    return this.answers.add(answer);
  }

  getAnswer(roundId: number, userId: string): Promise<AnswerRow | undefined> {
    return settle(() => this.sync.getAnswer(roundId, userId));
  }

  roundTally(roundId: number, choiceCount: number): Promise<RoundTally> {
    return settle(() => this.sync.roundTally(roundId, choiceCount));
  }

  // --- boards and stats
  scoreLines(query: ScoreQuery): Promise<ScoreLine[]> {
    return settle(() => this.sync.scoreLines(query));
  }

  tagTallies(query: ScoreQuery): Promise<TagTally[]> {
    return settle(() => this.sync.tagTallies(query));
  }

  mostMissedQuestion(query: ScoreQuery): Promise<MissedQuestion | undefined> {
    return settle(() => this.sync.mostMissedQuestion(query));
  }

  longestCurrentStreak(channel: ChannelScope): Promise<{ userId: string; userName: string; current: number } | undefined> {
    return settle(() => this.sync.longestCurrentStreak(channel));
  }

  userStats(scope: TeamScope, userId: string): Promise<UserStats> {
    return settle(() => this.sync.userStats(scope, userId));
  }

  streaks(scope: TeamScope, userId: string): Promise<StreakRow[]> {
    return settle(() => this.sync.streaks(scope, userId));
  }

  setUserExam(scope: TeamScope, userId: string, exam: ExamDateRow): Promise<void> {
    return settle(() => this.sync.setUserExam(scope, userId, exam));
  }

  userExam(scope: TeamScope, userId: string): Promise<ExamDateRow | undefined> {
    return settle(() => this.sync.userExam(scope, userId));
  }

  clearUserExam(scope: TeamScope, userId: string): Promise<boolean> {
    return settle(() => this.sync.clearUserExam(scope, userId));
  }

  setChannelExam(channel: ChannelScope, exam: ExamDateRow): Promise<void> {
    return settle(() => this.sync.setChannelExam(channel, exam));
  }

  channelExam(channel: ChannelScope): Promise<ExamDateRow | undefined> {
    return settle(() => this.sync.channelExam(channel));
  }

  clearChannelExam(channel: ChannelScope): Promise<boolean> {
    return settle(() => this.sync.clearChannelExam(channel));
  }

  setReminder(scope: TeamScope, userId: string, settings: ReminderSettings): Promise<void> {
    return settle(() => this.sync.setReminder(scope, userId, settings));
  }

  reminder(scope: TeamScope, userId: string): Promise<ReminderRow | undefined> {
    return settle(() => this.sync.reminder(scope, userId));
  }

  removeReminder(scope: TeamScope, userId: string): Promise<boolean> {
    return settle(() => this.sync.removeReminder(scope, userId));
  }

  activeReminders(): Promise<ReminderRow[]> {
    return settle(() => this.sync.activeReminders());
  }

  pauseReminder(scope: TeamScope, userId: string, reason: string): Promise<void> {
    return settle(() => this.sync.pauseReminder(scope, userId, reason));
  }

  claimReminder(scope: TeamScope, userId: string, localDate: string, at: number): Promise<boolean> {
    return settle(() => this.sync.claimReminder(scope, userId, localDate, at));
  }

  recentAnswers(scope: TeamScope, userId: string, deckId: string, since: number): Promise<RecentAnswer[]> {
    return settle(() => this.sync.recentAnswers(scope, userId, deckId, since));
  }

  activeLearners(channel: ChannelScope, since: number): Promise<string[]> {
    return settle(() => this.sync.activeLearners(channel, since));
  }

  practiceCards(scope: TeamScope, userId: string, deckId: string): Promise<Map<string, string>> {
    return settle(() => this.sync.practiceCards(scope, userId, deckId));
  }

  // --- scenarios
  saveSelfScore(scope: TeamScope, userId: string, row: SelfScoreRow): Promise<void> {
    return settle(() => this.sync.saveSelfScore(scope, userId, row));
  }

  selfScores(scope: TeamScope, userId: string): Promise<SelfScoreRow[]> {
    return settle(() => this.sync.selfScores(scope, userId));
  }

  // --- channel decks
  setChannelDeck(row: ChannelDeckRow): Promise<ChannelDeckRow> {
    return settle(() => this.sync.setChannelDeck(row));
  }

  getChannelDeck(channel: ChannelScope): Promise<ChannelDeckRow | undefined> {
    return settle(() => this.sync.getChannelDeck(channel));
  }

  deckTallies(scope: TeamScope, userId: string): Promise<DeckTally[]> {
    return settle(() => this.sync.deckTallies(scope, userId));
  }

  // --- subscriptions and digests
  upsertSubscription(sub: NewSubscription): Promise<SubscriptionRow> {
    return settle(() => this.sync.upsertSubscription(sub));
  }

  getSubscription(channel: ChannelScope): Promise<SubscriptionRow | undefined> {
    return settle(() => this.sync.getSubscription(channel));
  }

  listSubscriptions(): Promise<SubscriptionRow[]> {
    return settle(() => this.sync.listSubscriptions());
  }

  removeSubscription(channel: ChannelScope): Promise<boolean> {
    return settle(() => this.sync.removeSubscription(channel));
  }

  pauseSubscription(channel: ChannelScope, reason: string, at: number): Promise<void> {
    return settle(() => this.sync.pauseSubscription(channel, reason, at));
  }

  claimDigest(channel: ChannelScope, isoWeek: string, at: number): Promise<boolean> {
    return settle(() => this.sync.claimDigest(channel, isoWeek, at));
  }

  releaseDigest(channel: ChannelScope, isoWeek: string): Promise<boolean> {
    return settle(() => this.sync.releaseDigest(channel, isoWeek));
  }

  // --- mock exams
  startMockExam(exam: NewMockExam): Promise<StartMockResult> {
    return settle(() => this.sync.startMockExam(exam));
  }

  getMockExam(id: number): Promise<MockExamRow | undefined> {
    return settle(() => this.sync.getMockExam(id));
  }

  runningMockExam(scope: TeamScope, userId: string): Promise<MockExamRow | undefined> {
    return settle(() => this.sync.runningMockExam(scope, userId));
  }

  flagMockQuestion(id: number, position: number, flagged: boolean): Promise<boolean> {
    return settle(() => this.sync.flagMockQuestion(id, position, flagged));
  }

  endMockExam(id: number, at: number, reason: MockEndReason): Promise<boolean> {
    this.answers.flush();
    return settle(() => this.sync.endMockExam(id, at, reason));
  }

  dueMockExams(now: number): Promise<MockExamRow[]> {
    return settle(() => this.sync.dueMockExams(now));
  }

  markMockResultsSeen(id: number): Promise<void> {
    return settle(() => this.sync.markMockResultsSeen(id));
  }

  unseenMockResults(scope: TeamScope, userId: string): Promise<MockExamRow | undefined> {
    return settle(() => this.sync.unseenMockResults(scope, userId));
  }

  // --- activity
  answersPerDay(scope: TeamScope, fromDate: string, toDate: string, userId?: string): Promise<DayActivity[]> {
    return settle(() => this.sync.answersPerDay(scope, fromDate, toDate, userId));
  }

  // --- problem reports and item quality
  fileReport(scope: TeamScope, report: NewReport): Promise<FileReportResult> {
    return settle(() => this.sync.fileReport(scope, report));
  }

  openReports(scope: TeamScope): Promise<ReportRow[]> {
    return settle(() => this.sync.openReports(scope));
  }

  getReport(scope: TeamScope, id: number): Promise<ReportRow | undefined> {
    return settle(() => this.sync.getReport(scope, id));
  }

  resolveReport(scope: TeamScope, id: number, by: string, note: string, at: number): Promise<ResolveReportResult> {
    return settle(() => this.sync.resolveReport(scope, id, by, note, at));
  }

  reportedItems(scope: TeamScope, atLeast: number): Promise<ReportedItem[]> {
    return settle(() => this.sync.reportedItems(scope, atLeast));
  }

  itemAnswers(scope: TeamScope, deckId: string, questionId: string): Promise<ItemAnswers> {
    return settle(() => this.sync.itemAnswers(scope, deckId, questionId));
  }

  // --- privacy
  /**
   * See PrivacyPort.forgetUser. Answers still queued (a burst) are written first, so the forget-me
   * removes them too: a click made before it can never be stored after it.
   */
  forgetUser(scope: TeamScope, userId: string): Promise<ForgetResult> {
    this.answers.flush();
    return settle(() => this.sync.forgetUser(scope, userId));
  }

  // --- several processes
  claimRoundRefresh(roundId: number, at: number, windowMs: number, choiceCount?: (round: RoundRow) => number): Promise<RoundRefreshClaim | undefined> {
    return settle(() => this.sync.claimRoundRefresh(roundId, at, windowMs, choiceCount));
  }

  firstDelivery(key: string, at: number, ttlMs: number): Promise<boolean> {
    return settle(() => this.sync.firstDelivery(key, at, ttlMs));
  }

  recordDeliveries(keys: readonly string[], at: number, ttlMs: number): Promise<void> {
    return settle(() => this.sync.recordDeliveries(keys, at, ttlMs));
  }

  // --- installations
  saveInstallation(row: InstallationRow): Promise<void> {
    return settle(() => this.sync.saveInstallation(row));
  }

  getInstallation(scope: TeamScope): Promise<InstallationRow | undefined> {
    return settle(() => this.sync.getInstallation(scope));
  }

  removeInstallation(scope: TeamScope, reason: string, at: number): Promise<RemovedInstallation> {
    return settle(() => this.sync.removeInstallation(scope, reason, at));
  }

  revokeInstallerTokens(scope: TeamScope, userIds: readonly string[]): Promise<number> {
    return settle(() => this.sync.revokeInstallerTokens(scope, userIds));
  }

  /** Write any answers still queued, then close the connection (synchronously, at call time). */
  close(): Promise<void> {
    this.answers.flush();
    return settle(() => this.sync.close());
  }
}
