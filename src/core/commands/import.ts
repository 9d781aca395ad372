/**
 * `import [deck-id]` with an attached file (admins): import a course chapter or question bank as the
 * team's own deck (DeckLibrary.forTeam; other teams never see it). Only platforms whose commands take files can attach one; elsewhere the
 * reply says how to import on the server.
 */
import { handleImport } from '../decks/view.js';
import type { Reply } from '../reply.js';
import { isReservedDeckId } from '../deck/team-folder.js';
import { IMPORT_BAD_ID, IMPORT_ON_SERVER, RESERVED_DECK_ID } from '../text/import.js';
import { errorReply } from '../handlers/replies.js';
import type { AttachedFile } from '../ports/deck-importer.js';
import { defineCommand } from './spec.js';
import { invalid, optional, quote, TAG } from './text-args.js';

/** A parsed `import`. */
export interface ImportCommand {
  kind: 'import';
  /** The attached file (typed options only). */
  file?: AttachedFile;
  /** The deck id to give the new deck (default: from the file). */
  deckId?: string;
}

export const importDeck = defineCommand<ImportCommand>({
  name: 'import',
  help: {
    usage: 'import [deck-id] (with a file attached)',
    summary: 'import a chapter or question bank as a new deck (admins)',
    examples: ['import chapter-09'],
    details: [
      'Attach a course chapter (.txt), a CSV/TSV bank, an Anki .apkg or an Open Trivia DB .json where the command takes a file. It gets the same checks as `npm run import`, is saved as this team’s own deck and shows up in `decks` at once, for this team only: other teams on the same bot never see it.',
      'An id that is already a deck here (one shared by every team, or one this team imported) is refused. Where commands cannot carry files, run `npm run import` on the server instead (its decks are shared with every team).',
    ],
  },
  description: 'Import an attached chapter or question bank as a deck',
  options: [
    { name: 'file', kind: 'attachment', description: 'Chapter .txt, .csv/.tsv, Anki .apkg or Open Trivia DB .json', required: true },
    { name: 'id', kind: 'string', description: 'Deck id for the new deck (default: from the file)', maxLength: 63 },
  ],
  requires: [{ name: 'admin', title: 'Only admins can import decks', why: 'Only admins can add decks' }],
  parse: ({ args, input }) => {
    if (args.length > 1) return invalid(`import takes at most a deck id (got ${quote(args.join(' '))})`, input);
    const id = args[0]?.toLowerCase();
    if (id !== undefined && !TAG.test(id)) return invalid(`${quote(args[0] ?? '')} is not a deck id (lower-case letters, digits and hyphens)`, input);
    return { kind: 'import', ...optional('deckId', id) };
  },
  fromOptions: (o) => ({ kind: 'import', ...optional('file', o.attachment('file')), ...optional('deckId', o.string('id')?.trim().toLowerCase() || undefined) }),
  // A typed command (no file option) answers with how to import on the server, as the README says.
  // The id option is checked as a typed id is: it names the deck's folder, so it never holds a path.
  run: (c, ctx, { deps }) =>
    c.deckId !== undefined && !TAG.test(c.deckId)
      ? badDeckId(c.deckId)
      : c.deckId !== undefined && isReservedDeckId(c.deckId)
        ? reservedDeckId(c.deckId)
        : c.file
          ? handleImport(deps, ctx, c.file, c.deckId)
          : importOnServer(),
});

/** The reply to an id option that is not a deck id (nothing was imported). */
function badDeckId(id: string): Reply {
  return { ...errorReply(IMPORT_BAD_ID.title, IMPORT_BAD_ID.text(quote(id))), outcome: 'refused' };
}

/** The reply to an id option that is reserved (isReservedDeckId; nothing was imported). */
function reservedDeckId(id: string): Reply {
  return { ...errorReply(RESERVED_DECK_ID.title, RESERVED_DECK_ID.text(id)), outcome: 'refused' };
}

/** The reply to `import` without a file: how to import on the server (nothing was imported: refused). */
function importOnServer(): Reply {
  return { visibility: 'user', tone: 'info', title: IMPORT_ON_SERVER.title, blocks: [{ type: 'text', text: IMPORT_ON_SERVER.text }], outcome: 'refused' };
}
