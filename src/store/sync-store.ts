/**
 * SyncSqliteStore: every store port's method, synchronous, on one better-sqlite3 connection
 * (SqliteStore wraps it in the async ports). Each write method is one
 * IMMEDIATE transaction (it takes the write lock up front, so busy_timeout applies and a
 * read-then-write never fails on a stale snapshot), or a single statement that is its own
 * transaction (recordAnswer's usual case: its triggers do the rest); every read is a single
 * statement. Uniqueness (first answer, one daily round, one open channel round, one digest per
 * week) is enforced by the database's keys and indexes, not by JS checks.
 */
import type Database from 'better-sqlite3';
import type { ChannelScope, TeamScope } from '../core/context.js';
import type { MessageRef } from '../core/ports/poster.js';
import type {
  AnswerRow,
  DayActivity,
  MockEndReason,
  MockExamRow,
  ExamDateRow,
  FileReportResult,
  InstallationRow,
  ItemAnswers,
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
  StorePorts,
  StreakRow,
  SubscriptionRow,
  TagTally,
  UserStats,
} from '../core/ports/store.js';
import { ActivityQueries } from './activity.js';
import { AggregateTables } from './aggregates.js';
import { AnswerTable } from './answers.js';
import { BoardQueries } from './boards.js';
import { MockExamTable } from './mock-exams.js';
import { ExamTables } from './exams.js';
import { PracticeCardTable } from './practice-cards.js';
import { ItemQualityQueries, ReportTable } from './reports.js';
import { RoundCache, type RoundWithZone } from './round-cache.js';
import { type RoundQuestionKey, RoundTable } from './rounds.js';
import { SelfScoreTable } from './self-scores.js';
import { StreakQueries } from './streaks.js';
import { SubscriptionTable } from './subscriptions.js';
import { ChannelDeckTable, DeckStatsQuery } from './channel-decks.js';
import { CoordinationTables } from './coordination.js';
import { InstallationTable } from './installations.js';
import { KnownNames, UserTable } from './users.js';

/** A port's methods with their Promise results unwrapped: what SyncSqliteStore offers. */
type Synchronous<T> = {
  [K in keyof T]: T[K] extends (...args: infer A) => Promise<infer R> ? (...args: A) => R : never;
};

/**
 * The synchronous store under SqliteStore. Reach it as `SqliteStore.sync` only for bulk work inside
 * `batch` (seeding the benchmark, imports) and SQLite-specific tests; everything else uses the ports.
 */
export class SyncSqliteStore implements Synchronous<StorePorts> {
  private readonly users: UserTable;
  private readonly rounds: RoundTable;
  private readonly answers: AnswerTable;
  private readonly aggregates: AggregateTables;
  private readonly streakQueries: StreakQueries;
  private readonly cards: PracticeCardTable;
  private readonly exams: ExamTables;
  private readonly selfScoreTable: SelfScoreTable;
  private readonly subscriptions: SubscriptionTable;
  private readonly channelDecks: ChannelDeckTable;
  private readonly deckStats: DeckStatsQuery;
  private readonly boards: BoardQueries;
  private readonly reports: ReportTable;
  private readonly itemQuality: ItemQualityQueries;
  private readonly knownNames = new KnownNames();
  private readonly answerRounds: RoundCache;
  private readonly mocks: MockExamTable;
  private readonly activity: ActivityQueries;
  private readonly coordination: CoordinationTables;
  private readonly installations: InstallationTable;
  private readonly dataVersion: Database.Statement;
  /** `PRAGMA data_version` (changes when another connection commits) when forget_epoch was last read. */
  private seenDataVersion = -1;
  /** forget_epoch when knownNames was last checked against it (see namesStillKnown). */
  private namesEpoch = -1;

