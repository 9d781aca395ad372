/** `explain <term>`: fuzzy lookup of a term by name or alias. */
import { resolveChannelDeck } from '../channel-deck.js';
import { handleExplain } from '../handlers/explain.js';
import { defineCommand } from './spec.js';
import { invalid, MAX_ARGUMENT_LENGTH } from './text-args.js';

/** A parsed `explain`. */
export interface ExplainCommand {
  kind: 'explain';
  /** The term as typed (the handler refuses empty or over-long ones). */
  query: string;
}

export const explain = defineCommand<ExplainCommand>({
  name: 'explain',
  aliases: ['define'],
  help: {
    usage: 'explain <term>',
    summary: 'look a term up: summary, explanation, exam tip, related terms',
    examples: ['explain grants'],
    details: [
      'Finds a term by name or alias; case, hyphens, plurals and small typos do not matter ("sse kms", "grnats").',
      'When nothing matches well it suggests up to three terms. At most 200 characters.',
      'The channel’s deck is searched first, then the other decks; a term from another deck says which.',
    ],
  },
  description: 'Look up a term by name or alias (typos are fine)',
  usageHint: 'explain <term>',
  options: [
    { name: 'term', kind: 'string', description: 'The term, e.g. grants or SSE-KMS', required: true, autocomplete: 'terms', maxLength: MAX_ARGUMENT_LENGTH },
  ],
  parse: ({ argText, input }) => (argText === '' ? invalid('explain needs a term, e.g. `explain grants`', input) : { kind: 'explain', query: argText }),
  fromOptions: (o) => ({ kind: 'explain', query: o.string('term') ?? '' }),
  run: async (c, ctx, { deps }) => {
    const channel = ctx.isDirectMessage ? undefined : (await resolveChannelDeck(deps, ctx)).deck.meta.id;
    return handleExplain(deps.library.forTeam(ctx), c.query, channel);
  },
});
