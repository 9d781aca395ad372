/** `deck <id>` (admins, in a channel): the deck this channel studies. */
import { handleSetDeck } from '../decks/view.js';
import { defineCommand } from './spec.js';
import { invalid, quote, TAG } from './text-args.js';

/** A parsed `deck`. */
export interface DeckCommand {
  kind: 'deck';
  /** Lower case. */
  deckId: string;
}

export const deck = defineCommand<DeckCommand>({
  name: 'deck',
  help: {
    usage: 'deck <id>',
    summary: 'set the deck this channel studies (admins)',
    examples: ['deck kms-encryption-at-rest'],
    details: [
      '`quiz here`, the daily question and the weekly digest use the channel’s deck; `decks` lists the ids.',
      'A daily subscription follows: its deck changes too. `subscribe … <deck>` sets the channel’s deck the same way.',
    ],
  },
  description: 'Set the deck this channel studies',
  options: [{ name: 'id', kind: 'string', description: 'A deck id from `decks`', required: true, maxLength: 63 }],
  requires: [
    { name: 'channel', title: 'deck works in a channel', why: 'A deck is chosen for a channel; run `deck <id>` there.' },
    { name: 'admin', title: 'Only admins can choose the channel’s deck', why: 'Only admins can change what a channel studies' },
  ],
  postsToChannel: () => false,
  parse: ({ args, input }) => {
    const id = args[0]?.toLowerCase();
    if (id === undefined) return invalid('deck needs a deck id, e.g. `deck kms-encryption-at-rest` (`decks` lists them)', input);
    if (args.length > 1) return invalid(`deck takes one deck id (got ${quote(args.join(' '))})`, input);
    if (!TAG.test(id)) return invalid(`${quote(args[0] ?? '')} is not a deck id (lower-case letters, digits and hyphens)`, input);
    return { kind: 'deck', deckId: id };
  },
  fromOptions: (o) => ({ kind: 'deck', deckId: o.string('id')?.trim().toLowerCase() ?? '' }),
  run: (c, ctx, { deps }) => handleSetDeck(deps, ctx, c.deckId),
});
