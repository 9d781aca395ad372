import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeHarness, NOW, textOf, type Harness } from './harness.js';

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
    expect(h.store.getSubscription(channel)).toMatchObject({ time: '09:00', timeZone: 'America/New_York', cadence: 'weekdays', deckId: 'mini-deck', createdBy: 'admin', pausedReason: null });
    expect(h.subscriptionChanges).toEqual([channel]);
    await h.say('unsubscribe', 'admin');
    await h.say('subscribe', 'admin');
    expect(h.store.getSubscription(channel)?.timeZone).toBe('UTC');
  });

  it('takes time, zone, cadence and deck in any order and canonicalises them', async () => {
    await h.say('subscribe daily mini-deck europe/berlin 7:30', 'admin');
    expect(h.store.getSubscription(channel)).toMatchObject({ time: '07:30', timeZone: 'Europe/Berlin', cadence: 'daily', deckId: 'mini-deck' });
  });

  it.each([
    ['subscribe 25:00', 'time "25:00" is not a valid HH:MM (00:00-23:59)'],
    ['subscribe 9:75', 'time "9:75" is not a valid HH:MM (00:00-23:59)'],
    ['subscribe Mars/Base', 'unknown time zone "Mars/Base" — use an IANA name like Europe/Berlin'],
    ['subscribe no-such-deck', 'unknown deck "no-such-deck" — available: mini-deck'],
  ])('%s is refused naming the value and the accepted form; nothing changes', async (text, title) => {
    await h.say('subscribe 08:00 UTC daily', 'admin');
    h.subscriptionChanges.length = 0;
    const before = h.store.getSubscription(channel);
    const reply = await h.say(text, 'admin');
    expect(reply.tone).toBe('error');
    expect(reply.title).toBe(title);
    expect(textOf(reply)).toContain('Nothing was changed');
    expect(h.store.getSubscription(channel)).toEqual(before);
    expect(h.subscriptionChanges).toEqual([]);
  });

  it('a non-admin gets a clear refusal and nothing is stored', async () => {
    for (const text of ['subscribe 09:00 UTC', 'unsubscribe']) {
      const reply = await h.say(text, 'pat', { isAdmin: false });
      expect(reply.tone).toBe('error');
      expect(reply.title).toMatch(/^Only admins can/);
      expect(textOf(reply)).toContain('Manage Server');
    }
    expect(h.store.getSubscription(channel)).toBeUndefined();
  });

  it('is refused in a direct message', async () => {
    const reply = await h.say('subscribe', 'admin', { isDirectMessage: true });
    expect(reply.tone).toBe('error');
    expect(reply.title).toContain('channel');
  });

  it('subscribing again keeps what is not given and resumes a paused subscription', async () => {
    await h.say('subscribe 07:15 Asia/Tokyo daily', 'admin');
    h.store.pauseSubscription(channel, 'the bot was removed from the channel', NOW.getTime());
    const paused = await h.say('schedule', 'pat', { isAdmin: false });
    expect(paused.title).toBe('Daily quiz (paused)');
    expect(textOf(paused)).toContain('the bot was removed from the channel');
    const reply = await h.say('subscribe', 'admin');
    expect(reply.title).toContain('resumed');
    expect(h.store.getSubscription(channel)).toMatchObject({ time: '07:15', timeZone: 'Asia/Tokyo', cadence: 'daily', pausedReason: null });
  });
});

describe('unsubscribe and schedule', () => {
  it('schedule with nobody subscribed says how to subscribe', async () => {
    const reply = await h.say('schedule');
    expect(reply.title).toBe('No daily quiz in this channel');
    expect(textOf(reply)).toContain('`subscribe 09:00 Europe/Berlin weekdays`');
  });

  it('schedule shows time, zone, cadence, deck and the next post in local and UTC time', async () => {
    // NOW is Wednesday 2026-11-25 10:00 UTC = 11:00 in Berlin: the next 09:00 Berlin post is Thursday 08:00 UTC.
    await h.say('subscribe 09:00 Europe/Berlin weekdays', 'admin');
    const reply = await h.say('schedule', 'pat', { isAdmin: false });
    const fields = reply.blocks.find((b) => b.type === 'fields');
    expect(fields).toBeDefined();
    const byLabel = Object.fromEntries((fields as { fields: { label: string; value: string }[] }).fields.map((f) => [f.label, f.value]));
    expect(byLabel).toMatchObject({ Time: '09:00', 'Time zone': 'Europe/Berlin', Days: 'weekdays (Mon-Fri)' });
    expect(byLabel.Deck).toContain('mini-deck');
    expect(byLabel['Next post']).toMatch(/Thu 2026-11-26 09:00 .*\(Thu 2026-11-26 08:00 .*\)/);
  });

  it('unsubscribe removes the subscription and tells the scheduler; again says there is none', async () => {
    await h.say('subscribe', 'admin');
    h.subscriptionChanges.length = 0;
    const reply = await h.say('unsubscribe', 'admin');
    expect(reply.title).toBe('Daily quiz stopped');
    expect(h.store.getSubscription(channel)).toBeUndefined();
    expect(h.subscriptionChanges).toEqual([channel]);
    const again = await h.say('unsubscribe', 'admin');
    expect(again.title).toBe('This channel has no daily quiz');
    expect(h.subscriptionChanges).toHaveLength(1);
  });
});
