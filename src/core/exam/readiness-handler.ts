/**
 * `readiness [user|here]`: per exam domain, the share of its questions the learner (or the channel's
 * active learners together) would probably answer right today, a weighted overall figure, the
 * weakest domain with a next step, and one line saying how the estimate is made.
 */
import { channelDeck, type ChannelDeckDeps } from '../channel-deck.js';
import type { Context, TeamScope } from '../context.js';
import type { DeckLibrary } from '../deck/library.js';
import type { Deck } from '../deck/schema.js';
import { errorReply } from '../handlers/replies.js';
import { percent, termForTag } from '../handlers/stats.js';
import type { ExamsPort, PracticeCardsPort, UsersPort } from '../ports/store.js';
import type { Reply, ReplyBlock, ReplyButton } from '../reply.js';
import { textBar } from '../round-view.js';
import { quote } from '../parse-command.js';
import { groupReadiness, READINESS_METHOD, readiness, weakestDomain, type AnswerHistory, type Readiness } from './readiness.js';
import { READINESS_TEXT } from './text.js';
import type { ChartTools } from '../chart-block.js';
import { readinessChart } from '../handlers/stats-charts.js';

/** How far back answers count towards recent accuracy, in ms (90 days). */
const HISTORY_MS = 90 * 86_400_000;
/** Who counts as an active learner of a channel: answered there within this many ms (30 days). */
const ACTIVE_MS = 30 * 86_400_000;

type Store = Pick<ExamsPort, 'recentAnswers' | 'activeLearners' | 'userExam' | 'channelExam'> & PracticeCardsPort & Pick<UsersPort, 'findUsers'> & ChannelDeckDeps['store'];

/** A learner's readiness in `deck` at `now`, read from the store; undefined when the deck has no domains. */
async function learnerReadiness(store: Pick<ExamsPort, 'recentAnswers'> & PracticeCardsPort, scope: TeamScope, userId: string, deck: Deck, now: Date): Promise<Readiness | undefined> {
  const cards = await store.practiceCards(scope, userId, deck.meta.id);
  const history = new Map<string, boolean[]>();
  for (const a of await store.recentAnswers(scope, userId, deck.meta.id, now.getTime() - HISTORY_MS)) {
    history.set(a.questionId, [...(history.get(a.questionId) ?? []), a.correct]);
  }
  return readiness(deck, cards, history as AnswerHistory, now);
}

/**
 * The deck readiness measures, in the team's view `library`: the learner's exam deck (`userId`; for
 * the channel, undefined: the channel's exam deck) when set and loaded, else the channel's deck
 * (resolveChannelDeck: the chosen deck, the subscription's, else the default deck).
 */
async function readinessDeck(store: Store, library: DeckLibrary, ctx: Context, userId: string | undefined): Promise<Deck> {
  const exam = userId === undefined ? await store.channelExam(ctx) : await store.userExam(ctx, userId);
  const examDeck = exam ? library.get(exam.deckId) : undefined;
  return examDeck ?? channelDeck({ store, library }, ctx);
}

/**
 * Answer `readiness [user|here]` (`target`: undefined = the asker, "here" = the channel, else a name or
 * id) in `library`, the asking team's view (DeckLibrary.forTeam). The deck measured: see readinessDeck.
 */
export async function handleReadiness(store: Store, library: DeckLibrary, ctx: Context, target?: string, charts?: ChartTools): Promise<Reply> {
  let figures: Readiness | undefined;
  let whose: string;
  let own = false;
  let deck: Deck;
  if (target === 'here') {
    deck = await readinessDeck(store, library, ctx, undefined);
    if (!deck.meta.domains) return errorReply(READINESS_TEXT.noDomainsTitle, READINESS_TEXT.noDomains(deck.meta.title));
    const learners = ctx.isDirectMessage ? [] : await store.activeLearners(ctx, ctx.now.getTime() - ACTIVE_MS);
    if (learners.length === 0) return errorReply(READINESS_TEXT.title('this channel'), READINESS_TEXT.nobodyHere);
    const list: Readiness[] = [];
    for (const userId of learners) {
      const one = await learnerReadiness(store, ctx, userId, deck, ctx.now);
      if (one) list.push(one);
    }
    figures = groupReadiness(list);
    whose = READINESS_TEXT.here(learners.length);
  } else {
    let userId = ctx.userId;
    whose = 'you';
    if (target !== undefined && target !== ctx.userId) {
      const found = await store.findUsers(ctx, target);
      const match = found.find((u) => u.userId === target || u.userName.toLowerCase() === target.toLowerCase()) ?? (found.length === 1 ? found[0] : undefined);
      if (!match) return errorReply(`Nobody called ${quote(target)} in this team`, 'Only people who have used the bot in this team can be looked up.');
      userId = match.userId;
      whose = match.userName;
    }
    own = userId === ctx.userId;
    deck = await readinessDeck(store, library, ctx, userId);
    if (!deck.meta.domains) return errorReply(READINESS_TEXT.noDomainsTitle, READINESS_TEXT.noDomains(deck.meta.title));
    figures = await learnerReadiness(store, ctx, userId, deck, ctx.now);
  }
  if (!figures) return errorReply(READINESS_TEXT.noDomainsTitle, READINESS_TEXT.noDomains(deck.meta.title));
  const reply = readinessReply(library, deck, figures, whose, own);
  // The per-domain bars also as a picture, right after the text bars (which stay).
  const chart = charts ? await readinessChart(charts, figures.domains, whose) : undefined;
  if (!chart) return reply;
  const at = reply.blocks.findIndex((b) => b.type === 'pre');
  return { ...reply, blocks: [...reply.blocks.slice(0, at + 1), chart, ...reply.blocks.slice(at + 1)] };
}

/** The reply for a readiness figure: bars per domain, overall, weakest domain with a next step. */
function readinessReply(library: DeckLibrary, deck: Deck, figures: Readiness, whose: string, own: boolean): Reply {
  const width = Math.max(...figures.domains.map((d) => d.domain.length));
  const lines = figures.domains.map(
    (d) => `${d.domain.padEnd(width)}  ${textBar(d.estimate)}  ${percent(d.estimate).padStart(4)}  ${String(d.weight).padStart(3)}%  ${READINESS_TEXT.seen(d.seen, d.total)}`,
  );
  const blocks: ReplyBlock[] = [{ type: 'fields', fields: [{ label: READINESS_TEXT.overall, value: percent(figures.overall) }] }, { type: 'pre', lines }];
  const buttons: ReplyButton[] = [];
  const weakest = weakestDomain(figures);
  const domain = deck.meta.domains?.find((d) => d.name === weakest?.domain);
  if (weakest && domain) {
    const tag = domain.tags[0] ?? '';
    blocks.push({ type: 'section', heading: READINESS_TEXT.weakest, text: READINESS_TEXT.weakestNext(weakest.domain, percent(weakest.estimate), termForTag(library, tag), tag) });
    if (own) buttons.push({ action: { kind: 'practice', tag }, label: READINESS_TEXT.practise(weakest.domain), style: 'primary' });
  }
  return { visibility: 'user', tone: 'info', title: READINESS_TEXT.title(whose), blocks, ...(buttons.length > 0 ? { buttons } : {}), footer: READINESS_METHOD };
}
