import { load } from 'cheerio/slim';
import { describe, expect, it } from 'vitest';
import { dateFromUrl, extractPublishDate, parseIndonesianDate } from '../../../crawler/extract/dates.ts';
import { extractStructuredData } from '../../../crawler/extract/structured-data.ts';

const iso = (text: string, now?: Date): string | null => parseIndonesianDate(text, { now })?.toISOString() ?? null;

describe('parseIndonesianDate', () => {
  it('reads day names, month names and WIB times', () => {
    expect(iso('Selasa, 14 Oktober 2025 - 16:20 WIB')).toBe('2025-10-14T09:20:00.000Z');
    expect(iso('14 Oktober 2025 - 10:30')).toBe('2025-10-14T03:30:00.000Z');
    expect(iso('Minggu, 27 April 2025')).toBe('2025-04-26T17:00:00.000Z');
  });

  it('reads the abbreviations Indonesian sites print', () => {
    expect(iso('3 Nop 2025')).toBe('2025-11-02T17:00:00.000Z');
    expect(iso('3 Nov 2025')).toBe('2025-11-02T17:00:00.000Z');
    expect(iso('12 Agu 2024')).toBe('2024-08-11T17:00:00.000Z');
    expect(iso('12 Agt 2024')).toBe('2024-08-11T17:00:00.000Z');
    expect(iso('12 Ags 2024')).toBe('2024-08-11T17:00:00.000Z');
    expect(iso('12 Agustus 2024')).toBe('2024-08-11T17:00:00.000Z');
    expect(iso('5 Sept 2024')).toBe('2024-09-04T17:00:00.000Z');
    expect(iso('1 Des 2024')).toBe('2024-11-30T17:00:00.000Z');
    expect(iso('9 Mei 2024')).toBe('2024-05-08T17:00:00.000Z');
    expect(iso('20 Okt. 2025')).toBe('2025-10-19T17:00:00.000Z');
  });

  it('reads Blogger month-first dates and English month names', () => {
    expect(iso('Rabu, Januari 07, 2026')).toBe('2026-01-06T17:00:00.000Z');
    expect(iso('October 14, 2025 4:20 pm')).toBe('2025-10-14T09:20:00.000Z');
  });

  it('applies WITA and WIT, and `pukul` times written with a dot', () => {
    expect(iso('Senin, 3 November 2025 pukul 10.00 WITA')).toBe('2025-11-03T02:00:00.000Z');
    expect(iso('Senin, 3 November 2025 pukul 10.00 WIT')).toBe('2025-11-03T01:00:00.000Z');
    expect(iso('Senin, 3 November 2025 pukul 10.00')).toBe('2025-11-03T03:00:00.000Z');
  });

  it('reads numeric day/month/year as printed in bodies', () => {
    expect(iso('Selasa, (14/10/2025)')).toBe('2025-10-13T17:00:00.000Z');
    expect(iso('Minggu (27/4/2025)')).toBe('2025-04-26T17:00:00.000Z');
    expect(iso('14-10-2025 08:05')).toBe('2025-10-14T01:05:00.000Z');
  });

  it('reads ISO strings, with WIB when no zone is given', () => {
    expect(iso('2025-10-14T16:20:00+07:00')).toBe('2025-10-14T09:20:00.000Z');
    expect(iso('2025-10-14T09:20:00Z')).toBe('2025-10-14T09:20:00.000Z');
    expect(iso('2025-10-14 16:20:00')).toBe('2025-10-14T09:20:00.000Z');
    expect(iso('2025-10-14')).toBe('2025-10-13T17:00:00.000Z');
  });

  it('reads relative forms against `now`', () => {
    const now = new Date('2025-10-14T09:20:00Z');
    expect(iso('2 jam lalu', now)).toBe('2025-10-14T07:20:00.000Z');
    expect(iso('5 menit yang lalu', now)).toBe('2025-10-14T09:15:00.000Z');
    expect(iso('3 hari yang lalu', now)).toBe('2025-10-11T09:20:00.000Z');
    expect(iso('seminggu lalu', now)).toBe('2025-10-07T09:20:00.000Z');
    expect(iso('kemarin', now)).toBe('2025-10-13T09:20:00.000Z');
    expect(iso('Kemarin, pukul 08.15 WIB', now)).toBe('2025-10-13T01:15:00.000Z');
  });

  it('takes a printed date without a year as the latest one not in the future', () => {
    const now = new Date('2025-01-05T00:00:00Z');
    expect(iso('Selasa (30 Desember)', now)).toBe('2024-12-29T17:00:00.000Z');
    expect(iso('Selasa (30 Desember)')).toBeNull();
  });

  it('returns null for text that holds no valid date', () => {
    expect(iso('31 Februari 2025')).toBeNull();
    expect(iso('harga naik jadi Rp 10.000 per kilogram')).toBeNull();
    expect(iso('pukul 10:30')).toBeNull();
    expect(iso('')).toBeNull();
  });
});

