import { describe, expect, it } from 'vitest';
import { areaHierarchy } from '../../../crawler/extract/areas.ts';

describe('areaHierarchy', () => {
  it('builds province > kabupaten/kota > kecamatan levels with Kemendagri codes', () => {
    const areas = areaHierarchy('Warga Kelurahan Lebakdenok, Kecamatan Citangkil, Kota Cilegon, dan warga Kota Bandung.', ['Kota Bandung', 'Kota Cilegon']);
    expect(areas.districts).toEqual([{ code: '36.72.08', name: 'Citangkil', regency: 'Kota Cilegon' }]);
    expect(areas.levels).toEqual({
      lvl0: ['Banten', 'Jawa Barat'],
      lvl1: ['Banten > Kota Cilegon', 'Jawa Barat > Kota Bandung'],
      lvl2: ['Banten > Kota Cilegon > Citangkil'],
    });
    expect(areas.codes).toEqual(['32', '32.73', '36', '36.72', '36.72.08']);
  });

  it('resolves a kecamatan name two regencies share through the article places, and drops it otherwise', () => {
    const text = 'Jalan di Kecamatan Cibeber rusak parah.';
    expect(areaHierarchy(text, ['Kabupaten Lebak']).levels.lvl2).toEqual(['Banten > Kabupaten Lebak > Cibeber']);
    expect(areaHierarchy(text, ['Kota Cilegon']).levels.lvl2).toEqual(['Banten > Kota Cilegon > Cibeber']);
    expect(areaHierarchy(text, []).levels.lvl2).toEqual([]);
  });

  it('reads two-word kecamatan and finds the kecamatan of a named desa', () => {
    const areas = areaHierarchy('Vaksinasi di Kecamatan Pasar Kemis dan di Kelurahan Lebakdenok.', ['Kabupaten Tangerang', 'Kota Cilegon']);
    expect(areas.districts.map((d) => d.name)).toEqual(['Pasar Kemis', 'Citangkil']);
    // Kabupaten Tangerang has two desa named Talagasari, in two kecamatan: no guess.
    expect(areaHierarchy('Gudang di Desa Talagasari terbakar.', ['Kabupaten Tangerang']).districts).toEqual([]);
    // A kecamatan implies its kabupaten in the hierarchy, even when the text does not name it.
    expect(areaHierarchy('Di Kecamatan Ciruas panen raya dimulai.', []).levels.lvl1).toEqual(['Banten > Kabupaten Serang']);
  });
});
