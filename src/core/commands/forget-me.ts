/** `forget-me [confirm]`: delete the asker's answers, self-scores and stats in this team (asks first). */
import { forgetMe as forget, forgetMePrompt } from '../handlers/forget-me.js';
import { defineCommand } from './spec.js';
import { invalid, quote } from './text-args.js';

/** A parsed `forget-me`. */
export interface ForgetMeCommand {
  kind: 'forget-me';
  /** Delete now (true) or ask for confirmation first (false). */
  confirm: boolean;
}

export const forgetMe = defineCommand<ForgetMeCommand>({
  name: 'forget-me',
  aliases: ['forgetme', 'forget'],
  help: {
    usage: 'forget-me [confirm]',
    summary: 'delete your answers, self-scores and stats in this team',
    examples: ['forget-me'],
    details: ['Asks for confirmation first. Boards no longer show you afterwards.'],
  },
  description: 'Delete your answers, scores and self-checks in this team (asks first)',
  parse: ({ word, args, input }) => {
    // "forget me" and "forget me confirm" read naturally too.
    const rest = word === 'forget' && args[0]?.toLowerCase() === 'me' ? args.slice(1) : args;
    if (rest.length === 0) return { kind: 'forget-me', confirm: false };
    const w = rest.join(' ').toLowerCase();
    if (w === 'confirm' || w === 'yes') return { kind: 'forget-me', confirm: true };
    return invalid(`forget-me takes only the word confirm (got ${quote(rest.join(' '))})`, input);
  },
  fromOptions: () => ({ kind: 'forget-me', confirm: false }),
  run: (c, ctx, { deps }) => (c.confirm ? forget(deps.store, ctx, true) : forgetMePrompt(deps.store, ctx)),
});
