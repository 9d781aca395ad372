import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DailyRounds } from '../../src/core/daily.js';
import { checkDue } from '../../src/core/post-time.js';
import { lettersOf, makeHarness, NOW, textOf, type Harness } from './harness.js';

let h: Harness;
const channel = { platform: 'terminal' as const, teamId: 'local', channelId: 'terminal' };
beforeEach(() => {
  h = makeHarness();
});
afterEach(() => h.close());

describe('subscribe', () => {
  it('defaults: 09:00, the user\'s zone (else UTC), weekdays, the default deck; tells the scheduler', async () => {
    const reply = await h.say('subscribe', 'admin', { userTimeZone: 'America/New_York' });
    expect(reply.tone).toBe('success');
    expect(reply.visibility).toBe('channel');
    expect(await h.store.getSubscription(channel)).toMatchObject({ time: '09:00', timeZone: 'America/New_York', cadence: 'weekdays', deckId: 'mini-deck', createdBy: 'admin', pausedReason: null });
    expect(h.subscriptionChanges).toEqual([channel]);
    await h.say('unsubscribe', 'admin');
    await h.say('subscribe', 'admin');
    expect((await h.store.getSubscription(channel))?.timeZone).toBe('UTC');
  });

  it('takes time, zone, cadence and deck in any order and canonicalises them', async () => {
    await h.say('subscribe daily mini-deck europe/berlin 7:30', 'admin');
    expect(await h.store.getSubscription(channel)).toMatchObject({ time: '07:30', timeZone: 'Europe/Berlin', cadence: 'daily', deckId: 'mini-deck' });
  });

  it('stores and shows a zone in its canonical spelling, as the README says (newcomer finding 9)', async () => {
    const reply = await h.say('subscribe 09:00 utc', 'admin');
    expect(textOf(reply)).toContain('UTC');
    expect(textOf(reply)).not.toMatch(/\butc\b/);
    expect(await h.store.getSubscription(channel)).toMatchObject({ timeZone: 'UTC' });
    const readme = readFileSync(path.resolve(import.meta.dirname, '..', '..', 'README.md'), 'utf8').replace(/\s+/g, ' ');
    expect(readme).toContain('stored and shown in its canonical spelling (`utc` -> `UTC`, `europe/berlin` -> `Europe/Berlin`)');
    expect(readme).not.toContain('shown as you typed it');
  });

  it.each([
    ['subscribe 25:00', 'time "25:00" is not a valid HH:MM (00:00-23:59)'],
    ['subscribe 9:75', 'time "9:75" is not a valid HH:MM (00:00-23:59)'],
    ['subscribe Mars/Base', 'unknown time zone "Mars/Base" — use an IANA name like Europe/Berlin'],
    ['subscribe no-such-deck', 'unknown deck "no-such-deck" — available: mini-deck'],
  ])('%s is refused naming the value and the accepted form; nothing changes', async (text, title) => {
    await h.say('subscribe 08:00 UTC daily', 'admin');
    h.subscriptionChanges.length = 0;
    const before = await h.store.getSubscription(channel);
    const reply = await h.say(text, 'admin');
    expect(reply.tone).toBe('error');
    expect(reply.title).toBe(title);
    expect(textOf(reply)).toContain('Nothing was changed');
    expect(await h.store.getSubscription(channel)).toEqual(before);
    expect(h.subscriptionChanges).toEqual([]);
  });

  it.each([
    ['EST', 'America/New_York'],
    ['est', 'America/New_York'],
    ['PST', 'America/Los_Angeles'],
    ['CET', 'Europe/Berlin or Europe/Paris'],
    ['MST', 'America/Denver or America/Phoenix'],
  ])('the abbreviation %s is refused, naming it and suggesting %s; nothing changes', async (abbreviation, suggested) => {
    await h.say('subscribe 08:00 UTC daily', 'admin');
    const before = await h.store.getSubscription(channel);
    const reply = await h.say(`subscribe 09:00 ${abbreviation}`, 'admin');
    expect(reply.tone).toBe('error');
    expect(reply.title).toBe(`time zone "${abbreviation}" is an abbreviation — use an IANA name like ${suggested}`);
    expect(textOf(reply)).toContain('daylight-saving');
    expect(textOf(reply)).toContain(`\`subscribe 09:00 ${suggested.split(' or ')[0]}\``);
    expect(textOf(reply)).toContain('Nothing was changed');
    expect(await h.store.getSubscription(channel)).toEqual(before);
  });

  it.each([
    ['UTC+2', 'time zone "UTC+2" is a fixed offset — use an IANA name like Europe/Berlin'],
    ['Etc/GMT-2', 'time zone "Etc/GMT-2" is a fixed offset — use an IANA name like Europe/Berlin'],
    ['Japan', 'time zone "Japan" is not a region/city name — use an IANA name like Europe/Berlin'],
  ])('%s is refused: only region/city names and UTC are accepted', async (zone, title) => {
    const reply = await h.say(`subscribe 09:00 ${zone}`, 'admin');
    expect(reply.title).toBe(title);
    expect(await h.store.getSubscription(channel)).toBeUndefined();
  });

  it.each([
    ['Asia/Kolkata', 'Asia/Kolkata'],
    ['Europe/Kyiv', 'Europe/Kyiv'],
    ['US/Eastern', 'US/Eastern'],
    ['asia/kolkata', 'Asia/Kolkata'],
    ['EUROPE/BERLIN', 'Europe/Berlin'],
    ['america/argentina/buenos_aires', 'America/Argentina/Buenos_Aires'],
    ['utc', 'UTC'],
    ['Etc/UTC', 'Etc/UTC'],
  ])('%s is stored and echoed as %s (the same name, never another alias)', async (typed, stored) => {
    const reply = await h.say(`subscribe 09:00 ${typed}`, 'admin');
    expect(reply.tone).toBe('success');
    expect(reply.title).toBe(`Daily quiz subscribed: 09:00 ${stored}, Monday to Friday`);
    expect((await h.store.getSubscription(channel))?.timeZone).toBe(stored);
    const schedule = await h.say('schedule');
    expect(textOf(schedule)).toContain(`Time zone: ${stored}`);
  });

  it('a non-admin gets a clear refusal, in the platform\'s words for who is an admin, and nothing is stored', async () => {
    const surface = { commandPrefix: '/kms ', adminRule: 'members with Manage Server', inviteHint: 'add the bot to the channel' };
    for (const text of ['subscribe 09:00 UTC', 'unsubscribe']) {
      const reply = await h.say(text, 'pat', { isAdmin: false, surface });
      expect(reply.tone).toBe('error');
      expect(reply.title).toMatch(/^Only admins can/);
      expect(textOf(reply)).toContain('Only admins can change the daily quiz: members with Manage Server.');
      // Without a surface the refusal stays neutral: core names no platform.
      const neutral = await h.say(text, 'pat', { isAdmin: false });
      expect(neutral.title).toBe(reply.title);
      expect(textOf(neutral)).not.toMatch(/Slack|Discord|Manage Server/);
    }
    expect(await h.store.getSubscription(channel)).toBeUndefined();
  });

  it('is refused in a direct message', async () => {
    const reply = await h.say('subscribe', 'admin', { isDirectMessage: true });
    expect(reply.tone).toBe('error');
    expect(reply.title).toContain('channel');
  });

  it('subscribing again keeps what is not given and resumes a paused subscription', async () => {
    await h.say('subscribe 07:15 Asia/Tokyo daily', 'admin');
    await h.store.pauseSubscription(channel, 'the bot was removed from the channel', NOW.getTime());
    const paused = await h.say('schedule', 'pat', { isAdmin: false });
    expect(paused.title).toBe('Daily quiz (paused)');
    expect(textOf(paused)).toContain('the bot was removed from the channel');
    const reply = await h.say('subscribe', 'admin');
    expect(reply.title).toContain('resumed');
    expect(await h.store.getSubscription(channel)).toMatchObject({ time: '07:15', timeZone: 'Asia/Tokyo', cadence: 'daily', pausedReason: null });
  });
});

