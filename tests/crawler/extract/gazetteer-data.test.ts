import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { GAZETTEER_MODULE, renderGazetteerModule } from '../../../crawler/extract/build-gazetteer.ts';
import { BANTEN_DISTRICTS, REGENCIES } from '../../../crawler/extract/gazetteer-data.ts';

describe('gazetteer-data.ts', () => {
  it('is what build-gazetteer.ts renders from the installed idn-area-data', async () => {
    const { source } = await renderGazetteerModule();
    expect(readFileSync(GAZETTEER_MODULE, 'utf8')).toBe(source);
  });

  it("holds Banten's four kabupaten, four kota and their kecamatan", () => {
    expect(REGENCIES.filter(([code]) => code.startsWith('36.')).map(([, name]) => name)).toEqual([
      'Kabupaten Pandeglang',
      'Kabupaten Lebak',
      'Kabupaten Tangerang',
      'Kabupaten Serang',
      'Kota Tangerang',
      'Kota Cilegon',
      'Kota Serang',
      'Kota Tangerang Selatan',
    ]);
    expect(BANTEN_DISTRICTS.find(([, name]) => name === 'Ciruas')?.[0]).toMatch(/^36\.04\.\d{2}$/);
    expect(BANTEN_DISTRICTS).toHaveLength(155);
  });
});
