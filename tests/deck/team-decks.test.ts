/**
 * Each team's own decks (imported in chat) under `<IMPORT_DIR>/teams/<platform>/<team>/<deck-id>/`:
 * the folder names (team-folder.ts: safe for a file name, never escaping the folder), the loader
 * (team decks are not DECKS_PATH decks; a broken one or one repeating a shared id is skipped) and the
 * library's team views (DeckLibrary.forTeam: shared decks plus the team's own, nothing of another team's).
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadLibrary, type SkippedDeck } from '../../src/core/deck/loader.js';
import { folderName, teamDecksDir, teamKey } from '../../src/core/deck/team-folder.js';
import { chatImporter } from '../../src/import/chat-import.js';
import { runImport } from '../../src/import/run-import.js';
import { FIXTURE_CONTENT as CORE_CONTENT } from '../core/harness.js';
import { FIXTURE_CONTENT, FIXTURE_DECK } from './fixture-content.js';

const MINI_KMS = path.join(FIXTURE_CONTENT, 'decks', FIXTURE_DECK);
const SHARED = path.join(CORE_CONTENT, 'decks', 'mini-deck');
const CHAPTER = path.resolve(import.meta.dirname, '..', 'import', 'fixtures', 'chapter-09-in-transit.txt');
const A = { platform: 'discord', teamId: '1200000000000000003' };
const B = { platform: 'discord', teamId: '1299999999999999999' };

let importDir: string;
let skipped: SkippedDeck[];
const teamsDir = () => path.join(importDir, 'teams');

/** Load the core fixture (shared deck "mini-deck") with `importDir` as DECKS_PATH and IMPORT_DIR. */
function load() {
  skipped = [];
  return loadLibrary(CORE_CONTENT, { extraDirs: [importDir], teamsDir: teamsDir(), skipped });
}

/** Copy the mini-kms fixture deck as `id` into `dir`. */
function copyDeck(from: string, dir: string, id: string): void {
  const to = path.join(dir, id);
  cpSync(from, to, { recursive: true });
  const meta = path.join(to, 'deck.yaml');
  writeFileSync(meta, readFileSync(meta, 'utf8').replace(/^id: .*$/m, `id: ${id}`));
}

beforeEach(() => {
  importDir = mkdtempSync(path.join(tmpdir(), 'kms-team-lib-'));
});
afterEach(() => {
  rmSync(importDir, { recursive: true, force: true });
});

describe('team folder names', () => {
  it('keep letters, digits, _ and -; write every other character as ~ and its UTF-8 bytes; refuse empty and overlong ids', () => {
    expect(folderName('1200000000000000003')).toBe('1200000000000000003');
    expect(folderName('T0001')).toBe('T0001');
    expect(folderName('dm:1100000000000000025')).toBe('dm~3a1100000000000000025');
    expect(folderName('../..')).toBe('~2e~2e~2f~2e~2e');
    expect(folderName('a/b\\c')).toBe('a~2fb~5cc');
    expect(folderName('é')).toBe('~c3~a9');
    // "~" itself is escaped, so an id spelling an escape never shares another id's folder.
    expect(folderName('~2e')).not.toBe(folderName('.'));
    expect(folderName('')).toBeUndefined();
    expect(folderName('x'.repeat(121))).toBeUndefined();
    expect(teamKey({ platform: 'slack', teamId: 'T0001' })).toBe('slack/T0001');
    expect(teamKey({ platform: 'slack', teamId: '' })).toBeUndefined();
  });

  it('a team id with path characters stays inside <importDir>/teams/', () => {
    for (const teamId of ['../../etc', '/abs/path', '..', '.', 'a/../../b', '\\..\\..', 'x\0y']) {
      const dir = teamDecksDir(importDir, { platform: 'discord', teamId });
      expect(dir, teamId).toBeDefined();
      const rel = path.relative(teamsDir(), dir ?? '');
      expect(rel.startsWith('..') || path.isAbsolute(rel), teamId).toBe(false);
      expect(rel.split(path.sep), teamId).toHaveLength(2);
    }
    expect(teamDecksDir(importDir, { platform: '..', teamId: '..' })).toBe(path.join(teamsDir(), '~2e~2e', '~2e~2e'));
  });

  it('the chat importer writes a hostile team id’s deck inside its escaped folder and nowhere else', async () => {
    const bytes = readFileSync(CHAPTER);
    const importer = chatImporter({ decksDir: importDir, fetch: async () => new Response(bytes) });
    const outcome = await importer.importFile(
      { name: 'chapter-09-in-transit.txt', size: bytes.byteLength, url: 'https://cdn.discordapp.com/attachments/1/2/chapter-09-in-transit.txt' },
      { deckId: 'tls', team: { platform: 'discord', teamId: '../../escaped' }, sharedIds: new Set() },
    );
    expect(outcome).toMatchObject({ status: 'imported', deckId: 'tls' });
    expect(readdirSync(importDir)).toEqual(['teams']);
    expect(existsSync(path.join(teamsDir(), 'discord', '~2e~2e~2f~2e~2e~2fescaped', 'tls', 'deck.yaml'))).toBe(true);
    expect(existsSync(path.join(importDir, '..', 'escaped'))).toBe(false);
    // An empty team id names no folder: refused before anything is fetched.
    const refused = await importer.importFile({ name: 'x.txt', size: 1, url: 'https://cdn.discordapp.com/x' }, { team: { platform: 'discord', teamId: '' }, sharedIds: new Set() });
    expect(refused).toMatchObject({ status: 'refused', problem: 'this team has no deck folder (its id cannot name one)' });
  });
});

