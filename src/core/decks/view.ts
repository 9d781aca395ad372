/**
 * The deck commands' handlers: `decks` (the loaded decks and their size), `deck <id>` (an admin sets
 * the channel's deck, see channel-deck.ts) and `import` (an admin imports an attached file into the
 * team's own deck folder through the DeckImporter port, then the library is reloaded; only that team's
 * view, DeckLibrary.forTeam, holds the deck). Every deck looked up here is looked up in the asking
 * team's view. Words: text.ts.
 */
import { resolveChannelDeck } from '../channel-deck.js';
import type { Context } from '../context.js';
import type { DeckLibrary } from '../deck/library.js';
import type { Deck } from '../deck/schema.js';
import type { CoreDeps } from '../deps.js';
import { errorReply } from '../handlers/replies.js';
import type { AttachedFile } from '../ports/deck-importer.js';
import type { Reply } from '../reply.js';
import { DECKS_TEXT, IMPORT_TEXT, size } from './text.js';

/** How much a deck holds. Concept cards (kind "concept") are not counted as terms. */
interface DeckSize {
  terms: number;
  cards: number;
  questions: number;
  scenarios: number;
}

/** Count a deck's terms, concept cards, questions and scenarios. */
function deckSize(deck: Deck): DeckSize {
  const cards = deck.terms.filter((t) => t.kind === 'concept').length;
  return { terms: deck.terms.length - cards, cards, questions: deck.questions.length, scenarios: deck.scenarios.length };
}

/** The deck named `id`, or an error Reply naming the decks there are. */
export function deckOrRefusal(library: DeckLibrary, id: string): Deck | Reply {
  return library.get(id) ?? errorReply(DECKS_TEXT.unknownDeck(id), DECKS_TEXT.available([...library.decks.keys()]), DECKS_TEXT.nothingChanged);
}

/**
 * Answer `decks`: every deck the team sees (shared and its own) with its size; the channel's deck is
 * marked, and each of the team's own decks skipped because a shared deck took its id is named (a warning).
 */
export async function handleDecks(deps: Pick<CoreDeps, 'store' | 'library'>, ctx: Context): Promise<Reply> {
  const current = ctx.isDirectMessage ? undefined : (await resolveChannelDeck(deps, ctx)).deck.meta.id;
  const items = [...deps.library.forTeam(ctx).decks.values()].map((deck) => {
    const n = deckSize(deck);
    const mark = deck.meta.id === current ? DECKS_TEXT.thisChannel : '';
    return `\`${deck.meta.id}\`${mark} — ${deck.meta.title}: ${DECKS_TEXT.size(n.terms, n.cards, n.questions, n.scenarios)}`;
  });
  const shadowed = deps.library.shadowedOwn(ctx).map((id) => ({ type: 'text' as const, text: DECKS_TEXT.shadowedOwn(id) }));
  return {
    visibility: 'user',
    tone: shadowed.length > 0 ? 'warning' : 'info',
    title: DECKS_TEXT.listTitle(items.length),
    blocks: [{ type: 'list', items }, ...shadowed],
    footer: DECKS_TEXT.listFooter,
  };
}

/**
 * Answer `deck <id>` (an admin, in a channel: checked by the dispatcher): store the channel's deck and,
 * when the channel has a daily subscription, its deck too (so daily posts and `schedule` agree).
 */
