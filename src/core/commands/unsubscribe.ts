/** `unsubscribe` (admins, in a channel): stop the channel's daily question and reveal its open one. */
import { handleUnsubscribe } from '../handlers/subscription.js';
import { defineCommand } from './spec.js';
import { noArguments } from './text-args.js';
import { ADMIN_WHY } from './subscribe.js';

/** A parsed `unsubscribe`. */
export interface UnsubscribeCommand {
  kind: 'unsubscribe';
}

export const unsubscribe = defineCommand<UnsubscribeCommand>({
  name: 'unsubscribe',
  aliases: ['unsub'],
  help: {
    usage: 'unsubscribe',
    summary: "stop this channel's daily question (admins)",
    examples: ['unsubscribe'],
    details: ['Scores and streaks stay. The open daily question is closed and its answer shown.'],
  },
  description: "Stop this channel's daily question",
  requires: [
    { name: 'channel', title: 'unsubscribe works in a channel', why: 'Run it in the channel that gets the daily question.' },
    { name: 'admin', title: 'Only admins can unsubscribe a channel', why: ADMIN_WHY },
  ],
  parse: (input) => noArguments('unsubscribe', input) ?? { kind: 'unsubscribe' },
  fromOptions: () => ({ kind: 'unsubscribe' }),
  run: (_c, ctx, { deps }) => handleUnsubscribe(deps, ctx),
});
