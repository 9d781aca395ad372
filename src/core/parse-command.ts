/**
 * `/kms` text -> Command (see src/core/command.ts for the grammar).
 *
 * Lenient on form (optional "/kms" prefix, any case for subcommands and keywords, extra whitespace,
 * "#12" or "12" for a round), strict on meaning: anything that does not parse becomes
 * `{ kind: 'invalid', problem, input }` whose `problem` names what was wrong. Value checks that need
 * the deck or the clock (a subscribe time, zone or deck id; a scenario id) are left to the handlers so
 * their messages can name the accepted values.
 */
import Fuse from 'fuse.js';
import { SUBCOMMANDS, type Command, type LeaderboardPeriod } from './command.js';
import { ZONE_ABBREVIATIONS } from './handlers/time-zone.js';

/** Longest argument a lookup (explain, scenario, stats, tags) accepts, in characters. */
export const MAX_ARGUMENT_LENGTH = 200;

/** How much of a bad word is quoted back in a problem message, in characters. */
const QUOTE_LIMIT = 40;

type Subcommand = (typeof SUBCOMMANDS)[number];

/** Other words people type for a subcommand. */
const ALIASES: Record<string, Subcommand> = {
  '?': 'help',
  define: 'explain',
  term: 'terms',
  glossary: 'terms',
  question: 'quiz',
  scenarios: 'scenario',
  hints: 'hint',
  ref: 'reference',
  rubric: 'check',
  board: 'leaderboard',
  lb: 'leaderboard',
  top: 'leaderboard',
  stat: 'stats',
  unsub: 'unsubscribe',
  forgetme: 'forget-me',
  forget: 'forget-me',
};

const PERIODS: Record<string, LeaderboardPeriod> = {
  week: 'week',
  weekly: 'week',
  month: 'month',
  monthly: 'month',
  '30d': '30d',
  '30': '30d',
  '30days': '30d',
  all: 'all',
  'all-time': 'all',
  alltime: 'all',
  ever: 'all',
};

const subcommandIndex = new Fuse<string>([...SUBCOMMANDS], { includeScore: true, threshold: 0.5 });

/** Quote a user-typed word for a message, shortened when very long. */
export function quote(word: string): string {
  const w = word.length > QUOTE_LIMIT ? `${word.slice(0, QUOTE_LIMIT)}…` : word;
  return `"${w}"`;
}

/** Up to two subcommands close to a mistyped word (fuzzy, similar length), best first. */
export function suggestSubcommands(word: string): string[] {
  if (word.length === 0 || word.length > 30) return [];
  return subcommandIndex
    .search(word)
    .filter((r) => Math.abs(r.item.length - word.length) <= Math.max(2, Math.floor(r.item.length / 3)))
    .slice(0, 2)
    .map((r) => r.item);
}

/** The subcommand a typed word names (its own name or an alias like "ref"), or undefined. */
export function resolveSubcommand(word: string): Subcommand | undefined {
  const w = word.toLowerCase();
  return (SUBCOMMANDS as readonly string[]).includes(w) ? (w as Subcommand) : ALIASES[w];
}

function invalid(problem: string, input: string): Command {
  return { kind: 'invalid', problem, input };
}

/** Strip a leading "/kms" (any case) when it stands alone as the first word. */
function stripPrefix(text: string): string {
  const m = /^\/?kms(?:\s+|$)/i.exec(text);
  return m ? text.slice(m[0].length) : text;
}

function tooLong(sub: string, arg: string): string {
  return `the ${sub} argument is ${arg.length} characters long; the limit is ${MAX_ARGUMENT_LENGTH}`;
}

/** Slack "<@U123|bob>" / Discord "<@!123>" mentions -> the user id; "@bob" -> "bob". */
function normaliseUserArg(arg: string): string {
  const mention = /^<@!?([A-Za-z0-9]+)(?:\|[^>]*)?>$/.exec(arg);
  if (mention?.[1]) return mention[1];
  return arg.replace(/^@/, '');
}

const TAG = /^[a-z0-9][a-z0-9-]{0,62}$/;

