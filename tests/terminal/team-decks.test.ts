/**
 * Start-up reads each team's own decks from `<IMPORT_DIR>/teams/<platform>/<team>/` (even when IMPORT_DIR
 * is not a DECKS_PATH folder) and gives them to their team only: `npm run ask` (the terminal's team,
 * "terminal"/"local") lists its own deck and not a Discord guild's; the guild's id is an unknown deck.
 */
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ask, removeTempDirs, tempDir } from './run-cli.js';

const MINI_KMS = path.resolve(import.meta.dirname, '..', 'deck', 'fixtures', 'content', 'decks', 'mini-kms');

afterAll(removeTempDirs);

/** Copy the mini-kms fixture deck into `dir` as deck `id`. */
function copyDeck(dir: string, id: string): void {
  cpSync(MINI_KMS, path.join(dir, id), { recursive: true });
  const meta = path.join(dir, id, 'deck.yaml');
  writeFileSync(meta, readFileSync(meta, 'utf8').replace(/^id: .*$/m, `id: ${id}`));
}

describe('team decks at start-up', () => {
  it('each team sees its own decks from IMPORT_DIR/teams, and no other team’s', async () => {
    const importDir = tempDir();
    copyDeck(path.join(importDir, 'teams', 'terminal', 'local'), 'our-own');
    copyDeck(path.join(importDir, 'teams', 'discord', '1200000000000000003'), 'guild-a-only');
    const env = { DATABASE_PATH: path.join(tempDir(), 'kms.db'), IMPORT_DIR: importDir };
    const decks = await ask(['decks'], env);
    expect(decks.stderr).toBe('');
    expect(decks.stdout).toContain('`kms-encryption-at-rest`');
    expect(decks.stdout).toContain('`our-own`');
    expect(decks.stdout).not.toContain('guild-a-only');
    const foreign = await ask(['deck guild-a-only'], env);
    expect(foreign.stdout).toContain('Unknown deck "guild-a-only"');
    expect(foreign.stdout).not.toContain('guild-a-only,');
  }, 60_000);
});
