/**
 * FuzzyIndex: finds items (terms, scenarios) by any of their names despite case, punctuation, word
 * order, plurals and small typos. Built once; a lookup allocates only its own small result lists.
 *
 * How a query is matched (scores are 0 = perfect .. 1, the Fuse.js convention):
 * 1. Exact: the normalised query (normalise.ts) with its words sorted equals a normalised name with its
 *    words sorted -> rank score 0.
 * 2. Shortlist: each query word is looked up in the vocabulary of all name words: as is and as a
 *    prefix ("envel" -> "envelope"); when neither hits, as a prefix less its last letters ("throttle"
 *    -> "throttling") and with a Fuse.js search over vocabulary words of about its length ("grnats" ->
 *    "grant"). Names sharing the most (and rarest) words make a shortlist of at most SHORTLIST_SIZE.
 * 3. Score: Fuse.js (Bitap) scores the whole normalised query against each shortlisted name, as written
 *    and with words sorted. Bitap scores a short query inside a long name as perfect ("key" in
 *    "kms key"), so the rank score adds a length penalty: fuseScore + LENGTH_WEIGHT * (1 - shorter/longer).
 *
 * Two more exact forms are offered to the caller (lookup.ts decides when to use them): joinedHits
 * ignores spaces ("datakey" = "data key") and prefixHits finds names starting with the query.
 *
 * Matching every name with Fuse.js directly would cost about 3 ms per query on the first deck;
 * the shortlist keeps a lookup well under 1 ms while Fuse.js still decides every fuzzy score.
 */
import Fuse from 'fuse.js';
import { normalise, normaliseKeepSlash, sortWords } from './normalise.js';

/** Fuse.js cut-off when scoring a whole name: worse hits are dropped. */
const CANDIDATE_THRESHOLD = 0.5;
/** Fuse.js cut-off when correcting one misspelt word against the vocabulary ("grnat" -> "grant" is 0.4). */
const WORD_THRESHOLD = 0.4;
/** Weight of the length mismatch between query and matched name in the rank score. */
const LENGTH_WEIGHT = 0.5;
/** A whole-name Fuse.js score above this is retried with both word lists sorted (word order may differ). */
const REORDER_BELOW = 0.1;
/** How many names are scored by Fuse.js per query, at most... */
const SHORTLIST_SIZE = 16;
/** ...and only those sharing at least this fraction of the best name's (rarity-weighted) words. */
const SHORTLIST_RATIO = 0.5;
/** Query words considered (longer queries are cut; callers already refuse > 200 characters). */
const MAX_QUERY_WORDS = 12;
/** Vocabulary words tried per misspelt word, and per prefix. */
const WORD_ALTERNATIVES = 6;
/** Prefixes shorter than this are not expanded ("a" would match half the vocabulary). */
const MIN_PREFIX = 3;
/** A misspelt word less its last letters is tried as a prefix only when at least this long. */
const MIN_STEM = 4;
/** A misspelt word is compared with vocabulary words at most this many characters longer or shorter. */
const WORD_LENGTH_SLACK = 1;
/** Longest word Fuse.js's Bitap handles in one piece; longer query words are not spell-corrected. */
const MAX_WORD_LENGTH = 32;
/** Longest normalised query scored (characters); the rest is ignored (no name is nearly this long). */
const MAX_QUERY_CHARS = 96;

/** An item to index and the names it can be found by. */
export interface IndexItem<T> {
  target: T;
  /** `text` is what is matched; `label` is reported as what matched (e.g. a term's name for its id). */
  names: readonly { text: string; label: string }[];
}

/** A hit on one target: its best name and rank score (0 = perfect). */
export interface Ranked<T> {
  target: T;
  /** The name as reported (IndexItem label) that matched best. */
  label: string;
  /** Rank score: 0 for an exact match, else Fuse.js score plus length penalty (may exceed 1). */
  score: number;
}

/** An exact hit, with every name of the target (lower-cased as written) that has the same key. */
export interface ExactHit<T> extends Ranked<T> {
  literals: ReadonlySet<string>;
}

/** One searchable key: a normalised name of one target. */
interface Entry<T> {
  target: T;
  label: string;
  key: string;
  /** key with its words sorted (same as key for one word). */
  sorted: string;
}

/** Lower-case with runs of white space collapsed: how a query is compared "as written". */
export function literal(text: string): string {
  return text.trim().toLowerCase().replace(/\s+/g, ' ');
}

/** "GenerateDataKey" -> "Generate Data Key", so API names can also be found word by word. */
function splitCamelCase(text: string): string {
  return text.replace(/([a-z0-9])([A-Z])/g, '$1 $2');
}

const SCORE_OPTIONS = { ignoreLocation: true, threshold: CANDIDATE_THRESHOLD, isCaseSensitive: true } as const;

