/**
 * The rounds table: one question asked in one channel (or to one user, for practice).
 * `roundFromValues` is the one place a rounds row becomes a RoundRow. Rows are read as arrays of
 * ROUND_COLUMNS (better-sqlite3 raw mode): every click reads a round, and building an object with
 * 16 named columns costs more than the lookup itself.
 */
import type Database from 'better-sqlite3';
import type { ChannelScope, Platform, TeamScope } from '../core/context.js';
import type { MessageRef } from '../core/ports/poster.js';
import {
  type NewRound,
  type QuestionHistoryRow,
  RoundConflictError,
  type RoundKind,
  type RoundRow,
} from '../core/ports/store.js';

/** The rounds columns every round read selects, in this order. */
const ROUND_COLUMNS = [
  'id',
  'platform',
  'team_id',
  'channel_id',
  'kind',
  'deck_id',
  'question_id',
  'choice_order',
  'correct_index',
  'tags',
  'opened_by',
  'opened_at',
  'closes_at',
  'closed_at',
  'local_date',
  'message_ref',
] as const;

/** `SELECT <ROUND_COLUMNS of alias r>` (prefix "r." when `alias` is given). */
function selectRound(alias = ''): string {
  return `SELECT ${ROUND_COLUMNS.map((c) => (alias ? `${alias}.${c}` : c)).join(', ')}`;
}

/** Map a rounds row (ROUND_COLUMNS values, in order) to the port's RoundRow (JSON columns parsed). */
function roundFromValues(v: unknown[]): RoundRow {
  const messageRef = v[15] as string | null;
  return {
    id: v[0] as number,
    platform: v[1] as Platform,
    teamId: v[2] as string,
    channelId: v[3] as string,
    kind: v[4] as RoundKind,
    deckId: v[5] as string,
    questionId: v[6] as string,
    choiceOrder: JSON.parse(v[7] as string) as number[],
    correctIndex: v[8] as number,
    tags: JSON.parse(v[9] as string) as string[],
    openedBy: v[10] as string | null,
    openedAt: v[11] as number,
    closesAt: v[12] as number | null,
    closedAt: v[13] as number | null,
    localDate: v[14] as string | null,
    messageRef: messageRef === null ? null : (JSON.parse(messageRef) as MessageRef),
  };
}

/** A round's deck and question, as stored (a practice answer saves the user's card for them). */
export interface RoundQuestionKey {
  deck_id: string;
  question_id: string;
}

/** Prepared statements over `rounds`. */
export class RoundTable {
  private readonly insert: Database.Statement;
  private readonly byId: Database.Statement;
  private readonly byIdWithZone: Database.Statement;
  private readonly questionKey: Database.Statement;
  private readonly openChannel: Database.Statement;
  private readonly daily: Database.Statement;
  private readonly latestDaily: Database.Statement;
  private readonly openPractice: Database.Statement;
  private readonly due: Database.Statement;
  private readonly setMessage: Database.Statement;
  private readonly close: Database.Statement;
  private readonly deleteUnposted: Database.Statement;
  private readonly history: Database.Statement;
  private readonly deletePractice: Database.Statement;
  private readonly clearOpener: Database.Statement;

  constructor(db: Database.Database) {
    const scope = 'platform = @platform AND team_id = @teamId AND channel_id = @channelId';
    this.insert = db.prepare(`
      INSERT INTO rounds (platform, team_id, channel_id, kind, deck_id, question_id, choice_order,
                          correct_index, tags, opened_by, opened_at, closes_at, local_date)
      VALUES (@platform, @teamId, @channelId, @kind, @deckId, @questionId, @choiceOrder,
              @correctIndex, @tags, @openedBy, @openedAt, @closesAt, @localDate)`);
    this.byId = db.prepare(`${selectRound()} FROM rounds WHERE id = ?`).raw();
    this.byIdWithZone = db
      .prepare(`
        ${selectRound('r')}, s.time_zone FROM rounds r
        LEFT JOIN subscriptions s ON s.platform = r.platform AND s.team_id = r.team_id AND s.channel_id = r.channel_id
        WHERE r.id = ?`)
      .raw();
    this.questionKey = db.prepare('SELECT deck_id, question_id FROM rounds WHERE id = ?');
    this.openChannel = db
      .prepare(`${selectRound()} FROM rounds WHERE ${scope} AND kind = 'channel' AND closed_at IS NULL`)
      .raw();
    this.daily = db
      .prepare(`${selectRound()} FROM rounds WHERE ${scope} AND kind = 'daily' AND local_date = @localDate`)
      .raw();
    this.latestDaily = db
      .prepare(`${selectRound()} FROM rounds WHERE ${scope} AND kind = 'daily' ORDER BY local_date DESC LIMIT 1`)
      .raw();
    this.openPractice = db
      .prepare(`
        ${selectRound()} FROM rounds
        WHERE ${scope} AND kind = 'practice' AND opened_by = @userId AND closed_at IS NULL AND closes_at IS NULL
        ORDER BY id DESC LIMIT 1`)
      .raw();
    this.due = db.prepare(`
      ${selectRound()} FROM rounds
      WHERE closed_at IS NULL AND closes_at IS NOT NULL AND closes_at <= ? AND kind IN ('daily', 'channel')
      ORDER BY closes_at, id`).raw();
    this.setMessage = db.prepare('UPDATE rounds SET message_ref = ? WHERE id = ?');
    this.close = db.prepare('UPDATE rounds SET closed_at = ? WHERE id = ? AND closed_at IS NULL');
    this.deleteUnposted = db.prepare(`
      DELETE FROM rounds
      WHERE id = @id AND message_ref IS NULL AND NOT EXISTS (SELECT 1 FROM answers WHERE round_id = @id)`);
    this.history = db.prepare(`
      SELECT r.deck_id AS deckId, r.question_id AS questionId, count(DISTINCT r.id) AS times,
             max(r.opened_at) AS lastOpenedAt, count(a.user_id) AS answered,
             coalesce(sum(a.correct), 0) AS correct
      FROM rounds r LEFT JOIN answers a ON a.round_id = r.id
      WHERE r.platform = @platform AND r.team_id = @teamId AND r.channel_id = @channelId
        AND r.deck_id = @deckId AND r.kind IN ('daily', 'channel')
      GROUP BY r.deck_id, r.question_id
      ORDER BY r.question_id`);
    this.deletePractice = db.prepare(`
      DELETE FROM rounds WHERE platform = ? AND team_id = ? AND kind = 'practice' AND opened_by = ?`);
    this.clearOpener = db.prepare(`
      UPDATE rounds SET opened_by = NULL
      WHERE platform = ? AND team_id = ? AND kind IN ('daily', 'channel') AND opened_by = ?`);
  }

