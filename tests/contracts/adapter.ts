/**
 * The contract every chat adapter keeps (src/core/ports/adapter.ts), as one suite each adapter runs
 * against its own fake platform (tests/contracts/<platform>.test.ts):
 * - core is built with the adapter's Poster before the adapter starts (as main does);
 * - every Reply kind renders within the platform's documented limits (checked by the rig on the
 *   platform's real message shapes);
 * - a round posted in a channel, then closed, edits that same platform message with the reveal;
 * - on a platform with threads, the reveal is followed by one reply in the thread under that message;
 * - a click on a closed round is answered in words;
 * - every platform failure the rig can provoke reaches core as the documented PosterFailure;
 * - every Context the adapter built carries its Surface.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Action } from '../../src/core/action.js';
import type { Command } from '../../src/core/command.js';
import type { ChannelScope, Context, TeamScope } from '../../src/core/context.js';
import { loadLibrary } from '../../src/core/deck/loader.js';
import { DailyRounds } from '../../src/core/daily.js';
import type { CoreDeps } from '../../src/core/deps.js';
import type { AdapterLimits, ChatAdapter } from '../../src/core/ports/adapter.js';
import { silentLogger } from '../../src/core/ports/logger.js';
import { PosterError, type PosterFailure } from '../../src/core/ports/poster.js';
import type { StoreHandle } from '../../src/core/ports/store.js';
import type { Reply } from '../../src/core/reply.js';
import { Tutor } from '../../src/core/tutor.js';
import type { TutorApi } from '../../src/core/tutor-api.js';
import { openStore } from '../../src/store/open.js';
import { seededRandom } from '../support/seeded-random.js';
import { REPLY_KINDS } from './replies.js';

/** One platform failure a rig can provoke, and the PosterFailure core must see for it. */
export interface ProvokedFailure {
  /** The platform's own name for it, e.g. "not_in_channel" or "50013 Missing Permissions". */
  name: string;
  expected: PosterFailure;
  /** Make the platform refuse messages posted in a fresh channel this way; returns that channel's id. */
  provoke(): string;
}

/** An adapter on its fake platform, not yet started; the suite builds core and starts it. */
export interface AdapterRig<Rendered> {
  adapter: ChatAdapter<Rendered>;
  /** Where the rig's users type: the channel rounds are posted in. */
  scope: ChannelScope;
  /**
   * Every way one rendered message breaks the platform's documented limits (`limits` are the
   * adapter's own figures, which the rig also compares with the platform's documentation).
   */
  violations(rendered: Rendered, limits: AdapterLimits): string[];
  /** The opener asks for a round in the channel (`quiz here`); resolves once the platform took the request. */
  openRound(): Promise<void>;
  /**
   * The opener clicks the button carrying `action` on platform message `messageId` (the terminal:
   * types its command); resolves once the platform took the click.
   */
  clickAsOpener(action: Action, messageId: string): Promise<void>;
  /** Another user clicks the button carrying `action` on `messageId`; resolves with the words they were shown. */
  clickAsOther(action: Action, messageId: string): Promise<string>;
  /**
   * The platform messages the adapter created and edited in the channel, in order, by message id
   * (replies in threads are not channel messages: they are in `threadReplies`).
   */
  messages(): { created: string[]; edited: string[] };
  /**
   * For a platform with threads (its poster has postInThread): the replies the adapter posted in
   * threads in the channel, in order, each with the id of the channel message it is under.
   */
  threadReplies?(): { parent: string }[];
  /** Platform failures the rig can provoke (none for a channel that cannot fail, like the terminal). */
  failures: ProvokedFailure[];
  /** Stop the fake platform. */
  close(): Promise<void>;
}

