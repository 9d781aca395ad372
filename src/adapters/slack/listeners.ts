/**
 * The Bolt listeners: the `/kms` slash command listener, and two global middlewares: the one that
 * drops repeated deliveries, then the one that handles button, checkbox and menu clicks
 * (block_actions) without passing them on to the listeners. Each acks first, then queues the work
 * (WorkQueue: bounded concurrency, 64 by default, so a burst of clicks cannot delay the next acks).
 */
import type { AllMiddlewareArgs, App, BlockAction, SlashCommand } from '@slack/bolt';
import type { Action } from '../../core/action.js';
import type { Context } from '../../core/context.js';
import type { Logger } from '../../core/ports/logger.js';
import type { TutorApi } from '../../core/tutor-api.js';
import { decodeElementAction, type ElementAction } from './block-action.js';
import type { DeliveryLog } from './duplicate-delivery.js';
import type { NameRefresher } from './name-refresh.js';
import type { ReplyDelivery } from './reply-delivery.js';
import { responder, type Respond, type ResponseUrlAgents } from './response-url.js';
import { actionContext, actionScope, commandContext } from './slack-context.js';
import { APOLOGY, UNKNOWN_BUTTON, UNKNOWN_CLICK_CHANNEL } from './text.js';
import type { UserDirectory } from './user-directory.js';
import type { WorkQueue } from './work-queue.js';

/** What the listeners need. */
export interface ListenerDeps {
  tutor: TutorApi;
  users: UserDirectory;
  delivery: ReplyDelivery;
  deliveries: DeliveryLog;
  logger: Logger;
  /** The event time for Context.now (UTC). */
  now: () => Date;
  /** Where the work after each ack runs. */
  work: WorkQueue;
  /**
   * Answer clicks of users whose profile is not cached: answered under the payload's handle, the
   * display name looked up later here (name-refresh.ts). Absent: every click looks the user up first.
   */
  names?: NameRefresher;
  /**
   * Keep-alive agents for posting private answers to the request's response_url with node:http
   * (response-url.ts) instead of Bolt's `respond` (fetch). Absent: Bolt's `respond`.
   */
  responseUrls?: ResponseUrlAgents;
  /**
   * Clicks inside a view (the App Home tab, a modal), which have no channel or response_url: true
   * when it handled the click (surfaces.ts handleViewClick). Absent: such clicks are told the channel is unknown.
   */
  viewClick?: (body: BlockAction, actionId: string, action: Action | null, now: Date) => Promise<boolean>;
  /**
   * A message click that opens a modal instead of an ephemeral answer (report a problem, a scenario's
   * self-check): true when it opened one (surfaces.ts openModalFor). Absent, or false: the usual answer.
   */
  modalClick?: (body: BlockAction, action: Action, ctx: Context) => Promise<boolean>;
}

/** Register the global duplicate-delivery middleware. Must run before the listeners are added. */
export function registerDuplicateFilter(app: App, deps: Pick<ListenerDeps, 'deliveries' | 'logger'>): void {
  app.use(async (args) => {
    const { body, context, next } = args as typeof args & AllMiddlewareArgs;
    const first = await deps.deliveries.firstDeliveryAnywhere(body, typeof context.retryNum === 'number' && context.retryNum > 0);
    if (first) {
      await next();
      return;
    }
    deps.logger.info(
      { retryNum: context.retryNum, retryReason: context.retryReason, type: (body as { type?: string }).type },
      'repeated Slack delivery acknowledged and ignored',
    );
    const ack = (args as { ack?: () => Promise<void> }).ack;
    if (ack) await ack();
  });
}

/** Register the slash command listener (any command routed to this app; the manifest defines /kms). */
export function registerCommand(app: App, deps: ListenerDeps): void {
  app.command(/.*/, async ({ command, ack, respond }) => {
    await ack();
    const now = deps.now();
    const answer = deps.responseUrls ? responder(command.response_url, deps.responseUrls) : respond;
    deps.work.run(() => handleCommand(command, answer, deps, now));
  });
}

