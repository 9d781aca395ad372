/**
 * The store contract's rules for several processes sharing one database (issue 13): the
 * answer-count edit claim, the delivery filter, stored installations (with the team's
 * subscriptions paused on removal), and a forget-me made through one connection seen by another.
 * Through the ports only, like tests/contracts/store.ts; a backend's test file calls
 * `coordinationContract` beside `storeContract`.
 */
import { describe, expect, it } from 'vitest';
import type { StoreHandle } from '../../src/core/ports/store.js';
import { answer, channel, channelRound, otherChannel, otherTeam, team } from '../store/fixtures.js';
import type { StoreFactory } from './store.js';

/** Two connections (as two processes would hold) on one new, empty database; the contract closes both. */
export type SharedStoreFactory = () => Promise<[StoreHandle, StoreHandle]>;

const WINDOW = 10_000;

/**
 * Register the coordination rules for one backend.
 * @param fresh a new store on a new, empty database
 * @param shared two connections on one new, empty database
 */
export function coordinationContract(backend: string, fresh: StoreFactory, shared: SharedStoreFactory): void {
  const withStore = (fn: (store: StoreHandle) => Promise<void>) => async () => {
    const store = await fresh();
    try {
      await fn(store);
    } finally {
      await store.close();
    }
  };
  const withShared = (fn: (a: StoreHandle, b: StoreHandle) => Promise<void>) => async () => {
    const [a, b] = await shared();
    try {
      await fn(a, b);
    } finally {
      await a.close();
      await b.close();
    }
  };

  describe(`store contract, several processes: ${backend}`, () => {
    it(
      'one answer-count edit claim per round and window, over both connections; none for a closed or unknown round',
      withShared(async (a, b) => {
        const round = await a.createRound(channelRound());
        const claims = await Promise.all([a, b, a, b].map((s) => s.claimRoundRefresh(round.id, 1_000, WINDOW)));
        expect(claims.filter(Boolean)).toHaveLength(1);
        expect(await b.claimRoundRefresh(round.id, 1_000 + WINDOW - 1, WINDOW)).toBeUndefined();
        expect(await b.claimRoundRefresh(round.id, 1_000 + WINDOW, WINDOW)).toBeDefined();
        expect(await a.claimRoundRefresh(round.id, 1_000 + WINDOW + 5, WINDOW)).toBeUndefined();
        await a.closeRound(round.id, 30_000);
        expect(await b.claimRoundRefresh(round.id, 100_000, WINDOW)).toBeUndefined();
        expect(await b.claimRoundRefresh(424_242, 100_000, WINDOW)).toBeUndefined();
      }),
    );

    it(
      'a claim returns the round as stored and its tally (answers from either connection), counted by the given number of choices',
      withShared(async (a, b) => {
        const round = await a.createRound(channelRound());
        await a.setRoundMessage(round.id, { platform: round.platform, channelId: round.channelId, messageId: 'm-1' });
        expect((await a.recordAnswer(answer(round, 'U1'))).status).toBe('recorded');
        expect((await b.recordAnswer(answer(round, 'U2', { correct: false }))).status).toBe('recorded');
        expect((await b.recordAnswer(answer(round, 'U3', { letter: 'A', choiceIndex: 0, correct: false }))).status).toBe('recorded');
        const seen: number[] = [];
        const claim = await b.claimRoundRefresh(round.id, 2_000, WINDOW, (r) => {
          seen.push(r.id);
          return 4;
        });
        expect(seen).toEqual([round.id]);
        expect(claim?.round).toEqual({ ...(await a.getRound(round.id)), closedAt: null });
        expect(claim?.round.messageRef).toEqual({ platform: round.platform, channelId: round.channelId, messageId: 'm-1' });
        expect(claim?.tally).toEqual(await a.roundTally(round.id, 4));
        expect(claim?.tally).toEqual({ answered: 3, correct: 1, byChoice: [1, 1, 1, 0] });
        // Without a count: the round's own choice order (three choices here).
        const later = await a.claimRoundRefresh(round.id, 2_000 + WINDOW, WINDOW);
        expect(later?.tally).toEqual({ answered: 3, correct: 1, byChoice: [1, 1, 1] });
      }),
    );

    it(
      'a delivery is first once over both connections, and again only after its memory ran out',
      withShared(async (a, b) => {
        const TTL = 15 * 60_000;
        const firsts = await Promise.all([a, b, a, b].map((s) => s.firstDelivery('trigger:1.2.abc', 5_000, TTL)));
        expect(firsts.filter(Boolean)).toHaveLength(1);
        expect(await a.firstDelivery('trigger:1.2.abd', 5_001, TTL)).toBe(true);
        expect(await b.firstDelivery('trigger:1.2.abc', 5_000 + TTL - 1, TTL)).toBe(false);
        expect(await b.firstDelivery('trigger:1.2.abc', 5_000 + TTL, TTL)).toBe(true);
      }),
    );

    it(
      'deliveries recorded in a batch are repeats for the other connection, keep an earlier fresh time, and expire like single ones',
      withShared(async (a, b) => {
        const TTL = 15 * 60_000;
        await a.recordDeliveries([], 1_000, TTL);
        expect(await b.firstDelivery('trigger:9.1.aaa', 500, TTL)).toBe(true);
        await a.recordDeliveries(['trigger:9.1.aaa', 'trigger:9.1.bbb', 'trigger:9.1.bbb', 'event:Ev9'], 1_000, TTL);
        for (const key of ['trigger:9.1.bbb', 'event:Ev9']) expect(await b.firstDelivery(key, 2_000, TTL)).toBe(false);
        // The earlier record (at 500) kept its time: it runs out at 500 + TTL, not 1,000 + TTL.
        expect(await b.firstDelivery('trigger:9.1.aaa', 500 + TTL, TTL)).toBe(true);
        expect(await b.firstDelivery('trigger:9.1.bbb', 1_000 + TTL - 1, TTL)).toBe(false);
        expect(await b.firstDelivery('event:Ev9', 1_000 + TTL, TTL)).toBe(true);
      }),
    );

    it(
      'stores one installation per team, replaces it, and removing it pauses only that team\'s subscriptions',
      withStore(async (store) => {
        const sub = (c: typeof channel) => ({ ...c, deckId: 'kms', time: '09:00', timeZone: 'UTC', cadence: 'daily' as const, createdBy: 'U1', createdAt: 1 });
        await store.upsertSubscription(sub(channel));
        await store.upsertSubscription(sub(otherChannel));
        await store.pauseSubscription(otherChannel, 'the bot was removed', 7);
        await store.upsertSubscription(sub(otherTeam));
        const row = { ...team, enterpriseId: null, installation: '{"bot":{"token":"xoxb-1"}}', installerId: null, installedAt: 10 };
        await store.saveInstallation(row);
        await store.saveInstallation({ ...otherTeam, enterpriseId: 'E1', installation: '{"bot":{"token":"xoxb-2"},"user":{"id":"U7"}}', installerId: 'U7', installedAt: 11 });
        expect(await store.getInstallation(team)).toEqual(row);
        await store.saveInstallation({ ...row, installation: '{"bot":{"token":"xoxb-3"}}', installedAt: 12 });
        expect(await store.getInstallation(team)).toEqual({ ...row, installation: '{"bot":{"token":"xoxb-3"}}', installedAt: 12 });

        expect(await store.removeInstallation(team, 'the app was uninstalled', 50)).toEqual({ removed: true, pausedSubscriptions: 2 });
        expect(await store.getInstallation(team)).toBeUndefined();
        expect(await store.getSubscription(channel)).toMatchObject({ pausedReason: 'the app was uninstalled', pausedAt: 50 });
        expect(await store.getSubscription(otherChannel)).toMatchObject({ pausedReason: 'the bot was removed', pausedAt: 7 });
        expect(await store.getSubscription(otherTeam)).toMatchObject({ pausedReason: null });
        expect(await store.getInstallation(otherTeam)).toMatchObject({ enterpriseId: 'E1', installerId: 'U7' });
        expect(await store.removeInstallation(team, 'tokens revoked', 60)).toEqual({ removed: false, pausedSubscriptions: 2 });
      }),
    );

    it(
      'a name forgotten through one connection is stored again by the other at the user\'s next answer',
      withShared(async (a, b) => {
        const first = await a.createRound(channelRound());
        expect((await a.recordAnswer(answer(first, 'U1', { userName: 'Ann' }))).status).toBe('recorded');
        expect(await a.findUsers(team, 'Ann')).toEqual([{ userId: 'U1', userName: 'Ann' }]);
        await b.forgetUser(team, 'U1');
        expect(await a.findUsers(team, 'Ann')).toEqual([]);
        await a.closeRound(first.id, 2_000);
        const second = await a.createRound(channelRound({ openedAt: 3_000 }));
        expect((await a.recordAnswer(answer(second, 'U1', { userName: 'Ann', answeredAt: 3_100 }))).status).toBe('recorded');
        expect(await b.findUsers(team, 'Ann')).toEqual([{ userId: 'U1', userName: 'Ann' }]);
        await a.upsertUser(team, 'U2', 'Bob', 4_000);
        await b.forgetUser(team, 'U2');
        await a.upsertUser(team, 'U2', 'Bob', 4_100);
        expect(await b.findUsers(team, 'Bob')).toEqual([{ userId: 'U2', userName: 'Bob' }]);
      }),
    );
  });
}
