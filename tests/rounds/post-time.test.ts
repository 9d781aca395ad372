import { IANAZone } from 'luxon';
import { describe, expect, it } from 'vitest';
import {
  isoWeek,
  isValidZone,
  last30,
  localDate,
  monthRange,
  previousWeek,
  weekRange,
} from '../../src/core/local-time.js';
import { nextPostTime, postTimeOn, type PostSchedule } from '../../src/core/post-time.js';

const utc = (iso: string) => new Date(iso);
const berlin = (time: string, cadence: PostSchedule['cadence'] = 'daily'): PostSchedule => ({
  time,
  timeZone: 'Europe/Berlin',
  cadence,
});
const newYork = (time: string): PostSchedule => ({ time, timeZone: 'America/New_York', cadence: 'daily' });

describe('the 2026 transitions these tests rely on', () => {
  it('are where the tz database puts them', () => {
    const offset = (zone: string, iso: string) => IANAZone.create(zone).offset(Date.parse(iso));
    expect([offset('Europe/Berlin', '2026-03-29T00:59Z'), offset('Europe/Berlin', '2026-03-29T01:00Z')]).toEqual([60, 120]);
    expect([offset('Europe/Berlin', '2026-10-25T00:59Z'), offset('Europe/Berlin', '2026-10-25T01:00Z')]).toEqual([120, 60]);
    expect([offset('America/New_York', '2026-03-08T06:59Z'), offset('America/New_York', '2026-03-08T07:00Z')]).toEqual([-300, -240]);
    expect([offset('America/New_York', '2026-11-01T05:59Z'), offset('America/New_York', '2026-11-01T06:00Z')]).toEqual([-240, -300]);
  });
});

describe('postTimeOn and nextPostTime', () => {
  it('follows the local clock across the change of offset', () => {
    expect(postTimeOn(berlin('09:00'), '2026-03-28')).toEqual(utc('2026-03-28T08:00:00Z'));
    expect(postTimeOn(berlin('09:00'), '2026-03-29')).toEqual(utc('2026-03-29T07:00:00Z'));
    expect(nextPostTime(berlin('09:00'), utc('2026-03-28T08:00:00Z'))).toEqual(utc('2026-03-29T07:00:00Z'));
  });

  it('Berlin spring-forward: 02:30 on 2026-03-29 does not exist and posts at 03:00 local', () => {
    expect(postTimeOn(berlin('02:30'), '2026-03-29')).toEqual(utc('2026-03-29T01:00:00Z'));
    expect(postTimeOn(berlin('02:00'), '2026-03-29')).toEqual(utc('2026-03-29T01:00:00Z'));
    expect(nextPostTime(berlin('02:30'), utc('2026-03-28T01:30:00Z'))).toEqual(utc('2026-03-29T01:00:00Z'));
    expect(nextPostTime(berlin('02:30'), utc('2026-03-29T01:00:00Z'))).toEqual(utc('2026-03-30T00:30:00Z'));
  });

  it('Berlin fall-back: 02:30 on 2026-10-25 happens twice and posts once, at the earlier instant', () => {
    expect(postTimeOn(berlin('02:30'), '2026-10-25')).toEqual(utc('2026-10-25T00:30:00Z'));
    expect(nextPostTime(berlin('02:30'), utc('2026-10-24T23:00:00Z'))).toEqual(utc('2026-10-25T00:30:00Z'));
    // Not again at 02:30 CET (01:30Z): the next post is the next day's.
    expect(nextPostTime(berlin('02:30'), utc('2026-10-25T00:30:00Z'))).toEqual(utc('2026-10-26T01:30:00Z'));
  });

  it('New York spring-forward (2026-03-08) and fall-back (2026-11-01)', () => {
    expect(postTimeOn(newYork('02:30'), '2026-03-08')).toEqual(utc('2026-03-08T07:00:00Z'));
    expect(postTimeOn(newYork('02:30'), '2026-03-07')).toEqual(utc('2026-03-07T07:30:00Z'));
    expect(postTimeOn(newYork('02:30'), '2026-03-09')).toEqual(utc('2026-03-09T06:30:00Z'));
    expect(postTimeOn(newYork('01:30'), '2026-11-01')).toEqual(utc('2026-11-01T05:30:00Z'));
    expect(nextPostTime(newYork('01:30'), utc('2026-11-01T05:30:00Z'))).toEqual(utc('2026-11-02T06:30:00Z'));
    expect(nextPostTime(newYork('09:00'), utc('2026-11-01T12:00:00Z'))).toEqual(utc('2026-11-01T14:00:00Z'));
  });

  it('weekdays cadence skips Saturday and Sunday (local)', () => {
    const sub = berlin('09:00', 'weekdays');
    expect(postTimeOn(sub, '2026-03-28')).toBeUndefined(); // Saturday
    expect(postTimeOn(sub, '2026-03-29')).toBeUndefined(); // Sunday
    // After Friday's post: Monday 09:00 CEST.
    expect(nextPostTime(sub, utc('2026-03-27T08:00:00Z'))).toEqual(utc('2026-03-30T07:00:00Z'));
    // Friday 23:30 UTC is already Saturday in Berlin; still Monday.
    expect(nextPostTime(sub, utc('2026-03-27T23:30:00Z'))).toEqual(utc('2026-03-30T07:00:00Z'));
    // The daily cadence posts on the weekend.
    expect(nextPostTime(berlin('09:00'), utc('2026-03-27T08:00:00Z'))).toEqual(utc('2026-03-28T08:00:00Z'));
  });

  it('is strictly after `after`', () => {
    const at = postTimeOn(berlin('09:00'), '2026-05-05')!;
    expect(nextPostTime(berlin('09:00'), new Date(at.getTime() - 1))).toEqual(at);
    expect(nextPostTime(berlin('09:00'), at)).toEqual(utc('2026-05-06T07:00:00Z'));
  });

  it('rejects a malformed time or an unknown zone with a RangeError naming it', () => {
    expect(() => postTimeOn(berlin('25:00'), '2026-03-03')).toThrow(/"25:00"/);
    expect(() => postTimeOn(berlin('9am'), '2026-03-03')).toThrow(RangeError);
    expect(() => nextPostTime({ time: '09:00', timeZone: 'Mars/Olympus', cadence: 'daily' }, utc('2026-03-03T00:00:00Z'))).toThrow(
      /Mars\/Olympus/,
    );
  });
});

