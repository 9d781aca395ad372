/**
 * SqliteStore: the Store port on one better-sqlite3 connection. Each write method is one
 * IMMEDIATE transaction (it takes the write lock up front, so busy_timeout applies and a
 * read-then-write never fails on a stale snapshot); every read is a single statement.
 * Uniqueness (first answer, one daily round, one open channel round, one digest per week) is
 * enforced by the database's keys and indexes, not by JS checks.
 */
import type Database from 'better-sqlite3';
import type { ChannelScope, TeamScope } from '../core/context.js';
import type { MessageRef } from '../core/ports/poster.js';
import type {
  AnswerRow,
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
  Store,
  StreakRow,
  SubscriptionRow,
  TagTally,
  UserStats,
} from '../core/ports/store.js';
import { AggregateTables, type AnswerFacts } from './aggregates.js';
import { AnswerTable } from './answers.js';
import { BoardQueries } from './boards.js';
import { PracticeCardTable } from './practice-cards.js';
import { RoundTable } from './rounds.js';
import { SelfScoreTable } from './self-scores.js';
import { StreakQueries } from './streaks.js';
import { SubscriptionTable } from './subscriptions.js';
import { UserTable } from './users.js';

/** The Store implementation. Build it with `openStore(path)`, which migrates first. */
export class SqliteStore implements Store {
  private readonly users: UserTable;
  private readonly rounds: RoundTable;
  private readonly answers: AnswerTable;
  private readonly aggregates: AggregateTables;
  private readonly streakQueries: StreakQueries;
  private readonly cards: PracticeCardTable;
  private readonly selfScoreTable: SelfScoreTable;
  private readonly subscriptions: SubscriptionTable;
  private readonly boards: BoardQueries;

  /** @param db an open, migrated connection (see openStore). */
  constructor(readonly db: Database.Database) {
    this.users = new UserTable(db);
    this.rounds = new RoundTable(db);
    this.answers = new AnswerTable(db);
    this.aggregates = new AggregateTables(db);
    this.streakQueries = new StreakQueries(db);
    this.cards = new PracticeCardTable(db);
    this.selfScoreTable = new SelfScoreTable(db);
    this.subscriptions = new SubscriptionTable(db);
    this.boards = new BoardQueries(db);
  }

  /**
   * Run `fn` in one write transaction; store methods called inside become savepoints of it.
   * For bulk work (seeding the benchmark, imports); not part of the Store port.
   */
  batch<T>(fn: () => T): T {
    return this.db.transaction(fn).immediate();
  }

  // --- users
  readonly upsertUser = this.write((scope: TeamScope, userId: string, userName: string, at: number): void =>
    this.users.upsertUser(scope, userId, userName, at),
  );

  findUsers(scope: TeamScope, nameOrId: string): { userId: string; userName: string }[] {
    return this.users.findUsers(scope, nameOrId);
  }

  // --- rounds
  readonly createRound = this.write((round: NewRound): RoundRow => this.rounds.create(round));

  getRound(id: number): RoundRow | undefined {
    return this.rounds.get(id);
  }

  openChannelRound(channel: ChannelScope): RoundRow | undefined {
    return this.rounds.openChannelRound(channel);
  }

  latestDailyRound(channel: ChannelScope): RoundRow | undefined {
    return this.rounds.latestDailyRound(channel);
  }

  dueRounds(now: number): RoundRow[] {
    return this.rounds.dueRounds(now);
  }

  readonly setRoundMessage = this.write((roundId: number, ref: MessageRef): void =>
    this.rounds.setRoundMessage(roundId, ref),
  );

  readonly closeRound = this.write((roundId: number, at: number): boolean => this.rounds.closeRound(roundId, at));

  readonly deleteUnpostedRound = this.write((roundId: number): boolean => this.rounds.deleteUnpostedRound(roundId));

  questionHistory(channel: ChannelScope, deckId: string): QuestionHistoryRow[] {
    return this.rounds.questionHistory(channel, deckId);
  }

