/**
 * Scenario exercises: `scenario [id or words]` (the list, or one card), and the follow-ups that the
 * card's buttons (and the terminal's `hint`, `reference`, `check`) ask for: hints one at a time,
 * the reference design with its trade-off, the rubric as a checklist, and storing a self-score.
 * Every reply here is for the asker only.
 */
import type { Context } from '../context.js';
import type { DeckLibrary } from '../deck/library.js';
import type { Deck, Scenario } from '../deck/schema.js';
import { MAX_ARGUMENT_LENGTH, quote } from '../parse-command.js';
import type { SelfScoresPort } from '../ports/store.js';
import type { Reply, ReplyButton } from '../reply.js';
import { scenarioButtons, scenarioCard } from './cards.js';
import { chapterFooter, errorReply } from './replies.js';

/** A scenario and the deck it lives in. */
interface Found {
  deck: Deck;
  scenario: Scenario;
}

/** Find a scenario by its exact id in any deck. */
export function scenarioById(library: DeckLibrary, id: string): Found | undefined {
  for (const deck of library.decks.values()) {
    const scenario = deck.scenariosById.get(id);
    if (scenario) return { deck, scenario };
  }
  return undefined;
}

/** The follow-up subcommands that name a scenario. */
type FollowUp = 'hint' | 'reference' | 'check';

/** One line of a usage example per follow-up, for messages. */
const FOLLOW_UP_EXAMPLE: Record<FollowUp, (id: string) => string> = {
  hint: (id) => `\`hint ${id} 2\``,
  reference: (id) => `\`reference ${id}\``,
  check: (id) => `\`check ${id} 1,3\``,
};

/**
 * The scenario a follow-up names: its exact id (as buttons send), else id or title words as
 * `scenario` finds them (library.findScenario). An unknown one is answered with up to three
 * suggestions as `<sub> <id>` commands; words after an exact id are refused, naming them.
 */
export function resolveScenario(library: DeckLibrary, query: string, sub: FollowUp): Found | Reply {
  const q = query.trim().replace(/\s+/g, ' ');
  const exact = scenarioById(library, q.toLowerCase());
  if (exact) return exact;
  if (q.length > MAX_ARGUMENT_LENGTH) {
    return errorReply(`That is ${q.length} characters long`, `${sub} takes a scenario id or a few words of at most ${MAX_ARGUMENT_LENGTH} characters.`);
  }
  const [first = '', ...rest] = q.split(' ');
  const byFirstWord = rest.length > 0 ? scenarioById(library, first.toLowerCase()) : undefined;
  if (byFirstWord) {
    const id = byFirstWord.scenario.id;
    return errorReply(
      `Unexpected ${quote(rest.join(' '))} after the scenario id ${id}`,
      `${sub} takes ${sub === 'hint' ? 'a scenario and an optional hint number' : sub === 'check' ? 'a scenario and optional rubric point numbers' : 'one scenario'}, e.g. ${FOLLOW_UP_EXAMPLE[sub](id)}. Nothing was stored.`,
    );
  }
  const result = library.findScenario(q);
  if (result.status === 'found') {
    const deck = library.get(result.deckId) ?? library.defaultDeck;
    return { deck, scenario: result.scenario };
  }
  if (result.suggestions.length === 0) {
    return errorReply(`Unknown scenario ${quote(q)}`, 'Type `scenario` to list the scenarios and their ids.');
  }
  return {
    visibility: 'user',
    tone: 'error',
    title: `Unknown scenario ${quote(q)}`,
    blocks: [
      { type: 'text', text: 'Did you mean:' },
      { type: 'list', items: result.suggestions.slice(0, 3).map((m) => `${m.scenario.title} — \`${sub} ${m.scenario.id}\``) },
    ],
  };
}

function isReply(found: Found | Reply): found is Reply {
  return !('scenario' in found);
}

/** Every scenario, one line each, with the command that opens it. */
export function scenarioList(library: DeckLibrary, title = 'Scenarios'): Reply {
  const items = [...library.decks.values()].flatMap((d) => d.scenarios.map((s) => `${s.title} — \`scenario ${s.id}\``));
  return {
    visibility: 'user',
    tone: 'info',
    title,
    blocks: [{ type: 'list', items }],
    footer: 'Each one has hints, a reference design and a checklist to score yourself.',
  };
}

/** `scenario [id or words]`: no query -> the list; a match -> its card; else suggestions. */
export function handleScenario(library: DeckLibrary, query?: string): Reply {
  const q = query?.trim().replace(/\s+/g, ' ') ?? '';
  if (q === '') return scenarioList(library);
  if (q.length > MAX_ARGUMENT_LENGTH) {
    return errorReply(`That is ${q.length} characters long`, `scenario takes an id or a few words of at most ${MAX_ARGUMENT_LENGTH} characters.`);
  }
  const result = library.findScenario(q);
  if (result.status === 'found') {
    const deck = library.get(result.deckId) ?? library.defaultDeck;
    return scenarioCard(deck, result.scenario);
  }
  if (result.suggestions.length === 0) return { ...scenarioList(library, `No scenario matches ${quote(q)}; here are all of them`), outcome: 'not-found' };
  return {
    visibility: 'user',
    tone: 'warning',
    outcome: 'not-found',
    title: `No scenario matches ${quote(q)} — did you mean:`,
    blocks: [{ type: 'list', items: result.suggestions.slice(0, 3).map((s) => `${s.scenario.title} — \`scenario ${s.scenario.id}\``) }],
  };
}

