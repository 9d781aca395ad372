/**
 * The report flow and the admin side of reports: ask for a reason, file a report (with the item's
 * deck, file and line), list open reports with each item's quality figures, resolve one, and the
 * items held out of rounds (3 or more open reports).
 */
import type { Context, TeamScope } from '../context.js';
import type { DeckLibrary } from '../deck/library.js';
import type { ItemQualityPort, ReportsPort } from '../ports/store.js';
import { errorReply } from '../handlers/replies.js';
import type { Reply } from '../reply.js';
import { findReportItem, type ReportedItemRef } from './items.js';
import { qualityFigures } from './quality.js';
import { REPORT_REASONS, type ReportItemKind, type ReportReason } from './reasons.js';
import { REPORTS } from '../text/reports.js';
import { type ListedReport, reasonPicker, reportFiled, reportsList, resolvedReply } from './view.js';

/** An item with this many open reports is left out of daily and channel rounds until they are resolved. */
const HELD_AT = 3;

/** Longest report text and resolve note kept, in characters (the rest is cut). */
export const MAX_REPORT_TEXT = 500;

/** What the report functions use. */
export interface ReportDeps {
  store: ReportsPort & ItemQualityPort;
  library: DeckLibrary;
}

/**
 * A learner's words made safe to store and show: control characters (C0, DEL, C1, and bidi
 * overrides) become spaces, runs of whitespace one space, trimmed, cut to MAX_REPORT_TEXT.
 */
export function cleanReportText(text: string): string {
  return [...uncutReportText(text)].slice(0, MAX_REPORT_TEXT).join('');
}

/** `text` cleaned as cleanReportText does, but not cut. */
function uncutReportText(text: string): string {
  return [...text]
    .map((c) => (isControl(c.codePointAt(0) ?? 0) ? ' ' : c))
    .join('')
    .replace(/\s+/g, ' ')
    .trim();
}

/** C0 and C1 controls, DEL, and the bidi embedding/override/isolate characters. */
function isControl(code: number): boolean {
  return code < 0x20 || (code >= 0x7f && code <= 0x9f) || (code >= 0x202a && code <= 0x202e) || (code >= 0x2066 && code <= 0x2069);
}

function teamOf(ctx: Context): TeamScope {
  return { platform: ctx.platform, teamId: ctx.teamId };
}

function unknownItem(id: string): Reply {
  return errorReply(REPORTS.unknownItem(id), REPORTS.unknownItemHelp);
}

/** The reason picker for an item ("Report a problem" clicked, or `report <item>` typed). */
export function askReason(library: DeckLibrary, ctx: Context, id: string, kind?: ReportItemKind): Reply {
  const ref = findReportItem(library, id, kind);
  return ref ? reasonPicker(ref, ctx) : unknownItem(id);
}

/** File a report (a reason picked, or `report <item> <reason> [text]` typed). */
export async function fileReport(
  deps: ReportDeps,
  ctx: Context,
  request: { id: string; kind?: ReportItemKind; reason: ReportReason; text?: string },
): Promise<Reply> {
  const ref = findReportItem(deps.library.forTeam(ctx), request.id, request.kind);
  if (!ref) return unknownItem(request.id);
  const { report, created } = await deps.store.fileReport(teamOf(ctx), {
    deckId: ref.deck.meta.id,
    itemKind: ref.kind,
    itemId: ref.item.id,
    file: ref.source.file,
    line: ref.source.line,
    userId: ctx.userId,
    reason: request.reason,
    text: cleanReportText(request.text ?? ''),
    at: ctx.now.getTime(),
  });
  const typed = [...uncutReportText(request.text ?? '')].length;
  return reportFiled(ref, report, created, ctx, typed > MAX_REPORT_TEXT ? { typed, limit: MAX_REPORT_TEXT } : undefined);
}

/** `reports`: the team's open reports, oldest first, each with its item's figures. */
export async function listReports(deps: ReportDeps, ctx: Context): Promise<Reply> {
  const scope = teamOf(ctx);
  const open = await deps.store.openReports(scope);
  const counts = new Map<string, number>();
  const key = (r: { deckId: string; itemKind: string; itemId: string }) => `${r.deckId}/${r.itemKind}/${r.itemId}`;
  for (const r of open) counts.set(key(r), (counts.get(key(r)) ?? 0) + 1);
  const listed: ListedReport[] = [];
  for (const report of open) {
    const ref = findReportItem(deps.library.forTeam(scope), report.itemId, report.itemKind, report.deckId);
    const sameDeck: ReportedItemRef | undefined = ref?.deck.meta.id === report.deckId ? ref : undefined;
    const entry: ListedReport = { report, openOnItem: counts.get(key(report)) ?? 1 };
    if (sameDeck) entry.ref = sameDeck;
    if (sameDeck?.kind === 'question') {
      const correctIndex = Math.max(0, sameDeck.item.choices.findIndex((c) => c.correct));
      entry.figures = qualityFigures(await deps.store.itemAnswers(scope, report.deckId, report.itemId), correctIndex);
    }
    listed.push(entry);
  }
  return reportsList(listed, ctx, HELD_AT);
}

/** `reports resolve <id> [note]` (idempotent). */
export async function resolveReport(deps: ReportDeps, ctx: Context, id: number, note?: string): Promise<Reply> {
  const result = await deps.store.resolveReport(teamOf(ctx), id, ctx.userId, cleanReportText(note ?? ''), ctx.now.getTime());
  return resolvedReply(result.status, id, ctx, result.status === 'missing' ? undefined : result.report);
}

/** Question ids of `deckId` held out of rounds in the team (HELD_AT or more open reports). */
export async function heldQuestions(store: Pick<ReportsPort, 'reportedItems'>, scope: TeamScope, deckId: string): Promise<Set<string>> {
  const items = await store.reportedItems({ platform: scope.platform, teamId: scope.teamId }, HELD_AT);
  return new Set(items.filter((i) => i.deckId === deckId && i.itemKind === 'question').map((i) => i.itemId));
}

/** The reason words, for messages. */
export const REASON_WORDS = REPORT_REASONS.join(', ');
