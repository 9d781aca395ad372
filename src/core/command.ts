/**
 * The `/kms` grammar as data. `parseCommand` (src/core/parse-command.ts) turns "explain grants"
 * into `{ kind: 'explain', query: 'grants' }`; Discord builds the same objects from typed options.
 *
 * Grammar (the "/kms" prefix is optional in the terminal):
 *   help [subcommand]
 *   explain <term>                      fuzzy lookup over names and aliases (<= 200 characters)
 *   terms [tag]                         list the deck's terms
 *   quiz [tag]                          a practice question only the asker sees
 *   quiz here [tag]                     open a round in the channel (one open on-demand round per channel)
 *   answer <round> <letter>             answer a round (the terminal's stand-in for a button)
 *   close [round]                       close the channel's open on-demand round now and reveal it
 *   scenario [id or words]              a scenario exercise (no argument: list them)
 *   hint <scenario> | reference <scenario> | check <scenario> [points]   scenario follow-ups (terminal)
 *   leaderboard [week|month|30d|all] [here]
 *   stats [user]
 *   subscribe [HH:MM] [IANA zone] [daily|weekdays] [deck]   (admins)
 *   unsubscribe                         (admins)
 *   schedule
 *   forget-me [confirm]
 */

/** Leaderboard period: ISO week / calendar month in the channel's local time, rolling 30 days, all time. */
export type LeaderboardPeriod = 'week' | 'month' | '30d' | 'all';

/** A parsed command. */
export type Command =
  | { kind: 'help'; topic?: string }
  | { kind: 'explain'; query: string }
  | { kind: 'terms'; tag?: string }
  | { kind: 'quiz'; here: boolean; tag?: string }
  | { kind: 'answer'; roundId: number; letter: string }
  | { kind: 'close'; roundId?: number }
  | { kind: 'scenario'; query?: string }
  | { kind: 'hint'; scenarioId: string; count?: number }
  | { kind: 'reference'; scenarioId: string }
  | { kind: 'check'; scenarioId: string; checked?: number[] }
  | { kind: 'leaderboard'; period: LeaderboardPeriod; here: boolean }
  | { kind: 'stats'; user?: string }
  | { kind: 'subscribe'; time?: string; timeZone?: string; cadence?: 'daily' | 'weekdays'; deckId?: string }
  | { kind: 'unsubscribe' }
  | { kind: 'schedule' }
  | { kind: 'forget-me'; confirm: boolean }
  /** Input that did not parse: `problem` says what was wrong, e.g. 'unknown subcommand "explian"'. */
  | { kind: 'invalid'; problem: string; input: string };

/** The subcommand names, in help order. */
export const SUBCOMMANDS = [
  'help',
  'explain',
  'terms',
  'quiz',
  'answer',
  'close',
  'scenario',
  'hint',
  'reference',
  'check',
  'leaderboard',
  'stats',
  'subscribe',
  'unsubscribe',
  'schedule',
  'forget-me',
] as const;
