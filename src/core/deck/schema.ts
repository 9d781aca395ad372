/**
 * Zod schemas for a deck's content files (content/decks/<deck-id>/*.yaml).
 *
 * One file per kind: deck.yaml (Deck metadata), terms.yaml (`terms:` list), questions.yaml
 * (`questions:` list), scenarios.yaml (`scenarios:` list). The YAML is parsed with the `yaml`
 * package in YAML 1.2 core schema, and every text field here is `z.string()`: a value that YAML
 * read as a boolean or number ("yes", 1.0) is a schema error naming the field, never coerced.
 * Cross-file checks (unique ids, references that resolve) live in the loader.
 */
import { z } from 'zod';

/** Non-empty text after trimming. */
const text = z.string().trim().min(1, 'must not be empty');
/** Lower-case id: letters, digits and hyphens, e.g. "sse-kms" or "q-grants-ebs". */
const id = z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'must be lower-case letters, digits and hyphens (at most 63)');
/** Chapter section title the item comes from, e.g. "AWS KMS Fundamentals: Keys, CMKs, and Grants". */
const section = text;
/** Optional note citing where AWS changed since the chapter; must include a source URL. */
const note = z
  .string()
  .trim()
  .regex(/https?:\/\/\S+/, 'must cite a source URL (https://...)')
  .optional();

/**
 * One exam domain of deck.yaml `domains:`: a named share of the exam, its weight in percent (a whole
 * number 1-100; the weights of a deck sum to exactly 100) and the deck tags whose questions it covers.
 * A question belongs to the FIRST domain, in deck.yaml order, that covers any of its tags (see
 * src/core/exam/domains.ts), so list narrow domains before broad ones.
 */
const ExamDomainSchema = z
  .object({
    name: text,
    weight: z.number().int('must be a whole number of percent').min(1, 'must be at least 1').max(100, 'must be at most 100'),
    tags: z
      .array(id)
      .min(1)
      .refine((list) => new Set(list).size === list.length, 'lists a tag twice'),
  })
  .strict();

/** deck.yaml `domains:` list: names unique, weights summing to 100, each tag in at most one domain. */
const ExamDomainsSchema = z
  .array(ExamDomainSchema)
  .min(1)
  .superRefine((domains, ctx) => {
    const sum = domains.reduce((total, domain) => total + domain.weight, 0);
    if (sum !== 100) ctx.addIssue({ code: z.ZodIssueCode.custom, message: `weights must sum to 100, not ${sum}` });
    const names = new Map<string, number>();
    const tags = new Map<string, string>();
    domains.forEach((domain, index) => {
      const key = domain.name.toLowerCase();
      if (names.has(key)) ctx.addIssue({ code: z.ZodIssueCode.custom, path: [index, 'name'], message: `domain name "${domain.name}" is used twice` });
      names.set(key, index);
      domain.tags.forEach((tag, tagIndex) => {
        const owner = tags.get(tag);
        if (owner !== undefined) {
          ctx.addIssue({ code: z.ZodIssueCode.custom, path: [index, 'tags', tagIndex], message: `tag "${tag}" is already in domain "${owner}"` });
        } else tags.set(tag, domain.name);
      });
    });
  });

/** deck.yaml: the deck's metadata. */
export const DeckMetaSchema = z
  .object({
    id,
    title: text,
    chapter: z.object({ number: z.number().int().positive(), title: text }).strict(),
    source: text,
    tags: z.array(id).min(1),
    description: text.optional(),
    /**
     * The chapter's section titles, spelled exactly as in the chapter. Optional; when present, every
     * term, question and scenario `section` must be one of them (checked in deck-checks.ts).
     */
    sections: z
      .array(text)
      .min(1)
      .refine((list) => new Set(list).size === list.length, 'lists a section title twice')
      .optional(),
    /**
     * Exam domains with weights (percent, summing to 100) and the tags each covers. Optional; when
     * present every tag of every question must be in some domain (checked in deck-checks.ts).
     */
    domains: ExamDomainsSchema.optional(),
    /** Mock exam defaults (`mock` without numbers): how many questions in how many minutes. */
    mock: z
      .object({
        questions: z.number().int().min(1).max(100),
        minutes: z.number().int().min(1).max(240),
      })
      .strict()
      .optional(),
  })
  .strict();