  /**
   * @param db an open, migrated connection (see openStore).
   * @param roundCacheMs how long getRoundWithZone may answer from memory, in ms (0: never).
   */
  constructor(
    readonly db: Database.Database,
    roundCacheMs = 5_000,
  ) {
    this.answerRounds = new RoundCache(roundCacheMs);
    this.users = new UserTable(db);
    this.rounds = new RoundTable(db);
    this.answers = new AnswerTable(db);
    this.aggregates = new AggregateTables(db);
    this.streakQueries = new StreakQueries(db);
    this.cards = new PracticeCardTable(db);
    this.exams = new ExamTables(db);
    this.selfScoreTable = new SelfScoreTable(db);
    this.subscriptions = new SubscriptionTable(db);
    this.channelDecks = new ChannelDeckTable(db);
    this.deckStats = new DeckStatsQuery(db);
    this.boards = new BoardQueries(db);
    this.mocks = new MockExamTable(db, this.rounds);
    this.activity = new ActivityQueries(db);
    this.reports = new ReportTable(db);
    this.itemQuality = new ItemQualityQueries(db);
    this.coordination = new CoordinationTables(db);
    this.dataVersion = db.prepare('PRAGMA data_version').pluck();
    this.installations = new InstallationTable(db);
  }

  /**
   * True when `knownNames` may still be trusted: no forget-me happened since it was last checked,
   * in this process or another one sharing the database (else it is cleared first).
   */
  private namesStillKnown(): boolean {
    // PRAGMA data_version changes only when another connection commits: in one process (the usual
    // case) it never does, so a click costs no read of forget_epoch; after another process's commit
    // the epoch is read once.
    const version = this.dataVersion.get() as number;
    if (version === this.seenDataVersion) return true;
    this.seenDataVersion = version;
    const epoch = this.coordination.forgetEpoch();
    if (epoch === this.namesEpoch) return true;
    this.knownNames.clear();
    this.namesEpoch = epoch;
    return false;
  }

  /**
   * Run `fn` in one write transaction; store methods called inside become savepoints of it.
   * For bulk work (seeding the benchmark, imports); not part of the store ports.
   */
  batch<T>(fn: () => T): T {
    try {
      return this.db.transaction(fn).immediate();
    } catch (err) {
      this.knownNames.clear();
      throw err;
    } finally {
      this.answerRounds.clear();
    }
  }

  // --- users
  private readonly storeUser = this.write((scope: TeamScope, userId: string, userName: string, at: number): void =>
    this.users.upsertUser(scope, userId, userName, at),
  );

  /** Store the user's name; no transaction when this process already stored that name. */
  upsertUser(scope: TeamScope, userId: string, userName: string, at: number): void {
    if (this.knownNames.has(scope, userId, userName) && this.namesStillKnown()) return;
    this.storeUser(scope, userId, userName, at);
    this.knownNames.remember(scope, userId, userName);
  }

  storedUserName(scope: TeamScope, userId: string): string | undefined {
    return this.users.storedName(scope, userId);
  }

  /** See UsersPort.renameUser; this process's name memory learns the new name. */
  readonly renameUser = this.write((scope: TeamScope, userId: string, userName: string, at: number): boolean => {
    this.knownNames.forget(scope, userId);
    return this.users.renameUser(scope, userId, userName, at);
  });

  findUsers(scope: TeamScope, nameOrId: string): { userId: string; userName: string }[] {
    return this.users.findUsers(scope, nameOrId);
  }

  // --- rounds
  readonly createRound = this.write((round: NewRound): RoundRow => this.rounds.create(round));

  getRound(id: number): RoundRow | undefined {
    return this.rounds.get(id);
  }

  /** See RoundsPort.getRoundWithZone; answered from a short-lived memory when it can (see RoundCache). */
  getRoundWithZone(id: number): RoundWithZone | undefined {
    const cached = this.answerRounds.get(id);
    if (cached !== undefined) return cached;
    const found = this.rounds.getWithZone(id);
    return found === undefined ? undefined : this.answerRounds.set(id, found);
  }

  openChannelRound(channel: ChannelScope): RoundRow | undefined {
    return this.rounds.openChannelRound(channel);
  }

  latestDailyRound(channel: ChannelScope): RoundRow | undefined {
    return this.rounds.latestDailyRound(channel);
  }

  openPracticeRound(channel: ChannelScope, userId: string): RoundRow | undefined {
    return this.rounds.openPracticeRound(channel, userId);
  }

