/**
 * Build small Anki .apkg files for tests: a ZIP (fflate) holding `collection.anki2`, a SQLite database
 * made with better-sqlite3 in Anki's schema 11 layout (the tables of ankitects/anki
 * rslib/src/storage/schema11.sql), with note types in `col.models` and decks in `col.decks` as Anki
 * writes them, plus the `media` file ("{}").
 */
import Database from 'better-sqlite3';
import { strToU8, zipSync } from 'fflate';

const SCHEMA_11 = `
create table col (id integer primary key, crt integer not null, mod integer not null, scm integer not null, ver integer not null,
  dty integer not null, usn integer not null, ls integer not null, conf text not null, models text not null, decks text not null,
  dconf text not null, tags text not null);
create table notes (id integer primary key, guid text not null, mid integer not null, mod integer not null, usn integer not null,
  tags text not null, flds text not null, sfld integer not null, csum integer not null, flags integer not null, data text not null);
create table cards (id integer primary key, nid integer not null, did integer not null, ord integer not null, mod integer not null,
  usn integer not null, type integer not null, queue integer not null, due integer not null, ivl integer not null,
  factor integer not null, reps integer not null, lapses integer not null, left integer not null, odue integer not null,
  odid integer not null, flags integer not null, data text not null);
create table revlog (id integer primary key, cid integer not null, usn integer not null, ease integer not null, ivl integer not null,
  lastIvl integer not null, factor integer not null, time integer not null, type integer not null);
create table graves (usn integer not null, oid integer not null, type integer not null);
create index ix_notes_usn on notes (usn);
create index ix_cards_usn on cards (usn);
create index ix_revlog_usn on revlog (usn);
create index ix_cards_nid on cards (nid);
create index ix_cards_sched on cards (did, queue, due);
create index ix_revlog_cid on revlog (cid);
create index ix_notes_csum on notes (csum);
`;

/** Model ids used by the fixtures. */
const BASIC_MID = 1342697561419;
export const CLOZE_MID = 1342697561420;
const DECK_ID = 1700000000000;

/** A note to put in the collection. */
export interface FixtureNote {
  id: number;
  mid?: number;
  fields: string[];
  tags?: string[];
}

/** Build collection.anki2 bytes. `ver` defaults to 11. */
export function buildCollection(notes: readonly FixtureNote[], opts: { ver?: number; deckName?: string } = {}): Uint8Array {
  const db = new Database(':memory:');
  db.exec(SCHEMA_11);
  const field = (name: string, ord: number) => ({ name, ord, sticky: false, rtl: false, font: 'Arial', size: 20, media: [] });
  const models = {
    [BASIC_MID]: {
      id: BASIC_MID, name: 'Basic', type: 0, mod: 0, usn: -1, sortf: 0, did: DECK_ID, tags: [], vers: [],
      flds: [field('Front', 0), field('Back', 1)],
      tmpls: [{ name: 'Card 1', ord: 0, qfmt: '{{Front}}', afmt: '{{FrontSide}}<hr id=answer>{{Back}}', did: null, bqfmt: '', bafmt: '' }],
      css: '', latexPre: '', latexPost: '', req: [[0, 'all', [0]]],
    },
    [CLOZE_MID]: {
      id: CLOZE_MID, name: 'Cloze', type: 1, mod: 0, usn: -1, sortf: 0, did: DECK_ID, tags: [], vers: [],
      flds: [field('Text', 0), field('Back Extra', 1)],
      tmpls: [{ name: 'Cloze', ord: 0, qfmt: '{{cloze:Text}}', afmt: '{{cloze:Text}}<br>{{Back Extra}}', did: null, bqfmt: '', bafmt: '' }],
      css: '', latexPre: '', latexPost: '',
    },
  };
  const decks = {
    1: { id: 1, name: 'Default', mod: 0, usn: 0, collapsed: false, desc: '', dyn: 0, conf: 1 },
    [DECK_ID]: { id: DECK_ID, name: opts.deckName ?? 'AWS Security', mod: 0, usn: -1, collapsed: false, desc: '', dyn: 0, conf: 1 },
  };
  db.prepare('insert into col values (1, 1700000000, 1700000000000, 1700000000000, ?, 0, 0, 0, ?, ?, ?, ?, ?)').run(
    opts.ver ?? 11, '{}', JSON.stringify(models), JSON.stringify(decks), '{}', '{}',
  );
  const insertNote = db.prepare('insert into notes values (?, ?, ?, 0, -1, ?, ?, ?, 0, 0, ?)');
  const insertCard = db.prepare('insert into cards values (?, ?, ?, 0, 0, -1, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, ?)');
  for (const note of notes) {
    insertNote.run(note.id, `guid${note.id}`, note.mid ?? BASIC_MID, note.tags && note.tags.length > 0 ? ` ${note.tags.join(' ')} ` : '', note.fields.join('\x1f'), note.fields[0] ?? '', '');
    insertCard.run(note.id + 1, note.id, DECK_ID, '');
  }
  const bytes = db.serialize();
  db.close();
  return new Uint8Array(bytes);
}

/** Zip a collection into an .apkg (with the `media` file Anki writes). */
export function buildApkg(collection: Uint8Array, name = 'collection.anki2', extra: Record<string, Uint8Array> = {}): Uint8Array {
  return zipSync({ [name]: collection, media: strToU8('{}'), ...extra });
}
