import { describe, expect, it } from 'vitest';
import { EXTRACTOR_VERSION, extractArticle, wibCalendar, type ExtractResult } from '../../../crawler/extract/index.ts';
import type { SourceDefinition } from '../../../crawler/sources/types.ts';
import { articleIdFromUrl, sha256Hex, type ArticleDocument } from '../../../src/article.ts';

const BERITAIN: SourceDefinition = {
  id: 'beritain',
  name: 'Beritain.co.id',
  origin: 'https://beritain.co.id',
  homeCity: 'Kota Cilegon',
  sitemaps: [],
  feeds: [],
  listings: [],
  articlePathPattern: /^\/\d{4}\/\d{2}\/\d{2}\/[^/]+\/$/,
  datelineNames: ['Beritain.co.id'],
};
const URL_ = 'https://beritain.co.id/2025/10/14/cmm-belajar-ke-disperindag-jabar/';
const FETCHED_AT = new Date('2025-10-20T01:00:00Z');
const TITLE = 'CMM Belajar ke Disperindag Jabar demi IKM Logam Cilegon';

/** A short paraphrase of the seed story, with the same facts. */
const PARAGRAPHS = [
  'Cilegon, (Beritain.co.id) – Para pengurus Cilegon Metal Manufaktur (CMM) bertolak ke Bandung untuk belajar dari Dinas Perindustrian dan Perdagangan (Disperindag) Provinsi Jawa Barat, Selasa, (14/10/2025).',
  'Rombongan yang dipimpin Ketua Umum CMM, H. Ahmad Sudrajat, menempuh sekitar 257,8 kilometer lewat jalan darat. Kunjungan berlangsung tiga hari, 14 sampai 16 Oktober 2025.',
  'Menurut Ahmad, ilmu dari Jawa Barat akan dipakai untuk menaikkan mutu dan daya saing Industri Kecil Menengah (IKM) logam, yang diharapkan ikut menambah Pendapatan Asli Daerah (PAD) Kota Cilegon.',
  'CMM juga berterima kasih kepada Dinas Perindustrian dan Perdagangan (Disperindag) Kota Cilegon yang selama ini mendampingi pembinaan para perajin logam.',
  'Teguh Priadi dari Disperindag Kota Cilegon menyambut langkah itu dan menyebut Pemerintah Kota Cilegon siap terus bersinergi dengan pelaku industri logam. (Sari/Red).',
];

function beritainPage(options: { jsonLd?: boolean } = {}): string {
  const jsonLd = JSON.stringify({
    '@context': 'https://schema.org',
    '@graph': [
      {
        '@type': 'Article',
        '@id': `${URL_}#article`,
        isPartOf: { '@id': URL_ },
        author: { name: 'Redaksi', '@id': 'https://beritain.co.id/#/schema/person/1' },
        headline: TITLE,
        datePublished: '2025-10-14T16:20:00+07:00',
        dateModified: '2025-10-14T16:25:00+07:00',
        articleSection: ['Ekonomi'],
      },
      { '@type': 'WebPage', '@id': URL_, url: URL_, name: `${TITLE} - Beritain.co.id` },
      { '@type': 'Person', '@id': 'https://beritain.co.id/#/schema/person/1', name: 'Redaksi' },
    ],
  });
  return `<!DOCTYPE html><html lang="id"><head><meta charset="utf-8">
<title>${TITLE} - Beritain.co.id</title>
<link rel="canonical" href="${URL_}">
<meta property="og:title" content="${TITLE} - Beritain.co.id">
<meta property="og:image" content="/wp-content/uploads/2025/10/cmm.jpg">
${options.jsonLd === false ? '' : `<script type="application/ld+json" class="yoast-schema-graph">${jsonLd}</script>`}
</head><body>
<div class="top-bar"><span class="header-date">Senin, 20 Oktober 2025</span></div>
<header id="masthead" class="site-header"><p class="site-title"><a href="/">Beritain.co.id</a></p>
<nav class="main-navigation"><ul><li><a href="/category/ekonomi/">Ekonomi</a></li></ul></nav></header>
<main id="main"><article class="post type-post">
<header class="entry-header"><h1 class="entry-title">${TITLE}</h1>
<div class="entry-meta"><span class="byline">Oleh <a rel="author" href="/author/redaksi/">Redaksi</a></span></div></header>
<div class="entry-content">
<figure class="wp-block-image"><img src="/cmm.jpg"><figcaption>Pengurus CMM di kantor Disperindag Jabar. (Foto: Istimewa)</figcaption></figure>
${PARAGRAPHS.slice(0, 2).map((p) => `<p>${p}</p>`).join('\n')}
<p><strong>Baca Juga:</strong> <a href="/2025/06/05/krakatau-steel-latih-perajin/">Krakatau Steel Latih Perajin Logam</a></p>
${PARAGRAPHS.slice(2).map((p) => `<p>${p}</p>`).join('\n')}
<div class="sharedaddy"><h3>Bagikan:</h3><a href="#">Facebook</a><a href="#">WhatsApp</a></div>
</div>
<footer class="entry-footer"><span class="tags-links"><a href="/tag/cmm/" rel="tag">CMM</a></span></footer>
<div class="related-posts"><h3>Berita Terkait</h3><time datetime="2025-10-18T09:00:00+07:00">18 Oktober 2025</time></div>
<div id="comments"><div class="comment-meta"><time datetime="2025-10-15T08:31:00+07:00">15 Oktober 2025</time></div><p>Mantap!</p></div>
</article></main>
<aside id="secondary" class="widget-area"><section class="widget"><h2>Terpopuler</h2><time datetime="2025-10-19">19 Oktober 2025</time></section></aside>
<footer class="site-footer">© 2025 Beritain.co.id</footer>
</body></html>`;
}

