/**
 * Text normalisation shared by the term and scenario indexes (src/core/deck/lookup.ts): both the indexed
 * names/aliases and every query go through the same functions, so "SSE_KMS", "sse-kms" and "sse kms"
 * all become "sse kms", and "Grants" becomes "grant".
 */

/** Anything that is not a letter or digit separates words (punctuation, hyphens, underscores, slashes). */
const SEPARATORS = /[^\p{L}\p{N}]+/gu;
/** Like SEPARATORS but keeps "/" so "aws/s3"-style aliases can also be matched as written. */
const SEPARATORS_BUT_SLASH = /[^\p{L}\p{N}/]+/gu;

/**
 * Fold one lower-case word to its singular with a minimal English "s-stemmer" (after Harman, 1991),
 * only for words longer than 3 characters so "kms", "ebs", "aws", "sse" and "s3" stay as they are:
 * "policies" -> "policy", "services" -> "service", "grants" -> "grant", "keys" -> "key";
 * "aliases" -> "alias"; words ending in "ss", "us", "is" or "ias" ("access", "status", "analysis",
 * "alias") are left alone.
 */
export function foldPlural(word: string): string {
  if (word.length <= 3) return word;
  if (word.endsWith('ies') && !word.endsWith('eies') && !word.endsWith('aies')) {
    return `${word.slice(0, -3)}y`;
  }
  if (word.endsWith('iases')) return word.slice(0, -2);
  if (word.endsWith('es') && !/[aeo]es$/.test(word)) return word.slice(0, -1);
  if (word.endsWith('s') && !/(ss|us|is|ias)$/.test(word)) return word.slice(0, -1);
  return word;
}

/** Slashes at either end of a word ("/aws/s3/") are separators, not part of it. */
const EDGE_SLASHES = /^\/+|\/+$/g;

function normaliseWith(input: string, separators: RegExp): string {
  const words = input.normalize('NFKD').replace(/\p{M}+/gu, '').toLowerCase().split(separators);
  let out = '';
  for (const raw of words) {
    const word = raw.includes('/') ? raw.replace(EDGE_SLASHES, '') : raw;
    if (word === '') continue;
    out = out === '' ? foldPlural(word) : `${out} ${foldPlural(word)}`;
  }
  return out;
}

/**
 * The canonical form of a name, alias or query: lower case, accents dropped, every run of
 * non-letters/digits (punctuation, hyphens, underscores, slashes, spaces) turned into one space,
 * trimmed, each word plural-folded. "SSE_KMS" -> "sse kms"; "Grant (KMS)" -> "grant kms"; "!!!" -> "".
 */
export function normalise(input: string): string {
  return normaliseWith(input, SEPARATORS);
}

/**
 * Like `normalise` but keeps "/" inside words, so "aws/s3" stays "aws/s3" (used as an extra index key
 * and query form for aliases written with a slash). Returns the same as `normalise` when there is no "/".
 */
export function normaliseKeepSlash(input: string): string {
  if (!input.includes('/')) return normalise(input);
  return normaliseWith(input, SEPARATORS_BUT_SLASH);
}

/** The words of a normalised string in alphabetical order, so word order does not matter: "ebs default" -> "default ebs". */
export function sortWords(normalised: string): string {
  if (!normalised.includes(' ')) return normalised;
  return normalised.split(' ').sort().join(' ');
}
