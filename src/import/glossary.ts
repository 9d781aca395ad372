/**
 * Generated glossary questions, two per term: "Which term matches this definition?" (choices are term
 * names) and "What is X?" (choices are definitions). Distractors come from other terms of the same
 * section (any section the term is in), else from all terms; a distractor is never a term whose
 * definition says the same thing as the right one (shared-word overlap >= SAME_MEANING) or whose name
 * contains the right one's ("SSE-S3 vs SSE-KMS" for "SSE-S3"). Of the most similar remaining terms
 * (plausible, deterministic) the set is picked that gives the answer away least (pickDistractors:
 * the answer-tell checks of core/deck/tell-checks.ts, the stem's words, the longest choice); what no
 * distractor can match is smoothed in the right choice (evenPunctuation), and words of a definition
 * prompt that only the right name shares are blanked (maskPointers). The right choice's
 * position is fixed by a hash of the id.
 */
import { quote } from '../core/commands/text-args.js';
import { normalise, normaliseKeepSlash } from '../core/deck/normalise.js';
import { choiceTells, rightIsLongest } from '../core/deck/tell-checks.js';
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

/**
 * `definition` with each word it shares with the right name and with no wrong name blanked ("___"),
 * so the words of the question do not point at the answer ("Encryption at rest for Amazon ___
 * volumes" for "EBS encryption" among names without "EBS").
 */
function maskPointers(definition: string, rightName: string, wrongNames: readonly string[]): string {
  const pointers = new Set([...words(rightName)].filter((w) => words(definition).has(w) && !wrongNames.some((name) => words(name).has(w))));
  if (pointers.size === 0) return definition;
  return definition.replace(/[\p{L}\p{N}]+/gu, (token) => (pointers.has(normalise(token)) ? '___' : token));
}

/**
 * Fair distractor terms for `term`, best first: those of a shared section (when there are enough),
 * then the rest, each group most similar definition first (ties by id).
 */
function rankedDistractors(term: Term, all: readonly Term[]): Term[] {
  const fair = all.filter((o) => o !== term && !sameTerm(o, term));
  const sections = new Set(sectionsOf(term));
  const near = fair.filter((o) => sectionsOf(o).some((s) => sections.has(s)));
  const bySimilarity = (a: Term, b: Term) => overlap(b.summary, term.summary) - overlap(a.summary, term.summary) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  const first = near.length >= DISTRACTORS ? near : fair;
  return [...[...first].sort(bySimilarity), ...fair.filter((o) => !first.includes(o)).sort(bySimilarity)];
}

/** How many of the best-ranked candidates pickDistractors considers. */
const PICK_WINDOW = 12;

/** Every way to choose `k` of `items`, in order. */
function combinations<T>(items: readonly T[], k: number): T[][] {
  if (k === 0) return [[]];
  const out: T[][] = [];
  items.forEach((item, i) => {
    for (const rest of combinations(items.slice(i + 1), k - 1)) out.push([item, ...rest]);
  });
  return out;
}

/** The words of `stem` that appear in the right choice and in no wrong choice (the stem points at it), in stem order. */
function stemPointers(stem: string, right: string, wrong: readonly string[]): string[] {
  const inRight = [...words(stem)].filter((w) => words(right).has(w));
  return inRight.filter((w) => !wrong.some((text) => words(text).has(w)));
}

/**
 * The words a learner sees in a text, for the give-away check of "What is X?" questions: normalised and
 * plural-folded like `words` (so "certificates" is "certificate"), except that a slash-joined identifier
 * stays one word: "aws/ebs" (a key alias) is read as the name of that alias, not as the word "ebs", so a
 * choice that only cites the alias does not count as talking about EBS.
 */
function shownWords(text: string): Set<string> {
  return new Set(normaliseKeepSlash(text).split(' ').filter((w) => w !== '' && !STOP.has(w)));
}

/** What `namePointers` found: the name's words the right choice repeats, and the most any wrong choice repeats. */
export interface NamePointers {
  /** The words of the name (shownWords) the right choice repeats, in name order; [] when it is no give-away. */
  words: string[];
  /** How many of the name's words the wrong choice that repeats most of them repeats (0 when none does). */
  rival: number;
  /** The name's words the right choice holds and no wrong choice does, in name order. */
  sole: string[];
}

