/**
 * `exam`: show, set and clear a learner's exam date, and (admins, in a channel) the channel's.
 * Dates are local to the learner's (or channel's) zone; a past date or one over two years ahead is
 * refused with words and nothing stored changes.
 */
import type { Context } from '../context.js';
import type { DeckLibrary } from '../deck/library.js';
import type { ExamsPort, SubscriptionsPort } from '../ports/store.js';
import type { Reply } from '../reply.js';
import { errorReply, noticeReply } from '../handlers/replies.js';
import { exampleDates } from '../commands/example-dates.js';
import { checkExamDate, countdownLine } from './exam-date.js';
import { EXAM_TEXT } from './text.js';
import { channelZone, learnerZone } from './zones.js';

/** What `exam` was asked to do. */
export type ExamRequest =
  | { action: 'show' }
  | { action: 'set'; date: string; deckId?: string }
  | { action: 'clear' }
  | { action: 'set-channel'; date: string }
  | { action: 'clear-channel' };

type Store = Pick<ExamsPort, 'setUserExam' | 'userExam' | 'clearUserExam' | 'setChannelExam' | 'channelExam' | 'clearChannelExam'> &
  Pick<SubscriptionsPort, 'getSubscription'>;

/** Answer `exam ...` for the asker. */
export async function handleExam(store: Store, library: DeckLibrary, ctx: Context, request: ExamRequest): Promise<Reply> {
  switch (request.action) {
    case 'show':
      return showExam(store, ctx);
    case 'clear':
      return noticeReply(EXAM_TEXT.clearedTitle, [(await store.clearUserExam(ctx, ctx.userId)) ? EXAM_TEXT.cleared : EXAM_TEXT.noneToClear]);
    case 'set': {
      const deck = request.deckId === undefined ? library.defaultDeck : library.get(request.deckId);
      if (!deck) return errorReply(EXAM_TEXT.badTitle, EXAM_TEXT.unknownDeck(request.deckId ?? '', [...library.decks.keys()].join(', ')));
      const zone = await learnerZone(store, ctx);
      const checked = checkExamDate(request.date, zone, ctx.now);
      if ('problem' in checked) return errorReply(EXAM_TEXT.badTitle, checked.problem);
      await store.setUserExam(ctx, ctx.userId, { deckId: deck.meta.id, date: checked.date, timeZone: zone, setBy: ctx.userId, setAt: ctx.now.getTime() });
      return noticeReply(EXAM_TEXT.setTitle, [EXAM_TEXT.set(checked.date, zone, deck.meta.title)], 'success');
    }
    case 'set-channel':
    case 'clear-channel': {
      if (ctx.isDirectMessage) return errorReply(EXAM_TEXT.badTitle, EXAM_TEXT.channelNeedsChannel);
      if (!ctx.isAdmin) return errorReply(EXAM_TEXT.badTitle, EXAM_TEXT.channelNeedsAdmin(ctx.surface?.adminRule ?? 'admins'));
      if (request.action === 'clear-channel') {
        return noticeReply(EXAM_TEXT.clearedTitle, [(await store.clearChannelExam(ctx)) ? EXAM_TEXT.clearedChannel : EXAM_TEXT.noneToClear]);
      }
      const zone = await channelZone(store, ctx);
      const checked = checkExamDate(request.date, zone, ctx.now);
      if ('problem' in checked) return errorReply(EXAM_TEXT.badTitle, checked.problem);
      const deckId = (await store.getSubscription(ctx))?.deckId ?? library.defaultDeck.meta.id;
      await store.setChannelExam(ctx, { deckId, date: checked.date, timeZone: zone, setBy: ctx.userId, setAt: ctx.now.getTime() });
      return noticeReply(EXAM_TEXT.setChannelTitle, [EXAM_TEXT.setChannel(checked.date, zone)], 'success');
    }
  }
}

async function showExam(store: Store, ctx: Context): Promise<Reply> {
  const lines: string[] = [];
  const own = await store.userExam(ctx, ctx.userId);
  if (own) lines.push(EXAM_TEXT.yours(countdownLine(own.date, own.timeZone, ctx.now) ?? EXAM_TEXT.past(own.date), own.timeZone, own.deckId));
  const channel = ctx.isDirectMessage ? undefined : await store.channelExam(ctx);
  if (channel) lines.push(EXAM_TEXT.channel(countdownLine(channel.date, channel.timeZone, ctx.now) ?? EXAM_TEXT.past(channel.date)));
  return noticeReply(EXAM_TEXT.showTitle, lines.length > 0 ? lines : [EXAM_TEXT.none(exampleDates(ctx.now).examDay)]);
}
