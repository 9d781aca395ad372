/** The words of `import` typed where a command cannot carry a file (the terminal, Slack's slash command). */
export const IMPORT_ON_SERVER = {
  title: 'Import decks on the server',
  /** How to import with the command-line importer; the deck loads at the bot's next start. */
  text: 'A typed command cannot carry a file here. On the server, run `npm run import -- <file> --out <deck folder>` (a course chapter .txt, a CSV/TSV bank, an Anki .apkg or an Open Trivia DB .json), then restart the bot so it loads the new deck.',
} as const;

/** The words of an import whose deck id option is not a deck id. */
export const IMPORT_BAD_ID = {
  title: 'Not a deck id',
  /** `quoted`: the id as given, quoted and clipped. */
  text: (quoted: string) => `${quoted} is not a deck id (lower-case letters, digits and hyphens, at most 63); nothing was imported.`,
} as const;

/** Why a deck id is reserved (isReservedDeckId): the words shared by the importers and the deck loader. */
export const RESERVED_DECK_ID = {
  title: 'Reserved deck id',
  /** `id`: the reserved id, as typed (it is a plain deck id). */
  why: (id: string) => `"${id}" is a reserved deck id (it names the folder that holds every team's own decks)`,
  /** The chat importer's refusal. */
  text: (id: string) => `"${id}" is a reserved deck id (it names the folder that holds every team's own decks); give another id. Nothing was imported.`,
} as const;