/**
 * A word with its verb and plural endings folded off, for matching a name's words against a choice's:
 * "managed", "manages" and "manage" are one word ("manag"). Only a stem of 3 letters or more is kept,
 * so short words stay as they are.
 */
function folded(word: string): string {
  const stem = word.replace(/(?:ing|ed|es|s)$/, '').replace(/e$/, '');
  return stem.length >= 3 ? stem : word;
}

/** shownWords(text), each folded. */
function foldedWords(text: string): Set<string> {
  return new Set([...shownWords(text)].map(folded));
}

/**
 * Whether the right choice of a "What is X?" question points at itself through X's words (shownWords,
 * verb and plural endings folded: "manages" is "managed"). It does when it holds a word of X that no
 * wrong choice holds ("customer" in "A KMS key that a customer creates and manages" for "Customer managed
 * key"), or when it repeats more of X's words (each counted once) than any wrong choice does, so a wrong
 * choice mentioning one of them in passing ("several certificates") does not hide a right one that
 * repeats two ("Encryption at rest for Amazon EBS ..." for "EBS encryption").
 * @param name X, the term's name as shown in the prompt
 */
export function namePointers(name: string, right: string, wrong: readonly string[]): NamePointers {
  const nameWords = [...shownWords(name)];
  const rightWords = foldedWords(right);
  const inRight = nameWords.filter((w) => rightWords.has(folded(w)));
  const wrongWords = wrong.map(foldedWords);
  const rival = Math.max(0, ...wrongWords.map((shown) => nameWords.filter((w) => shown.has(folded(w))).length));
  const sole = inRight.filter((w) => !wrongWords.some((shown) => shown.has(folded(w))));
  return { words: sole.length > 0 || inRight.length > rival ? inRight : [], rival, sole };
}

/** How a candidate set's choices point at the right one through the stem: the number of pointing words (0 = none). */
type PointerCount = (stem: string, right: string, wrong: readonly string[]) => number;

/** The stem's words that the right choice alone shares (the default check of pickDistractors). */
const soleWordPointers: PointerCount = (stem, right, wrong) => stemPointers(stem, right, wrong).length;

/** The name's words by which the right definition points at itself (namePointers), for "What is X?" questions (`stem` is X). */
export const namePointerCount: PointerCount = (name, right, wrong) => namePointers(name, right, wrong).words.length;

/** What pickDistractors may be told besides the candidates. */
export interface PickOptions<T> {
  /** How the stem points at the right choice (default: a word of the stem shared by the right choice alone). */
  pointers?: PointerCount;
  /** True when two candidates say the same thing, so both in one question could be ruled out together. */
  sameMeaning?: (a: T, b: T) => boolean;
}

/**
 * Choose `count` distractors (fewer when there are fewer candidates) from `ranked` (best first) so the
 * right choice does not give itself away: among the first PICK_WINDOW candidates, the set with the
 * fewest pairs of wrong choices that say the same thing (`sameMeaning`: a learner rules out both, as
 * only one choice is right), then the fewest answer tells (core/deck/tell-checks.ts: a semicolon or
 * parentheses only in the right choice, absolute words only in wrong ones), then the stem not pointing
 * at the right choice (`pointers`; by default: no word of the stem shared by the right choice alone),
 * then the right choice not strictly the longest, then the best ranks. Deterministic.
 * @param textOf a candidate's choice text
 * @param stem the question's prompt (for "What is X?" with `namePointerCount`: X)
 */
