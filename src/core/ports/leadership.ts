/**
 * Leadership: which of several processes sharing one database runs the scheduled work (daily
 * posts, digests, closing due rounds, reminders). The database's keys already make that work
 * happen once; a leader keeps the others from even trying. A backend without a shared lock lets
 * every process lead.
 */

/** Whether this process leads now. */
export interface Leadership {
  /**
   * True while this process holds the lead (taking it when it is free); false while another process
   * holds it or the database cannot be reached. Called once a minute: a leader that died is
   * replaced within about a minute. Never rejects.
   */
  isLeader(): Promise<boolean>;
  /** Give the lead up (shutdown), so another process takes it at its next check. Never rejects. */
  release(): Promise<void>;
}

/** Every process leads (SQLite on one machine: the database's keys keep the work single). */
export const everyProcessLeads: Leadership = {
  isLeader: async () => true,
  release: async () => {},
};
