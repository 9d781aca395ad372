/**
 * Decks in chat, through the terminal channel's core harness: DECKS_PATH folders (a broken deck and
 * a repeated id are skipped with one line each), `decks`, `deck <id>` (stored per channel, followed by
 * `quiz here`, the subscription and daily posts), `quiz [deck] [tag]`, `explain` preferring the
 * channel's deck, `stats` per deck, `terms` without concept cards, and `import` of an attached file
 * with the real importer (the download served by a stub fetch holding the fixture's bytes), and
 * `readiness` measuring the learner's exam deck, else the channel's deck, in the team's view.
 */
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DeckLibrary } from '../../src/core/deck/library.js';
import { loadLibrary, type SkippedDeck } from '../../src/core/deck/loader.js';
import { chatImporter } from '../../src/import/chat-import.js';
import { FIXTURE_CONTENT, lettersOf, makeHarness, REAL_CONTENT, textOf, type Harness } from './harness.js';

const HERE = path.dirname(new URL(import.meta.url).pathname);
const MINI_KMS = path.resolve(HERE, '..', 'deck', 'fixtures', 'content', 'decks', 'mini-kms');
const CHAPTER = path.resolve(HERE, '..', 'import', 'fixtures', 'chapter-09-in-transit.txt');

let tmp: string;
let teamDecks: string;
let moreDecks: string;
let h: Harness;
let skipped: SkippedDeck[];

function load(): DeckLibrary {
  skipped = [];
  // teamDecks plays IMPORT_DIR (the first DECKS_PATH folder): chat imports go under its teams/ folder.
  return loadLibrary(FIXTURE_CONTENT, { extraDirs: [teamDecks, moreDecks], teamsDir: path.join(teamDecks, 'teams'), skipped });
}

/** A fetch that serves `bytes` for any URL, as a file host would. */
function serving(bytes: Buffer): typeof fetch {
  const body = new Uint8Array(bytes);
  return async () => new Response(body, { status: 200, headers: { 'content-length': String(body.byteLength) } });
}

beforeEach(() => {
  tmp = mkdtempSync(path.join(tmpdir(), 'kms-decks-'));
  teamDecks = path.join(tmp, 'team-decks');
  moreDecks = path.join(tmp, 'more-decks');
  cpSync(MINI_KMS, path.join(teamDecks, 'mini-kms'), { recursive: true });
  // A broken deck: a term with an empty name.
  cpSync(MINI_KMS, path.join(teamDecks, 'broken'), { recursive: true });
  const brokenDir = path.join(teamDecks, 'broken');
  writeFileSync(path.join(brokenDir, 'deck.yaml'), readFileSync(path.join(brokenDir, 'deck.yaml'), 'utf8').replace('id: mini-kms', 'id: broken'));
  writeFileSync(path.join(brokenDir, 'terms.yaml'), readFileSync(path.join(brokenDir, 'terms.yaml'), 'utf8').replace('name: AWS KMS (Key Management Service)', 'name: ""'));
  // A second folder repeating the bundled deck's id.
  cpSync(path.join(FIXTURE_CONTENT, 'decks', 'mini-deck'), path.join(moreDecks, 'mini-deck'), { recursive: true });
  h = makeHarness();
  h.deps.library = load();
  h.deps.reloadDecks = load;
  h.deps.importer = chatImporter({ decksDir: teamDecks, maxBytes: 64 * 1024, fetch: serving(readFileSync(CHAPTER)) });
});

afterEach(() => {
  h.close();
  rmSync(tmp, { recursive: true, force: true });
});