describe('loading team decks', () => {
  it('no teams folder: the library is the shared decks, and every team sees the shared library itself', () => {
    const library = load();
    expect([...library.decks.keys()]).toEqual(['mini-deck']);
    expect(library.forTeam(A)).toBe(library);
    expect(skipped).toEqual([]);
  });

  it('a team’s deck is in its view only; the teams folder is not read as a DECKS_PATH deck', () => {
    copyDeck(MINI_KMS, path.join(teamsDir(), 'discord', A.teamId), 'a-own');
    copyDeck(MINI_KMS, path.join(teamsDir(), 'discord', B.teamId), 'b-own');
    const library = load();
    expect(skipped).toEqual([]);
    expect([...library.decks.keys()]).toEqual(['mini-deck']);
    const a = library.forTeam(A);
    expect([...a.decks.keys()]).toEqual(['mini-deck', 'a-own']);
    expect(a.defaultDeck.meta.id).toBe('mini-deck');
    expect([...library.forTeam(B).decks.keys()]).toEqual(['mini-deck', 'b-own']);
    expect(library.forTeam({ platform: 'slack', teamId: A.teamId })).toBe(library);
    // A view is built once per team and answers for other teams as the shared library does.
    expect(library.forTeam(A)).toBe(a);
    expect(a.forTeam(B)).toBe(library.forTeam(B));
    expect(a.forTeam({ platform: 'slack', teamId: 'T0001' })).toBe(library);
    // Views are remembered by raw team ids, a bounded memory: after more teams than it holds, each
    // team still sees exactly its own decks.
    for (let i = 0; i < 10_050; i++) expect(library.forTeam({ platform: 'discord', teamId: `G${i}` })).toBe(library);
    expect(library.forTeam(A)).toBe(a);
    expect([...library.forTeam(B).decks.keys()]).toEqual(['mini-deck', 'b-own']);
  });

  it('a view’s lookups reach the team’s own terms and scenarios; the shared library’s and another team’s do not', () => {
    copyDeck(MINI_KMS, path.join(teamsDir(), 'discord', A.teamId), 'a-own');
    const library = load();
    const a = library.forTeam(A);
    expect(a.lookupTerm('AWS KMS (Key Management Service)')).toMatchObject({ status: 'found', match: { deckId: 'a-own' } });
    expect(library.lookupTerm('AWS KMS (Key Management Service)')).not.toMatchObject({ status: 'found', match: { deckId: 'a-own' } });
    expect(library.forTeam(B).lookupTerm('AWS KMS (Key Management Service)')).not.toMatchObject({ status: 'found', match: { deckId: 'a-own' } });
    expect(a.findScenario('cross-account-snapshot')).toMatchObject({ status: 'found', deckId: 'a-own' });
    expect(library.findScenario('cross-account-snapshot')).not.toMatchObject({ status: 'found' });
    expect(a.suggestTerms('AWS KMS (Key', 5).some((m) => m.deckId === 'a-own')).toBe(true);
    expect(library.suggestTerms('AWS KMS (Key', 5).some((m) => m.deckId === 'a-own')).toBe(false);
  });

  it('a team deck repeating a shared id, or failing its check, is skipped with one line; the team’s other decks load', () => {
    const own = path.join(teamsDir(), 'discord', A.teamId);
    copyDeck(SHARED, own, 'mini-deck');
    copyDeck(MINI_KMS, own, 'broken');
    writeFileSync(path.join(own, 'broken', 'terms.yaml'), readFileSync(path.join(own, 'broken', 'terms.yaml'), 'utf8').replace('name: AWS KMS (Key Management Service)', 'name: ""'));
    copyDeck(MINI_KMS, own, 'fine');
    // An import's hidden staging folder is not a deck.
    mkdirSync(path.join(own, '.import-x-1'), { recursive: true });
    const library = load();
    expect([...library.forTeam(A).decks.keys()]).toEqual(['mini-deck', 'fine']);
    expect(library.forTeam(A).get('mini-deck')?.dir).toBe(path.join(CORE_CONTENT, 'decks', 'mini-deck'));
    expect(skipped.map((s) => path.basename(s.dir))).toEqual(['broken', 'mini-deck']);
    expect(skipped[0]?.reason).toMatch(/broken\/terms\.yaml: item "aws-kms", field "name"/);
    expect(skipped[1]?.reason).toContain('deck id "mini-deck" is a shared deck\'s; the team\'s own copy is refused');
    // The team's view (and the shared library) know which own deck a shared one shadows; other teams have none.
    expect(library.shadowedOwn(A)).toEqual(['mini-deck']);
    expect(library.forTeam(A).shadowedOwn(A)).toEqual(['mini-deck']);
    expect(library.shadowedOwn(B)).toEqual([]);
  });

  it('the deck id "teams" is reserved: the CLI and the chat importer refuse it, and a deck found there or of that id is skipped with one line (s7 newcomer #2)', async () => {
    copyDeck(MINI_KMS, path.join(teamsDir(), 'discord', A.teamId), 'own-deck');
    const why = '"teams" is a reserved deck id (it names the folder that holds every team\'s own decks)';
    for (const force of [[], ['--force']]) {
      const cli = runImport([CHAPTER, '--out', importDir, '--id', 'teams', ...force]);
      expect(cli.exitCode).toBe(1);
      expect(cli.lines).toEqual([expect.stringMatching(new RegExp(`^import failed: .*field "id": ${why.replace(/[()]/g, '\\$&')}; nothing written$`))]);
    }
    expect(readdirSync(teamsDir())).toEqual(['discord']);
    const bytes = readFileSync(CHAPTER);
    const importer = chatImporter({ decksDir: importDir, fetch: async () => new Response(bytes) });
    const chat = await importer.importFile({ name: 'chapter-09-in-transit.txt', size: bytes.byteLength, url: 'https://cdn.discordapp.com/attachments/1/2/chapter-09-in-transit.txt' }, { deckId: 'teams', team: A, sharedIds: new Set() });
    expect(chat).toMatchObject({ status: 'refused', problem: expect.stringContaining(why) });
    expect(readdirSync(path.join(teamsDir(), 'discord', A.teamId))).toEqual(['own-deck']);

    // Written by an earlier version: a deck in the teams folder itself, and a DECKS_PATH deck of id teams elsewhere.
    for (const name of ['deck.yaml', 'terms.yaml', 'questions.yaml', 'scenarios.yaml']) cpSync(path.join(MINI_KMS, name), path.join(teamsDir(), name));
    const elsewhere = mkdtempSync(path.join(tmpdir(), 'kms-team-lib-other-'));
    try {
      copyDeck(MINI_KMS, elsewhere, 'teams');
      skipped = [];
      const library = loadLibrary(CORE_CONTENT, { extraDirs: [importDir, elsewhere], teamsDir: teamsDir(), skipped });
      expect([...library.decks.keys()]).toEqual(['mini-deck']);
      expect([...library.forTeam(A).decks.keys()]).toEqual(['mini-deck', 'own-deck']);
      expect(skipped.map((s) => s.dir)).toEqual([path.join(elsewhere, 'teams'), teamsDir()]);
      expect(skipped[0]?.reason).toMatch(/teams\/deck\.yaml: item "teams", field "id": "teams" is a reserved deck id \(it names the folder that holds every team's own decks\); give the deck another id$/);
      expect(skipped[1]?.reason).toMatch(/teams\/deck\.yaml: "teams" is a reserved deck id \(it names the folder that holds every team's own decks\); the deck there is not loaded$/);
    } finally {
      rmSync(elsewhere, { recursive: true, force: true });
    }
  });

  it('decks written flat into IMPORT_DIR by earlier versions stay shared', () => {
    copyDeck(MINI_KMS, importDir, 'old-import');
    copyDeck(MINI_KMS, path.join(teamsDir(), 'discord', A.teamId), 'a-own');
    const library = load();
    expect([...library.decks.keys()]).toEqual(['mini-deck', 'old-import']);
    expect([...library.forTeam(B).decks.keys()]).toEqual(['mini-deck', 'old-import']);
    expect([...library.forTeam(A).decks.keys()]).toEqual(['mini-deck', 'old-import', 'a-own']);
  });
});
