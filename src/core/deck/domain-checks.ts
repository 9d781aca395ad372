/**
 * Checks of deck.yaml `domains:` against the rest of the deck: every domain tag is a deck tag, and
 * every tag of every question is covered by some domain (so readiness and mock exams count every
 * question). Only runs when the deck declares domains and they passed their schema.
 */
import type { ContentProblem, YamlPath } from './content-problem.js';
import type { Located } from './deck-checks.js';
import type { ExamDomain, Question } from './schema.js';

/** Where deck.yaml's domains came from, for problems that name file and line. */
export interface DomainsSource {
  domains: readonly ExamDomain[];
  /** deck.yaml as problems name it. */
  file: string;
  /** The deck's id (the item problems in deck.yaml are about). */
  deckId: string;
  deckTags: ReadonlySet<string>;
  /** 1-based line of a path in deck.yaml, when known. */
  lineOf(path: YamlPath): number | undefined;
}

/** Push one problem per domain tag missing from the deck's tags and per question tag in no domain. */
export function checkDomains(source: DomainsSource, questions: readonly Located<Question>[], problems: ContentProblem[]): void {
  const covered = new Set<string>();
  source.domains.forEach((domain, index) => {
    domain.tags.forEach((tag, tagIndex) => {
      covered.add(tag);
      if (source.deckTags.has(tag)) return;
      const line = source.lineOf(['domains', index, 'tags', tagIndex]);
      problems.push({
        file: source.file,
        itemId: source.deckId,
        field: `domains[${index}].tags[${tagIndex}]`,
        message: `domain "${domain.name}" covers tag "${tag}", which is not among the deck's tags${line === undefined ? '' : ` (line ${line})`}`,
      });
    });
  });
  for (const owner of questions) {
    owner.item.tags?.forEach((tag, index) => {
      if (covered.has(tag)) return;
      const line = owner.lineOf(['tags', index]);
      problems.push({
        file: owner.file,
        itemId: owner.item.id,
        field: `tags[${index}]`,
        message: `tag "${tag}" is in no exam domain of deck.yaml; add it to one of the domains${line === undefined ? '' : ` (line ${line})`}`,
      });
    });
  }
}
