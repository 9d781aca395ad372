/**
 * Exam domains of a deck (deck.yaml `domains:`): which domain a question counts in. A question
 * belongs to the first domain, in deck.yaml order, that covers any of its tags.
 */
import type { Deck, ExamDomain, Question } from '../deck/schema.js';

/** The domain a question counts in: the first (deck.yaml order) covering one of its tags; undefined when none does. */
export function domainOf(domains: readonly ExamDomain[], question: Question): ExamDomain | undefined {
  return domains.find((domain) => domain.tags.some((tag) => question.tags.includes(tag)));
}

/** A domain with the deck's questions that count in it (deck order). */
export interface DomainQuestions {
  domain: ExamDomain;
  questions: Question[];
}

/** Every declared domain of the deck with its questions, in deck.yaml order; [] when the deck declares none. */
export function questionsByDomain(deck: Deck): DomainQuestions[] {
  const domains = deck.meta.domains ?? [];
  const groups = domains.map((domain) => ({ domain, questions: [] as Question[] }));
  for (const question of deck.questions) {
    const domain = domainOf(domains, question);
    groups.find((group) => group.domain === domain)?.questions.push(question);
  }
  return groups;
}
