/** `hint <scenario> [n]`: a scenario's hints one at a time (the stand-in for its hint button). */
import { handleHint } from '../handlers/scenario.js';
import { defineCommand } from './spec.js';
import { invalid, quote, scenarioAndNumbers } from './text-args.js';

/** A parsed `hint`. */
export interface HintCommand {
  kind: 'hint';
  /** An id or title words, resolved by the handler. */
  scenarioId: string;
  /** Show hints 1..count, as typed (the handler names the range when it is out of it); absent: 1. */
  count?: number;
}

export const hint = defineCommand<HintCommand>({
  name: 'hint',
  aliases: ['hints'],
  help: {
    usage: 'hint <scenario> [n]',
    summary: "reveal a scenario's hints one at a time",
    examples: ['hint finance-compliance 2'],
    details: ['`hint <scenario> 2` shows hints 1 and 2 (hints are numbered from 1).', '<scenario> is its id or words of its title, as `scenario` takes them.'],
  },
  description: "Reveal a scenario's hints one at a time",
  textOnly: true,
  parse: ({ args, input }) => {
    const split = scenarioAndNumbers('hint', args, input);
    if ('kind' in split) return split;
    const { scenario, numbers } = split;
    if (numbers.length === 0) return { kind: 'hint', scenarioId: scenario };
    const [n = ''] = numbers;
    if (numbers.length > 1) return invalid(`hint takes one number after the scenario (got ${quote(numbers.join(' '))}), e.g. \`hint finance-compliance 2\``, input);
    // Any run of digits is a number; one past the scenario's hints (however long) is answered as out of range.
    if (!/^[-+]?[0-9]+$/.test(n)) {
      return invalid(`hint number ${quote(n)} is not a whole number; \`hint <scenario> 2\` shows hints 1 and 2`, input);
    }
    return { kind: 'hint', scenarioId: scenario, count: Number(n) };
  },
  run: (c, ctx, { deps }) => handleHint(deps.library.forTeam(ctx), c.scenarioId, c.count ?? 1),
});