/** One entry of terms.yaml. */
export const TermSchema = z
  .object({
    id,
    name: text,
    aliases: z.array(text).default([]),
    summary: text,
    explanation: text,
    exam_tip: text.optional(),
    related: z.array(id).default([]),
    section,
    /**
     * Other chapter sections the same term appears in (an imported term merged from "Key Terms" and
     * "Key Term Review" keeps the second one here). Optional.
     */
    also_in: z.array(section).optional(),
    /**
     * "term" (default when absent): a glossary term. "concept": a concept card, one per topic heading
     * of an imported chapter with its paragraph as the explanation; `explain` finds it like a term.
     */
    kind: z.enum(['term', 'concept']).optional(),
    note,
  })
  .strict();

/** One answer choice of a question. */
const ChoiceSchema = z
  .object({
    text,
    correct: z.boolean().default(false),
    /** Why this choice is right (for the correct one) or wrong. */
    why: text,
  })
  .strict();

/** One entry of questions.yaml. */
export const QuestionSchema = z
  .object({
    id,
    prompt: text,
    choices: z.array(ChoiceSchema).min(3).max(5),
    /** Why the right answer is right, in one or two sentences; each choice's `why` covers the wrong ones. */
    explanation: text,
    tags: z.array(id).min(1),
    difficulty: z.union([z.literal(1), z.literal(2), z.literal(3)]),
    section,
    /** Terms the question is about; may be empty for questions imported from a question bank. */
    terms: z.array(id).default([]),
    /** Present when the question is one of the chapter's own quiz questions. */
    from_chapter_quiz: z.boolean().optional(),
    /** True when the importer generated the question (glossary questions, two-sided bank notes). */
    generated: z.boolean().optional(),
    note,
  })
  .strict();

/** One entry of scenarios.yaml. */
export const ScenarioSchema = z
  .object({
    id,
    title: text,
    situation: text,
    requirements: z.array(text).min(1),
    tasks: z.array(text).min(1),
    hints: z.array(text).min(1).max(3),
    reference_design: text,
    rubric: z.array(text).min(4).max(8),
    tradeoff: text,
    tags: z.array(id).min(1),
    terms: z.array(id).default([]),
    section,
    from_chapter: z.boolean().optional(),
    note,
  })
  .strict();

export const TermsFileSchema = z.object({ terms: z.array(z.unknown()) }).strict();
export const QuestionsFileSchema = z.object({ questions: z.array(z.unknown()) }).strict();
export const ScenariosFileSchema = z.object({ scenarios: z.array(z.unknown()) }).strict();

export type DeckMeta = z.infer<typeof DeckMetaSchema>;
export type Term = z.infer<typeof TermSchema>;
export type ExamDomain = z.infer<typeof ExamDomainSchema>;
export type Question = z.infer<typeof QuestionSchema>;
export type Scenario = z.infer<typeof ScenarioSchema>;

/** Where an item is written: its file as the loader names it, and the 1-based line of its entry (null when unknown). */
export interface SourceLocation {
  file: string;
  line: number | null;
}

/** Every item's source location, by kind and id (problem reports store them). */
interface ItemSources {
  terms: ReadonlyMap<string, SourceLocation>;
  questions: ReadonlyMap<string, SourceLocation>;
  scenarios: ReadonlyMap<string, SourceLocation>;
}

/** A loaded, validated deck: every reference resolves and every id is unique within its kind. */
export interface Deck {
  meta: DeckMeta;
  /** Folder the deck was loaded from (absolute path). */
  dir: string;
  terms: Term[];
  questions: Question[];
  scenarios: Scenario[];
  termsById: Map<string, Term>;
  questionsById: Map<string, Question>;
  scenariosById: Map<string, Scenario>;
  /** Where each item is written (file and line). */
  sources: ItemSources;
}
