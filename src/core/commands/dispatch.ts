/**
 * The one place a parsed command is run: find its subcommand in the registry, check the
 * subcommand's declared requirements (the first unmet one answers instead), then call its handler.
 * Input that did not parse, or a kind no subcommand has, gets help headed by what was wrong.
 */
import type { Command } from '../command.js';
import type { Context } from '../context.js';
import type { CoreDeps } from '../deps.js';
import { handleInvalid } from '../handlers/help.js';
import type { Reply } from '../reply.js';
import { PARSE } from '../text/help.js';
import { CATALOGUE, commandSpec } from './registry.js';
import { unmetRequirement } from './requirements.js';
import type { CommandTools } from './spec.js';

/**
 * What to say about an answer letter typed alone: the round open in this channel (a `quiz here`
 * round, else today's daily round while it is open) with the command that answers it; else the
 * asker's own open practice question here (`quiz`, answered with `answer <round> <letter>` too);
 * else `general`.
 */
async function bareLetterProblem(letter: string, general: string, ctx: Context, deps: CoreDeps): Promise<string> {
  const open = (await deps.store.openChannelRound(ctx)) ?? (await deps.store.latestDailyRound(ctx));
  if (open !== undefined && open.closedAt === null) return PARSE.bareLetterOpen(letter, open.id);
  const practice = await deps.store.openPracticeRound(ctx, ctx.userId);
  return practice === undefined ? general : PARSE.bareLetterPractice(letter, practice.id);
}

/** Run one command for `ctx`. Throws what its handler throws (the Tutor turns that into an apology). */
export async function runCommand(command: Command, ctx: Context, tools: Omit<CommandTools, 'catalogue'>): Promise<Reply> {
  if (command?.kind === 'invalid') {
    const problem = command.bareLetter === undefined ? command.problem : await bareLetterProblem(command.bareLetter, command.problem, ctx, tools.deps);
    return handleInvalid(CATALOGUE, problem, command.input, ctx.now, ctx.surface);
  }
  const spec = typeof command?.kind === 'string' ? commandSpec(command.kind) : undefined;
  if (!spec) return handleInvalid(CATALOGUE, PARSE.unknownCommand(JSON.stringify((command as { kind?: unknown } | undefined)?.kind ?? null)), '', ctx.now, ctx.surface);
  return unmetRequirement(spec.name, spec.requires, ctx) ?? spec.run(command, ctx, { ...tools, catalogue: CATALOGUE });
}
