/** `reports` and `reports resolve <id> [note]`: the open problem reports with each item's quality figures (admins). */
import { listReports, resolveReport } from '../reports/service.js';
import { defineCommand } from './spec.js';
import { invalid, MAX_TEXT_OPTION, optional, quote, roundNumber } from './text-args.js';

/** A parsed `reports`. */
export interface ReportsCommand {
  kind: 'reports';
  /** Absent: list the open reports; present: resolve that report. */
  resolve?: number;
  /** The resolver's note (with `resolve`). */
  note?: string;
}

export const reports = defineCommand<ReportsCommand>({
  name: 'reports',
  help: {
    usage: 'reports [resolve <id> [note]]',
    summary: 'open problem reports with each item’s quality figures, and resolving them (admins)',
    examples: ['reports', 'reports resolve 4 fixed the explanation'],
    details: [
      'Each report shows the item, its file and line, the reason and words, and for a question: answers, share right, the most-picked wrong choice and a discrimination index.',
      'An item with 3 or more open reports is left out of daily and channel rounds until they are resolved. Resolving twice changes nothing.',
    ],
  },
  description: 'Open problem reports and their items’ quality figures; resolve one (admins)',
  options: [
    { name: 'resolve', kind: 'integer', description: 'Resolve this report number', minValue: 1 },
    { name: 'note', kind: 'string', description: 'A note on how it was resolved', maxLength: MAX_TEXT_OPTION },
  ],
  requires: ['admin'],
  parse: ({ args, input }) => {
    if (args.length === 0) return { kind: 'reports' };
    const [verb, idWord, ...rest] = args;
    if (verb?.toLowerCase() !== 'resolve') return invalid(`reports takes nothing or \`resolve <id> [note]\` (got ${quote(args.join(' '))})`, input);
    const id = roundNumber(idWord ?? '');
    if (id === undefined) return invalid(`reports resolve needs a report number, e.g. \`reports resolve 4\`${idWord ? ` (got ${quote(idWord)})` : ''}`, input);
    return { kind: 'reports', resolve: id, ...(rest.length > 0 ? { note: rest.join(' ') } : {}) };
  },
  fromOptions: (o) => ({ kind: 'reports', ...optional('resolve', o.integer('resolve')), ...optional('note', o.string('note')) }),
  run: (c, ctx, { deps }) => (c.resolve === undefined ? listReports(deps, ctx) : resolveReport(deps, ctx, c.resolve, c.note)),
});