describe('DECKS_PATH', () => {
  it('loads the good deck beside the bundled one; a broken deck and a repeated id are skipped with one line each', () => {
    expect([...h.deps.library.decks.keys()]).toEqual(['mini-deck', 'mini-kms']);
    expect(skipped).toHaveLength(2);
    const [broken, repeated] = skipped;
    expect(broken?.dir).toBe(path.join(teamDecks, 'broken'));
    expect(broken?.reason).toMatch(/broken\/terms\.yaml: item "aws-kms", field "name": .*\(line 3\)/);
    expect(broken?.reason.split('\n')).toHaveLength(1);
    expect(repeated?.reason).toMatch(/more-decks\/mini-deck\/deck\.yaml: deck id "mini-deck" is already loaded from .*; the second is refused/);
  });

  it('a missing DECKS_PATH folder is reported, not fatal', () => {
    const out: SkippedDeck[] = [];
    const lib = loadLibrary(FIXTURE_CONTENT, { extraDirs: [path.join(tmp, 'nowhere')], skipped: out });
    expect([...lib.decks.keys()]).toEqual(['mini-deck']);
    expect(out).toEqual([{ dir: path.join(tmp, 'nowhere'), reason: `${path.join(tmp, 'nowhere')}: DECKS_PATH folder not found` }]);
  });
});

describe('decks and deck <id>', () => {
  it('decks lists every deck with terms, concept cards, questions and scenarios; the channel deck is marked', async () => {
    const reply = await h.say('decks');
    expect(reply.title).toBe('2 decks loaded');
    const items = reply.blocks[0]?.type === 'list' ? reply.blocks[0].items : [];
    expect(items[0]).toMatch(/^`mini-deck` \(this channel\) — Mini deck for core tests: \d+ terms, 0 concept cards, 4 questions, \d+ scenarios?$/);
    expect(items[1]).toMatch(/^`mini-kms` — Mini KMS deck \(test fixture\): 8 terms, 0 concept cards, 3 questions/);
  });

  it('an admin sets the channel deck; quiz here asks from it; others and direct messages are refused', async () => {
    const refused = await h.say('deck mini-kms', 'pat', { isAdmin: false });
    expect(refused.title).toBe('Only admins can choose the channel’s deck');
    expect((await h.say('deck mini-kms', 'ann', { isDirectMessage: true })).title).toBe('deck works in a channel');
    const unknown = await h.say('deck nope');
    expect(unknown.title).toBe('Unknown deck "nope"');
    expect(textOf(unknown)).toContain('Decks: mini-deck, mini-kms.');

    const set = await h.say('deck mini-kms');
    expect(set).toMatchObject({ visibility: 'channel', tone: 'success', title: 'This channel now studies “Mini KMS deck (test fixture)”' });
    expect(await h.store.getChannelDeck({ platform: 'terminal', teamId: 'local', channelId: 'terminal' })).toMatchObject({ deckId: 'mini-kms', setBy: 'alice' });
    expect((await h.say('decks')).blocks[0]).toMatchObject({ items: [expect.not.stringContaining('(this channel)'), expect.stringContaining('`mini-kms` (this channel)')] });

    await h.say('quiz here');
    const round = await h.store.openChannelRound(h.ctx());
    expect(round?.deckId).toBe('mini-kms');
    expect(h.poster.posts).toHaveLength(1);
  });

  it('deck <id> moves the subscription too (daily posts follow); subscribe <deck> sets the channel deck', async () => {
    await h.say('subscribe 09:00 UTC daily');
    const channel = { platform: 'terminal', teamId: 'local', channelId: 'terminal' };
    expect((await h.store.getSubscription(channel))?.deckId).toBe('mini-deck');
    const set = await h.say('deck mini-kms');
    expect(textOf(set)).toContain('The daily subscription now posts from it too.');
    const sub = await h.store.getSubscription(channel);
    expect(sub?.deckId).toBe('mini-kms');
    const { DailyRounds } = await import('../../src/core/daily.js');
    const daily = new DailyRounds(h.deps);
    const outcome = await daily.runDaily(sub!, new Date('2026-11-25T09:01:00Z'));
    expect(outcome.status).toBe('posted');
    expect((await h.store.latestDailyRound(channel))?.deckId).toBe('mini-kms');

    await h.say('subscribe mini-deck');
    expect(await h.store.getChannelDeck(channel)).toMatchObject({ deckId: 'mini-deck' });
  });
});