describe('local dates and ranges', () => {
  it('gives the local date of an instant in a zone', () => {
    expect(localDate(utc('2026-03-03T23:30:00Z'), 'Europe/Berlin')).toBe('2026-03-04');
    expect(localDate(utc('2026-03-03T23:30:00Z'), 'UTC')).toBe('2026-03-03');
    expect(localDate(utc('2026-03-04T03:00:00Z'), 'America/New_York')).toBe('2026-03-03');
  });

  it('names ISO weeks with the week-numbering year', () => {
    expect(isoWeek(utc('2026-11-25T12:00:00Z'), 'UTC')).toBe('2026-W48');
    expect(isoWeek(utc('2027-01-03T12:00:00Z'), 'UTC')).toBe('2026-W53');
    expect(isoWeek(utc('2027-01-04T12:00:00Z'), 'UTC')).toBe('2027-W01');
    // Sunday 23:30 UTC is already Monday of the next week in Berlin.
    expect(isoWeek(utc('2026-03-08T23:30:00Z'), 'Europe/Berlin')).toBe('2026-W11');
  });

  it('gives inclusive week, last-week, month and 30-day ranges', () => {
    const now = utc('2026-03-04T10:00:00Z'); // Wednesday
    expect(weekRange(now, 'Europe/Berlin')).toEqual({ fromDate: '2026-03-02', toDate: '2026-03-08' });
    expect(previousWeek(now, 'Europe/Berlin')).toEqual({ isoWeek: '2026-W09', fromDate: '2026-02-23', toDate: '2026-03-01' });
    expect(previousWeek(utc('2027-01-05T10:00:00Z'), 'UTC')).toEqual({
      isoWeek: '2026-W53',
      fromDate: '2026-12-28',
      toDate: '2027-01-03',
    });
    expect(monthRange(now, 'UTC')).toEqual({ fromDate: '2026-03-01', toDate: '2026-03-31' });
    expect(monthRange(utc('2026-02-28T23:30:00Z'), 'Europe/Berlin')).toEqual({ fromDate: '2026-03-01', toDate: '2026-03-31' });
    expect(last30(now, 'UTC')).toEqual({ fromDate: '2026-02-03', toDate: '2026-03-04' });
  });

  it('knows valid zones', () => {
    expect(isValidZone('Europe/Berlin')).toBe(true);
    expect(isValidZone('UTC')).toBe(true);
    expect(isValidZone('Mars/Olympus')).toBe(false);
    expect(isValidZone('')).toBe(false);
    expect(() => localDate(new Date(), 'Nowhere/Land')).toThrow(RangeError);
  });
});
