/**
 * Requests as Slack sends them: form-encoded slash commands and `block_actions` payloads
 * (a `payload=<json>` form field), signed with the v0 scheme
 * (X-Slack-Signature = "v0=" + HMAC-SHA256(signing secret, "v0:<timestamp>:<raw body>")).
 */
import { createHmac } from 'node:crypto';

/** The signing secret the tests configure. */
export const SIGNING_SECRET = '8f742231b10e8888abcd99yyyzzz85a5';

/** Headers for a signed request body at `timestamp` (seconds; default now). */
export function signedHeaders(body: string, options: { timestamp?: number; secret?: string } = {}): Record<string, string> {
  const ts = String(options.timestamp ?? Math.floor(Date.now() / 1000));
  const signature = `v0=${createHmac('sha256', options.secret ?? SIGNING_SECRET).update(`v0:${ts}:${body}`).digest('hex')}`;
  return {
    'Content-Type': 'application/x-www-form-urlencoded',
    'X-Slack-Request-Timestamp': ts,
    'X-Slack-Signature': signature,
  };
}

/** Who and where, for building payloads. */
export interface Where {
  teamId?: string;
  teamDomain?: string;
  channelId: string;
  channelName?: string;
  userId: string;
  userName: string;
}

let triggerCounter = 0;
/**
 * This process's part of every trigger id: two processes (the bench forks a peer per platform, which
 * share one database's delivery records) never make the same id, as two Slack deliveries never do.
 */
const PROCESS_PART = `${process.pid}${Date.now() % 1_000_000}`;
/** A fresh trigger id, shaped like Slack's ("<digits>.<digits>.<hex>"), unique across processes. */
function newTriggerId(): string {
  triggerCounter += 1;
  return `${1000 + triggerCounter}.${PROCESS_PART}.${'ab'.repeat(8)}${triggerCounter}`;
}

/** The slash command fields Slack posts for `/kms <text>`. */
export function slashCommandFields(where: Where, text: string, responseUrl: string, triggerId = newTriggerId()): Record<string, string> {
  return {
    token: 'deprecated-verification-token',
    team_id: where.teamId ?? 'T0001',
    team_domain: where.teamDomain ?? 'example',
    channel_id: where.channelId,
    channel_name: where.channelName ?? 'study-group',
    user_id: where.userId,
    user_name: where.userName,
    command: '/kms',
    text,
    api_app_id: 'A0KMSTUTOR',
    is_enterprise_install: 'false',
    response_url: responseUrl,
    trigger_id: triggerId,
  };
}

/** The form-encoded body of a slash command. */
export function slashCommandBody(where: Where, text: string, responseUrl: string, triggerId?: string): string {
  return new URLSearchParams(slashCommandFields(where, text, responseUrl, triggerId)).toString();
}

/** One clicked element, as it appears in `actions[0]`. */
export type ClickedElement =
  | { type: 'button'; action_id: string; value?: string; text?: string }
  | { type: 'checkboxes'; action_id: string; selected_options: { value: string; text?: string }[] }
  | { type: 'static_select'; action_id: string; selected_option: { value: string; text?: string }; placeholder?: string };

/** The JSON of a block_actions payload for a click on a message (ephemeral or in the channel). */
export function blockActionsPayload(
  where: Where,
  element: ClickedElement,
  responseUrl: string,
  options: { messageTs?: string; ephemeral?: boolean; triggerId?: string } = {},
): Record<string, unknown> {
  const teamId = where.teamId ?? 'T0001';
  const messageTs = options.messageTs ?? '1700000000.000101';
  const action =
    element.type === 'button'
      ? {
          type: 'button',
          block_id: 'b1',
          action_id: element.action_id,
          text: { type: 'plain_text', text: element.text ?? 'A', emoji: true },
          value: element.value ?? element.action_id,
          action_ts: '1700000001.123456',
        }
      : element.type === 'static_select'
        ? {
            // A static select menu choice (Bolt's StaticSelectAction).
            type: 'static_select',
            block_id: 'b3',
            action_id: element.action_id,
            selected_option: { text: { type: 'plain_text', text: element.selected_option.text ?? 'option', emoji: true }, value: element.selected_option.value },
            placeholder: { type: 'plain_text', text: element.placeholder ?? 'Pick one', emoji: true },
            action_ts: '1700000001.123456',
          }
        : {
          type: 'checkboxes',
          block_id: 'b2',
          action_id: element.action_id,
          selected_options: element.selected_options.map((o) => ({
            text: { type: 'plain_text', text: o.text ?? 'point', emoji: true },
            value: o.value,
          })),
          action_ts: '1700000001.123456',
        };
  return {
    type: 'block_actions',
    user: { id: where.userId, username: where.userName, name: where.userName, team_id: teamId },
    api_app_id: 'A0KMSTUTOR',
    token: 'deprecated-verification-token',
    container: {
      type: 'message',
      message_ts: messageTs,
      channel_id: where.channelId,
      is_ephemeral: options.ephemeral ?? false,
    },
    trigger_id: options.triggerId ?? newTriggerId(),
    team: { id: teamId, domain: where.teamDomain ?? 'example' },
    enterprise: null,
    is_enterprise_install: false,
    channel: { id: where.channelId, name: where.channelName ?? 'study-group' },
    ...(options.ephemeral ? {} : { message: { type: 'message', user: 'UBOT', ts: messageTs, text: 'round' } }),
    state: { values: {} },
    response_url: responseUrl,
    actions: [action],
  };
}

/** The form-encoded body of a block_actions request. */
export function blockActionsBody(payload: Record<string, unknown>): string {
  return new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
}

