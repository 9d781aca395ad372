/**
 * Interaction payloads without a user. Bolt reads `body.user.id` of every interaction payload
 * (block_actions, view_submission, shortcuts, ...) while building its context, before any listener
 * or middleware runs, so a payload without `user` threw there and Bolt answered HTTP 500 with an
 * ERROR log. Slack always sends a user; only a forged or broken request lacks one, so it is treated
 * as Bolt treats a body it cannot type ("Could not determine the type of an incoming event": a
 * warning, no listener): acknowledged (HTTP 200, nothing for Slack to retry) and ignored, with one
 * warning line.
 */
import { App, type AppOptions, type ReceiverEvent } from '@slack/bolt';
import type { Logger } from '../../core/ports/logger.js';

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

/** The type of an interaction payload whose `user` is missing or has no string id; undefined for any other body. */
function userlessInteraction(body: unknown): string | undefined {
  if (body === null || typeof body !== 'object') return undefined;
  const { type, user } = body as { type?: unknown; user?: unknown };
  if (typeof type !== 'string' || !INTERACTIONS.has(type)) return undefined;
  const id = user !== null && typeof user === 'object' ? (user as { id?: unknown }).id : undefined;
  return typeof id === 'string' ? undefined : type;
}

/** Bolt's App, acknowledging and dropping interaction payloads without a user (see the file comment). */
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

  /** See App.processEvent; a payload without a user is acked and ignored with one warning. */
  override async processEvent(event: ReceiverEvent): Promise<void> {
    const type = userlessInteraction(event.body);
    if (type === undefined) return super.processEvent(event);
    this.guardLogger.warn({ type }, 'interaction payload without a user: ignored');
    await event.ack();
  }
}
