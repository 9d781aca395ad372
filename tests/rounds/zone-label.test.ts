import { describe, expect, it } from 'vitest';
import { zoneLabel } from '../../src/core/local-time.js';
import { describePostTime } from '../../src/core/post-time.js';

const winter = new Date('2026-01-15T12:00:00Z');
const summer = new Date('2026-07-15T12:00:00Z');

describe('zoneLabel: the zone\'s usual abbreviation, else its IANA name, never "GMT+1"', () => {
  it.each([
    ['Europe/Berlin', winter, 'CET'],
    ['Europe/Berlin', summer, 'CEST'],
    ['Pacific/Auckland', winter, 'NZDT'],
    ['Pacific/Auckland', summer, 'NZST'],
    ['America/New_York', winter, 'EST'],
    ['America/New_York', summer, 'EDT'],
    ['America/Los_Angeles', summer, 'PDT'],
    ['Europe/London', winter, 'GMT'],
    ['Europe/London', summer, 'BST'],
    ['Australia/Sydney', winter, 'AEDT'],
    ['Asia/Kolkata', winter, 'IST'],
    ['UTC', winter, 'UTC'],
    ['Asia/Tokyo', winter, 'Asia/Tokyo'],
    ['America/Sao_Paulo', summer, 'America/Sao_Paulo'],
  ])('%s on %s -> %s', (zone, at, label) => {
    expect(zoneLabel(at, zone)).toBe(label);
  });

  it('never answers a GMT offset for any zone the platform knows', () => {
    for (const zone of Intl.supportedValuesOf('timeZone')) {
      for (const at of [winter, summer]) expect(zoneLabel(at, zone), zone).not.toMatch(/^(GMT|UTC)[+-−]/);
    }
  });
});

describe('describePostTime', () => {
  it('shows the post time with the zone label', () => {
    expect(describePostTime(new Date('2026-11-26T08:00:00Z'), 'Europe/Berlin')).toBe('Thu 2026-11-26 09:00 CET');
    expect(describePostTime(new Date('2026-11-26T08:00:00Z'), 'Pacific/Auckland')).toBe('Thu 2026-11-26 21:00 NZDT');
    expect(describePostTime(new Date('2026-11-26T08:00:00Z'), 'Asia/Tokyo')).toBe('Thu 2026-11-26 17:00 Asia/Tokyo');
  });
});
