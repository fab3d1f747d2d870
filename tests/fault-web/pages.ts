/**
 * Article pages and documents for the fault-injecting web: small, valid-enough HTML that the extractor takes
 * for news articles, with Indonesian text long enough to pass its body threshold.
 */
import type { SourceDefinition } from '../../crawler/sources/types.ts';

export const FAULT_ORIGIN = 'https://kabar.fault.test';
export const DOWN_ORIGIN = 'https://mati.fault.test';

export const faultSource: SourceDefinition = {
  id: 'kabarfault',
  name: 'Kabar Fault',
  origin: FAULT_ORIGIN,
  homeCity: 'Kota Serang',
  sitemaps: [`${FAULT_ORIGIN}/sitemap.xml`, `${FAULT_ORIGIN}/sitemap-rusak.xml`],
  feeds: [],
  listings: [],
  articlePathPattern: /^\/berita\/[a-z0-9-]+\/?$/,
  datelineNames: ['Kabar Fault'],
};

export const downSource: SourceDefinition = {
  ...faultSource,
  id: 'matifault',
  name: 'Mati Fault',
  origin: DOWN_ORIGIN,
  sitemaps: [`${DOWN_ORIGIN}/sitemap.xml`],
};

const WHO = ['Pemkot Serang', 'Polres Cilegon', 'Dinas Kesehatan Kabupaten Lebak', 'DPRD Kota Tangerang', 'Bupati Pandeglang', 'Untirta'];
const WORDS = (
  'warga desa kampung pasar jalan jembatan sekolah guru murid petani nelayan pedagang sawah sungai banjir hujan ' +
  'anggaran bantuan program kegiatan pelatihan lomba festival budaya wisata pantai gunung hutan sampah air listrik ' +
  'rumah sakit puskesmas dokter bidan vaksin beras cabai bawang harga naik turun ramai sepi pagi sore malam pekan ' +
  'bulan tahun baru lama besar kecil bersih rusak diperbaiki dibangun diresmikan dibuka ditutup menurut kata ujar'
).split(' ');

/** The text of article `n`: sentences drawn from a seeded generator, so that different articles share few shingles. */
export function articleParagraphs(n: number): string[] {
  let seed = (n * 2654435761) >>> 0 || 1;
  const next = () => {
    seed ^= seed << 13;
    seed ^= seed >>> 17;
    seed ^= seed << 5;
    return (seed >>> 0) / 2 ** 32;
  };
  const sentence = () => {
    const words = Array.from({ length: 12 + Math.floor(next() * 6) }, () => WORDS[Math.floor(next() * WORDS.length)]!);
    return `${words.join(' ').replace(/^./, (c) => c.toUpperCase())}.`;
  };
  const who = WHO[n % WHO.length]!;
  return [
    `SERANG, KABAR FAULT – ${who} ${sentence().toLowerCase()}`,
    `${sentence()} ${sentence()}`,
    `${sentence()} ${sentence()}`,
    `${sentence()} ${sentence()}`,
  ];
}

export interface ArticlePageOptions {
  title: string;
  paragraphs: string[];
  publishedIso?: string;
  /** Written into <meta charset>. */
  charset?: string;
  /** Extra markup inside <body>, e.g. scripts the archive route must strip. */
  extraBody?: string;
  canonical?: string;
}

export function articlePage(options: ArticlePageOptions): string {
  const published = options.publishedIso ?? '2025-10-14T09:30:00+07:00';
  const jsonLd = JSON.stringify({
    '@context': 'https://schema.org',
    '@type': 'NewsArticle',
    headline: options.title,
    datePublished: published,
    author: { '@type': 'Person', name: 'Sari Lestari' },
    publisher: { '@type': 'Organization', name: 'Kabar Fault' },
  });
  return `<!doctype html>
<html lang="id"><head><meta charset="${options.charset ?? 'utf-8'}"><title>${options.title} - Kabar Fault</title>
${options.canonical ? `<link rel="canonical" href="${options.canonical}">` : ''}
<script type="application/ld+json">${jsonLd}</script></head>
<body><header><a href="/">Kabar Fault</a></header>
<main><article><h1>${options.title}</h1><time datetime="${published}">${published}</time>
<div class="entry-content">${options.paragraphs.map((p) => `<p>${p}</p>`).join('\n')}</div></article></main>
${options.extraBody ?? ''}
<footer>Kabar Fault © 2025</footer></body></html>`;
}

export function sitemap(urls: string[]): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
${urls.map((url) => `<url><loc>${url}</loc><lastmod>2025-10-14</lastmod></url>`).join('\n')}
</urlset>`;
}