  dueRounds(now: number): RoundRow[] {
    return this.rounds.dueRounds(now);
  }

  readonly setRoundMessage = this.write((roundId: number, ref: MessageRef): void => {
    this.answerRounds.forget(roundId);
    this.rounds.setRoundMessage(roundId, ref);
  });

  readonly closeRound = this.write((roundId: number, at: number): boolean => {
    this.answerRounds.forget(roundId);
    return this.rounds.closeRound(roundId, at);
  });

  readonly deleteUnpostedRound = this.write((roundId: number): boolean => {
    this.answerRounds.forget(roundId);
    return this.rounds.deleteUnpostedRound(roundId);
  });

  questionHistory(channel: ChannelScope, deckId: string): QuestionHistoryRow[] {
    return this.rounds.questionHistory(channel, deckId);
  }

  // --- answers
  /**
   * See AnswersPort.recordAnswer. The insert is one statement whose triggers count the answer in the
   * aggregates, so when this process already stored the user's name (and there is no practice card
   * to save) that statement is the whole transaction; otherwise the name (and card) are written in
   * the same transaction as the answer. A handle-only name (NewAnswer.userNameIsHandle) is written
   * only for a user with no stored name.
   */
  recordAnswer(answer: NewAnswer): RecordAnswerResult {
    if (answer.practiceCard === undefined && this.nameAlreadyStored(answer)) {
      const row = this.answers.insertIfFirst(answer.round.id, answer);
      if (row === undefined) return this.notRecorded(answer);
      // The insert read the forget-me epoch too: after a forget-me (in any process) the remembered
      // names may be gone from the database, so they are forgotten here and this user's is stored.
      if (this.answers.lastForgetEpoch !== this.namesEpoch) {
        this.namesChanged(this.answers.lastForgetEpoch);
        this.rememberName(row, answer.userId, this.storeAnswerName(row, answer));
      }
      return { status: 'recorded', answer: row };
    }
    const { result, name } = this.recordAnswerTx(answer);
    if (result.status === 'recorded') {
      if (this.answers.lastForgetEpoch !== this.namesEpoch) this.namesChanged(this.answers.lastForgetEpoch);
      this.rememberName(result.answer, answer.userId, name);
    }
    return result;
  }

  /**
   * recordAnswer for each answer, in order, all in one write transaction (one commit: SqliteStore's
   * group commit). Throws when any one throws; then nothing was written and this process's name
   * memory is cleared (it may hold names of the rolled-back answers).
   */
  recordAnswers(answers: readonly NewAnswer[]): RecordAnswerResult[] {
    try {
      return this.recordAnswersTx(answers);
    } catch (err) {
      this.knownNames.clear();
      throw err;
    }
  }

  private readonly recordAnswersTx = this.write((answers: readonly NewAnswer[]): RecordAnswerResult[] =>
    answers.map((answer) => this.recordAnswer(answer)),
  );

  /**
   * True when this process stored the answering user's name and nothing would change: the same
   * display name, or any name for a handle-only one (NewAnswer.userNameIsHandle: it never replaces one).
   */
  private nameAlreadyStored(answer: NewAnswer): boolean {
    return answer.userNameIsHandle === true
      ? this.knownNames.hasUser(answer.round, answer.userId)
      : this.knownNames.has(answer.round, answer.userId, answer.userName);
  }

  private rememberName(scope: TeamScope, userId: string, name: string | undefined): void {
    if (name !== undefined) this.knownNames.remember(scope, userId, name);
  }

  /**
   * Store the answering user's name (inside the caller's transaction): a display name replaces the
   * stored one, a handle-only name only fills a gap. Returns the name now stored.
   */
  private answerName(scope: TeamScope, answer: NewAnswer): string | undefined {
    if (answer.userNameIsHandle === true) return this.users.addNameIfNone(scope, answer.userId, answer.userName, answer.answeredAt);
    this.users.upsertUser(scope, answer.userId, answer.userName, answer.answeredAt);
    return answer.userName;
  }

  /** answerName as its own write transaction. */
  private readonly storeAnswerName = this.write((scope: TeamScope, answer: NewAnswer): string | undefined => this.answerName(scope, answer));

