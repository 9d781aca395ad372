/**
 * Builders shared by the store tests: scopes, rounds, answers, temp folders.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ChannelScope, TeamScope } from '../../src/core/context.js';
import type { NewAnswer, NewRound, RoundRow, StorePorts } from '../../src/core/ports/store.js';

export const team: TeamScope = { platform: 'slack', teamId: 'T1' };
export const channel: ChannelScope = { ...team, channelId: 'C1' };
export const otherChannel: ChannelScope = { ...team, channelId: 'C2' };
export const otherTeam: ChannelScope = { platform: 'slack', teamId: 'T2', channelId: 'C1' };
export const discordSameIds: ChannelScope = { platform: 'discord', teamId: 'T1', channelId: 'C1' };

/** A daily round for `localDate` (overrides win). */
export function dailyRound(localDate: string, over: Partial<NewRound> = {}): NewRound {
  return {
    ...channel,
    kind: 'daily',
    deckId: 'kms',
    questionId: `q-${localDate}`,
    choiceOrder: [1, 0, 2],
    correctIndex: 0,
    tags: ['kms', 'ebs'],
    openedBy: null,
    openedAt: Date.parse(`${localDate}T09:00:00Z`),
    closesAt: null,
    localDate,
    ...over,
  };
}

/** An on-demand channel round. */
export function channelRound(over: Partial<NewRound> = {}): NewRound {
  return {
    ...channel,
    kind: 'channel',
    deckId: 'kms',
    questionId: 'q-channel',
    choiceOrder: [0, 1, 2],
    correctIndex: 1,
    tags: ['s3'],
    openedBy: 'U9',
    openedAt: 1_000,
    closesAt: 1_000 + 15 * 60_000,
    localDate: null,
    ...over,
  };
}

/** A practice round for one user. */
export function practiceRound(userId: string, over: Partial<NewRound> = {}): NewRound {
  return channelRound({ kind: 'practice', openedBy: userId, closesAt: null, questionId: 'q-practice', tags: ['rds'], ...over });
}

/** An answer to `round`: correct answers score 1 point on daily/channel rounds. */
export function answer(round: RoundRow, userId: string, over: Partial<NewAnswer> = {}): NewAnswer {
  const correct = over.correct ?? true;
  return {
    round,
    userId,
    userName: `name-${userId}`,
    letter: correct ? 'B' : 'A',
    choiceIndex: correct ? round.correctIndex : (round.correctIndex + 1) % 3,
    correct,
    points: correct && round.kind !== 'practice' ? 1 : 0,
    answeredAt: (round.openedAt ?? 0) + 60_000,
    localDate: round.localDate ?? '2026-01-05',
    ...over,
  };
}

/** Create a daily round and record answers by `users` (all correct unless listed in `wrong`). */
export async function playDaily(store: StorePorts, localDate: string, users: string[], wrong: string[] = []): Promise<RoundRow> {
  const round = await store.createRound(dailyRound(localDate));
  for (const u of users) await store.recordAnswer(answer(round, u, { correct: !wrong.includes(u) }));
  return round;
}

/** A fresh temp folder; call the returned cleanup in afterEach. */
export function tempDir(): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'kms-store-'));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}
