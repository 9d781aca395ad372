/**
 * Explain-lookup queries with typos for the benchmark: term names and aliases from the loaded
 * decks, each bent by one or two seeded edits (swap, drop, double, replace a letter; case; plural).
 */
import type { DeckLibrary } from '../src/core/deck/library.js';

const letters = 'abcdefghijklmnopqrstuvwxyz';

/** One random edit of `word`. */
function bend(word: string, random: () => number): string {
  if (word.length < 3) return word.toUpperCase();
  const i = 1 + Math.floor(random() * (word.length - 2));
  switch (Math.floor(random() * 6)) {
    case 0:
      return word.slice(0, i) + word[i + 1] + word[i] + word.slice(i + 2); // swap neighbours
    case 1:
      return word.slice(0, i) + word.slice(i + 1); // drop
    case 2:
      return word.slice(0, i) + word[i] + word.slice(i); // double
    case 3:
      return word.slice(0, i) + letters[Math.floor(random() * 26)] + word.slice(i + 1); // replace
    case 4:
      return word.toUpperCase();
    default:
      return word.endsWith('s') ? word.slice(0, -1) : `${word}s`; // plural / singular
  }
}

/** `count` lookup queries: names and aliases of every term, with one or two typos each. */
export function typoQueries(library: DeckLibrary, count: number, random: () => number): string[] {
  const words: string[] = [];
  for (const deck of library.decks.values()) {
    for (const term of deck.terms) words.push(term.name, ...term.aliases);
  }
  if (words.length === 0) throw new Error('the decks hold no terms to look up');
  return Array.from({ length: count }, () => {
    const word = words[Math.floor(random() * words.length)] as string;
    const once = bend(word, random);
    return (random() < 0.3 ? bend(once, random) : once).slice(0, 200);
  });
}
