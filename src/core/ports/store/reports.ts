/**
 * The reports port: learners' problem reports on deck items (a question, term or scenario), and
 * admins resolving them. Every row is scoped by platform and team; times are UTC epoch ms. Every
 * method is one transaction and returns a Promise.
 *
 * Rules (checked by the store contract):
 * - One open report per user per item: reporting the same item again while the first report is
 *   open updates that report (reason, text, time) instead of adding another; after it is resolved
 *   a new report may be filed.
 * - Resolving is idempotent: resolving a resolved report changes nothing and says so.
 * - forget-me (PrivacyPort.forgetUser) deletes the reports a user filed in that team, and blanks
 *   them as the resolver of others' reports.
 */
import type { TeamScope } from '../../context.js';
import type { ReportItemKind, ReportReason } from '../../reports/reasons.js';

/** A report as filed. */
export interface NewReport {
  deckId: string;
  itemKind: ReportItemKind;
  itemId: string;
  /** The item's file as the loader names it ("content/decks/kms/questions.yaml"). */
  file: string;
  /** 1-based line of the item in `file`, or null when unknown. */
  line: number | null;
  userId: string;
  reason: ReportReason;
  /** The learner's words, already cleaned and bounded by core ('' when none). */
  text: string;
  /** UTC ms. */
  at: number;
}

/** A stored report. */
export interface ReportRow extends NewReport {
  /** Positive, never reused within a database. */
  id: number;
  status: 'open' | 'resolved';
  resolvedAt: number | null;
  resolvedBy: string | null;
  /** The resolver's note ('' when none), null while open. */
  note: string | null;
}

/** What fileReport did: a new report, or the reporter's open report on that item updated. */
export interface FileReportResult {
  report: ReportRow;
  created: boolean;
}

/** What resolveReport did. */
export type ResolveReportResult =
  | { status: 'resolved'; report: ReportRow }
  /** It was resolved before: nothing changed (the first resolution's note and time stand). */
  | { status: 'already-resolved'; report: ReportRow }
  | { status: 'missing' };

/** An item and how many open reports it has. */
export interface ReportedItem {
  deckId: string;
  itemKind: ReportItemKind;
  itemId: string;
  open: number;
}

/** Problem reports. */
export interface ReportsPort {
  /** File a report (see the module rules: a second open one by the same user on the item updates the first). */
  fileReport(scope: TeamScope, report: NewReport): Promise<FileReportResult>;
  /** The team's open reports, oldest first. */
  openReports(scope: TeamScope): Promise<ReportRow[]>;
  /** One report of the team by id (open or resolved), or undefined. */
  getReport(scope: TeamScope, id: number): Promise<ReportRow | undefined>;
  /** Resolve a report of the team (idempotent; see ResolveReportResult). */
  resolveReport(scope: TeamScope, id: number, by: string, note: string, at: number): Promise<ResolveReportResult>;
  /** Items of the team with at least `atLeast` open reports, most reported first. */
  reportedItems(scope: TeamScope, atLeast: number): Promise<ReportedItem[]>;
}
