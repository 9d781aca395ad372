/**
 * The Slack surfaces beyond `/kms` and message buttons: the App Home tab (app_home_opened ->
 * views.publish of the learner's dashboard), its buttons, the modals (views.open with the click's
 * trigger_id, at once: it expires after 3 s) and their submissions (view_submission, answered with
 * `response_action: errors` on the bad field or `update` with the result), the time zone list of the
 * subscribe modal (block_suggestion), the report and self-check modals opened from message buttons,
 * clicks inside views (answered in the learner's direct message,
 * as views have no response_url), and the message shortcut "Explain KMS terms in this message"
 * (message_action, answered ephemerally through its response_url). Every one has a `/kms` text
 * equivalent (dashboard: `stats`; look-up: `explain`; subscribe; `terms in <text>`).
 */
import type { App, BlockAction, MessageShortcut, types, ViewSubmitAction, webApi } from '@slack/bolt';
import { type Action, decodeAction } from '../../core/action.js';
import type { Context } from '../../core/context.js';
import type { Reply } from '../../core/reply.js';
import { MAX_REPORT_TEXT } from '../../core/commands/text-args.js';
import type { ListenerDeps } from './listeners.js';
import { userContext } from './slack-context.js';
import { readSubscribeForm } from './subscribe-form.js';
import { blockIds, readInput } from './view-state.js';
import { APOLOGY, VIEWS_TEXT } from './text.js';
import {
  type ClickOrigin,
  homeFailedView,
  homeView,
  lookupModal,
  readOrigin,
  reportModal,
  resultModal,
  selfCheckModal,
  staleFormModal,
  subscribeModal,
  VIEW_IDS,
  zoneOptions,
} from './views.js';
import type { SlackPoster } from './poster.js';

type WebClient = webApi.WebClient;
type View = types.View;

/** What the surface listeners need besides the command listeners' deps. */
export interface SurfaceDeps extends ListenerDeps {
  /** The Web API client of a workspace (its own installation's token when installed in many). */
  clientFor: (teamId: string) => Promise<WebClient>;
  poster: SlackPoster;
}

/** The modals' private_metadata: the team and channel a modal was opened from (JSON). */
interface OpenedFrom {
  teamId: string;
  channelId?: string;
}

function metadata(from: OpenedFrom): string {
  return JSON.stringify(from);
}

/**
 * The team that submitted a modal: the signed payload's workspace (`team.id`; `user.team_id` when
 * the app is org-installed and `team` is null). Never the view's private_metadata, which came back
 * from the client: a modal's metadata only says where in this team it was opened. "" when the payload
 * names none (or not as a string): such a submission is refused, never stored under team "".
 */
function submitterTeam(body: ViewSubmitAction): string {
  const id: unknown = body.team?.id ?? body.user.team_id;
  return typeof id === 'string' ? id : '';
}

/**
 * Where a look-up modal was opened (private_metadata written by `metadata`), for a modal submitted
 * from `team`. `foreign` is true when the metadata names another team (forged, or replayed from
 * another workspace): then it is not read at all, and the look-up answers as in a direct message.
 */
function openedFrom(raw: string | undefined, team: string): { from: OpenedFrom; foreign: boolean } {
  let parsed: Record<string, unknown> | null = null;
  try {
    parsed = JSON.parse(raw ?? '') as Record<string, unknown> | null;
  } catch {
    // unreadable: as if none
  }
  if (typeof parsed?.teamId === 'string' && parsed.teamId !== team) return { from: { teamId: team }, foreign: true };
  return { from: { teamId: team, ...(typeof parsed?.channelId === 'string' ? { channelId: parsed.channelId } : {}) }, foreign: false };
}

/** Register every surface listener: App Home, the Home and in-view buttons' modals, submissions, zone list, shortcut. */
export function registerSurfaces(app: App, deps: SurfaceDeps): void {
  registerHome(app, deps);
  registerShortcut(app, deps);
  registerSubmissions(app, deps);
  app.options<'block_suggestion'>({ action_id: VIEW_IDS.zone.action }, async ({ options, ack }) => {
    await ack({ options: zoneOptions(typeof options.value === 'string' ? options.value : '') });
  });
}

/** app_home_opened on the Home tab: publish the learner's dashboard, fresh each time. */
function registerHome(app: App, deps: SurfaceDeps): void {
  app.event('app_home_opened', async ({ event, body, context }) => {
    if (event.tab !== 'home') return;
    const teamId = (body as { team_id?: string }).team_id ?? context.teamId;
    if (!teamId) return;
    const now = deps.now();
    deps.work.run(() => publishHome(deps, teamId, event.user, event.channel, now));
  });
}

