/**
 * Checks across a deck's items that the zod schemas cannot make: unique ids, references that resolve,
 * tags and section titles from deck.yaml, and the rules for answer choices (exactly one correct, no duplicates, nothing
 * like "all of the above" that breaks when choices are shuffled).
 */
import type { ContentProblem, YamlPath } from './content-problem.js';
import { normalise } from './normalise.js';
import type { Question, Scenario, Term } from './schema.js';

/**
 * An item with where it came from. The checks get every item: fields that failed their schema are
 * absent (already reported), so one bad field does not hide the other problems of the item.
 */
export interface Located<T> {
  /** `id` is the item's id, or "(item N)" when that is missing or invalid. */
  item: Partial<T> & { id: string };
  /** The file as problems name it. */
  file: string;
  /** 1-based line in the file of a path inside the item ([] = the item itself), when known. */
  lineOf(path: YamlPath): number | undefined;
}

/** What the checks need to know about the whole deck. */
export interface DeckCheckInput {
  terms: Located<Term>[];
  questions: Located<Question>[];
  scenarios: Located<Scenario>[];
  /**
   * Every term id written in terms.yaml, including items that failed validation, so a reference to a
   * term with a schema error is not reported twice; undefined when terms.yaml could not be read
   * (reference checks are then skipped).
   */
  knownTermIds: ReadonlySet<string> | undefined;
  /** deck.yaml tags; undefined when deck.yaml itself is invalid (tag checks are then skipped). */
  deckTags: ReadonlySet<string> | undefined;
  /**
   * deck.yaml `sections` (the chapter's section titles); undefined when deck.yaml lists none or is
   * invalid (section checks are then skipped).
   */
  deckSections?: readonly string[] | undefined;
}

/**
 * Choice texts that only make sense in a fixed order: "all/none of the above", "both A and B",
 * "A, B and C", "options A and C". Letters are matched in upper case only, so the article "a" is not one.
 */
const ORDER_DEPENDENT_CHOICES: readonly RegExp[] = [
  /\b(?:all|none|any|neither|both|each)\s+(?:of\s+)?the\s+(?:above|below|previous|preceding|following|other\s+(?:options|choices|answers))\b/i,
  /^\s*(?:all|none|both|neither)\s+of\s+(?:these|those|them)\b[^.]{0,20}\.?\s*$/i,
  /\b(?:[Bb]oth|[Ee]ither|[Nn]either|[Oo]nly)\s+\(?[A-E]\)?\s*(?:,\s*\(?[A-E]\)?\s*)*(?:and|or|nor|&)\s+\(?[A-E]\)?(?![\w-])/,
  /^\s*\(?[A-E]\)?\s*(?:,\s*\(?[A-E]\)?\s*)*,?\s*(?:and|or|&)\s+\(?[A-E]\)?\s*(?:only)?\s*\.?\s*$/,
  /\b(?:[Oo]ptions?|[Cc]hoices?|[Aa]nswers?)\s+\(?[A-E]\)?\s*(?:,\s*\(?[A-E]\)?\s*)*(?:,|and|or|&)\s*\(?[A-E]\)?(?![\w-])/,
];

/** True when a choice's text refers to other choices by position ("all of the above", "both A and B"). */
export function isOrderDependentChoice(text: string): boolean {
  return ORDER_DEPENDENT_CHOICES.some((pattern) => pattern.test(text));
}

/** " (line N)" for the path inside the item, or "" when unknown. */
function at(owner: Located<unknown>, ...path: YamlPath): string {
  const line = owner.lineOf(path);
  return line === undefined ? '' : ` (line ${line})`;
}

