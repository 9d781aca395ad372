/** `decks`: the loaded decks with their size; the channel's deck is marked. */
import { handleDecks } from '../decks/view.js';
import { defineCommand } from './spec.js';
import { noArguments } from './text-args.js';

/** A parsed `decks`. */
export interface DecksCommand {
  kind: 'decks';
}

export const decks = defineCommand<DecksCommand>({
  name: 'decks',
  help: {
    usage: 'decks',
    summary: 'the decks you can study, with their terms, concept cards, questions and scenarios',
    examples: ['decks'],
    details: ['Marks the deck this channel studies. `quiz <deck>` practises any of them; admins pick the channel’s deck with `deck <id>`.'],
  },
  description: 'The decks you can study and their size',
  parse: (input) => noArguments('decks', input) ?? { kind: 'decks' },
  fromOptions: () => ({ kind: 'decks' }),
  run: (_c, ctx, { deps }) => handleDecks(deps, ctx),
});
