/**
 * Generated glossary questions, two per term: "Which term matches this definition?" (choices are term
 * names) and "What is X?" (choices are definitions). Distractors come from other terms of the same
 * section (any section the term is in), else from all terms; a distractor is never a term whose
 * definition says the same thing as the right one (shared-word overlap >= SAME_MEANING) or whose name
 * contains the right one's ("SSE-S3 vs SSE-KMS" for "SSE-S3"). The most similar remaining terms are
 * picked (plausible, deterministic), and the right choice's position is fixed by a hash of the id.
 */
import { normalise } from '../core/deck/normalise.js';
import type { Question, Term } from '../core/deck/schema.js';
import type { ImportIssue } from './issues.js';
import { baseName } from './chapter-terms.js';
import { hash, serviceTags } from './text.js';

/** Word overlap (Jaccard, 0..1) at or above which two definitions say the same thing. */
export const SAME_MEANING = 0.6;
/** Distractors per question when enough terms allow. */
const DISTRACTORS = 3;

const STOP = new Set(['a', 'an', 'the', 'of', 'to', 'and', 'or', 'for', 'in', 'on', 'by', 'with', 'that', 'is', 'are', 'it', 'its', 'as', 'be', 'can', 'from', 'use', 'used', 'using']);

function words(text: string): Set<string> {
  return new Set(normalise(text).split(' ').filter((w) => w !== '' && !STOP.has(w)));
}

/** Shared-word overlap of two texts, 0..1. */
export function overlap(a: string, b: string): number {
  const x = words(a);
  const y = words(b);
  if (x.size === 0 || y.size === 0) return 0;
  let both = 0;
  for (const w of x) if (y.has(w)) both++;
  return both / (x.size + y.size - both);
}


function sectionsOf(term: Term): string[] {
  return [term.section, ...(term.also_in ?? [])];
}

function nameContains(a: Term, b: Term): boolean {
  const x = ` ${normalise(baseName(a.name))} `;
  const y = ` ${normalise(baseName(b.name))} `;
  return x.includes(y) || y.includes(x);
}

/** The definition with the term's own name blanked out, so the prompt does not give the answer away. */
function masked(term: Term): string {
  let text = term.summary;
  for (const name of [term.name, baseName(term.name), ...term.aliases].sort((a, b) => b.length - a.length)) {
    if (name.length < 3) continue;
    text = text.replace(new RegExp(name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'gi'), '___');
  }
  return text;
}

/** Distractor terms for `term`, best first. */
function distractors(term: Term, all: readonly Term[]): Term[] {
  const fair = all.filter((o) => o !== term && !nameContains(o, term) && overlap(o.summary, term.summary) < SAME_MEANING && normalise(o.summary) !== normalise(term.summary));
  const sections = new Set(sectionsOf(term));
  const near = fair.filter((o) => sectionsOf(o).some((s) => sections.has(s)));
  const pool = near.length >= DISTRACTORS ? near : fair;
  return [...pool]
    .sort((a, b) => overlap(b.summary, term.summary) - overlap(a.summary, term.summary) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .slice(0, DISTRACTORS);
}

/** Put `right` among `wrong` at a position fixed by `key`. */
export function place<T>(right: T, wrong: T[], key: string): { items: T[]; index: number } {
  const index = hash(key) % (wrong.length + 1);
  const items = [...wrong];
  items.splice(index, 0, right);
  return { items, index };
}

/**
 * Two generated questions per term (ids `g-<term id>-term` and `g-<term id>-definition`, or with the
 * given prefix). A term with fewer than two fair distractors gets none, with an issue naming it.
 * @param fallbackTag the tag for a term that names no service.
 */
export function glossaryQuestions(terms: readonly Term[], fallbackTag: string, file: string, issues: ImportIssue[]): Question[] {
  const out: Question[] = [];
  for (const term of terms) {
    const wrong = distractors(term, terms);
    if (wrong.length < 2) {
      issues.push({ file, item: `term ${term.id}`, field: 'summary', message: 'fewer than two other terms with a different definition; no glossary question generated' });
      continue;
    }
    const tags = serviceTags(`${term.name} ${term.summary}`);
    const common = { tags: tags.length > 0 ? tags : [fallbackTag], difficulty: 1 as const, section: term.section, terms: [term.id], generated: true };
    const byName = place(term, wrong, `${term.id}/term`);
    out.push({
      id: `g-${term.id}-term`.slice(0, 63),
      prompt: `Which term matches this definition? ${masked(term)}`,
      choices: byName.items.map((t, i) => ({
        // Names without their parentheses, so a "(KMS)" does not single the right one out.
        text: baseName(t.name) || t.name,
        correct: i === byName.index,
        why: i === byName.index ? `${term.name}: ${term.summary}` : `${t.name} is different: ${t.summary}`,
      })),
      explanation: `${term.name}: ${term.summary}`,
      ...common,
    });
    const byDefinition = place(term, wrong, `${term.id}/definition`);
    out.push({
      id: `g-${term.id}-definition`.slice(0, 63),
      prompt: `What is ${term.name}?`,
      choices: byDefinition.items.map((t, i) => ({
        text: t.summary,
        correct: i === byDefinition.index,
        why: i === byDefinition.index ? `This is the definition of ${term.name}.` : `This describes ${t.name}, not ${term.name}.`,
      })),
      explanation: `${term.name}: ${term.summary}`,
      ...common,
    });
  }
  return out;
}
