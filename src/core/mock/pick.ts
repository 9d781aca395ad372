/**
 * Which questions a mock asks: as many as asked for, split across the deck's exam domains by their
 * weights (largest remainder), each domain's share drawn at random from its questions; a domain
 * with too few questions gives its remaining slots to the others, in weight order. The picked
 * questions are then shuffled, so domains interleave as in a real exam. A deck without domains
 * counts each question in the topic of its first tag, all topics weighted alike.
 */
import type { Deck, Question } from '../deck/schema.js';
import { topicLabel } from '../round-view.js';

/** A domain with its weight (percent) and questions. */
export interface MockDomain {
  name: string;
  weight: number;
  questions: Question[];
}

/**
 * The deck's domains with their questions: deck.yaml `domains` (a question in the first domain
 * covering one of its tags; questions in none are left out), or one domain per first tag.
 */
export function mockDomains(deck: Deck): MockDomain[] {
  const declared = deck.meta.domains;
  if (declared && declared.length > 0) {
    const out = declared.map((d) => ({ name: d.name, weight: d.weight, questions: [] as Question[] }));
    for (const q of deck.questions) {
      const index = declared.findIndex((d) => q.tags.some((t) => d.tags.includes(t)));
      if (index >= 0) out[index]?.questions.push(q);
    }
    return out.filter((d) => d.questions.length > 0);
  }
  const byTopic = new Map<string, Question[]>();
  for (const q of deck.questions) {
    const topic = topicLabel(q.tags[0] ?? 'other');
    byTopic.set(topic, [...(byTopic.get(topic) ?? []), q]);
  }
  return [...byTopic].map(([name, questions]) => ({ name, weight: 1, questions }));
}

function shuffle<T>(items: readonly T[], random: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.min(i, Math.floor(random() * (i + 1)));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

/** How many questions each domain gets (same order as `domains`), at most its question count. */
function domainQuotas(domains: readonly MockDomain[], count: number): number[] {
  const totalWeight = domains.reduce((sum, d) => sum + d.weight, 0);
  if (totalWeight <= 0) return domains.map(() => 0);
  const exact = domains.map((d) => (d.weight * count) / totalWeight);
  const quotas = exact.map((x, i) => Math.min(Math.floor(x), domains[i]?.questions.length ?? 0));
  let left = count - quotas.reduce((a, b) => a + b, 0);
  // Largest remainder first, then (for slots a full domain gave back) heaviest domain first.
  const byRemainder = domains.map((_, i) => i).sort((a, b) => (exact[b] ?? 0) - Math.floor(exact[b] ?? 0) - ((exact[a] ?? 0) - Math.floor(exact[a] ?? 0)));
  const byWeight = domains.map((_, i) => i).sort((a, b) => (domains[b]?.weight ?? 0) - (domains[a]?.weight ?? 0));
  for (const order of [byRemainder, byWeight, byWeight]) {
    for (const i of order) {
      if (left === 0) break;
      const room = (domains[i]?.questions.length ?? 0) - (quotas[i] ?? 0);
      const give = order === byRemainder ? Math.min(1, room) : Math.min(left, room);
      if (give > 0) {
        quotas[i] = (quotas[i] ?? 0) + give;
        left -= give;
      }
    }
  }
  return quotas;
}

/** A picked question with its domain's name. */
export interface MockPick {
  question: Question;
  domain: string;
}

/**
 * Up to `count` questions of `deck` mixed by domain weight, shuffled (see the module comment).
 * Fewer when the deck has fewer questions.
 */
export function pickMockQuestions(deck: Deck, count: number, random: () => number): MockPick[] {
  const domains = mockDomains(deck);
  const quotas = domainQuotas(domains, count);
  const picks = domains.flatMap((d, i) => shuffle(d.questions, random).slice(0, quotas[i] ?? 0).map((question) => ({ question, domain: d.name })));
  return shuffle(picks, random);
}

/** The domain name of one question of `deck` (as mockDomains assigns it), for retakes. */
export function domainOfQuestion(deck: Deck, question: Question): string {
  return mockDomains(deck).find((d) => d.questions.includes(question))?.name ?? topicLabel(question.tags[0] ?? 'other');
}