function parseAnswer(args: string[], input: string): Command {
  if (args.length !== 2) {
    return invalid('answer needs a round number and a letter, e.g. `answer 12 B`', input);
  }
  const [roundArg = '', letterArg = ''] = args;
  const roundText = roundArg.replace(/^#/, '');
  if (!/^[0-9]{1,15}$/.test(roundText) || Number(roundText) < 1) {
    return invalid(`round ${quote(roundArg)} is not a round number (like 12)`, input);
  }
  const letter = letterArg.toUpperCase();
  if (!/^[A-E]$/.test(letter)) {
    return invalid(`letter ${quote(letterArg)} is not one of A-E`, input);
  }
  return { kind: 'answer', roundId: Number(roundText), letter };
}

function parseQuiz(args: string[], input: string): Command {
  let here = false;
  const rest: string[] = [];
  for (const a of args) {
    if (a.toLowerCase() !== 'here') rest.push(a.toLowerCase());
    else if (here) return invalid(`unexpected word ${quote(a)}: \`here\` goes once, e.g. \`quiz here s3\``, input);
    else here = true;
  }
  if (rest.length > 1) {
    return invalid(`quiz takes at most one tag (got ${rest.map(quote).join(', ')}), e.g. \`quiz here s3\``, input);
  }
  const tag = rest[0];
  if (tag !== undefined && !TAG.test(tag)) {
    return invalid(`${quote(tag)} is not a tag (tags look like s3, kms, ebs)`, input);
  }
  return tag === undefined ? { kind: 'quiz', here } : { kind: 'quiz', here, tag };
}

function parseClose(args: string[], input: string): Command {
  if (args.length === 0) return { kind: 'close' };
  const [arg = ''] = args;
  const roundText = arg.replace(/^#/, '');
  if (args.length > 1 || !/^[0-9]{1,15}$/.test(roundText) || Number(roundText) < 1) {
    return invalid(`close takes an optional round number, e.g. \`close 12\` (got ${quote(args.join(' '))})`, input);
  }
  return { kind: 'close', roundId: Number(roundText) };
}

/**
 * A number-like word at the end of `hint`/`check`: digits with an optional sign, dot or commas
 * ("2", "-1", "1.5", "1,3,4"), or any word holding a comma ("1,x"). Everything before the first
 * of the trailing run of such words names the scenario.
 */
const NUMBERISH = /^[-+]?[0-9][0-9.,]*$|,/;

/**
 * Split `hint`/`check` arguments into the scenario (an id or title words, resolved by the handler
 * like `scenario` does) and the trailing number words.
 */
function scenarioAndNumbers(sub: 'hint' | 'check', args: string[], input: string): { scenario: string; numbers: string[] } | Command {
  let cut = args.length;
  while (cut > 1 && (NUMBERISH.test(args[cut - 1] ?? '') || (sub === 'check' && /^none$/i.test(args[cut - 1] ?? '')))) cut--;
  const scenario = args.slice(0, cut).join(' ');
  if (scenario === '' || NUMBERISH.test(scenario)) {
    return invalid(`${sub} needs a scenario id or title words first, e.g. \`${sub} finance-compliance${sub === 'hint' ? ' 2' : ' 1,3'}\``, input);
  }
  return { scenario, numbers: args.slice(cut) };
}

/**
 * `hint <scenario> [n]`. The number is passed on as typed (0 and negatives too): the handler knows
 * how many hints the scenario has and names the range when it is out of it.
 */
function parseHint(args: string[], input: string): Command {
  const split = scenarioAndNumbers('hint', args, input);
  if ('kind' in split) return split;
  const { scenario, numbers } = split;
  if (numbers.length === 0) return { kind: 'hint', scenarioId: scenario };
  const [n = ''] = numbers;
  if (numbers.length > 1) return invalid(`hint takes one number after the scenario (got ${quote(numbers.join(' '))}), e.g. \`hint finance-compliance 2\``, input);
  if (!/^[-+]?[0-9]{1,6}$/.test(n)) {
    return invalid(`hint number ${quote(n)} is not a whole number; \`hint <scenario> 2\` shows hints 1 and 2`, input);
  }
  return { kind: 'hint', scenarioId: scenario, count: Number(n) };
}

/**
 * `check <scenario>` shows the rubric; `check <scenario> 1,3,4` (or "1 3 4", or "none") stores a
 * self-score. The numbers are 1-based as shown; `checked` holds 0-based rubric indexes like the
 * selfscore Action, so "0" becomes -1, which the handler refuses naming the rubric's range.
 */
function parseCheck(args: string[], input: string): Command {
  const split = scenarioAndNumbers('check', args, input);
  if ('kind' in split) return split;
  const { scenario, numbers } = split;
  const rest = numbers.join(' ').trim();
  if (rest === '') return { kind: 'check', scenarioId: scenario };
  if (/^none$/i.test(rest)) return { kind: 'check', scenarioId: scenario, checked: [] };
  const parts = rest.split(/[\s,]+/).filter((p) => p !== '');
  const nums: number[] = [];
  for (const p of parts) {
    if (!/^[-+]?[0-9]{1,6}$/.test(p)) {
      return invalid(`rubric point ${quote(p)} is not a whole number; tick points by their numbers, e.g. \`check ${scenario} 1,3,4\` (or \`none\`)`, input);
    }
    nums.push(Number(p) - 1);
  }
  return { kind: 'check', scenarioId: scenario, checked: [...new Set(nums)].sort((a, b) => a - b) };
}

function parseLeaderboard(args: string[], input: string): Command {
  let period: LeaderboardPeriod | undefined;
  let here = false;
  for (const raw of args) {
    const a = raw.toLowerCase();
    if (a === 'here') {
      if (here) return invalid(`unexpected word ${quote(raw)}: \`here\` goes once, e.g. \`leaderboard week here\``, input);
      here = true;
      continue;
    }
    const p = PERIODS[a];
    if (p === undefined) {
      return invalid(`unknown leaderboard period ${quote(raw)}; use week, month, 30d or all`, input);
    }
    if (period !== undefined && period !== p) {
      return invalid('leaderboard takes one period: week, month, 30d or all', input);
    }
    period = p;
  }
  return { kind: 'leaderboard', period: period ?? 'week', here };
}

/**
 * Sort subscribe's words into time, zone, cadence and deck, in any order. A word with a digit first
 * or a colon is a time; daily/weekdays a cadence; a known zone abbreviation (est, cet) a zone; another
 * lower-case id a deck; anything else (Europe/Berlin, UTC, Mars/Base) a zone. Values are validated by
 * the handler.
 */
function parseSubscribe(args: string[], input: string): Command {
  const out: { time?: string; timeZone?: string; cadence?: 'daily' | 'weekdays'; deckId?: string } = {};
  const put = (key: keyof typeof out, value: string, what: string): string | null => {
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
    }
    else problem = put('deckId', a, 'deck');
    if (problem) return invalid(problem, input);
  }
  return { kind: 'subscribe', ...out };
}

function noArgs(kind: 'unsubscribe' | 'schedule', args: string[], input: string): Command {
  if (args.length > 0) return invalid(`${kind} takes no arguments (got ${quote(args.join(' '))})`, input);
  return { kind };
}

/**
 * Parse one line of `/kms` text. Never throws: bad input becomes `{ kind: 'invalid' }` with a
 * `problem` naming the bad word and, for near-miss subcommands, a "did you mean".
 */
export function parseCommand(text: string): Command {
  const input = typeof text === 'string' ? text : '';
  const body = stripPrefix(input.trim()).trim();
  if (body === '') return invalid('no subcommand given', input);

  const firstSpace = body.search(/\s/);
  const word = (firstSpace === -1 ? body : body.slice(0, firstSpace)).toLowerCase();
  const argText = (firstSpace === -1 ? '' : body.slice(firstSpace)).trim().replace(/\s+/g, ' ');
  const args = argText === '' ? [] : argText.split(' ');

  const sub = resolveSubcommand(word);
  if (sub === undefined) {
    const near = suggestSubcommands(word);
    const hint = near.length > 0 ? ` — did you mean ${near.map((s) => `\`${s}\``).join(' or ')}?` : '';
    return invalid(`unknown subcommand ${quote(word)}${hint}`, input);
  }

  // Subcommands with a free-text argument refuse very long ones before anything else.
  if (argText.length > MAX_ARGUMENT_LENGTH) return invalid(tooLong(sub, argText), input);

  switch (sub) {
    case 'help':
      return args.length === 0 ? { kind: 'help' } : { kind: 'help', topic: args.join(' ').toLowerCase() };
    case 'explain':
      if (argText === '') return invalid('explain needs a term, e.g. `explain grants`', input);
      return { kind: 'explain', query: argText };
    case 'terms': {
      if (args.length > 1) return invalid(`terms takes at most one tag (got ${quote(argText)})`, input);
      const tag = args[0]?.toLowerCase();
      if (tag === undefined) return { kind: 'terms' };
      if (!TAG.test(tag)) return invalid(`${quote(args[0] ?? '')} is not a tag (tags look like s3, kms, ebs)`, input);
      return { kind: 'terms', tag };
    }
    case 'quiz':
      return parseQuiz(args, input);
    case 'answer':
      return parseAnswer(args, input);
    case 'close':
      return parseClose(args, input);
    case 'scenario':
      return argText === '' ? { kind: 'scenario' } : { kind: 'scenario', query: argText };
    case 'hint':
      return parseHint(args, input);
    case 'reference':
      if (argText === '') return invalid('reference needs a scenario id or title words, e.g. `reference finance-compliance`', input);
      return { kind: 'reference', scenarioId: argText };
    case 'check':
      return parseCheck(args, input);
    case 'leaderboard':
      return parseLeaderboard(args, input);
    case 'stats':
      return argText === '' ? { kind: 'stats' } : { kind: 'stats', user: normaliseUserArg(argText) };
    case 'subscribe':
      return parseSubscribe(args, input);
    case 'unsubscribe':
    case 'schedule':
      return noArgs(sub, args, input);
    case 'forget-me': {
      // "forget me" and "forget me confirm" read naturally too.
      const rest = word === 'forget' && args[0]?.toLowerCase() === 'me' ? args.slice(1) : args;
      if (rest.length === 0) return { kind: 'forget-me', confirm: false };
      const w = rest.join(' ').toLowerCase();
      if (w === 'confirm' || w === 'yes') return { kind: 'forget-me', confirm: true };
      return invalid(`forget-me takes only the word confirm (got ${quote(rest.join(' '))})`, input);
    }
  }
}
