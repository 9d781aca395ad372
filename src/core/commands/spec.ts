/**
 * What one subcommand declares (src/core/commands/<name>.ts): its words, help, typed options, how
 * its text form parses, the requirements the dispatcher checks before it runs, and its handler.
 * The registry (registry.ts) lists them; the Command union, the text grammar, help, the command
 * pickers of platforms that have them, the usage hint and the README table are derived from it.
 */
import type { Context } from '../context.js';
import type { CoreDeps } from '../deps.js';
import type { AttachedFile } from '../ports/deck-importer.js';
import type { Reply } from '../reply.js';
import type { RoundService } from '../rounds.js';

/** Every parsed command has a `kind`: its subcommand's name. */
export interface BaseCommand {
  kind: string;
}

/** Input that did not parse: `problem` says what was wrong, e.g. 'unknown subcommand "explian"'. */
export interface InvalidCommand {
  kind: 'invalid';
  problem: string;
  /** The text as typed (or a rebuilt "/kms explain" for typed options), for help on its subcommand. */
  input: string;
  /** Set when the input was an answer letter alone (upper case, A-E): the dispatcher names a round open here to answer. */
  bareLetter?: string;
  /** Set with bareLetter when a round number was typed beside the letter ("A 1", "1 A"): the dispatcher shows `answer <n> <letter>`. */
  letterRound?: number;
  /** Set with bareLetter when numbers that cannot be one round were typed beside it ("0", "99999999999999999999", "1 2"; as typed): no such round. */
  letterOddRound?: string;
}

/** One line of `/kms` text after the subcommand word, as a subcommand's `parse` sees it. */
interface TextInput {
  /** The subcommand word as typed, lower-cased: the name or an alias (e.g. "forget", "lb"). */
  word: string;
  /** The words after it, split on whitespace (original case). */
  args: readonly string[];
  /** The words after it joined by single spaces ('' when none). */
  argText: string;
  /** The whole input as typed (for an InvalidCommand). */
  input: string;
}

/**
 * The type of a typed option's value. 'user' holds a platform user id; 'attachment' a file uploaded
 * with the command (only platforms whose command picker takes files offer it; see OptionValues.attachment).
 */
type OptionKind = 'string' | 'integer' | 'boolean' | 'user' | 'attachment';

/**
 * Where an option's choices come from when they depend on the loaded content or the registry:
 * the decks' tags, the deck ids, or the subcommand names. Filled in when the command picker is
 * built; with no values the option stays free text.
 */
export type ChoiceSource = 'tags' | 'decks' | 'subcommands';

/** Where an option's as-you-type suggestions come from (TutorApi.suggestTerms / suggestScenarios). */
type AutocompleteSource = 'terms' | 'scenarios';

/** One typed option of a subcommand, for platforms whose command picker takes typed options. */
export interface OptionSpec {
  /** Lower-case option name, 1-32 characters (e.g. "term"). */
  name: string;
  kind: OptionKind;
  /** One line shown in the command picker, at most 100 characters. */
  description: string;
  required?: boolean;
  /** Fixed choices (label shown, value passed on); a value outside them is refused. */
  choices?: readonly { label: string; value: string }[];
  /** Choices filled from content or the registry at registration (see ChoiceSource). */
  choicesFrom?: ChoiceSource;
  autocomplete?: AutocompleteSource;
  /** Longest string value, in characters. */
  maxLength?: number;
  /** Smallest integer value. */
  minValue?: number;
}

/**
 * Typed option values of one invocation, already checked against the declared kinds and choices
 * by the adapter that read them.
 */
export interface OptionValues {
  /** A string option's value as given, or undefined when absent. */
  string(name: string): string | undefined;
  /** An integer option's value, or undefined when absent. */
  integer(name: string): number | undefined;
  /** A boolean option's value; false when absent. */
  boolean(name: string): boolean;
  /** A user option: the platform user id, or undefined when absent. */
  user(name: string): string | undefined;
  /** An attachment option: the uploaded file's name, size, URL and type, or undefined when absent. */
  attachment(name: string): AttachedFile | undefined;
}

/** The requirements a subcommand can declare; requirements.ts checks them and words each refusal. */
export type RequirementName = 'channel' | 'admin';

/**
 * A declared requirement: its name, or its name with the subcommand's own refusal words
 * (`title` replaces the refusal's title, `why` its first line).
 */
