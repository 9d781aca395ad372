import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Command } from '../../src/core/command.js';
import { SUBCOMMANDS } from '../../src/core/command.js';
import type { StorePorts } from '../../src/core/ports/store.js';
import { lettersOf, makeHarness, textOf, type Harness } from './harness.js';

let h: Harness;
beforeEach(() => {
  h = makeHarness();
});
afterEach(() => h.close());

describe('Tutor dispatch', () => {
  it('help lists every subcommand with an example; help <sub> gives details', async () => {
    const overview = await h.say('help');
    const list = overview.blocks[0];
    expect(list?.type).toBe('list');
    const items = list?.type === 'list' ? list.items : [];
    expect(items).toHaveLength(SUBCOMMANDS.length);
    SUBCOMMANDS.forEach((sub, i) => {
      expect(items[i]).toContain(sub);
      expect(items[i]).toMatch(/e\.g\. `[^`]+`/);
    });
    const detail = await h.say('help subscribe');
    expect(detail.title).toBe('help: subscribe');
    expect(textOf(detail)).toContain('subscribe 09:00 Europe/Berlin weekdays');
    const unknown = await h.say('help explian');
    expect(unknown.title).toBe('There is no subcommand "explian" — did you mean `explain`?');
  });

  it('invalid input gets help headed by what was wrong (tone error)', async () => {
    const empty = await h.say('');
    expect(empty.tone).toBe('error');
    expect(empty.title).toBe('Sorry — no subcommand given');
    const typo = await h.say('explian grants');
    expect(typo.title).toBe('Sorry — unknown subcommand "explian" — did you mean `explain`?');
    expect(typo.blocks[0]?.type).toBe('list');
    const badLetter = await h.say('answer 3 Q');
    expect(badLetter.title).toBe('Sorry — letter "Q" is not one of A-E');
    expect(textOf(badLetter)).toContain('answer <round> <letter>');
    // A lone letter typed after a question says how to answer, with the answer help, not the whole overview.
    const bare = await h.say('A');
    // No made-up round number (a private question's own number shows under it), and the mock exam's own form.
    expect(bare.title).toBe('Sorry — to answer with A, type `answer <round> A` with the round number shown under the question (in a mock exam: `mock answer A`)');
    expect(textOf(bare)).toContain('answer <round> <letter>');
    expect(bare.blocks.some((b) => b.type === 'list')).toBe(false);
    expect((await h.say('c')).title).toContain('type `answer <round> C`');
    const huge = await h.say('x'.repeat(5000));
    expect(huge.tone).toBe('error');
    expect((huge.title ?? '').length).toBeLessThan(120);
  });

  it('records the user\'s display name on every event', async () => {
    await h.say('help', 'u1', { userName: 'Alice Liddell' });
    expect(await h.store.findUsers({ platform: 'terminal', teamId: 'local' }, 'Alice Liddell')).toEqual([{ userId: 'u1', userName: 'Alice Liddell' }]);
    await h.tutor.act({ kind: 'reference', scenarioId: 'finance-compliance' }, h.ctx('u1', { userName: 'Alice L.' }));
    expect((await h.store.findUsers({ platform: 'terminal', teamId: 'local' }, 'u1'))[0]?.userName).toBe('Alice L.');
  });

  it('quiz, quiz here, answer and close go to the rounds service', async () => {
    const practice = await h.say('quiz', 'ann');
    expect(practice.visibility).toBe('user');
    expect(practice.buttons?.some((b) => b.action.kind === 'answer')).toBe(true);
    const open = await h.say('quiz here', 'ann');
    expect(open.quiet).toBe(true);
    expect(h.poster.posts).toHaveLength(1);
    const round = (await h.store.openChannelRound({ platform: 'terminal', teamId: 'local', channelId: 'terminal' }))!;
    // A lone letter where a round is open names that round and the command that answers it.
    expect((await h.say('b', 'bob')).title).toBe(`Sorry — round #${round.id} is open here: to answer it with B, type \`answer ${round.id} B\``);
    expect(await h.store.getAnswer(round.id, 'bob')).toBeUndefined();
    const first = await h.say(`answer ${round.id} ${lettersOf(round).right}`, 'bob');
    expect(first.tone).toBe('success');
    const second = await h.say(`answer ${round.id} ${lettersOf(round).wrong}`, 'bob');
    expect(second.title).toBe('Already answered');
    expect(textOf(second)).toContain(`with ${lettersOf(round).right}`);
    const closed = await h.say('close', 'ann');
    expect(closed.tone).not.toBe('error');
    expect((await h.store.getRound(round.id))?.closedAt).not.toBeNull();
    const late = await h.tutor.act({ kind: 'answer', roundId: round.id, letter: 'A' }, h.ctx('cat'));
    expect(late.title).toBe('Round closed');
    expect((await h.say('A', 'cat')).title).toContain('type `answer <round> A`');
  });

  it("a lone letter after a private practice question names that question's round and how to answer it", async () => {
    const general = 'Sorry — to answer with B, type `answer <round> B` with the round number shown under the question (in a mock exam: `mock answer B`)';
    expect((await h.say('B', 'ann')).title).toBe(general);
    const practice = await h.say('quiz', 'ann');
    const click = practice.buttons?.[0]?.action;
    const roundId = click?.kind === 'answer' ? click.roundId : -1;
    expect(practice.footer).toContain(`\`answer ${roundId} <letter>\``);
    const hint = `Sorry — your practice question (round #${roundId}) is still open: to answer it with B, type \`answer ${roundId} B\``;
    expect((await h.say('B', 'ann')).title).toBe(hint);
    expect((await h.say('b)', 'ann')).title).toBe(hint);
    // Never an answer; only the asker's own question; the hint's command does answer it.
    expect(await h.store.getAnswer(roundId, 'ann')).toBeUndefined();
    expect((await h.say('B', 'bob')).title).toBe(general);
    await h.say(`answer ${roundId} B`, 'ann');
    expect(await h.store.getAnswer(roundId, 'ann')).toMatchObject({ letter: 'B' });
    // Answered, the practice round is closed: back to the general hint.
    expect((await h.say('B', 'ann')).title).toBe(general);
    // A round open in the channel comes first, and the asker's own practice question is named beside it.
    const again = (await h.say('quiz', 'ann')).buttons?.[0]?.action;
    const practiceId = again?.kind === 'answer' ? again.roundId : -1;
    await h.say('quiz here', 'ann');
    const open = (await h.store.openChannelRound({ platform: 'terminal', teamId: 'local', channelId: 'terminal' }))?.id;
    expect((await h.say('B', 'ann')).title).toBe(
      `Sorry — round #${open} is open here: to answer it with B, type \`answer ${open} B\` (your own practice question is round #${practiceId}: \`answer ${practiceId} <letter>\`)`,
    );
    expect((await h.say('B', 'bob')).title).toBe(`Sorry — round #${open} is open here: to answer it with B, type \`answer ${open} B\``);
  });

  it('a lone letter the round has no choice for names the round\'s letters instead', async () => {
    await h.say('quiz here', 'ann');
    const round = (await h.store.openChannelRound({ platform: 'terminal', teamId: 'local', channelId: 'terminal' }))!;
    const last = String.fromCharCode(64 + round.choiceOrder.length);
    const beyond = String.fromCharCode(65 + round.choiceOrder.length);
    expect((await h.say(beyond, 'bob')).title).toBe(`Sorry — round #${round.id} is open here, but its choices are A to ${last}: type \`answer ${round.id}\` and one of them`);
    expect(await h.store.getAnswer(round.id, 'bob')).toBeUndefined();
  });

  it('a lone letter hint shows each command as typed where the letter was (with the chat command prefix)', async () => {
    const chat = { surface: { commandPrefix: '/kms ', adminRule: 'admins', inviteHint: 'invite the bot' } };
    expect((await h.say('B', 'ann', chat)).title).toBe(
      'Sorry — to answer with B, type `/kms answer <round> B` with the round number shown under the question (in a mock exam: `/kms mock answer B`)',
    );
    await h.say('quiz here', 'ann');
    const round = (await h.store.openChannelRound({ platform: 'terminal', teamId: 'local', channelId: 'terminal' }))!;
    expect((await h.say('B', 'bob', chat)).title).toBe(`Sorry — round #${round.id} is open here: to answer it with B, type \`/kms answer ${round.id} B\``);
    expect((await h.say('B 1', 'bob', chat)).title).toBe('Sorry — to answer round #1 with B, type `/kms answer 1 B` (the round number first, then the letter)');
    expect((await h.say('B 1', 'bob')).title).toBe('Sorry — to answer round #1 with B, type `answer 1 B` (the round number first, then the letter)');
    expect(await h.store.getAnswer(round.id, 'bob')).toBeUndefined();
  });

  it('a lone letter while the asker\'s mock exam runs names `mock answer`, before any round open here', async () => {
    await h.say('quiz', 'dave');
    await h.say('quiz here', 'ann');
    const mock = await h.say('mock 3 5', 'dave');
    expect(mock.tone).not.toBe('error');
    // The fixture deck's questions have three choices (A-C).
    const hint = 'Sorry — your mock exam is running: to answer its current question with C, type `mock answer C`';
    expect((await h.say('C', 'dave')).title).toBe(hint);
    expect((await h.say('c.', 'dave')).title).toBe(hint);
    expect((await h.say('C 1', 'dave')).title).toBe(hint);
    // Only the learner taking the mock; it never answers by itself.
    expect((await h.say('C', 'bob')).title).toContain('is open here');
    const running = await h.store.runningMockExam({ platform: 'terminal', teamId: 'local' }, 'dave');
    expect(running).toBeDefined();
    for (const q of running?.questions ?? []) expect(await h.store.getAnswer(q.roundId, 'dave')).toBeUndefined();
    // Once the mock has ended, the rounds come back.
    await h.say('mock end', 'dave');
    expect((await h.say('C', 'dave')).title).toContain('is open here');
  });

  it("a letter the mock's current question has no choice for is not offered: its letters are named (s6 newcomer 2 #7)", async () => {
    await h.say('mock 2 5', 'dave');
    const running = await h.store.runningMockExam({ platform: 'terminal', teamId: 'local' }, 'dave');
    const first = await h.store.getRound(running?.questions[0]?.roundId ?? -1);
    expect(first?.choiceOrder).toHaveLength(3);
    const refused = "Sorry — your mock exam is running, but its current question's choices are A to C: type `mock answer` and one of them";
    expect((await h.say('D', 'dave')).title).toBe(refused);
    expect((await h.say('E 1', 'dave')).title).toBe(refused);
    expect((await h.say('e', 'dave', { surface: { commandPrefix: '/kms ', adminRule: 'admins', inviteHint: 'invite the bot' } })).title).toBe(
      "Sorry — your mock exam is running, but its current question's choices are A to C: type `/kms mock answer` and one of them",
    );
    // The letters named are those of the question `mock answer` answers now.
    expect((await h.say('mock answer B', 'dave')).tone).not.toBe('error');
    const second = await h.store.getRound(running?.questions[1]?.roundId ?? -1);
    expect(await h.store.getAnswer(second?.id ?? -1, 'dave')).toBeUndefined();
    expect((await h.say('D', 'dave')).title).toBe(refused);
    expect((await h.say('C', 'dave')).title).toBe('Sorry — your mock exam is running: to answer its current question with C, type `mock answer C`');
  });

  it('a letter beside a round number offers only a round of this team, and only its letters (s7: `A 99`, `1 B` for another team)', async () => {
    await h.say('quiz here', 'ann');
    const round = (await h.store.openChannelRound({ platform: 'terminal', teamId: 'local', channelId: 'terminal' }))!;
    const none = (n: number, letter: string) =>
      `Sorry — there is no round #${n} in this channel: to answer with ${letter}, type \`answer <round> ${letter}\` with the round number shown under the question`;
    expect((await h.say('A 99', 'bob')).title).toBe(none(99, 'A'));
    expect((await h.say('99 a)', 'bob')).title).toBe(none(99, 'A'));
    // Round #1 exists in this team, but in another channel (an answer counts only there): not offered (s7 newcomer #15).
    expect((await h.say(`A ${round.id}`, 'bob', { channelId: 'elsewhere' })).title).toBe(none(round.id, 'A'));
    expect((await h.say(`A${round.id}`, 'bob', { channelId: 'elsewhere' })).title).toBe(none(round.id, 'A'));
    // Round #1 exists, but in another team: not offered there.
    expect((await h.say(`${round.id} B`, 'bob', { teamId: 'other-team' })).title).toBe(none(round.id, 'B'));
    expect((await h.say(`B ${round.id}`, 'bob', { platform: 'slack' })).title).toBe(none(round.id, 'B'));
    // In this team: the answer form, with a letter the round has.
    expect((await h.say(`${round.id} B`, 'bob')).title).toBe(
      `Sorry — to answer round #${round.id} with B, type \`answer ${round.id} B\` (the round number first, then the letter)`,
    );
    expect((await h.say(`E ${round.id}`, 'bob')).title).toBe(`Sorry — round #${round.id}'s choices are A to C: type \`answer ${round.id}\` and one of them`);
    // Never an answer.
    expect(await h.store.getAnswer(round.id, 'bob')).toBeUndefined();
  });

  it('near-miss letter shapes ("A1", "(a)", "[B]", full-width "Ｂ") get the lone-letter hint, never "unknown subcommand" (s6 newcomer #4, #27)', async () => {
    await h.say('quiz here', 'ann');
    const round = (await h.store.openChannelRound({ platform: 'terminal', teamId: 'local', channelId: 'terminal' }))!;
    const hint = (letter: string) => `Sorry — round #${round.id} is open here: to answer it with ${letter}, type \`answer ${round.id} ${letter}\``;
    expect((await h.say('(a)', 'bob')).title).toBe(hint('A'));
    expect((await h.say('[B]', 'bob')).title).toBe(hint('B'));
    expect((await h.say('Ｂ', 'bob')).title).toBe(hint('B'));
    expect((await h.say('ｂ', 'bob')).title).toBe(hint('B'));
    expect((await h.say(`A${round.id}`, 'bob')).title).toBe(
      `Sorry — to answer round #${round.id} with A, type \`answer ${round.id} A\` (the round number first, then the letter)`,
    );
    expect(await h.store.getAnswer(round.id, 'bob')).toBeUndefined();
  });

  it("an answer, clicked or typed, counts only in its round's channel (s7 newcomer #15: typed answers too)", async () => {
    await h.say('quiz here', 'ann');
    const round = (await h.store.openChannelRound({ platform: 'terminal', teamId: 'local', channelId: 'terminal' }))!;
    const right = lettersOf(round).right;
    const forged = await h.tutor.act({ kind: 'answer', roundId: round.id, letter: right }, h.ctx('bob', { channelId: 'elsewhere' }));
    expect(forged.tone).toBe('error');
    expect(forged.title).toBe('No such round');
    expect(textOf(forged)).toContain(`There is no round #${round.id} in this channel. Answer with the buttons on the round's own message.`);
    expect(await h.store.getAnswer(round.id, 'bob')).toBeUndefined();
    // Typed in another channel, or in a direct message: the same refusal, nothing stored.
    for (const channelId of ['elsewhere', 'dm:cat']) {
      const typed = await h.say(`answer ${round.id} ${right}`, 'cat', { channelId });
      expect(typed.tone).toBe('error');
      expect(typed.title).toBe('No such round');
      expect(textOf(typed)).toContain(`There is no round #${round.id} in this channel. Answer a round in the channel where it was asked.`);
    }
    expect(await h.store.getAnswer(round.id, 'cat')).toBeUndefined();
    // In its own channel both count.
    expect((await h.tutor.act({ kind: 'answer', roundId: round.id, letter: right }, h.ctx('bob'))).tone).toBe('success');
    expect((await h.say(`answer ${round.id} ${right}`, 'cat')).tone).toBe('success');
  });

  it("a typed answer to a practice question counts only where `quiz` was typed (s7 newcomer #15)", async () => {
    await h.say('quiz', 'dan', { channelId: 'study' });
    const practice = (await h.store.openPracticeRound({ platform: 'terminal', teamId: 'local', channelId: 'study' }, 'dan'))!;
    const right = lettersOf(practice).right;
    const away = await h.say(`answer ${practice.id} ${right}`, 'dan', { channelId: 'dm:dan' });
    expect(away.title).toBe('No such round');
    expect(textOf(away)).toContain(`There is no round #${practice.id} in this channel.`);
    expect(await h.store.getAnswer(practice.id, 'dan')).toBeUndefined();
    // The lone-letter hint elsewhere does not offer it either; where it was asked it does.
    expect((await h.say('A', 'dan', { channelId: 'dm:dan' })).title).not.toContain(`#${practice.id}`);
    expect((await h.say('A', 'dan', { channelId: 'study' })).title).toContain(`round #${practice.id}`);
    expect((await h.say(`answer ${practice.id} ${right}`, 'dan', { channelId: 'study' })).tone).toBe('success');
  });

  it('a letter beside numbers that cannot be one round gets the no-such-round hint, not the whole help (s7 newcomer #1)', async () => {
    const none = (n: string) =>
      `Sorry — there is no round #${n} in this channel: to answer with A, type \`answer <round> A\` with the round number shown under the question`;
    for (const [typed, shown] of [
      ['A 0', '0'],
      ['A #0', '0'],
      ['0 A', '0'],
      ['A 99999999999999999999', '99999999999999999999'],
      [`A ${'9'.repeat(400)}`, `${'9'.repeat(20)}…`],
    ] as const) {
      const reply = await h.say(typed, 'bob');
      expect(reply.title).toBe(none(shown));
      expect(reply.blocks.some((b) => b.type === 'list')).toBe(false);
    }
    const two = await h.say('A 1 2', 'bob');
    expect(two.title).toBe('Sorry — "1 2" is not one round number: to answer with A, type `answer <round> A` with the round number shown under the question');
    expect(two.blocks.some((b) => b.type === 'list')).toBe(false);
    // While a mock exam runs, the mock's form comes first, as for `A 99`.
    await h.say('mock 2 5', 'dave');
    expect((await h.say('A 0', 'dave')).title).toBe('Sorry — your mock exam is running: to answer its current question with A, type `mock answer A`');
  });

  it('the practice button asks another practice question on the tag', async () => {
    const reply = await h.tutor.act({ kind: 'practice', tag: 's3' }, h.ctx('ann'));
    const first = reply.buttons?.[0]?.action;
    expect(first?.kind).toBe('answer');
    if (first?.kind === 'answer') expect((await h.store.getRound(first.roundId))?.tags).toContain('s3');
  });

  it('an unexpected error becomes a logged apology, never a rejection', async () => {
    const broken = new Proxy(h.store, {
      get(target, prop, receiver) {
        if (prop === 'scoreLines') return () => {
          throw new Error('disk on fire');
        };
        return Reflect.get(target, prop, receiver) as unknown;
      },
    }) as StorePorts;
    h.deps.store = broken;
    const reply = await h.say('leaderboard');
    expect(reply.tone).toBe('error');
    expect(reply.title).toBe('Sorry — something went wrong on my side');
    expect(h.logger.errors).toHaveLength(1);
    expect(JSON.stringify(h.logger.errors[0])).toContain('leaderboard');
  });

  it('a failing name update does not stop the command', async () => {
    h.deps.store = new Proxy(h.store, {
      get(target, prop, receiver) {
        if (prop === 'upsertUser') return () => {
          throw new Error('locked');
        };
        return Reflect.get(target, prop, receiver) as unknown;
      },
    }) as StorePorts;
    const reply = await h.say('scenario');
    expect(reply.tone).toBe('info');
    expect(h.logger.warnings.length).toBeGreaterThan(0);
  });

  it('malformed commands and actions (from a buggy adapter) get a friendly reply', async () => {
    const reply = await h.tutor.handle({ kind: 'nonsense' } as unknown as Command, h.ctx());
    expect(reply.tone).toBe('error');
    const action = await h.tutor.act({ kind: 'explode' } as never, h.ctx());
    expect(action.tone).toBe('error');
    expect(action.title).toContain("isn't one I recognise");
  });
});