describe('dateFromUrl', () => {
  it('reads WordPress and Blogger date paths', () => {
    expect(dateFromUrl('https://beritain.co.id/2025/10/14/slug/')?.toISOString()).toBe('2025-10-13T17:00:00.000Z');
    expect(dateFromUrl('https://www.bantenxpose.com/2026/01/slug.html')?.toISOString()).toBe('2025-12-31T17:00:00.000Z');
    expect(dateFromUrl('https://www.bantennews.co.id/slug/')).toBeNull();
  });
});

function publishDate(html: string, url = 'https://example.co.id/berita/slug/') {
  const $ = load(html);
  return extractPublishDate($, extractStructuredData($), url);
}

const HEADER_CLOCK = '<header class="site-header"><div class="top-date"><time datetime="2025-10-20">Senin, 20 Oktober 2025</time></div></header>';
const BODY = (extra = '') =>
  `<div class="entry-content"><p>Warga Cilegon berkumpul di alun-alun untuk acara tahunan yang digelar pemerintah kota setiap tahun, Selasa, (14/10/2025). ${extra}</p><p>Acara itu diikuti ribuan orang dari delapan kecamatan dan berlangsung sampai malam hari dengan berbagai pertunjukan.</p></div>`;

describe('extractPublishDate', () => {
  it('prefers JSON-LD datePublished, and keeps dateModified apart', () => {
    const dates = publishDate(`<html><head>
      <script type="application/ld+json">{"@type":"NewsArticle","headline":"Judul berita yang panjang","datePublished":"2025-10-14T16:20:00+07:00","dateModified":"2025-10-15T08:00:00+07:00"}</script>
      <meta property="article:published_time" content="2025-10-13T10:00:00+07:00"></head>
      <body>${HEADER_CLOCK}<article><h1>Judul berita yang panjang</h1>${BODY()}</article></body></html>`);
    expect(dates.published?.toISOString()).toBe('2025-10-14T09:20:00.000Z');
    expect(dates.publishedSource).toBe('json-ld');
    expect(dates.updated?.toISOString()).toBe('2025-10-15T01:00:00.000Z');
  });

  it('uses article:published_time when there is no JSON-LD', () => {
    const dates = publishDate(`<html><head><meta property="article:published_time" content="2025-10-14T16:20:00+07:00"></head>
      <body>${HEADER_CLOCK}<article><h1>Judul berita yang panjang</h1>${BODY()}</article></body></html>`);
    expect(dates.published?.toISOString()).toBe('2025-10-14T09:20:00.000Z');
    expect(dates.publishedSource).toBe('meta');
  });

  it('reads <time datetime> inside the article, never the header clock or related posts', () => {
    const dates = publishDate(`<html><body>${HEADER_CLOCK}
      <article><header class="entry-header"><h1 class="entry-title">Judul berita yang panjang</h1>
      <div class="entry-meta"><time class="entry-date" datetime="2025-10-14T16:20:00+07:00">14 Oktober 2025</time></div></header>
      ${BODY()}<div class="related-posts"><time datetime="2025-10-19T08:00:00+07:00">19 Oktober 2025</time></div></article></body></html>`);
    expect(dates.published?.toISOString()).toBe('2025-10-14T09:20:00.000Z');
    expect(dates.publishedSource).toBe('time-element');
  });

  it('reads the date printed near the title (tagDiv-like theme without markup)', () => {
    const dates = publishDate(`<html><body>${HEADER_CLOCK}
      <div class="td-post-header"><h1 class="entry-title">Judul berita yang panjang</h1>
      <div class="td-module-meta-info"><span class="td-post-date">Selasa, 14 Oktober 2025 | 16:20 WIB</span></div></div>
      <div class="td-post-content">${BODY().replace('entry-content', 'inner')}</div></body></html>`);
    expect(dates.published?.toISOString()).toBe('2025-10-14T09:20:00.000Z');
    expect(dates.publishedSource).toBe('byline-zone');
  });

  it('falls back to the URL, then to a date in the body, never to the site clock', () => {
    const html = `<html><body>${HEADER_CLOCK}<article><h1>Judul berita yang panjang</h1>${BODY()}</article></body></html>`;
    const fromUrl = publishDate(html, 'https://beritain.co.id/2025/10/15/slug/');
    expect(fromUrl.published?.toISOString()).toBe('2025-10-14T17:00:00.000Z');
    expect(fromUrl.publishedSource).toBe('url');
    const fromBody = publishDate(html);
    expect(fromBody.published?.toISOString()).toBe('2025-10-13T17:00:00.000Z');
    expect(fromBody.publishedSource).toBe('body');
  });

  it('skips the site clock even when the title and the body share no container but <body>', () => {
    const dates = publishDate(`<html><body><div class="header-top"><span class="date">Senin, 20 Oktober 2025</span></div>
      <div id="sidebar"><time datetime="2025-10-19">19 Oktober 2025</time></div>
      <h1>Judul berita yang panjang</h1><div class="post-meta">Diterbitkan 14 Oktober 2025 16:20</div>${BODY()}</body></html>`);
    expect(dates.published?.toISOString()).toBe('2025-10-14T09:20:00.000Z');
    expect(dates.publishedSource).toBe('byline-zone');
  });

  it('takes the time from the text of a <time> whose datetime has only the day', () => {
    const dates = publishDate(`<html><body><article><h1>Judul berita yang panjang</h1>
      <div class="entry-meta"><time datetime="2025-10-14">Selasa, 14 Oktober 2025 16:20 WIB</time></div>${BODY()}</article></body></html>`);
    expect(dates.published?.toISOString()).toBe('2025-10-14T09:20:00.000Z');
  });

  it('counts relative dates from the given time', () => {
    const $ = load(`<html><body><article><h1>Judul berita yang panjang</h1><div class="post-meta">3 jam yang lalu</div>
      <div class="entry-content"><p>Paragraf berita tanpa tanggal yang cukup panjang untuk dianggap sebagai isi oleh pengekstrak.</p>
      <p>Paragraf kedua juga tanpa tanggal, hanya cerita tentang warga dan kegiatan mereka sehari-hari.</p></div></article></body></html>`);
    const dates = extractPublishDate($, extractStructuredData($), 'https://example.co.id/a/', undefined, { now: new Date('2025-10-14T12:00:00Z') });
    expect(dates.published?.toISOString()).toBe('2025-10-14T09:00:00.000Z');
  });

  it('returns null when the page has no date at all (the clock alone does not count)', () => {
    const dates = publishDate(`<html><body>${HEADER_CLOCK}<article><h1>Judul berita yang panjang</h1>
      <div class="entry-content"><p>Teks tanpa tanggal apa pun yang cukup panjang untuk dianggap sebagai isi berita oleh pengekstrak ini, sungguh.</p>
      <p>Paragraf kedua juga tanpa tanggal, hanya cerita tentang warga dan kegiatan mereka sehari-hari di kota.</p></div></article></body></html>`);
    expect(dates.published).toBeNull();
  });
});

describe('extractPublishDate: structured data that names the wrong day', () => {
  it('prefers the printed date when datePublished falls on another day than the URL says', () => {
    const $ = load(`<html><head>
      <script type="application/ld+json">{"@type":"NewsArticle","headline":"Judul","datePublished":"2026-07-31T02:10:00+00:00","dateModified":"2026-07-31T02:10:00+00:00"}</script>
      <meta property="article:published_time" content="2026-07-31T02:10:00+00:00" />
      </head><body><div class="topbar-today-date">Jumat, 27 November 2026</div>
      <article><h1>Judul</h1><div class="post-meta"><span class="date">Selasa, 28 Jul 2026 - 15:30 WIB</span></div>
      <div class="entry-content"><p>${'Isi berita yang cukup panjang untuk dianggap sebagai badan artikel. '.repeat(4)}</p></div></article></body></html>`);
    const dates = extractPublishDate($, extractStructuredData($), 'https://www.radarbanten.co.id/2026/07/28/judul/');
    expect(dates.published?.toISOString()).toBe('2026-07-28T08:30:00.000Z');
    expect(dates.updated?.toISOString()).toBe('2026-07-31T02:10:00.000Z');
  });
});
