/**
 * Which gateway shards the discord.js client opens. discord.js does the sharding itself (one
 * WebSocket per shard, identify throttling by `max_concurrency`, READY once every shard is ready);
 * this only turns DISCORD_SHARDS / DISCORD_SHARD_COUNT into its client options.
 */
import type { ClientOptions } from 'discord.js';
import type { DiscordConfig } from '../../config.js';

/**
 * The client's `shards` / `shardCount` options: `{ shards: 'auto' }` (the count `GET /gateway/bot`
 * recommends, all in this process) when no subset is configured, else the configured ids out of the
 * bot's total count (another process or host opens the rest).
 */
export function shardOptions(config: Pick<DiscordConfig, 'shards'>): Pick<ClientOptions, 'shards' | 'shardCount'> {
  if (config.shards === undefined) return { shards: 'auto' };
  return { shards: config.shards.ids, shardCount: config.shards.count };
}