/** A fuzzy index over items with several names each (see the module docstring). */
export class FuzzyIndex<T> {
  private readonly entries: Entry<T>[] = [];
  private readonly exact = new Map<string, ExactHit<T>[]>();
  /** word -> indexes into `entries` of the keys containing it. */
  private readonly postings = new Map<string, number[]>();
  /** word -> inverse document frequency weight (rare words count more when shortlisting). */
  private readonly weight = new Map<string, number>();
  /** The vocabulary in code-unit order, for prefix search. */
  private readonly vocabulary: string[];
  /** Fuse.js over the vocabulary, one index per word length (a misspelling keeps its length roughly). */
  private readonly vocabularyByLength = new Map<number, Fuse<string>>();
  /** Exact hits by key with its spaces removed ("data key" -> "datakey"), for run-together queries. */
  private readonly joined = new Map<string, ExactHit<T>[]>();
  /** The entries ordered by key (code-unit order), for whole-name prefix search. */
  private readonly byKey: Entry<T>[];

  /** Index every name of every item (done once; lookups reuse it). */
  constructor(items: readonly IndexItem<T>[]) {
    const seen = new Set<string>();
    items.forEach(({ target, names }, itemIndex) => {
      for (const { text, label } of names) {
        const variants = new Set([normalise(text), normaliseKeepSlash(text), normalise(splitCamelCase(text))]);
        for (const key of variants) {
          if (key === '') continue;
          const sorted = sortWords(key);
          const hits = this.exact.get(sorted) ?? [];
          const hit = hits.find((h) => h.target === target);
          if (hit) (hit.literals as Set<string>).add(literal(text));
          else hits.push({ target, label, score: 0, literals: new Set([literal(text)]) });
          this.exact.set(sorted, hits);
          const id = `${itemIndex}\u0000${key}`;
          if (seen.has(id)) continue;
          seen.add(id);
          const joinedKey = key.replace(/ /g, '');
          const joinedHits = this.joined.get(joinedKey) ?? [];
          const joinedHit = joinedHits.find((h) => h.target === target);
          if (joinedHit) (joinedHit.literals as Set<string>).add(literal(text));
          else joinedHits.push({ target, label, score: 0, literals: new Set([literal(text)]) });
          this.joined.set(joinedKey, joinedHits);
          const entryIndex = this.entries.push({ target, label, key, sorted }) - 1;
          for (const word of new Set(key.split(' '))) {
            const list = this.postings.get(word) ?? [];
            list.push(entryIndex);
            this.postings.set(word, list);
          }
        }
      }
    });
    for (const [word, list] of this.postings) {
      this.weight.set(word, Math.log(1 + this.entries.length / list.length));
    }
    this.vocabulary = [...this.postings.keys()].sort();
    this.byKey = [...this.entries].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    const byLength = new Map<number, string[]>();
    for (const word of this.vocabulary) byLength.set(word.length, [...(byLength.get(word.length) ?? []), word]);
    for (const [length, words] of byLength) {
      this.vocabularyByLength.set(
        length,
        new Fuse(words, { includeScore: true, ignoreLocation: true, threshold: WORD_THRESHOLD, isCaseSensitive: true }),
      );
    }
  }

  /** Exact hits for the query (words in any order), or undefined. */
  exactHits(query: string): ExactHit<T>[] | undefined {
    const slash = normaliseKeepSlash(query);
    const plain = normalise(query);
    return this.exact.get(sortWords(slash)) ?? (slash === plain ? undefined : this.exact.get(sortWords(plain)));
  }

  /**
   * Exact hits once spaces are ignored on both sides: a run-together query ("datakey",
   * "keypolicy") finds "data key" / "key policy", and "cloud trail" finds "CloudTrail". Undefined
   * when there are none (or the query has no letters or digits).
   */
  joinedHits(query: string): ExactHit<T>[] | undefined {
    const key = normalise(query).replace(/ /g, '');
    return key === '' ? undefined : this.joined.get(key);
  }

