/** `reference <scenario>`: a scenario's reference design (the stand-in for its button). */
import { handleReference } from '../handlers/scenario.js';
import { defineCommand } from './spec.js';
import { invalid } from './text-args.js';

/** A parsed `reference`. */
export interface ReferenceCommand {
  kind: 'reference';
  /** An id or title words, resolved by the handler. */
  scenarioId: string;
}

export const reference = defineCommand<ReferenceCommand>({
  name: 'reference',
  aliases: ['ref'],
  help: {
    usage: 'reference <scenario>',
    summary: "a scenario's reference design and its trade-off",
    examples: ['reference finance-compliance'],
    details: ['Try the exercise first: the hints come one at a time, the reference design all at once.', '<scenario> is its id or words of its title, as `scenario` takes them.'],
  },
  description: "A scenario's reference design and its trade-off",
  textOnly: true,
  parse: ({ argText, input }) =>
    argText === ''
      ? invalid('reference needs a scenario id or title words, e.g. `reference finance-compliance`', input)
      : { kind: 'reference', scenarioId: argText },
  run: (c, ctx, { deps }) => handleReference(deps.library.forTeam(ctx), c.scenarioId),
});
