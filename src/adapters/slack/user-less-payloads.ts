/**
 * Interaction payloads without a user. Bolt reads `body.user.id` of every interaction payload
 * (block_actions, view_submission, shortcuts, ...) while building its context, before any listener
 * or middleware runs, so a payload without `user` threw there and Bolt answered HTTP 500 with an
 * ERROR log. Slack always sends a user; only a forged or broken request lacks one, so it is treated
 * as Bolt treats a body it cannot type ("Could not determine the type of an incoming event": a
 * warning, no listener): acknowledged (HTTP 200, nothing for Slack to retry) and ignored, with one
 * warning line. A user whose id is empty counts as missing (it would score a nameless user). A
 * block_actions payload without `actions` is one Bolt cannot type at all: it would never be acked
 * (HTTP 404 after 3 s, no Socket Mode ack, Slack retrying), so it is acked and dropped the same way.
 * A slash command (HTTP form body or Socket Mode `slash_commands` payload) is held to the same rule:
 * without a usable `user_id` it is acked and dropped with one warning; without a usable `team_id`
 * (rows would be stored under team "" or fail the database's NOT NULL check) it is refused with a
 * short ephemeral reply and one warning, nothing stored. A usable id is a non-blank string of visible
 * characters only (no whitespace, control, format or otherwise invisible characters such as U+200B).
 */
import { App, type AppOptions, type ReceiverEvent } from '@slack/bolt';
import type { Logger } from '../../core/ports/logger.js';
import { NO_TEAM_COMMAND } from './text.js';

/** Payload types Bolt handles as actions, options, view actions or shortcuts (each carries `user`). */
const INTERACTIONS: ReadonlySet<string> = new Set([
  'block_actions',
  'block_suggestion',
  'interactive_message',
  'dialog_submission',
  'dialog_cancellation',
  'dialog_suggestion',
  'view_submission',
  'view_closed',
  'shortcut',
  'message_action',
  'workflow_step_edit',
]);

/** Payload types Bolt routes as actions only when they carry `actions` (without it Bolt cannot type them). */
const NEEDS_ACTIONS: ReadonlySet<string> = new Set(['block_actions', 'interactive_message']);

/** Why a payload is dropped: the log line's words. */
const DROPPED = {
  userless: 'interaction payload without a user: ignored',
  actionless: 'interaction payload without actions: ignored',
  userlessCommand: 'slash command without a user: ignored',
  teamlessCommand: 'slash command without a team: refused',
} as const;

/**
 * Every character visible: no whitespace, no control/format/unassigned character (\p{C}), no
 * default-ignorable one (zero-width space and joiners, Hangul fillers, ...) and no braille blank.
 */
const VISIBLE = /^[^\p{White_Space}\p{C}\p{Default_Ignorable_Code_Point}\u2800]+$/u;

/** Whether `id` is a usable Slack id: a non-blank string of visible characters only. */
function usableId(id: unknown): boolean {
  return typeof id === 'string' && VISIBLE.test(id);
}

/**
 * Whether and why a slash command body is dropped: no usable `user_id` (nobody to answer or score),
 * or no usable `team_id` (nothing to scope it to). The command and the reason; undefined for a usable
 * command or any other body.
 */
function droppedCommand(body: object): { type: string; why: keyof typeof DROPPED } | undefined {
  const { command, user_id: userId, team_id: teamId } = body as { command?: unknown; user_id?: unknown; team_id?: unknown };
  if (typeof command !== 'string') return undefined;
  if (!usableId(userId)) return { type: command, why: 'userlessCommand' };
  if (!usableId(teamId)) return { type: command, why: 'teamlessCommand' };
  return undefined;
}

/**
 * Whether and why a payload is dropped before Bolt sees it: a slash command without a usable user or
 * team (droppedCommand), an interaction whose `user` is missing or has no usable id (not a string, or
 * an empty, blank or invisible one: no user to answer or score), or a block_actions
 * (or legacy interactive_message) payload has no `actions` list (Bolt cannot type it, so no listener
 * would ever ack it). The payload's type and the reason; undefined for any other body.
 */
function droppedPayload(body: unknown): { type: string; why: keyof typeof DROPPED } | undefined {
  if (body === null || typeof body !== 'object') return undefined;
  if ('command' in body) return droppedCommand(body);
  const { type, user, actions } = body as { type?: unknown; user?: unknown; actions?: unknown };
  if (typeof type !== 'string' || !INTERACTIONS.has(type)) return undefined;
  const id = user !== null && typeof user === 'object' ? (user as { id?: unknown }).id : undefined;
  if (!usableId(id)) return { type, why: 'userless' };
  if (NEEDS_ACTIONS.has(type) && !Array.isArray(actions)) return { type, why: 'actionless' };
  return undefined;
}

/** Bolt's App, acknowledging and dropping payloads without a user, a team (slash commands) or actions (see the file comment). */
export class UserlessGuardApp extends App {
  /**
   * @param options Bolt's App options, as given to App
   * @param guardLogger where the warning for a dropped payload goes
   */
  constructor(
    options: AppOptions,
    private readonly guardLogger: Logger,
  ) {
    super(options);
  }

  /**
   * See App.processEvent; a payload without a user (or a click without actions) is acked and ignored
   * with one warning; a slash command without a team is acked with a short ephemeral reply and one warning.
   */
  override async processEvent(event: ReceiverEvent): Promise<void> {
    const dropped = droppedPayload(event.body);
    if (dropped === undefined) return super.processEvent(event);
    this.guardLogger.warn({ type: dropped.type }, DROPPED[dropped.why]);
    if (dropped.why === 'teamlessCommand') await event.ack({ response_type: 'ephemeral', text: NO_TEAM_COMMAND });
    else await event.ack();
  }
}