/** Build and publish the Home tab of `userId` (its DM channel `channelId`); a failure publishes a line saying so. */
async function publishHome(deps: SurfaceDeps, teamId: string, userId: string, channelId: string, now: Date): Promise<void> {
  const log = deps.logger.child({ team: teamId, user: userId });
  let view = homeFailedView();
  try {
    const profile = await deps.users.lookup(teamId, userId);
    const ctx = userContext({ teamId, channelId }, { id: userId }, profile, now);
    view = homeView(await deps.tutor.home(ctx), { isAdmin: ctx.isAdmin });
  } catch (err) {
    log.error({ err }, 'could not build the App Home dashboard');
  }
  try {
    await (await deps.clientFor(teamId)).views.publish({ user_id: userId, view });
  } catch (err) {
    log.error({ err, method: 'views.publish' }, 'could not publish the App Home tab');
  }
}

/**
 * A click on a button of the Home tab or of a modal (container type "view"): the tab's own buttons
 * open a modal (look-up, subscribe) or run a command (scenario); a core action runs as usual. The
 * answer goes to the learner's direct message with the bot (views have no response_url). Returns
 * false for a click that is not in a view (the message listener handles it).
 */
export async function handleViewClick(body: BlockAction, actionId: string, action: Action | null, deps: SurfaceDeps, now: Date): Promise<boolean> {
  if (body.container?.type !== 'view' && body.view === undefined) return false;
  const teamId = body.team?.id ?? body.user.team_id ?? body.view?.team_id;
  if (!teamId) return true;
  const log = deps.logger.child({ team: teamId, user: body.user.id, actionId: actionId.slice(0, 120) });
  try {
    if (actionId === VIEW_IDS.homeLookup) {
      await (await deps.clientFor(teamId)).views.open({ trigger_id: body.trigger_id, view: lookupModal(metadata({ teamId })) });
      return true;
    }
    const profile = await deps.users.lookup(teamId, body.user.id);
    if (actionId === VIEW_IDS.homeSubscribe) {
      const decks = deps.tutor.deckChoices({ platform: 'slack', teamId });
      const [deck] = decks;
      await (await deps.clientFor(teamId)).views.open({
        trigger_id: body.trigger_id,
        view: subscribeModal({
          time: '09:00',
          timeZone: profile.timeZone ?? 'UTC',
          cadence: 'weekdays',
          decks: decks.map((d) => ({ id: d.value, title: d.label })),
          deckId: deck?.value ?? '',
        }),
      });
      return true;
    }
    const dm = await (await deps.clientFor(teamId)).conversations.open({ users: body.user.id });
    const channelId = dm.channel?.id;
    if (!channelId) throw new Error('conversations.open returned no channel');
    const ctx = userContext({ teamId, channelId }, body.user, profile, now);
    let reply: Reply;
    if (actionId === VIEW_IDS.homeScenario) reply = await deps.tutor.handleText('scenario', ctx);
    else if (action) reply = await deps.tutor.act(action, ctx);
    else return true;
    if (!reply.quiet) await deps.poster.post(channelId, reply);
  } catch (err) {
    log.error({ err }, 'a click in a view failed');
  }
  return true;
}

/**
 * A message click that is better as a form: "Report a problem" (no reason yet) opens the report
 * modal, "Self-check" the scenario's rubric as checkboxes; views.open at once with the click's
 * trigger_id. False when the click is another one, core answered with a refusal (an unknown item:
 * the usual ephemeral answer says so), or the modal could not be opened (logged).
 */
export async function openModalFor(body: BlockAction, action: Action, ctx: Context, deps: SurfaceDeps): Promise<boolean> {
  const isReport = action.kind === 'report' && action.reason === undefined;
  if (!isReport && action.kind !== 'check') return false;
  const reply = await deps.tutor.act(action, ctx);
  const origin: ClickOrigin = {
    teamId: ctx.teamId,
    channelId: ctx.channelId,
    ...(body.channel?.name ? { channelName: body.channel.name } : {}),
    itemId: action.kind === 'report' ? action.id : action.kind === 'check' ? action.scenarioId : '',
    ...(action.kind === 'report' ? { kind: action.target } : {}),
  };
  let view: View | undefined;
  if (isReport && reply.menu) view = reportModal(reply, origin, MAX_REPORT_TEXT);
  if (action.kind === 'check' && reply.checklist) view = selfCheckModal(reply, origin);
  if (!view) return false;
  try {
    await (await deps.clientFor(ctx.teamId)).views.open({ trigger_id: body.trigger_id, view });
    return true;
  } catch (err) {
    deps.logger.warn({ err, method: 'views.open', action: action.kind }, 'could not open a modal; answering in the channel instead');
    return false;
  }
}

