/**
 * Deck selection on Slack, end to end over loopback (signed slash commands -> Bolt HTTP receiver ->
 * Tutor and SQLite -> response_url posts and Web API calls recorded by the mock): two decks (the
 * fixture deck and a DECKS_PATH folder), `decks`, `deck <id>` by a workspace admin (a member is
 * refused), `quiz here` asking from the channel's deck, and `import` explaining what to do instead
 * of a file.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadLibrary } from '../../src/core/deck/loader.js';
import { FIXTURE_CONTENT, startHarness, until, type Harness } from '../support/fake-slack/harness.js';
import { slashCommandBody, type Where } from '../support/fake-slack/slack-requests.js';

const MORE_DECKS = path.resolve(import.meta.dirname, '..', 'core', 'fixtures', 'content', 'decks');
let h: Harness;

beforeAll(async () => {
  h = await startHarness({ library: loadLibrary(FIXTURE_CONTENT, { extraDirs: [MORE_DECKS] }) });
  h.api.addUser({ id: 'U1', name: 'alice', displayName: 'Alice' });
  h.api.addUser({ id: 'U9', name: 'olga', displayName: 'Olga', isAdmin: true });
});
afterAll(async () => {
  await h?.stop();
});

const where = (userId: string): Where => ({ channelId: 'C300', channelName: 'decks', userId, userName: userId === 'U9' ? 'olga' : 'alice' });
let n = 0;
async function command(userId: string, text: string): Promise<Record<string, unknown>> {
  const id = `deck-cmd-${++n}`;
  const res = await h.send(slashCommandBody(where(userId), text, h.api.responseUrl(id)));
  expect(res.status).toBe(200);
  return h.api.nthResponse(id);
}
const textOf = (msg: Record<string, unknown>) => JSON.stringify(msg.blocks);

describe('decks in chat on Slack', () => {
  it('decks lists both decks with their size and marks the channel deck', async () => {
    const reply = await command('U1', 'decks');
    expect(reply.response_type).toBe('ephemeral');
    expect(textOf(reply)).toMatch(/`slack-test-deck` \(this channel\) — Slack adapter test deck: \d+ terms, 0 concept cards/);
    expect(textOf(reply)).toMatch(/`mini-deck` — Mini deck for core tests: \d+ terms, 0 concept cards, 4 questions/);
  });

  it('a member cannot set the deck; a workspace admin can, in the channel; quiz here then asks from it', async () => {
    const refused = await command('U1', 'deck mini-deck');
    expect(refused.response_type).toBe('ephemeral');
    expect(textOf(refused)).toContain('Only admins can choose the channel’s deck');
    expect(await h.store.getChannelDeck({ platform: 'slack', teamId: 'T0001', channelId: 'C300' })).toBeUndefined();

    // A channel reply: posted in the channel with chat.postMessage for everyone.
    await h.send(slashCommandBody(where('U9'), 'deck mini-deck', h.api.responseUrl('deck-set')));
    await until(() => h.api.callsTo('chat.postMessage').some((c) => c.body.channel === 'C300'), 'the deck change to be posted');
    const [set] = h.api.callsTo('chat.postMessage').filter((c) => c.body.channel === 'C300');
    expect(JSON.stringify(set?.body.blocks)).toContain('This channel now studies “Mini deck for core tests”');
    expect(await h.store.getChannelDeck({ platform: 'slack', teamId: 'T0001', channelId: 'C300' })).toMatchObject({ deckId: 'mini-deck', setBy: 'U9' });

    await h.send(slashCommandBody(where('U1'), 'quiz here', h.api.responseUrl('deck-quiz')));
    await until(() => h.api.callsTo('chat.postMessage').filter((c) => c.body.channel === 'C300').length === 2, 'the round to be posted');
    expect((await h.store.openChannelRound({ platform: 'slack', teamId: 'T0001', channelId: 'C300' }))?.deckId).toBe('mini-deck');
  });

  it('import without a file (slash commands carry none) says how to import instead', async () => {
    const reply = await command('U9', 'import');
    expect(textOf(reply)).toContain('npm run import');
  });
});
