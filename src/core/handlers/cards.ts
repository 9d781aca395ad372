/**
 * The term card and the scenario card: what `explain` and `scenario` show, and what the share
 * button posts in the channel.
 */
import type { Deck, Scenario, Term } from '../deck/schema.js';
import type { Reply, ReplyBlock, ReplyButton } from '../reply.js';
import { reportButton } from '../reports/button.js';
import { chapterFooter } from './replies.js';
import { CARD } from '../text/common.js';
import { TERM_CARD } from '../text/explain.js';
import { SCENARIOS } from '../text/scenarios.js';

/** Who shared a card, for its title. */
export interface SharedBy {
  userName: string;
}

/**
 * A term's card: summary, explanation, exam tip, related terms by name, any note, and
 * "Chapter N · section". Only the asker sees it, with a Share button; shared, the channel sees it.
 */
export function termCard(deck: Deck, term: Term, shared?: SharedBy): Reply {
  const blocks: ReplyBlock[] = [
    { type: 'text', text: term.summary },
    { type: 'text', text: term.explanation },
  ];
  if (term.exam_tip) blocks.push({ type: 'section', heading: TERM_CARD.examTip, text: term.exam_tip });
  const related = term.related.map((id) => deck.termsById.get(id)?.name).filter((n): n is string => n !== undefined);
  if (related.length > 0) blocks.push({ type: 'section', heading: TERM_CARD.related, text: related.join(', ') });
  if (term.aliases.length > 0) blocks.push({ type: 'section', heading: TERM_CARD.alsoCalled, text: term.aliases.join(', ') });
  if (term.note) blocks.push({ type: 'section', heading: TERM_CARD.note, text: term.note });
  return {
    visibility: shared ? 'channel' : 'user',
    tone: 'info',
    title: shared ? CARD.sharedTitle(term.name, shared.userName) : term.name,
    blocks,
    footer: chapterFooter(deck.meta.chapter.number, term.section),
    buttons: shared
      ? [reportButton('term', term.id)]
      : [{ action: { kind: 'share', target: 'term', id: term.id }, label: CARD.shareButton } satisfies ReplyButton, reportButton('term', term.id)],
  };
}

/** "• a\n• b" for a section's text. */
function bullets(items: string[]): string {
  return items.map((i) => `• ${i}`).join('\n');
}

/** The buttons that work a scenario: first hint, reference design, the self-check. */
export function scenarioButtons(scenario: Scenario): ReplyButton[] {
  return [
    { action: { kind: 'hint', scenarioId: scenario.id, count: 1 }, label: SCENARIOS.hintButton },
    { action: { kind: 'reference', scenarioId: scenario.id }, label: SCENARIOS.referenceButton },
    { action: { kind: 'check', scenarioId: scenario.id }, label: SCENARIOS.checkButton },
  ];
}

/** A scenario's card: situation, requirements and tasks, with Hint / Reference design / Check yourself / Share. */
export function scenarioCard(deck: Deck, scenario: Scenario, shared?: SharedBy): Reply {
  return {
    visibility: shared ? 'channel' : 'user',
    tone: 'info',
    title: shared ? CARD.sharedTitle(SCENARIOS.cardTitle(scenario.title), shared.userName) : SCENARIOS.cardTitle(scenario.title),
    blocks: [
      { type: 'text', text: scenario.situation },
      { type: 'section', heading: SCENARIOS.requirementsHeading, text: bullets(scenario.requirements) },
      { type: 'section', heading: SCENARIOS.tasksHeading, text: bullets(scenario.tasks) },
    ],
    buttons: [
      ...scenarioButtons(scenario),
      ...(shared ? [] : [{ action: { kind: 'share', target: 'scenario', id: scenario.id }, label: CARD.shareButton } satisfies ReplyButton]),
    ],
    footer: SCENARIOS.cardFooter(chapterFooter(deck.meta.chapter.number, scenario.section), scenario.id),
  };
}
