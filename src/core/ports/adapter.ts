/**
 * ChatAdapter: what a chat platform (Slack, Discord, the terminal, a fourth one) gives the composition
 * root (src/main.ts). An adapter is created from its config without touching the network, so its
 * Poster can be handed to core at start-up; `start` then connects it and routes its users' events into
 * the TutorApi. Everything core's words need that differs per platform comes from `surface`; the sizes
 * its renderer must respect are in `limits`. The shared contract suite (tests/contracts/adapter.ts)
 * checks every adapter against this port.
 */
import type { Platform, Surface } from '../context.js';
import type { Reply } from '../reply.js';
import type { DailyService, TutorApi } from '../tutor-api.js';
import type { Poster } from './poster.js';
import type { DeliveriesPort, InstallationsPort } from './store.js';

/** What a started adapter calls into. */
interface AdapterServices {
  /** Commands, clicks and autocomplete of the adapter's users. */
  tutor: TutorApi;
  /**
   * Closing due on-demand rounds, for an adapter that runs them itself (the terminal, which has no
   * scheduler). Omitted: due rounds close on the scheduler's tick, `close` or the next answer.
   */
  daily?: Pick<DailyService, 'closeDueRounds'>;
  /**
   * The database, for an adapter that records what several processes must share: the delivery ids
   * it has handled (a platform's retry reaching another process) and its installations per team.
   */
  store?: DeliveriesPort & InstallationsPort;
}

/**
 * Sizes the platform allows, in characters unless named otherwise. The adapter's renderer keeps
 * every message within them (cutting or splitting text) and clips what core hands it (autocomplete
 * suggestions); the contract suite checks rendered replies against them.
 */
export interface AdapterLimits {
  /** Longest autocomplete choice label and value; absent when the platform has no autocomplete. */
  suggestionLength?: number;
  /** Most autocomplete choices in one answer; absent when the platform has no autocomplete. */
  suggestions?: number;
  /** Longest button label shown. */
  buttonLabel: number;
  /** Most buttons on one message. */
  buttonsPerMessage: number;
  /** Most characters of text in one rendered message (longer replies are split into several, or cut). */
  messageText: number;
  /** Platform-specific limits by their documented name (e.g. "embed.description": 4096, "blocks": 50). */
  detail: Readonly<Record<string, number>>;
}

/**
 * One chat platform. `Rendered` is what the platform's renderer produces from a Reply (Block Kit
 * messages, Discord message bodies, terminal text); only the adapter and its tests look inside it.
 */
export interface ChatAdapter<Rendered = unknown> {
  /** The platform id stored with teams, rounds and subscriptions ("slack", "discord", …); never changes. */
  readonly platform: Platform;
  /** Posts and edits channel messages; usable once `start` has resolved. */
  readonly poster: Poster;
  /** The platform's words for the command prefix, admins and invites (also set on every Context it builds). */
  readonly surface: Surface;
  /** See AdapterLimits. */
  readonly limits: AdapterLimits;
  /**
   * Render a Reply as the platform's message(s), each within `limits`. Pure; never throws for any
   * Reply shape. A reply too long for one message becomes several.
   */
  render(reply: Reply): Rendered[];
  /**
   * Connect and start routing events to `services.tutor`. Resolves once the adapter is ready to
   * receive events and post.
   * @throws when it cannot start (bad token, port in use, API unreachable); nothing is left running.
   */
  start(services: AdapterServices): Promise<void>;
  /**
   * Set when the adapter can end by itself (the terminal's user typed `exit`): resolves once it has.
   * Main then shuts everything down. Absent for adapters that run until stopped.
   */
  readonly done?: Promise<void>;
  /** Finish the events in flight (briefly), then disconnect. Safe to call twice, or before `start`. */
  stop(): Promise<void>;
}
