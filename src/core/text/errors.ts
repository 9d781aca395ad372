/**
 * Words for failures every feature shares: the apology for a bug and the answers when the store is
 * unavailable (src/core/handlers/replies.ts, store-trouble.ts).
 */
export const ERRORS = {
  apology: {
    title: 'Sorry — something went wrong on my side',
    text: 'That did not work because of an internal error (it has been logged). Please try again.',
  },
  storeBusy: {
    title: 'The database is busy — try again',
    text: 'Another process is writing to the database right now, so that did not go through. Please try again in a moment.',
  },
  storeClosed: {
    title: 'The bot is stopping — try again',
    text: 'The bot was shutting down, so that did not go through. Please try again in a moment, once it is back.',
  },
  storeDamaged: {
    title: 'Sorry — the database is damaged',
    text: 'The bot could not read or save that because its database file is damaged. Stored answers and scores may be missing until whoever runs the bot restores it from a backup.',
  },
} as const;
