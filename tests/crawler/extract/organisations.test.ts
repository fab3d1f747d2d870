import { describe, expect, it } from 'vitest';
import { extractOrganisations } from '../../../crawler/extract/organisations.ts';

const orgs = (text: string, city: string | null = null) => extractOrganisations(text, { city }).organisations;

describe('extractOrganisations', () => {
  it('resolves acronyms the text defines and spells out regional bodies with their region', () => {
    const result = extractOrganisations(
      'Pengurus Cilegon Metal Manufaktur (CMM) berkunjung ke Dinas Perindustrian dan Perdagangan (Disperindag) Provinsi Jawa Barat. ' +
        'Ketua Umum CMM berterima kasih kepada Disperindag Kota Cilegon. Sumbangan Industri Kecil Menengah (IKM) ' +
        'terhadap Pendapatan Asli Daerah (PAD) disebut dalam RPJMD.',
    );
    expect(result.organisations).toEqual([
      'Cilegon Metal Manufaktur',
      'Dinas Perindustrian dan Perdagangan Kota Cilegon',
      'Dinas Perindustrian dan Perdagangan Provinsi Jawa Barat',
    ]);
    expect(result.organisationAliases).toEqual(['CMM', 'Disperindag']);
  });

  it('maps titles to their body', () => {
    expect(orgs('Kapolres Cilegon AKBP Bayu Setiawan dan Kapolda Banten hadir.')).toEqual(['Polda Banten', 'Polres Cilegon']);
    expect(orgs('Wali Kota Cilegon dan Walikota Serang bertemu Bupati Lebak dan Gubernur Banten.')).toEqual([
      'Pemerintah Kabupaten Lebak',
      'Pemerintah Kota Cilegon',
      'Pemerintah Kota Serang',
      'Pemerintah Provinsi Banten',
    ]);
  });

  it('reads governments, legislatures and police units with their region', () => {
    expect(orgs('Pemerintah Kota (Pemkot) Tangerang dan Pemprov Banten bersama DPRD Banten dan DPRD Kota Serang.')).toEqual([
      'DPRD Kota Serang',
      'DPRD Provinsi Banten',
      'Pemerintah Kota Tangerang',
      'Pemerintah Provinsi Banten',
    ]);
    expect(orgs('Unit Reskrim Polsek Ciruas dan Satreskrim Polres Serang. Polres Tangsel dan Polda Metro Jaya.')).toEqual([
      'Polda Metro Jaya',
      'Polres Serang',
      'Polres Tangerang Selatan',
      'Polsek Ciruas',
    ]);
    expect(orgs('Badan Penanggulangan Bencana Daerah (BPBD) Lebak dan Kepala Pelaksana BPBD Lebak.')).toEqual([
      'Badan Penanggulangan Bencana Daerah Kabupaten Lebak',
    ]);
  });

  it('keeps companies, universities, ministries and national bodies under their usual name', () => {
    expect(
      orgs(
        'PT Krakatau Steel (Persero) Tbk bersama Universitas Sultan Ageng Tirtayasa (Untirta) dan Kementerian Perindustrian (Kemenperin). ' +
          'Dosen Untirta dan Badan Meteorologi, Klimatologi, dan Geofisika (BMKG) ikut hadir.',
      ),
    ).toEqual(['BMKG', 'Kementerian Perindustrian', 'PT Krakatau Steel', 'Universitas Sultan Ageng Tirtayasa']);
  });

  it('drops sub-units and concepts, keeps the body they belong to', () => {
    expect(
      orgs(
        'Satuan Reserse Kriminal (Satreskrim) Polres Cilegon dan Direktorat Lalu Lintas Polda Banten. Komisi III DPRD Kota Serang ' +
          'meninjau Tempat Pemrosesan Akhir Sampah (TPAS) Cilowong. Kepala Bidang Destinasi Dinas Pariwisata Kabupaten Serang hadir.',
      ),
    ).toEqual(['DPRD Kota Serang', 'Dinas Pariwisata Kabupaten Serang', 'Polda Banten', 'Polres Cilegon']);
  });

  it('prefers the name the text spells out over the built-in lexicon', () => {
    expect(orgs('Kepala Dinas Pekerjaan Umum dan Tata Ruang (DPUTR) Kota Cilegon. DPUTR Cilegon bekerja.')).toEqual([
      'Dinas Pekerjaan Umum dan Tata Ruang Kota Cilegon',
    ]);
  });

  it('gives a body printed without a region the story city, unless the text names its region elsewhere', () => {
    expect(orgs('Dinkes menggerakkan kader jumantik.', 'Kota Cilegon')).toEqual(['Dinas Kesehatan Kota Cilegon']);
    expect(orgs('Dinkes Provinsi Banten hadir. Dinkes menggerakkan kader.', 'Kota Serang')).toEqual(['Dinas Kesehatan Provinsi Banten']);
    expect(orgs('Dinkes menggerakkan kader jumantik.')).toEqual([]);
  });

  it('does not list defined concepts or programmes', () => {
    expect(orgs('Bus Tangerang Ayo (Tayo), Kawasan Ekonomi Khusus (KEK) Tanjung Lesung dan Hari Ulang Tahun (HUT) Kota Cilegon.')).toEqual([]);
    expect(orgs('Setiap Badan Usaha Milik Daerah (BUMD) Kota Cilegon wajib melapor. BUMD Cilegon untung.')).toEqual([]);
  });
});

describe('extractOrganisations: acronyms defined inside a name', () => {
  it('reads `Dinas PUPR Banten` as the body the text spelled out', () => {
    const { organisations } = extractOrganisations(
      'Dinas Pekerjaan Umum dan Penataan Ruang (PUPR) Provinsi Banten mulai bekerja. Kepala Dinas PUPR Banten, Hadi, mengatakan hal itu.',
    );
    expect(organisations).toEqual(['Dinas Pekerjaan Umum dan Penataan Ruang Provinsi Banten']);
  });

  it('does not take a wage or a programme for an organisation', () => {
    const { organisations } = extractOrganisations('Buruh menuntut Upah Minimum Kabupaten (UMK) Tangerang naik. Kepala Dinas Tenaga Kerja (Disnaker) Kabupaten Tangerang menjawab.');
    expect(organisations).toEqual(['Dinas Tenaga Kerja Kabupaten Tangerang']);
  });
});
