/**
 * `stats [user]`: answered, correct, accuracy, points, daily streaks per channel, and accuracy per
 * topic (tag) as text bars that look the same in Slack, Discord and the terminal; for your own
 * stats, the weakest topic with a term to read and a practice-quiz button. `stats @name` only
 * finds users of the same team.
 */
import type { Context } from '../context.js';
import type { DeckLibrary } from '../deck/library.js';
import { quote } from '../parse-command.js';
import type { ChartTools } from '../chart-block.js';
import { DEFAULT_TIME_ZONE, isValidZone, localDate } from '../local-time.js';
import type { ActivityPort, DeckStatsPort, ExamsPort, StatsPort, TagTally, UsersPort } from '../ports/store.js';
import { countdownLine } from '../exam/exam-date.js';
import { activityCharts, activitySeries } from './stats-charts.js';
import type { Reply, ReplyBlock, ReplyButton } from '../reply.js';
import { textBar, topicLabel } from '../round-view.js';
import { accuracyOf } from '../scoring.js';
import { explainQueryFor } from './explain.js';
import { errorReply } from './replies.js';
import { STATS } from '../text/stats.js';

/** "70%" for 0.7. */
export function percent(fraction: number): string {
  return `${Math.round(fraction * 100)}%`;
}

/**
 * One bar line per tag, e.g. "S3      ███████░░░   70%  (7/10)" (10-cell bar). Tags in the given order;
 * `label` names a tag (default: its topic label).
 */
export function tagBars(tallies: TagTally[], label: (tag: string) => string = topicLabel): string[] {
  const labelWidth = Math.max(3, ...tallies.map((t) => label(t.tag).length));
  return tallies.map((t) => {
    const acc = accuracyOf(t.correct, t.answered);
    return `${label(t.tag).padEnd(labelWidth)}  ${textBar(acc)}  ${percent(acc).padStart(4)}  (${t.correct}/${t.answered})`;
  });
}

/** The tag with the lowest accuracy (ties: more answers, then the given order), or undefined when every tag is perfect. */
export function weakestTag(tallies: TagTally[]): TagTally | undefined {
  const answered = tallies.filter((t) => t.answered > 0 && t.correct < t.answered);
  answered.sort(
    (a, b) => accuracyOf(a.correct, a.answered) - accuracyOf(b.correct, b.answered) || b.answered - a.answered,
  );
  return answered[0];
}

/** The term the deck's questions on `tag` test most often (deck order breaks ties), as an `explain` query. */
export function termForTag(library: DeckLibrary, tag: string): string | undefined {
  const deck = library.defaultDeck;
  const counts = new Map<string, number>();
  for (const q of deck.questions) if (q.tags.includes(tag)) for (const id of q.terms) counts.set(id, (counts.get(id) ?? 0) + 1);
  let best: { name: string; n: number } | undefined;
  for (const term of deck.terms) {
    const n = counts.get(term.id) ?? 0;
    if (n > 0 && (best === undefined || n > best.n)) best = { name: explainQueryFor(library, term), n };
  }
  return best?.name;
}

/**
 * Whose stats: the asker, or a user of the same team: an exact id first, then an exact name
 * (case-insensitive; two people of that name get a "which one?" naming their ids), then the only
 * user whose name or id starts with it. Several partial matches also get a "which one?".
 */
async function resolveUser(store: Pick<UsersPort, 'findUsers'>, ctx: Context, userArg?: string): Promise<{ userId: string; userName: string } | Reply> {
  if (userArg === undefined || userArg.trim() === '') return { userId: ctx.userId, userName: ctx.userName };
  const wanted = userArg.trim();
  const found = await store.findUsers(ctx, wanted);
  const byId = found.find((u) => u.userId === wanted);
  if (byId) return byId;
  const byName = found.filter((u) => u.userName.toLowerCase() === wanted.toLowerCase());
  if (byName.length === 1 && byName[0]) return byName[0];
  if (byName.length > 1) return whichOne(`${byName.length} people are called ${quote(wanted)}`, byName);
  if (found.length === 1 && found[0]) return found[0];
  if (found.length === 0) return errorReply(STATS.nobodyCalled.title(quote(wanted)), STATS.nobodyCalled.text);
  return whichOne(`more than one person matches ${quote(wanted)}`, found);
}

/** The "which one?" answer for an ambiguous name: each candidate with their id, and how to pick one. */
function whichOne(what: string, users: readonly { userId: string; userName: string }[]): Reply {
  const first = users[0]?.userId ?? '';
  return errorReply(
    `Which one? ${what}`,
    `${users.map((u) => `${u.userName} (id ${u.userId})`).join(', ')}. Ask again with the id, e.g. \`stats ${first}\`.`,
  );
}

