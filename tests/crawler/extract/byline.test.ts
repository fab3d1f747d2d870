import { describe, expect, it } from 'vitest';
import { extractByline } from '../../../crawler/extract/byline.ts';

const OUTLET = { outletNames: ['Beritain.co.id', 'Beritain'] };
const LEAD = 'Pemkot Cilegon menggelar pasar murah di delapan kecamatan menjelang Ramadan.';

describe('extractByline', () => {
  it('reads `(Sari/Red)` at the end, cuts it from the body and skips the desk', () => {
    const byline = extractByline([LEAD, 'Warga menyambut baik kegiatan itu," pungkasnya. (Sari/Red).'], OUTLET);
    expect(byline).toEqual({
      authors: ['Sari'],
      editor: null,
      bylineRaw: '(Sari/Red)',
      paragraphs: [LEAD, 'Warga menyambut baik kegiatan itu," pungkasnya.'],
    });
  });

  it('keeps raw initials, takes the second code as editor, and maps known initials', () => {
    expect(extractByline([LEAD, 'Penutup berita. (LUK/DZH)'], OUTLET)).toMatchObject({ authors: ['LUK'], editor: 'DZH', bylineRaw: '(LUK/DZH)' });
    expect(extractByline([LEAD, 'Penutup berita. (LUK/DZH)'], { ...OUTLET, initials: { LUK: 'Lukman', dzh: 'Dzulham' } })).toMatchObject({
      authors: ['Lukman'],
      editor: 'Dzulham',
    });
  });

  it('reads a code on a line of its own', () => {
    expect(extractByline([LEAD, '(MUF)'], OUTLET)).toMatchObject({ authors: ['MUF'], paragraphs: [LEAD] });
  });

  it('gives no author for `(*)` and `(Red)`, and does not fall back to the declared author then', () => {
    for (const code of ['(*)', '(Red)', '(red)']) {
      const byline = extractByline([LEAD, `Penutup berita. ${code}`], { ...OUTLET, declaredAuthors: ['Admin BX', 'Fajar'] });
      expect(byline.authors).toEqual([]);
      expect(byline.bylineRaw).toBe(code);
      expect(byline.paragraphs).toEqual([LEAD, 'Penutup berita.']);
    }
  });

  it('does not take a closing acronym for a byline', () => {
    const last = 'Sumbangan IKM terhadap Pendapatan Asli Daerah (PAD).';
    const byline = extractByline([LEAD, last], OUTLET);
    expect(byline).toMatchObject({ authors: [], bylineRaw: null, paragraphs: [LEAD, last] });
  });

  it('reads `Reporter: A dan B | Editor: C` and `Penulis: X` lines and removes them', () => {
    const byline = extractByline([LEAD, 'Penutup.', 'Reporter: Yusuf Maulana dan Nabila Putri | Editor: Hendra Saputra'], {
      ...OUTLET,
      declaredAuthors: ['Hendra Saputra'],
    });
    expect(byline).toEqual({
      authors: ['Yusuf Maulana', 'Nabila Putri'],
      editor: 'Hendra Saputra',
      bylineRaw: 'Reporter: Yusuf Maulana dan Nabila Putri | Editor: Hendra Saputra',
      paragraphs: [LEAD, 'Penutup.'],
    });
    expect(extractByline([LEAD, 'Penulis: Rina Oktaviani'], OUTLET)).toMatchObject({ authors: ['Rina Oktaviani'], bylineRaw: 'Penulis: Rina Oktaviani' });
    expect(extractByline(['Oleh Ahmad Fauzan', LEAD], OUTLET)).toMatchObject({ authors: ['Ahmad Fauzan'], paragraphs: [LEAD] });
  });

  it('reads a labelled byline printed near the title', () => {
    const byline = extractByline([LEAD], { ...OUTLET, zoneTexts: ['14 Oktober 2025', 'Reporter: Dewi Lestari | Editor: Nurul Hidayah'] });
    expect(byline).toMatchObject({ authors: ['Dewi Lestari'], editor: 'Nurul Hidayah' });
  });

  it('does not read the date printed after a name as part of it', () => {
    expect(extractByline([LEAD], { ...OUTLET, zoneTexts: ['Penulis: Sari | 14 Oktober 2025'] }).authors).toEqual(['Sari']);
    expect(extractByline([LEAD], { ...OUTLET, zoneTexts: ['Penulis: 14 Oktober 2025'] }).authors).toEqual([]);
  });

  it('uses declared authors only when the text names none, never the desk or the outlet', () => {
    expect(extractByline([LEAD], { ...OUTLET, declaredAuthors: ['Redaksi', 'Sari'] }).authors).toEqual(['Sari']);
    for (const desk of ['Redaksi', 'Admin', 'Tim Redaksi', 'Beritain.co.id', 'Redaksi Beritain', 'admin']) {
      expect(extractByline([LEAD], { ...OUTLET, declaredAuthors: [desk] }).authors).toEqual([]);
    }
  });
});

describe('extractByline: initials codes with several reporters', () => {
  it('reads every code but the last as a reporter and the last as the editor, mapped through the outlet table', () => {
    const byline = extractByline(['Isi berita pertama.', 'Kalimat penutup berita. (fdr/ard/aas)'], {
      outletNames: ['Radar Banten'],
      initials: { fdr: 'Fauzan Dardiri', ard: 'Ardi Nugraha', aas: 'Aas Arbi' },
    });
    expect(byline).toMatchObject({ authors: ['Fauzan Dardiri', 'Ardi Nugraha'], editor: 'Aas Arbi', bylineRaw: '(fdr/ard/aas)' });
    expect(byline.paragraphs).toEqual(['Isi berita pertama.', 'Kalimat penutup berita.']);
  });

  it('keeps unknown initials raw', () => {
    const byline = extractByline(['Kalimat penutup berita.', '(zal/aas)'], { outletNames: ['Radar Banten'], initials: { aas: 'Aas Arbi' } });
    expect(byline).toMatchObject({ authors: ['zal'], editor: 'Aas Arbi' });
  });
});