async function handleCommand(command: SlashCommand, respond: Respond, deps: ListenerDeps, now: Date): Promise<void> {
  try {
    const profile = await deps.users.lookup(command.team_id, command.user_id);
    const ctx = commandContext(command, profile, now);
    const reply = await deps.tutor.handleText(command.text ?? '', ctx);
    await deps.delivery.deliver(reply, ctx, respond);
  } catch (err) {
    deps.logger.error(
      { team: command.team_id, channel: command.channel_id, user: command.user_id, err, text: command.text?.slice(0, 200) },
      'slash command failed',
    );
    await deps.delivery.tell(respond, APOLOGY, 'error');
  }
}

/**
 * The Context of a message click. An answer (the click a whole channel makes at once) does not wait
 * for users.info: with no cached profile it carries the payload's handle (userNameIsHandle; core
 * keeps a stored display name) and the display name is looked up later (ListenerDeps.names). An
 * answer needs neither the admin flag nor the user's time zone. Other clicks look the user up first.
 */
async function clickContext(body: BlockAction, action: Action, teamId: string, deps: ListenerDeps, now: Date): Promise<Context> {
  if (action.kind === 'answer' && deps.names) {
    const known = deps.users.known(teamId, body.user.id);
    if (known) return actionContext(body, known, now) as Context;
    deps.names.enqueue(teamId, body.user.id);
    const ctx = actionContext(body, { isAdmin: false }, now) as Context;
    ctx.userNameIsHandle = true;
    return ctx;
  }
  return actionContext(body, await deps.users.lookup(teamId, body.user.id), now) as Context;
}

/**
 * Register the block_actions handler (every button, checkbox and menu of our messages and views) as
 * a global middleware, after the duplicate filter (registerDuplicateFilter). It acks, queues the
 * click and does not call next() for a block_actions request, which ends Bolt's chain there: Bolt
 * would otherwise run every registered listener's middleware for each click (the command, the
 * events, options, shortcut and view submissions, each rejecting it), a cost every click of a burst
 * paid (README, "End-to-end click bursts"). Every other request goes on to the listeners.
 */
export function registerActions(app: App, deps: ListenerDeps): void {
  app.use(async (args) => {
    if (args.body.type !== 'block_actions') {
      await args.next();
      return;
    }
    const { body, action, ack, respond } = args as unknown as BlockActionArgs;
    await ack();
    const now = deps.now();
    // Clicks in a view (App Home, modals) carry no response_url: Bolt's `respond` is then undefined too.
    const answer = deps.responseUrls && body.response_url ? responder(body.response_url, deps.responseUrls) : respond;
    deps.work.run(() => handleAction(body, action, answer, deps, now));
  });
}

/** The arguments Bolt gives a middleware for a block_actions request (those read here). */
interface BlockActionArgs {
  body: BlockAction;
  /** The first of body.actions (Bolt's payload for an action). */
  action: ElementAction;
  ack: () => Promise<void>;
  /** Bolt's `respond` to body.response_url; undefined when the request has none. */
  respond: Respond | undefined;
}

async function handleAction(body: BlockAction, element: ElementAction, respond: Respond | undefined, deps: ListenerDeps, now: Date) {
  // Where the click happened, for the log lines below. Not a child logger: pino redacts a child's
  // bindings when it is made, a cost every click of a burst paid (1.4 % of its CPU in a profile).
  const where = () => ({ team: body.team?.id, channel: body.channel?.id, user: body.user.id });
  try {
    const action = decodeElementAction(element);
    if (deps.viewClick && (await deps.viewClick(body, String(element.action_id), action, now))) return;
    if (!action) {
      deps.logger.warn({ ...where(), actionId: String(element.action_id).slice(0, 120), type: element.type }, 'unrecognised action');
      await deps.delivery.tell(respond, UNKNOWN_BUTTON, 'warning');
      return;
    }
    const scope = actionScope(body);
    if (!scope) {
      await deps.delivery.tell(respond, UNKNOWN_CLICK_CHANNEL, 'warning');
      return;
    }
    const ctx = await clickContext(body, action, scope.teamId, deps, now);
    if (deps.modalClick && (await deps.modalClick(body, action, ctx))) return;
    const reply = await deps.tutor.act(action, ctx);
    await deps.delivery.deliver(reply, ctx, respond);
  } catch (err) {
    deps.logger.error({ ...where(), err, actionId: String(element.action_id).slice(0, 120) }, 'block action failed');
    await deps.delivery.tell(respond, APOLOGY, 'error');
  }
}
