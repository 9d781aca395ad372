/** `schedule`: the channel's daily question, its next post and any pause. */
import { handleSchedule } from '../handlers/subscription.js';
import { defineCommand } from './spec.js';
import { noArguments } from './text-args.js';

/** A parsed `schedule`. */
export interface ScheduleCommand {
  kind: 'schedule';
}

export const schedule = defineCommand<ScheduleCommand>({
  name: 'schedule',
  help: {
    usage: 'schedule',
    summary: "this channel's daily question: time, zone, next post",
    examples: ['schedule'],
    details: ['Also says why posting is paused, if it is.'],
  },
  description: "This channel's daily question schedule",
  parse: (input) => noArguments('schedule', input) ?? { kind: 'schedule' },
  fromOptions: () => ({ kind: 'schedule' }),
  run: (_c, ctx, { deps }) => handleSchedule(deps, ctx),
});