describe('quiz, explain, stats and terms across decks', () => {
  it('quiz <deck> [tag] practises another deck; a lone deck id picks the deck; an unknown deck is named', async () => {
    await h.say('quiz mini-kms s3');
    const practice = await h.store.getRound(1);
    expect(practice).toMatchObject({ kind: 'practice', deckId: 'mini-kms', tags: ['s3'] });
    await h.say('quiz mini-kms');
    expect((await h.store.getRound(2))?.deckId).toBe('mini-kms');
    await h.say('quiz s3');
    expect((await h.store.getRound(3))?.deckId).toBe('mini-deck');
    expect((await h.say('quiz nope s3')).title).toBe('Unknown deck "nope"');
  });

  it("explain prefers the channel's deck and names another deck's", async () => {
    const fromOther = await h.say('explain sse-s3');
    expect(textOf(fromOther)).toContain('From the deck “Mini KMS deck (test fixture)” (not this channel’s).');
    // Both decks define "Grant (KMS)": the channel's deck wins.
    const own = await h.say('explain grants');
    expect(textOf(own)).not.toContain('From the deck');
    expect(textOf(own)).toContain('Lets a service keep using a KMS key for one resource.');
    await h.say('deck mini-kms');
    const grants = await h.say('explain grants');
    expect(textOf(grants)).not.toContain('From the deck');
    expect(textOf(grants)).toContain('Delegated permission to use a KMS key.');
  });

  it("a list of suggested terms names the deck of each term that is not the channel's", async () => {
    // Both decks define "SSE-KMS (S3 with KMS keys)": without the deck the two lines would read alike.
    const reply = await h.say('explain sse');
    expect(reply.blocks).toEqual([
      {
        type: 'list',
        items: [
          'SSE-S3 (S3 managed keys) — `explain SSE-S3` (deck `mini-kms`)',
          'SSE-KMS (S3 with KMS keys) — `explain SSE-KMS`',
          'SSE-KMS (S3 with KMS keys) — `explain SSE-KMS` (deck `mini-kms`)',
        ],
      },
    ]);
  });

  it('stats shows accuracy per deck', async () => {
    for (const deck of ['mini-kms', 'mini-deck']) {
      await h.say(`quiz ${deck}`);
      const round = (await h.store.getRound(deck === 'mini-kms' ? 1 : 2))!;
      await h.say(`answer ${round.id} ${lettersOf(round).right}`);
    }
    const reply = await h.say('stats');
    const at = reply.blocks.findIndex((b) => b.type === 'text' && b.text === 'Accuracy per deck');
    expect(reply.blocks[at + 1]).toMatchObject({ type: 'pre', lines: [expect.stringMatching(/^Mini deck for core tests\s.*100%\s+\(1\/1\)$/), expect.stringMatching(/^Mini KMS deck \(test fixture\)\s.*100%\s+\(1\/1\)$/)] });
  });
});

