/**
 * The term card and the scenario card: what `explain` and `scenario` show, and what the share
 * button posts in the channel.
 */
import type { Deck, Scenario, Term } from '../deck/schema.js';
import type { Reply, ReplyBlock, ReplyButton } from '../reply.js';
import { reportButton } from '../reports/button.js';
import { chapterFooter } from './replies.js';

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
  if (term.exam_tip) blocks.push({ type: 'section', heading: 'Exam tip', text: term.exam_tip });
  const related = term.related.map((id) => deck.termsById.get(id)?.name).filter((n): n is string => n !== undefined);
  if (related.length > 0) blocks.push({ type: 'section', heading: 'Related', text: related.join(', ') });
  if (term.aliases.length > 0) blocks.push({ type: 'section', heading: 'Also called', text: term.aliases.join(', ') });
  if (term.note) blocks.push({ type: 'section', heading: 'Note', text: term.note });
  return {
    visibility: shared ? 'channel' : 'user',
    tone: 'info',
    title: shared ? `${term.name} · shared by ${shared.userName}` : term.name,
    blocks,
    footer: chapterFooter(deck.meta.chapter.number, term.section),
    buttons: shared
      ? [reportButton('term', term.id)]
      : [{ action: { kind: 'share', target: 'term', id: term.id }, label: 'Share in channel' } satisfies ReplyButton, reportButton('term', term.id)],
  };
}

/** "• a\n• b" for a section's text. */
function bullets(items: string[]): string {
  return items.map((i) => `• ${i}`).join('\n');
}

/** The buttons that work a scenario: first hint, reference design, the self-check. */
export function scenarioButtons(scenario: Scenario): ReplyButton[] {
  return [
    { action: { kind: 'hint', scenarioId: scenario.id, count: 1 }, label: 'Hint' },
    { action: { kind: 'reference', scenarioId: scenario.id }, label: 'Reference design' },
    { action: { kind: 'check', scenarioId: scenario.id }, label: 'Check yourself' },
  ];
}

/** A scenario's card: situation, requirements and tasks, with Hint / Reference design / Check yourself / Share. */
export function scenarioCard(deck: Deck, scenario: Scenario, shared?: SharedBy): Reply {
  return {
    visibility: shared ? 'channel' : 'user',
    tone: 'info',
    title: shared ? `Scenario: ${scenario.title} · shared by ${shared.userName}` : `Scenario: ${scenario.title}`,
    blocks: [
      { type: 'text', text: scenario.situation },
      { type: 'section', heading: 'Requirements', text: bullets(scenario.requirements) },
      { type: 'section', heading: 'Your tasks', text: bullets(scenario.tasks) },
    ],
    buttons: [
      ...scenarioButtons(scenario),
      ...(shared ? [] : [{ action: { kind: 'share', target: 'scenario', id: scenario.id }, label: 'Share in channel' } satisfies ReplyButton]),
    ],
    footer: `${chapterFooter(deck.meta.chapter.number, scenario.section)} · id ${scenario.id}`,
  };
}
