/**
 * What the report flow and the `reports` admin view look like: the "Report a problem" button, the
 * reason picker, the thank-you, the open reports with each item's quality figures, and the
 * resolve answers.
 */
import type { Context } from '../context.js';
import type { ReportRow } from '../ports/store.js';
import type { Reply, ReplyBlock } from '../reply.js';
import type { ReportedItemRef } from './items.js';
import type { QualityFigures } from './quality.js';
import { REPORT_REASONS } from './reasons.js';
import { KIND_WORD, REPORTS, reasonLabel } from '../text/reports.js';

function prefixOf(ctx: Context): string {
  return ctx.surface?.commandPrefix ?? '';
}

/** The reason picker (only the asker sees it): one menu option per reason, and the typed form. */
export function reasonPicker(ref: ReportedItemRef, ctx: Context): Reply {
  const id = ref.item.id;
  return {
    visibility: 'user',
    tone: 'info',
    title: REPORTS.pickerTitle(ref.name),
    blocks: [
      { type: 'text', text: REPORTS.pickerBody },
      { type: 'text', text: REPORTS.pickerTyped(prefixOf(ctx), id) },
    ],
    menu: {
      action: { kind: 'report', target: ref.kind, id },
      placeholder: REPORTS.pickerPlaceholder,
      options: REPORT_REASONS.map((reason) => ({ label: reasonLabel(reason, ref.kind), action: { kind: 'report', target: ref.kind, id, reason } })),
    },
    footer: `${ref.deck.meta.id} · ${KIND_WORD[ref.kind]} ${id}`,
  };
}

/** The thank-you after a report was filed (or the reporter's open one updated); `cut` (characters typed and kept) adds a line saying the words were cut. */
export function reportFiled(ref: ReportedItemRef, report: ReportRow, created: boolean, ctx: Context, cut?: { typed: number; limit: number }): Reply {
  const lines = [REPORTS.filedBody(KIND_WORD[ref.kind], ref.name, reasonLabel(report.reason, ref.kind).toLowerCase())];
  if (cut) lines.push(REPORTS.textCut(cut.typed, cut.limit));
  if (report.text === '') lines.push(REPORTS.addText(prefixOf(ctx), ref.item.id, report.reason));
  return {
    visibility: 'user',
    tone: 'success',
    title: created ? REPORTS.filedTitle(report.id) : REPORTS.updatedTitle(report.id),
    blocks: lines.map((text): ReplyBlock => ({ type: 'text', text })),
  };
}

/** One open report as the admin list shows it. */
export interface ListedReport {
  report: ReportRow;
  /** The item, when the loaded decks still have it. */
  ref?: ReportedItemRef;
  /** Open reports on the same item (this one included). */
  openOnItem: number;
  /** Figures of a question (undefined for terms and scenarios, or a missing item). */
  figures?: QualityFigures;
}

function pct(part: number, whole: number): string {
  return whole === 0 ? '–' : `${Math.round((100 * part) / whole)}%`;
}

/** "Answered 12 times, 58% right; most-picked wrong choice: “…” (4); discrimination +0.40 (top 3 learners 5/6 right, bottom 3 2/6)". */
function figuresLine(figures: QualityFigures, ref: ReportedItemRef | undefined): string {
  const parts = [`answered ${figures.answered} time${figures.answered === 1 ? '' : 's'}, ${pct(figures.correct, figures.answered)} right`];
  if (figures.mostPickedWrong) {
    // Named by its text: letters differ from round to round (choices are shuffled).
    const text = ref?.kind === 'question' ? ref.item.choices[figures.mostPickedWrong.choiceIndex]?.text : undefined;
    parts.push(`most-picked wrong choice: ${text ? `“${text}”` : `number ${figures.mostPickedWrong.choiceIndex + 1} in the deck`} (${figures.mostPickedWrong.count})`);
  }
  if (figures.discrimination !== undefined) {
    const d = figures.discrimination;
    parts.push(
      `discrimination ${d >= 0 ? '+' : '−'}${Math.abs(d).toFixed(2)} (top ${figures.top.learners} learner${figures.top.learners === 1 ? '' : 's'} ${figures.top.correct}/${figures.top.answered} right, bottom ${figures.bottom.learners} ${figures.bottom.correct}/${figures.bottom.answered})`,
    );
  } else {
    parts.push('discrimination: needs answers from at least 2 learners');
  }
  const line = parts.join('; ');
  return line.charAt(0).toUpperCase() + line.slice(1);
}

/** The `reports` list: each open report with its item, where it is written, and the item's figures. */
export function reportsList(listed: ListedReport[], ctx: Context, heldAt: number): Reply {
  if (listed.length === 0) return { visibility: 'user', tone: 'info', title: REPORTS.listTitle(0), blocks: [{ type: 'text', text: REPORTS.listEmpty }] };
  const blocks: ReplyBlock[] = [];
  for (const { report, ref, openOnItem, figures } of listed) {
    const where = report.line === null ? report.file : `${report.file}:${report.line}`;
    const lines = [
      `${report.deckId} · ${KIND_WORD[report.itemKind]} ${report.itemId}${ref ? ` — ${ref.name}` : ' (no longer in the loaded decks)'}`,
      `${where}`,
      `Reason: ${reasonLabel(report.reason, report.itemKind)}${report.text ? ` — “${report.text}”` : ''}`,
      `Reported ${new Date(report.at).toISOString().slice(0, 16).replace('T', ' ')} UTC · ${openOnItem} open report${openOnItem === 1 ? '' : 's'} on this item`,
    ];
    if (figures) lines.push(figuresLine(figures, ref));
    if (openOnItem >= heldAt) lines.push(REPORTS.heldLine);
    blocks.push({ type: 'section', heading: `#${report.id}`, text: lines.join('\n') });
  }
  if (listed.some((l) => l.figures)) blocks.push({ type: 'text', text: REPORTS.discrimination });
  blocks.push({ type: 'text', text: REPORTS.listHow(prefixOf(ctx)) });
  return { visibility: 'user', tone: 'warning', title: REPORTS.listTitle(listed.length), blocks };
}

/** The answer to `reports resolve <id>`. */
export function resolvedReply(status: 'resolved' | 'already-resolved' | 'missing', id: number, ctx: Context, report?: ReportRow): Reply {
  if (status === 'missing' || !report) return { visibility: 'user', tone: 'error', title: REPORTS.missingTitle(id), blocks: [{ type: 'text', text: REPORTS.missingBody(prefixOf(ctx)) }] };
  const when = report.resolvedAt === null ? '' : new Date(report.resolvedAt).toISOString().slice(0, 16).replace('T', ' ');
  const lines = [`${report.deckId} · ${KIND_WORD[report.itemKind]} ${report.itemId} · ${reasonLabel(report.reason, report.itemKind)}`, `Resolved ${when} UTC${report.note ? `: ${report.note}` : ''}`];
  return {
    visibility: 'user',
    tone: status === 'resolved' ? 'success' : 'info',
    title: status === 'resolved' ? REPORTS.resolvedTitle(id) : REPORTS.alreadyTitle(id),
    blocks: lines.map((text): ReplyBlock => ({ type: 'text', text })),
  };
}