describe('import in chat', () => {
  const file = { name: 'chapter-09-in-transit.txt', size: 20_000, url: 'https://cdn.discordapp.com/attachments/1/2/chapter-09-in-transit.txt' };

  it('imports an attached chapter into the team’s own deck folder; decks lists it at once; terms leaves concept cards out', async () => {
    const reply = await h.tutor.handle({ kind: 'import', file, deckId: 'tls-in-transit' }, h.ctx());
    expect(reply.title).toBe('Imported deck “tls-in-transit”');
    expect(textOf(reply)).toMatch(/chapter-09-in-transit\.txt: \d+ terms, \d+ concept cards, \d+ questions \(\d+ generated\), 1 scenario, \d+ warnings?\./);
    expect(textOf(reply)).toContain('Use it here with `deck tls-in-transit`');
    expect(h.deps.library.get('tls-in-transit')).toBeUndefined();
    expect(h.deps.library.forTeam(h.ctx()).get('tls-in-transit')).toBeDefined();
    const listed = await h.say('decks');
    expect(textOf(listed)).toMatch(/`tls-in-transit` — .*: \d+ terms, [1-9]\d* concept cards/);
    await h.say('deck tls-in-transit');
    const terms = await h.say('terms');
    const deck = h.deps.library.forTeam(h.ctx()).get('tls-in-transit')!;
    const concept = deck.terms.find((t) => t.kind === 'concept')!;
    expect(textOf(terms)).not.toContain(concept.name);
    expect(terms.footer).toMatch(/\d+ concept cards \(topics of imported chapters\) are not listed/);
    await h.say('quiz here');
    expect((await h.store.openChannelRound(h.ctx()))?.deckId).toBe('tls-in-transit');
  });

  it('refuses an oversized file, a repeated deck id, a missing file and non-admins, with words', async () => {
    const big = await h.tutor.handle({ kind: 'import', file: { ...file, size: 5 * 1024 * 1024 } }, h.ctx());
    expect(big.title).toBe('That file is too big to import');
    expect(textOf(big)).toContain('It is 5.0 MiB; the largest file accepted is 64 KiB.');
    const again = await h.tutor.handle({ kind: 'import', file, deckId: 'mini-kms' }, h.ctx());
    expect(again.title).toBe('Nothing was imported');
    expect(textOf(again)).toContain('a deck "mini-kms" already exists');
    const typed = await h.say('import');
    // A typed command carries no file: it says how to import on the server (README), importer or not.
    expect(typed.title).toBe('Import decks on the server');
    expect(textOf(typed)).toContain('npm run import');
    expect((await h.say('import', 'pat', { isAdmin: false })).title).toBe('Only admins can import decks');
  });

  it('refuses the reserved deck id "teams" (the team decks’ folder), naming why (s7 newcomer #2)', async () => {
    const reply = await h.tutor.handle({ kind: 'import', file, deckId: 'teams' }, h.ctx());
    expect(reply.title).toBe('Reserved deck id');
    expect(textOf(reply)).toContain('"teams" is a reserved deck id (it names the folder that holds every team\'s own decks); give another id. Nothing was imported.');
    expect(existsSync(path.join(teamDecks, 'teams', 'deck.yaml'))).toBe(false);
  });

  it('a team deck whose id a shared deck later takes: decks and schedule say the own copy is skipped; its mock question is removed, not "not a choice" (s7 newcomer #3)', async () => {
    const imported = await h.tutor.handle({ kind: 'import', file, deckId: 'team-a' }, h.ctx());
    expect(imported.title).toBe('Imported deck “team-a”');
    await h.say('deck team-a');
    await h.say('subscribe 09:00 UTC daily');
    const mock = await h.say('mock team-a 2 5');
    expect(mock.title).toBe('Mock exam · question 1 of 2');
    expect(textOf(await h.say('decks'))).not.toContain('is skipped');

    // The operator adds a shared deck with the same id (a copy of mini-kms), then the bot restarts.
    cpSync(MINI_KMS, path.join(moreDecks, 'team-a'), { recursive: true });
    const meta = path.join(moreDecks, 'team-a', 'deck.yaml');
    writeFileSync(meta, readFileSync(meta, 'utf8').replace('id: mini-kms', 'id: team-a'));
    h.deps.library = load();
    expect(skipped.map((s) => s.reason)).toContainEqual(expect.stringContaining('deck id "team-a" is a shared deck\'s; the team\'s own copy is refused'));
    const words = 'This team’s own deck `team-a` is skipped: a shared deck now has the id `team-a`, so `team-a` here (in `deck`, `quiz`, daily posts) is that shared deck. Import your file again under another id to study your own.';

    const decks = await h.say('decks');
    expect(decks.tone).toBe('warning');
    expect(textOf(decks)).toContain('`team-a` (this channel) — Mini KMS deck (test fixture)');
    expect(textOf(decks)).toContain(words);
    const schedule = await h.say('schedule');
    expect(textOf(schedule)).toContain(words);
    // Another team never imported team-a: nothing to say there.
    const other = { teamId: 'other-team', channelId: 'elsewhere' };
    expect(textOf(await h.say('decks', 'pat', other))).not.toContain('is skipped');

    const answer = await h.say('mock answer A');
    expect(textOf(answer)).toContain('Nothing was counted: this question is no longer in the deck, so it cannot be answered. `mock end` finishes the mock now (it counts as unanswered).');
    expect(textOf(answer)).not.toContain('is not a choice');
    expect(textOf(await h.say('mock answer E'))).toContain('no longer in the deck');
  });

  it('a file that grows past the limit while downloading is refused', async () => {
    h.deps.importer = chatImporter({ decksDir: teamDecks, maxBytes: 1024, fetch: async () => new Response(readFileSync(CHAPTER)) });
    const reply = await h.tutor.handle({ kind: 'import', file: { ...file, size: 100 } }, h.ctx());
    expect(reply.title).toBe('Nothing was imported');
    expect(textOf(reply)).toContain('the file is larger than 1 KiB, the largest accepted');
  });
});

