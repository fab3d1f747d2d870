/**
 * A synthetic corpus with the shape of the real one: Zipf-distributed cities, outlets, authors and
 * organisations, ~4.5 KB bodies from a Zipf vocabulary of Indonesian news words, publish dates over
 * seven years with more news in recent years. Deterministic for a seed, so runs compare.
 */
import type { ArticleDocument } from '../src/article.ts';

const CITIES: Array<[string, number]> = [
  ['Kota Serang', 20], ['Kota Cilegon', 18], ['Kota Tangerang', 15], ['Kabupaten Serang', 12],
  ['Kota Tangerang Selatan', 12], ['Kabupaten Tangerang', 10], ['Kabupaten Lebak', 7], ['Kabupaten Pandeglang', 6],
];
const OUTLETS: Array<[string, string, number]> = [
  ['beritain', 'Beritain.co.id', 20], ['bantenpos', 'BANPOS', 18], ['bantennews', 'BantenNews.co.id', 16],
  ['radarbanten', 'Radar Banten', 15], ['bantenxpose', 'BantenXpose', 9], ['tangerangnews', 'TangerangNews.com', 9],
  ['bantenhits', 'BantenHits.com', 7], ['bantensiber', 'BantenSiber.com', 6],
];
const ORG_KINDS = ['Dinas Perindustrian dan Perdagangan', 'Dinas Kesehatan', 'Dinas Pendidikan dan Kebudayaan', 'Badan Penanggulangan Bencana Daerah', 'Pemerintah', 'DPRD', 'Polres', 'Dinas Pekerjaan Umum dan Penataan Ruang', 'Dinas Sosial', 'Badan Pendapatan Daerah'];
const COMPANIES = ['PT Krakatau Steel', 'PT Chandra Asri Pacific', 'PT Indonesia Power', 'PT ASDP Indonesia Ferry', 'PT Pelabuhan Indonesia', 'Universitas Sultan Ageng Tirtayasa', 'Cilegon Metal Manufaktur', 'Polda Banten', 'Pemerintah Provinsi Banten', 'DPRD Provinsi Banten', 'BMKG', 'Kementerian Perindustrian'];
const WORDS = (
  'yang dan di ini itu dengan untuk dari dalam pada tidak akan juga kami kota warga pemerintah kabupaten banten ' +
  'jalan program kegiatan masyarakat daerah pembangunan dinas kepala sekolah rumah sakit pasar banjir polisi ' +
  'tersangka kasus anggaran rapat dewan wali bupati gubernur industri pelabuhan kapal buruh upah investasi ' +
  'sampah air bersih listrik jembatan desa kecamatan kelurahan pelayanan kesehatan pendidikan siswa guru ' +
  'bantuan sosial beras harga cabai inflasi pajak retribusi pariwisata pantai anyer carita festival budaya ' +
  'sultan masjid ziarah lalu lintas kecelakaan macet tol proyek konstruksi baja logam pabrik limbah lingkungan ' +
  'hutan gunung sungai longsor gempa cuaca hujan pemilu pilkada partai calon kampanye suara tps relawan ' +
  'olahraga sepak bola stadion atlet medali pemuda mahasiswa kampus universitas penelitian teknologi digital ' +
  'aplikasi layanan publik izin usaha umkm ikm koperasi petani nelayan ikan padi irigasi pupuk ternak'
).split(' ');
const FIRST = ['Sari', 'Budi', 'Rina', 'Ahmad', 'Dedi', 'Siti', 'Agus', 'Nur', 'Eka', 'Rizki', 'Fajar', 'Dewi', 'Hendra', 'Lukman', 'Yusuf', 'Intan', 'Teguh', 'Wawan', 'Asep', 'Iis'];
const LAST = ['', 'Hidayat', 'Saputra', 'Rahmawati', 'Setiawan', 'Maulana', 'Fauzi', 'Susanti', 'Pratama', 'Nugraha', 'Wijaya', 'Kurniawan'];

