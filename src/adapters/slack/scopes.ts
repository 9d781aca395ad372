/**
 * What the Slack app asks for when a workspace installs it (Bolt's installer), and where the
 * installer answers: the same bot scopes as the manifests' `oauth_config.scopes.bot` (a test
 * compares them), the install page and the OAuth redirect on the HTTP receiver's port.
 */

/** The bot scopes requested at install; equal to the manifests' (tests/slack/oauth.test.ts checks). */
export const BOT_SCOPES = ['commands', 'chat:write', 'chat:write.public', 'files:write', 'im:write', 'users:read'] as const;

/** Where a workspace admin starts an install (redirects to Slack's consent page). */
export const INSTALL_PATH = '/slack/install';

/** Where Slack sends the admin back with the code (the manifest's `oauth_config.redirect_urls`). */
export const OAUTH_REDIRECT_PATH = '/slack/oauth_redirect';
