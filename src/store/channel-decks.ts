/** The channel_decks table (migration 6): the deck each channel studies; and answers counted per deck. */
import type Database from 'better-sqlite3';
import type { ChannelScope, TeamScope } from '../core/context.js';
import type { ChannelDeckRow, DeckTally } from '../core/ports/store.js';
import { userAnswersSql } from './user-answers.js';

/** A channel_decks row as SQLite returns it. */
interface ChannelDeckRecord {
  platform: string;
  team_id: string;
  channel_id: string;
  deck_id: string;
  set_by: string;
  set_at: number;
}

/** Prepared statements over `channel_decks`. */
export class ChannelDeckTable {
  private readonly upsert: Database.Statement;
  private readonly byChannel: Database.Statement;

  constructor(db: Database.Database) {
    this.upsert = db.prepare(`
      INSERT INTO channel_decks (platform, team_id, channel_id, deck_id, set_by, set_at)
      VALUES (@platform, @teamId, @channelId, @deckId, @setBy, @setAt)
      ON CONFLICT DO UPDATE SET deck_id = excluded.deck_id, set_by = excluded.set_by, set_at = excluded.set_at`);
    this.byChannel = db.prepare('SELECT * FROM channel_decks WHERE platform = ? AND team_id = ? AND channel_id = ?');
  }

  /** Set or replace the channel's deck. */
  set(row: ChannelDeckRow): ChannelDeckRow {
    this.upsert.run({ platform: row.platform, teamId: row.teamId, channelId: row.channelId, deckId: row.deckId, setBy: row.setBy, setAt: row.setAt });
    return this.get(row) ?? row;
  }

  /** The channel's deck row, or undefined. */
  get(channel: ChannelScope): ChannelDeckRow | undefined {
    const r = this.byChannel.get(channel.platform, channel.teamId, channel.channelId) as ChannelDeckRecord | undefined;
    return r && { platform: r.platform, teamId: r.team_id, channelId: r.channel_id, deckId: r.deck_id, setBy: r.set_by, setAt: r.set_at };
  }
}

/** Per-deck answer counts (answers joined to their rounds' deck). */
export class DeckStatsQuery {
  private readonly byUser: Database.Statement;

  constructor(db: Database.Database) {
    this.byUser = db.prepare(`
      SELECT deckId, COUNT(*) AS answered, SUM(correct) AS correct
      FROM (${userAnswersSql('r.deck_id AS deckId, a.correct AS correct')})
      GROUP BY deckId ORDER BY deckId`);
  }

  /** See DeckStatsPort.deckTallies. */
  tallies(scope: TeamScope, userId: string): DeckTally[] {
    return this.byUser.all({ platform: scope.platform, teamId: scope.teamId, userId }) as DeckTally[];
  }
}
