/**
 * The words of the report flow and the `reports` admin view (reports/view.ts, reports/service.ts, the digest line).
 * Core never names a platform: typed commands take `prefix` ("/kms " or "").
 */
import type { ReportItemKind, ReportReason } from '../reports/reasons.js';

/** Button label on feedback, reveal and explain cards. */
export const REPORT_BUTTON = 'Report a problem';

/** How each reason reads in the picker and in lists. */
export const REASON_LABELS: Readonly<Record<ReportReason, string>> = {
  wrong: 'The marked answer is wrong',
  ambiguous: 'Two answers are defensible',
  outdated: 'Outdated',
  unclear: 'Unclear wording',
  typo: 'Typo',
  other: 'Something else',
};

/** Reasons worded differently for terms: a term has a definition, not a marked answer. */
const TERM_REASON_LABELS: Readonly<Partial<Record<ReportReason, string>>> = {
  wrong: 'The definition is wrong',
  ambiguous: 'Misleading or ambiguous',
};

/** How `reason` reads for an item of `kind` (REASON_LABELS, with a term's own wording where it differs). */
export function reasonLabel(reason: ReportReason, kind: ReportItemKind): string {
  return (kind === 'term' ? TERM_REASON_LABELS[reason] : undefined) ?? REASON_LABELS[reason];
}

/** "question", "term", "scenario". */
export const KIND_WORD: Readonly<Record<ReportItemKind, string>> = { question: 'question', term: 'term', scenario: 'scenario' };

export const REPORTS = {
  /** The learner's words were longer than the limit: what was kept. */
  textCut: (typed: number, limit: number) => `Your words were cut to ${limit} characters (you wrote ${typed}); the first ${limit} are kept.`,
  pickerTitle: (name: string) => `Report a problem · ${name}`,
  pickerBody: 'What is wrong with it? Pick a reason; an admin will look at it.',
  pickerPlaceholder: 'Pick a reason',
  pickerTyped: (prefix: string, id: string) =>
    `Or type \`${prefix}report ${id} <reason> [what is wrong]\`, e.g. \`${prefix}report ${id} outdated the quota changed\`.`,
  filedTitle: (id: number) => `Thanks — report #${id} filed`,
  updatedTitle: (id: number) => `Thanks — your report #${id} is updated`,
  filedBody: (kind: string, name: string, reason: string) => `Your report on the ${kind} “${name}” (${reason}) is with the admins.`,
  addText: (prefix: string, id: string, reason: string) =>
    `To add what is wrong in your own words, type \`${prefix}report ${id} ${reason} <your words>\` (it updates this report).`,
  unknownItem: (id: string) => `No question, term or scenario has the id "${id}"`,
  unknownItemHelp: 'Use the id shown on the card (e.g. q-kms-regional-scope), or the Report a problem button.',
  unknownReason: (word: string, reasons: string) => `"${word}" is not a reason; use one of: ${reasons}`,
  listTitle: (n: number) => (n === 0 ? 'No open reports' : `${n} open report${n === 1 ? '' : 's'}`),
  listEmpty: 'Nothing to look at: learners have not reported any problem that is still open.',
  listHow: (prefix: string) => `Close one with \`${prefix}reports resolve <id> [note]\`. Items with 3 or more open reports are left out of daily and channel rounds until resolved.`,
  heldLine: 'Left out of daily and channel rounds until its reports are resolved.',
  discrimination:
    'Discrimination: share right among the top half of its answerers by overall accuracy minus the bottom half (−1 to +1; near 0 or below: the item does not separate strong from weak learners).',
  resolvedTitle: (id: number) => `Report #${id} resolved`,
  alreadyTitle: (id: number) => `Report #${id} was already resolved`,
  missingTitle: (id: number) => `There is no report #${id}`,
  missingBody: (prefix: string) => `\`${prefix}reports\` lists the open ones with their numbers.`,
  digestLine: (n: number) => `Open problem reports: ${n} — admins can review them with the \`reports\` subcommand.`,
} as const;
