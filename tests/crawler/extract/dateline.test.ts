import { describe, expect, it } from 'vitest';
import { extractDateline } from '../../../crawler/extract/dateline.ts';

describe('extractDateline', () => {
  it.each([
    ['Cilegon, (Beritain.co.id) – Cilegon Metal Manufaktur (CMM) kembali hadir.', ['Beritain.co.id'], 'Cilegon', 'Cilegon Metal Manufaktur (CMM) kembali hadir.'],
    ['CILEGON, BANPOS – Pemkot Cilegon menargetkan perbaikan jalan.', ['BANPOS'], 'CILEGON', 'Pemkot Cilegon menargetkan perbaikan jalan.'],
    ['SERANG, BX - Pemprov Banten kembali menggelar pemutihan.', ['BX'], 'SERANG', 'Pemprov Banten kembali menggelar pemutihan.'],
    ['SERANG, BX – Pemprov Banten kembali menggelar pemutihan.', ['BX'], 'SERANG', 'Pemprov Banten kembali menggelar pemutihan.'],
    ['TANGERANG SELATAN, KOMPAS.com — Polres Tangsel mengamankan pelajar.', [], 'TANGERANG SELATAN', 'Polres Tangsel mengamankan pelajar.'],
    ['SERANG – Dinas Kesehatan Provinsi Banten menargetkan stunting turun.', [], 'SERANG', 'Dinas Kesehatan Provinsi Banten menargetkan stunting turun.'],
    ['Kab. Serang, (Beritain.co.id) – Warga Ciruas berkumpul.', ['Beritain.co.id'], 'Kab. Serang', 'Warga Ciruas berkumpul.'],
  ])('splits %j', (paragraph, names, place, rest) => {
    expect(extractDateline(paragraph, names)).toMatchObject({ place, rest });
  });

  it('leaves paragraphs without a dateline alone', () => {
    const text = 'Warga Desa Sindangsari, Kecamatan Pabuaran, Kabupaten Serang, menanam pohon pisang – sebagai protes.';
    expect(extractDateline(text, ['BX'])).toEqual({ place: null, outlet: null, rest: text });
    const quote = 'Kali ini – kata dia – warga akan kembali berkumpul di alun-alun.';
    expect(extractDateline(quote, [])).toMatchObject({ place: null, rest: quote });
  });

  it('cuts an outlet name printed without a place', () => {
    expect(extractDateline('BANPOS – Harga cabai naik lagi.', ['BANPOS'])).toEqual({ place: null, outlet: 'BANPOS', rest: 'Harga cabai naik lagi.' });
  });
});

describe('extractDateline: an outlet-only dateline glued to the text', () => {
  it('cuts `TANGERANGNEWS.com-` and leaves no place', () => {
    expect(extractDateline('TANGERANGNEWS.com-Banjir kembali merendam Periuk.', ['TangerangNews.com', 'TANGERANGNEWS.com'])).toEqual({
      place: null,
      outlet: 'TANGERANGNEWS.com',
      rest: 'Banjir kembali merendam Periuk.',
    });
  });
});
