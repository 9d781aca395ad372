/**
 * `check <scenario> [points]`: a scenario's rubric, or a self-score of the points covered (the
 * stand-in for its rubric menu).
 */
import { handleChecklist, handleSelfScore } from '../handlers/scenario.js';
import { defineCommand } from './spec.js';
import { invalid, quote, scenarioAndNumbers } from './text-args.js';

/** A parsed `check`. */
export interface CheckCommand {
  kind: 'check';
  /** An id or title words, resolved by the handler. */
  scenarioId: string;
  /**
   * 0-based rubric indexes ticked, sorted and unique ("1,3,4" typed -> [0, 2, 3]; "0" -> [-1],
   * which the handler refuses naming the range); [] for "none"; absent: show the rubric.
   */
  checked?: number[];
}

export const check = defineCommand<CheckCommand>({
  name: 'check',
  aliases: ['rubric'],
  help: {
    usage: 'check <scenario> [points]',
    summary: 'the rubric of a good answer; tick what you covered',
    examples: ['check finance-compliance 1,3,4'],
    details: [
      '`check <scenario>` lists the rubric; `check <scenario> 1,3,4` (or `none`) stores your self-score. Points are numbered from 1, as listed.',
      '<scenario> is its id or words of its title, as `scenario` takes them.',
    ],
  },
  description: 'The rubric of a good answer; tick what you covered',
  textOnly: true,
  parse: ({ args, input }) => {
    const split = scenarioAndNumbers('check', args, input);
    if ('kind' in split) return split;
    const { scenario, numbers } = split;
    const rest = numbers.join(' ').trim();
    if (rest === '') return { kind: 'check', scenarioId: scenario };
    if (/^none$/i.test(rest)) return { kind: 'check', scenarioId: scenario, checked: [] };
    const nums: number[] = [];
    for (const p of rest.split(/[\s,]+/).filter((w) => w !== '')) {
      if (!/^[-+]?[0-9]{1,6}$/.test(p)) {
        return invalid(`rubric point ${quote(p)} is not a whole number; tick points by their numbers, e.g. \`check ${scenario} 1,3,4\` (or \`none\`)`, input);
      }
      nums.push(Number(p) - 1);
    }
    return { kind: 'check', scenarioId: scenario, checked: [...new Set(nums)].sort((a, b) => a - b) };
  },
  run: (c, ctx, { deps }) =>
    c.checked === undefined ? handleChecklist(deps.library, c.scenarioId) : handleSelfScore(deps.library, deps.store, ctx, c.scenarioId, c.checked),
});
