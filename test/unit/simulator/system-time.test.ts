import { describe, expect, it } from 'vitest';
import { systemTimeAttributes, systemTimeResponse, zoneOffsetAt } from '../../../src/simulator/system-time.js';

const WINTER = Date.UTC(2026, 0, 15, 18, 30, 0, 21);
const SUMMER = Date.UTC(2026, 6, 15, 18, 30, 0, 21);

describe('zoneOffsetAt', () => {
  it("writes the zone's offset at that instant as Java's ZoneOffset does", () => {
    expect(zoneOffsetAt('America/Chicago', WINTER)).toBe('-06:00');
    expect(zoneOffsetAt('America/Chicago', SUMMER)).toBe('-05:00');
    expect(zoneOffsetAt('Asia/Kathmandu', WINTER)).toBe('+05:45');
    expect(zoneOffsetAt('Australia/Sydney', WINTER)).toBe('+11:00');
    expect(zoneOffsetAt('UTC', WINTER)).toBe('Z');
    expect(zoneOffsetAt('Europe/London', WINTER)).toBe('Z');
  });

  it('changes at the DST transition itself (Chicago, 2026-03-08 02:00 local = 08:00 UTC)', () => {
    const change = Date.UTC(2026, 2, 8, 8, 0, 0);
    expect(zoneOffsetAt('America/Chicago', change - 1)).toBe('-06:00');
    expect(zoneOffsetAt('America/Chicago', change)).toBe('-05:00');
  });
});

describe('systemTimeAttributes', () => {
  it('answers dateTime (UTC by default, like every other date), zoneId and zoneOffset, America/Chicago by default', () => {
    expect(systemTimeAttributes(WINTER)).toEqual({ dateTime: '2026-01-15T18:30:00.021Z', zoneId: 'America/Chicago', zoneOffset: '-06:00' });
  });

  it("writes the zone's wall clock with its offset when asked", () => {
    expect(systemTimeAttributes(SUMMER, { dateTimeFormat: 'offset' })).toEqual({
      dateTime: '2026-07-15T13:30:00.021-05:00', zoneId: 'America/Chicago', zoneOffset: '-05:00',
    });
    expect(systemTimeAttributes(WINTER, { zone: 'Asia/Kathmandu', dateTimeFormat: 'offset' })['dateTime']).toBe('2026-01-16T00:15:00.021+05:45');
    expect(systemTimeAttributes(WINTER, { zone: 'UTC', dateTimeFormat: 'offset' })['dateTime']).toBe('2026-01-15T18:30:00.021Z');
    // Either way the instant is the same.
    expect(Date.parse(systemTimeAttributes(SUMMER, { zone: 'Pacific/Chatham', dateTimeFormat: 'offset' })['dateTime'] ?? '')).toBe(SUMMER);
  });
});

describe('systemTimeResponse', () => {
  it('wraps the attributes in the Cloud API envelope, or not, or answers 404 like an older release', () => {
    const envelope = systemTimeResponse(WINTER);
    expect(envelope.status).toBe(200);
    expect(envelope.body).toMatchObject({ data: { attributes: systemTimeAttributes(WINTER), links: { self: { href: '/systemtools/v1/system-time' } } } });
    expect(systemTimeResponse(WINTER, { shape: 'bare' })).toEqual({ status: 200, body: systemTimeAttributes(WINTER) });
    const absent = systemTimeResponse(WINTER, { shape: 'absent' });
    expect(absent.status).toBe(404);
    expect(absent.body).toMatchObject({ errorCode: 'gw.api.rest.exceptions.NotFoundException' });
  });
});
