/**
 * Subscriptions and digest claims on PostgreSQL (SubscriptionsPort, DigestClaimsPort). A claim is
 * an INSERT ... ON CONFLICT DO NOTHING: the key decides which of several processes posts.
 */
import type { ChannelScope, } from '../../core/context.js';
import type { NewSubscription, SubscriptionRow } from '../../core/ports/store.js';
import { changes, first, rows, type Sql } from './db.js';
import { type SubscriptionRecord, subscriptionFromRow } from '../records.js';


const CHANNEL = 'platform = $1 AND team_id = $2 AND channel_id = $3';
const key = (c: ChannelScope) => [c.platform, c.teamId, c.channelId];

/** Subscription and digest queries (stateless: every method takes the connection to run on). */
export const subscriptionQueries = {
  /** Create or replace the channel's subscription (clearing any pause); returns the stored row. */
  async upsert(db: Sql, s: NewSubscription): Promise<SubscriptionRow> {
    const r = await first<SubscriptionRecord>(
      db,
      `INSERT INTO subscriptions (platform, team_id, channel_id, deck_id, time, time_zone, cadence, created_by, created_at, paused_reason, paused_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, NULL, NULL)
       ON CONFLICT (platform, team_id, channel_id) DO UPDATE SET deck_id = excluded.deck_id, time = excluded.time,
         time_zone = excluded.time_zone, cadence = excluded.cadence, created_by = excluded.created_by,
         created_at = excluded.created_at, paused_reason = NULL, paused_at = NULL
       RETURNING *`,
      [...key(s), s.deckId, s.time, s.timeZone, s.cadence, s.createdBy, s.createdAt],
    );
    if (r === undefined) throw new Error('subscription upsert returned no row');
    return subscriptionFromRow(r);
  },

  async get(db: Sql, c: ChannelScope): Promise<SubscriptionRow | undefined> {
    const r = await first<SubscriptionRecord>(db, `SELECT * FROM subscriptions WHERE ${CHANNEL}`, key(c));
    return r && subscriptionFromRow(r);
  },

  async list(db: Sql): Promise<SubscriptionRow[]> {
    return (await rows<SubscriptionRecord>(db, 'SELECT * FROM subscriptions ORDER BY platform, team_id, channel_id')).map(subscriptionFromRow);
  },

  async remove(db: Sql, c: ChannelScope): Promise<boolean> {
    return (await changes(db, `DELETE FROM subscriptions WHERE ${CHANNEL}`, key(c))) === 1;
  },

  async pause(db: Sql, c: ChannelScope, reason: string, at: number): Promise<void> {
    await changes(db, `UPDATE subscriptions SET paused_reason = $4, paused_at = $5 WHERE ${CHANNEL}`, [...key(c), reason, at]);
  },

  async claimDigest(db: Sql, c: ChannelScope, isoWeek: string, at: number): Promise<boolean> {
    const claimed = await changes(
      db,
      `INSERT INTO digest_claims (platform, team_id, channel_id, iso_week, claimed_at) VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING`,
      [...key(c), isoWeek, at],
    );
    return claimed === 1;
  },

  async releaseDigest(db: Sql, c: ChannelScope, isoWeek: string): Promise<boolean> {
    return (await changes(db, `DELETE FROM digest_claims WHERE ${CHANNEL} AND iso_week = $4`, [...key(c), isoWeek])) === 1;
  },
};
