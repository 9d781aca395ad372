/**
 * Exam dates, reminders and readiness figures on PostgreSQL (ExamsPort), plus answers per day
 * (ActivityPort) and per deck (DeckStatsPort): the reads over a learner's answers.
 */
import type { ChannelScope, TeamScope } from '../../core/context.js';
import type { DayActivity, DeckTally, ExamDateRow, RecentAnswer, ReminderRow, ReminderSettings } from '../../core/ports/store.js';
import { changes, first, rows, type Sql } from './db.js';
import { type ReminderRecord, reminderFromRecord } from '../records.js';

/** Owner key of exam_dates: "user:<id>" or "channel:<id>". */
type Owner = `user:${string}` | `channel:${string}`;


const REMINDER_COLUMNS = `r.platform, r.team_id AS "teamId", r.user_id AS "userId", r.at, r.quiet, r.weekdays_only AS "weekdaysOnly",
  r.time_zone AS "timeZone", r.deck_id AS "deckId", r.paused_reason AS "pausedReason",
  (SELECT max(s.local_date) FROM reminder_sends s WHERE s.platform = r.platform AND s.team_id = r.team_id AND s.user_id = r.user_id) AS "lastSentDate"`;


/**
 * SQL yielding `columns` (over `r` rounds and `a` answers) for every answer of user $3 in team
 * ($1, $2) that meets `extra`: there is no index on answers by user, so the user's answers are
 * reached through the team's rounds (rounds_by_team): practice rounds by their opener (their only
 * answerer), and the daily and channel rounds, each joined on the answers key (round_id, user_id).
 * The same plan as SQLite's (src/store/user-answers.ts).
 */
function userAnswers(columns: string, extra = 'true'): string {
  return `
    SELECT ${columns}
    FROM rounds r JOIN answers a ON a.round_id = r.id AND a.user_id = $3
    WHERE r.platform = $1 AND r.team_id = $2 AND r.kind = 'practice' AND r.opened_by = $3 AND (${extra})
    UNION ALL
    SELECT ${columns}
    FROM rounds r JOIN answers a ON a.round_id = r.id AND a.user_id = $3
    WHERE r.platform = $1 AND r.team_id = $2 AND r.kind IN ('daily', 'channel') AND (${extra})`;
}