/** The message shortcut: the deck terms the message names, ephemerally to the one who used it. */
function registerShortcut(app: App, deps: SurfaceDeps): void {
  app.shortcut<MessageShortcut>({ type: 'message_action', callback_id: VIEW_IDS.explainShortcut }, async ({ shortcut, ack, respond }) => {
    await ack();
    const now = deps.now();
    deps.work.run(async () => {
      const teamId = shortcut.team?.id ?? shortcut.user.team_id;
      const channelId = shortcut.channel?.id;
      if (!teamId || !channelId) {
        await deps.delivery.tell(respond, VIEWS_TEXT.shortcutNoChannel, 'warning');
        return;
      }
      try {
        const profile = await deps.users.lookup(teamId, shortcut.user.id);
        const ctx = userContext({ teamId, channelId, channelName: shortcut.channel.name }, shortcut.user, profile, now);
        const text = typeof shortcut.message?.text === 'string' ? shortcut.message.text : '';
        const reply = await deps.tutor.explainTermsIn(text, ctx);
        await deps.delivery.deliver({ ...reply, visibility: 'user' }, ctx, respond);
      } catch (err) {
        deps.logger.error({ err, team: teamId, channel: channelId }, 'message shortcut failed');
        await deps.delivery.tell(respond, APOLOGY, 'error');
      }
    });
  });
}

/** A submission's answer: errors on fields (block_id -> words), or the result shown in the modal. */
type SubmissionAnswer = { response_action: 'errors'; errors: Record<string, string> } | { response_action: 'update'; view: ReturnType<typeof resultModal> };

/** The first line of a refusal, for a field's error (Slack shows up to 2000 characters under the field). */
function refusalWords(reply: Reply): string {
  const first = reply.blocks.find((b) => b.type === 'text');
  return [reply.title, first?.type === 'text' ? first.text : undefined].filter((s): s is string => !!s).join(': ').slice(0, 2000);
}

/**
 * view_submission of the four modals (look-up, report, self-check, subscribe): validated, then run;
 * errors go on the field. One Bolt listener for all four, dispatched on the view's callback_id: Bolt
 * runs every registered listener's middleware for every request, so each listener fewer is less work
 * for every click of a burst (README, "End-to-end click bursts").
 */
function registerSubmissions(app: App, deps: SurfaceDeps): void {
  const modals: Record<string, { run: typeof lookUp; errorBlock: string; what: string }> = {
    [VIEW_IDS.lookupModal]: { run: lookUp, errorBlock: VIEW_IDS.term.block, what: 'look-up modal failed' },
    [VIEW_IDS.reportModal]: { run: fileReport, errorBlock: VIEW_IDS.reason.block, what: 'report modal failed' },
    [VIEW_IDS.selfCheckModal]: { run: selfCheck, errorBlock: VIEW_IDS.none.block, what: 'self-check modal failed' },
    [VIEW_IDS.subscribeModal]: { run: subscribe, errorBlock: VIEW_IDS.channel.block, what: 'subscribe modal failed' },
  };
  const callbackIds = new RegExp(`^(?:${Object.keys(modals).map((id) => id.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})$`);
  app.view<ViewSubmitAction>({ callback_id: callbackIds }, async ({ ack, body, view }) => {
    const modal = modals[view.callback_id];
    if (!modal) return; // the constraint above admits only these callback_ids
    const answer = await modal.run(body, view, deps).catch((err: unknown) => {
      deps.logger.error({ err }, modal.what);
      return { response_action: 'errors', errors: { [modal.errorBlock]: APOLOGY } } satisfies SubmissionAnswer;
    });
    await ack(answer);
  });
  // Any other callback_id (a modal opened before an update, the result modal): acked at once with a
  // modal saying the form is out of date, instead of Slack's timeout after 3 s.
  // (The ids are letters and dashes, so they go into the pattern as they are.)
  const handled = [VIEW_IDS.lookupModal, VIEW_IDS.reportModal, VIEW_IDS.selfCheckModal, VIEW_IDS.subscribeModal];
  const unknown = new RegExp(`^(?!(?:${handled.join('|')})$)`);
  app.view<ViewSubmitAction>(unknown, async ({ ack, view }) => {
    deps.logger.warn({ callbackId: view.callback_id }, 'submission of a form this version does not know');
    await ack({ response_action: 'update', view: staleFormModal() });
  });
}

