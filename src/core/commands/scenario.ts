/** `scenario [id or words]`: a design exercise, or the list of them. */
import { handleScenario } from '../handlers/scenario.js';
import { defineCommand } from './spec.js';
import { MAX_ARGUMENT_LENGTH, optional } from './text-args.js';

/** A parsed `scenario`. */
export interface ScenarioCommand {
  kind: 'scenario';
  /** An id or title words; absent: the list. */
  query?: string;
}

export const scenario = defineCommand<ScenarioCommand>({
  name: 'scenario',
  aliases: ['scenarios'],
  help: {
    usage: 'scenario [id or words]',
    summary: 'a design exercise with hints, a reference design and a self-check',
    examples: ['scenario finance'],
    details: ['Without an argument: the list of scenarios. Then use its buttons, or `hint`, `reference` and `check`.'],
  },
  description: 'A scenario exercise with hints, a reference design and a self-check (none named: the list)',
  usageHint: 'scenario [id]',
  options: [{ name: 'name', kind: 'string', description: 'The scenario', autocomplete: 'scenarios', maxLength: MAX_ARGUMENT_LENGTH }],
  parse: ({ argText }) => (argText === '' ? { kind: 'scenario' } : { kind: 'scenario', query: argText }),
  fromOptions: (o) => ({ kind: 'scenario', ...optional('query', o.string('name')?.trim() || undefined) }),
  run: (c, ctx, { deps }) => handleScenario(deps.library.forTeam(ctx), c.query),
});
