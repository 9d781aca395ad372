/**
 * Readiness per exam domain on the bundled deck: the figures' shape, unseen questions counting as
 * unknown, and the validation the issue asks for: a simulated learner with a known true accuracy per
 * domain practises for weeks (practice picks, ts-fsrs cards as quiz stores them), and the estimate
 * lands within 10 points of the true accuracy in every domain.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadDeck } from '../../src/core/deck/loader.js';
import { domainOf, questionsByDomain } from '../../src/core/exam/domains.js';
import { groupReadiness, readiness, weakestDomain } from '../../src/core/exam/readiness.js';
import { pickForExam } from '../../src/core/exam/exam-pick.js';
import { pickPracticeQuestion, reviewCard } from '../../src/core/practice.js';

const deck = loadDeck(path.resolve(import.meta.dirname, '..', '..', 'content', 'decks', 'kms-encryption-at-rest'));
const DAY = 86_400_000;

/** A seeded uniform [0, 1) generator (mulberry32), so the simulation is the same on every run. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

describe('exam domains of the bundled deck', () => {
  it('declares weights summing to 100 and puts every question in a domain', () => {
    const domains = deck.meta.domains ?? [];
    expect(domains.map((d) => d.name)).toEqual(['S3 encryption', 'EBS encryption', 'RDS encryption', 'Cost and audit', 'KMS keys and policies']);
    expect(domains.reduce((sum, d) => sum + d.weight, 0)).toBe(100);
    for (const question of deck.questions) expect(domainOf(domains, question), question.id).toBeDefined();
    const groups = questionsByDomain(deck);
    expect(groups.reduce((sum, g) => sum + g.questions.length, 0)).toBe(deck.questions.length);
    for (const group of groups) expect(group.questions.length, group.domain.name).toBeGreaterThan(0);
  });
});

describe('readiness', () => {
  const start = new Date('2026-03-02T09:00:00Z');

  it('counts questions never practised as unknown: a new learner is at 0 everywhere', () => {
    const figures = readiness(deck, new Map(), new Map(), start);
    expect(figures?.overall).toBe(0);
    for (const d of figures?.domains ?? []) expect(d).toMatchObject({ estimate: 0, seen: 0 });
    expect(figures?.domains.reduce((sum, d) => sum + d.total, 0)).toBe(deck.questions.length);
  });

  it('is undefined for a deck without domains', () => {
    const bare = { ...deck, meta: { ...deck.meta, domains: undefined } };
    expect(readiness(bare, new Map(), new Map(), start)).toBeUndefined();
  });

  it('falls as cards are forgotten: a right answer counts less a month later', () => {
    const question = deck.questions[0]!;
    const cards = new Map([[question.id, reviewCard(undefined, true, start)]]);
    const history = new Map([[question.id, [true]]]);
    const soon = readiness(deck, cards, history, new Date(start.getTime() + 60_000))!;
    const later = readiness(deck, cards, history, new Date(start.getTime() + 30 * DAY))!;
    expect(later.overall).toBeGreaterThan(0);
    expect(later.overall).toBeLessThan(soon.overall);
  });

  it.each([11, 12, 13])('estimates a simulated learner\'s true accuracy per domain within 10 points (seed %i)', (seed) => {
    const truth = new Map([
      ['S3 encryption', 0.9],
      ['EBS encryption', 0.4],
      ['RDS encryption', 0.65],
      ['Cost and audit', 0.25],
      ['KMS keys and policies', 0.75],
    ]);
    const domains = deck.meta.domains ?? [];
    const random = seeded(seed);
    const cards = new Map<string, string>();
    const history = new Map<string, boolean[]>();
    let now = start;
    const answer = (questionId: string, domain: string | undefined) => {
      const correct = random() < (truth.get(domain ?? '') ?? 0);
      cards.set(questionId, reviewCard(cards.get(questionId), correct, now));
      history.set(questionId, [...(history.get(questionId) ?? []), correct]);
    };
    // First the learner works through the whole deck once ...
    deck.questions.forEach((question, index) => {
      now = new Date(start.getTime() + index * 60_000);
      answer(question.id, domainOf(domains, question)?.name);
    });
    // ... then six weeks of practice, 25 quiz questions a day, as `quiz` picks them (most overdue first).
    for (let day = 1; day <= 42; day++) {
      for (let n = 0; n < 25; n++) {
        now = new Date(start.getTime() + day * DAY + n * 120_000);
        const pick = pickPracticeQuestion(deck, cards, now, random);
        if (!pick) throw new Error('no practice question');
        answer(pick.question.id, domainOf(domains, pick.question)?.name);
      }
    }
    const figures = readiness(deck, cards, history, new Date(now.getTime() + 3_600_000));
    if (!figures) throw new Error('no readiness');
    for (const figure of figures.domains) {
      expect(figure.seen, figure.domain).toBe(figure.total);
      expect(Math.abs(figure.estimate - (truth.get(figure.domain) ?? -1)), `${figure.domain}: ${figure.estimate.toFixed(3)}`).toBeLessThanOrEqual(0.1);
    }
    const trueOverall = domains.reduce((sum, d) => sum + d.weight * (truth.get(d.name) ?? 0), 0) / 100;
    expect(Math.abs(figures.overall - trueOverall)).toBeLessThanOrEqual(0.1);
    expect(weakestDomain(figures)?.domain).toBe('Cost and audit');
  });

  it('averages a group per domain', () => {
    const a = readiness(deck, new Map(), new Map(), start)!;
    const question = questionsByDomain(deck)[0]!.questions[0]!;
    const b = readiness(deck, new Map([[question.id, reviewCard(undefined, true, start)]]), new Map([[question.id, [true]]]), start)!;
    const group = groupReadiness([a, b])!;
    expect(group.domains[0]!.estimate).toBeCloseTo(b.domains[0]!.estimate / 2, 6);
    expect(groupReadiness([])).toBeUndefined();
  });
});

describe('exam-aimed picks', () => {
  const start = new Date('2026-03-02T09:00:00Z');
  const [a, b] = deck.questions;

  it('before the last week: a card the scheduler would bring back only after the exam comes first; one due before it waits', () => {
    if (!a || !b) throw new Error('deck too small');
    // a: right twice, weeks apart (long interval, due after the exam); b: right once today (due in days).
    let cardA = reviewCard(undefined, true, new Date(start.getTime() - 40 * DAY));
    cardA = reviewCard(cardA, true, new Date(start.getTime() - 30 * DAY));
    const cards = new Map([
      [a.id, cardA],
      [b.id, reviewCard(undefined, true, start)],
    ]);
    const exam = new Date(start.getTime() + 60 * DAY);
    const pick = pickForExam(deck, cards, exam, start);
    expect(pick?.question.id).toBe(a.id);
    expect(pick?.reason === 'exam' && pick.lastWeek).toBe(false);
    // With the exam tomorrow b is still remembered then, and the last-week rule brings back unseen questions first.
    const soon = pickForExam(deck, cards, new Date(start.getTime() + DAY), start);
    expect(soon?.reason === 'exam' && soon.lastWeek && soon.recall === 0).toBe(true);
    // A question left out (asked by a round open in the channel) is skipped: a is the only one forgotten by then.
    expect(pickForExam(deck, cards, exam, start, undefined, new Set([a.id]))).toBeUndefined();
    expect(pickForExam(deck, cards, new Date(start.getTime() + DAY), start, undefined, new Set([soon?.question.id ?? '']))?.question.id).not.toBe(soon?.question.id);
  });
});