/** Poll `check` every 10 ms until it holds; reject naming `what` after 10 s. (A wait, not a timing assertion.) */
export async function waitUntil(check: () => boolean | Promise<boolean>, what: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** A TutorApi that records the Context of every call. */
class RecordingTutor implements TutorApi {
  readonly contexts: Context[] = [];
  constructor(private readonly tutor: Tutor) {}
  private track<T>(ctx: Context, work: Promise<T>): Promise<T> {
    this.contexts.push(ctx);
    return work;
  }
  handleText(text: string, ctx: Context): Promise<Reply> {
    return this.track(ctx, this.tutor.handleText(text, ctx));
  }
  handle(command: Command, ctx: Context): Promise<Reply> {
    return this.track(ctx, this.tutor.handle(command, ctx));
  }
  act(action: Action, ctx: Context): Promise<Reply> {
    return this.track(ctx, this.tutor.act(action, ctx));
  }
  explainTermsIn(text: string, ctx: Context): Promise<Reply> {
    return this.track(ctx, this.tutor.explainTermsIn(text, ctx));
  }
  home(ctx: Context): Promise<Reply> {
    return this.track(ctx, this.tutor.home(ctx));
  }
  refreshUserName(scope: TeamScope, userId: string, displayName: string, now: Date): Promise<void> {
    return this.tutor.refreshUserName(scope, userId, displayName, now);
  }
  suggestTerms(query: string, limit: number) {
    return this.tutor.suggestTerms(query, limit);
  }
  suggestScenarios(query: string, limit: number) {
    return this.tutor.suggestScenarios(query, limit);
  }
  deckChoices() {
    return this.tutor.deckChoices();
  }
}

/** Run the adapter contract against the rig `makeRig` builds. */
export function adapterContract<Rendered>(name: string, makeRig: () => Promise<AdapterRig<Rendered>>): void {
  describe(`the adapter contract: ${name}`, () => {
    let rig: AdapterRig<Rendered>;
    let store: StoreHandle;
    let tutor: Tutor;
    let recording: RecordingTutor;

    beforeAll(async () => {
      rig = await makeRig();
      store = openStore(':memory:');
      // Core is built with the adapter's poster before the adapter starts, as main does.
      const deps: CoreDeps = {
        store,
        library: loadLibrary('content'),
        posters: { [rig.adapter.platform]: rig.adapter.poster },
        logger: silentLogger,
        random: seededRandom(7),
        // Count refreshes never come due here: every edit the suite sees is a round's reveal or count.
        timers: { after: () => () => {} },
        settings: { channelRoundMs: 15 * 60_000, roundRefreshMs: 10_000 },
      };
      tutor = new Tutor(deps);
      recording = new RecordingTutor(tutor);
      await rig.adapter.start({ tutor: recording, daily: new DailyRounds(deps) });
    }, 30_000);

    afterAll(async () => {
      tutor?.rounds.dispose();
      await tutor?.rounds.settled();
      await rig?.adapter.stop();
      await rig?.close();
      store?.close();
    }, 30_000);

    it('declares its platform id, surface and limits', () => {
      expect(rig.adapter.platform).toMatch(/^[a-z][a-z0-9-]*$/);
      expect(rig.adapter.poster.platform).toBe(rig.adapter.platform);
      const { commandPrefix, adminRule, inviteHint } = rig.adapter.surface;
      expect(commandPrefix === '' || commandPrefix.endsWith(' ')).toBe(true);
      expect(adminRule.trim()).not.toBe('');
      expect(inviteHint.trim()).not.toBe('');
      expect(inviteHint.endsWith('.')).toBe(false);
      const { limits } = rig.adapter;
      for (const n of [limits.buttonLabel, limits.buttonsPerMessage, limits.messageText, ...Object.values(limits.detail)]) expect(n).toBeGreaterThan(0);
      expect((limits.suggestionLength === undefined) === (limits.suggestions === undefined)).toBe(true);
    });

    it.each(REPLY_KINDS)('renders $name within the platform limits', ({ reply }) => {
      const rendered = rig.adapter.render(reply);
      expect(rendered.length).toBeGreaterThan(0);
      for (const message of rendered) expect(rig.violations(message, rig.adapter.limits)).toEqual([]);
    });

    it('edits the round message it posted with the reveal (threads: then explains each choice under it), and answers a click on the closed round in words', async () => {
      const before = rig.messages();
      const threadsBefore = rig.threadReplies?.().length ?? 0;
      await rig.openRound();
      await waitUntil(async () => (await store.openChannelRound(rig.scope))?.messageRef != null, 'the round post');
      const round = await store.openChannelRound(rig.scope);
      const ref = (await store.getRound(round!.id))!.messageRef!;
      expect(ref).toMatchObject({ platform: rig.adapter.platform, channelId: rig.scope.channelId });
      const after = rig.messages();
      expect(after.created.slice(before.created.length)).toEqual([ref.messageId]);

      await rig.clickAsOpener({ kind: 'close', roundId: round!.id }, ref.messageId);
      await waitUntil(() => rig.messages().edited.length > after.edited.length, 'the reveal');
      expect((await store.getRound(round!.id))!.closedAt).not.toBeNull();
      const closed = rig.messages();
      expect(closed.created).toEqual(after.created); // no new message: the reveal is an edit
      expect(closed.edited.slice(after.edited.length)).toEqual([ref.messageId]);

      if (rig.adapter.poster.postInThread) {
        // The explanation of every choice goes in the thread under the round message, once.
        expect(rig.threadReplies, 'a rig for a platform with threads lists its thread replies').toBeDefined();
        await waitUntil(() => (rig.threadReplies?.() ?? []).length > threadsBefore, 'the choices thread');
        expect((rig.threadReplies?.() ?? []).slice(threadsBefore)).toEqual([expect.objectContaining({ parent: ref.messageId })]);
      }

      const words = await rig.clickAsOther({ kind: 'answer', roundId: round!.id, letter: 'A' }, ref.messageId);
      expect(words).toMatch(new RegExp(`round #${round!.id} is closed`, 'i'));
      expect((await store.roundTally(round!.id, round!.choiceOrder.length)).answered).toBe(0);
      expect(rig.messages().edited).toEqual(closed.edited);
      expect(rig.messages().created).toEqual(closed.created);
      expect(rig.threadReplies?.().length ?? 0).toBe(threadsBefore + (rig.adapter.poster.postInThread ? 1 : 0));
    }, 30_000);

    it('puts its Surface on every Context it builds', () => {
      expect(recording.contexts.length).toBeGreaterThan(0);
      for (const ctx of recording.contexts) {
        expect(ctx.platform).toBe(rig.adapter.platform);
        expect(ctx.surface).toEqual(rig.adapter.surface);
      }
    });

    it('maps each platform failure it can meet to the documented PosterFailure', async () => {
      const reply = REPLY_KINDS.find((k) => k.name === 'an open round')!.reply;
      if (rig.failures.length === 0) {
        // A channel that cannot refuse a post (the terminal): posting always lands.
        await expect(rig.adapter.poster.post(`${rig.scope.channelId}`, reply)).resolves.toMatchObject({ platform: rig.adapter.platform });
        return;
      }
      for (const failure of rig.failures) {
        const channelId = failure.provoke();
        const error = await rig.adapter.poster.post(channelId, reply).then(
          () => undefined,
          (err: unknown) => err,
        );
        expect(error, failure.name).toBeInstanceOf(PosterError);
        expect((error as PosterError).failure, failure.name).toBe(failure.expected);
        expect((error as PosterError).permanent, failure.name).toBe(failure.expected === 'channel_not_found' || failure.expected === 'forbidden');
      }
    }, 60_000);
  });
}
