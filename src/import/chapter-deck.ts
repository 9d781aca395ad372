/**
 * A chapter file of the course -> DeckDraft: metadata from the header (id, title, chapter number,
 * sections in order, tags from the services the chapter names), terms merged from Key Terms and Key
 * Term Review, a concept card per topic heading, the quiz questions, the Thought Exercise as a scenario,
 * and generated glossary questions. Pure: same text in, same draft out.
 */
import { normalise } from '../core/deck/normalise.js';
import type { Question, Scenario, Term } from '../core/deck/schema.js';
import { parseChapter, type Section, type Topic } from './chapter-parse.js';
import { exerciseScenario } from './chapter-scenario.js';
import { quizQuestion } from './chapter-quiz.js';
import { baseName, mergeTerms, type SourcedPair } from './chapter-terms.js';
import type { DeckDraft } from './draft.js';
import { glossaryQuestions } from './glossary.js';
import type { ImportIssue } from './issues.js';
import { firstSentence, mentions, sentences, serviceTags, serviceTagsByCount, slug, uniqueIds, unsafeChars, unsafeMessage, withoutUnsafe } from './text.js';

/** Options for importChapter. */
export interface ChapterImportOptions {
  /** Deck id; default `chapter-<N>-<title slug>`. */
  id?: string;
  /** File name shown in issues and in deck.yaml `source` (a base name keeps re-imports byte-identical). */
  file: string;
}

/** "What Is Encryption at Rest?" -> "Encryption at Rest"; other headings unchanged. */
function questionHeadingAlias(heading: string): string | undefined {
  if (!heading.endsWith('?')) return undefined;
  const stripped = heading.replace(/\?+$/, '').replace(/^(?:what|why|how|when|who|which)\s+(?:is|are|does|do|to|should|can)?\s*/i, '').trim();
  return stripped !== '' && stripped !== heading ? stripped : undefined;
}

/** Concept cards for the topics of a section; names already taken by terms or earlier cards get the section added. */
function conceptCards(section: Section & { kind: 'topics' }, keys: Set<string>, unique: (id: string) => string): Term[] {
  return section.topics.map((topic: Topic) => {
    const key = normalise(baseName(topic.heading.replace(/\?+$/, '')));
    const name = keys.has(key) ? `${topic.heading} · ${section.title}` : topic.heading;
    keys.add(key);
    const alias = questionHeadingAlias(topic.heading);
    const aliasKey = alias === undefined ? undefined : normalise(alias);
    const aliases = alias !== undefined && aliasKey !== undefined && !keys.has(aliasKey) ? [alias] : [];
    if (aliasKey !== undefined) keys.add(aliasKey);
    const all = sentences(topic.paragraph);
    return {
      // "c-" keeps a card's id (also a lookup key) from equalling a term's name ("grants").
      id: unique(`c-${slug(topic.heading)}`),
      name,
      aliases,
      summary: firstSentence(topic.paragraph),
      explanation: all.length > 1 ? all.slice(1).join(' ') : topic.paragraph,
      related: [],
      section: section.title,
      kind: 'concept' as const,
    };
  });
}

/**
 * `source` with terminal escape sequences and control or bidi-override characters removed from each
 * line (tab and line ends kept); pushes one warning per line that had some, naming its line.
 */
function cleanLines(source: string, file: string, issues: ImportIssue[]): string {
  return source
    .split('\n')
    .map((text, i) => {
      const chars = unsafeChars(text.replace(/\r$/, ''));
      if (chars.length === 0) return text;
      issues.push({ file, item: `line ${i + 1}`, field: '-', line: i + 1, message: `${unsafeMessage(chars)}; imported without them` });
      return `${withoutUnsafe(text.replace(/\r$/, ''))}${text.endsWith('\r') ? '\r' : ''}`;
    })
    .join('\n');
}

/** Ids of the terms a text mentions (by base name or alias), in term order. */
function termsIn(text: string, terms: readonly Term[]): string[] {
  return terms.filter((t) => [baseName(t.name), ...t.aliases].some((n) => normalise(n).length > 2 && mentions(text, n))).map((t) => t.id);
}

