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
   * which the handler refuses naming the range); ranges "1-3" expand to [0, 1, 2]; [] for "none";
   * 'all' for every point of the rubric; absent: show the rubric.
   */
  checked?: number[] | 'all';
}

export const check = defineCommand<CheckCommand>({
  name: 'check',
  aliases: ['rubric'],
  help: {
    usage: 'check <scenario> [points]',
    summary: 'the rubric of a good answer; tick what you covered',
    examples: ['check finance-compliance 1,3,4'],
    details: [
      '`check <scenario>` lists the rubric; `check <scenario> 1,3,4` (a range `1-3`, `all` or `none`) stores your self-score. Points are numbered from 1, as listed.',
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
    if (/^all$/i.test(rest)) return { kind: 'check', scenarioId: scenario, checked: 'all' };
    const how = `tick points by their numbers, e.g. \`check ${scenario} 1,3,4\`, a range \`1-3\`, \`all\` or \`none\``;
    // Commas separate items (spaces around them are fine; spaces alone also separate): an empty
    // item, as in "1,,2" or "1,2,", is refused rather than read as a typo to skip.
    const items = rest.split(',').map((item) => item.trim());
    if (items.every((item) => item === '')) return invalid(`no rubric points between the commas; ${how}`, input);
    const empty = items.indexOf('');
    if (empty >= 0) {
      const where = empty === 0 ? 'before the first comma' : empty === items.length - 1 ? 'after the last comma' : 'between two commas';
      return invalid(`rubric points ${quote(rest)} have an empty item ${where}; ${how}`, input);
    }
    const parts = items.flatMap((item) => item.split(/\s+/));
    const nums: number[] = [];
    for (const p of parts) {
      const range = /^([0-9]{1,6})-([0-9]{1,6})$/.exec(p);
      if (range) {
        const [from, to] = [Number(range[1]), Number(range[2])];
        if (from > to) return invalid(`rubric range ${quote(p)} runs backwards; write it low to high, e.g. \`1-3\``, input);
        if (to - from > 1000) return invalid(`rubric range ${quote(p)} is far longer than any rubric; ${how}`, input);
        for (let n = from; n <= to; n++) nums.push(n - 1);
        continue;
      }
      if (!/^[-+]?[0-9]{1,6}$/.test(p)) return invalid(`rubric point ${quote(p)} is not a whole number or a range; ${how}`, input);
      nums.push(Number(p) - 1);
    }
    return { kind: 'check', scenarioId: scenario, checked: [...new Set(nums)].sort((a, b) => a - b) };
  },
  run: (c, ctx, { deps }) =>
    c.checked === undefined ? handleChecklist(deps.library.forTeam(ctx), c.scenarioId) : handleSelfScore(deps.library.forTeam(ctx), deps.store, ctx, c.scenarioId, c.checked),
});
