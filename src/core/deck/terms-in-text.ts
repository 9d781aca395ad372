/**
 * termsInText: the deck terms a piece of free text names ("explain the terms in this message").
 *
 * Every name of a term that `explain` finds it by (its name, the name without a trailing "(…)", each
 * alias and its id, also split at camelCase: "GenerateDataKey") is normalised like the explain lookup
 * does (normalise.ts: case, accents, punctuation and hyphens ignored, plurals folded), and so is the
 * text. The text's words are then scanned left to right; at each word the longest name starting there
 * wins ("KMS key policy" is the key policy, not "KMS" then "key policy"), and the scan goes on after
 * it. Matches are whole words only ("skms" is not "KMS"). Names written with a slash ("aws/s3") match
 * only that slash form, so "AWS S3" is not the AWS managed key alias "aws/s3"; another slashed word
 * of the text ("SSE-S3/SSE-KMS") is read as its parts.
 *
 * Bounded: at most MAX_SCANNED_CHARS of the text are read and at most `limit` (default and ceiling
 * MAX_TERMS_IN_TEXT) terms are returned, each term once, in order of first mention. Never throws.
 */
import type { DeckLibrary } from './library.js';
import { normalise, normaliseKeepSlash } from './normalise.js';
import type { Term } from './schema.js';

/** Most terms termsInText returns. */
export const MAX_TERMS_IN_TEXT = 10;
/** Characters of the text scanned; the rest is ignored (a long message's later terms are not listed). */
const MAX_SCANNED_CHARS = 10_000;
/** One-word names shorter than this are not matched in free text (too easily an ordinary word). */
const MIN_SINGLE_WORD = 3;

/** A term named in the text. */
export interface TermInText {
  deckId: string;
  term: Term;
  /** The words of the text that named it, normalised (e.g. "kms key policy"). */
  matched: string;
}

/** One phrase's owners, in deck load order. */
interface PhraseOwner {
  deckId: string;
  term: Term;
}

/** The phrase index of one library: normalised phrase -> owners, the longest phrase in words, the words with "/". */
interface PhraseIndex {
  phrases: Map<string, PhraseOwner[]>;
  longest: number;
  /** Words written with a slash in some name ("aws/s3"); any other slashed word of a text is read as its parts. */
  slashWords: Set<string>;
}

/** "GenerateDataKey" -> "Generate Data Key" (the explain index's camelCase split). */
function splitCamelCase(text: string): string {
  return text.replace(/([a-z0-9])([A-Z])/g, '$1 $2');
}

function withoutParentheses(name: string): string {
  return name.replace(/\s*\([^)]*\)\s*/g, ' ').trim();
}

/** The keys a name is matched by: the slash form for names with "/", else the plain and camelCase-split forms. */
function keysOf(name: string): string[] {
  if (name.includes('/')) return [normaliseKeepSlash(name)];
  return [normalise(name), normalise(splitCamelCase(name))];
}

function buildIndex(library: DeckLibrary): PhraseIndex {
  const phrases = new Map<string, PhraseOwner[]>();
  const slashWords = new Set<string>();
  let longest = 1;
  for (const deck of library.decks.values()) {
    for (const term of deck.terms) {
      const names = [term.name, withoutParentheses(term.name), ...term.aliases, term.id];
      for (const key of new Set(names.flatMap(keysOf))) {
        const words = key === '' ? 0 : key.split(' ').length;
        if (words === 0 || (words === 1 && key.length < MIN_SINGLE_WORD)) continue;
        const owners = phrases.get(key) ?? [];
        if (!owners.some((o) => o.term === term)) owners.push({ deckId: deck.meta.id, term });
        phrases.set(key, owners);
        longest = Math.max(longest, words);
        for (const word of key.split(' ')) if (word.includes('/')) slashWords.add(word);
      }
    }
  }
  return { phrases, longest, slashWords };
}

const indexes = new WeakMap<DeckLibrary, PhraseIndex>();

/** The library's phrase index, built on first use and kept for the library's lifetime. */
function indexOf(library: DeckLibrary): PhraseIndex {
  let index = indexes.get(library);
  if (!index) {
    index = buildIndex(library);
    indexes.set(library, index);
  }
  return index;
}

/** The owner a phrase stands for: `preferDeckId`'s term, else the default deck's, else the first. */
function pick(owners: readonly PhraseOwner[], preferDeckId: string): PhraseOwner | undefined {
  return owners.find((o) => o.deckId === preferDeckId) ?? owners[0];
}

/**
 * The terms `text` names, in order of first mention, each once, at most `limit` (1..MAX_TERMS_IN_TEXT;
 * default MAX_TERMS_IN_TEXT). A phrase that names a term in several decks is `preferDeckId`'s term
 * (a channel's deck), else the default deck's. Only the first MAX_SCANNED_CHARS characters are read.
 * Non-strings, empty text and text without terms give []. Never throws.
 */
export function termsInText(library: DeckLibrary, text: unknown, preferDeckId?: string, limit = MAX_TERMS_IN_TEXT): TermInText[] {
  if (typeof text !== 'string' || text.trim() === '') return [];
  const max = Math.max(1, Math.min(MAX_TERMS_IN_TEXT, Math.floor(limit) || MAX_TERMS_IN_TEXT));
  const { phrases, longest, slashWords } = indexOf(library);
  const prefer = preferDeckId ?? library.defaultDeck.meta.id;
  // Keep "/" inside words so "aws/s3" can match as written; any other slashed word ("sse-s3/sse-kms")
  // is read as its parts. A camelCase API name ("GenerateDataKey") matches the index's joined key.
  const words = normaliseKeepSlash(text.slice(0, MAX_SCANNED_CHARS))
    .split(' ')
    .flatMap((word) => (word.includes('/') && !slashWords.has(word) ? word.split('/') : [word]))
    .filter((word) => word !== '');
  const found: TermInText[] = [];
  const seen = new Set<Term>();
  let i = 0;
  while (i < words.length && found.length < max) {
    let matched = 1;
    for (let n = Math.min(longest, words.length - i); n >= 1; n--) {
      const phrase = words.slice(i, i + n).join(' ');
      const owner = pick(phrases.get(phrase) ?? [], prefer);
      if (!owner) continue;
      if (!seen.has(owner.term)) {
        seen.add(owner.term);
        found.push({ deckId: owner.deckId, term: owner.term, matched: phrase });
      }
      matched = n;
      break;
    }
    i += matched;
  }
  return found;
}

