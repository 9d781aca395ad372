/** `report <item> [reason] [text]`: report a problem with a question, term or scenario (the typed form of "Report a problem"). */
import { parseReason, REPORT_REASONS, type ReportReason } from '../reports/reasons.js';
import { REASON_LABELS } from '../text/reports.js';
import { askReason, fileReport, MAX_REPORT_TEXT, REASON_WORDS } from '../reports/service.js';
import { defineCommand } from './spec.js';
import { invalid, optional, quote } from './text-args.js';

/** A parsed `report`. */
export interface ReportCommand {
  kind: 'report';
  /** The item's id as typed (a question, term or scenario id). */
  item: string;
  /** Absent: show the reasons to pick from. */
  reason?: ReportReason;
  /** The learner's words (cleaned and cut to 500 characters when stored). */
  text?: string;
}

const ITEM = /^[a-z0-9][a-z0-9-]{0,62}$/i;

export const report = defineCommand<ReportCommand>({
  name: 'report',
  help: {
    usage: 'report <item> [reason] [text]',
    summary: 'report a problem with a question, term or scenario to the admins',
    examples: ['report q-kms-regional-scope outdated the quota changed', 'report grant'],
    details: [
      `Reasons: ${REPORT_REASONS.map((r) => `\`${r}\` (${REASON_LABELS[r].toLowerCase()})`).join(', ')}.`,
      `The item is the id on the card; without a reason you get the list to pick from. Your words are optional (at most ${MAX_REPORT_TEXT} characters). Reporting the same item again while your report is open updates it.`,
    ],
  },
  description: 'Report a problem with a question, term or scenario',
  options: [
    { name: 'item', kind: 'string', description: 'The question, term or scenario id shown on the card', required: true, maxLength: 63 },
    { name: 'reason', kind: 'string', description: 'What is wrong', choices: REPORT_REASONS.map((r) => ({ label: REASON_LABELS[r], value: r })) },
    { name: 'text', kind: 'string', description: 'What is wrong, in your words', maxLength: MAX_REPORT_TEXT },
  ],
  // Item, reason and the learner's words: longer words are cut to MAX_REPORT_TEXT when stored.
  maxArgumentLength: 5_000,
  parse: ({ args, input }) => {
    const [item, reasonWord, ...rest] = args;
    if (item === undefined) return invalid('report needs the item id, e.g. `report q-kms-regional-scope outdated`', input);
    if (!ITEM.test(item)) return invalid(`report needs an item id of letters, digits and hyphens first (got ${quote(item)})`, input);
    if (reasonWord === undefined) return { kind: 'report', item };
    const reason = parseReason(reasonWord);
    if (!reason) return invalid(`${quote(reasonWord)} is not a reason; use one of: ${REASON_WORDS}`, input);
    return { kind: 'report', item, reason, ...(rest.length > 0 ? { text: rest.join(' ') } : {}) };
  },
  fromOptions: (o) => {
    const reason = parseReason(o.string('reason') ?? '');
    return { kind: 'report', item: o.string('item') ?? '', ...optional('reason', reason), ...optional('text', o.string('text')) };
  },
  run: (c, ctx, { deps }) =>
    c.reason === undefined ? askReason(deps.library.forTeam(ctx), ctx, c.item) : fileReport(deps, ctx, { id: c.item, reason: c.reason, ...optional('text', c.text) }),
});
