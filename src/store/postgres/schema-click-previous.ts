/**
 * PostgreSQL migration 7: click_answer() takes the channel's previous daily date from its caller
 * (issue 13's benchmark goal). The streak rule compares a user's last streak date in the channel with
 * the channel's previous daily date (the greatest local date of its daily rounds before the
 * answered round's). Migrations 5 and 6 read it in a subquery of the round read on every daily
 * click: an index descent and a heap check, set up and torn down per click (measured pinned on the
 * benchmark's full-size community: about 40 µs of the function's server CPU).
 *
 * Now the date is read once with the round, where a click reads its round anyway
 * (rounds.ts, getWithZone, kept for a few seconds in the process's round memory), and passed as a
 * 14th argument, `p_prev` ('' when the channel has no earlier daily round). A caller that did not
 * read it (a mock exam's answer, a round out of the memory) passes NULL and the function reads it
 * as before. The rule and the outcomes are unchanged (tests/contracts/store.ts). A remembered date
 * may lag by the memory's few seconds when another process creates an earlier-dated daily round in
 * the same channel (only a channel's time-zone change can do that), as the remembered zone may
 * (see round-cache.ts).
 *
 * It is an overload: the 13-argument click_answer() of migration 6 stays, so processes of the
 * previous version keep answering while a new one starts.
 */
import { clickAnswerFunction } from './schema-click-answer.js';

export const CLICK_PREVIOUS_SCHEMA = clickAnswerFunction('advisory', 'given');