  /**
   * Targets with a name that starts with the normalised query ("gra" -> "grant", "ebs" -> "ebs
   * encryption"), one per target, shortest name first (rank score = the length penalty), at most
   * `limit` (binary search in the names sorted once at build time).
   */
  prefixHits(query: string, limit: number): Ranked<T>[] {
    const prefix = normalise(query);
    if (prefix === '' || limit <= 0) return [];
    let lo = 0;
    let hi = this.byKey.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((this.byKey[mid]?.key ?? prefix) < prefix) lo = mid + 1;
      else hi = mid;
    }
    const best = new Map<T, Ranked<T>>();
    for (let i = lo, entry = this.byKey[lo]; entry; entry = this.byKey[++i]) {
      if (!entry.key.startsWith(prefix)) break;
      const score = LENGTH_WEIGHT * (1 - prefix.length / entry.key.length);
      const previous = best.get(entry.target);
      if (previous === undefined || score < previous.score) best.set(entry.target, { target: entry.target, label: entry.label, score });
    }
    return [...best.values()].sort((a, b) => a.score - b.score).slice(0, limit);
  }

  /** Fuzzy hits, one per target, best (lowest rank score) first; [] when nothing is close. */
  fuzzyHits(query: string): Ranked<T>[] {
    const key = normalise(query).split(' ').slice(0, MAX_QUERY_WORDS).join(' ').slice(0, MAX_QUERY_CHARS).trim();
    if (key === '') return [];
    const sortedKey = sortWords(key);
    const best = new Map<T, Ranked<T>>();
    for (const entryIndex of this.shortlist(key)) {
      const entry = this.entries[entryIndex];
      if (!entry) continue;
      let fuse = Fuse.match(key, entry.key, SCORE_OPTIONS);
      let matched = entry.key;
      // Words in another order ("ebs default encryptoin"): only worth a second Bitap run when the first was poor.
      const poor = !fuse.isMatch || fuse.score > REORDER_BELOW;
      if (poor && key.includes(' ') && (sortedKey !== key || entry.sorted !== entry.key)) {
        const reordered = Fuse.match(sortedKey, entry.sorted, SCORE_OPTIONS);
        if (reordered.isMatch && (!fuse.isMatch || reordered.score < fuse.score)) {
          fuse = reordered;
          matched = entry.sorted;
        }
      }
      if (!fuse.isMatch) continue;
      const shorter = Math.min(matched.length, key.length);
      const longer = Math.max(matched.length, key.length);
      const score = fuse.score + LENGTH_WEIGHT * (1 - shorter / longer);
      const previous = best.get(entry.target);
      if (previous === undefined || score < previous.score) best.set(entry.target, { target: entry.target, label: entry.label, score });
    }
    return [...best.values()].sort((a, b) => a.score - b.score);
  }

  /**
   * The entries worth scoring: those holding the query's words (or close or longer forms of them),
   * weighted by word rarity and closeness, best SHORTLIST_SIZE (shorter keys first on ties).
   */
  private shortlist(key: string): number[] {
    const coverage = new Map<number, number>();
    for (const word of new Set(key.split(' '))) {
      const perEntry = new Map<number, number>();
      for (const [vocabWord, closeness] of this.wordMatches(word)) {
        const gain = closeness * (this.weight.get(vocabWord) ?? 0);
        for (const entryIndex of this.postings.get(vocabWord) ?? []) {
          if (gain > (perEntry.get(entryIndex) ?? 0)) perEntry.set(entryIndex, gain);
        }
      }
      for (const [entryIndex, gain] of perEntry) coverage.set(entryIndex, (coverage.get(entryIndex) ?? 0) + gain);
    }
    let top = 0;
    for (const gain of coverage.values()) top = Math.max(top, gain);
    return [...coverage]
      .filter(([, gain]) => gain >= SHORTLIST_RATIO * top)
      .sort((a, b) => b[1] - a[1] || (this.entries[a[0]]?.key.length ?? 0) - (this.entries[b[0]]?.key.length ?? 0))
      .slice(0, SHORTLIST_SIZE)
      .map(([entryIndex]) => entryIndex);
  }

  /**
   * Vocabulary words matching one query word, with closeness 0..1: the word itself and longer words it
   * starts; only when there are none, words starting with it less its last one or two letters
   * ("throttle" -> "throttling") and close spellings of about the same length (Fuse.js).
   */
  private wordMatches(word: string): Map<string, number> {
    const out = new Map<string, number>();
    if (this.postings.has(word)) out.set(word, 1);
    this.addPrefixMatches(word, word.length, out);
    if (out.size > 0 || word.length > MAX_WORD_LENGTH) return out;
    for (const cut of [1, 2]) {
      if (word.length - cut >= MIN_STEM) this.addPrefixMatches(word.slice(0, -cut), word.length, out);
    }
    for (let length = word.length - WORD_LENGTH_SLACK; length <= word.length + WORD_LENGTH_SLACK; length++) {
      for (const hit of this.vocabularyByLength.get(length)?.search(word, { limit: WORD_ALTERNATIVES }) ?? []) {
        const closeness = 1 - (hit.score ?? 1);
        if (closeness > (out.get(hit.item) ?? 0)) out.set(hit.item, closeness);
      }
    }
    return out;
  }

  /**
   * Add up to WORD_ALTERNATIVES vocabulary words that start with `prefix` (binary search in the sorted
   * vocabulary), closer the more of them the query word of length `wordLength` covers.
   */
  private addPrefixMatches(prefix: string, wordLength: number, out: Map<string, number>): void {
    if (prefix.length < MIN_PREFIX) return;
    let lo = 0;
    let hi = this.vocabulary.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((this.vocabulary[mid] ?? prefix) < prefix) lo = mid + 1;
      else hi = mid;
    }
    for (let i = lo, n = 0, candidate = this.vocabulary[lo]; candidate !== undefined && n < WORD_ALTERNATIVES; candidate = this.vocabulary[++i]) {
      if (!candidate.startsWith(prefix)) break;
      if (candidate.length === wordLength && candidate === prefix) continue;
      const closeness = 0.8 * (Math.min(wordLength, candidate.length) / Math.max(wordLength, candidate.length)) + 0.1;
      if (closeness > (out.get(candidate) ?? 0)) out.set(candidate, closeness);
      n++;
    }
  }
}
