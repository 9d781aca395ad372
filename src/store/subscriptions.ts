/**
 * The subscriptions table (one daily-quiz subscription per channel) and the digest_claims table
 * (one weekly digest per channel and ISO week). `subscriptionFromRow` is the one place a row
 * becomes a SubscriptionRow.
 */
import type Database from 'better-sqlite3';
import type { ChannelScope, } from '../core/context.js';
import type { NewSubscription, SubscriptionRow } from '../core/ports/store.js';
import { channelParams } from './rounds.js';
import { type SubscriptionRecord, subscriptionFromRow } from './records.js';

/** A subscriptions row as SQLite returns it. */

const channelKey = 'platform = @platform AND team_id = @teamId AND channel_id = @channelId';

/** Prepared statements over `subscriptions` and `digest_claims`. */
export class SubscriptionTable {
  private readonly upsert: Database.Statement;
  private readonly byChannel: Database.Statement;
  private readonly all: Database.Statement;
  private readonly remove: Database.Statement;
  private readonly pause: Database.Statement;
  private readonly claim: Database.Statement;
  private readonly release: Database.Statement;

  constructor(db: Database.Database) {
    this.upsert = db.prepare(`
      INSERT INTO subscriptions (platform, team_id, channel_id, deck_id, time, time_zone, cadence,
                                 created_by, created_at, paused_reason, paused_at)
      VALUES (@platform, @teamId, @channelId, @deckId, @time, @timeZone, @cadence, @createdBy, @createdAt, NULL, NULL)
      ON CONFLICT DO UPDATE SET deck_id = excluded.deck_id, time = excluded.time, time_zone = excluded.time_zone,
        cadence = excluded.cadence, created_by = excluded.created_by, created_at = excluded.created_at,
        paused_reason = NULL, paused_at = NULL`);
    // Positional parameters: cheaper to bind than an object, and subscriptions are read often.
    this.byChannel = db.prepare('SELECT * FROM subscriptions WHERE platform = ? AND team_id = ? AND channel_id = ?');
    this.all = db.prepare('SELECT * FROM subscriptions ORDER BY platform, team_id, channel_id');
    this.remove = db.prepare(`DELETE FROM subscriptions WHERE ${channelKey}`);
    this.pause = db.prepare(`UPDATE subscriptions SET paused_reason = @reason, paused_at = @at WHERE ${channelKey}`);
    this.claim = db.prepare(`
      INSERT INTO digest_claims (platform, team_id, channel_id, iso_week, claimed_at)
      VALUES (@platform, @teamId, @channelId, @isoWeek, @at)
      ON CONFLICT DO NOTHING`);
    this.release = db.prepare(`DELETE FROM digest_claims WHERE ${channelKey} AND iso_week = @isoWeek`);
  }

  /** Create or replace the channel's subscription (clearing any pause); returns the stored row. */
  upsertSubscription(sub: NewSubscription): SubscriptionRow {
    this.upsert.run({
      ...channelParams(sub),
      deckId: sub.deckId,
      time: sub.time,
      timeZone: sub.timeZone,
      cadence: sub.cadence,
      createdBy: sub.createdBy,
      createdAt: sub.createdAt,
    });
    return this.get(sub) as SubscriptionRow;
  }

  get(channel: ChannelScope): SubscriptionRow | undefined {
    const record = this.byChannel.get(channel.platform, channel.teamId, channel.channelId) as SubscriptionRecord | undefined;
    return record === undefined ? undefined : subscriptionFromRow(record);
  }

  list(): SubscriptionRow[] {
    return (this.all.all() as SubscriptionRecord[]).map(subscriptionFromRow);
  }

  /** Returns false when there was none. */
  removeSubscription(channel: ChannelScope): boolean {
    return this.remove.run(channelParams(channel)).changes === 1;
  }

  /** Record why posting stopped; a no-op when the channel has no subscription. */
  pauseSubscription(channel: ChannelScope, reason: string, at: number): void {
    this.pause.run({ ...channelParams(channel), reason, at });
  }

  /** Claim the digest of (channel, isoWeek); false when already claimed. */
  claimDigest(channel: ChannelScope, isoWeek: string, at: number): boolean {
    return this.claim.run({ ...channelParams(channel), isoWeek, at }).changes === 1;
  }

  /** Give up the digest claim of (channel, isoWeek); false when there was none. */
  releaseDigest(channel: ChannelScope, isoWeek: string): boolean {
    return this.release.run({ ...channelParams(channel), isoWeek }).changes === 1;
  }
}
