/** `readiness [user|here]`: readiness per exam domain, for you, another learner or the channel. */
import { handleReadiness } from '../exam/readiness-handler.js';
import { defineCommand } from './spec.js';
import { optional } from './text-args.js';

/** A parsed `readiness`. */
export interface ReadinessCommand {
  kind: 'readiness';
  /** "here" for the channel's active learners, a user id (from a mention) or name; absent: the asker. */
  target?: string;
}

/** A mention ("<@U123|bob>", "<@!123>") -> the user id; "@bob" -> "bob"; "here" stays. */
function targetArg(arg: string): string {
  const mention = /^<@!?([A-Za-z0-9]+)(?:\|[^>]*)?>$/.exec(arg);
  if (mention?.[1]) return mention[1];
  return arg.toLowerCase() === 'here' ? 'here' : arg.replace(/^@/, '');
}

export const readiness = defineCommand<ReadinessCommand>({
  name: 'readiness',
  aliases: ['ready'],
  help: {
    usage: 'readiness [user|here]',
    summary: 'how ready you (or the channel) are, per exam domain',
    examples: ['readiness', 'readiness here'],
    details: [
      'Per exam domain of your exam date’s deck (else the channel’s deck): the share of its questions you would probably answer right today, and a weighted overall figure.',
      'Made from the FSRS recall chance of each card you practised times your recent accuracy in its domain; questions never practised count as unknown.',
      '`readiness here` averages the learners who answered in this channel in the last 30 days.',
    ],
  },
  description: 'Your readiness per exam domain (or the channel’s)',
  options: [
    { name: 'user', kind: 'user', description: 'Whose readiness (default: yours)' },
    { name: 'here', kind: 'boolean', description: 'The channel’s active learners together' },
  ],
  parse: ({ argText }) => (argText === '' ? { kind: 'readiness' } : { kind: 'readiness', target: targetArg(argText) }),
  fromOptions: (o) => ({ kind: 'readiness', ...optional('target', o.boolean('here') ? 'here' : o.user('user')) }),
  run: (c, ctx, { deps }) => handleReadiness(deps.store, deps.library.forTeam(ctx), ctx, c.target, deps),
});
