/**
 * Command registration: one bulk overwrite (PUT) of the application's commands with every
 * definition (`/kms`, `/kms-admin` and the context menus, commands.ts), on one guild
 * (DISCORD_GUILD_ID: visible at once) or globally (may take up to an hour to appear). discord.js's
 * REST client does the HTTP, rate limits and retries.
 */
import {
  ApplicationCommandType,
  DiscordAPIError,
  HTTPError,
  PermissionFlagsBits,
  REST,
  Routes,
  type APIApplicationCommand,
  type APIApplicationCommandOption,
} from 'discord.js';
import type { DiscordConfig } from '../../config.js';
import { commandDefinitions, type CommandDefinitionOptions } from './commands.js';
import { restOptions } from './rest-options.js';

/** What a registration did. */
export interface RegisterResult {
  scope: 'guild' | 'global';
  /** The guild id for a guild registration. */
  guildId?: string;
  /** The registered commands as Discord returned them. */
  commands: APIApplicationCommand[];
}

/**
 * PUT every definition to `applications/:app/guilds/:guild/commands` (config.guildId set) or
 * `applications/:app/commands`, replacing whatever was registered there before.
 * @throws discord.js's DiscordAPIError (e.g. 401 bad token, 50001 bot not in the guild) or a network error.
 */
export async function registerCommands(config: DiscordConfig, options: CommandDefinitionOptions = {}): Promise<RegisterResult> {
  const rest = new REST({ version: '10', ...restOptions(config) }).setToken(config.token);
  const route = config.guildId
    ? Routes.applicationGuildCommands(config.applicationId, config.guildId)
    : Routes.applicationCommands(config.applicationId);
  const commands = (await rest.put(route, { body: commandDefinitions(options) })) as APIApplicationCommand[];
  return { scope: config.guildId ? 'guild' : 'global', ...(config.guildId ? { guildId: config.guildId } : {}), commands };
}

function describeOptions(options: readonly APIApplicationCommandOption[] | undefined): string[] {
  return (options ?? []).map((sub) => {
    const args = 'options' in sub && Array.isArray(sub.options) ? sub.options.map((o: APIApplicationCommandOption) => `${o.name}:`) : [];
    return [sub.name, ...args].join(' ');
  });
}

/** Human-readable lines for a registration: where, then each command (a chat command with one line per subcommand and its options). */
export function describeRegistration(result: RegisterResult): string[] {
  const where = result.scope === 'guild' ? `guild ${result.guildId} (visible now)` : 'all servers (global; may take up to an hour to appear)';
  const lines = [`Registered ${result.commands.length} command(s) for ${where}:`];
  for (const command of result.commands) {
    if (command.type === ApplicationCommandType.Message || command.type === ApplicationCommandType.User) {
      const on = command.type === ApplicationCommandType.Message ? 'message' : 'user';
      lines.push(`  "${command.name}" (right-click a ${on} → Apps; id ${command.id})`);
      continue;
    }
    const bits = command.default_member_permissions;
    const who = bits ? ` (${bits === String(PermissionFlagsBits.ManageGuild) ? 'Manage Server' : `permissions ${bits}`}; server admins can change who may use it in Server Settings → Integrations)` : '';
    lines.push(`  /${command.name} (id ${command.id})${who}`);
    for (const sub of describeOptions(command.options)) lines.push(`    /${command.name} ${sub}`);
  }
  return lines;
}

/** Default Discord API base, named when DISCORD_API_URL is not set. */
const DISCORD_API = 'https://discord.com/api';

/**
 * The one line `discord:register` prints when registerCommands rejects: a Discord answer (HTTP
 * error, API error) is a refusal; anything else (DNS, connection refused or reset, timeout) means
 * Discord was not reached. `apiUrl` is DISCORD_API_URL when set.
 */
export function registrationFailure(err: unknown, apiUrl?: string): string {
  const message = err instanceof Error ? err.message : String(err);
  if (err instanceof DiscordAPIError || err instanceof HTTPError) return `Discord refused the registration: ${message}`;
  return `Could not reach Discord (${apiUrl ?? DISCORD_API}): ${message}; check the network (and DISCORD_API_URL if set) and try again.`;
}
