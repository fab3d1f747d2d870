import { describe, expect, it } from 'vitest';
import { findPlaces, isInBanten, primaryCity, resolvePlaceName, resolveProvinceName } from '../../../crawler/extract/places.ts';

describe('resolvePlaceName', () => {
  it('maps printed places to official kabupaten/kota names', () => {
    expect(resolvePlaceName('CILEGON')).toBe('Kota Cilegon');
    expect(resolvePlaceName('Tangsel')).toBe('Kota Tangerang Selatan');
    expect(resolvePlaceName('TANGERANG SELATAN')).toBe('Kota Tangerang Selatan');
    expect(resolvePlaceName('Kab. Serang')).toBe('Kabupaten Serang');
    expect(resolvePlaceName('Kabupaten Serang')).toBe('Kabupaten Serang');
    expect(resolvePlaceName('Kota Serang')).toBe('Kota Serang');
    expect(resolvePlaceName('LEBAK')).toBe('Kabupaten Lebak');
    expect(resolvePlaceName('Pandeglang')).toBe('Kabupaten Pandeglang');
    expect(resolvePlaceName('Kota Bandung')).toBe('Kota Bandung');
    expect(resolvePlaceName('Rangkasbitung')).toBe('Kabupaten Lebak');
    expect(resolvePlaceName('Jakarta')).toBeNull();
    expect(resolvePlaceName('Beritain')).toBeNull();
  });

  it('reads a bare Serang as the kota unless the text makes it the kabupaten', () => {
    expect(resolvePlaceName('SERANG')).toBe('Kota Serang');
    expect(resolvePlaceName('SERANG', 'Warga Kecamatan Anyar, Kabupaten Serang, berkumpul.')).toBe('Kabupaten Serang');
    expect(resolvePlaceName('SERANG', 'Pasar Ciruas ramai pengunjung.')).toBe('Kabupaten Serang');
    expect(resolvePlaceName('SERANG', 'Pemkot Serang menata pasar.')).toBe('Kota Serang');
    expect(resolvePlaceName('TANGERANG', 'Begal beraksi di Kecamatan Cikupa, Kabupaten Tangerang.')).toBe('Kabupaten Tangerang');
    expect(resolvePlaceName('TANGERANG', 'Warga Kota Tangerang Selatan dan Kota Tangerang.')).toBe('Kota Tangerang');
  });
});

describe('findPlaces', () => {
  it('lists every kabupaten/kota mentioned, official names, sorted', () => {
    expect(findPlaces('Studi tiru ke Disperindag Provinsi Jawa Barat di Kota Bandung, lalu pulang ke Cilegon.')).toEqual([
      'Kota Bandung',
      'Kota Cilegon',
    ]);
    expect(findPlaces('Pelabuhan Bakauheni, Kabupaten Lampung Selatan, dan Tangsel.')).toEqual([
      'Kabupaten Lampung Selatan',
      'Kota Tangerang Selatan',
    ]);
  });

  it('does not read the Lebak Denok kelurahan or lowercase words as places', () => {
    expect(findPlaces('Warga Kelurahan Lebak Denok dan Lebakdenok, Kecamatan Citangkil, Kota Cilegon.')).toEqual(['Kota Cilegon']);
    expect(findPlaces('Banjir di Lebak merendam 14 desa.')).toEqual(['Kabupaten Lebak']);
    expect(findPlaces('pasukan itu menyerang pos musuh')).toEqual([]);
  });

  it('does not count Kota Tangerang inside Kota Tangerang Selatan', () => {
    expect(findPlaces('Kecamatan Pamulang, Kota Tangerang Selatan.')).toEqual(['Kota Tangerang Selatan']);
  });
});

describe('primaryCity', () => {
  it('takes the dateline, else the first Banten place of the lead', () => {
    expect(primaryCity('Cilegon', 'Warga Bandung datang.', '')).toBe('Kota Cilegon');
    expect(primaryCity(null, 'Rombongan dari Bandung tiba di Kecamatan Pabuaran, Kabupaten Serang.', '')).toBe('Kabupaten Serang');
    expect(primaryCity(null, 'Rombongan tiba di Kota Bandung.', '')).toBe('Kota Bandung');
    expect(primaryCity(null, 'Harga cabai naik.', '')).toBeNull();
  });
});

describe('provinces', () => {
  it('reads short and official province names', () => {
    expect(resolveProvinceName('Jabar')).toBe('Jawa Barat');
    expect(resolveProvinceName('Provinsi Banten')).toBe('Banten');
    expect(resolveProvinceName('Cilegon')).toBeNull();
    expect(isInBanten('Kota Cilegon')).toBe(true);
    expect(isInBanten('Kota Bandung')).toBe(false);
  });
});

describe('findPlaces: road names', () => {
  it('does not read the ends of a toll road as mentions, but reads a toll gate named after a city', () => {
    expect(findPlaces('Truk terguling di Tol Tangerang-Merak KM 96, wilayah Kota Cilegon.')).toEqual(['Kota Cilegon']);
    expect(findPlaces('Antrean dari Gerbang Tol Cilegon Barat.')).toEqual(['Kota Cilegon']);
  });

  it('reads prefixed names of any regency and hyphenated names', () => {
    expect(findPlaces('Bantuan dikirim ke Kab. Lampung Selatan dan Kabupaten Toli-Toli.')).toEqual(['Kabupaten Lampung Selatan', 'Kabupaten Toli-Toli']);
  });
});
