/**
 * The Context of a terminal event: team "local", channel "terminal", the named user, an admin
 * (everyone is, in the terminal), in the system's time zone.
 */
import { userInfo } from 'node:os';
import type { Context, Surface } from '../../core/context.js';

/** The terminal's team and channel ids. */
export const TERMINAL_TEAM = 'local';
export const TERMINAL_CHANNEL = 'terminal';

/** The terminal's words: no command prefix, everyone is an admin, no invitation needed. */
export const TERMINAL_SURFACE: Surface = {
  commandPrefix: '',
  adminRule: 'everyone at the terminal',
  inviteHint: 'The terminal channel needs no invitation; check that the terminal is still open',
};

/** The OS user name, or "me" when it cannot be read. */
export function defaultUserName(): string {
  try {
    return userInfo().username || 'me';
  } catch {
    return 'me';
  }
}

/** The system's IANA time zone, or undefined when it cannot be determined. */
function systemTimeZone(): string | undefined {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || undefined;
  } catch {
    return undefined;
  }
}

/** A terminal user name: trimmed, at most 40 characters, without spaces (ids are names here). */
export function cleanUserName(raw: string): string | undefined {
  const name = raw.trim();
  return /^[\p{L}\p{N}._-]{1,40}$/u.test(name) ? name : undefined;
}

/** The Context for one terminal line typed by `user` at `now`. */
export function terminalContext(user: string, now: Date, timeZone = systemTimeZone()): Context {
  return {
    platform: 'terminal',
    teamId: TERMINAL_TEAM,
    channelId: TERMINAL_CHANNEL,
    userId: user,
    userName: user,
    isAdmin: true,
    isDirectMessage: false,
    ...(timeZone ? { userTimeZone: timeZone } : {}),
    now,
    surface: TERMINAL_SURFACE,
  };
}
