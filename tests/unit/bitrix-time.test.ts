import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bitrixTime } from '../../src/core/interchange/bitrix24.js';
import { setTz } from '../support/tz.js';

const originalTz = process.env.TZ;
beforeAll(() => {
  process.env.TZ = 'Europe/Berlin';
});
afterAll(() => {
  setTz(originalTz);
});

describe("Bitrix24's form of an instant (local time with its offset)", () => {
  it('uses the offset in force at that instant, on both sides of a DST change', () => {
    expect(bitrixTime(new Date('2026-03-29T00:30:00Z'))).toBe('2026-03-29T01:30:00+01:00');
    expect(bitrixTime(new Date('2026-03-29T01:30:00Z'))).toBe('2026-03-29T03:30:00+02:00');
    expect(bitrixTime(new Date('2026-10-25T00:30:00Z'))).toBe('2026-10-25T02:30:00+02:00');
    expect(bitrixTime(new Date('2026-10-25T01:30:00Z'))).toBe('2026-10-25T02:30:00+01:00');
    for (const iso of ['2026-03-29T01:30:00Z', '2026-10-25T00:30:00Z', '2026-10-25T01:30:00Z'])
      expect(new Date(bitrixTime(new Date(iso))).toISOString()).toBe(iso.replace('Z', '.000Z'));
  });
});