async function lookUp(body: ViewSubmitAction, view: ViewSubmitAction['view'], deps: SurfaceDeps): Promise<SubmissionAnswer> {
  // A missing or wrong-typed value reads as empty: core then says the term is missing.
  const term = readInput(view.state.values, VIEW_IDS.term).value ?? '';
  const team = submitterTeam(body);
  // A payload naming no team at all (Slack always sends one) is refused, as for the click-origin modals.
  if (team === '') return teamless(view, VIEW_IDS.term.block, VIEWS_TEXT.lookup.noTeam, deps);
  const { from, foreign } = openedFrom(view.private_metadata, team);
  if (foreign) warnUnreadable(view, 'team', deps);
  const profile = await deps.users.lookup(from.teamId, body.user.id);
  const ctx = userContext({ teamId: from.teamId, channelId: from.channelId ?? `D-${body.user.id}` }, body.user, profile, deps.now());
  const reply = await deps.tutor.handle({ kind: 'explain', query: term }, { ...ctx, isDirectMessage: from.channelId === undefined });
  if (reply.tone === 'error' || reply.outcome !== undefined) {
    return { response_action: 'errors', errors: { [VIEW_IDS.term.block]: refusalWords(reply) } };
  }
  return { response_action: 'update', view: resultModal(reply) };
}

async function subscribe(body: ViewSubmitAction, view: ViewSubmitAction['view'], deps: SurfaceDeps): Promise<SubmissionAnswer> {
  const teamId = submitterTeam(body);
  // A payload naming no team at all (Slack always sends one) is refused: nothing is stored under team "".
  if (teamId === '') return teamless(view, VIEW_IDS.channel.block, VIEWS_TEXT.subscribe.noTeam, deps);
  const form = readSubscribeForm(view.state.values, deps.tutor.deckChoices({ platform: 'slack', teamId }).map((d) => d.value));
  if ('errors' in form) return { response_action: 'errors', errors: form.errors };
  const profile = await deps.users.lookup(teamId, body.user.id);
  const ctx: Context = userContext({ teamId, channelId: form.channelId }, body.user, profile, deps.now());
  const reply = await deps.tutor.handle(form.command, ctx);
  if (reply.tone === 'error') return { response_action: 'errors', errors: { [VIEW_IDS.channel.block]: refusalWords(reply) } };
  return { response_action: 'update', view: resultModal(reply) };
}

/**
 * Why a modal's private_metadata was not used: `shape` (not one this version wrote: an older
 * version's, or forged) or `team` (well-formed, but naming another team than the signed payload's).
 */
type UnreadableWhy = 'shape' | 'team';

/**
 * Log a submission whose private_metadata is not used, as a warning (not a failure of ours), with
 * the metadata's length only: its content came from the client.
 */
function warnUnreadable(view: ViewSubmitAction['view'], why: UnreadableWhy, deps: SurfaceDeps): void {
  deps.logger.warn(
    { callbackId: view.callback_id, metadataLength: (view.private_metadata ?? '').length, why },
    'submission of a modal whose private_metadata this version cannot read',
  );
}

/**
 * The answer to a look-up or subscribe modal whose signed payload names no team (no `team.id`, no
 * `user.team_id`; Slack always sends one, so forged or broken): `words` on the field `blockId`,
 * nothing looked up or stored, one warning logged (with the callback id only).
 */
function teamless(view: ViewSubmitAction['view'], blockId: string, words: string, deps: SurfaceDeps): SubmissionAnswer {
  deps.logger.warn({ callbackId: view.callback_id }, 'submission of a modal whose payload names no team: ignored');
  return { response_action: 'errors', errors: { [blockId]: words } };
}

/**
 * The answer to a report or self-check modal whose private_metadata is unreadable (see
 * UnreadableWhy): `words` on the field `blockId`, nothing stored, a warning logged.
 */