/** Mulberry32: small, fast, seedable. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function weighted<T>(items: Array<[T, number]>, r: number): T {
  const total = items.reduce((s, [, w]) => s + w, 0);
  let x = r * total;
  for (const [item, w] of items) {
    x -= w;
    if (x <= 0) return item;
  }
  return items[items.length - 1]![0];
}

/** Index from a Zipf(s≈1) distribution over n items. */
function zipf(n: number, r: number): number {
  return Math.min(n - 1, Math.floor(Math.exp(r * Math.log(n + 1)) - 1));
}

export const BENCH_AUTHORS = FIRST.flatMap((f) => LAST.map((l) => (l ? `${f} ${l}` : f)));
export const BENCH_ORGANISATIONS = [
  ...COMPANIES,
  ...ORG_KINDS.flatMap((kind) => CITIES.map(([city]) => (kind === 'Polres' ? `Polres ${city.replace(/^(Kota|Kabupaten) /, '')}` : `${kind} ${city}`))),
];
export const BENCH_CITIES = CITIES.map(([c]) => c);
export const BENCH_OUTLETS = OUTLETS.map(([, name]) => name);

export function* generateCorpus(count: number, seed = 42): Generator<ArticleDocument> {
  const r = rng(seed);
  const start = Date.UTC(2019, 0, 1) / 1000;
  const span = Date.UTC(2026, 10, 1) / 1000 - start;
  for (let i = 0; i < count; i++) {
    const city = weighted(CITIES.map(([c, w]) => [c, w]), r());
    const [outletId, outlet] = weighted(OUTLETS.map(([id, name, w]) => [[id, name] as const, w]), r());
    const authors = [BENCH_AUTHORS[zipf(BENCH_AUTHORS.length, r())]!];
    if (r() < 0.08) authors.push(BENCH_AUTHORS[zipf(BENCH_AUTHORS.length, r())]!);
    const orgCount = 1 + Math.floor(r() * 4);
    const organisations = [...new Set(Array.from({ length: orgCount }, () => BENCH_ORGANISATIONS[zipf(BENCH_ORGANISATIONS.length, r())]!))];
    // sqrt skews dates towards recent years, as outlets publish more every year.
    const publishedAt = Math.floor(start + Math.sqrt(r()) * span);
    const words = (n: number) => Array.from({ length: n }, () => WORDS[zipf(WORDS.length, r())]!).join(' ');
    const paragraphs = Array.from({ length: 8 + Math.floor(r() * 6) }, () => `${words(40 + Math.floor(r() * 30))}.`);
    paragraphs[1] = `${paragraphs[1]} ${organisations.join(', ')} di ${city}.`;
    const title = `${words(4)} ${city.replace(/^(Kota|Kabupaten) /, '')} ${words(3)}`.replace(/^./, (c) => c.toUpperCase());
    const iso = new Date((publishedAt + 7 * 3600) * 1000).toISOString().slice(0, 19) + '+07:00';
    const day = iso.slice(0, 10);
    yield {
      id: `bench-${i}`,
      url: `https://${outletId}.example/${day.replace(/-/g, '/')}/artikel-${i}/`,
      outletId,
      outlet,
      title,
      lead: paragraphs[0]!,
      body: paragraphs.join('\n\n'),
      authors,
      bylineRaw: null,
      editor: null,
      dateline: city.replace(/^(Kota|Kabupaten) /, ''),
      city,
      places: [city],
      organisations,
      organisationAliases: [],
      publishedAt,
      publishedIso: iso,
      updatedAt: null,
      day,
      week: isoWeek(day),
      month: day.slice(0, 7),
      year: day.slice(0, 4),
      section: null,
      tags: [],
      image: null,
      language: 'id',
      fetchedAt: publishedAt,
      contentHash: '0'.repeat(64),
      extractorVersion: 'bench',
    };
  }
}

function isoWeek(day: string): string {
  // ISO 8601: the week belongs to the year of its Thursday.
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - ((d.getUTCDay() + 6) % 7) + 3);
  const year = d.getUTCFullYear();
  const week = 1 + Math.floor((d.getTime() - Date.UTC(year, 0, 1)) / (7 * 86_400_000));
  return `${year}-W${String(week).padStart(2, '0')}`;
}
