/**
 * The store ports: everything core persists, as plain typed rows, one port per aggregate (files
 * under ports/store/). Core declares them; src/store/ implements them all with better-sqlite3 (SQL
 * never leaves src/store). Every row is scoped by platform and team. Every method is one
 * transaction and returns a Promise; times are UTC epoch milliseconds; local dates are
 * "YYYY-MM-DD" strings in the channel's time zone (computed by core and passed in). Consumers take
 * only the ports they use; the composition root holds them together as StorePorts.
 */
import type { ActivityPort } from './store/activity.js';
import type { AnswersPort } from './store/answers.js';
import type { BoardsPort } from './store/boards.js';
import type { ChannelDecksPort } from './store/channel-decks.js';
import type { DeckStatsPort } from './store/deck-stats.js';
import type { DeliveriesPort } from './store/deliveries.js';
import type { DigestClaimsPort } from './store/digests.js';
import type { ExamsPort } from './store/exams.js';
import type { InstallationsPort } from './store/installations.js';
import type { ItemQualityPort } from './store/item-quality.js';
import type { MockExamsPort } from './store/mock-exams.js';
import type { PracticeCardsPort } from './store/practice-cards.js';
import type { PrivacyPort } from './store/privacy.js';
import type { ReportsPort } from './store/reports.js';
import type { RoundRefreshClaimsPort } from './store/round-refreshes.js';
import type { RoundsPort } from './store/rounds.js';
import type { SelfScoresPort } from './store/self-scores.js';
import type { StatsPort } from './store/stats.js';
import type { SubscriptionsPort } from './store/subscriptions.js';
import type { UsersPort } from './store/users.js';

export * from './store/activity.js';
export * from './store/answers.js';
export * from './store/boards.js';
export * from './store/channel-decks.js';
export * from './store/deck-stats.js';
export * from './store/deliveries.js';
export * from './store/digests.js';
export * from './store/exams.js';
export * from './store/installations.js';
export * from './store/item-quality.js';
export * from './store/mock-exams.js';
export * from './store/practice-cards.js';
export * from './store/privacy.js';
export * from './store/reports.js';
export * from './store/round-refreshes.js';
export * from './store/rounds.js';
export * from './store/self-scores.js';
export * from './store/stats.js';
export * from './store/subscriptions.js';
export * from './store/users.js';

/** Every store port together: what a backend implements and the composition root passes around. */
export type StorePorts = RoundsPort &
  AnswersPort &
  BoardsPort &
  StatsPort &
  SubscriptionsPort &
  DigestClaimsPort &
  UsersPort &
  SelfScoresPort &
  PracticeCardsPort &
  ChannelDecksPort &
  DeckStatsPort &
  PrivacyPort &
  ReportsPort &
  ItemQualityPort &
  MockExamsPort &
  ActivityPort &
  ExamsPort &
  RoundRefreshClaimsPort &
  DeliveriesPort &
  InstallationsPort;

/** A backend's handle: its ports plus closing the connection (after which no method may be called). */
export interface StoreHandle extends StorePorts {
  close(): Promise<void>;
}
