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
import { SCENARIOS } from '../text/scenarios.js';

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
const FOLLOW_UP_EXAMPLE: Record<FollowUp, (id: string) => string> = SCENARIOS.example;

/**
 * The scenario a follow-up names: its exact id (as buttons send), else id or title words as
 * `scenario` finds them (library.findScenario). An unknown one is answered with up to three
 * suggestions as `<sub> <id>` commands; words after an exact id are refused, naming them.
 */
function resolveScenario(library: DeckLibrary, query: string, sub: FollowUp): Found | Reply {
  const q = query.trim().replace(/\s+/g, ' ');
  const exact = scenarioById(library, q.toLowerCase());
  if (exact) return exact;
  if (q.length > MAX_ARGUMENT_LENGTH) {
    return errorReply(SCENARIOS.tooLong.title(q.length), SCENARIOS.tooLong.followUpText(sub, MAX_ARGUMENT_LENGTH));
  }
  const [first = '', ...rest] = q.split(' ');
  const byFirstWord = rest.length > 0 ? scenarioById(library, first.toLowerCase()) : undefined;
  if (byFirstWord) {
    const id = byFirstWord.scenario.id;
    return errorReply(
      SCENARIOS.unexpectedWords.title(quote(rest.join(' ')), id),
      SCENARIOS.unexpectedWords.text(sub, SCENARIOS.unexpectedWords.takes[sub], FOLLOW_UP_EXAMPLE[sub](id)),
    );
  }
  const result = library.findScenario(q);
  if (result.status === 'found') {
    const deck = library.get(result.deckId) ?? library.defaultDeck;
    return { deck, scenario: result.scenario };
  }
  if (result.suggestions.length === 0) {
    return errorReply(SCENARIOS.unknown.title(quote(q)), SCENARIOS.unknown.text);
  }
  return {
    visibility: 'user',
    tone: 'error',
    title: SCENARIOS.unknown.title(quote(q)),
    blocks: [
      { type: 'text', text: SCENARIOS.unknown.didYouMean },
      { type: 'list', items: result.suggestions.slice(0, 3).map((m) => SCENARIOS.item(m.scenario.title, sub, m.scenario.id)) },
    ],
  };
}

function isReply(found: Found | Reply): found is Reply {
  return !('scenario' in found);
}

/** Every scenario, one line each, with the command that opens it. */
function scenarioList(library: DeckLibrary, title: string = SCENARIOS.listTitle): Reply {
  const items = [...library.decks.values()].flatMap((d) => d.scenarios.map((s) => SCENARIOS.item(s.title, 'scenario', s.id)));
  return {
    visibility: 'user',
    tone: 'info',
    title,
    blocks: [{ type: 'list', items }],
    footer: SCENARIOS.listFooter,
  };
}

/** `scenario [id or words]`: no query -> the list; a match -> its card; else suggestions. */
export function handleScenario(library: DeckLibrary, query?: string): Reply {
  const q = query?.trim().replace(/\s+/g, ' ') ?? '';
  if (q === '') return scenarioList(library);
  if (q.length > MAX_ARGUMENT_LENGTH) {
    return errorReply(SCENARIOS.tooLong.title(q.length), SCENARIOS.tooLong.scenarioText(MAX_ARGUMENT_LENGTH));
  }
  const result = library.findScenario(q);
  if (result.status === 'found') {
    const deck = library.get(result.deckId) ?? library.defaultDeck;
    return scenarioCard(deck, result.scenario);
  }
  if (result.suggestions.length === 0) return { ...scenarioList(library, SCENARIOS.noMatchList(quote(q))), outcome: 'not-found' };
  return {
    visibility: 'user',
    tone: 'warning',
    outcome: 'not-found',
    title: SCENARIOS.didYouMean(quote(q)),
    blocks: [{ type: 'list', items: result.suggestions.slice(0, 3).map((s) => SCENARIOS.item(s.scenario.title, 'scenario', s.scenario.id)) }],
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
    return errorReply(SCENARIOS.noSuchHint.title(count), SCENARIOS.noSuchHint.text(scenario.title, total, scenario.id));
  }
  const n = count;
  const buttons: ReplyButton[] = [];
  if (n < total) buttons.push({ action: { kind: 'hint', scenarioId: scenario.id, count: n + 1 }, label: SCENARIOS.nextHintButton, style: 'primary' });
  buttons.push({ action: { kind: 'reference', scenarioId: scenario.id }, label: SCENARIOS.referenceButton });
  buttons.push({ action: { kind: 'check', scenarioId: scenario.id }, label: SCENARIOS.checkButton });
  return {
    visibility: 'user',
    tone: 'info',
    title: SCENARIOS.hintsTitle(scenario.title, n, total),
    blocks: [
      ...scenario.hints.slice(0, n).map((text, i) => ({ type: 'section' as const, heading: SCENARIOS.hintHeading(i + 1), text })),
      ...(n === total ? [{ type: 'text' as const, text: SCENARIOS.lastHint }] : []),
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
    title: SCENARIOS.referenceTitle(scenario.title),
    blocks: [
      { type: 'text', text: scenario.reference_design },
      { type: 'section', heading: SCENARIOS.tradeoffHeading, text: scenario.tradeoff },
    ],
    buttons: [{ action: { kind: 'check', scenarioId: scenario.id }, label: SCENARIOS.checkButton, style: 'primary' }],
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
    title: SCENARIOS.checkTitle(scenario.title),
    blocks: [{ type: 'text', text: SCENARIOS.checkText(scenario.rubric.length) }],
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
      SCENARIOS.notOnRubric.title(bad.map((i) => i + 1)),
      SCENARIOS.notOnRubric.text(scenario.title, total, scenario.id),
    );
  }
  const ticked = [...new Set(checked)].sort((a, b) => a - b);
  await store.saveSelfScore(ctx, ctx.userId, { scenarioId: scenario.id, deckId: deck.meta.id, checked: ticked, total, at: ctx.now.getTime() });
  const missed = scenario.rubric.filter((_, i) => !ticked.includes(i));
  return {
    visibility: 'user',
    tone: ticked.length === total ? 'success' : 'info',
    title: SCENARIOS.selfScoreTitle(ticked.length, total, scenario.title),
    blocks:
      missed.length === 0
        ? [{ type: 'text', text: SCENARIOS.allCovered }]
        : [{ type: 'section', heading: SCENARIOS.worthAnotherLook, text: missed.map((m) => `• ${m}`).join('\n') }],
    buttons: missed.length > 0 ? scenarioButtons(scenario).filter((b) => b.action.kind === 'reference') : [],
    footer: SCENARIOS.selfScoreFooter,
  };
}
