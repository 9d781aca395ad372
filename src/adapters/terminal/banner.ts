/** What the terminal channel says when it starts. */
import type { DeckLibrary } from '../../core/deck/library.js';

/** The start-up banner: what this is, who you are, the deck, `help`, and how to connect Slack and Discord. */
export function terminalBanner(user: string, library: DeckLibrary): string {
  const deck = library.defaultDeck;
  const others = library.decks.size > 1 ? ` (+${library.decks.size - 1} more deck${library.decks.size > 2 ? 's' : ''})` : '';
  return [
    `kms-tutor · terminal channel #terminal on team "local", as ${user} (admin)`,
    `Deck: ${deck.meta.title} — ${deck.terms.length} terms, ${deck.questions.length} questions, ${deck.scenarios.length} scenarios${others}`,
    'Type `help` for the commands (try `explain grants`, `quiz`, `quiz here`, `scenario`); `exit` or Ctrl-D leaves.',
    'To connect Slack: set SLACK_BOT_TOKEN with SLACK_APP_TOKEN (Socket Mode) or SLACK_SIGNING_SECRET (HTTP).',
    'To connect Discord: set DISCORD_TOKEN and DISCORD_APPLICATION_ID. See README.md.',
  ].join('\n');
}