/**
 * Import one chapter. Never throws for content problems: what cannot be placed is in `issues`; a line
 * with control or bidi-override characters is imported without them (and a warning names it).
 * @param source the chapter text (UTF-8, LF or CRLF line ends).
 */
export function importChapter(source: string, opts: ChapterImportOptions): DeckDraft {
  const issues: ImportIssue[] = [];
  const clean = cleanLines(source, opts.file, issues);
  const chapter = parseChapter(clean, opts.file, issues);
  const deckTags = serviceTagsByCount(clean);
  const fallbackTag = deckTags[0] ?? 'general';
  const tagsOf = (text: string) => {
    const tags = serviceTags(text);
    return tags.length > 0 ? tags : [fallbackTag];
  };

  // Terms first (their names win lookups), then concept cards.
  const pairs: SourcedPair[] = chapter.sections.flatMap((s) =>
    s.kind === 'review' || s.kind === 'key-terms' ? s.pairs.map((p) => ({ ...p, section: s.title, glossary: s.kind === 'key-terms' })) : [],
  );
  const summaryLines = new Map<string, number>();
  const terms = mergeTerms(pairs, [], summaryLines);
  const unique = uniqueIds(terms.map((t) => t.id));
  const keys = new Set(terms.flatMap((t) => [t.name, baseName(t.name), ...t.aliases].map((n) => normalise(n))));
  const concepts = chapter.sections.flatMap((s) => (s.kind === 'topics' ? conceptCards(s, keys, unique) : []));

  const questionId = uniqueIds();
  const questions: Question[] = [];
  /** Question id -> the input line it comes from (a quiz question's own line; a generated one's definition). */
  const lines = new Map<string, number>();
  const scenarios: Scenario[] = [];
  for (const section of chapter.sections) {
    if (section.kind === 'quiz') {
      const base = slug(section.title.replace(/^Quiz:\s*/, ''));
      section.questions.forEach((q, index) => {
        const text = `${q.prompt} ${q.choices.join(' ')}`;
        const id = questionId(`q-${base}${section.questions.length > 1 ? `-${index + 1}` : ''}`);
        lines.set(id, q.line);
        questions.push(quizQuestion(q, { id, tags: tagsOf(text), terms: termsIn(text, terms), section: section.title }));
      });
    }
    if (section.kind === 'exercise' && section.exercise) {
      const ex = section.exercise;
      const title = section.title.replace(/^Thought Exercise:\s*/, '');
      const text = [ex.situation, ...ex.requirements, ...ex.tasks, ex.reference].join(' ');
      scenarios.push(exerciseScenario(ex, { id: `s-${slug(title)}`, title, tags: tagsOf(text), terms: termsIn(text, terms), section: section.title }, opts.file, issues));
    }
  }
  const generated = glossaryQuestions(terms, fallbackTag, opts.file, issues, summaryLines);
  for (const q of generated) {
    const line = summaryLines.get(q.terms[0] ?? '');
    if (line !== undefined) lines.set(q.id, line);
  }

  const used = new Set([...questions, ...generated, ...scenarios].flatMap((item) => item.tags));
  const tags = [...deckTags.filter((t) => used.has(t) || t === fallbackTag), ...[...used].filter((t) => !deckTags.includes(t))];
  const id = opts.id ?? `chapter-${chapter.number}-${slug(chapter.title, 50)}`.slice(0, 63).replace(/-+$/, '');
  return {
    meta: {
      id,
      title: chapter.title,
      chapter: { number: chapter.number, title: chapter.title },
      source: `Chapter ${chapter.number} of ${chapter.of}: ${chapter.title} (imported from ${opts.file})`,
      tags: tags.length > 0 ? tags : ['general'],
      ...(chapter.blurb !== '' ? { description: chapter.blurb } : {}),
      ...(chapter.sections.length > 0 ? { sections: [...new Set(chapter.sections.map((s) => s.title))] } : {}),
    },
    terms: [...terms, ...concepts],
    questions: [...questions, ...generated],
    scenarios,
    issues,
    sources: { file: opts.file, lines },
  };
}
