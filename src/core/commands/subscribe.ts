/** `subscribe [HH:MM] [zone] [daily|weekdays] [deck]` (admins, in a channel): the daily question. */
import { ZONE_ABBREVIATIONS } from '../handlers/time-zone.js';
import { handleSubscribe, type SubscribeArgs } from '../handlers/subscription.js';
import { defineCommand } from './spec.js';
import { invalid, optional, quote, TAG } from './text-args.js';

/** A parsed `subscribe`: raw words, validated by the handler so it can name the accepted values. */
export interface SubscribeCommand extends SubscribeArgs {
  kind: 'subscribe';
}

/** The refusal words the two admin subcommands share. */
export const ADMIN_WHY = 'Only admins can change the daily quiz';

/**
 * Sort subscribe's words into time, zone, cadence and deck, in any order. A word with a digit first
 * or a colon is a time; daily/weekdays a cadence; a known zone abbreviation (est, cet) a zone; another
 * lower-case id a deck; anything else (Europe/Berlin, UTC, Mars/Base) a zone.
 */
function sortWords(args: readonly string[]): SubscribeArgs | string {
  const out: SubscribeArgs = {};
  const put = (key: keyof SubscribeArgs, value: string, what: string): string | null => {
    const prev = out[key];
    if (prev !== undefined) return `subscribe got two ${what}s: ${quote(prev)} and ${quote(value)}`;
    (out as Record<string, string>)[key] = value;
    return null;
  };
  for (const a of args) {
    const lower = a.toLowerCase();
    let problem: string | null;
    if (/^[0-9]/.test(a) || a.includes(':')) problem = put('time', a, 'time');
    else if (lower === 'daily' || lower === 'weekdays' || lower === 'weekday') {
      problem = put('cadence', lower === 'daily' ? 'daily' : 'weekdays', 'cadence');
    } else if (lower === 'utc' || a.includes('/') || !TAG.test(a) || ZONE_ABBREVIATIONS[a.toUpperCase()] !== undefined) {
      // Abbreviations typed in lower case ("est") are zones too, so the handler can say what to use instead.
      problem = put('timeZone', a, 'time zone');
    } else problem = put('deckId', a, 'deck');
    if (problem) return problem;
  }
  return out;
}

export const subscribe = defineCommand<SubscribeCommand>({
  name: 'subscribe',
  help: {
    usage: 'subscribe [HH:MM] [time zone] [daily|weekdays] [deck]',
    summary: 'post a question in this channel every day (admins)',
    examples: ['subscribe 09:00 Europe/Berlin weekdays'],
    details: [
      'Defaults: 09:00, your own time zone where the platform knows it (else UTC), weekdays, the default deck. Any order.',
      'Subscribing again changes what you give, keeps the rest, and resumes a paused subscription.',
      'The time zone is an IANA region/city name (Europe/Berlin, America/New_York) or UTC; abbreviations such as EST or CET are not accepted.',
      "Subscribing after today's post time but before 18:00 local posts today's question within a minute.",
    ],
  },
  description: 'Post a daily question in this channel',
  options: [
    { name: 'time', kind: 'string', description: 'Local post time, HH:MM (default 09:00)', maxLength: 5 },
    { name: 'zone', kind: 'string', description: 'IANA time zone, e.g. Europe/Berlin', maxLength: 64 },
    {
      name: 'cadence',
      kind: 'string',
      description: 'Every day or weekdays only',
      choices: [
        { label: 'Every day', value: 'daily' },
        { label: 'Weekdays', value: 'weekdays' },
      ],
    },
    { name: 'deck', kind: 'string', description: 'Which deck (default: the default deck)', maxLength: 63, choicesFrom: 'decks' },
  ],
  requires: [
    { name: 'channel', title: 'subscribe works in a channel', why: 'Daily questions are posted in a channel; run `subscribe` there.' },
    { name: 'admin', title: 'Only admins can subscribe a channel', why: ADMIN_WHY },
  ],
  parse: ({ args, input }) => {
    const words = sortWords(args);
    return typeof words === 'string' ? invalid(words, input) : { kind: 'subscribe', ...words };
  },
  // The adapter has checked the cadence against the choices.
  fromOptions: (o) => ({
    kind: 'subscribe',
    ...optional('time', o.string('time')?.trim() || undefined),
    ...optional('timeZone', o.string('zone')?.trim() || undefined),
    ...optional('cadence', o.string('cadence') as SubscribeArgs['cadence']),
    ...optional('deckId', o.string('deck')?.trim().toLowerCase() || undefined),
  }),
  run: (c, ctx, { deps }) => {
    const { kind: _kind, ...args } = c;
    return handleSubscribe(deps, ctx, args);
  },
});