/**
 * Hints 1..count, with "Next hint" while more remain. `scenario` is an id or title words; a count
 * outside 1..(number of hints) is refused, naming the range.
 */
export function handleHint(library: DeckLibrary, scenarioQuery: string, count = 1): Reply {
  const found = resolveScenario(library, scenarioQuery, 'hint');
  if (isReply(found)) return found;
  const { deck, scenario } = found;
  const total = scenario.hints.length;
  if (!Number.isInteger(count) || count < 1 || count > total) {
    return errorReply(
      `There is no hint ${count}`,
      `${scenario.title} has ${total === 1 ? '1 hint' : `${total} hints`}, numbered 1 to ${total}: \`hint ${scenario.id} ${total}\` shows them all.`,
    );
  }
  const n = count;
  const buttons: ReplyButton[] = [];
  if (n < total) buttons.push({ action: { kind: 'hint', scenarioId: scenario.id, count: n + 1 }, label: 'Next hint', style: 'primary' });
  buttons.push({ action: { kind: 'reference', scenarioId: scenario.id }, label: 'Reference design' });
  buttons.push({ action: { kind: 'check', scenarioId: scenario.id }, label: 'Check yourself' });
  return {
    visibility: 'user',
    tone: 'info',
    title: `${scenario.title} · hint${n > 1 ? 's' : ''} ${n > 1 ? `1-${n}` : '1'} of ${total}`,
    blocks: [
      ...scenario.hints.slice(0, n).map((text, i) => ({ type: 'section' as const, heading: `Hint ${i + 1}`, text })),
      ...(n === total ? [{ type: 'text' as const, text: 'That was the last hint.' }] : []),
    ],
    buttons,
    footer: chapterFooter(deck.meta.chapter.number, scenario.section),
  };
}

/** The reference design and its trade-off. `scenarioQuery` is an id or title words. */
export function handleReference(library: DeckLibrary, scenarioQuery: string): Reply {
  const found = resolveScenario(library, scenarioQuery, 'reference');
  if (isReply(found)) return found;
  const { deck, scenario } = found;
  return {
    visibility: 'user',
    tone: 'info',
    title: `${scenario.title} · reference design`,
    blocks: [
      { type: 'text', text: scenario.reference_design },
      { type: 'section', heading: 'Trade-off', text: scenario.tradeoff },
    ],
    buttons: [{ action: { kind: 'check', scenarioId: scenario.id }, label: 'Check yourself', style: 'primary' }],
    footer: chapterFooter(deck.meta.chapter.number, scenario.section),
  };
}

/** The rubric as a checklist to tick. `scenarioQuery` is an id or title words. */
export function handleChecklist(library: DeckLibrary, scenarioQuery: string): Reply {
  const found = resolveScenario(library, scenarioQuery, 'check');
  if (isReply(found)) return found;
  const { deck, scenario } = found;
  return {
    visibility: 'user',
    tone: 'info',
    title: `${scenario.title} · check yourself`,
    blocks: [{ type: 'text', text: `A good answer covers these ${scenario.rubric.length} points. Tick the ones your design covered.` }],
    checklist: { scenarioId: scenario.id, options: scenario.rubric.map((label, index) => ({ index, label })) },
    footer: chapterFooter(deck.meta.chapter.number, scenario.section),
  };
}

/**
 * Store a self-score: `checkedOrAll` are 0-based rubric indexes (point 1 is index 0), or 'all'. An index outside
 * the rubric (so also "point 0", index -1) is refused, naming it and the 1-based range, and nothing
 * is stored. `scenarioQuery` is an id or title words.
 */
export async function handleSelfScore(
  library: DeckLibrary,
  store: Pick<SelfScoresPort, 'saveSelfScore'>,
  ctx: Context,
  scenarioQuery: string,
  checkedOrAll: number[] | 'all',
): Promise<Reply> {
  const found = resolveScenario(library, scenarioQuery, 'check');
  if (isReply(found)) return found;
  const { deck, scenario } = found;
  const total = scenario.rubric.length;
  const checked = checkedOrAll === 'all' ? scenario.rubric.map((_, i) => i) : checkedOrAll;
  const bad = checked.filter((i) => !Number.isInteger(i) || i < 0 || i >= total);
  if (bad.length > 0) {
    return errorReply(
      `Point${bad.length > 1 ? 's' : ''} ${bad.map((i) => i + 1).join(', ')} ${bad.length > 1 ? 'are' : 'is'} not on this rubric`,
      `${scenario.title} has ${total} points, numbered 1 to ${total}. Nothing was stored. Type \`check ${scenario.id}\` to see them.`,
    );
  }
  const ticked = [...new Set(checked)].sort((a, b) => a - b);
  await store.saveSelfScore(ctx, ctx.userId, { scenarioId: scenario.id, deckId: deck.meta.id, checked: ticked, total, at: ctx.now.getTime() });
  const missed = scenario.rubric.filter((_, i) => !ticked.includes(i));
  return {
    visibility: 'user',
    tone: ticked.length === total ? 'success' : 'info',
    title: `You ticked ${ticked.length}/${total} for ${scenario.title}`,
    blocks:
      missed.length === 0
        ? [{ type: 'text', text: 'Every point covered. Well done.' }]
        : [{ type: 'section', heading: 'Worth another look', text: missed.map((m) => `• ${m}`).join('\n') }],
    buttons: missed.length > 0 ? scenarioButtons(scenario).filter((b) => b.action.kind === 'reference') : [],
    footer: 'Your self-score is saved (the latest one counts).',
  };
}
