/**
 * What Slack knows about a user that a Context needs: admin/owner flag, time zone and display name
 * (users.info, needs the `users:read` scope), cached per user for a few minutes.
 */
import type { webApi } from '@slack/bolt';
import type { Logger } from '../../core/ports/logger.js';
import { ExpiringCache } from './expiring-cache.js';
import { singleTeamClients, type TeamClients } from './team-clients.js';
import { classifySlackError } from './web-api-errors.js';

type WebClient = webApi.WebClient;

/** A user's profile as far as the tutor cares. */
export interface SlackUserProfile {
  /** Workspace admin, owner or primary owner. */
  isAdmin: boolean;
  /** IANA time zone from users.info `tz`, when Slack gives one. */
  timeZone?: string;
  /** Display name, else real name, when set. */
  displayName?: string;
}

/** Default cache lifetime: 5 minutes. */
const USER_CACHE_MS = 5 * 60_000;

/** users.info lookups with a per-user cache; concurrent lookups of one user share one call. */
export class UserDirectory {
  private readonly cache: ExpiringCache<string, Promise<SlackUserProfile>>;
  /** The same lookups once answered, for `known`. */
  private readonly answered: ExpiringCache<string, SlackUserProfile>;
  private readonly clients: TeamClients;

  /** `clients`: a client carrying the bot token, or the per-team clients (each team's own token). */
  constructor(
    clients: WebClient | TeamClients,
    private readonly logger: Logger,
    options: { ttlMs?: number; now?: () => number } = {},
  ) {
    this.clients = typeof clients === 'function' ? clients : singleTeamClients(clients);
    this.cache = new ExpiringCache({ ttlMs: options.ttlMs ?? USER_CACHE_MS, now: options.now, maxEntries: 5_000 });
    this.answered = new ExpiringCache({ ttlMs: options.ttlMs ?? USER_CACHE_MS, now: options.now, maxEntries: 5_000 });
  }

  /** The user's profile when a lookup answered it within the cache lifetime, else undefined; never calls Slack. */
  known(teamId: string, userId: string): SlackUserProfile | undefined {
    return this.answered.get(`${teamId}:${userId}`);
  }

  /**
   * The user's profile. Never rejects: when users.info fails (missing scope, network) the user is
   * treated as a non-admin without a time zone, the failure is logged and nothing is cached.
   */
  lookup(teamId: string, userId: string): Promise<SlackUserProfile> {
    const key = `${teamId}:${userId}`;
    const cached = this.cache.get(key);
    if (cached) return cached;
    const pending = this.fetch(teamId, userId).then(
      (profile) => {
        this.answered.set(key, profile);
        return profile;
      },
      (err: unknown) => {
        this.cache.delete(key);
        const { code } = classifySlackError(err);
        this.logger.warn({ method: 'users.info', user: userId, code }, 'users.info failed; treating the user as a non-admin');
        return { isAdmin: false } satisfies SlackUserProfile;
      },
    );
    this.cache.set(key, pending);
    return pending;
  }

  private async fetch(teamId: string, userId: string): Promise<SlackUserProfile> {
    const client = await this.clients(teamId);
    const res = await client.users.info({ user: userId });
    const user = res.user;
    const profile: SlackUserProfile = {
      isAdmin: Boolean(user?.is_admin || user?.is_owner || user?.is_primary_owner),
    };
    if (user?.tz) profile.timeZone = user.tz;
    const name = user?.profile?.display_name?.trim() || user?.profile?.real_name?.trim() || user?.real_name?.trim();
    if (name) profile.displayName = name;
    return profile;
  }
}