  /**
   * Insert a round (tags made distinct). Must run inside a transaction.
   * @throws RoundConflictError when a unique index refuses it.
   */
  create(round: NewRound): RoundRow {
    // A set of non-empty tags ('' is user_stats' totals row).
    const tags = [...new Set(round.tags)].filter((tag) => tag !== '');
    let id: number;
    try {
      const info = this.insert.run({
        platform: round.platform,
        teamId: round.teamId,
        channelId: round.channelId,
        kind: round.kind,
        deckId: round.deckId,
        questionId: round.questionId,
        choiceOrder: JSON.stringify(round.choiceOrder),
        correctIndex: round.correctIndex,
        tags: JSON.stringify(tags),
        openedBy: round.openedBy,
        openedAt: round.openedAt,
        closesAt: round.closesAt,
        localDate: round.localDate,
      });
      id = Number(info.lastInsertRowid);
    } catch (err) {
      const existing = isUniqueViolation(err) ? this.conflicting(round) : undefined;
      if (existing) throw new RoundConflictError(existing);
      throw err;
    }
    return { ...round, tags, id, closedAt: null, messageRef: null };
  }

  /** The round a refused insert collided with. */
  private conflicting(round: NewRound): RoundRow | undefined {
    if (round.kind === 'daily') return this.row(this.daily.get({ ...channelParams(round), localDate: round.localDate }));
    if (round.kind === 'channel') return this.openChannelRound(round);
    return undefined;
  }

  get(id: number): RoundRow | undefined {
    return this.row(this.byId.get(id));
  }

  /** The round and its channel's subscription zone (undefined without a subscription). */
  getWithZone(id: number): { round: RoundRow; timeZone: string | undefined } | undefined {
    const values = this.byIdWithZone.get(id) as unknown[] | undefined;
    if (values === undefined) return undefined;
    const zone = values[ROUND_COLUMNS.length] as string | null;
    return { round: roundFromValues(values), timeZone: zone ?? undefined };
  }

  /** The round's deck and question, or undefined for an unknown (deleted) round. */
  getQuestionKey(id: number): RoundQuestionKey | undefined {
    return this.questionKey.get(id) as RoundQuestionKey | undefined;
  }

  openChannelRound(channel: ChannelScope): RoundRow | undefined {
    return this.row(this.openChannel.get(channelParams(channel)));
  }

  latestDailyRound(channel: ChannelScope): RoundRow | undefined {
    return this.row(this.latestDaily.get(channelParams(channel)));
  }

  /** See RoundsPort.openPracticeRound. */
  openPracticeRound(channel: ChannelScope, userId: string): RoundRow | undefined {
    return this.row(this.openPractice.get({ ...channelParams(channel), userId }));
  }

  dueRounds(now: number): RoundRow[] {
    return (this.due.all(now) as unknown[][]).map(roundFromValues);
  }

  setRoundMessage(roundId: number, ref: MessageRef): void {
    this.setMessage.run(JSON.stringify(ref), roundId);
  }

  closeRound(roundId: number, at: number): boolean {
    return this.close.run(at, roundId).changes === 1;
  }

  deleteUnpostedRound(roundId: number): boolean {
    return this.deleteUnposted.run({ id: roundId }).changes === 1;
  }

  questionHistory(channel: ChannelScope, deckId: string): QuestionHistoryRow[] {
    return this.history.all({ ...channelParams(channel), deckId }) as QuestionHistoryRow[];
  }

  /**
   * Forget a user: delete their practice rounds (their answers must be gone first) and blank
   * them as opener of channel rounds.
   */
  deleteUser(scope: TeamScope, userId: string): void {
    this.deletePractice.run(scope.platform, scope.teamId, userId);
    this.clearOpener.run(scope.platform, scope.teamId, userId);
  }

  private row(record: unknown): RoundRow | undefined {
    return record === undefined ? undefined : roundFromValues(record as unknown[]);
  }
}

/** Named parameters of a channel scope. */
export function channelParams(channel: ChannelScope): { platform: string; teamId: string; channelId: string } {
  return { platform: channel.platform, teamId: channel.teamId, channelId: channel.channelId };
}

/** True for better-sqlite3's UNIQUE / PRIMARY KEY constraint failures. */
function isUniqueViolation(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}
