/**
 * Declared requirements, checked in one place (the dispatcher) before a subcommand runs, like
 * preconditions: each has a test on the Context and its refusal. A subcommand may word the
 * refusal's title and first line itself (RequirementEntry); the rest comes from here, with the
 * platform's own words from `ctx.surface` where they differ (core never names a platform).
 */
import type { Context } from '../context.js';
import { errorReply } from '../handlers/replies.js';
import type { Reply } from '../reply.js';
import { REQUIREMENTS as TEXT } from '../text/help.js';
import type { RequirementEntry, RequirementName } from './spec.js';

/** One requirement: when it is met, and the reply when it is not. */
interface Requirement {
  met(ctx: Context): boolean;
  refusal(subcommand: string, ctx: Context, words: { title?: string; why?: string }): Reply;
}

const REQUIREMENTS: Readonly<Record<RequirementName, Requirement>> = {
  channel: {
    met: (ctx) => !ctx.isDirectMessage,
    refusal: (sub, ctx, w) => {
      const hint = ctx.surface?.channelHint;
      return errorReply(w.title ?? TEXT.channelTitle(sub), w.why ?? TEXT.channelWhy(sub), ...(hint ? [hint] : []));
    },
  },
  admin: {
    met: (ctx) => ctx.isAdmin,
    refusal: (sub, ctx, w) => {
      const why = w.why ?? TEXT.adminWhy(sub);
      const rule = ctx.surface?.adminRule;
      return errorReply(w.title ?? TEXT.adminTitle(sub), TEXT.adminText(why, rule));
    },
  },
};

/**
 * The refusal of the first requirement in `requires` that `ctx` does not meet, in declaration
 * order, or undefined when all are met.
 */
export function unmetRequirement(subcommand: string, requires: readonly RequirementEntry[], ctx: Context): Reply | undefined {
  for (const entry of requires) {
    const { name, ...words } = typeof entry === 'string' ? { name: entry } : entry;
    const requirement = REQUIREMENTS[name];
    if (!requirement.met(ctx)) return requirement.refusal(subcommand, ctx, words);
  }
  return undefined;
}