function formLost(view: ViewSubmitAction['view'], why: UnreadableWhy, blockId: string, words: string, deps: SurfaceDeps): SubmissionAnswer {
  warnUnreadable(view, why, deps);
  return { response_action: 'errors', errors: { [blockId]: words } };
}

/**
 * The Context of a modal opened from a message click: the team and user from the signed payload,
 * the channel and item from its private_metadata. The reason it is unusable instead when the
 * metadata is not a ClickOrigin or names another team than the payload's.
 */
async function originContext(
  body: ViewSubmitAction,
  view: ViewSubmitAction['view'],
  deps: SurfaceDeps,
): Promise<{ origin: ClickOrigin; ctx: Context } | { unreadable: UnreadableWhy }> {
  const origin = readOrigin(view.private_metadata);
  if (!origin) return { unreadable: 'shape' };
  const teamId = submitterTeam(body);
  // A payload naming no team at all (Slack always sends one) is never matched, not even by metadata saying "".
  if (teamId === '' || origin.teamId !== teamId) return { unreadable: 'team' };
  const profile = await deps.users.lookup(teamId, body.user.id);
  return { origin, ctx: userContext({ ...origin, teamId }, body.user, profile, deps.now()) };
}

async function fileReport(body: ViewSubmitAction, view: ViewSubmitAction['view'], deps: SurfaceDeps): Promise<SubmissionAnswer> {
  const t = VIEWS_TEXT.report;
  const where = await originContext(body, view, deps);
  if ('unreadable' in where) return formLost(view, where.unreadable, VIEW_IDS.reason.block, t.formLost, deps);
  // A report modal's metadata always names the item's kind (views.ts reportModal).
  if (where.origin.kind === undefined) return formLost(view, 'shape', VIEW_IDS.reason.block, t.formLost, deps);
  const picked = decodeAction(readInput(view.state.values, VIEW_IDS.reason).selected_option?.value);
  const note = (readInput(view.state.values, VIEW_IDS.note).value ?? '').trim();
  const errors: Record<string, string> = {};
  const reason = picked?.kind === 'report' && picked.id === where.origin.itemId && picked.target === where.origin.kind ? picked.reason : undefined;
  if (reason === undefined) errors[VIEW_IDS.reason.block] = t.pickReason;
  const length = [...note].length;
  if (length > MAX_REPORT_TEXT) errors[VIEW_IDS.note.block] = t.noteTooLong(MAX_REPORT_TEXT, length);
  else if (reason === 'other' && note === '') errors[VIEW_IDS.note.block] = t.noteNeeded;
  if (reason === undefined || Object.keys(errors).length > 0) return { response_action: 'errors', errors };
  const reply = await deps.tutor.handle({ kind: 'report', item: where.origin.itemId, reason, ...(note !== '' ? { text: note } : {}) }, where.ctx);
  if (reply.tone === 'error') return { response_action: 'errors', errors: { [VIEW_IDS.reason.block]: refusalWords(reply) } };
  return { response_action: 'update', view: resultModal(reply) };
}

async function selfCheck(body: ViewSubmitAction, view: ViewSubmitAction['view'], deps: SurfaceDeps): Promise<SubmissionAnswer> {
  const t = VIEWS_TEXT.selfCheck;
  const where = await originContext(body, view, deps);
  if ('unreadable' in where) return formLost(view, where.unreadable, VIEW_IDS.none.block, t.formLost, deps);
  const values = view.state.values;
  const checked = new Set<number>();
  for (const blockId of blockIds(values, VIEW_IDS.pointsPrefix)) {
    for (const o of readInput(values, { block: blockId, action: VIEW_IDS.pointsAction }).selected_options) {
      const index = Number(o.value);
      if (Number.isInteger(index) && index >= 0) checked.add(index);
    }
  }
  const none = readInput(values, VIEW_IDS.none).selected_options.length > 0;
  if (none && checked.size > 0) return { response_action: 'errors', errors: { [VIEW_IDS.none.block]: t.noneAndSome } };
  if (!none && checked.size === 0) return { response_action: 'errors', errors: { [VIEW_IDS.none.block]: t.tickSome } };
  const reply = await deps.tutor.act({ kind: 'selfscore', scenarioId: where.origin.itemId, checked: [...checked].sort((a, b) => a - b) }, where.ctx);
  if (reply.tone === 'error') return { response_action: 'errors', errors: { [VIEW_IDS.none.block]: refusalWords(reply) } };
  return { response_action: 'update', view: resultModal(reply) };
}
