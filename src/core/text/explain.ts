/**
 * The words of `explain <term>` and `terms [tag]` and of the term card (src/core/handlers/explain.ts,
 * terms.ts, cards.ts). `quoted` parameters are user input already quoted and shortened by `quote`.
 */
export const EXPLAIN = {
  needsTerm: {
    title: 'explain needs a term',
    text: 'For example `explain grants` or `explain sse-kms`. `terms` lists them all.',
  },
  tooLong: {
    title: (length: number) => `That term is ${length} characters long`,
    text: (max: number) => `explain looks up one term name of at most ${max} characters, e.g. \`explain envelope encryption\`.`,
  },
  tooShort: {
    title: (quoted: string) => `${quoted} is too short to look up`,
    text: 'Type at least 3 letters of a term, e.g. `explain grants`; `terms` lists them all.',
  },
  topic: {
    title: (count: number, topic: string) => `${count} term${count === 1 ? '' : 's'} about ${topic}`,
    footer: 'Type `explain <term>` for any of them.',
  },
  /** A list item: the term's name and the query that explains it. */
  termItem: (name: string, query: string) => `${name} — \`explain ${query}\``,
  /** After a list item whose term is from another deck than the channel's. */
  inDeck: (deckId: string) => ` (deck \`${deckId}\`)`,
  noMatch: {
    title: (quoted: string) => `No term matches ${quoted}`,
    text: 'Type `terms` to see every term of the deck.',
  },
  didYouMean: (quoted: string) => `No term matches ${quoted} — did you mean:`,
} as const;

/** The term card's section headings. */
export const TERM_CARD = {
  examTip: 'Exam tip',
  related: 'Related',
  alsoCalled: 'Also called',
  note: 'Note',
} as const;

export const TERMS = {
  unknownTag: {
    title: (quoted: string) => `Unknown tag ${quoted}`,
    text: (tags: readonly string[]) => `Tags: ${tags.join(', ')}. Or type \`terms\` for every term.`,
  },
  noneForTag: {
    title: (quoted: string) => `No terms are tested under the tag ${quoted} yet`,
    text: 'Type `terms` for every term.',
  },
  title: (count: number) => `${count} terms`,
  titleForTag: (count: number, tag: string) => `${count} terms tested under ${tag}`,
  footer: 'Type `explain <term>` for any of them, e.g. `explain grants`.',
} as const;

/** The words of `terms in <text>` and "explain the terms in this message" (handlers/terms-in-text.ts). */
export const SPOT = {
  noText: {
    title: 'No text to look through',
    text: 'That message has no text of its own (only pictures or attachments, say). Type `terms in <text>` with the words to look through.',
  },
  none: {
    title: 'No deck terms found in that text',
    text: 'I looked for the name or an alias of every term of the deck and found none. Type `terms` to see them all, or `explain <term>` to look one up by name.',
  },
  title: (count: number) => (count === 1 ? '1 deck term in that text' : `${count} deck terms in that text`),
  /** Said when the text names more terms than are listed. */
  more: (shown: number) => `The text names more terms; the first ${shown} are listed.`,
  footer: 'Only you see this · type `explain <term>` for a term’s whole card.',
} as const;