export type RequirementEntry = RequirementName | { name: RequirementName; title?: string; why?: string };

/**
 * A use of a subcommand that only admins may make although the subcommand itself is for everyone
 * (`close` of another's round, `exam` for the channel). Platforms that let server admins restrict
 * who may run a command list it beside the admin-only subcommands, with these options; the
 * handler still checks the asker itself.
 */
interface AdminUse<C extends BaseCommand> {
  /** One line for command pickers, at most 100 characters, capitalised. */
  description: string;
  /** Typed options of this use, in picker order. */
  options: readonly OptionSpec[];
  /** Typed option values -> its command. */
  fromOptions(values: OptionValues): C;
}

/** What `help` shows for one subcommand. */
interface HelpText {
  /** The text form, e.g. "explain <term>". */
  usage: string;
  /** One line, lower-case start, no final period: what it does. */
  summary: string;
  /** At least one full example ("explain grants"); the first is shown in the overview. */
  examples: readonly [string, ...string[]];
  /** The paragraphs `help <sub>` adds below usage and example. */
  details: readonly string[];
}

/** What a handler may use besides the event: the core dependencies, the rounds service, help's catalogue. */
export interface CommandTools {
  deps: CoreDeps;
  rounds: RoundService;
  catalogue: HelpCatalogue;
}

/** The registry as help sees it: every subcommand's help text, and word lookup. */
export interface HelpCatalogue {
  /** In help order. */
  entries: readonly ({ name: string } & HelpText)[];
  /** The subcommand a typed word names (its name or an alias, any case), or undefined. */
  resolve(word: string): string | undefined;
  /** Up to two subcommand names close to a mistyped word, best first. */
  suggest(word: string): string[];
}

/** One subcommand. `C` is its parsed command, `{ kind: <name>, ...arguments }`. */
export interface CommandSpec<C extends BaseCommand = BaseCommand> {
  name: C['kind'];
  /** Other words people type for it (lower case), e.g. "lb" for leaderboard. */
  aliases: readonly string[];
  help: HelpText;
  /** One line for command pickers, at most 100 characters, capitalised. */
  description: string;
  /**
   * The short form shown in a platform's usage hint ("quiz [here]"), for the few subcommands worth
   * listing there; absent: not listed.
   */
  usageHint?: string;
  /**
   * True for a typed stand-in for a button or menu (answer, hint, …): platforms whose messages carry
   * components leave it out of their command picker.
   */
  textOnly: boolean;
  /** Typed options, in picker order (empty when it takes none or is text-only). */
  options: readonly OptionSpec[];
  /**
   * Longest typed argument text accepted, in characters (default MAX_ARGUMENT_LENGTH, 200); longer
   * text is refused with its length before parsing. Free-text subcommands (report, terms in) allow more.
   */
  maxArgumentLength?: number;
  /** Checked in order by the dispatcher before `run`; the first unmet one answers instead. */
  requires: readonly RequirementEntry[];
  /** A use of it only admins may make, when the subcommand itself is for everyone (see AdminUse). */
  adminUse?: AdminUse<C>;
  /** Whether running it posts or edits channel messages (slow: platforms acknowledge first). */
  postsToChannel(command: C): boolean;
  /** The text form after the subcommand word -> its command, or an InvalidCommand naming the problem. */
  parse(input: TextInput): C | InvalidCommand;
  /** Typed option values -> its command. Every subcommand that is not text-only has one. */
  fromOptions?(values: OptionValues): C;
  /** Answer it. Requirements are already met. */
  run(command: C, ctx: Context, tools: CommandTools): Promise<Reply> | Reply;
}

/** The parsed command type of a spec. */
export type CommandOf<S> = S extends CommandSpec<infer C> ? C : never;

type Defaulted = 'aliases' | 'options' | 'requires' | 'textOnly' | 'postsToChannel';

/** Declare a subcommand; fills the defaults (no aliases, options or requirements; not text-only; posts nothing). */
export function defineCommand<C extends BaseCommand>(spec: Omit<CommandSpec<C>, Defaulted> & Partial<Pick<CommandSpec<C>, Defaulted>>): CommandSpec<C> {
  return { aliases: [], options: [], requires: [], textOnly: false, postsToChannel: () => false, ...spec };
}
