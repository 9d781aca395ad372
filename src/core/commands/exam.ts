/** `exam [YYYY-MM-DD [deck] | clear | channel <YYYY-MM-DD>|clear]`: a learner's or a channel's exam date. */
import { handleExam, type ExamRequest } from '../exam/exam-handler.js';
import { CHANNEL_EXAM_DAY, EXAM_DAY } from './example-dates.js';
import { defineCommand } from './spec.js';
import { invalid, quote } from './text-args.js';

/** A parsed `exam`. */
export interface ExamCommand {
  kind: 'exam';
  request: ExamRequest;
}

/** Sort `exam`'s words into a request, or a one-line problem. */
function parseExam(args: readonly string[]): ExamRequest | string {
  const [first, second, third, ...rest] = args.map((a) => a.trim());
  if (first === undefined) return { action: 'show' };
  const lower = first.toLowerCase();
  if (lower === 'clear') return second === undefined ? { action: 'clear' } : `exam clear takes nothing after it, got ${quote(second)}`;
  if (lower === 'channel') {
    if (second === undefined) return 'exam channel needs a date (YYYY-MM-DD) or "clear"';
    if (third !== undefined) return `exam channel takes one date, got also ${quote(third)}`;
    return second.toLowerCase() === 'clear' ? { action: 'clear-channel' } : { action: 'set-channel', date: second };
  }
  if (third !== undefined || rest.length > 0) return `exam takes a date and at most a deck, got also ${quote(third ?? '')}`;
  return second === undefined ? { action: 'set', date: first } : { action: 'set', date: first, deckId: second.toLowerCase() };
}

export const exam = defineCommand<ExamCommand>({
  name: 'exam',
  help: {
    usage: 'exam [YYYY-MM-DD [deck] | clear | channel <YYYY-MM-DD>|clear]',
    summary: 'set, show or clear your exam date (or the channel’s, admins)',
    examples: [`exam ${EXAM_DAY}`, 'exam', 'exam clear', `exam channel ${CHANNEL_EXAM_DAY}`],
    details: [
      'The date is in your own time zone (a channel’s is in its daily-quiz zone), from today to two years ahead.',
      'With an exam date, `quiz` puts the cards you would forget by the exam day first, and in the last 7 days brings back every card of the deck, weakest first.',
      'A channel’s exam date shows as a countdown in its daily post, the weekly digest and `stats`.',
    ],
  },
  description: 'Set, show or clear your exam date',
  options: [
    { name: 'date', kind: 'string', description: 'Exam day, YYYY-MM-DD (empty: show it)', maxLength: 10 },
    { name: 'deck', kind: 'string', description: 'Which deck (default: the default deck)', maxLength: 63, choicesFrom: 'decks' },
    { name: 'clear', kind: 'boolean', description: 'Remove your exam date' },
  ],
  adminUse: {
    description: 'Set, show or clear the channel’s exam date',
    options: [
      { name: 'date', kind: 'string', description: 'The channel’s exam day, YYYY-MM-DD (empty: show yours and the channel’s)', maxLength: 10 },
      { name: 'clear', kind: 'boolean', description: 'Remove the channel’s exam date' },
    ],
    fromOptions: (o) => {
      const date = o.string('date')?.trim();
      if (o.boolean('clear')) return { kind: 'exam', request: { action: 'clear-channel' } };
      return { kind: 'exam', request: date ? { action: 'set-channel', date } : { action: 'show' } };
    },
  },
  parse: ({ args, input }) => {
    const request = parseExam(args);
    return typeof request === 'string' ? invalid(request, input) : { kind: 'exam', request };
  },
  fromOptions: (o) => {
    const date = o.string('date')?.trim();
    const deckId = o.string('deck')?.trim().toLowerCase();
    if (o.boolean('clear')) return { kind: 'exam', request: { action: 'clear' } };
    if (!date) return { kind: 'exam', request: { action: 'show' } };
    return { kind: 'exam', request: deckId ? { action: 'set', date, deckId } : { action: 'set', date } };
  },
  run: (c, ctx, { deps }) => handleExam(deps.store, deps.library.forTeam(ctx), ctx, c.request),
});