  /** Forget every remembered name: a forget-me (epoch `epoch`) happened since they were stored. */
  private namesChanged(epoch: number): void {
    this.knownNames.clear();
    this.namesEpoch = epoch;
  }

  /**
   * Why an answer was not inserted: the user's earlier answer stands, the user answered this open
   * round before forget-me, or the round is closed or gone.
   */
  private notRecorded(answer: NewAnswer): RecordAnswerResult {
    const existing = this.answers.get(answer.round.id, answer.userId);
    if (existing) return { status: 'duplicate', existing };
    return this.answers.forgotten(answer.round.id, answer.userId) ? { status: 'forgotten' } : { status: 'closed' };
  }

  /** The answer, the user's name and the practice card in one transaction; `name` is the name now stored. */
  private readonly recordAnswerTx = this.write((answer: NewAnswer): { result: RecordAnswerResult; name?: string } => {
    const roundId = answer.round.id;
    // The stored round decides scope and whether it is still open; triggers count the answer.
    const row = this.answers.insertIfFirst(roundId, answer);
    if (row === undefined) return { result: this.notRecorded(answer) };
    const name = this.answerName(row, answer);
    if (answer.practiceCard !== undefined) {
      const round = this.rounds.getQuestionKey(roundId) as RoundQuestionKey;
      this.cards.save(row, answer.userId, round.deck_id, round.question_id, answer.practiceCard, answer.answeredAt);
    }
    return { result: { status: 'recorded', answer: row }, name };
  });

  getAnswer(roundId: number, userId: string): AnswerRow | undefined {
    return this.answers.get(roundId, userId);
  }

  roundTally(roundId: number, choiceCount: number): RoundTally {
    return this.answers.roundTally(roundId, choiceCount);
  }

  // --- boards and stats
  scoreLines(query: ScoreQuery): ScoreLine[] {
    return this.boards.scoreLines(query);
  }

  userStats(scope: TeamScope, userId: string): UserStats {
    return this.boards.userStats(scope, userId);
  }

  tagTallies(query: ScoreQuery): TagTally[] {
    return this.boards.tagTallies(query);
  }

  mostMissedQuestion(
    query: ScoreQuery,
  ): { deckId: string; questionId: string; answered: number; wrong: number } | undefined {
    return this.boards.mostMissedQuestion(query);
  }

  streaks(scope: TeamScope, userId: string): StreakRow[] {
    return this.streakQueries.streaks(scope, userId);
  }

  longestCurrentStreak(channel: ChannelScope): { userId: string; userName: string; current: number } | undefined {
    return this.streakQueries.longestCurrent(channel);
  }

  practiceCards(scope: TeamScope, userId: string, deckId: string): Map<string, string> {
    return this.cards.cards(scope, userId, deckId);
  }

  // --- exams and reminders
  readonly setUserExam = this.write((scope: TeamScope, userId: string, exam: ExamDateRow): void => this.exams.setExam(scope, `user:${userId}`, exam));

  userExam(scope: TeamScope, userId: string): ExamDateRow | undefined {
    return this.exams.exam(scope, `user:${userId}`);
  }

  readonly clearUserExam = this.write((scope: TeamScope, userId: string): boolean => this.exams.clearExam(scope, `user:${userId}`));

  readonly setChannelExam = this.write((channel: ChannelScope, exam: ExamDateRow): void =>
    this.exams.setExam(channel, `channel:${channel.channelId}`, exam),
  );

  channelExam(channel: ChannelScope): ExamDateRow | undefined {
    return this.exams.exam(channel, `channel:${channel.channelId}`);
  }

  readonly clearChannelExam = this.write((channel: ChannelScope): boolean => this.exams.clearExam(channel, `channel:${channel.channelId}`));

  readonly setReminder = this.write((scope: TeamScope, userId: string, settings: ReminderSettings): void =>
    this.exams.setReminder(scope, userId, settings),
  );

  reminder(scope: TeamScope, userId: string): ReminderRow | undefined {
    return this.exams.reminder(scope, userId);
  }

