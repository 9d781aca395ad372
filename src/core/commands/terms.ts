/**
 * `terms [tag]`: the deck's terms by chapter section, or those a tag's questions test.
 * `terms in <text>`: the terms a piece of text names, each with its summary (the text form of
 * "explain the terms in this message").
 */
import { resolveChannelDeck } from '../channel-deck.js';
import { handleTerms } from '../handlers/terms.js';
import { handleTermsInText } from '../handlers/terms-in-text.js';
import { defineCommand } from './spec.js';
import { invalid, MAX_TEXT_OPTION, optional, quote, TAG } from './text-args.js';

/** Longest text a typed `text` option takes, in characters (pasted `/kms` text is read up to MAX_SCANNED_CHARS). */
const MAX_TEXT_TO_SCAN = 4000;

/** The word after `terms` that makes the rest the text to look through. */
const IN = 'in';

/** A parsed `terms`. */
export interface TermsCommand {
  kind: 'terms';
  /** Lower case. */
  tag?: string;
  /** `terms in <text>`: the text to look through instead (as typed, or a message's text). */
  text?: string;
}

export const terms = defineCommand<TermsCommand>({
  name: 'terms',
  aliases: ['term', 'glossary'],
  help: {
    usage: 'terms [tag] | terms in <text>',
    summary: "list the deck's terms by chapter section, or the terms a piece of text names",
    examples: ['terms s3', 'terms in should we use SSE-KMS with a bucket key?'],
    details: [
      'With a tag (kms, s3, ebs, rds, policy, cost, audit, exam): only the terms its questions test.',
      'With `in` and some text (paste a message): every term it names by name or alias, with its summary, at most 8, in the order they come. Whole words only; plurals and hyphens do not matter.',
    ],
  },
  description: "List the deck's terms, or the terms a piece of text names",
  options: [
    { name: 'tag', kind: 'string', description: 'Only terms tested under this tag', maxLength: MAX_TEXT_OPTION, choicesFrom: 'tags' },
    { name: 'text', kind: 'string', description: 'Instead: the terms this text names, with their summaries', maxLength: MAX_TEXT_TO_SCAN },
  ],
  // `in ` and the text to look through.
  maxArgumentLength: IN.length + 1 + MAX_TEXT_TO_SCAN,
  parse: ({ args, argText, input }) => {
    if (args[0]?.toLowerCase() === IN) {
      if (args.length === 1) return invalid('terms in needs some text to look through, e.g. `terms in should we use SSE-KMS?`', input);
      return { kind: 'terms', text: args.slice(1).join(' ') };
    }
    if (args.length > 1) return invalid(`terms takes at most one tag, or \`in\` and some text (got ${quote(argText)})`, input);
    const tag = args[0]?.toLowerCase();
    if (tag === undefined) return { kind: 'terms' };
    if (!TAG.test(tag)) return invalid(`${quote(args[0] ?? '')} is not a tag (tags look like s3, kms, ebs)`, input);
    return { kind: 'terms', tag };
  },
  fromOptions: (o) => {
    const text = o.string('text');
    if (text !== undefined && text.trim() !== '') return { kind: 'terms', text };
    return { kind: 'terms', ...optional('tag', o.string('tag')?.trim().toLowerCase() || undefined) };
  },
  run: async (c, ctx, { deps }) => {
    if (c.text === undefined) return handleTerms(deps.library.forTeam(ctx), c.tag);
    const channel = ctx.isDirectMessage ? undefined : (await resolveChannelDeck(deps, ctx)).deck.meta.id;
    return handleTermsInText(deps.library.forTeam(ctx), c.text, channel);
  },
});
