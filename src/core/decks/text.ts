/** The words of the deck commands (`decks`, `deck`, `import`, and the deck part of `quiz`/`explain`). */

/** `n one` / `n ones`. */
function count(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

export const DECKS_TEXT = {
  listTitle: (n: number) => `${count(n, 'deck')} loaded`,
  listFooter: 'Practise one with `quiz <deck> [tag]`; admins set this channel’s deck with `deck <id>`.',
  thisChannel: ' (this channel)',
  size: (terms: number, cards: number, questions: number, scenarios: number) =>
    `${count(terms, 'term')}, ${count(cards, 'concept card')}, ${count(questions, 'question')}, ${count(scenarios, 'scenario')}`,
  unknownDeck: (id: string) => `Unknown deck "${id}"`,
  available: (ids: readonly string[]) => `Decks: ${ids.join(', ')}. \`decks\` lists them with their size.`,
  nothingChanged: 'Nothing was changed.',
  setTitle: (title: string) => `This channel now studies “${title}”`,
  setText: (who: string, id: string) => `${who} set this channel’s deck to \`${id}\`: \`quiz here\`, the daily question and the weekly digest use it.`,
  setSubscriptionToo: 'The daily subscription now posts from it too.',
  alreadySet: (title: string) => `This channel already studies “${title}”`,
  conceptsNotListed: (n: number) => `${count(n, 'concept card')} (topics of imported chapters) are not listed; \`explain\` finds them too.`,
  fromOtherDeck: (title: string) => `From the deck “${title}” (not this channel’s).`,
  /** A deck this team imported whose id a shared deck has since taken (DeckLibrary.shadowedOwn). */
  shadowedOwn: (id: string) =>
    `This team’s own deck \`${id}\` is skipped: a shared deck now has the id \`${id}\`, so \`${id}\` here (in \`deck\`, \`quiz\`, daily posts) is that shared deck. Import your file again under another id to study your own.`,
} as const;

export const IMPORT_TEXT = {
  noFileTitle: 'Attach a file to import',
  noFile: (prefix: string) =>
    `Attach a course chapter (.txt), a CSV/TSV bank, an Anki .apkg or an Open Trivia DB .json to \`${prefix}import\` where the command takes files; or run \`npm run import -- <file> --out <deck folder>\` on the server.`,
  offTitle: 'Importing in chat is not set up',
  off: 'No deck folder is configured for imports: set DECKS_PATH (its first folder receives imports) or IMPORT_DIR, then restart.',
  tooBigTitle: 'That file is too big to import',
  tooBig: (size: string, max: string) => `It is ${size}; the largest file accepted is ${max}. Split the bank, or import it on the server with \`npm run import\`.`,
  refusedTitle: 'Nothing was imported',
  importedTitle: (id: string) => `Imported deck “${id}”`,
  imported: (name: string, summary: string) => `${name}: ${summary}.`,
  next: (id: string) => `It is in \`decks\` now. Use it here with \`deck ${id}\`, or practise it with \`quiz ${id}\`.`,
  warnings: (n: number) => `${count(n, 'warning')} (lines, rows or notes that could not be placed, and answer tells):`,
  reloadFailed: 'The deck was written, but reloading the decks failed; it appears after a restart.',
  notLoaded: (reason: string) => `The deck was written but did not load: ${reason}`,
} as const;

/** Bytes as "12 KiB" / "2.0 MiB" / "3.0 GiB". */
export function size(bytes: number): string {
  if (bytes >= 1024 ** 3) return `${(bytes / 1024 ** 3).toFixed(1)} GiB`;
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MiB` : `${Math.ceil(bytes / 1024)} KiB`;
}
