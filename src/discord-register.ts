/**
 * `npm run discord:register`: bulk-overwrite the bot's `/kms` command definition on Discord and
 * print what was registered. With DISCORD_GUILD_ID set, on that one guild (visible at once);
 * otherwise globally (may take up to an hour to appear everywhere).
 *
 * Reads DISCORD_TOKEN, DISCORD_APPLICATION_ID, optional DISCORD_GUILD_ID and DISCORD_API_URL, and
 * CONTENT_DIR (the decks' tags become the `tag:` choices). Exit 0 on success; 1 with a one-line
 * message naming the problem (missing variables, invalid content, Discord refusing the request or
 * not reachable).
 */
import path from 'node:path';
import { registerCommands, describeRegistration, registrationFailure } from './adapters/discord/register.js';
import { loadConfig, ConfigError } from './config.js';
import { loadLibrary } from './core/deck/loader.js';
import { TEAM_DECKS_FOLDER } from './core/deck/team-folder.js';
import { ContentError } from './core/deck/library.js';

async function main(): Promise<number> {
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      return 1;
    }
    throw err;
  }
  if (!config.discord) {
    console.error('discord:register needs DISCORD_TOKEN and DISCORD_APPLICATION_ID (and optionally DISCORD_GUILD_ID) in the environment.');
    return 1;
  }

  let library: ReturnType<typeof loadLibrary>;
  try {
    // Deck choices are the shared decks only: a team's own imported decks (IMPORT_DIR/teams) are not offered to every server.
    library = loadLibrary(config.contentDir, {
      extraDirs: config.decksPath,
      ...(config.importDir ? { teamsDir: path.join(config.importDir, TEAM_DECKS_FOLDER) } : {}),
      ...(config.defaultDeck ? { defaultDeckId: config.defaultDeck } : {}),
    });
  } catch (err) {
    if (err instanceof ContentError) {
      console.error(`Content is invalid; fix it first (npm run content:check):\n${err.message}`);
      return 1;
    }
    throw err;
  }
  const decks = [...library.decks.values()];
  const tags = [...new Set(decks.flatMap((d) => d.meta.tags))];
  const deckIds = decks.map((d) => d.meta.id);

  try {
    const result = await registerCommands(config.discord, { tags, deckIds });
    for (const line of describeRegistration(result)) console.log(line);
    return 0;
  } catch (err) {
    console.error(registrationFailure(err, config.discord.apiUrl));
    return 1;
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(`discord:register failed: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  },
);
