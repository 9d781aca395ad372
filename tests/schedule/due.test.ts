import cron from 'node-cron';
import { afterEach, describe, expect, it } from 'vitest';
import { postCronExpression } from '../../src/schedule/cron.js';
import { catchUpDeadline, checkDue } from '../../src/schedule/due.js';

const berlin = { time: '09:00', timeZone: 'Europe/Berlin', cadence: 'daily' as const };
const newYork = { time: '09:00', timeZone: 'America/New_York', cadence: 'weekdays' as const };

describe('checkDue', () => {
  it('is not yet due before the local post time, due from it until 18:00 local, too late after', () => {
    // 2026-06-10 is a Wednesday; Berlin is UTC+2 (CEST).
    expect(checkDue(berlin, new Date('2026-06-10T06:59:00Z'))).toMatchObject({ due: false, reason: 'not-yet', localDate: '2026-06-10' });
    expect(checkDue(berlin, new Date('2026-06-10T07:00:00Z'))).toMatchObject({ due: true, localDate: '2026-06-10' });
    expect(checkDue(berlin, new Date('2026-06-10T15:59:00Z'))).toMatchObject({ due: true });
    expect(checkDue(berlin, new Date('2026-06-10T16:00:00Z'))).toMatchObject({ due: false, reason: 'too-late' });
  });

  it('reads the date in the subscription zone, not UTC', () => {
    // 02:00 UTC on the 10th is still the 9th in New York (22:00 EDT): after its 18:00 window.
    expect(checkDue(newYork, new Date('2026-06-10T02:00:00Z'))).toMatchObject({ due: false, reason: 'too-late', localDate: '2026-06-09' });
    expect(checkDue(newYork, new Date('2026-06-10T13:00:00Z'))).toMatchObject({ due: true, localDate: '2026-06-10' });
  });

  it('never looks at an earlier day: after midnight yesterday is not due any more', () => {
    const justAfterMidnight = new Date('2026-06-10T22:05:00Z'); // 00:05 on the 11th in Berlin
    expect(checkDue(berlin, justAfterMidnight)).toMatchObject({ due: false, reason: 'not-yet', localDate: '2026-06-11' });
  });

  it('skips weekend days for weekday subscriptions', () => {
    // Saturday 2026-06-13, 10:00 in New York.
    expect(checkDue(newYork, new Date('2026-06-13T14:00:00Z'))).toEqual({ due: false, reason: 'not-a-posting-day', localDate: '2026-06-13' });
  });

  it('keeps an evening post time due until the end of the local day', () => {
    const evening = { time: '19:30', timeZone: 'Europe/Berlin', cadence: 'daily' as const };
    expect(catchUpDeadline(evening, '2026-06-10').toISOString()).toBe('2026-06-10T22:00:00.000Z');
    expect(checkDue(evening, new Date('2026-06-10T17:30:00Z'))).toMatchObject({ due: true });
    expect(checkDue(evening, new Date('2026-06-10T21:59:00Z'))).toMatchObject({ due: true });
    expect(catchUpDeadline(berlin, '2026-06-10').toISOString()).toBe('2026-06-10T16:00:00.000Z');
  });

  it('applies daylight saving: a spring-forward gap time is due at the first valid minute', () => {
    const gap = { time: '02:30', timeZone: 'Europe/Berlin', cadence: 'daily' as const };
    // 2026-03-29: 02:00 CET jumps to 03:00 CEST at 01:00 UTC.
    expect(checkDue(gap, new Date('2026-03-29T00:59:00Z'))).toMatchObject({ due: false, reason: 'not-yet' });
    expect(checkDue(gap, new Date('2026-03-29T01:00:00Z'))).toMatchObject({ due: true, postAt: new Date('2026-03-29T01:00:00Z') });
  });

  it('throws RangeError for a broken stored schedule', () => {
    expect(() => checkDue({ ...berlin, timeZone: 'Mars/Base' }, new Date())).toThrow(RangeError);
    expect(() => checkDue({ ...berlin, time: '25:00' }, new Date())).toThrow(RangeError);
  });
});

describe('postCronExpression with real node-cron', () => {
  const tasks: ReturnType<typeof cron.createTask>[] = [];
  afterEach(async () => {
    for (const t of tasks.splice(0)) await t.destroy();
  });
  function task(expression: string, timezone: string) {
    const t = cron.createTask(expression, () => {}, { timezone });
    tasks.push(t);
    return t;
  }

  it('builds MM HH * * * (daily) and MM HH * * 1-5 (weekdays)', () => {
    expect(postCronExpression({ time: '09:00', cadence: 'daily' })).toBe('0 9 * * *');
    expect(postCronExpression({ time: '07:45', cadence: 'weekdays' })).toBe('45 7 * * 1-5');
    expect(() => postCronExpression({ time: '9am', cadence: 'daily' })).toThrow(RangeError);
  });

  it('fires at 09:00 local in each zone (node-cron timezone option), weekdays only for weekdays', () => {
    const ber = task(postCronExpression(berlin), berlin.timeZone);
    const ny = task(postCronExpression(newYork), newYork.timeZone);
    expect(ber.match(new Date('2026-06-10T07:00:00Z'))).toBe(true);
    expect(ber.match(new Date('2026-06-10T09:00:00Z'))).toBe(false);
    expect(ber.match(new Date('2026-01-14T08:00:00Z'))).toBe(true); // winter: CET, UTC+1
    expect(ny.match(new Date('2026-06-10T13:00:00Z'))).toBe(true);
    expect(ny.match(new Date('2026-06-13T13:00:00Z'))).toBe(false); // Saturday
  });

  it('node-cron skips a time in the spring-forward gap and fires twice in the fall-back overlap (why the minute job exists)', () => {
    const t = task('30 2 * * *', 'Europe/Berlin');
    const minutes = (from: string, count: number) =>
      Array.from({ length: count }, (_, i) => new Date(Date.parse(from) + i * 60_000)).filter((d) => t.match(d));
    expect(minutes('2026-03-28T22:00:00Z', 6 * 60)).toEqual([]);
    expect(minutes('2026-10-24T22:00:00Z', 6 * 60).map((d) => d.toISOString())).toEqual([
      '2026-10-25T00:30:00.000Z',
      '2026-10-25T01:30:00.000Z',
    ]);
  });
});
