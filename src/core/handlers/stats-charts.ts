/**
 * The pictures of `stats` and the weekly digest: accuracy per topic as bars, and answers per day
 * over the last four weeks (right and wrong stacked). Each is an image block beside the text bars
 * (see chart-block.ts); none when no ChartRenderer is configured or rendering fails.
 */
import { chartBlock, type ChartTools } from '../chart-block.js';
import type { TeamScope } from '../context.js';
import type { ChartDay } from '../ports/charts.js';
import type { ActivityPort, TagTally } from '../ports/store.js';
import type { ReplyImage } from '../reply.js';
import { addDays } from '../local-time.js';
import { topicLabel } from '../round-view.js';
import { accuracyOf } from '../scoring.js';

/** How many days the answers-per-day chart shows, ending today. */
const ACTIVITY_DAYS = 28;

/** The answers-per-day series from `fromDate` for `days` days, zeros where nobody answered. */
export async function activitySeries(store: ActivityPort, scope: TeamScope, toDate: string, userId?: string, days = ACTIVITY_DAYS): Promise<ChartDay[]> {
  const fromDate = addDays(toDate, -(days - 1));
  const rows = new Map((await store.answersPerDay(scope, fromDate, toDate, userId)).map((r) => [r.date, r]));
  return Array.from({ length: days }, (_, i) => {
    const date = addDays(fromDate, i);
    const row = rows.get(date);
    return { date, answered: row?.answered ?? 0, correct: row?.correct ?? 0 };
  });
}

/** Image blocks: accuracy per topic (when any) and answers per day. `prefix` names the files ("stats", "digest"). */
export async function activityCharts(tools: ChartTools, prefix: string, tallies: readonly TagTally[], days: readonly ChartDay[], who: string): Promise<ReplyImage[]> {
  const out: ReplyImage[] = [];
  if (tallies.length > 0) {
    const bars = tallies.map((t) => ({ label: topicLabel(t.tag), value: accuracyOf(t.correct, t.answered) }));
    const summary = bars.map((b) => `${b.label} ${Math.round(b.value * 100)}%`).join(', ');
    const topics = await chartBlock(tools, { kind: 'bars', title: `Accuracy per topic · ${who}`, measure: 'Accuracy', bars }, `${prefix}-topics.png`, `Bar chart of accuracy per topic: ${summary}.`);
    if (topics) out.push(topics);
  }
  const total = days.reduce((sum, d) => sum + d.answered, 0);
  if (total > 0) {
    const right = days.reduce((sum, d) => sum + d.correct, 0);
    const perDay = await chartBlock(
      tools,
      { kind: 'daily', title: `Answers per day, last ${days.length} days · ${who}`, days: [...days] },
      `${prefix}-days.png`,
      `Column chart of answers per day from ${days[0]?.date} to ${days.at(-1)?.date}: ${total} answers, ${right} right.`,
    );
    if (perDay) out.push(perDay);
  }
  return out;
}

/**
 * The readiness picture: one bar per exam domain (estimate 0-1, deck.yaml order), for `readiness`
 * (p2-exam's Readiness.domains maps straight onto it).
 */
export async function readinessChart(tools: ChartTools, domains: readonly { domain: string; estimate: number }[], who: string): Promise<ReplyImage | undefined> {
  if (domains.length === 0) return undefined;
  const bars = domains.map((d) => ({ label: d.domain, value: d.estimate }));
  const summary = bars.map((b) => `${b.label} ${Math.round(b.value * 100)}%`).join(', ');
  return chartBlock(tools, { kind: 'bars', title: `Readiness per exam domain · ${who}`, measure: 'Probably right today', bars }, 'readiness-domains.png', `Bar chart of readiness per exam domain: ${summary}.`);
}