describe('unsubscribe and schedule', () => {
  it('schedule with nobody subscribed says how to subscribe', async () => {
    const reply = await h.say('schedule');
    expect(reply.title).toBe('No daily quiz in this channel');
    expect(textOf(reply)).toContain('`subscribe 09:00 Europe/Berlin weekdays`');
  });

  it('schedule shows time, zone, cadence, deck and the next post in local and UTC time', async () => {
    // 18:30 UTC on Wednesday 2026-11-25 = 19:30 in Berlin, past the 18:00 catch-up cut-off: the next
    // 09:00 Berlin post is Thursday 08:00 UTC.
    const evening = new Date('2026-11-25T18:30:00Z');
    await h.say('subscribe 09:00 Europe/Berlin weekdays', 'admin', { now: evening });
    const reply = await h.say('schedule', 'pat', { isAdmin: false, now: evening });
    const fields = reply.blocks.find((b) => b.type === 'fields');
    expect(fields).toBeDefined();
    const byLabel = Object.fromEntries((fields as { fields: { label: string; value: string }[] }).fields.map((f) => [f.label, f.value]));
    expect(byLabel).toMatchObject({ Time: '09:00', 'Time zone': 'Europe/Berlin', Days: 'weekdays (Mon-Fri)' });
    expect(byLabel.Deck).toContain('mini-deck');
    expect(byLabel['Next post']).toMatch(/Thu 2026-11-26 09:00 .*\(Thu 2026-11-26 08:00 .*\)/);
  });

  it('subscribing after today\'s post time but before 18:00 local: the next post is today, within a minute (catch-up)', async () => {
    // NOW is Wednesday 10:00 UTC = 11:00 in Berlin: the 09:00 post has passed, the catch-up window is open.
    const reply = await h.say('subscribe 09:00 Europe/Berlin weekdays', 'admin');
    expect(textOf(reply)).toContain("Next post: today, within a minute (catch-up: today's 09:00 post has not been made yet)");
    const schedule = await h.say('schedule');
    expect(textOf(schedule)).toContain('Next post: today, within a minute (catch-up');
    // The scheduler agrees: this is the decision it makes every minute.
    const sub = (await h.store.getSubscription(channel))!;
    expect(checkDue(sub, NOW)).toMatchObject({ due: true, localDate: '2026-11-25' });
  });

  it('once today\'s daily round is posted, the next post is tomorrow\'s', async () => {
    await h.say('subscribe 09:00 Europe/Berlin weekdays', 'admin');
    const outcome = await new DailyRounds(h.deps).runDaily((await h.store.getSubscription(channel))!, NOW);
    expect(outcome.status).toBe('posted');
    const schedule = await h.say('schedule');
    expect(textOf(schedule)).toMatch(/Next post: Thu 2026-11-26 09:00 .*\(Thu 2026-11-26 08:00 UTC\)/);
  });

  it('before today\'s post time the next post is today at that time; a weekend day is skipped', async () => {
    const early = await h.say('subscribe 13:00 Europe/Berlin weekdays', 'admin');
    expect(textOf(early)).toMatch(/Next post: Wed 2026-11-25 13:00 .*\(Wed 2026-11-25 12:00 UTC\)/);
    // Saturday 2026-11-28 11:00 Berlin: no catch-up on a day the channel does not post.
    const saturday = await h.say('schedule', 'pat', { now: new Date('2026-11-28T10:00:00Z') });
    expect(textOf(saturday)).toMatch(/Next post: Mon 2026-11-30 13:00 /);
  });

  it('unsubscribe closes the open daily round and reveals it through the round-closing code, and says so', async () => {
    await h.say('subscribe 09:00 UTC weekdays', 'admin');
    const outcome = await new DailyRounds(h.deps).runDaily((await h.store.getSubscription(channel))!, NOW);
    expect(outcome.status).toBe('posted');
    const roundId = outcome.status === 'posted' ? (outcome.roundId ?? -1) : -1;
    const round = (await h.store.getRound(roundId))!;
    const { right } = lettersOf(round);
    await h.say(`answer ${roundId} ${right}`, 'bob');
    const later = new Date(NOW.getTime() + 3_600_000);

    const reply = await h.say('unsubscribe', 'admin', { now: later });
    expect(reply.title).toBe('Daily quiz stopped');
    expect(textOf(reply)).toContain(`The open daily question (round #${roundId}) is closed now and its answer is revealed on its message.`);
    expect((await h.store.getRound(roundId))?.closedAt).toBe(later.getTime());
    // The reveal replaced the round's message: the answer and the tally.
    const reveal = h.poster.updates.filter((u) => u.ref.messageId === round.messageRef?.messageId).at(-1);
    expect(reveal).toBeDefined();
    expect(textOf(reveal!.reply)).toContain('1 answered · 100% correct.');
    expect(reveal!.reply.blocks).toContainEqual(expect.objectContaining({ type: 'section', heading: 'Answer' }));
  });

  it('unsubscribe with no open daily round says nothing about one', async () => {
    await h.say('subscribe', 'admin');
    const reply = await h.say('unsubscribe', 'admin');
    expect(textOf(reply)).not.toContain('daily question (round');
    expect(h.poster.updates).toEqual([]);
  });

  it('unsubscribe removes the subscription and tells the scheduler; again says there is none', async () => {
    await h.say('subscribe', 'admin');
    h.subscriptionChanges.length = 0;
    const reply = await h.say('unsubscribe', 'admin');
    expect(reply.title).toBe('Daily quiz stopped');
    expect(await h.store.getSubscription(channel)).toBeUndefined();
    expect(h.subscriptionChanges).toEqual([channel]);
    const again = await h.say('unsubscribe', 'admin');
    expect(again.title).toBe('This channel has no daily quiz');
    expect(h.subscriptionChanges).toHaveLength(1);
  });
});