export function pickDistractors<T>(ranked: readonly T[], textOf: (candidate: T) => string, rightText: string, count: number, stem: string, options: PickOptions<T> = {}): T[] {
  const pointers = options.pointers ?? soleWordPointers;
  const window = ranked.slice(0, Math.max(PICK_WINDOW, count));
  let best: { set: T[]; score: number[] } | undefined;
  for (const set of combinations(window, Math.min(count, window.length))) {
    const texts = [rightText, ...set.map(textOf)];
    const score = [
      options.sameMeaning ? sameMeaningPairs(set, options.sameMeaning).length : 0,
      choiceTells(texts, 0).length,
      pointers(stem, rightText, texts.slice(1)) > 0 ? 1 : 0,
      rightIsLongest(texts, 0) ? 1 : 0,
      set.reduce((sum, candidate) => sum + window.indexOf(candidate), 0),
    ];
    if (!best || isLess(score, best.score)) best = { set, score };
  }
  return best?.set ?? [];
}

/** The pairs of `set` (in set order) that `same` says say the same thing. */
export function sameMeaningPairs<T>(set: readonly T[], same: (a: T, b: T) => boolean): [T, T][] {
  const out: [T, T][] = [];
  set.forEach((a, i) => {
    for (const b of set.slice(i + 1)) if (same(a, b)) out.push([a, b]);
  });
  return out;
}

/**
 * True when two definitions say the same thing by the importer's own measure for near-duplicates:
 * equal once normalised, or a shared-word overlap of SAME_MEANING or more.
 */
export function sayTheSame(a: string, b: string): boolean {
  return normalise(a) === normalise(b) || overlap(a, b) >= SAME_MEANING;
}

/**
 * True when two terms would make the same wrong choice: their definitions say the same thing
 * (sayTheSame), or one's name contains the other's ("SSE-S3 vs SSE-KMS" and "SSE-S3"), the rules that
 * keep a term from being a distractor for the other (rankedDistractors).
 */
function sameTerm(a: Term, b: Term): boolean {
  return nameContains(a, b) || sayTheSame(a.summary, b.summary);
}

/**
 * The right choice's text with what still singles it out smoothed away, when no distractor could
 * match it: parenthetical asides dropped when it is the only choice with parentheses, a semicolon
 * made a full stop when it is the only one with a semicolon. The words stay (the explanation keeps
 * the definition as written).
 */
export function evenPunctuation(rightText: string, wrong: readonly string[]): string {
  let text = rightText;
  if (text.includes('(') && !wrong.some((w) => w.includes('('))) {
    text = text.replace(/\s*\([^()]*\)/g, '');
  }
  if (text.includes(';') && !wrong.some((w) => w.includes(';'))) {
    text = text.replace(/;\s+(\S)/g, (_, next: string) => `. ${next.toUpperCase()}`).replace(/;/g, '.');
  }
  return text;
}

/** Lexicographic a < b. */
function isLess(a: readonly number[], b: readonly number[]): boolean {
  for (let i = 0; i < a.length; i++) if ((a[i] ?? 0) !== (b[i] ?? 0)) return (a[i] ?? 0) < (b[i] ?? 0);
  return false;
}

/** Put `right` among `wrong` at a position fixed by `key`. */
export function place<T>(right: T, wrong: T[], key: string): { items: T[]; index: number } {
  const index = hash(key) % (wrong.length + 1);
  const items = [...wrong];
  items.splice(index, 0, right);
  return { items, index };
}

/** The warning for two wrong choices (from terms `a` and `b`, with the texts shown) that no fairer set could avoid. */
function sameWrongChoices(questionId: string, [a, aText]: [Term, string], [b, bText]: [Term, string]): string {
  return `question ${questionId}: wrong choices ${quote(aText)} (term ${a.id}) and ${quote(bText)} (term ${b.id}) say the same thing, so a learner can rule both out; there are too few other terms to choose from: add terms or check the question by hand`;
}

/**
 * Two generated questions per term (ids `g-<term id>-term` and `g-<term id>-definition`, or with the
 * given prefix). A term with fewer than two fair distractors gets none, with an issue naming it. Two
 * wrong choices that say the same thing (sameTerm) are avoided, else each such pair is a warning. A
 * "What is X?" question whose right definition still points at itself through X's words (namePointers)
 * after picking gets a warning naming the file, the term, the field, the question and the input line.
 * @param fallbackTag the tag for a term that names no service.
 * @param summaryLines term id -> the 1-based input line of its summary, when the format has lines.
 */
