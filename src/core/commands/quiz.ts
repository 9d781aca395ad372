/** `quiz [tag]`: a practice question only the asker sees; `quiz here [tag]`: a round for the channel. */
import { defineCommand } from './spec.js';
import { invalid, MAX_TEXT_OPTION, optional, quote, TAG } from './text-args.js';

/** A parsed `quiz`. */
export interface QuizCommand {
  kind: 'quiz';
  /** Open a round in the channel (true) or ask a practice question (false). */
  here: boolean;
  /** Lower case. */
  tag?: string;
}

export const quiz = defineCommand<QuizCommand>({
  name: 'quiz',
  aliases: ['question'],
  help: {
    usage: 'quiz [here] [tag]',
    summary: 'a practice question only you see; `quiz here` opens a round for the whole channel',
    examples: ['quiz here s3'],
    details: [
      '`quiz` and `quiz s3` ask you a practice question: it counts in your stats, not on the leaderboard.',
      "`quiz here` opens a round in the channel; everyone's first answer counts and a right answer scores 1 point. One on-demand round per channel at a time; it closes by itself after a while, or with `close`.",
    ],
  },
  description: 'A practice question only you see, or a round for the whole channel',
  usageHint: 'quiz [here]',
  options: [
    { name: 'here', kind: 'boolean', description: 'Open a round in this channel for everyone' },
    { name: 'tag', kind: 'string', description: 'Only questions with this tag', maxLength: MAX_TEXT_OPTION, choicesFrom: 'tags' },
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
    if (rest.length > 1) {
      return invalid(`quiz takes at most one tag (got ${rest.map(quote).join(', ')}), e.g. \`quiz here s3\``, input);
    }
    const tag = rest[0];
    if (tag !== undefined && !TAG.test(tag)) {
      return invalid(`${quote(tag)} is not a tag (tags look like s3, kms, ebs)`, input);
    }
    return tag === undefined ? { kind: 'quiz', here } : { kind: 'quiz', here, tag };
  },
  fromOptions: (o) => ({ kind: 'quiz', here: o.boolean('here'), ...optional('tag', o.string('tag')?.trim().toLowerCase() || undefined) }),
  run: (c, ctx, { rounds }) => (c.here ? rounds.openChannelRound(ctx, c.tag) : rounds.practice(ctx, c.tag)),
});
