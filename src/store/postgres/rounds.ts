/**
 * Rounds on PostgreSQL (RoundsPort). `roundFromRecord` is the one place a rounds row becomes a
 * RoundRow. Uniqueness (one daily round per channel and date, one open channel round) is held by
 * the partial unique indexes: the insert says ON CONFLICT DO NOTHING and a refused one is answered
 * with the round already there, never by catching an error inside a transaction.
 */
import type { ChannelScope, Platform, TeamScope } from '../../core/context.js';
import type { MessageRef } from '../../core/ports/poster.js';
import { type NewRound, type QuestionHistoryRow, RoundConflictError, type RoundKind, type RoundRow } from '../../core/ports/store.js';
import type { RoundWithZone } from '../round-cache.js';
import { changes, first, rows, type Sql } from './db.js';

/** The rounds columns every round read selects, in this order (prefix "r."). */
export const ROUND_COLUMNS = `r.id, r.platform, r.team_id, r.channel_id, r.kind, r.deck_id, r.question_id, r.choice_order,
  r.correct_index, r.tags, r.opened_by, r.opened_at, r.closes_at, r.closed_at, r.local_date, r.message_ref`;

/** A rounds row as `pg` returns it (bigint and jsonb already parsed). */
export interface RoundRecord {
  id: number;
  platform: string;
  team_id: string;
  channel_id: string;
  kind: string;
  deck_id: string;
  question_id: string;
  choice_order: number[];
  correct_index: number;
  tags: string[];
  opened_by: string | null;
  opened_at: number;
  closes_at: number | null;
  closed_at: number | null;
  local_date: string | null;
  message_ref: MessageRef | null;
}

/** Map a rounds row to the port's RoundRow. */
export function roundFromRecord(r: RoundRecord): RoundRow {
  return {
    id: r.id,
    platform: r.platform as Platform,
    teamId: r.team_id,
    channelId: r.channel_id,
    kind: r.kind as RoundKind,
    deckId: r.deck_id,
    questionId: r.question_id,
    choiceOrder: r.choice_order,
    correctIndex: r.correct_index,
    tags: r.tags,
    openedBy: r.opened_by,
    openedAt: r.opened_at,
    closesAt: r.closes_at,
    closedAt: r.closed_at,
    localDate: r.local_date,
    messageRef: r.message_ref,
  };
}

const SCOPE = 'r.platform = $1 AND r.team_id = $2 AND r.channel_id = $3';