  readonly removeReminder = this.write((scope: TeamScope, userId: string): boolean => this.exams.removeReminder(scope, userId));

  activeReminders(): ReminderRow[] {
    return this.exams.activeReminders();
  }

  readonly pauseReminder = this.write((scope: TeamScope, userId: string, reason: string): void => this.exams.pauseReminder(scope, userId, reason));

  readonly claimReminder = this.write((scope: TeamScope, userId: string, localDate: string, at: number): boolean =>
    this.exams.claimReminder(scope, userId, localDate, at),
  );

  recentAnswers(scope: TeamScope, userId: string, deckId: string, since: number): RecentAnswer[] {
    return this.exams.recentAnswers(scope, userId, deckId, since);
  }

  activeLearners(channel: ChannelScope, since: number): string[] {
    return this.exams.activeLearners(channel, since);
  }

  // --- scenarios
  readonly saveSelfScore = this.write((scope: TeamScope, userId: string, row: SelfScoreRow): void =>
    this.selfScoreTable.save(scope, userId, row),
  );

  selfScores(scope: TeamScope, userId: string): SelfScoreRow[] {
    return this.selfScoreTable.list(scope, userId);
  }

  // --- subscriptions
  readonly upsertSubscription = this.write((sub: NewSubscription): SubscriptionRow => {
    this.answerRounds.clear();
    return this.subscriptions.upsertSubscription(sub);
  });

  getSubscription(channel: ChannelScope): SubscriptionRow | undefined {
    return this.subscriptions.get(channel);
  }

  listSubscriptions(): SubscriptionRow[] {
    return this.subscriptions.list();
  }

  readonly removeSubscription = this.write((channel: ChannelScope): boolean => {
    this.answerRounds.clear();
    return this.subscriptions.removeSubscription(channel);
  });

  readonly pauseSubscription = this.write((channel: ChannelScope, reason: string, at: number): void =>
    this.subscriptions.pauseSubscription(channel, reason, at),
  );

  readonly claimDigest = this.write((channel: ChannelScope, isoWeek: string, at: number): boolean =>
    this.subscriptions.claimDigest(channel, isoWeek, at),
  );

  readonly releaseDigest = this.write((channel: ChannelScope, isoWeek: string): boolean =>
    this.subscriptions.releaseDigest(channel, isoWeek),
  );

  // --- mock exams
  readonly startMockExam = this.write((exam: NewMockExam): StartMockResult => this.mocks.start(exam));

  getMockExam(id: number): MockExamRow | undefined {
    return this.mocks.get(id);
  }

  runningMockExam(scope: TeamScope, userId: string): MockExamRow | undefined {
    return this.mocks.runningOf(scope, userId);
  }

  readonly flagMockQuestion = this.write((id: number, position: number, flagged: boolean): boolean =>
    this.mocks.setFlag(id, position, flagged),
  );

  readonly endMockExam = this.write((id: number, at: number, reason: MockEndReason): boolean => {
    this.answerRounds.clear(); // its rounds closed
    return this.mocks.endMock(id, at, reason);
  });

  dueMockExams(now: number): MockExamRow[] {
    return this.mocks.dueAt(now);
  }

  readonly markMockResultsSeen = this.write((id: number): void => this.mocks.markSeen(id));

  unseenMockResults(scope: TeamScope, userId: string): MockExamRow | undefined {
    return this.mocks.unseenOf(scope, userId);
  }

  // --- activity
  answersPerDay(scope: TeamScope, fromDate: string, toDate: string, userId?: string): DayActivity[] {
    return this.activity.answersPerDay(scope, fromDate, toDate, userId);
  }

  // --- channel decks
  readonly setChannelDeck = this.write((row: ChannelDeckRow): ChannelDeckRow => this.channelDecks.set(row));

  getChannelDeck(channel: ChannelScope): ChannelDeckRow | undefined {
    return this.channelDecks.get(channel);
  }

  deckTallies(scope: TeamScope, userId: string): DeckTally[] {
    return this.deckStats.tallies(scope, userId);
  }

