/**
 * Readiness per exam domain: the share of a domain's questions a learner would probably answer right
 * at a given time. Per question: ts-fsrs retrievability of the learner's practice card at that time,
 * times the learner's recent accuracy in the question's domain (right answers / answers, pooled over
 * the domain: pooling stays fair although wrong answers are asked again sooner); a question never
 * practised counts as 0 (unknown, not known). A domain's estimate is the mean over its questions;
 * the overall figure weighs domains by their deck.yaml weights (percent).
 */
import { fsrs } from 'ts-fsrs';
import type { Deck } from '../deck/schema.js';
import { parseCard } from '../practice.js';
import { questionsByDomain } from './domains.js';

const scheduler = fsrs();

/** One line saying how the estimate is made, for every place readiness is shown. */
export const READINESS_METHOD =
  'Estimate: for each question, the chance you still recall it (FSRS) times your recent accuracy in its domain; questions never practised count as 0.';

/** One domain's readiness figure. */
export interface DomainReadiness {
  /** The domain's name (deck.yaml). */
  domain: string;
  /** The domain's weight, percent. */
  weight: number;
  /** 0-1: the share of the domain's questions the learner would probably answer right at `at`. */
  estimate: number;
  /** Questions of the domain the learner has a practice card for. */
  seen: number;
  /** Questions of the domain. */
  total: number;
}

/** Readiness of one learner (or a group) in one deck. */
export interface Readiness {
  /** In deck.yaml order. */
  domains: DomainReadiness[];
  /** 0-1: sum of weight × estimate over the domains, divided by 100. */
  overall: number;
}

/** A learner's recent answers to each question (question id -> right/wrong, oldest first), e.g. the last 90 days. */
export type AnswerHistory = ReadonlyMap<string, readonly boolean[]>;

/**
 * Probability (0-1) that the learner answers a question right at `at`: retrievability of the card
 * (JSON as stored by practice.ts) times `accuracy` (0-1); 0 without a readable, reviewed card.
 */
function questionRecall(cardJson: string | undefined, accuracy: number, at: Date): number {
  const card = cardJson === undefined ? undefined : parseCard(cardJson);
  if (!card || card.reps === 0) return 0;
  const retrievability = scheduler.get_retrievability(card, at, false);
  return Math.max(0, Math.min(1, retrievability * accuracy));
}

/**
 * A learner's readiness in `deck` at `at` (UTC instant), or undefined when the deck declares no domains.
 * @param cards the learner's practice cards by question id (store.practiceCards)
 * @param history the learner's recent answers by question id, oldest first
 */
export function readiness(deck: Deck, cards: ReadonlyMap<string, string>, history: AnswerHistory, at: Date): Readiness | undefined {
  const groups = questionsByDomain(deck);
  if (groups.length === 0) return undefined;
  const domains = groups.map(({ domain, questions }) => {
    let answers = 0;
    let right = 0;
    for (const question of questions) {
      const list = history.get(question.id) ?? [];
      answers += list.length;
      right += list.filter(Boolean).length;
    }
    // No recent answer in the domain: retrievability alone (the cards are all there is to go on).
    const accuracy = answers === 0 ? 1 : right / answers;
    let sum = 0;
    let seen = 0;
    for (const question of questions) {
      const card = cards.get(question.id);
      if (card !== undefined) seen += 1;
      sum += questionRecall(card, accuracy, at);
    }
    return { domain: domain.name, weight: domain.weight, estimate: questions.length === 0 ? 0 : sum / questions.length, seen, total: questions.length };
  });
  return { domains, overall: weighted(domains) };
}

/**
 * A group's readiness: per domain the mean of the learners' estimates (and of their `seen`, rounded);
 * undefined for an empty list. Every entry must come from the same deck.
 */
export function groupReadiness(list: readonly Readiness[]): Readiness | undefined {
  const first = list[0];
  if (!first) return undefined;
  const domains = first.domains.map((figure, index) => {
    const all = list.map((entry) => entry.domains[index] ?? { ...figure, estimate: 0, seen: 0 });
    return {
      ...figure,
      estimate: all.reduce((total, entry) => total + entry.estimate, 0) / list.length,
      seen: Math.round(all.reduce((total, entry) => total + entry.seen, 0) / list.length),
    };
  });
  return { domains, overall: weighted(domains) };
}

/** The weakest domain: lowest estimate, the heavier one on a tie; undefined when there is none. */
export function weakestDomain(figures: Readiness): DomainReadiness | undefined {
  return [...figures.domains].sort((a, b) => a.estimate - b.estimate || b.weight - a.weight)[0];
}

function weighted(domains: readonly DomainReadiness[]): number {
  return domains.reduce((total, figure) => total + figure.weight * figure.estimate, 0) / 100;
}
