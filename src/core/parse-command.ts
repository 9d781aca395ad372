/**
 * `/kms` text -> Command. The grammar is the registry's (src/core/commands/registry.ts): this finds
 * the subcommand the first word names and hands the rest to that subcommand's `parse`.
 *
 * Lenient on form (optional "/kms" prefix, any case for subcommands and keywords, extra whitespace,
 * "#12" or "12" for a round), strict on meaning: anything that does not parse becomes
 * `{ kind: 'invalid', problem, input }` whose `problem` names what was wrong. Value checks that need
 * the deck or the clock (a subscribe time, zone or deck id; a scenario id) are left to the handlers so
 * their messages can name the accepted values.
 */
import type { Command } from './command.js';
import { commandSpec, resolveSubcommand, suggestSubcommands } from './commands/registry.js';
import { invalid, MAX_ARGUMENT_LENGTH, quote, roundNumber } from './commands/text-args.js';
import { HELP, PARSE } from './text/help.js';

export { MAX_ARGUMENT_LENGTH, quote } from './commands/text-args.js';

/** Strip a leading "/kms" (any case) when it stands alone as the first word. */
function stripPrefix(text: string): string {
  const m = /^\/?kms(?:\s+|$)/i.exec(text);
  return m ? text.slice(m[0].length) : text;
}

/**
 * Parse one line of `/kms` text. Never throws: bad input becomes `{ kind: 'invalid' }` with a
 * `problem` naming the bad word and, for near-miss subcommands, a "did you mean".
 */
export function parseCommand(text: string): Command {
  const input = typeof text === 'string' ? text : '';
  const body = stripPrefix(input.trim()).trim();
  if (body === '') return invalid(PARSE.noSubcommand, input);

  const firstSpace = body.search(/\s/);
  const typed = firstSpace === -1 ? body : body.slice(0, firstSpace);
  const word = typed.toLowerCase();
  const argText = (firstSpace === -1 ? '' : body.slice(firstSpace)).trim().replace(/\s+/g, ' ');
  const args = argText === '' ? [] : argText.split(' ');

  const sub = resolveSubcommand(word);
  const spec = sub === undefined ? undefined : commandSpec(sub);
  if (spec === undefined) {
    // A lone answer letter (typed after a question), also as "A." or "a)": say how to answer, with the
    // answer subcommand's help; never an answer.
    const lone = /^([a-e])[.)]?$/.exec(word)?.[1]?.toUpperCase();
    if (lone !== undefined && args.length === 0) return { ...invalid(PARSE.bareLetter(lone), `answer ${lone}`), bareLetter: lone };
    // A letter and a number ("A 1", "a) #1"; or "1 A"): most likely round 1 is meant; show that form, still never an answer.
    const letterFirst = lone !== undefined && args.length === 1 ? roundNumber(args[0] ?? '') : undefined;
    if (lone !== undefined && letterFirst !== undefined) {
      return { ...invalid(PARSE.letterAndRound(lone, letterFirst), `answer ${letterFirst} ${lone}`), bareLetter: lone, letterRound: letterFirst };
    }
    const roundFirst = args.length === 1 ? roundNumber(word) : undefined;
    const trailing = /^([a-e])[.)]?$/.exec(args[0]?.toLowerCase() ?? '')?.[1]?.toUpperCase();
    if (roundFirst !== undefined && trailing !== undefined) {
      return { ...invalid(PARSE.letterAndRound(trailing, roundFirst), `answer ${roundFirst} ${trailing}`), bareLetter: trailing, letterRound: roundFirst };
    }
    const near = suggestSubcommands(word);
    return invalid(PARSE.unknownSubcommand(quote(typed), HELP.didYouMean(near)), input);
  }

  // Very long arguments are refused before anything else.
  const maxLength = spec.maxArgumentLength ?? MAX_ARGUMENT_LENGTH;
  if (argText.length > maxLength) {
    return invalid(PARSE.argumentTooLong(spec.name, argText.length, maxLength), input);
  }
  // The registry pairs each name with its own spec, so its parse output is a Command.
  return spec.parse({ word, args, argText, input }) as Command;
}
