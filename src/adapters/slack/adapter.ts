/**
 * The Slack adapter behind the ChatAdapter port: the Bolt app of index.ts, created at once (so its
 * Poster can be given to core) and started with the TutorApi.
 */
import type { ChatAdapter } from '../../core/ports/adapter.js';
import type { Reply } from '../../core/reply.js';
import { renderReply, type SlackMessage } from './block-kit.js';
import { createSlackApp, type CreateSlackAppOptions, type SlackApp } from './index.js';
import { SLACK_LIMITS, SLACK_SURFACE } from './surface.js';

/** The Slack ChatAdapter, plus the Bolt app and the bound port (HTTP mode) for tests and diagnostics. */
export interface SlackChatAdapter extends ChatAdapter<SlackMessage> {
  readonly app: SlackApp['app'];
  /** The HTTP receiver's port once started (HTTP mode), else undefined. */
  readonly port: number | undefined;
}

/**
 * Create the Slack adapter (no network yet): Socket Mode when `config.mode === 'socket'`
 * (SLACK_APP_TOKEN), else the HTTP receiver on `config.port`, path /slack/events, with GET /healthz.
 * `start` resolves once connected or listening.
 * @throws Error when the config lacks the token its mode needs (appToken for socket, signingSecret for http).
 */
export function slackAdapter(options: Omit<CreateSlackAppOptions, 'tutor'>): SlackChatAdapter {
  const slack = createSlackApp(options);
  let port: number | undefined;
  return {
    platform: 'slack',
    poster: slack.poster,
    surface: SLACK_SURFACE,
    limits: SLACK_LIMITS,
    app: slack.app,
    get port() {
      return port;
    },
    render: (reply: Reply) => renderReply(reply),
    async start({ tutor, store }) {
      ({ port } = await slack.start(tutor, store));
    },
    stop: () => slack.stop(),
  };
}