function article(result: ExtractResult): ArticleDocument {
  if (!result.ok) throw new Error(`expected an article, received ok: false (${result.reason})`);
  return result.article;
}

describe('extractArticle on a Beritain-style WordPress page', () => {
  it('extracts the ArticleDocument', async () => {
    const html = beritainPage();
    const doc = article(await extractArticle({ html, url: URL_, source: BERITAIN, fetchedAt: FETCHED_AT }));
    expect(doc.city).toBe('Kota Cilegon');
    expect(doc.authors).toEqual(['Sari']);
    expect(doc.day).toBe('2025-10-14');
    expect(doc.organisations).toEqual(
      expect.arrayContaining([
        'Cilegon Metal Manufaktur',
        'Dinas Perindustrian dan Perdagangan Kota Cilegon',
        'Dinas Perindustrian dan Perdagangan Provinsi Jawa Barat',
      ]),
    );
    expect(doc.organisations).not.toContain('Industri Kecil Menengah');
    expect(doc).toMatchObject({
      id: await articleIdFromUrl(URL_),
      url: URL_,
      outletId: 'beritain',
      outlet: 'Beritain.co.id',
      title: TITLE,
      bylineRaw: '(Sari/Red)',
      editor: null,
      dateline: 'Cilegon',
      places: ['Kota Bandung', 'Kota Cilegon'],
      organisationAliases: ['CMM', 'Disperindag'],
      publishedIso: '2025-10-14T16:20:00+07:00',
      publishedAt: Date.parse('2025-10-14T09:20:00Z') / 1000,
      updatedAt: Date.parse('2025-10-14T09:25:00Z') / 1000,
      week: '2025-W42',
      month: '2025-10',
      year: '2025',
      section: 'Ekonomi',
      tags: ['CMM'],
      image: 'https://beritain.co.id/wp-content/uploads/2025/10/cmm.jpg',
      language: 'id',
      fetchedAt: FETCHED_AT.getTime() / 1000,
      contentHash: await sha256Hex(html),
      extractorVersion: EXTRACTOR_VERSION,
    });
    expect(doc.lead).toBe(PARAGRAPHS[0]!.replace('Cilegon, (Beritain.co.id) – ', ''));
    const body = doc.body.split('\n\n');
    expect(body).toHaveLength(5);
    expect(body[4]).toMatch(/industri logam\.$/);
    expect(doc.body).not.toMatch(/Baca Juga|Bagikan|Foto: Istimewa|Sari\/Red|Mantap/);
  });

  it('without JSON-LD reads the date from the body, not from the header clock, comments or sidebar', async () => {
    const html = beritainPage({ jsonLd: false });
    const doc = article(await extractArticle({ html, url: 'https://beritain.co.id/cmm/', source: BERITAIN, fetchedAt: FETCHED_AT }));
    expect(doc.day).toBe('2025-10-14');
    expect(doc.authors).toEqual(['Sari']);
  });

  it('uses the fetched URL when the canonical link points to another site', async () => {
    const html = beritainPage().replace(`<link rel="canonical" href="${URL_}">`, '<link rel="canonical" href="https://aggregator.example/cmm">');
    const doc = article(await extractArticle({ html, url: URL_, source: BERITAIN, fetchedAt: FETCHED_AT }));
    expect(doc.url).toBe(URL_);
  });
});

