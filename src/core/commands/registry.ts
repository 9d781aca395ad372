/**
 * Every subcommand, in help order: the one list. Adding a subcommand is one new file in this
 * folder plus its entry here (an import and a place in COMMANDS). Everything that lists
 * subcommands derives from COMMANDS: the Command union (command.ts), the text grammar
 * (parse-command.ts), help, the dispatcher (dispatch.ts), the command pickers of platforms with
 * typed options, the usage hint and the README table (npm run docs:commands).
 */
import Fuse from 'fuse.js';
import { answer } from './answer.js';
import { check } from './check.js';
import { close } from './close.js';
import { deck } from './deck.js';
import { decks } from './decks.js';
import { exam } from './exam.js';
import { explain } from './explain.js';
import { forgetMe } from './forget-me.js';
import { help } from './help.js';
import { hint } from './hint.js';
import { importDeck } from './import.js';
import { leaderboard } from './leaderboard.js';
import { mock } from './mock.js';
import { quiz } from './quiz.js';
import { readiness } from './readiness.js';
import { reference } from './reference.js';
import { remind } from './remind.js';
import { report } from './report.js';
import { reports } from './reports.js';
import { scenario } from './scenario.js';
import { schedule } from './schedule.js';
import type { BaseCommand, CommandOf, CommandSpec, HelpCatalogue } from './spec.js';
import { stats } from './stats.js';
import { subscribe } from './subscribe.js';
import { terms } from './terms.js';
import { unsubscribe } from './unsubscribe.js';

/** The subcommands, in help order. */
const COMMANDS = [
  help,
  explain,
  terms,
  quiz,
  answer,
  close,
  scenario,
  hint,
  reference,
  check,
  mock,
  leaderboard,
  stats,
  exam,
  readiness,
  remind,
  subscribe,
  unsubscribe,
  schedule,
  decks,
  deck,
  importDeck,
  forgetMe,
  report,
  reports,
] as const;

/** A command that parsed: the union of every subcommand's parse output. */
export type ParsedCommand = CommandOf<(typeof COMMANDS)[number]>;

/** A subcommand name. */
export type Subcommand = ParsedCommand['kind'];

/** Any subcommand's spec, for code that treats them alike. */
export type AnyCommandSpec = CommandSpec<BaseCommand>;

/** The registry seen as specs alike (the same list as COMMANDS). */
export const ALL_COMMANDS: readonly AnyCommandSpec[] = COMMANDS;

/** The subcommand names, in help order. */
export const SUBCOMMANDS: readonly Subcommand[] = COMMANDS.map((c) => c.name);

const byWord = new Map<string, AnyCommandSpec>();
for (const c of ALL_COMMANDS) for (const w of [c.name, ...c.aliases]) if (!byWord.has(w)) byWord.set(w, c);

/** The spec of a subcommand name, or undefined (e.g. for a command kind an adapter made up). */
export function commandSpec(name: string): AnyCommandSpec | undefined {
  const spec = byWord.get(name);
  return spec?.name === name ? spec : undefined;
}

/** The subcommand a typed word names (its own name or an alias like "ref", any case), or undefined. */
export function resolveSubcommand(word: string): Subcommand | undefined {
  return byWord.get(word.toLowerCase())?.name as Subcommand | undefined;
}

const nameIndex = new Fuse<string>([...SUBCOMMANDS], { includeScore: true, threshold: 0.5 });

/** Up to two subcommands close to a mistyped word (fuzzy, similar length), best first. */
export function suggestSubcommands(word: string): string[] {
  if (word.length === 0 || word.length > 30) return [];
  return nameIndex
    .search(word)
    .filter((r) => Math.abs(r.item.length - word.length) <= Math.max(2, Math.floor(r.item.length / 3)))
    .slice(0, 2)
    .map((r) => r.item);
}

/** The registry as help reads it. */
export const CATALOGUE: HelpCatalogue = {
  entries: ALL_COMMANDS.map((c) => ({ name: c.name, ...c.help })),
  resolve: resolveSubcommand,
  suggest: suggestSubcommands,
};

/** Whether a subcommand declares the 'admin' requirement (only admins may run it at all). */
export function requiresAdmin(spec: AnyCommandSpec): boolean {
  return spec.requires.some((r) => (typeof r === 'string' ? r : r.name) === 'admin');
}

/** Whether running `command` posts or edits channel messages (its spec's postsToChannel; false for an unknown kind). */
export function postsToChannel(command: BaseCommand): boolean {
  return commandSpec(command.kind)?.postsToChannel(command) ?? false;
}