/** Run every cross-item check and push what is wrong onto `problems`. */
export function checkDeck(input: DeckCheckInput, problems: ContentProblem[]): void {
  checkUniqueIds(input.terms, 'term', problems);
  checkUniqueIds(input.questions, 'question', problems);
  checkUniqueIds(input.scenarios, 'scenario', problems);

  const refs = (owner: Located<{ id: string }>, field: string, ids: readonly string[] | undefined) => {
    const known = input.knownTermIds;
    if (!known) return;
    ids?.forEach((id, index) => {
      if (!known.has(id)) {
        problems.push({
          file: owner.file,
          itemId: owner.item.id,
          field: `${field}[${index}]`,
          message: `unknown term id "${id}" (not in terms.yaml)${at(owner, field, index)}`,
        });
      }
    });
  };
  const tags = (owner: Located<{ id: string; tags: string[] }>) => {
    const deckTags = input.deckTags;
    if (!deckTags) return;
    owner.item.tags?.forEach((tag, index) => {
      if (!deckTags.has(tag)) {
        problems.push({
          file: owner.file,
          itemId: owner.item.id,
          field: `tags[${index}]`,
          message: `unknown tag "${tag}" (deck.yaml tags: ${[...deckTags].join(', ')})${at(owner, 'tags', index)}`,
        });
      }
    });
  };

  const sections = (owner: Located<{ id: string; section: string }>) => {
    const known = input.deckSections;
    const section = owner.item.section;
    if (!known || section === undefined || known.includes(section)) return;
    const near = known.find((s) => s.toLowerCase().replace(/\s+/g, ' ') === section.toLowerCase().replace(/\s+/g, ' '));
    problems.push({
      file: owner.file,
      itemId: owner.item.id,
      field: 'section',
      message:
        (near !== undefined
          ? `section "${section}" is not spelled as in deck.yaml sections: "${near}"`
          : `section "${section}" is not one of deck.yaml sections (${known.map((s) => `"${s}"`).join(', ')})`) + at(owner, 'section'),
    });
  };

  for (const term of input.terms) {
    sections(term);
    refs(term, 'related', term.item.related);
    const selfIndex = term.item.related?.indexOf(term.item.id) ?? -1;
    if (selfIndex >= 0) {
      problems.push({
        file: term.file,
        itemId: term.item.id,
        field: `related[${selfIndex}]`,
        message: `a term cannot be related to itself${at(term, 'related', selfIndex)}`,
      });
    }
  }
  const prompts = new Map<string, string>();
  for (const question of input.questions) {
    sections(question);
    refs(question, 'terms', question.item.terms);
    tags(question);
    checkChoices(question, problems);
    if (question.item.prompt === undefined) continue;
    const prompt = normalise(question.item.prompt);
    const twin = prompts.get(prompt);
    if (twin !== undefined) {
      problems.push({
        file: question.file,
        itemId: question.item.id,
        field: 'prompt',
        message: `same prompt as question "${twin}"${at(question, 'prompt')}`,
      });
    } else {
      prompts.set(prompt, question.item.id);
    }
  }
  for (const scenario of input.scenarios) {
    sections(scenario);
    refs(scenario, 'terms', scenario.item.terms);
    tags(scenario);
  }
}

function checkUniqueIds(items: Located<{ id: string }>[], kind: string, problems: ContentProblem[]): void {
  const first = new Map<string, Located<{ id: string }>>();
  for (const entry of items) {
    if (entry.item.id.startsWith('(')) continue;
    const earlier = first.get(entry.item.id);
    if (earlier === undefined) {
      first.set(entry.item.id, entry);
      continue;
    }
    const firstLine = earlier.lineOf(['id']);
    problems.push({
      file: entry.file,
      itemId: entry.item.id,
      field: 'id',
      message: `duplicate ${kind} id "${entry.item.id}" (first used ${firstLine === undefined ? 'earlier' : `at line ${firstLine}`})${at(entry, 'id')}`,
    });
  }
}

function checkChoices(question: Located<Question>, problems: ContentProblem[]): void {
  const { item, file } = question;
  if (item.choices === undefined) return;
  const correct = item.choices.flatMap((choice, index) => (choice.correct ? [index] : []));
  if (correct.length !== 1) {
    const which = correct.length === 0 ? 'none' : correct.map((i) => `choices[${i}]`).join(', ');
    problems.push({
      file,
      itemId: item.id,
      field: 'choices',
      message: `exactly one choice must have "correct: true", found ${correct.length} (${which})${at(question, 'choices')}`,
    });
  }
  const texts = new Map<string, number>();
  item.choices.forEach((choice, index) => {
    const key = normalise(choice.text) || choice.text.trim().toLowerCase();
    const earlier = texts.get(key);
    if (earlier !== undefined) {
      problems.push({
        file,
        itemId: item.id,
        field: `choices[${index}].text`,
        message: `same text as choices[${earlier}]${at(question, 'choices', index, 'text')}`,
      });
    } else {
      texts.set(key, index);
    }
    if (isOrderDependentChoice(choice.text)) {
      problems.push({
        file,
        itemId: item.id,
        field: `choices[${index}].text`,
        message: `"${choice.text}" refers to other choices by position, which breaks when choices are shuffled; write a standalone answer${at(question, 'choices', index, 'text')}`,
      });
    }
  });
}
