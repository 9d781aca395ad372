/**
 * Anki .apkg decks: a ZIP (read with fflate) holding `collection.anki21` or `collection.anki2`, a
 * SQLite "schema 11" collection (read in src/store/anki-collection.ts). Basic notes (a standard note type
 * with Front and Back fields: "Basic", "Basic (and reversed card)", ...) become:
 * - a two-sided question when the Front asks something (ends with "?"): the Back is the right answer and
 *   other question notes' Backs are the distractors (marked `generated: true`);
 * - otherwise a term (Front = name, Back = definition), with generated glossary questions.
 * Note tags become question tags. HTML in fields is reduced to text. A collection format the importer
 * cannot read (collection.anki21b, Anki 2.1.50+'s compressed format, or a col.ver other than 11) and
 * any other note type (Cloze, custom) are named in a warning; bad notes are reported by note id and
 * field, and the rest import.
 */
import { decodeHTML } from 'entities';
import { unzipSync } from 'fflate';
import { quote } from '../core/commands/text-args.js';
import type { Term } from '../core/deck/schema.js';
import { readAnkiCollection, type AnkiCollection } from '../store/anki-collection.js';
import { bankDraft, bankQuestionProblems, bankTitle, type BankOptions, type BankQuestion } from './bank-deck.js';
import type { DeckDraft } from './draft.js';
import { glossaryQuestions, overlap, pickDistractors, place, SAME_MEANING, sameMeaningPairs, sayTheSame } from './glossary.js';
import { ImportError, type ImportIssue } from './issues.js';
import { firstSentence, sentences, slug, squash, uniqueIds, unsafeChars, unsafeMessage } from './text.js';

/** The collection layout this importer reads (col.ver). */
const ANKI_SCHEMA_VERSION = 11;

/** Field HTML -> text: <br> and block ends become spaces, tags dropped, entities decoded. */
function htmlToText(html: string): string {
  return squash(decodeHTML(html.replace(/<br\s*\/?>|<\/(?:div|p|li)>/gi, ' ').replace(/<[^>]*>/g, '')));
}

function openCollection(bytes: Uint8Array, file: string, issues: ImportIssue[]): AnkiCollection {
  let entries: Record<string, Uint8Array>;
  try {
    entries = unzipSync(bytes, { filter: (f) => f.name.startsWith('collection.') });
  } catch (err) {
    throw new ImportError({ file, item: 'file', field: '-', message: `not a ZIP archive (.apkg): ${(err as Error).message}` });
  }
  if (entries['collection.anki21b']) {
    issues.push({ file, item: 'collection.anki21b', field: 'format', message: 'collection format "anki21b" (Anki 2.1.50+, compressed) cannot be read; re-export with "Support older Anki versions" ticked' });
  }
  const name = entries['collection.anki21'] ? 'collection.anki21' : entries['collection.anki2'] ? 'collection.anki2' : undefined;
  const collection = name ? entries[name] : undefined;
  if (!name || !collection) throw new ImportError({ file, item: 'file', field: 'collection', message: `no collection.anki21 or collection.anki2 inside (found: ${Object.keys(entries).join(', ') || 'none'})` });
  try {
    return readAnkiCollection(collection);
  } catch (err) {
    throw new ImportError({ file, item: name, field: '-', message: `cannot read the collection: ${(err as Error).message}` });
  }
}