describe('readiness measures the learner’s exam deck, else the channel’s deck, in the team’s view (s7 newcomer2 #5)', () => {
  /** Copy the bundled deck (it declares exam domains) to `dir` as deck `id`, its domains' names prefixed with `prefix`. */
  function domainDeck(dir: string, id: string, prefix: string): void {
    cpSync(path.join(REAL_CONTENT, 'decks', 'kms-encryption-at-rest'), dir, { recursive: true });
    const yaml = readFileSync(path.join(dir, 'deck.yaml'), 'utf8')
      .replace('id: kms-encryption-at-rest', `id: ${id}`)
      .replace(/^( {2}- name: ")/gm, `$1${prefix}`);
    writeFileSync(path.join(dir, 'deck.yaml'), yaml);
  }

  it('uses the exam deck when set (a team’s own deck too), else the channel’s chosen deck, else the default deck', async () => {
    domainDeck(path.join(moreDecks, 'shared-kms'), 'shared-kms', 'Shared ');
    domainDeck(path.join(teamDecks, 'teams', 'terminal', 'local', 'own-kms'), 'own-kms', 'Own ');
    h.deps.library = load();
    expect(h.deps.library.forTeam(h.ctx()).get('own-kms')).toBeDefined();

    // Nothing chosen: the channel studies the default deck, which declares no domains.
    const plain = await h.say('readiness', 'ann');
    expect(plain.title).toBe('No exam domains');
    expect(textOf(plain)).toContain(h.deps.library.defaultDeck.meta.title);

    // The channel's chosen deck.
    expect((await h.say('deck shared-kms')).tone).toBe('success');
    const channel = textOf(await h.say('readiness', 'ann'));
    expect(channel).toContain('Shared S3 encryption');
    expect(channel).not.toContain('Own S3 encryption');

    // ann's exam deck, the team's own imported deck, wins over the channel's deck; bob has no exam date.
    expect((await h.say('exam 2027-03-01 own-kms', 'ann')).tone).toBe('success');
    const own = textOf(await h.say('readiness', 'ann'));
    expect(own).toContain('Own S3 encryption');
    expect(own).not.toContain('Shared S3 encryption');
    expect(textOf(await h.say('readiness', 'bob'))).toContain('Shared S3 encryption');
    // Asking about ann measures ann's exam deck.
    expect(textOf(await h.say('readiness ann', 'bob'))).toContain('Own S3 encryption');
  });
});