/** Answer `stats [user]`; with `charts`, the topic bars and answers per day (last 4 weeks, the asker's zone) also as pictures. */
export async function handleStats(
  store: StatsPort & DeckStatsPort & Pick<UsersPort, 'findUsers'> & Pick<ExamsPort, 'userExam' | 'channelExam'> & Partial<ActivityPort>,
  library: DeckLibrary,
  ctx: Context,
  userArg?: string,
  charts?: ChartTools,
): Promise<Reply> {
  const who = await resolveUser(store, ctx, userArg);
  if ('blocks' in who) return who;
  const own = who.userId === ctx.userId;
  const stats = await store.userStats(ctx, who.userId);
  const title = own ? STATS.ownTitle : STATS.title(who.userName);
  const ownExam = own ? await store.userExam(ctx, ctx.userId) : undefined;
  const channelExam = ctx.isDirectMessage ? undefined : await store.channelExam(ctx);
  const countdowns = [
    ownExam ? countdownLine(ownExam.date, ownExam.timeZone, ctx.now) : undefined,
    channelExam ? countdownLine(channelExam.date, channelExam.timeZone, ctx.now) : undefined,
  ].filter((line): line is string => line !== undefined);
  const countdownBlocks: ReplyBlock[] = countdowns.length > 0 ? [{ type: 'text', text: [...new Set(countdowns)].join(' · ') }] : [];
  // The store keeps round answers (answered/correct) and practice answers apart; show them together.
  const answered = stats.answered + stats.practiceAnswered;
  const correct = stats.correct + stats.practiceCorrect;
  if (answered === 0) {
    return {
      visibility: 'user',
      tone: 'info',
      title,
      blocks: [{ type: 'text', text: own ? STATS.ownEmpty : STATS.empty(who.userName) }, ...countdownBlocks],
    };
  }
  const blocks: ReplyBlock[] = [
    {
      type: 'fields',
      fields: [
        { label: STATS.answered, value: `${answered}${stats.practiceAnswered > 0 ? STATS.practiceAnswered(stats.practiceAnswered) : ''}` },
        { label: STATS.correct, value: String(correct) },
        { label: STATS.accuracy, value: percent(accuracyOf(correct, answered)) },
        { label: STATS.points, value: String(stats.points) },
      ],
    },
  ];
  blocks.push(...countdownBlocks);
  const streaks = (await store.streaks(ctx, who.userId)).filter((s) => s.best > 0);
  if (streaks.length > 0) {
    blocks.push({
      type: 'section',
      heading: STATS.streaksHeading,
      text: streaks.map((s) => STATS.streak(s.channelId, s.current, s.best)).join('\n'),
    });
  }
  const decks = (await store.deckTallies(ctx, who.userId)).filter((d) => d.answered > 0);
  if (decks.length > 0) {
    blocks.push({ type: 'text', text: 'Accuracy per deck' });
    blocks.push({ type: 'pre', lines: tagBars(decks.map((d) => ({ tag: d.deckId, answered: d.answered, correct: d.correct })), (id) => library.get(id)?.meta.title ?? id) });
  }
  // Deck tag order first (kms, s3, ebs, …), then any other tag A-Z.
  const order = library.defaultDeck.meta.tags;
  const rank = (tag: string) => (order.includes(tag) ? order.indexOf(tag) : order.length);
  const tallies = stats.byTag.filter((t) => t.answered > 0).sort((a, b) => rank(a.tag) - rank(b.tag) || a.tag.localeCompare(b.tag));
  if (tallies.length > 0) {
    blocks.push({ type: 'text', text: STATS.perTopic });
    blocks.push({ type: 'pre', lines: tagBars(tallies) });
  }
  if (charts?.charts && store.answersPerDay) {
    const zone = ctx.userTimeZone !== undefined && isValidZone(ctx.userTimeZone) ? ctx.userTimeZone : DEFAULT_TIME_ZONE;
    const days = await activitySeries(store as ActivityPort, ctx, localDate(ctx.now, zone), who.userId);
    blocks.push(...(await activityCharts(charts, 'stats', tallies, days, who.userName)));
  }
  const buttons: ReplyButton[] = [];
  const weakest = weakestTag(tallies);
  if (own && weakest) {
    const term = termForTag(library, weakest.tag);
    const tag = topicLabel(weakest.tag);
    blocks.push({
      type: 'section',
      heading: STATS.weakestHeading,
      text: STATS.weakest(tag, percent(accuracyOf(weakest.correct, weakest.answered)), term, weakest.tag),
    });
    buttons.push({ action: { kind: 'practice', tag: weakest.tag }, label: STATS.practiceButton(tag), style: 'primary' });
  } else if (own && tallies.length > 0) {
    blocks.push({ type: 'text', text: STATS.allPerfect });
  }
  return { visibility: 'user', tone: 'info', title, blocks, ...(buttons.length > 0 ? { buttons } : {}), footer: STATS.footer };
}
