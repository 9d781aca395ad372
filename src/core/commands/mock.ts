/** `mock [deck] [questions] [minutes]`: a private, timed mock exam; `mock end|flag|retake|answer <letter>`. */
import { MockExams } from '../mock/service.js';
import { defineCommand } from './spec.js';
import { invalid, optional, quote, TAG } from './text-args.js';

/** Most questions and minutes one mock may have. */
const MOCK_LIMITS = { questions: 100, minutes: 240 } as const;

/** A parsed `mock`. */
export type MockCommand =
  | { kind: 'mock'; step: 'start'; deckId?: string; questions?: number; minutes?: number }
  | { kind: 'mock'; step: 'end' | 'flag' | 'retake' }
  | { kind: 'mock'; step: 'answer'; letter: string };

const STEPS = new Set(['end', 'flag', 'retake']);

export const mock = defineCommand<MockCommand>({
  name: 'mock',
  aliases: ['exam-mock', 'mock-exam'],
  help: {
    usage: 'mock [deck] [questions] [minutes]',
    summary: 'a timed mock exam only you see: one question at a time, results and a review at the end',
    examples: ['mock 20 30', 'mock end'],
    details: [
      'Questions follow the deck’s exam-domain weights; there is no feedback until the end. Flag questions for review with the button; `mock end` finishes early. Without numbers the deck’s defaults apply (20 questions in 30 minutes for the bundled deck).',
      'At the end: your score, results per domain, time used and a review of every question (the right answer and why each wrong choice is wrong), with a button to retake just your misses (`mock retake`). Mock answers count in your practice cards, stats and readiness, never on the leaderboard. One mock at a time; it keeps running through a restart, and answers after the time is up are not counted.',
    ],
  },
  description: 'A timed mock exam only you see, with results per exam domain',
  options: [
    { name: 'questions', kind: 'integer', description: `How many questions (1-${MOCK_LIMITS.questions}; default from the deck)`, minValue: 1 },
    { name: 'minutes', kind: 'integer', description: `Time limit in minutes (1-${MOCK_LIMITS.minutes}; default from the deck)`, minValue: 1 },
    { name: 'deck', kind: 'string', description: 'Which deck (default: the main deck)', choicesFrom: 'decks', maxLength: 63 },
    { name: 'end', kind: 'boolean', description: 'End your running mock now and see the results' },
  ],
  parse: ({ args, input }) => {
    const first = args[0]?.toLowerCase();
    if (first !== undefined && STEPS.has(first)) {
      if (args.length > 1) return invalid(`\`mock ${first}\` takes nothing after it (got ${quote(args.slice(1).join(' '))})`, input);
      return { kind: 'mock', step: first as 'end' | 'flag' | 'retake' };
    }
    if (first === 'answer') {
      const letter = args[1]?.toUpperCase();
      if (args.length !== 2 || letter === undefined || !/^[A-E]$/.test(letter)) return invalid('`mock answer` takes one letter, e.g. `mock answer B`', input);
      return { kind: 'mock', step: 'answer', letter };
    }
    let deckId: string | undefined;
    const numbers: number[] = [];
    for (const raw of args) {
      const word = raw.toLowerCase();
      if (/^[0-9]+$/.test(word)) numbers.push(Number(word));
      else if (deckId === undefined && numbers.length === 0 && TAG.test(word)) deckId = word;
      else return invalid(`unexpected word ${quote(raw)}: use \`mock [deck] [questions] [minutes]\`, e.g. \`mock 20 30\``, input);
    }
    if (numbers.length > 2) return invalid('mock takes at most two numbers: questions, then minutes (e.g. `mock 20 30`)', input);
    const [questions, minutes] = numbers;
    if (questions !== undefined && (questions < 1 || questions > MOCK_LIMITS.questions)) {
      return invalid(`${questions} questions is not possible: a mock has 1 to ${MOCK_LIMITS.questions} questions`, input);
    }
    if (minutes !== undefined && (minutes < 1 || minutes > MOCK_LIMITS.minutes)) {
      return invalid(`${minutes} minutes is not possible: a mock lasts 1 to ${MOCK_LIMITS.minutes} minutes`, input);
    }
    return { kind: 'mock', step: 'start', ...optional('deckId', deckId), ...optional('questions', questions), ...optional('minutes', minutes) };
  },
  fromOptions: (o) =>
    o.boolean('end')
      ? { kind: 'mock', step: 'end' }
      : {
          kind: 'mock',
          step: 'start',
          ...optional('deckId', o.string('deck')?.trim().toLowerCase() || undefined),
          ...optional('questions', o.integer('questions')),
          ...optional('minutes', o.integer('minutes')),
        },
  run: (c, ctx, { deps }) => {
    const mocks = new MockExams(deps);
    switch (c.step) {
      case 'start':
        return mocks.start(ctx, { ...optional('deckId', c.deckId), ...optional('questions', c.questions), ...optional('minutes', c.minutes) });
      case 'end':
        return mocks.end(ctx, undefined);
      case 'flag':
        return mocks.flag(ctx, undefined, undefined);
      case 'retake':
        return mocks.retake(ctx, undefined);
      case 'answer':
        return mocks.answer(ctx, undefined, undefined, c.letter);
    }
  },
});
