/**
 * Small pieces the subcommands' text parsers share: quoting a typed word back, the invalid result,
 * tag and round-number forms.
 */
import type { InvalidCommand } from './spec.js';

/** Longest argument a lookup (explain, scenario, stats, tags) accepts, in characters. */
export const MAX_ARGUMENT_LENGTH = 200;

/** Longest free-text option value other than a lookup (a tag, a scenario name aside), in characters. */
export const MAX_TEXT_OPTION = 100;

/** Longest report text stored, in characters (platforms with forms check it on the field). */
export { MAX_REPORT_TEXT } from '../reports/service.js';

/** How much of a bad word is quoted back in a problem message, in characters. */
const QUOTE_LIMIT = 40;

/** A deck tag as typed in a command: lower-case letters, digits and hyphens, 1-63 characters. */
export const TAG = /^[a-z0-9][a-z0-9-]{0,62}$/;

/** A user-typed word or name as echoed in a message: cut to 40 characters with "…" when longer. */
export function clip(word: string): string {
  return word.length > QUOTE_LIMIT ? `${word.slice(0, QUOTE_LIMIT)}…` : word;
}

/** Quote a user-typed word for a message, shortened when very long (clip). */
export function quote(word: string): string {
  return `"${clip(word)}"`;
}

/** The InvalidCommand for `input`, with `problem` saying what was wrong. */
export function invalid(problem: string, input: string): InvalidCommand {
  return { kind: 'invalid', problem, input };
}

/** "12" or "#12" -> 12; anything that is not a round number from 1 -> undefined. */
export function roundNumber(word: string): number | undefined {
  const text = word.replace(/^#/, '');
  return /^[0-9]{1,15}$/.test(text) && Number(text) >= 1 ? Number(text) : undefined;
}

/** An optional value as an optional property: `{ [key]: value }`, or `{}` when it is undefined. */
export function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}

/**
 * A number-like word at the end of `hint`/`check`: digits with an optional sign, dots, commas or
 * dashes ("2", "-1", "1.5", "1,3,4", "1-3"), or any word holding a comma ("1,x") or starting "<digits>-" ("1-x"). Everything
 * before the first of the trailing run of such words names the scenario.
 */
const NUMBERISH = /^[-+]?[0-9][0-9.,-]*$|,|^[0-9]+-/;

/**
 * Split `hint`/`check` arguments into the scenario (an id or title words, resolved by the handler
 * like `scenario` does) and the trailing number words ("none" counts as one for `check`).
 */
export function scenarioAndNumbers(sub: 'hint' | 'check', args: readonly string[], input: string): { scenario: string; numbers: string[] } | InvalidCommand {
  let cut = args.length;
  while (cut > 1 && (NUMBERISH.test(args[cut - 1] ?? '') || (sub === 'check' && /^(none|all)$/i.test(args[cut - 1] ?? '')))) cut--;
  const scenario = args.slice(0, cut).join(' ');
  if (scenario === '' || NUMBERISH.test(scenario)) {
    return invalid(`${sub} needs a scenario id or title words first, e.g. \`${sub} finance-compliance${sub === 'hint' ? ' 2' : ' 1,3'}\``, input);
  }
  return { scenario, numbers: args.slice(cut) };
}

/** The problem of a subcommand that takes no arguments but got some, or undefined when it got none. */
export function noArguments(name: string, { args, input }: { args: readonly string[]; input: string }): InvalidCommand | undefined {
  return args.length > 0 ? invalid(`${name} takes no arguments (got ${quote(args.join(' '))})`, input) : undefined;
}
