/** `terms [tag]`: the deck's terms by chapter section, or those a tag's questions test. */
import { handleTerms } from '../handlers/terms.js';
import { defineCommand } from './spec.js';
import { invalid, MAX_TEXT_OPTION, optional, quote, TAG } from './text-args.js';

/** A parsed `terms`. */
export interface TermsCommand {
  kind: 'terms';
  /** Lower case. */
  tag?: string;
}

export const terms = defineCommand<TermsCommand>({
  name: 'terms',
  aliases: ['term', 'glossary'],
  help: {
    usage: 'terms [tag]',
    summary: "list the deck's terms by chapter section",
    examples: ['terms s3'],
    details: ['With a tag (kms, s3, ebs, rds, policy, cost, audit, exam): only the terms its questions test.'],
  },
  description: "List the deck's terms",
  options: [{ name: 'tag', kind: 'string', description: 'Only terms tested under this tag', maxLength: MAX_TEXT_OPTION, choicesFrom: 'tags' }],
  parse: ({ args, argText, input }) => {
    if (args.length > 1) return invalid(`terms takes at most one tag (got ${quote(argText)})`, input);
    const tag = args[0]?.toLowerCase();
    if (tag === undefined) return { kind: 'terms' };
    if (!TAG.test(tag)) return invalid(`${quote(args[0] ?? '')} is not a tag (tags look like s3, kms, ebs)`, input);
    return { kind: 'terms', tag };
  },
  fromOptions: (o) => ({ kind: 'terms', ...optional('tag', o.string('tag')?.trim().toLowerCase() || undefined) }),
  run: (c, _ctx, { deps }) => handleTerms(deps.library, c.tag),
});