/** Round queries (stateless: every method takes the connection to run on). */
export const roundQueries = {
  /**
   * Insert a round (tags made distinct, '' dropped).
   * @throws RoundConflictError when a unique index refuses it (the round already there is attached).
   */
  async create(db: Sql, round: NewRound): Promise<RoundRow> {
    const tags = [...new Set(round.tags)].filter((tag) => tag !== '');
    const inserted = await first<{ id: number }>(
      db,
      `INSERT INTO rounds (platform, team_id, channel_id, kind, deck_id, question_id, choice_order, correct_index, tags,
                           opened_by, opened_at, closes_at, local_date)
       VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, $8, $9::jsonb, $10::text, $11, $12::bigint, $13::text)
       ON CONFLICT DO NOTHING RETURNING id`,
      [
        round.platform,
        round.teamId,
        round.channelId,
        round.kind,
        round.deckId,
        round.questionId,
        JSON.stringify(round.choiceOrder),
        round.correctIndex,
        JSON.stringify(tags),
        round.openedBy,
        round.openedAt,
        round.closesAt,
        round.localDate,
      ],
    );
    if (inserted !== undefined) return { ...round, tags, id: inserted.id, closedAt: null, messageRef: null };
    const existing =
      round.kind === 'daily'
        ? await first<RoundRecord>(db, `SELECT ${ROUND_COLUMNS} FROM rounds r WHERE ${SCOPE} AND r.kind = 'daily' AND r.local_date = $4`, [
            round.platform,
            round.teamId,
            round.channelId,
            round.localDate,
          ])
        : await first<RoundRecord>(db, `SELECT ${ROUND_COLUMNS} FROM rounds r WHERE ${SCOPE} AND r.kind = 'channel' AND r.closed_at IS NULL`, [
            round.platform,
            round.teamId,
            round.channelId,
          ]);
    if (existing === undefined) throw new Error(`round insert was refused but no round holds its slot (${round.kind})`);
    throw new RoundConflictError(roundFromRecord(existing));
  },

  async get(db: Sql, id: number): Promise<RoundRow | undefined> {
    const r = await first<RoundRecord>(db, `SELECT ${ROUND_COLUMNS} FROM rounds r WHERE r.id = $1`, [id], 'kms_round_by_id');
    return r && roundFromRecord(r);
  },

  /**
   * The round, its channel's subscription zone (undefined without a subscription) and, for a daily
   * round, its channel's previous daily date ('' when there is none, and for other rounds), in one
   * read. The date is what click_answer() takes as `p_prev` (schema-click-previous.ts).
   */
  async getWithZone(db: Sql, id: number): Promise<(RoundWithZone & { previousDaily: string }) | undefined> {
    const r = await first<RoundRecord & { time_zone: string | null; previous_daily: string | null }>(
      db,
      `SELECT ${ROUND_COLUMNS}, s.time_zone,
         CASE WHEN r.kind = 'daily' THEN (SELECT p.local_date FROM rounds p
           WHERE p.platform = r.platform AND p.team_id = r.team_id AND p.channel_id = r.channel_id
             AND p.kind = 'daily' AND p.local_date < r.local_date
           ORDER BY p.local_date DESC LIMIT 1) END AS previous_daily
       FROM rounds r
       LEFT JOIN subscriptions s ON s.platform = r.platform AND s.team_id = r.team_id AND s.channel_id = r.channel_id
       WHERE r.id = $1`,
      [id],
      'kms_round_with_zone_previous',
    );
    return r && { round: roundFromRecord(r), timeZone: r.time_zone ?? undefined, previousDaily: r.previous_daily ?? '' };
  },

  async openChannelRound(db: Sql, c: ChannelScope): Promise<RoundRow | undefined> {
    const r = await first<RoundRecord>(db, `SELECT ${ROUND_COLUMNS} FROM rounds r WHERE ${SCOPE} AND r.kind = 'channel' AND r.closed_at IS NULL`, [
      c.platform,
      c.teamId,
      c.channelId,
    ]);
    return r && roundFromRecord(r);
  },

  async latestDailyRound(db: Sql, c: ChannelScope): Promise<RoundRow | undefined> {
    const r = await first<RoundRecord>(
      db,
      `SELECT ${ROUND_COLUMNS} FROM rounds r WHERE ${SCOPE} AND r.kind = 'daily' ORDER BY r.local_date DESC LIMIT 1`,
      [c.platform, c.teamId, c.channelId],
    );
    return r && roundFromRecord(r);
  },

  /** See RoundsPort.openPracticeRound. */
  async openPracticeRound(db: Sql, c: ChannelScope, userId: string): Promise<RoundRow | undefined> {
    const r = await first<RoundRecord>(
      db,
      `SELECT ${ROUND_COLUMNS} FROM rounds r
       WHERE ${SCOPE} AND r.kind = 'practice' AND r.opened_by = $4 AND r.closed_at IS NULL AND r.closes_at IS NULL
       ORDER BY r.id DESC LIMIT 1`,
      [c.platform, c.teamId, c.channelId, userId],
    );
    return r && roundFromRecord(r);
  },

  async dueRounds(db: Sql, now: number): Promise<RoundRow[]> {
    const found = await rows<RoundRecord>(
      db,
      `SELECT ${ROUND_COLUMNS} FROM rounds r
       WHERE r.closed_at IS NULL AND r.closes_at IS NOT NULL AND r.closes_at <= $1 AND r.kind IN ('daily', 'channel')
       ORDER BY r.closes_at, r.id`,
      [now],
    );
    return found.map(roundFromRecord);
  },

  async setRoundMessage(db: Sql, roundId: number, ref: MessageRef): Promise<void> {
    await changes(db, 'UPDATE rounds SET message_ref = $1::jsonb WHERE id = $2', [JSON.stringify(ref), roundId]);
  },

  /** Close under the round's exclusive lock (close_round(), migration 6): racing clicks commit first or are refused. */
  async closeRound(db: Sql, roundId: number, at: number): Promise<boolean> {
    return (await first<{ closed: boolean }>(db, 'SELECT close_round($1, $2) AS closed', [roundId, at]))?.closed === true;
  },

  /** Delete an unposted, unanswered round under its exclusive lock (delete_unposted_round(), migration 6). */
  async deleteUnpostedRound(db: Sql, roundId: number): Promise<boolean> {
    return (await first<{ deleted: boolean }>(db, 'SELECT delete_unposted_round($1) AS deleted', [roundId]))?.deleted === true;
  },

  async questionHistory(db: Sql, c: ChannelScope, deckId: string): Promise<QuestionHistoryRow[]> {
    return rows<QuestionHistoryRow>(
      db,
      `SELECT r.deck_id AS "deckId", r.question_id AS "questionId", count(DISTINCT r.id) AS times,
              max(r.opened_at) AS "lastOpenedAt", count(a.user_id) AS answered, coalesce(sum(a.correct), 0) AS correct
       FROM rounds r LEFT JOIN answers a ON a.round_id = r.id
       WHERE ${SCOPE} AND r.deck_id = $4 AND r.kind IN ('daily', 'channel')
       GROUP BY r.deck_id, r.question_id
       ORDER BY r.question_id`,
      [c.platform, c.teamId, c.channelId, deckId],
    );
  },

  /** forget-me: delete the user's practice rounds (answers gone first) and blank them as opener of channel rounds. */
  async deleteUser(db: Sql, scope: TeamScope, userId: string): Promise<void> {
    const params = [scope.platform, scope.teamId, userId];
    await changes(db, `DELETE FROM rounds WHERE platform = $1 AND team_id = $2 AND kind = 'practice' AND opened_by = $3`, params);
    await changes(
      db,
      `UPDATE rounds SET opened_by = NULL WHERE platform = $1 AND team_id = $2 AND kind IN ('daily', 'channel') AND opened_by = $3`,
      params,
    );
  },
};
