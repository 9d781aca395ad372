/** `report <item> [reason] [text]`: report a problem with a question, term or scenario (the typed form of "Report a problem"). */
import type { DeckLibrary } from '../deck/library.js';
import { normalise } from '../deck/normalise.js';
import { handleInvalid } from '../handlers/help.js';
import { findReportItem, type ReportedItemRef, reportItemByWord, reportItemsByName } from '../reports/items.js';
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
  /**
   * Typed with more than one word (or one word that is not id-shaped, e.g. the alias "aws/s3"): the
   * words and the input, so that running it can take the longest item name the words start with
   * ("Grant (KMS)") before the reason; `problem` is what the words
   * mean otherwise (the first word an item id, the second a reason), said when no longer name matches.
   */
  typed?: { words: string[]; input: string; problem?: string };
}

/** Most words an item name is looked for in (a question's prompt is the longest name). */
const MAX_NAME_WORDS = 40;

/**
 * The item the longest run of leading `words` names, and the words after it; undefined when none does.
 * Two words or more are compared normalised (reportItemsByName); the first word alone only when it is
 * no item's id and is one of an item's names exactly, case aside (the alias "aws/s3" or "mrk-";
 * reportItemByWord). Otherwise the first word is read as an id, as before.
 */
function longestItemName(library: DeckLibrary, words: readonly string[]): { ref: ReportedItemRef; rest: string[] } | undefined {
  const byName = reportItemsByName(library);
  for (let n = Math.min(words.length, MAX_NAME_WORDS); n >= 2; n--) {
    const ref = byName.get(normalise(words.slice(0, n).join(' ')));
    if (ref) return { ref, rest: words.slice(n) };
  }
  const [first] = words;
  if (first === undefined || findReportItem(library, first) !== undefined) return undefined;
  const ref = reportItemByWord(library, first);
  return ref ? { ref, rest: words.slice(1) } : undefined;
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
      `The item is the id on the card, or its name as shown (\`report Grant (KMS) typo\`: the longest name the words start with is taken); without a reason you get the list to pick from. Your words are optional (at most ${MAX_REPORT_TEXT} characters). Reporting the same item again while your report is open updates it.`,
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
    // The words may start with an item's name ("Grant (KMS)", the alias "aws/s3"): run looks for the longest first.
    const typed = (problem?: string) => (args.length > 1 ? { typed: { words: [...args], input, ...optional('problem', problem) } } : {});
    if (!ITEM.test(item)) {
      const problem = `report needs an item id of letters, digits and hyphens first (got ${quote(item)})`;
      return { kind: 'report', item, typed: { words: [...args], input, problem } };
    }
    if (reasonWord === undefined) return { kind: 'report', item };
    const reason = parseReason(reasonWord);
    if (!reason) return { kind: 'report', item, ...typed(`${quote(reasonWord)} is not a reason; use one of: ${REASON_WORDS}`) };
    return { kind: 'report', item, reason, ...(rest.length > 0 ? { text: rest.join(' ') } : {}), ...typed() };
  },
  fromOptions: (o) => {
    const reason = parseReason(o.string('reason') ?? '');
    return { kind: 'report', item: o.string('item') ?? '', ...optional('reason', reason), ...optional('text', o.string('text')) };
  },
  run: (c, ctx, { deps, catalogue }) => {
    const library = deps.library.forTeam(ctx);
    const named = c.typed ? longestItemName(library, c.typed.words) : undefined;
    if (named && c.typed) {
      const [reasonWord, ...rest] = named.rest;
      const { id, kind } = { id: named.ref.item.id, kind: named.ref.kind };
      if (reasonWord === undefined) return askReason(library, ctx, id, kind);
      const reason = parseReason(reasonWord);
      if (!reason) return handleInvalid(catalogue, `${quote(reasonWord)} is not a reason; use one of: ${REASON_WORDS}`, c.typed.input, ctx.now, ctx.surface);
      return fileReport(deps, ctx, { id, kind, reason, ...(rest.length > 0 ? { text: rest.join(' ') } : {}) });
    }
    if (c.typed?.problem !== undefined) return handleInvalid(catalogue, c.typed.problem, c.typed.input, ctx.now, ctx.surface);
    // An item option holding a name as shown ("Grant (KMS)") rather than an id names that item too.
    const byName = c.typed === undefined && findReportItem(library, c.item) === undefined ? reportItemsByName(library).get(normalise(c.item)) : undefined;
    const item = byName ? { id: byName.item.id, kind: byName.kind } : { id: c.item };
    return c.reason === undefined ? askReason(library, ctx, item.id, item.kind) : fileReport(deps, ctx, { ...item, reason: c.reason, ...optional('text', c.text) });
  },
});
