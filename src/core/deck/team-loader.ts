/**
 * Read every team's own decks from the team decks' folder (`<IMPORT_DIR>/teams`, layout
 * `<platform>/<team>/<deck-id>/`, see team-folder.ts), by team key. Used by loadLibrary (loader.ts).
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import type { SkippedDeck } from './loader.js';
import type { Deck } from './schema.js';

/** The visible sub-folders of `dir` (hidden ones such as an import's staging folder are left out), name order. */
function subFolders(dir: string): string[] {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) return [];
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && !entry.name.startsWith('.'))
    .map((entry) => entry.name)
    .sort();
}

/**
 * Each team's decks under `teamsDir`, keyed `<platform folder>/<team folder>` (teamKey in
 * team-folder.ts builds the same key from a TeamScope). `read` loads one deck folder or says in one line
 * why it cannot. A deck that cannot load, or whose id one of `shared` uses (a shared deck always wins),
 * is left out and reported in `skipped`; the ids of the latter are also put in `shadowed`, by team key. A
 * missing `teamsDir` holds no decks (nothing was imported yet).
 */
export function readTeamDecks(
  teamsDir: string,
  shared: readonly Deck[],
  read: (folder: string) => Deck | string,
  skipped?: SkippedDeck[],
  shadowed?: Map<string, string[]>,
): Map<string, Deck[]> {
  const sharedIds = new Set(shared.map((d) => d.meta.id));
  const out = new Map<string, Deck[]>();
  for (const platform of subFolders(teamsDir)) {
    for (const team of subFolders(path.join(teamsDir, platform))) {
      const decks: Deck[] = [];
      for (const name of subFolders(path.join(teamsDir, platform, team))) {
        const folder = path.join(teamsDir, platform, team, name);
        const deck = read(folder);
        if (typeof deck === 'string') skipped?.push({ dir: folder, reason: deck });
        else if (sharedIds.has(deck.meta.id)) {
          skipped?.push({ dir: folder, reason: `${folder}: deck id "${deck.meta.id}" is a shared deck's; the team's own copy is refused` });
          const key = `${platform}/${team}`;
          shadowed?.set(key, [...(shadowed.get(key) ?? []), deck.meta.id]);
        } else decks.push(deck);
      }
      if (decks.length > 0) out.set(`${platform}/${team}`, decks);
    }
  }
  return out;
}
