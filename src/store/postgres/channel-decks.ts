/** Channel decks on PostgreSQL (ChannelDecksPort): the deck each channel studies. */
import type { ChannelScope, Platform } from '../../core/context.js';
import type { ChannelDeckRow } from '../../core/ports/store.js';
import { first, type Sql } from './db.js';

interface ChannelDeckRecord {
  platform: string;
  team_id: string;
  channel_id: string;
  deck_id: string;
  set_by: string;
  set_at: number;
}

/** Channel deck queries (stateless: every method takes the connection to run on). */
export const channelDeckQueries = {
  /** Set or replace the channel's deck; returns the stored row. */
  async set(db: Sql, row: ChannelDeckRow): Promise<ChannelDeckRow> {
    const r = await first<ChannelDeckRecord>(
      db,
      `INSERT INTO channel_decks (platform, team_id, channel_id, deck_id, set_by, set_at) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (platform, team_id, channel_id) DO UPDATE SET deck_id = excluded.deck_id, set_by = excluded.set_by, set_at = excluded.set_at
       RETURNING *`,
      [row.platform, row.teamId, row.channelId, row.deckId, row.setBy, row.setAt],
    );
    return r ? fromRecord(r) : row;
  },

  async get(db: Sql, c: ChannelScope): Promise<ChannelDeckRow | undefined> {
    const r = await first<ChannelDeckRecord>(db, 'SELECT * FROM channel_decks WHERE platform = $1 AND team_id = $2 AND channel_id = $3', [
      c.platform,
      c.teamId,
      c.channelId,
    ]);
    return r && fromRecord(r);
  },
};

function fromRecord(r: ChannelDeckRecord): ChannelDeckRow {
  return { platform: r.platform as Platform, teamId: r.team_id, channelId: r.channel_id, deckId: r.deck_id, setBy: r.set_by, setAt: r.set_at };
}
