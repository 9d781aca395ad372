/**
 * The exam tables: exam_dates (a learner's or a channel's exam day), reminders (settings and pause)
 * and reminder_sends (one row per learner and local date: the at-most-one-a-day key).
 */
import type Database from 'better-sqlite3';
import type { ChannelScope, TeamScope } from '../core/context.js';
import type { ExamDateRow, RecentAnswer, ReminderRow, ReminderSettings } from '../core/ports/store.js';
import { userAnswersSql } from './user-answers.js';
import { type ReminderRecord, reminderFromRecord } from './records.js';

/** Owner key of exam_dates: "user:<id>" or "channel:<id>". */
type Owner = `user:${string}` | `channel:${string}`;


const REMINDER_COLUMNS = `r.platform, r.team_id AS teamId, r.user_id AS userId, r.at, r.quiet, r.weekdays_only AS weekdaysOnly,
  r.time_zone AS timeZone, r.deck_id AS deckId, r.paused_reason AS pausedReason,
  (SELECT MAX(s.local_date) FROM reminder_sends s WHERE s.platform = r.platform AND s.team_id = r.team_id AND s.user_id = r.user_id) AS lastSentDate`;


/** Prepared statements over the exam tables. */
export class ExamTables {
  private readonly upsertExam: Database.Statement;
  private readonly selectExam: Database.Statement;
  private readonly deleteExam: Database.Statement;
  private readonly upsertReminder: Database.Statement;
  private readonly selectReminder: Database.Statement;
  private readonly deleteReminder: Database.Statement;
  private readonly selectActive: Database.Statement;
  private readonly pause: Database.Statement;
  private readonly insertSend: Database.Statement;
  private readonly selectRecent: Database.Statement;
  private readonly selectLearners: Database.Statement;
  private readonly deleteUserExams: Database.Statement;
  private readonly deleteUserReminders: Database.Statement;
  private readonly deleteUserSends: Database.Statement;

  constructor(db: Database.Database) {
    this.upsertExam = db.prepare(`
      INSERT INTO exam_dates (platform, team_id, owner, deck_id, exam_date, time_zone, set_by, set_at)
      VALUES (@platform, @teamId, @owner, @deckId, @date, @timeZone, @setBy, @setAt)
      ON CONFLICT DO UPDATE SET deck_id = excluded.deck_id, exam_date = excluded.exam_date,
        time_zone = excluded.time_zone, set_by = excluded.set_by, set_at = excluded.set_at`);
    this.selectExam = db.prepare(`
      SELECT deck_id AS deckId, exam_date AS date, time_zone AS timeZone, set_by AS setBy, set_at AS setAt
      FROM exam_dates WHERE platform = ? AND team_id = ? AND owner = ?`);
    this.deleteExam = db.prepare('DELETE FROM exam_dates WHERE platform = ? AND team_id = ? AND owner = ?');
    this.upsertReminder = db.prepare(`
      INSERT INTO reminders (platform, team_id, user_id, at, quiet, weekdays_only, time_zone, deck_id, paused_reason)
      VALUES (@platform, @teamId, @userId, @at, @quiet, @weekdaysOnly, @timeZone, @deckId, NULL)
      ON CONFLICT DO UPDATE SET at = excluded.at, quiet = excluded.quiet, weekdays_only = excluded.weekdays_only,
        time_zone = excluded.time_zone, deck_id = excluded.deck_id, paused_reason = NULL`);
    this.selectReminder = db.prepare(`SELECT ${REMINDER_COLUMNS} FROM reminders r WHERE r.platform = ? AND r.team_id = ? AND r.user_id = ?`);
    this.deleteReminder = db.prepare('DELETE FROM reminders WHERE platform = ? AND team_id = ? AND user_id = ?');
    this.selectActive = db.prepare(`SELECT ${REMINDER_COLUMNS} FROM reminders r WHERE r.paused_reason IS NULL ORDER BY r.platform, r.team_id, r.user_id`);
    this.pause = db.prepare('UPDATE reminders SET paused_reason = ? WHERE platform = ? AND team_id = ? AND user_id = ?');
    this.insertSend = db.prepare(`
      INSERT INTO reminder_sends (platform, team_id, user_id, local_date, sent_at) VALUES (?, ?, ?, ?, ?)
      ON CONFLICT DO NOTHING`);
    this.selectRecent = db.prepare(`
      SELECT questionId, correct, answeredAt FROM (${userAnswersSql(
        'r.question_id AS questionId, a.correct AS correct, a.answered_at AS answeredAt, a.round_id AS roundId',
        'r.deck_id = @deckId AND a.answered_at >= @since',
      )})
      ORDER BY answeredAt, roundId`);
    // The channel's daily and channel rounds (rounds_by_question: platform, team_id, channel_id) and
    // the team's practice rounds asked in the channel (rounds_by_team: platform, team_id, kind), then
    // each round's answers by the answers key's round_id prefix. Not on a click: `readiness here`.
    this.selectLearners = db.prepare(`
      SELECT a.user_id AS userId
      FROM rounds r INDEXED BY rounds_by_question JOIN answers a ON a.round_id = r.id
      WHERE r.platform = @platform AND r.team_id = @teamId AND r.channel_id = @channelId
        AND r.kind IN ('daily', 'channel') AND a.answered_at >= @since
      UNION
      SELECT a.user_id AS userId
      FROM rounds r INDEXED BY rounds_by_team JOIN answers a ON a.round_id = r.id
      WHERE r.platform = @platform AND r.team_id = @teamId AND r.kind = 'practice'
        AND r.channel_id = @channelId AND a.answered_at >= @since
      ORDER BY userId`);
    this.deleteUserExams = db.prepare('DELETE FROM exam_dates WHERE platform = ? AND team_id = ? AND owner = ?');
    this.deleteUserReminders = db.prepare('DELETE FROM reminders WHERE platform = ? AND team_id = ? AND user_id = ?');
    this.deleteUserSends = db.prepare('DELETE FROM reminder_sends WHERE platform = ? AND team_id = ? AND user_id = ?');
  }

