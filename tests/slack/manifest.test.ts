/** The app manifests in slack/: what the adapter relies on is declared there. */
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { EVENTS_PATH } from '../../src/adapters/slack/index.js';
import { VIEW_IDS } from '../../src/adapters/slack/views.js';

/** One slash command of a manifest. */
interface SlashCommand {
  command: string;
  description: string;
  usage_hint?: string;
  url?: string;
  should_escape?: boolean;
}

/** The parts of a Slack app manifest these tests read (https://api.slack.com/reference/manifests). */
interface Manifest {
  features: {
    app_home?: { home_tab_enabled?: boolean; messages_tab_enabled?: boolean; messages_tab_read_only_enabled?: boolean };
    bot_user: { display_name: string };
    shortcuts?: { name: string; type: string; callback_id: string; description: string }[];
    slash_commands: [SlashCommand, ...SlashCommand[]];
  };
  oauth_config: { scopes: { bot: string[] } };
  settings: {
    event_subscriptions?: { request_url?: string; bot_events?: string[] };
    interactivity: { is_enabled: boolean; request_url?: string; message_menu_options_url?: string };
    socket_mode_enabled: boolean;
  };
}

function manifest(name: string): Manifest {
  return parse(readFileSync(new URL(`../../slack/${name}`, import.meta.url), 'utf8'));
}

describe.each([
  ['manifest.socket.yaml', true],
  ['manifest.http.yaml', false],
])('%s', (file, socket) => {
  const m = manifest(file);
  it('declares /kms with a usage hint', () => {
    const [kms] = m.features.slash_commands;
    expect(kms.command).toBe('/kms');
    expect(kms.usage_hint).toMatch(/explain/);
    expect(kms.description.length).toBeLessThanOrEqual(100);
  });
  it('escapes the /kms text so `@name` arrives as a user id (issue 15 item 11)', () => {
    expect(m.features.slash_commands[0].should_escape).toBe(true);
  });
  it('asks for the bot scopes the adapter uses', () => {
    expect(m.oauth_config.scopes.bot).toEqual(['commands', 'chat:write', 'chat:write.public', 'files:write', 'im:write', 'users:read']);
  });
  it('enables interactivity and the right transport', () => {
    expect(m.settings.interactivity.is_enabled).toBe(true);
    expect(m.settings.socket_mode_enabled).toBe(socket);
    if (socket) {
      expect(m.settings.interactivity.request_url).toBeUndefined();
      expect(m.features.slash_commands[0].url).toBeUndefined();
    } else {
      expect(m.settings.interactivity.request_url).toBe(`https://YOUR-HOST${EVENTS_PATH}`);
      expect(m.features.slash_commands[0].url).toBe(`https://YOUR-HOST${EVENTS_PATH}`);
    }
  });
  it('points to set-up instructions that exist: the README\'s Slack section', () => {
    const text = readFileSync(new URL(`../../slack/${file}`, import.meta.url), 'utf8');
    const docs = [...text.matchAll(/[\w./-]+\.md(?:#[\w-]+)?/g)].map((m) => m[0]);
    expect(docs).toContain('README.md#slack');
    for (const doc of docs) {
      const [docPath = '', anchor] = doc.split('#');
      const url = new URL(`../../${docPath}`, import.meta.url);
      expect(existsSync(url), doc).toBe(true);
      if (anchor !== undefined) {
        const headings = readFileSync(url, 'utf8').split('\n').filter((line) => /^#+ /.test(line));
        const anchors = headings.map((h) => h.replace(/^#+ /, '').toLowerCase().replace(/[^\w\s-]/g, '').trim().replace(/\s+/g, '-'));
        expect(anchors, doc).toContain(anchor);
      }
    }
  });
  it('turns on the Home tab (and the read-only Messages tab its buttons answer in: no DM is read) and subscribes to app_home_opened', () => {
    expect(m.features.app_home).toEqual({ home_tab_enabled: true, messages_tab_enabled: true, messages_tab_read_only_enabled: true });
    expect(m.settings.event_subscriptions?.bot_events).not.toContain('message.im');
    expect(m.settings.event_subscriptions?.bot_events).toContain('app_home_opened');
    if (socket) expect(m.settings.event_subscriptions?.request_url).toBeUndefined();
    else expect(m.settings.event_subscriptions?.request_url).toBe(`https://YOUR-HOST${EVENTS_PATH}`);
  });
  it('declares the message shortcut the adapter listens for, within Slack\'s lengths', () => {
    const [shortcut, ...others] = m.features.shortcuts ?? [];
    expect(others).toEqual([]);
    expect(shortcut).toMatchObject({ name: 'Explain KMS terms in this message', type: 'message', callback_id: VIEW_IDS.explainShortcut });
    expect(shortcut!.name.length).toBeLessThanOrEqual(38);
    expect(shortcut!.description.length).toBeLessThanOrEqual(150);
  });
  it('serves the zone list of the subscribe modal (block_suggestion) where the interactivity goes', () => {
    if (socket) expect(m.settings.interactivity.message_menu_options_url).toBeUndefined();
    else expect(m.settings.interactivity.message_menu_options_url).toBe(`https://YOUR-HOST${EVENTS_PATH}`);
  });
  it('names the bot kms-tutor, as the "/invite @kms-tutor" advice says', () => {
    expect(m.features.bot_user.display_name).toBe('kms-tutor');
  });
});
