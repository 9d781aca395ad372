/**
 * The answer-count edit with two processes on one database (two RoundServices, each with its own
 * store connection and timers, posting into the same chat): the edit is claimed in the database,
 * so answers on both make one edit per window between them, not one each; and a count edit that
 * lands after the other process revealed the round is followed by the reveal again.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RoundRow, StoreHandle } from '../../src/core/ports/store.js';
import { RoundService } from '../../src/core/rounds.js';
import { openStore } from '../../src/store/index.js';
import { tempDir } from '../store/fixtures.js';
import { RecordingPoster } from '../support/recording-poster.js';
import { ctxFor, makeDeps, T0 } from './helpers.js';

interface Proc {
  store: StoreHandle;
  deps: ReturnType<typeof makeDeps>;
  service: RoundService;
}

let tmp: ReturnType<typeof tempDir>;
let chat: RecordingPoster;
let a: Proc;
let b: Proc;

function proc(path: string): Proc {
  const store = openStore(path);
  const deps = makeDeps(store, { posters: { terminal: chat } });
  return { store, deps, service: new RoundService(deps) };
}

beforeEach(() => {
  tmp = tempDir();
  chat = new RecordingPoster('terminal');
  const path = `${tmp.dir}/shared.db`;
  a = proc(path);
  b = proc(path);
});
afterEach(async () => {
  for (const p of [a, b]) {
    p.service.dispose();
    await p.store.close();
  }
  tmp.cleanup();
});

const at = (ms: number) => new Date(T0.getTime() + ms);

async function openRound(): Promise<RoundRow> {
  await a.service.openChannelRound(ctxFor('olivia'));
  const round = await a.store.openChannelRound(ctxFor('olivia'));
  if (!round) throw new Error('no round opened');
  return round;
}

async function settled(): Promise<void> {
  await a.service.settled();
  await b.service.settled();
}

describe('answer-count edits over two processes', () => {
  it('one edit per window between them: the leading one, then one trailing edit showing every answer', async () => {
    const round = await openRound();
    for (let i = 0; i < 8; i++) {
      const p = i % 2 === 0 ? a : b;
      await p.service.answer(round.id, 'A', ctxFor(`learner${i}`, at(500 * i)));
      await settled();
    }
    expect(chat.updates).toHaveLength(1);
    // Each process's window ends; both try the trailing edit, one gets it.
    a.deps.fakeTimers.advance(10_000);
    b.deps.fakeTimers.advance(10_000);
    await settled();
    expect(chat.updates).toHaveLength(2);
    expect(chat.updates[1]?.reply.round).toEqual({ id: round.id, state: 'open', answered: 8 });

    // A quiet spell: nothing more from either.
    a.deps.fakeTimers.advance(60_000);
    b.deps.fakeTimers.advance(60_000);
    await settled();
    expect(chat.updates).toHaveLength(2);
  });

  it('a count edit that lands after the other process revealed the round is followed by the reveal', async () => {
    const round = await openRound();
    // a's edits reach the chat only when released: its count edit is on the wire meanwhile.
    let entered = () => {};
    const onTheWire = new Promise<void>((resolve) => {
      entered = resolve;
    });
    let release = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    a.deps.posters.terminal = {
      platform: 'terminal',
      post: (channelId, reply) => chat.post(channelId, reply),
      sendDirect: (userId, reply) => chat.sendDirect(userId, reply),
      update: async (ref, reply) => {
        entered();
        await held;
        return chat.update(ref, reply);
      },
    };
    await a.service.answer(round.id, 'A', ctxFor('ann', at(1_000)));
    await onTheWire;
    // b closes the round and its reveal reaches the chat first; then a's count edit lands.
    await b.service.close(ctxFor('olivia', at(2_000)));
    expect(chat.updates.map((u) => u.reply.round?.state)).toEqual(['closed']);
    release();
    await settled();
    const states = chat.updates.map((u) => u.reply.round?.state);
    expect(states).toEqual(['closed', 'open', 'closed']);
  });
});