  setExam(scope: TeamScope, owner: Owner, exam: ExamDateRow): void {
    this.upsertExam.run({ platform: scope.platform, teamId: scope.teamId, owner, ...exam });
  }

  exam(scope: TeamScope, owner: Owner): ExamDateRow | undefined {
    return this.selectExam.get(scope.platform, scope.teamId, owner) as ExamDateRow | undefined;
  }

  clearExam(scope: TeamScope, owner: Owner): boolean {
    return this.deleteExam.run(scope.platform, scope.teamId, owner).changes > 0;
  }

  setReminder(scope: TeamScope, userId: string, settings: ReminderSettings): void {
    this.upsertReminder.run({ platform: scope.platform, teamId: scope.teamId, userId, ...settings, weekdaysOnly: settings.weekdaysOnly ? 1 : 0 });
  }

  reminder(scope: TeamScope, userId: string): ReminderRow | undefined {
    const row = this.selectReminder.get(scope.platform, scope.teamId, userId) as ReminderRecord | undefined;
    return row ? reminderFromRecord(row) : undefined;
  }

  removeReminder(scope: TeamScope, userId: string): boolean {
    return this.deleteReminder.run(scope.platform, scope.teamId, userId).changes > 0;
  }

  activeReminders(): ReminderRow[] {
    return (this.selectActive.all() as ReminderRecord[]).map(reminderFromRecord);
  }

  pauseReminder(scope: TeamScope, userId: string, reason: string): void {
    this.pause.run(reason, scope.platform, scope.teamId, userId);
  }

  claimReminder(scope: TeamScope, userId: string, localDate: string, at: number): boolean {
    return this.insertSend.run(scope.platform, scope.teamId, userId, localDate, at).changes > 0;
  }

  recentAnswers(scope: TeamScope, userId: string, deckId: string, since: number): RecentAnswer[] {
    const rows = this.selectRecent.all({ platform: scope.platform, teamId: scope.teamId, userId, deckId, since }) as { questionId: string; correct: number; answeredAt: number }[];
    return rows.map((r) => ({ questionId: r.questionId, correct: r.correct === 1, answeredAt: r.answeredAt }));
  }

  activeLearners(channel: ChannelScope, since: number): string[] {
    return (this.selectLearners.all({ platform: channel.platform, teamId: channel.teamId, channelId: channel.channelId, since }) as { userId: string }[]).map((r) => r.userId);
  }

  /** Delete a user's exam date, reminder and reminder sends in a team (forget-me). */
  deleteUser(scope: TeamScope, userId: string): void {
    this.deleteUserExams.run(scope.platform, scope.teamId, `user:${userId}`);
    this.deleteUserReminders.run(scope.platform, scope.teamId, userId);
    this.deleteUserSends.run(scope.platform, scope.teamId, userId);
  }
}