export function glossaryQuestions(terms: readonly Term[], fallbackTag: string, file: string, issues: ImportIssue[], summaryLines?: ReadonlyMap<string, number>): Question[] {
  const out: Question[] = [];
  for (const term of terms) {
    const line = summaryLines?.get(term.id);
    const at = line === undefined ? {} : { line };
    const ranked = rankedDistractors(term, terms);
    if (ranked.length < 2) {
      issues.push({ file, item: `term ${term.id}`, field: 'summary', ...at, message: 'fewer than two other terms with a different definition; no glossary question generated' });
      continue;
    }
    const tags = serviceTags(`${term.name} ${term.summary}`);
    const common = { tags: tags.length > 0 ? tags : [fallbackTag], difficulty: 1 as const, section: term.section, terms: [term.id], generated: true };
    // Names without their parentheses, so a "(KMS)" does not single the right one out.
    const nameOf = (t: Term) => baseName(t.name) || t.name;
    const definition = masked(term);
    const wrongNames = pickDistractors(ranked, nameOf, nameOf(term), DISTRACTORS, definition, { sameMeaning: sameTerm });
    const byName = place(term, wrongNames, `${term.id}/term`);
    const termId = `g-${term.id}-term`.slice(0, 63);
    for (const [a, b] of sameMeaningPairs(wrongNames, sameTerm)) {
      issues.push({ file, item: `term ${term.id}`, field: 'summary', ...at, message: sameWrongChoices(termId, [a, nameOf(a)], [b, nameOf(b)]) });
    }
    out.push({
      id: termId,
      prompt: `Which term matches this definition? ${maskPointers(definition, nameOf(term), wrongNames.map(nameOf))}`,
      choices: byName.items.map((t, i) => ({
        text: nameOf(t),
        correct: i === byName.index,
        why: i === byName.index ? `${term.name}: ${term.summary}` : `${t.name} is different: ${t.summary}`,
      })),
      explanation: `${term.name}: ${term.summary}`,
      ...common,
    });
    const definitionPrompt = `What is ${term.name}?`;
    const wrongDefinitions = pickDistractors(ranked, (t) => t.summary, term.summary, DISTRACTORS, term.name, { pointers: namePointerCount, sameMeaning: sameTerm });
    const rightDefinition = evenPunctuation(term.summary, wrongDefinitions.map((t) => t.summary));
    const byDefinition = place(term, wrongDefinitions, `${term.id}/definition`);
    const definitionId = `g-${term.id}-definition`.slice(0, 63);
    for (const [a, b] of sameMeaningPairs(wrongDefinitions, sameTerm)) {
      issues.push({ file, item: `term ${term.id}`, field: 'summary', ...at, message: sameWrongChoices(definitionId, [a, a.summary], [b, b.summary]) });
    }
    const pointing = namePointers(term.name, rightDefinition, wrongDefinitions.map((t) => t.summary));
    if (pointing.words.length > 0) {
      const repeated = pointing.words.map((w) => `"${w}"`).join(', ');
      const why =
        pointing.rival === 0
          ? `repeats ${repeated} from the term's name and no other choice does`
          : pointing.words.length > pointing.rival
            ? `repeats ${repeated} from the term's name, more of its words than any other choice (at most ${pointing.rival})`
            : `repeats ${repeated} from the term's name, and no other choice has ${pointing.sole.map((w) => `"${w}"`).join(', ')}`;
      issues.push({
        file,
        item: `term ${term.id}`,
        field: 'summary',
        ...at,
        message: `question ${definitionId} ("${definitionPrompt}"): the right definition ${why}, which gives the answer away; reword the definition or check the question by hand`,
      });
    }
    out.push({
      id: definitionId,
      prompt: definitionPrompt,
      choices: byDefinition.items.map((t, i) => ({
        text: i === byDefinition.index ? rightDefinition : t.summary,
        correct: i === byDefinition.index,
        why: i === byDefinition.index ? `This is the definition of ${term.name}.` : `This describes ${t.name}, not ${term.name}.`,
      })),
      explanation: `${term.name}: ${term.summary}`,
      ...common,
    });
  }
  return out;
}
