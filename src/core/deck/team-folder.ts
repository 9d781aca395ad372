/**
 * Where a team's own decks (imported in chat) live under the import folder:
 * `<importDir>/teams/<platform>/<teamId>/<deck-id>/`, each name made safe for a file name. Shared by the
 * loader (which reads every team's decks) and the chat importer (which writes one team's), so both
 * name a team's folder the same way.
 */
import path from 'node:path';
import type { TeamScope } from '../context.js';

/** The folder inside the import folder that holds every team's own decks. */
export const TEAM_DECKS_FOLDER = 'teams';

/**
 * Whether `id` may not name a deck: `teams` is the team decks' folder (TEAM_DECKS_FOLDER), so a deck of
 * that id imported into the import folder would be written among the team decks and never load.
 */
export function isReservedDeckId(id: string): boolean {
  return id === TEAM_DECKS_FOLDER;
}

/** Longest folder name a platform or team id becomes (file systems allow 255 bytes). */
const MAX_NAME = 120;

/** A platform or team id as it does not need escaping: letters, digits, underscore, hyphen. */
const PLAIN = /[A-Za-z0-9_-]/;

/**
 * `id` as one file-name segment: letters, digits, `_` and `-` kept; every other character (".", "/",
 * ":", "\\", spaces, non-ASCII) becomes `~` and its UTF-8 bytes in hex, so two ids never share a folder
 * and no id can name "..", a path or a hidden folder. Undefined for an empty id or one whose name would be
 * longer than 120 characters.
 */
export function folderName(id: string): string | undefined {
  let out = '';
  for (const ch of id) {
    out += PLAIN.test(ch) ? ch : [...new TextEncoder().encode(ch)].map((b) => `~${b.toString(16).padStart(2, '0')}`).join('');
  }
  return out === '' || out.length > MAX_NAME ? undefined : out;
}

/**
 * The team's key among the loaded team decks: `<platform folder>/<team folder>` (see folderName), the
 * same string the loader builds from the folders on disk. Undefined when either id cannot be a folder.
 */
export function teamKey(team: TeamScope): string | undefined {
  const platform = folderName(team.platform);
  const teamId = folderName(team.teamId);
  return platform === undefined || teamId === undefined ? undefined : `${platform}/${teamId}`;
}

/**
 * The absolute folder holding `team`'s own decks under `importDir`, or undefined when the team's ids
 * cannot name a folder. The result is checked to lie inside `<importDir>/teams/`.
 */
export function teamDecksDir(importDir: string, team: TeamScope): string | undefined {
  const key = teamKey(team);
  if (key === undefined) return undefined;
  const root = path.resolve(importDir, TEAM_DECKS_FOLDER);
  const dir = path.resolve(root, ...key.split('/'));
  const rel = path.relative(root, dir);
  return rel === '' || rel.startsWith('..') || path.isAbsolute(rel) ? undefined : dir;
}