/** Exam, reminder and answer-history queries (stateless: every method takes the connection to run on). */
export const examQueries = {
  async setExam(db: Sql, scope: TeamScope, owner: Owner, e: ExamDateRow): Promise<void> {
    await changes(
      db,
      `INSERT INTO exam_dates (platform, team_id, owner, deck_id, exam_date, time_zone, set_by, set_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
       ON CONFLICT (platform, team_id, owner) DO UPDATE SET deck_id = excluded.deck_id, exam_date = excluded.exam_date,
         time_zone = excluded.time_zone, set_by = excluded.set_by, set_at = excluded.set_at`,
      [scope.platform, scope.teamId, owner, e.deckId, e.date, e.timeZone, e.setBy, e.setAt],
    );
  },

  async exam(db: Sql, scope: TeamScope, owner: Owner): Promise<ExamDateRow | undefined> {
    return first<ExamDateRow>(
      db,
      `SELECT deck_id AS "deckId", exam_date AS date, time_zone AS "timeZone", set_by AS "setBy", set_at AS "setAt"
       FROM exam_dates WHERE platform = $1 AND team_id = $2 AND owner = $3`,
      [scope.platform, scope.teamId, owner],
    );
  },

  async clearExam(db: Sql, scope: TeamScope, owner: Owner): Promise<boolean> {
    return (await changes(db, 'DELETE FROM exam_dates WHERE platform = $1 AND team_id = $2 AND owner = $3', [scope.platform, scope.teamId, owner])) > 0;
  },

  async setReminder(db: Sql, scope: TeamScope, userId: string, s: ReminderSettings): Promise<void> {
    await changes(
      db,
      `INSERT INTO reminders (platform, team_id, user_id, at, quiet, weekdays_only, time_zone, deck_id, paused_reason)
       VALUES ($1, $2, $3, $4, $5::text, $6, $7, $8, NULL)
       ON CONFLICT (platform, team_id, user_id) DO UPDATE SET at = excluded.at, quiet = excluded.quiet,
         weekdays_only = excluded.weekdays_only, time_zone = excluded.time_zone, deck_id = excluded.deck_id, paused_reason = NULL`,
      [scope.platform, scope.teamId, userId, s.at, s.quiet, s.weekdaysOnly ? 1 : 0, s.timeZone, s.deckId],
    );
  },

  async reminder(db: Sql, scope: TeamScope, userId: string): Promise<ReminderRow | undefined> {
    const row = await first<ReminderRecord>(
      db,
      `SELECT ${REMINDER_COLUMNS} FROM reminders r WHERE r.platform = $1 AND r.team_id = $2 AND r.user_id = $3`,
      [scope.platform, scope.teamId, userId],
    );
    return row && reminderFromRecord(row);
  },

  async removeReminder(db: Sql, scope: TeamScope, userId: string): Promise<boolean> {
    return (await changes(db, 'DELETE FROM reminders WHERE platform = $1 AND team_id = $2 AND user_id = $3', [scope.platform, scope.teamId, userId])) > 0;
  },

  async activeReminders(db: Sql): Promise<ReminderRow[]> {
    const found = await rows<ReminderRecord>(
      db,
      `SELECT ${REMINDER_COLUMNS} FROM reminders r WHERE r.paused_reason IS NULL ORDER BY r.platform, r.team_id, r.user_id`,
    );
    return found.map(reminderFromRecord);
  },

  async pauseReminder(db: Sql, scope: TeamScope, userId: string, reason: string): Promise<void> {
    await changes(db, 'UPDATE reminders SET paused_reason = $1 WHERE platform = $2 AND team_id = $3 AND user_id = $4', [
      reason,
      scope.platform,
      scope.teamId,
      userId,
    ]);
  },

  async claimReminder(db: Sql, scope: TeamScope, userId: string, localDate: string, at: number): Promise<boolean> {
    const claimed = await changes(
      db,
      `INSERT INTO reminder_sends (platform, team_id, user_id, local_date, sent_at) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT DO NOTHING`,
      [scope.platform, scope.teamId, userId, localDate, at],
    );
    return claimed > 0;
  },

  async recentAnswers(db: Sql, scope: TeamScope, userId: string, deckId: string, since: number): Promise<RecentAnswer[]> {
    const found = await rows<{ questionId: string; correct: number; answeredAt: number }>(
      db,
      `SELECT "questionId", correct, "answeredAt" FROM (${userAnswers(
        `r.question_id AS "questionId", a.correct, a.answered_at AS "answeredAt", a.round_id AS "roundId"`,
        'r.deck_id = $4 AND a.answered_at >= $5',
      )}) x
       ORDER BY "answeredAt", "roundId"`,
      [scope.platform, scope.teamId, userId, deckId, since],
    );
    return found.map((r) => ({ questionId: r.questionId, correct: r.correct === 1, answeredAt: r.answeredAt }));
  },

  /** Users of a channel who answered there since `since`, in its rounds or in practice asked there. */
  async activeLearners(db: Sql, c: ChannelScope, since: number): Promise<string[]> {
    const found = await rows<{ userId: string }>(
      db,
      `SELECT a.user_id AS "userId"
       FROM rounds r JOIN answers a ON a.round_id = r.id
       WHERE r.platform = $1 AND r.team_id = $2 AND r.channel_id = $3 AND r.kind IN ('daily', 'channel') AND a.answered_at >= $4
       UNION
       SELECT a.user_id
       FROM rounds r JOIN answers a ON a.round_id = r.id
       WHERE r.platform = $1 AND r.team_id = $2 AND r.kind = 'practice' AND r.channel_id = $3 AND a.answered_at >= $4
       ORDER BY "userId"`,
      [c.platform, c.teamId, c.channelId, since],
    );
    return found.map((r) => r.userId);
  },

  /** See ActivityPort.answersPerDay. */
  async answersPerDay(db: Sql, scope: TeamScope, fromDate: string, toDate: string, userId?: string): Promise<DayActivity[]> {
    return rows<DayActivity>(
      db,
      `SELECT local_date AS date, count(*) AS answered, sum(correct) AS correct FROM answers
       WHERE platform = $1 AND team_id = $2 AND local_date >= $3 AND local_date <= $4 AND ($5::text IS NULL OR user_id = $5::text)
       GROUP BY local_date ORDER BY local_date`,
      [scope.platform, scope.teamId, fromDate, toDate, userId ?? null],
    );
  },

  /** See DeckStatsPort.deckTallies. */
  async deckTallies(db: Sql, scope: TeamScope, userId: string): Promise<DeckTally[]> {
    return rows<DeckTally>(
      db,
      `SELECT "deckId", count(*) AS answered, sum(correct) AS correct
       FROM (${userAnswers('r.deck_id AS "deckId", a.correct')}) x
       GROUP BY "deckId" ORDER BY "deckId"`,
      [scope.platform, scope.teamId, userId],
    );
  },

  /** forget-me: the user's exam date, reminder and reminder sends in a team. */
  async deleteUser(db: Sql, scope: TeamScope, userId: string): Promise<void> {
    await changes(db, 'DELETE FROM exam_dates WHERE platform = $1 AND team_id = $2 AND owner = $3', [scope.platform, scope.teamId, `user:${userId}`]);
    for (const table of ['reminders', 'reminder_sends']) {
      await changes(db, `DELETE FROM ${table} WHERE platform = $1 AND team_id = $2 AND user_id = $3`, [scope.platform, scope.teamId, userId]);
    }
  },
};
