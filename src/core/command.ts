/**
 * The `/kms` grammar as data. `parseCommand` (src/core/parse-command.ts) turns "explain grants"
 * into `{ kind: 'explain', query: 'grants' }`; platforms with typed options build the same objects
 * from them. Each subcommand declares its own form in src/core/commands/<name>.ts; the list is
 * src/core/commands/registry.ts, and this union is derived from it (`help` prints the grammar).
 */
import type { ParsedCommand } from './commands/registry.js';
import type { InvalidCommand } from './commands/spec.js';

export type { LeaderboardPeriod } from './commands/leaderboard.js';
export { SUBCOMMANDS } from './commands/registry.js';

/**
 * A parsed command: one subcommand's `{ kind: <name>, ...arguments }`, or input that did not parse
 * (`{ kind: 'invalid', problem, input }`, `problem` saying what was wrong, e.g. 'unknown subcommand "explian"').
 */
export type Command = ParsedCommand | InvalidCommand;
