/** `close [round]`: close the channel's open on-demand round (or a given one) now and reveal it. */
import { defineCommand } from './spec.js';
import { invalid, optional, quote, roundNumber } from './text-args.js';

/** A parsed `close`. */
export interface CloseCommand {
  kind: 'close';
  /** Absent: the channel's open on-demand round. */
  roundId?: number;
}

export const close = defineCommand<CloseCommand>({
  name: 'close',
  help: {
    usage: 'close [round]',
    summary: "close the channel's open round now and reveal the answer",
    examples: ['close'],
    details: ['Shows the correct answer, the explanation, how many answered and how the choices split.'],
  },
  description: "Close the channel's open round now and reveal the answer",
  options: [{ name: 'round', kind: 'integer', description: 'The round number (default: the open one)', minValue: 1 }],
  adminUse: {
    description: 'Close any open round in this channel, also one someone else opened',
    options: [{ name: 'round', kind: 'integer', description: 'The round number (default: the open one)', minValue: 1 }],
    fromOptions: (o) => ({ kind: 'close', ...optional('roundId', o.integer('round')) }),
  },
  postsToChannel: () => true,
  parse: ({ args, input }) => {
    if (args.length === 0) return { kind: 'close' };
    const roundId = args.length === 1 ? roundNumber(args[0] ?? '') : undefined;
    if (roundId === undefined) return invalid(`close takes an optional round number, e.g. \`close 12\` (got ${quote(args.join(' '))})`, input);
    return { kind: 'close', roundId };
  },
  fromOptions: (o) => ({ kind: 'close', ...optional('roundId', o.integer('round')) }),
  run: (c, ctx, { rounds }) => rounds.close(ctx, c.roundId),
});
