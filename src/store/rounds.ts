/**
 * The rounds table: one question asked in one channel (or to one user, for practice).
 * `roundFromRow` is the one place a rounds row becomes a RoundRow.
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

/** A rounds row as SQLite returns it. */
interface RoundRecord {
  id: number;
  platform: string;
  team_id: string;
  channel_id: string;
  kind: string;
  deck_id: string;
  question_id: string;
  choice_order: string;
  correct_index: number;
  tags: string;
  opened_by: string | null;
  opened_at: number;
  closes_at: number | null;
  closed_at: number | null;
  local_date: string | null;
  message_ref: string | null;
}

/** Map a rounds row to the port's RoundRow (JSON columns parsed). */
export function roundFromRow(r: RoundRecord): RoundRow {
  return {
    id: r.id,
    platform: r.platform as Platform,
    teamId: r.team_id,
    channelId: r.channel_id,
    kind: r.kind as RoundKind,
    deckId: r.deck_id,
    questionId: r.question_id,
    choiceOrder: JSON.parse(r.choice_order) as number[],
    correctIndex: r.correct_index,
    tags: JSON.parse(r.tags) as string[],
    openedBy: r.opened_by,
    openedAt: r.opened_at,
    closesAt: r.closes_at,
    closedAt: r.closed_at,
    localDate: r.local_date,
    messageRef: r.message_ref === null ? null : (JSON.parse(r.message_ref) as MessageRef),
  };
}

/** What recordAnswer needs to know about a round, read inside its transaction. */
export interface RoundForAnswer {
  platform: Platform;
  team_id: string;
  channel_id: string;
  kind: RoundKind;
  deck_id: string;
  question_id: string;
  tags: string;
  local_date: string | null;
  closed_at: number | null;
}

/** Prepared statements over `rounds`. */
export class RoundTable {
  private readonly insert: Database.Statement;
  private readonly byId: Database.Statement;
  private readonly forAnswer: Database.Statement;
  private readonly openChannel: Database.Statement;
  private readonly daily: Database.Statement;
  private readonly latestDaily: Database.Statement;
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
    this.byId = db.prepare('SELECT * FROM rounds WHERE id = ?');
    this.forAnswer = db.prepare(`
      SELECT platform, team_id, channel_id, kind, deck_id, question_id, tags, local_date, closed_at
      FROM rounds WHERE id = ?`);
    this.openChannel = db.prepare(
      `SELECT * FROM rounds WHERE ${scope} AND kind = 'channel' AND closed_at IS NULL`,
    );
    this.daily = db.prepare(`SELECT * FROM rounds WHERE ${scope} AND kind = 'daily' AND local_date = @localDate`);
    this.latestDaily = db.prepare(
      `SELECT * FROM rounds WHERE ${scope} AND kind = 'daily' ORDER BY local_date DESC LIMIT 1`,
    );
    this.due = db.prepare(`
      SELECT * FROM rounds
      WHERE closed_at IS NULL AND closes_at IS NOT NULL AND closes_at <= ? AND kind IN ('daily', 'channel')
      ORDER BY closes_at, id`);
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

  /** The columns recordAnswer needs, or undefined for an unknown (deleted) round. */
  getForAnswer(id: number): RoundForAnswer | undefined {
    return this.forAnswer.get(id) as RoundForAnswer | undefined;
  }

  openChannelRound(channel: ChannelScope): RoundRow | undefined {
    return this.row(this.openChannel.get(channelParams(channel)));
  }

  latestDailyRound(channel: ChannelScope): RoundRow | undefined {
    return this.row(this.latestDaily.get(channelParams(channel)));
  }

  dueRounds(now: number): RoundRow[] {
    return (this.due.all(now) as RoundRecord[]).map(roundFromRow);
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
    return record === undefined ? undefined : roundFromRow(record as RoundRecord);
  }
}

/** Named parameters of a channel scope. */
export function channelParams(channel: ChannelScope): { platform: string; teamId: string; channelId: string } {
  return { platform: channel.platform, teamId: channel.teamId, channelId: channel.channelId };
}

/** True for better-sqlite3's UNIQUE / PRIMARY KEY constraint failures. */
export function isUniqueViolation(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}