describe('extractArticle on pages that are not articles', () => {
  const extract = (html: string) => extractArticle({ html, url: 'https://beritain.co.id/category/ekonomi/', source: BERITAIN, fetchedAt: FETCHED_AT });

  it('rejects a listing page', async () => {
    const item = (n: number) =>
      `<article class="post"><h2 class="entry-title"><a href="/2025/10/1${n}/a/">Judul ${n}</a></h2><div class="entry-content"><p>${PARAGRAPHS[1]} ${PARAGRAPHS[2]}</p></div></article>`;
    const result = await extract(`<html><body><h1 class="page-title">Ekonomi</h1>${item(1)}${item(2)}${item(3)}</body></html>`);
    expect(result).toEqual({ ok: false, reason: expect.stringContaining('listing page') });
    const yoast = await extract(
      `<html><head><script type="application/ld+json">{"@graph":[{"@type":"CollectionPage","name":"Ekonomi"}]}</script></head><body>${item(1)}</body></html>`,
    );
    expect(yoast).toEqual({ ok: false, reason: expect.stringContaining('CollectionPage') });
  });

  it('rejects static pages, listing items and teasers by what the page says it is', async () => {
    const article = beritainPage();
    const staticPage = await extract(article.replace('<body>', '<body class="page-template-default page page-redaksi">'));
    expect(staticPage).toEqual({ ok: false, reason: expect.stringContaining('static page') });
    const bloggerLabel = await extract(article.replace('<body>', "<body class='loading feed-view version-1-3-3'>"));
    expect(bloggerLabel).toEqual({ ok: false, reason: expect.stringContaining('feed-view') });
    const linkedTitle = await extract(article.replace(`<h1 class="entry-title">${TITLE}</h1>`, `<h1 class="entry-title"><a href="/2025/10/14/lain/">${TITLE}</a></h1>`));
    expect(linkedTitle).toEqual({ ok: false, reason: expect.stringContaining('title links to another page') });
    const teaser = await extract(article.replace('<div class="sharedaddy">', '<a class="more-link" href="/x/">Baca selengkapnya</a><div class="sharedaddy">'));
    expect(teaser).toEqual({ ok: false, reason: expect.stringContaining('teaser') });
    const selfLinked = await extractArticle({
      html: article.replace(`<h1 class="entry-title">${TITLE}</h1>`, `<h1 class="entry-title"><a href="${URL_}">${TITLE}</a></h1>`),
      url: URL_,
      source: BERITAIN,
      fetchedAt: FETCHED_AT,
    });
    expect(selfLinked.ok).toBe(true);
  });

  it('rejects a page whose body is too short', async () => {
    const result = await extract('<html><body><article><h1>Judul Singkat Sekali</h1><div class="entry-content"><p>Hanya satu kalimat.</p></div></article></body></html>');
    expect(result.ok).toBe(false);
  });

  it('rejects a page without a title or a date', async () => {
    const body = `<div class="entry-content"><p>${PARAGRAPHS[1]}</p><p>${PARAGRAPHS[3]}</p></div>`;
    expect(await extract(`<html><body>${body}</body></html>`)).toEqual({ ok: false, reason: expect.stringContaining('no title') });
    const noDate = await extract(`<html><body><article><h1>Judul Berita Tanpa Tanggal</h1><div class="entry-content"><p>${PARAGRAPHS[3]}</p><p>${PARAGRAPHS[3]}</p></div></article></body></html>`);
    expect(noDate).toEqual({ ok: false, reason: expect.stringContaining('no publish date') });
  });

  it('does not throw on broken HTML or empty input', async () => {
    const broken = beritainPage().slice(0, 2500) + '<p><div><<<script>"';
    await expect(extract(broken)).resolves.toHaveProperty('ok');
    await expect(extract('')).resolves.toEqual({ ok: false, reason: expect.any(String) });
    await expect(extract('\u0000\uffff<html')).resolves.toEqual({ ok: false, reason: expect.any(String) });
  });
});

describe('wibCalendar', () => {
  it('buckets instants by the WIB day and ISO week', () => {
    expect(wibCalendar(new Date('2025-10-14T09:20:00Z'))).toEqual({ day: '2025-10-14', week: '2025-W42', month: '2025-10', year: '2025' });
    // 23:30 UTC on 31 December is already 1 January in WIB.
    expect(wibCalendar(new Date('2025-12-31T17:30:00Z'))).toEqual({ day: '2026-01-01', week: '2026-W01', month: '2026-01', year: '2026' });
    expect(wibCalendar(new Date('2025-12-29T05:00:00Z')).week).toBe('2026-W01');
    expect(wibCalendar(new Date('2027-01-01T05:00:00Z')).week).toBe('2026-W53');
    expect(wibCalendar(new Date('2024-12-30T05:00:00Z')).week).toBe('2025-W01');
  });
});
