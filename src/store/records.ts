/**
 * Row shapes of the tables both stores share (column names as in both schemas; SQLite booleans and
 * PostgreSQL's parsed numbers alike are 0/1 integers) and their mapping to the ports' rows, so the
 * SQLite store (src/store/*.ts) and the PostgreSQL store (src/store/postgres/) read rows one way.
 */
import type { Platform } from '../core/context.js';
import type { AnswerRow, InstallationRow, MockEndReason, MockExamRow, MockQuestionRow, ReminderRow, ReportRow, SubscriptionRow } from '../core/ports/store.js';
import type { ReportItemKind, ReportReason } from '../core/reports/reasons.js';

/** An answers row as both stores return it (column names as in the schema). */
export interface AnswerRecord {
  round_id: number;
  user_id: string;
  platform: string;
  team_id: string;
  channel_id: string;
  letter: string;
  choice_index: number;
  correct: number;
  points: number;
  answered_at: number;
  local_date: string;
}

/** Map an answers row to the port's AnswerRow. */
export function answerFromRow(r: AnswerRecord): AnswerRow {
  return {
    roundId: r.round_id,
    userId: r.user_id,
    platform: r.platform as Platform,
    teamId: r.team_id,
    channelId: r.channel_id,
    letter: r.letter,
    choiceIndex: r.choice_index,
    correct: r.correct === 1,
    points: r.points,
    answeredAt: r.answered_at,
    localDate: r.local_date,
  };
}

/** A subscriptions row as both stores return it. */
export interface SubscriptionRecord {
  platform: string;
  team_id: string;
  channel_id: string;
  deck_id: string;
  time: string;
  time_zone: string;
  cadence: string;
  created_by: string;
  created_at: number;
  paused_reason: string | null;
  paused_at: number | null;
}

/** Map a subscriptions row to the port's SubscriptionRow. */
export function subscriptionFromRow(r: SubscriptionRecord): SubscriptionRow {
  return {
    platform: r.platform as Platform,
    teamId: r.team_id,
    channelId: r.channel_id,
    deckId: r.deck_id,
    time: r.time,
    timeZone: r.time_zone,
    cadence: r.cadence as SubscriptionRow['cadence'],
    createdBy: r.created_by,
    createdAt: r.created_at,
    pausedReason: r.paused_reason,
    pausedAt: r.paused_at,
  };
}

/** A reports row as both stores return it. */
export interface ReportRecord {
  id: number;
  deck_id: string;
  item_kind: string;
  item_id: string;
  file: string;
  line: number | null;
  user_id: string;
  reason: string;
  text: string;
  at: number;
  status: string;
  resolved_at: number | null;
  resolved_by: string | null;
  note: string | null;
}

/** Map a reports row to the port's ReportRow. */
export function reportFromRow(r: ReportRecord): ReportRow {
  return {
    id: r.id,
    deckId: r.deck_id,
    itemKind: r.item_kind as ReportItemKind,
    itemId: r.item_id,
    file: r.file,
    line: r.line,
    userId: r.user_id,
    reason: r.reason as ReportReason,
    text: r.text,
    at: r.at,
    status: r.status === 'resolved' ? 'resolved' : 'open',
    resolvedAt: r.resolved_at,
    resolvedBy: r.resolved_by,
    note: r.note,
  };
}

/** The reports columns ReportRecord holds, in order. */
export const REPORT_COLUMNS = 'id, deck_id, item_kind, item_id, file, line, user_id, reason, text, at, status, resolved_at, resolved_by, note';

/** A mock_exams row as both stores return it. */
export interface MockRecord {
  id: number;
  platform: string;
  team_id: string;
  channel_id: string;
  user_id: string;
  deck_id: string;
  direct: number;
  started_at: number;
  ends_at: number;
  ended_at: number | null;
  end_reason: MockEndReason | null;
  results_seen: number;
  retake_of: number | null;
}

/** A mock_questions row as both stores return it. */
export interface QuestionRecord {
  position: number;
  round_id: number;
  question_id: string;
  domain: string;
  flagged: number;
}

/** A mock exam and its questions (in position order) as the port's MockExamRow. */
export function mockFromRecords(r: MockRecord, questions: readonly QuestionRecord[]): MockExamRow {
  return {
    id: r.id,
    platform: r.platform as Platform,
    teamId: r.team_id,
    channelId: r.channel_id,
    userId: r.user_id,
    deckId: r.deck_id,
    direct: r.direct === 1,
    startedAt: r.started_at,
    endsAt: r.ends_at,
    endedAt: r.ended_at,
    endReason: r.end_reason,
    resultsSeen: r.results_seen === 1,
    retakeOf: r.retake_of,
    questions: questions.map((q): MockQuestionRow => ({ position: q.position, roundId: q.round_id, questionId: q.question_id, domain: q.domain, flagged: q.flagged === 1 })),
  };
}

/** A reminders row with its last send date, as both stores select it (camel-case aliases). */
export interface ReminderRecord {
  platform: string;
  teamId: string;
  userId: string;
  at: string;
  quiet: string | null;
  weekdaysOnly: number;
  timeZone: string;
  deckId: string;
  pausedReason: string | null;
  lastSentDate: string | null;
}

/** Map a reminders row to the port's ReminderRow. */
export function reminderFromRecord(row: ReminderRecord): ReminderRow {
  return { ...row, platform: row.platform as Platform, weekdaysOnly: row.weekdaysOnly === 1 };
}

/** An installations row as both backends return it (SELECT *). */
export interface InstallationRecord {
  platform: string;
  team_id: string;
  enterprise_id: string | null;
  installation: string;
  installer_id: string | null;
  installed_at: number;
}

/** The one place an installations row becomes an InstallationRow. */
export function installationFromRow(r: InstallationRecord): InstallationRow {
  return {
    platform: r.platform as Platform,
    teamId: r.team_id,
    enterpriseId: r.enterprise_id,
    installation: r.installation,
    installerId: r.installer_id,
    installedAt: r.installed_at,
  };
}
