/**
 * The Discord adapter's own words to users (everything else they read comes from core's catalogues
 * in src/core/text/). Plain strings and small templates, so a translation is a change of this file.
 */

/** What an unknown or malformed button/menu gets. */
export const UNKNOWN_BUTTON_TEXT = "I don't recognise that button. It may be from an older version of the bot; try the command again.";

/** What the user sees when a handler failed unexpectedly. */
export const APOLOGY_TEXT = 'Sorry, something went wrong on my side while handling that (it has been logged). Please try again.';

/** The title of that apology when it is rendered as a Reply. */
export const APOLOGY_TITLE = 'Something went wrong';

/** A slash command of another name reached the bot: `name` is ours (without the slash). */
export const onlyCommand = (name: string) => `I only know /${name}; try /${name} help.`;

/** What the deferred private "thinking" message becomes once a channel reply is posted. */
export const POSTED_IN_CHANNEL = 'Posted in the channel.';

/** The placeholder of a scenario rubric's select menu. */
export const CHECKLIST_PLACEHOLDER = 'Tick the points your answer covered';
