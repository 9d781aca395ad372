/** `help [subcommand]`: every subcommand with an example, or one subcommand's details. */
import { handleHelp } from '../handlers/help.js';
import { defineCommand } from './spec.js';
import { optional } from './text-args.js';

/** A parsed `help`. */
export interface HelpCommand {
  kind: 'help';
  /** The subcommand asked about, lower-cased, as typed (resolved by the handler). */
  topic?: string;
}

export const help = defineCommand<HelpCommand>({
  name: 'help',
  aliases: ['?'],
  help: {
    usage: 'help [subcommand]',
    summary: 'this overview, or the details of one subcommand',
    examples: ['help subscribe'],
    details: ['Without an argument: every subcommand with an example. With one: its details.'],
  },
  description: 'What the bot can do, or the details of one subcommand',
  usageHint: 'help',
  options: [{ name: 'topic', kind: 'string', description: 'A subcommand to explain', choicesFrom: 'subcommands' }],
  parse: ({ args }) => (args.length === 0 ? { kind: 'help' } : { kind: 'help', topic: args.join(' ') }),
  fromOptions: (o) => ({ kind: 'help', ...optional('topic', o.string('topic')) }),
  run: (c, ctx, { catalogue }) => handleHelp(catalogue, c.topic, ctx.now, ctx.surface),
});
