/** `remind on [HH:MM] [quiet HH:MM-HH:MM] [weekdays]`, `remind off`, `remind`: a daily private reminder of due cards. */
import { handleRemind, type RemindRequest } from '../exam/remind-handler.js';
import { defineCommand } from './spec.js';
import { invalid, quote } from './text-args.js';

/** A parsed `remind`. */
export interface RemindCommand {
  kind: 'remind';
  request: RemindRequest;
}

export const remind = defineCommand<RemindCommand>({
  name: 'remind',
  aliases: ['reminder', 'reminders'],
  help: {
    usage: 'remind [on [HH:MM] [quiet HH:MM-HH:MM] [weekdays] | off]',
    summary: 'a private daily reminder when your practice cards are due',
    examples: ['remind on 18:00 quiet 22:00-07:00 weekdays', 'remind off'],
    details: [
      'At most one direct message a day, at the time you give (default 18:00) in your own time zone, only when cards are due, with a button for a practice question.',
      'If direct messages from the bot are blocked, reminders pause; `remind on` resumes them.',
    ],
  },
  description: 'A daily private reminder when your cards are due',
  options: [
    {
      name: 'switch',
      kind: 'string',
      description: 'On or off (empty: show)',
      choices: [
        { label: 'On', value: 'on' },
        { label: 'Off', value: 'off' },
      ],
    },
    { name: 'time', kind: 'string', description: 'Local time, HH:MM (default 18:00)', maxLength: 5 },
    { name: 'quiet', kind: 'string', description: 'Quiet hours, HH:MM-HH:MM', maxLength: 11 },
    { name: 'weekdays', kind: 'boolean', description: 'Weekdays only' },
  ],
  parse: ({ args, input }) => {
    const [first, ...rest] = args;
    if (first === undefined) return { kind: 'remind', request: { action: 'show' } };
    const lower = first.toLowerCase();
    if (lower === 'on') return { kind: 'remind', request: { action: 'on', words: rest } };
    if (lower === 'off') return rest.length === 0 ? { kind: 'remind', request: { action: 'off' } } : invalid(`remind off takes nothing after it, got ${quote(rest[0] ?? '')}`, input);
    return invalid(`remind takes "on" or "off", not ${quote(first)}`, input);
  },
  fromOptions: (o) => {
    const choice = o.string('switch');
    if (choice === 'off') return { kind: 'remind', request: { action: 'off' } };
    if (choice !== 'on') return { kind: 'remind', request: { action: 'show' } };
    const words: string[] = [];
    const time = o.string('time')?.trim();
    const quiet = o.string('quiet')?.trim();
    if (time) words.push(time);
    if (quiet) words.push('quiet', quiet);
    if (o.boolean('weekdays')) words.push('weekdays');
    return { kind: 'remind', request: { action: 'on', words } };
  },
  run: (c, ctx, { deps }) => handleRemind(deps.store, deps.library.forTeam(ctx), ctx, c.request),
});