/** Import an .apkg. @throws ImportError when the file is not a ZIP or has no readable collection. */
export function importApkg(bytes: Uint8Array, opts: BankOptions): DeckDraft {
  const file = opts.file;
  const issues: ImportIssue[] = [];
  const collection = openCollection(bytes, file, issues);
  if (collection.version !== ANKI_SCHEMA_VERSION) {
    issues.push({ file, item: 'collection', field: 'ver', message: `collection format version ${collection.version} is not ${ANKI_SCHEMA_VERSION}; reading it as version ${ANKI_SCHEMA_VERSION}, notes may be missing` });
  }
  const title = bankTitle(file);
  const unreadTypes = new Set<string>();
  type Card = { id: string; front: string; back: string; tags: string[]; section: string };
  const termNotes: Card[] = [];
  const questionNotes: Card[] = [];
  for (const note of collection.notes) {
    const item = `note ${note.id}`;
    const type = collection.noteTypes.get(note.modelId);
    if (!type) {
      issues.push({ file, item, field: 'mid', message: `note type ${note.modelId} is not in the collection; note left out` });
      continue;
    }
    const front = type.fields.findIndex((f) => /^front$/i.test(f));
    const back = type.fields.findIndex((f) => /^back$/i.test(f));
    if (type.type !== 0 || front < 0 || back < 0) {
      if (!unreadTypes.has(type.id)) {
        unreadTypes.add(type.id);
        issues.push({ file, item, field: 'note type', message: `note type "${type.name}" (${type.type === 1 ? 'cloze' : `fields: ${type.fields.join(', ')}`}) cannot be read; only Basic notes (Front/Back) import, so its notes are left out` });
      }
      continue;
    }
    if (note.fields.length !== type.fields.length) {
      issues.push({ file, item, field: 'flds', message: `has ${note.fields.length} fields but note type "${type.name}" has ${type.fields.length}; note left out` });
      continue;
    }
    const card = { id: note.id, front: htmlToText(note.fields[front] ?? ''), back: htmlToText(note.fields[back] ?? ''), tags: note.tags, section: note.deckName ?? title };
    if (card.front === '') issues.push({ file, item, field: type.fields[front] ?? 'Front', message: 'is empty; note left out' });
    else if (card.back === '') issues.push({ file, item, field: type.fields[back] ?? 'Back', message: 'is empty; note left out' });
    else if (unsafeNote(card, type.fields[front] ?? 'Front', type.fields[back] ?? 'Back', (field, message) => issues.push({ file, item, field, message }))) continue;
    else (card.front.endsWith('?') ? questionNotes : termNotes).push(card);
  }

  const unique = uniqueIds();
  const seenNames = new Map<string, string>();
  const terms: Term[] = [];
  const tagsOfTerm = new Map<string, string[]>();
  for (const card of termNotes) {
    const key = card.front.toLowerCase();
    if (seenNames.has(key)) {
      issues.push({ file, item: `note ${card.id}`, field: 'Front', message: `same term as note ${seenNames.get(key)}; note left out` });
      continue;
    }
    seenNames.set(key, card.id);
    const all = sentences(card.back);
    const id = unique(slug(card.front));
    tagsOfTerm.set(id, card.tags);
    terms.push({ id, name: card.front, aliases: [], summary: firstSentence(card.back), explanation: all.length > 1 ? all.slice(1).join(' ') : card.back, related: [], section: card.section });
  }

  const questions: BankQuestion[] = [];
  for (const card of questionNotes) {
    const ranked = questionNotes
      .filter((o) => o !== card && o.back.toLowerCase() !== card.back.toLowerCase() && overlap(o.back, card.back) < SAME_MEANING)
      .sort((a, b) => overlap(b.back, card.back) - overlap(a.back, card.back) || (a.id < b.id ? -1 : 1));
    // The most similar answers that do not give the right one away (pickDistractors, as for glossary questions).
    // Never two answers that say the same thing (a learner would rule both out): avoided, else named.
    const picked = pickDistractors(ranked, (o) => o.back, card.back, 3, card.front, { sameMeaning: (a, b) => sayTheSame(a.back, b.back) });
    for (const [a, b] of sameMeaningPairs(picked, (x, y) => sayTheSame(x.back, y.back))) {
      issues.push({ file, item: `note ${card.id}`, field: 'Back', message: `wrong choices ${quote(a.back)} (note ${a.id}) and ${quote(b.back)} (note ${b.id}) say the same thing, so a learner can rule both out; add notes or check the question by hand` });
    }
    const others = picked.map((o) => o.back);
    if (others.length < 2) {
      issues.push({ file, item: `note ${card.id}`, field: 'Back', message: 'fewer than two other question notes to draw wrong choices from; note left out' });
      continue;
    }
    const placed = place(card.back, others, card.id);
    const q: BankQuestion = { prompt: card.front, choices: placed.items, answer: placed.index, explanation: card.back, tags: card.tags, section: card.section, generated: true };
    const problems = bankQuestionProblems(q);
    if (problems.length > 0) {
      for (const [field, message] of problems) issues.push({ file, item: `note ${card.id}`, field, message: `${message}; note left out` });
      continue;
    }
    questions.push(q);
  }

  const draft = bankDraft(questions, terms, opts, issues);
  const glossary = glossaryQuestions(terms, draft.meta.tags[0] === 'imported' && terms.length > 0 ? 'imported' : (draft.meta.tags[0] ?? 'imported'), file, issues).map((q) => {
    const noteTags = [...new Set((tagsOfTerm.get(q.terms[0] ?? '') ?? []).map((t) => slug(t, 40)))];
    return noteTags.length > 0 ? { ...q, tags: noteTags } : { ...q, tags: ['imported'] };
  });
  const tags = [...draft.meta.tags];
  for (const t of glossary.flatMap((q) => q.tags)) if (!tags.includes(t)) tags.push(t);
  const used = new Set([...draft.questions, ...glossary].flatMap((q) => q.tags));
  const finalTags = tags.filter((t) => used.has(t));
  return { ...draft, meta: { ...draft.meta, tags: finalTags.length > 0 ? finalTags : ['imported'] }, questions: [...draft.questions, ...glossary] };
}

/**
 * Report each field of a note holding control or bidi-override characters ("note left out") through
 * `report`; true when there was one (the note is then left out, so it is neither a term nor a wrong choice).
 */
function unsafeNote(card: { front: string; back: string; tags: readonly string[] }, frontName: string, backName: string, report: (field: string, message: string) => void): boolean {
  let found = false;
  for (const [field, texts] of [
    [frontName, [card.front]],
    [backName, [card.back]],
    ['tags', card.tags],
  ] as const) {
    const chars = [...new Set(texts.flatMap(unsafeChars))];
    if (chars.length === 0) continue;
    report(field, `${unsafeMessage(chars)}; note left out`);
    found = true;
  }
  return found;
}
