/**
 * The tenant boundary of decks imported in chat, end to end on Slack (signed slash commands -> Bolt
 * HTTP receiver -> Tutor -> response_url posts): the import folder holds a deck a Discord guild
 * imported, one another workspace owns and one this workspace (T0001) owns, each written by the real
 * chat importer into its team's folder. T0001's `decks` lists its own and the shared decks only;
 * `quiz` and `deck` with another team's id answer exactly as for an id nobody has; its own deck can be
 * chosen for the channel and quizzed.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadLibrary } from '../../src/core/deck/loader.js';
import { chatImporter } from '../../src/import/chat-import.js';
import { FIXTURE_CONTENT, startHarness, until, type Harness } from '../support/fake-slack/harness.js';
import { slashCommandBody, type Where } from '../support/fake-slack/slack-requests.js';

const CHAPTER = path.resolve(import.meta.dirname, '..', 'import', 'fixtures', 'chapter-09-in-transit.txt');
const CHANNEL = { platform: 'slack', teamId: 'T0001', channelId: 'C310' };
let h: Harness;
let importDir: string;

beforeAll(async () => {
  importDir = mkdtempSync(path.join(tmpdir(), 'kms-slack-team-decks-'));
  const bytes = readFileSync(CHAPTER);
  const importer = chatImporter({ decksDir: importDir, fetch: async () => new Response(bytes) });
  const file = { name: 'chapter-09-in-transit.txt', size: bytes.byteLength, url: 'https://cdn.discordapp.com/attachments/1/2/chapter-09-in-transit.txt' };
  const sharedIds = new Set(loadLibrary(FIXTURE_CONTENT).decks.keys());
  for (const [platform, teamId, deckId] of [
    ['discord', '1200000000000000003', 'guild-a-only'],
    ['slack', 'T0002', 'other-workspace'],
    ['slack', 'T0001', 'our-own'],
  ] as const) {
    expect(await importer.importFile(file, { deckId, team: { platform, teamId }, sharedIds })).toMatchObject({ status: 'imported', deckId });
  }
  h = await startHarness({ library: loadLibrary(FIXTURE_CONTENT, { teamsDir: path.join(importDir, 'teams') }) });
  h.api.addUser({ id: 'U1', name: 'alice', displayName: 'Alice' });
  h.api.addUser({ id: 'U9', name: 'olga', displayName: 'Olga', isAdmin: true });
});
afterAll(async () => {
  await h?.stop();
  rmSync(importDir, { recursive: true, force: true });
});

const where = (userId: string): Where => ({ teamId: 'T0001', channelId: CHANNEL.channelId, channelName: 'tenants', userId, userName: userId === 'U9' ? 'olga' : 'alice' });
let n = 0;
async function command(userId: string, text: string): Promise<string> {
  const id = `team-deck-cmd-${++n}`;
  const res = await h.send(slashCommandBody(where(userId), text, h.api.responseUrl(id)));
  expect(res.status).toBe(200);
  return JSON.stringify((await h.api.nthResponse(id)).blocks);
}

describe('decks imported in chat on Slack: each team sees its own', () => {
  it('decks lists the shared decks and the workspace’s own, never another team’s', async () => {
    const listed = await command('U1', 'decks');
    expect(listed).toContain('`slack-test-deck`');
    expect(listed).toContain('`our-own`');
    expect(listed).not.toContain('guild-a-only');
    expect(listed).not.toContain('other-workspace');
  });

  it('quiz and deck with another team’s id answer exactly as for an id nobody has', async () => {
    for (const foreign of ['guild-a-only', 'other-workspace']) {
      const unknown = (text: string) => text.replaceAll('no-such-deck', foreign);
      expect(await command('U1', `quiz ${foreign}`)).toBe(unknown(await command('U1', 'quiz no-such-deck')));
      const refused = await command('U9', `deck ${foreign}`);
      expect(refused).toContain(`Unknown deck \\"${foreign}\\"`);
      expect(refused).toBe(unknown(await command('U9', 'deck no-such-deck')));
    }
    expect(await h.store.getChannelDeck(CHANNEL)).toBeUndefined();
  });

  it('the workspace’s own deck can be the channel’s deck, and quiz here asks from it', async () => {
    await h.send(slashCommandBody(where('U9'), 'deck our-own', h.api.responseUrl('team-deck-set')));
    await until(async () => (await h.store.getChannelDeck(CHANNEL))?.deckId === 'our-own', 'the channel deck to be stored');
    await h.send(slashCommandBody(where('U1'), 'quiz here', h.api.responseUrl('team-deck-quiz')));
    await until(async () => (await h.store.openChannelRound(CHANNEL)) !== undefined, 'the round to open');
    expect(await h.store.openChannelRound(CHANNEL)).toMatchObject({ deckId: 'our-own', teamId: 'T0001' });
  });
});
