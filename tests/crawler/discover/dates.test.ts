import { describe, expect, it } from 'vitest';
import { parseDiscoveryDate } from '../../../crawler/discover/dates.ts';

describe('parseDiscoveryDate', () => {
  it.each([
    ['2025-10-14T10:05:00+07:00', '2025-10-14T03:05:00.000Z'],
    ['2025-10-14T10:05:00Z', '2025-10-14T10:05:00.000Z'],
    ['2025-10-14T10:05:00.123+0700', '2025-10-14T03:05:00.123Z'],
    ['2025-10-14T10:05+07', '2025-10-14T03:05:00.000Z'],
    ['2025-10-14 10:05:00', '2025-10-14T03:05:00.000Z'], // zone-less: WIB
    ['2025-10-14', '2025-10-13T17:00:00.000Z'],
    ['2025-10', '2025-09-30T17:00:00.000Z'],
    ['Tue, 14 Oct 2025 10:05:00 +0700', '2025-10-14T03:05:00.000Z'],
    ['Tue, 14 Oct 2025 10:05:00 GMT', '2025-10-14T10:05:00.000Z'],
    ['Tue, 14 Oct 2025 10:05:00 WIB', '2025-10-14T03:05:00.000Z'],
    ['Tue, 14 Oct 2025 10:05:00 WITA', '2025-10-14T02:05:00.000Z'],
  ])('reads %s', (text, iso) => {
    expect(parseDiscoveryDate(text)?.toISOString()).toBe(iso);
  });

  it.each([undefined, '', '   ', 'kemarin', '2025-13-45'])('gives undefined for %j', (text) => {
    expect(parseDiscoveryDate(text)).toBeUndefined();
  });
});