/** Headers for a signed Events API request (a JSON body), at now. */
export function signedJsonHeaders(body: string): Record<string, string> {
  return { ...signedHeaders(body), 'Content-Type': 'application/json' };
}

let eventCounter = 0;

/**
 * The Events API envelope of `app_home_opened` (https://docs.slack.dev/reference/events/app_home_opened):
 * the user opened the app's Home tab; `channel` is their direct message with the app.
 */
export function appHomeOpenedBody(where: { teamId?: string; userId: string; dmChannelId: string }, tab: 'home' | 'messages' = 'home'): string {
  eventCounter += 1;
  const teamId = where.teamId ?? 'T0001';
  return JSON.stringify({
    token: 'deprecated-verification-token',
    team_id: teamId,
    api_app_id: 'A0KMSTUTOR',
    event: { type: 'app_home_opened', user: where.userId, channel: where.dmChannelId, tab, event_ts: `1700000100.00010${eventCounter}` },
    type: 'event_callback',
    event_id: `Ev0HOME${eventCounter}`,
    event_time: 1700000100,
    authorizations: [{ enterprise_id: null, team_id: teamId, user_id: 'UBOT', is_bot: true, is_enterprise_install: false }],
    is_ext_shared_channel: false,
  });
}

/** A `message_action` payload: the message shortcut `callbackId` used on a message with `text`. */
export function messageActionPayload(where: Where, callbackId: string, text: string, responseUrl: string): Record<string, unknown> {
  const teamId = where.teamId ?? 'T0001';
  return {
    type: 'message_action',
    token: 'deprecated-verification-token',
    action_ts: '1700000200.123456',
    team: { id: teamId, domain: where.teamDomain ?? 'example' },
    user: { id: where.userId, name: where.userName, username: where.userName, team_id: teamId },
    channel: { id: where.channelId, name: where.channelName ?? 'study-group' },
    is_enterprise_install: false,
    enterprise: null,
    callback_id: callbackId,
    trigger_id: newTriggerId(),
    response_url: responseUrl,
    message_ts: '1700000150.000200',
    message: { type: 'message', text, user: 'U9', ts: '1700000150.000200', team: teamId },
  };
}

/** A view as Slack sends it back inside view_submission and view block_actions payloads. */
function sentView(view: Record<string, unknown>, teamId: string, state: Record<string, unknown>): Record<string, unknown> {
  return {
    id: 'V0SUBMIT1',
    team_id: teamId,
    type: view.type,
    blocks: view.blocks ?? [],
    private_metadata: view.private_metadata ?? '',
    callback_id: view.callback_id ?? '',
    state: { values: state },
    hash: '1700000300.abcdef12',
    title: view.title,
    clear_on_close: false,
    notify_on_close: false,
    close: view.close ?? null,
    submit: view.submit ?? null,
    previous_view_id: null,
    root_view_id: 'V0SUBMIT1',
    app_id: 'A0KMSTUTOR',
    external_id: '',
    app_installed_team_id: teamId,
    bot_id: 'BBOT',
  };
}

/** A `view_submission` payload: `view` (as the app opened it) submitted with input `state` (block_id -> action_id -> value). */
export function viewSubmissionPayload(where: Omit<Where, 'channelId'>, view: Record<string, unknown>, state: Record<string, unknown>): Record<string, unknown> {
  const teamId = where.teamId ?? 'T0001';
  return {
    type: 'view_submission',
    team: { id: teamId, domain: where.teamDomain ?? 'example' },
    user: { id: where.userId, username: where.userName, name: where.userName, team_id: teamId },
    api_app_id: 'A0KMSTUTOR',
    token: 'deprecated-verification-token',
    trigger_id: newTriggerId(),
    view: sentView(view, teamId, state),
    response_urls: [],
    is_enterprise_install: false,
    enterprise: null,
  };
}

/** A `block_actions` payload for a button clicked in a view (the Home tab or a modal): no channel, no response_url. */
export function viewBlockActionsPayload(where: Omit<Where, 'channelId'>, view: Record<string, unknown>, actionId: string): Record<string, unknown> {
  const teamId = where.teamId ?? 'T0001';
  return {
    type: 'block_actions',
    user: { id: where.userId, username: where.userName, name: where.userName, team_id: teamId },
    api_app_id: 'A0KMSTUTOR',
    token: 'deprecated-verification-token',
    container: { type: 'view', view_id: 'V0HOME01' },
    trigger_id: newTriggerId(),
    team: { id: teamId, domain: where.teamDomain ?? 'example' },
    enterprise: null,
    is_enterprise_install: false,
    view: { ...sentView(view, teamId, {}), id: 'V0HOME01' },
    actions: [{ action_id: actionId, block_id: 'home-buttons', text: { type: 'plain_text', text: 'button', emoji: true }, type: 'button', action_ts: '1700000400.000001' }],
  };
}

/** A `block_suggestion` payload: the user typed `value` into the external select `actionId` of a modal. */
export function blockSuggestionPayload(where: Omit<Where, 'channelId'>, view: Record<string, unknown>, blockId: string, actionId: string, value: string): Record<string, unknown> {
  const teamId = where.teamId ?? 'T0001';
  return {
    type: 'block_suggestion',
    user: { id: where.userId, username: where.userName, name: where.userName, team_id: teamId },
    container: { type: 'view', view_id: 'V0SUBMIT1' },
    api_app_id: 'A0KMSTUTOR',
    token: 'deprecated-verification-token',
    action_id: actionId,
    block_id: blockId,
    value,
    team: { id: teamId, domain: where.teamDomain ?? 'example' },
    enterprise: null,
    is_enterprise_install: false,
    view: sentView(view, teamId, {}),
  };
}