export async function handleSetDeck(deps: Pick<CoreDeps, 'store' | 'library' | 'onSubscriptionChange'>, ctx: Context, id: string): Promise<Reply> {
  const deck = deckOrRefusal(deps.library.forTeam(ctx), id);
  if ('blocks' in deck) return deck;
  const channel = { platform: ctx.platform, teamId: ctx.teamId, channelId: ctx.channelId };
  const before = await deps.store.getChannelDeck(channel);
  if (before?.deckId === id) return { visibility: 'user', tone: 'info', title: DECKS_TEXT.alreadySet(deck.meta.title), blocks: [{ type: 'text', text: DECKS_TEXT.listFooter }] };
  await deps.store.setChannelDeck({ ...channel, deckId: id, setBy: ctx.userId, setAt: ctx.now.getTime() });
  const lines = [DECKS_TEXT.setText(ctx.userName, id)];
  const sub = await deps.store.getSubscription(channel);
  if (sub && sub.deckId !== id) {
    const { pausedReason: _p, pausedAt: _a, ...keep } = sub;
    await deps.store.upsertSubscription({ ...keep, deckId: id });
    // Keep a paused subscription paused: the upsert clears the pause, so put it back.
    if (sub.pausedReason !== null) await deps.store.pauseSubscription(channel, sub.pausedReason, sub.pausedAt ?? ctx.now.getTime());
    deps.onSubscriptionChange?.(channel);
    lines.push(DECKS_TEXT.setSubscriptionToo);
  }
  return { visibility: 'channel', tone: 'success', title: DECKS_TEXT.setTitle(deck.meta.title), blocks: lines.map((text) => ({ type: 'text' as const, text })) };
}

/**
 * Answer `import` (an admin): refuse a missing or oversized file with words, else import it through
 * `deps.importer` into the team's own folder and reload the decks so the team's `decks` lists it at once.
 */
export async function handleImport(deps: CoreDeps, ctx: Context, file: AttachedFile | undefined, deckId: string | undefined): Promise<Reply> {
  const importer = deps.importer;
  if (!importer) return errorReply(IMPORT_TEXT.offTitle, IMPORT_TEXT.off);
  if (!file) return errorReply(IMPORT_TEXT.noFileTitle, IMPORT_TEXT.noFile(ctx.surface?.commandPrefix ?? ''));
  if (file.size > importer.maxBytes) return errorReply(IMPORT_TEXT.tooBigTitle, IMPORT_TEXT.tooBig(size(file.size), size(importer.maxBytes)));
  const team = { platform: ctx.platform, teamId: ctx.teamId };
  // deps.library is the shared library: its ids are the ones a team's deck may not take.
  const outcome = await importer.importFile(file, { ...(deckId ? { deckId } : {}), team, sharedIds: new Set(deps.library.decks.keys()) });
  if (outcome.status === 'refused') {
    const details = outcome.details.slice(0, 10);
    return {
      visibility: 'user',
      tone: 'error',
      title: IMPORT_TEXT.refusedTitle,
      blocks: [{ type: 'text', text: outcome.problem }, ...(details.length > 0 ? [{ type: 'list' as const, items: details }] : [])],
    };
  }
  const log = deps.logger.child({ component: 'decks' });
  log.info({ deckId: outcome.deckId, file: file.name, ...team, userId: ctx.userId }, 'deck imported in chat');
  const lines = [IMPORT_TEXT.imported(file.name, outcome.summary)];
  const reload = reloadLibrary(deps);
  if (reload === 'failed') lines.push(IMPORT_TEXT.reloadFailed);
  else if (!deps.library.forTeam(team).get(outcome.deckId)) lines.push(IMPORT_TEXT.notLoaded(reload ?? 'see the log'));
  else lines.push(IMPORT_TEXT.next(outcome.deckId));
  const warnings = outcome.warnings.slice(0, 10);
  return {
    visibility: 'user',
    tone: outcome.warnings.length > 0 ? 'warning' : 'success',
    title: IMPORT_TEXT.importedTitle(outcome.deckId),
    blocks: [
      ...lines.map((text) => ({ type: 'text' as const, text })),
      ...(warnings.length > 0 ? [{ type: 'text' as const, text: IMPORT_TEXT.warnings(outcome.warnings.length) }, { type: 'list' as const, items: warnings }] : []),
    ],
  };
}

/**
 * Reload the decks into `deps.library` (see CoreDeps.reloadDecks). Returns 'failed' when the reload
 * threw (the old library stays), else undefined.
 */
function reloadLibrary(deps: CoreDeps): 'failed' | undefined {
  if (!deps.reloadDecks) return 'failed';
  try {
    deps.library = deps.reloadDecks();
    return undefined;
  } catch (err) {
    deps.logger.error({ err }, 'reloading the decks after an import failed; keeping the decks loaded before');
    return 'failed';
  }
}
