/**
 * Which catalogue of the adapter's own words a Discord locale gets (text.ts, text-<locale>.ts), and
 * the `name_localizations` / `description_localizations` maps the command definitions carry.
 * Discord locales are "en-US", "de", "fr", "pt-BR", …; a locale without a catalogue gets English.
 */
import { Locale } from 'discord.js';
import { DE } from './text-de.js';
import { EN, type DiscordWords } from './text.js';

/** The locales shipped besides English, with their catalogues. */
const CATALOGUES: ReadonlyMap<string, DiscordWords> = new Map([[Locale.German, DE]]);

/** The words for an interaction's `locale` (e.g. "de"); English when there is no translation. */
export function wordsFor(locale: string | null | undefined): DiscordWords {
  return (locale ? CATALOGUES.get(locale) : undefined) ?? EN;
}

/**
 * A localisations map (`{ de: "…" }`) of one catalogue entry over the shipped locales, leaving out
 * locales where it is missing; undefined when none has it.
 */
export function localisations(pick: (words: DiscordWords) => string | undefined): Partial<Record<Locale, string>> | undefined {
  const out: Partial<Record<Locale, string>> = {};
  for (const [locale, words] of CATALOGUES) {
    const text = pick(words);
    if (text) out[locale as Locale] = text;
  }
  return Object.keys(out).length > 0 ? out : undefined;
}
