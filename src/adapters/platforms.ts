/**
 * The chat platforms main can run, one line each: which part of the Config turns a platform on,
 * and how its ChatAdapter is created from that part. Adding a platform is its folder under
 * src/adapters/ plus one line here (and its variables in config.ts). With none configured, main runs
 * the terminal channel instead.
 */
import type { Config } from '../config.js';
import type { ChatAdapter } from '../core/ports/adapter.js';
import type { Logger } from '../core/ports/logger.js';
import { discordAdapter } from './discord/index.js';
import { slackAdapter } from './slack/adapter.js';

/** A platform the config turned on: its id and a factory for its adapter (no network until `start`). */
export interface ConfiguredPlatform {
  platform: string;
  /** Create the adapter. @throws Error when its config is unusable (e.g. a token its mode needs is missing). */
  create(logger: Logger): ChatAdapter;
}

/** One entry of PLATFORMS: `pick` returns the platform's config section, undefined when it is off. */
function platform<C>(id: string, pick: (config: Config) => C | undefined, create: (section: C, logger: Logger) => ChatAdapter) {
  return (config: Config): ConfiguredPlatform | undefined => {
    const section = pick(config);
    return section === undefined ? undefined : { platform: id, create: (logger) => create(section, logger) };
  };
}

const PLATFORMS = [
  platform('slack', (c) => c.slack, (slack, logger) => slackAdapter({ config: slack, logger })),
  platform('discord', (c) => c.discord, (discord, logger) => discordAdapter({ config: discord, logger })),
];

/** The platforms `config` turns on, in PLATFORMS order (the order they start in). Empty: terminal only. */
export function configuredPlatforms(config: Config): ConfiguredPlatform[] {
  return PLATFORMS.map((entry) => entry(config)).filter((p): p is ConfiguredPlatform => p !== undefined);
}