  // --- problem reports and item quality
  readonly fileReport = this.write((scope: TeamScope, report: NewReport): FileReportResult => this.reports.file(scope, report));

  openReports(scope: TeamScope): ReportRow[] {
    return this.reports.openReports(scope);
  }

  getReport(scope: TeamScope, id: number): ReportRow | undefined {
    return this.reports.get(scope, id);
  }

  readonly resolveReport = this.write(
    (scope: TeamScope, id: number, by: string, note: string, at: number): ResolveReportResult => this.reports.resolveReport(scope, id, by, note, at),
  );

  reportedItems(scope: TeamScope, atLeast: number): ReportedItem[] {
    return this.reports.reportedItems(scope, atLeast);
  }

  itemAnswers(scope: TeamScope, deckId: string, questionId: string): ItemAnswers {
    return this.itemQuality.itemAnswers(scope, deckId, questionId);
  }

  // --- privacy
  /** See PrivacyPort.forgetUser. */
  forgetUser(scope: TeamScope, userId: string): { answers: number; selfScores: number } {
    const result = this.forgetUserTx(scope, userId);
    this.knownNames.forget(scope, userId);
    this.answerRounds.clear(); // practice rounds deleted, openers blanked
    return result;
  }

  private readonly forgetUserTx = this.write((scope: TeamScope, userId: string): { answers: number; selfScores: number } => {
    this.answers.markOpenRounds(scope, userId);
    this.aggregates.deleteUser(scope, userId);
    this.mocks.deleteUser(scope, userId);
    const answers = this.answers.deleteUser(scope, userId);
    this.aggregates.deleteEmptyDays(scope);
    this.rounds.deleteUser(scope, userId);
    this.cards.deleteUser(scope, userId);
    this.exams.deleteUser(scope, userId);
    const selfScores = this.selfScoreTable.deleteUser(scope, userId);
    this.reports.deleteUser(scope, userId);
    this.users.deleteUser(scope, userId);
    this.installations.forgetInstaller(scope, userId);
    this.coordination.noteForget();
    return { answers, selfScores };
  });

  // --- several processes
  /** See RoundRefreshClaimsPort.claimRoundRefresh: the claim, then (when claimed) the round and its tally, in one transaction. */
  readonly claimRoundRefresh = this.write(
    (roundId: number, at: number, windowMs: number, choiceCount?: (round: RoundRow) => number): RoundRefreshClaim | undefined => {
      if (!this.coordination.claimRoundRefresh(roundId, at, windowMs)) return undefined;
      const round = this.rounds.get(roundId);
      if (round === undefined) return undefined;
      return { round, tally: this.answers.roundTally(roundId, choiceCount ? choiceCount(round) : round.choiceOrder.length) };
    },
  );

  readonly firstDelivery = this.write((key: string, at: number, ttlMs: number): boolean => this.coordination.firstDelivery(key, at, ttlMs));

  readonly recordDeliveries = this.write((keys: readonly string[], at: number, ttlMs: number): void =>
    this.coordination.recordDeliveries(keys, at, ttlMs),
  );

  // --- installations
  readonly saveInstallation = this.write((row: InstallationRow): void => this.installations.save(row));

  getInstallation(scope: TeamScope): InstallationRow | undefined {
    return this.installations.get(scope);
  }

  readonly removeInstallation = this.write((scope: TeamScope, reason: string, at: number): RemovedInstallation =>
    this.installations.removeAndPause(scope, reason, at),
  );

  readonly revokeInstallerTokens = this.write((scope: TeamScope, userIds: readonly string[]): number =>
    userIds.reduce((changed, userId) => changed + this.installations.forgetInstaller(scope, userId), 0),
  );

  close(): void {
    this.db.close();
  }

  /** Wrap `fn` as one IMMEDIATE (write-locking) transaction. */
  private write<A extends unknown[], R>(fn: (...args: A) => R): (...args: A) => R {
    // Built on first use: field initializers run before the constructor stores `db`.
    let tx: Database.Transaction<(...args: A) => R> | undefined;
    return (...args: A) => {
      if (!tx) tx = this.db.transaction(fn);
      return tx.immediate(...args);
    };
  }
}
