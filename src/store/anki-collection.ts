/**
 * Read an Anki collection (the SQLite file inside an .apkg: collection.anki2 or collection.anki21, the
 * "schema 11" layout) with better-sqlite3: the collection's version, its note types (the `col.models`
 * JSON), deck names (`col.decks`) and its notes with their fields and tags. Read-only; the database
 * is opened from the bytes in memory. The SQL for this lives here because SQL lives in src/store.
 */
import Database from 'better-sqlite3';

/** A note type as the collection describes it. */
interface AnkiNoteType {
  id: string;
  name: string;
  /** 0 = standard, 1 = cloze. */
  type: number;
  /** Field names in order. */
  fields: string[];
}

/** One note: its id, type id, fields (split at the 0x1f separator), tags and the deck of its first card. */
interface AnkiNote {
  id: string;
  modelId: string;
  fields: string[];
  tags: string[];
  deckName?: string;
}

/** What the importer needs from a collection. */
export interface AnkiCollection {
  /** `col.ver`: 11 for the layout read here. */
  version: number;
  noteTypes: Map<string, AnkiNoteType>;
  notes: AnkiNote[];
}

/**
 * Read the collection in `bytes` (a SQLite database file).
 * @throws Error when the bytes are not a SQLite database or lack the col/notes tables or their JSON.
 */
export function readAnkiCollection(bytes: Uint8Array): AnkiCollection {
  const db = new Database(Buffer.from(bytes), { readonly: true });
  try {
    const col = db.prepare('SELECT ver, models, decks FROM col LIMIT 1').get() as { ver: number; models: string; decks: string } | undefined;
    if (!col) throw new Error('the collection has no "col" row');
    const models = JSON.parse(col.models || '{}') as Record<string, { id?: number | string; name?: string; type?: number; flds?: { name: string; ord: number }[] }>;
    const decks = JSON.parse(col.decks || '{}') as Record<string, { name?: string }>;
    const noteTypes = new Map<string, AnkiNoteType>();
    for (const [id, m] of Object.entries(models)) {
      noteTypes.set(String(id), {
        id: String(id),
        name: m.name ?? `note type ${id}`,
        type: m.type ?? 0,
        fields: [...(m.flds ?? [])].sort((a, b) => a.ord - b.ord).map((f) => f.name),
      });
    }
    const deckOf = new Map<string, string>();
    for (const row of db.prepare('SELECT nid, did FROM cards ORDER BY nid, ord').all() as { nid: bigint | number; did: bigint | number }[]) {
      const nid = String(row.nid);
      if (!deckOf.has(nid)) {
        const name = decks[String(row.did)]?.name;
        if (name) deckOf.set(nid, name);
      }
    }
    const notes = (db.prepare('SELECT id, mid, tags, flds FROM notes ORDER BY id').safeIntegers(true).all() as { id: bigint; mid: bigint; tags: string; flds: string }[]).map((row) => {
      const id = String(row.id);
      const deckName = deckOf.get(id);
      return {
        id,
        modelId: String(row.mid),
        fields: row.flds.split('\x1f'),
        tags: row.tags.split(/\s+/).filter(Boolean),
        ...(deckName ? { deckName } : {}),
      };
    });
    return { version: col.ver, noteTypes, notes };
  } finally {
    db.close();
  }
}
