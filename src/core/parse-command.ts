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
 * The answer letter (upper-case A-E) of a word typed as a lone letter: "A", "a.", "b)", "c:", "(a)",
 * "[B]", and their full-width forms ("Ｂ", "ｂ": NFKC-folded); undefined for any other word.
 */
function answerLetter(word: string): string | undefined {
  const m = /^(?:\(([a-e])\)|\[([a-e])\]|([a-e])[.):]?)$/.exec(word.normalize('NFKC').toLowerCase());
  return (m?.[1] ?? m?.[2] ?? m?.[3])?.toUpperCase();
}

/** A letter glued to a round number ("A1", "a.1", "1A", "1.a"; full-width folded): the pair, or undefined. */
function letterBesideRound(word: string): { letter: string; round: number } | undefined {
  const w = word.normalize('NFKC').toLowerCase();
  const letterFirst = /^([a-e])[.)]?#?([0-9]{1,15})$/.exec(w);
  const roundFirst = /^#?([0-9]{1,15})[.)]?([a-e])$/.exec(w);
  const [letter, digits] = letterFirst ? [letterFirst[1], letterFirst[2]] : roundFirst ? [roundFirst[2], roundFirst[1]] : [];
  const round = digits === undefined ? undefined : roundNumber(digits);
  return letter === undefined || round === undefined ? undefined : { letter: letter.toUpperCase(), round };
}

/**
 * A letter typed beside round-number-shaped words that name no possible round: `lone` (the first
 * word's letter) followed by digits only ("A 0", "A 99999999999999999999", "A 1 2"), or digits then
 * one letter ("0 A"). The letter and the numbers as typed (joined by one space, '#' dropped, cut to 20
 * characters and "…" past 24); undefined otherwise.
 */
function oddRoundBesideLetter(lone: string | undefined, word: string, args: readonly string[]): { letter: string; round: string } | undefined {
  const digits = (w: string) => /^#?[0-9]+$/.test(w.normalize('NFKC'));
  // Shown in the reply: shortened, so a pasted wall of digits does not become a wall of a title.
  const shown = (words: readonly string[]) => {
    const text = words.map((w) => w.normalize('NFKC').replace(/^#/, '')).join(' ');
    return text.length > 24 ? `${text.slice(0, 20)}…` : text;
  };
  if (lone !== undefined && args.length > 0 && args.every(digits)) return { letter: lone, round: shown(args) };
  const trailing = args.length === 1 ? answerLetter(args[0] ?? '') : undefined;
  if (trailing !== undefined && digits(word)) return { letter: trailing, round: shown([word]) };
  return undefined;
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
    // A lone answer letter (typed after a question), also as "A.", "a)", "(a)", "[B]" or full-width "Ｂ":
    // say how to answer, with the answer subcommand's help; never an answer.
    const lone = answerLetter(word);
    if (lone !== undefined && args.length === 0) return { ...invalid(PARSE.bareLetter(lone), `answer ${lone}`), bareLetter: lone };
    // A letter and a number ("A 1", "a) #1", "A1"; or "1 A", "1A"): most likely round 1 is meant; show that form, still never an answer.
    const glued = letterBesideRound(word);
    const letterFirst = lone !== undefined && args.length === 1 ? roundNumber(args[0] ?? '') : undefined;
    const roundFirst = args.length === 1 ? roundNumber(word) : undefined;
    const trailing = roundFirst === undefined ? undefined : answerLetter(args[0] ?? '');
    const pair =
      lone !== undefined && letterFirst !== undefined
        ? { letter: lone, round: letterFirst }
        : roundFirst !== undefined && trailing !== undefined
          ? { letter: trailing, round: roundFirst }
          : args.length === 0
            ? glued
            : undefined;
    if (pair !== undefined) {
      return { ...invalid(PARSE.letterAndRound(pair.letter, pair.round), `answer ${pair.round} ${pair.letter}`), bareLetter: pair.letter, letterRound: pair.round };
    }
    // A letter beside numbers that cannot be one round ("A 0", "A 99999999999999999999", "A 1 2", "0 A"): no such round, never the whole help.
    const odd = oddRoundBesideLetter(lone, word, args);
    if (odd !== undefined) {
      return { ...invalid(PARSE.letterNoSuchRound(odd.letter, odd.round), `answer ${odd.letter}`), bareLetter: odd.letter, letterOddRound: odd.round };
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
