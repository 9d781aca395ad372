/**
 * The one place a parsed command is run: find its subcommand in the registry, check the
 * subcommand's declared requirements (the first unmet one answers instead), then call its handler.
 * Input that did not parse, or a kind no subcommand has, gets help headed by what was wrong.
 */
import type { Command } from '../command.js';
import type { Context } from '../context.js';
import { handleInvalid } from '../handlers/help.js';
import type { Reply } from '../reply.js';
import { PARSE } from '../text/help.js';
import { CATALOGUE, commandSpec } from './registry.js';
import { unmetRequirement } from './requirements.js';
import type { CommandTools } from './spec.js';

/** Run one command for `ctx`. Throws what its handler throws (the Tutor turns that into an apology). */
export async function runCommand(command: Command, ctx: Context, tools: Omit<CommandTools, 'catalogue'>): Promise<Reply> {
  if (command?.kind === 'invalid') return handleInvalid(CATALOGUE, command.problem, command.input, ctx.now, ctx.surface);
  const spec = typeof command?.kind === 'string' ? commandSpec(command.kind) : undefined;
  if (!spec) return handleInvalid(CATALOGUE, PARSE.unknownCommand(JSON.stringify((command as { kind?: unknown } | undefined)?.kind ?? null)), '', ctx.now, ctx.surface);
  return unmetRequirement(spec.name, spec.requires, ctx) ?? spec.run(command, ctx, { ...tools, catalogue: CATALOGUE });
}
