/** `stats [user]`: answers, accuracy, points, streaks and accuracy per topic. */
import { handleStats } from '../handlers/stats.js';
import { defineCommand } from './spec.js';
import { optional } from './text-args.js';

/** A parsed `stats`. */
export interface StatsCommand {
  kind: 'stats';
  /** A user id (from a mention) or a name as typed; absent: the asker. */
  user?: string;
}

/** A mention ("<@U123|bob>", "<@!123>") -> the user id; "@bob" -> "bob". */
function userArg(arg: string): string {
  const mention = /^<@!?([A-Za-z0-9]+)(?:\|[^>]*)?>$/.exec(arg);
  if (mention?.[1]) return mention[1];
  return arg.replace(/^@/, '');
}

export const stats = defineCommand<StatsCommand>({
  name: 'stats',
  aliases: ['stat'],
  help: {
    usage: 'stats [user]',
    summary: 'answers, accuracy, points, streaks and accuracy per topic',
    examples: ['stats @alice'],
    details: ['Without a name: your own. Suggests a term to read and a practice quiz on your weakest topic.'],
  },
  description: 'Your answers, accuracy per topic and streaks (or another member’s)',
  usageHint: 'stats',
  options: [{ name: 'user', kind: 'user', description: 'Whose stats (default: yours)' }],
  parse: ({ argText }) => (argText === '' ? { kind: 'stats' } : { kind: 'stats', user: userArg(argText) }),
  fromOptions: (o) => ({ kind: 'stats', ...optional('user', o.user('user')) }),
  run: (c, ctx, { deps }) => handleStats(deps.store, deps.library.forTeam(ctx), ctx, c.user, deps),
});