  // --- answers
  readonly recordAnswer = this.write((answer: NewAnswer): RecordAnswerResult => {
    const roundId = answer.round.id;
    // The stored round decides scope, kind, tags and whether it is still open.
    const round = this.rounds.getForAnswer(roundId);
    if (round === undefined) return { status: 'closed' };
    if (round.closed_at !== null) {
      const existing = this.answers.get(roundId, answer.userId);
      return existing ? { status: 'duplicate', existing } : { status: 'closed' };
    }
    const row: AnswerRow = {
      roundId,
      userId: answer.userId,
      platform: round.platform,
      teamId: round.team_id,
      channelId: round.channel_id,
      letter: answer.letter,
      choiceIndex: answer.choiceIndex,
      correct: answer.correct,
      points: answer.points,
      answeredAt: answer.answeredAt,
      localDate: answer.localDate,
    };
    if (!this.answers.insertFirst(row)) {
      return { status: 'duplicate', existing: this.answers.get(roundId, answer.userId) as AnswerRow };
    }
    this.users.upsertUser(row, answer.userId, answer.userName, answer.answeredAt);
    const facts: AnswerFacts = {
      ...row,
      deckId: round.deck_id,
      questionId: round.question_id,
      tagsJson: round.tags,
    };
    if (round.kind === 'practice') this.aggregates.addPracticeAnswer(facts);
    else this.aggregates.addRoundAnswer(facts, round.kind === 'daily' ? round.local_date : null);
    if (answer.practiceCard !== undefined) {
      this.cards.save(row, answer.userId, round.deck_id, round.question_id, answer.practiceCard, answer.answeredAt);
    }
    return { status: 'recorded', answer: row };
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

  // --- scenarios
  readonly saveSelfScore = this.write((scope: TeamScope, userId: string, row: SelfScoreRow): void =>
    this.selfScoreTable.save(scope, userId, row),
  );

  selfScores(scope: TeamScope, userId: string): SelfScoreRow[] {
    return this.selfScoreTable.list(scope, userId);
  }

  // --- subscriptions
  readonly upsertSubscription = this.write((sub: NewSubscription): SubscriptionRow =>
    this.subscriptions.upsertSubscription(sub),
  );

  getSubscription(channel: ChannelScope): SubscriptionRow | undefined {
    return this.subscriptions.get(channel);
  }

  listSubscriptions(): SubscriptionRow[] {
    return this.subscriptions.list();
  }

  readonly removeSubscription = this.write((channel: ChannelScope): boolean =>
    this.subscriptions.removeSubscription(channel),
  );

  readonly pauseSubscription = this.write((channel: ChannelScope, reason: string, at: number): void =>
    this.subscriptions.pauseSubscription(channel, reason, at),
  );

  readonly claimDigest = this.write((channel: ChannelScope, isoWeek: string, at: number): boolean =>
    this.subscriptions.claimDigest(channel, isoWeek, at),
  );

  // --- privacy
  readonly forgetUser = this.write((scope: TeamScope, userId: string): { answers: number; selfScores: number } => {
    // Team-level aggregates are reduced from the answers, so they go first (this also drops the
    // user's stats and streaks).
    this.aggregates.deleteUser(scope, userId);
    const answers = this.answers.deleteUser(scope, userId);
    this.rounds.deleteUser(scope, userId);
    this.cards.deleteUser(scope, userId);
    const selfScores = this.selfScoreTable.deleteUser(scope, userId);
    this.users.deleteUser(scope, userId);
    return { answers, selfScores };
  });

  close(): void {
    this.db.close();
  }

  /** Wrap `fn` as one IMMEDIATE (write-locking) transaction. */
  private write<A extends unknown[], R>(fn: (...args: A) => R): (...args: A) => R {
    // Built on first use: field initializers run before the constructor stores `db`.
    let tx: Database.Transaction<(...args: A) => R> | undefined;
    return (...args: A) => (tx ??= this.db.transaction(fn)).immediate(...args);
  }
}
