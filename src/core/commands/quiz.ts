/**
 * `quiz [deck] [tag]`: a practice question only the asker sees; `quiz here [deck] [tag]`: a round for
 * the channel. Without a deck: the channel's deck (channel-deck.ts).
 */
import { resolveQuizDeck } from '../decks/quiz-deck.js';
import { defineCommand } from './spec.js';
import { invalid, MAX_TEXT_OPTION, optional, quote, TAG } from './text-args.js';

/** A parsed `quiz`. */
export interface QuizCommand {
  kind: 'quiz';
  /** Open a round in the channel (true) or ask a practice question (false). */
  here: boolean;
  /** A deck id, lower case (two words were typed, or the typed option). */
  deck?: string;
  /** Lower case. A lone word may also name a deck: the handler decides (quiz-deck.ts). */
  tag?: string;
}

export const quiz = defineCommand<QuizCommand>({
  name: 'quiz',
  aliases: ['question'],
  help: {
    usage: 'quiz [here] [deck] [tag]',
    summary: 'a practice question only you see; `quiz here` opens a round for the whole channel',
    examples: ['quiz here s3', 'quiz kms-encryption-at-rest ebs'],
    details: [
      '`quiz` and `quiz s3` ask you a practice question: it counts in your stats, not on the leaderboard.',
      "`quiz here` opens a round in the channel; everyone's first answer counts and a right answer scores 1 point. One on-demand round per channel at a time; it closes by itself after a while, or with `close`.",
      'Questions come from the channel’s deck (`decks` lists them; admins pick one with `deck <id>`). Name another deck first to practise it: `quiz <deck> [tag]`.',
    ],
  },
  description: 'A practice question only you see, or a round for the whole channel',
  usageHint: 'quiz [here]',
  options: [
    { name: 'here', kind: 'boolean', description: 'Open a round in this channel for everyone' },
    { name: 'tag', kind: 'string', description: 'Only questions with this tag', maxLength: MAX_TEXT_OPTION, choicesFrom: 'tags' },
    // Free text, not choices: a deck imported in chat is usable before the commands are registered again.
    { name: 'deck', kind: 'string', description: 'A deck id from `decks` (default: this channel’s deck)', maxLength: 63 },
  ],
  postsToChannel: (c) => c.here,
  parse: ({ args, input }) => {
    let here = false;
    const rest: string[] = [];
    for (const a of args) {
      if (a.toLowerCase() !== 'here') rest.push(a.toLowerCase());
      else if (here) return invalid(`unexpected word ${quote(a)}: \`here\` goes once, e.g. \`quiz here s3\``, input);
      else here = true;
    }
    if (rest.length > 2) {
      return invalid(`quiz takes at most a deck and a tag (got ${rest.map(quote).join(', ')}), e.g. \`quiz here s3\``, input);
    }
    for (const word of rest) {
      if (!TAG.test(word)) return invalid(`${quote(word)} is not a tag or deck id (they look like s3, kms, kms-encryption-at-rest)`, input);
    }
    const [first, second] = rest;
    if (second !== undefined) return { kind: 'quiz', here, deck: first, tag: second };
    return first === undefined ? { kind: 'quiz', here } : { kind: 'quiz', here, tag: first };
  },
  fromOptions: (o) => ({
    kind: 'quiz',
    here: o.boolean('here'),
    ...optional('deck', o.string('deck')?.trim().toLowerCase() || undefined),
    ...optional('tag', o.string('tag')?.trim().toLowerCase() || undefined),
  }),
  run: (c, ctx, { rounds, deps }) => {
    const pick = resolveQuizDeck(deps.library.forTeam(ctx), c.deck, c.tag);
    if ('blocks' in pick) return pick;
    return c.here ? rounds.openChannelRound(ctx, pick.tag, pick.deck) : rounds.practice(ctx, pick.tag, pick.deck);
  },
});
