import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import * as cheerio from 'cheerio';
import { XMLValidator } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeBody } from '../crawler/decode-body.ts';
import { SITES_DIR, renderSites } from './fixtures/build-sites.ts';
import { loadGold, type GoldArticle } from './fixtures/gold.ts';
import { startFixtureWeb, type FixtureWeb } from './fixtures/server.ts';

const gold = loadGold();
const BANTEN_CITIES = [
  'Kabupaten Lebak',
  'Kabupaten Pandeglang',
  'Kabupaten Serang',
  'Kabupaten Tangerang',
  'Kota Cilegon',
  'Kota Serang',
  'Kota Tangerang',
  'Kota Tangerang Selatan',
];
const SEED_SLUG = 'cmm-studi-tiru-disperindag-jabar-dorong-daya-saing-ikm-logam-cilegon';
const ISO_WIB = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+07:00$/;

let web: FixtureWeb;

beforeAll(async () => {
  web = await startFixtureWeb();
});

afterAll(async () => {
  await web.close();
});

const get = (liveUrl: string, init?: RequestInit): Promise<Response> => fetch(web.localUrl(liveUrl), { redirect: 'manual', ...init });

function pageText(html: string): string {
  const $ = cheerio.load(html);
  $('script, style').remove();
  return $('body').text().replace(/\s+/g, ' ');
}

const squash = (text: string): string => text.replace(/\s+/g, ' ').trim();

/** The dateline as each outlet prints it before the lead. */
function printedDateline(article: GoldArticle): string {
  if (!article.dateline) return '';
  switch (article.host) {
    case 'www.radarbanten.co.id':
      return `${article.dateline}, RADARBANTEN.CO.ID – `;
    case 'beritain.co.id':
      return `${article.dateline}, (Beritain.co.id) – `;
    case 'www.bantenpos.co':
      return `${article.dateline}, BANPOS – `;
    case 'www.bantenxpose.com':
      return `${article.dateline}, BX ${article.render.datelineSeparator ?? '-'} `;
    default:
      return `${article.dateline} – `;
  }
}

function locsOf(xml: string): string[] {
  return [...xml.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => (m[1] ?? '').replace(/&amp;/g, '&'));
}

function feedLinks(xml: string): string[] {
  const rss = [...xml.matchAll(/<item>[\s\S]*?<link>([^<]+)<\/link>/g)].map((m) => m[1] ?? '');
  const atom = [...xml.matchAll(/<link rel='alternate' type='text\/html' href='([^']+)'/g)].map((m) => m[1] ?? '').filter((href) => !href.endsWith('.com/'));
  return [...rss, ...atom];
}

describe('fixture web server', () => {
  it('maps every live origin to a local one on 127.0.0.1', () => {
    expect(Object.keys(web.origins).sort()).toEqual([
      'https://beritain.co.id',
      'https://www.bantennews.co.id',
      'https://www.bantenpos.co',
      'https://www.bantenxpose.com',
      'https://www.radarbanten.co.id',
      'https://www.tangerangnews.com',
    ]);
    for (const local of Object.values(web.origins)) expect(local).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it('serves robots.txt with Sitemap lines and the usual disallows', async () => {
    for (const origin of Object.keys(web.origins)) {
      const response = await get(`${origin}/robots.txt`);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('text/plain');
      const text = await response.text();
      expect(text).toMatch(new RegExp(`^Sitemap: ${origin.replace(/\./g, '\\.')}/`, 'm'));
      expect(text).toMatch(origin.includes('bantenxpose') ? /^Disallow: \/search$/m : origin.includes('tangerangnews') ? /^Disallow: \/admin\/$/m : /^Disallow: \/wp-admin\/$/m);
    }
  });

  it('serves sitemap indexes and their children as XML', async () => {
    const index = await get('https://beritain.co.id/sitemap_index.xml');
    expect(index.status).toBe(200);
    expect(index.headers.get('content-type')).toBe('application/xml');
    const children = locsOf(await index.text());
    expect(children).toContain('https://beritain.co.id/post-sitemap.xml');
    const posts = await get('https://beritain.co.id/post-sitemap.xml');
    expect(locsOf(await posts.text()).length).toBe(gold.filter((a) => a.host === 'beritain.co.id').length);

    const core = locsOf(await (await get('https://www.bantenpos.co/wp-sitemap.xml')).text());
    expect(core).toContain('https://www.bantenpos.co/wp-sitemap-posts-post-1.xml');

    const news = await (await get('https://www.bantennews.co.id/news-sitemap.xml')).text();
    expect(news).toContain('<news:publication_date>2026-11-26T08:10:00+07:00</news:publication_date>');
  });

  it('routes Blogger URLs with query strings to their files', async () => {
    const index = await (await get('https://www.bantenxpose.com/sitemap.xml')).text();
    expect(index).toContain('<sitemapindex');
    expect(locsOf(index)).toEqual(['https://www.bantenxpose.com/sitemap.xml?page=1']);
    const child = await get('https://www.bantenxpose.com/sitemap.xml?page=1');
    const childXml = await child.text();
    expect(childXml).toContain('<urlset');
    expect(locsOf(childXml).length).toBe(gold.filter((a) => a.host === 'www.bantenxpose.com').length);

    const label = await get('https://www.bantenxpose.com/search/label/Kota%20Serang');
    expect(label.status).toBe(200);
    expect(await label.text()).toContain('Menampilkan postingan dengan label <b>Kota Serang</b>');
  });

  it('serves feeds with feed content types', async () => {
    const rss = await get('https://beritain.co.id/feed/');
    expect(rss.status).toBe(200);
    expect(rss.headers.get('content-type')).toBe('application/rss+xml');
    expect(feedLinks(await rss.text())).toHaveLength(10);

    const atom = await get('https://www.bantenxpose.com/feeds/posts/default');
    expect(atom.headers.get('content-type')).toBe('application/atom+xml');
    expect(await atom.text()).toContain("<feed xmlns='http://www.w3.org/2005/Atom'");

    const bloggerRss = await get('https://www.bantenxpose.com/feeds/posts/default?alt=rss');
    expect(bloggerRss.headers.get('content-type')).toBe('application/rss+xml');
  });

  it('serves every gold article with its title, body paragraphs, dateline and byline', async () => {
    for (const article of gold) {
      const response = await get(article.url);
      expect(response.status, article.url).toBe(200);
      // TangerangNews' CMS sends windows-1252 bytes and names the charset only in a <meta>.
      const legacy = article.traps.includes('windows-1252');
      expect(response.headers.get('content-type')).toBe(legacy ? 'text/html' : 'text/html; charset=UTF-8');
      const decoded = decodeBody(new Uint8Array(await response.arrayBuffer()), response.headers.get('content-type'));
      expect(decoded.encoding, article.url).toBe(legacy ? 'windows-1252' : 'utf-8');
      const html = decoded.text;
      const $ = cheerio.load(html);
      expect(squash($('title').text()), article.url).toContain(article.title);
      expect($('link[rel="canonical"]').attr('href')).toBe(article.url);
      const text = pageText(html);
      for (const paragraph of article.body.split('\n\n')) expect(text, article.url).toContain(squash(paragraph));
      if (article.bylineRaw) expect(text, article.url).toContain(article.bylineRaw);
      expect(text, article.url).toContain(squash(`${printedDateline(article)}${article.lead}`));
      // The crawl-day clock is on every page: the trap must exist for extraction tests to mean something.
      expect(text, article.url).toContain('Jumat, 27 November 2026');
    }
  });

  it('prints the publish instant in a machine-readable form on every article page that has structured data', async () => {
    // Pages with only a visible date, or whose structured data carries a wrong date, are the traps that say otherwise.
    for (const article of gold.filter((a) => !a.traps.includes('visible-date-only') && !a.traps.includes('json-ld-date-wrong'))) {
      const html = await (await get(article.url)).text();
      const instants = [...html.matchAll(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{3})?(?:[+-]\d{2}:\d{2}|Z)/g)].map((m) => Date.parse(m[0]));
      expect(instants, article.url).toContain(Date.parse(article.publishedIso));
    }
  });

  it('answers a missing path with a real HTML 404 page', async () => {
    const response = await get('https://beritain.co.id/2025/10/14/tidak-ada/');
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toBe('text/html; charset=UTF-8');
    expect(await response.text()).toContain('Halaman tidak ditemukan');
    expect((await get('https://www.bantenxpose.com/2026/01/tidak-ada.html')).status).toBe(404);
  });

  it('never serves its own metadata or paths outside the site', async () => {
    expect((await get('https://beritain.co.id/_site.json')).status).toBe(404);
    const traversal = await fetch(`${web.origins['https://beritain.co.id']}/%2e%2e/www.bantenpos.co/robots.txt`);
    expect(traversal.status).toBe(404);
  });

  it('redirects a directory path without its trailing slash', async () => {
    const article = gold.find((a) => a.host === 'beritain.co.id');
    if (!article) throw new Error('expected a Beritain article in the gold set');
    const response = await get(article.url.replace(/\/$/, ''));
    expect(response.status).toBe(301);
    expect(response.headers.get('location')).toBe(article.path);
  });

  it('answers conditional GETs with 304 and HEAD without a body', async () => {
    const url = 'https://www.bantenpos.co/feed/';
    const first = await get(url);
    const etag = first.headers.get('etag');
    const lastModified = first.headers.get('last-modified');
    expect(etag).toMatch(/^"[0-9a-f]+"$/);
    expect(lastModified).toBeTruthy();
    await first.arrayBuffer();

    const byEtag = await get(url, { headers: { 'If-None-Match': etag ?? '' } });
    expect(byEtag.status).toBe(304);
    expect(byEtag.headers.get('etag')).toBe(etag);
    const byDate = await get(url, { headers: { 'If-Modified-Since': lastModified ?? '' } });
    expect(byDate.status).toBe(304);
    const stale = await get(url, { headers: { 'If-None-Match': '"0000"', 'If-Modified-Since': lastModified ?? '' } });
    expect(stale.status).toBe(200);
    await stale.arrayBuffer();

    const head = await get(url, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(Number(head.headers.get('content-length'))).toBeGreaterThan(1000);
    expect(await head.text()).toBe('');

    const log = web.requests.filter((r) => r.origin === 'https://www.bantenpos.co' && r.path === '/feed/');
    expect(log.map((r) => `${r.method} ${r.status}`).slice(-4)).toEqual(['GET 304', 'GET 304', 'GET 200', 'HEAD 200']);
    expect(log.at(-4)?.headers['if-none-match']).toBe(etag);
  });

  it('rejects methods other than GET and HEAD', async () => {
    const response = await get('https://beritain.co.id/', { method: 'POST', body: 'x' });
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('GET, HEAD');
  });
});

describe('discovery covers the gold set', () => {
  it('resolves every internal page link on every page (assets and comment endpoints aside)', async () => {
    const assetOrEndpoint = /^\/(wp-content|wp-includes|wp-json|wp-admin|wp-comments-post\.php|comments\/feed|xmlrpc\.php|favicon\.ico)|^\/feeds\/\d+\//;
    const links = new Map<string, string>();
    for (const [host, files] of renderSites(gold)) {
      for (const [file, content] of files) {
        if (!file.endsWith('.html')) continue;
        const $ = cheerio.load(content);
        $('a[href], link[rel="next"], link[rel="prev"]').each((_, el) => {
          const url = new URL($(el).attr('href') ?? '', `https://${host}/`);
          if (!web.origins[url.origin] || assetOrEndpoint.test(url.pathname) || url.search.includes('replytocom')) return;
          if (!links.has(url.href.replace(/#.*$/, ''))) links.set(url.href.replace(/#.*$/, ''), `${host}/${file}`);
        });
      }
    }
    expect(links.size).toBeGreaterThan(150);
    for (const [link, from] of links) {
      const response = await get(link);
      await response.arrayBuffer();
      expect(response.status, `${link} linked from ${from}`).toBe(200);
    }
  });

  async function discoverSite(origin: string): Promise<{ sitemapUrls: Set<string>; feedUrls: Set<string>; listingUrls: Set<string> }> {
    const robots = await (await get(`${origin}/robots.txt`)).text();
    const queue = [...robots.matchAll(/^Sitemap: (\S+)$/gm)].map((m) => m[1] ?? '');
    const sitemapUrls = new Set<string>();
    const seenSitemaps = new Set<string>();
    while (queue.length > 0) {
      const sitemap = queue.shift() ?? '';
      if (seenSitemaps.has(sitemap)) continue;
      seenSitemaps.add(sitemap);
      const xml = await (await get(sitemap)).text();
      const isIndex = xml.includes('<sitemapindex');
      for (const loc of locsOf(xml)) {
        if (isIndex) queue.push(loc);
        else sitemapUrls.add(loc);
      }
    }
    const feedPath = origin.includes('bantenxpose') ? '/feeds/posts/default' : '/feed/';
    const feedUrls = new Set(feedLinks(await (await get(`${origin}${feedPath}`)).text()));

    // Home page and its pagination: rel=next (WordPress) or Blogger's "Posting Lama" link.
    const listingUrls = new Set<string>();
    let next: string | null = `${origin}/`;
    for (let pages = 0; next && pages < 20; pages++) {
      const response = await get(next);
      expect(response.status, next).toBe(200);
      const $: cheerio.CheerioAPI = cheerio.load(await response.text());
      $('a[href]').each((_, el) => {
        listingUrls.add(new URL($(el).attr('href') ?? '', origin).href);
      });
      next = $('link[rel="next"]').attr('href') ?? $('a.blog-pager-older-link').attr('href') ?? null;
    }
    return { sitemapUrls, feedUrls, listingUrls };
  }

  it('lists every gold URL in a sitemap, a feed or a listing page, and no stray posts', async () => {
    for (const origin of Object.keys(web.origins)) {
      const { sitemapUrls, feedUrls, listingUrls } = await discoverSite(origin);
      const siteGold = gold.filter((a) => a.url.startsWith(`${origin}/`));
      for (const article of siteGold) {
        expect(sitemapUrls.has(article.url) || feedUrls.has(article.url) || listingUrls.has(article.url), article.url).toBe(true);
        expect(sitemapUrls.has(article.url), `${article.url} in a sitemap`).toBe(true);
        expect(listingUrls.has(article.url), `${article.url} reachable from the home page and its pagination`).toBe(true);
      }
      // Feeds carry only the latest items, so older articles must come from sitemaps or listings.
      expect(feedUrls.size).toBeLessThanOrEqual(siteGold.length);
      for (const url of feedUrls) expect(siteGold.map((a) => a.url), url).toContain(url);
    }
  });

  it('keeps older articles out of the WordPress feeds', async () => {
    for (const origin of ['https://beritain.co.id', 'https://www.bantenpos.co', 'https://www.bantennews.co.id']) {
      const { feedUrls } = await discoverSite(origin);
      expect(feedUrls.size, origin).toBeLessThan(gold.filter((a) => a.url.startsWith(`${origin}/`)).length);
    }
  });
});

describe('gold set', () => {
  it('has at least 36 articles from at least 4 outlets, 2024 to 2026', () => {
    expect(gold.length).toBeGreaterThanOrEqual(36);
    expect(new Set(gold.map((a) => a.outlet)).size).toBeGreaterThanOrEqual(4);
    const years = new Set(gold.map((a) => a.publishedIso.slice(0, 4)));
    expect([...years].sort()).toEqual(['2024', '2025', '2026']);
    expect(new Set(gold.map((a) => a.publishedIso.slice(0, 7))).size).toBeGreaterThanOrEqual(20);
  });

  it('covers all 8 Banten kabupaten/kota as city, Kota Cilegon the most', () => {
    const counts = new Map<string, number>();
    for (const a of gold) if (a.city) counts.set(a.city, (counts.get(a.city) ?? 0) + 1);
    for (const city of BANTEN_CITIES) expect(counts.get(city), city).toBeGreaterThan(0);
    const cilegon = counts.get('Kota Cilegon') ?? 0;
    for (const [city, count] of counts) if (city !== 'Kota Cilegon') expect(count, city).toBeLessThan(cilegon);
  });

  it('has the traps extraction tests rely on', () => {
    const withTrap = (trap: string): GoldArticle[] => gold.filter((a) => a.traps.includes(trap));
    expect(gold.filter((a) => a.authors.length > 1).length).toBeGreaterThanOrEqual(2);
    expect(withTrap('event-date-in-body').length).toBeGreaterThanOrEqual(3);
    expect(withTrap('partial-json-ld')).toHaveLength(1);
    expect(withTrap('no-dateline').length).toBeGreaterThanOrEqual(1);
    expect(withTrap('serang-is-kabupaten').every((a) => a.city === 'Kabupaten Serang')).toBe(true);
    expect(withTrap('baca-juga').length).toBeGreaterThanOrEqual(3);
    expect(gold.filter((a) => a.authors.length === 0).length).toBeGreaterThanOrEqual(2);
    expect(gold.filter((a) => a.updatedIso !== null).length).toBeGreaterThanOrEqual(5);
  });

  it('is internally consistent', () => {
    const urls = new Set<string>();
    for (const a of gold) {
      expect(urls.has(a.url), a.url).toBe(false);
      urls.add(a.url);
      expect(a.url).toBe(`https://${a.host}${a.path}`);
      expect(a.publishedIso, a.url).toMatch(ISO_WIB);
      if (a.updatedIso) {
        expect(a.updatedIso, a.url).toMatch(ISO_WIB);
        expect(Date.parse(a.updatedIso), a.url).toBeGreaterThan(Date.parse(a.publishedIso));
      }
      expect(a.lead).toBe(a.body.split('\n\n')[0]);
      expect(a.body, a.url).not.toMatch(/\(\w+\/Red\)|Baca juga|Reporter:|Penulis:|\(\*\)/i);
      expect(a.places, a.url).toEqual([...new Set(a.places)].sort());
      expect(a.organisations, a.url).toEqual([...new Set(a.organisations)].sort());
      if (a.city) expect(a.places, a.url).toContain(a.city);
      for (const name of a.authors) expect(['Red', 'Redaksi', 'Admin', 'Tim Redaksi', a.outlet]).not.toContain(name);
      expect(a.categories.length, a.url).toBeGreaterThan(0);
      expect(a.section === null || a.section === a.categories[0], a.url).toBe(true);
    }
  });

  it('contains the seed article with its facts', () => {
    const seed = gold.find((a) => a.url.includes(SEED_SLUG));
    if (!seed) throw new Error(`expected a gold article with slug ${SEED_SLUG}`);
    expect(seed).toMatchObject({
      url: `https://beritain.co.id/2025/10/14/${SEED_SLUG}/`,
      outlet: 'Beritain.co.id',
      publishedIso: '2025-10-14T16:20:00+07:00',
      authors: ['Sari'],
      editor: null,
      bylineRaw: '(Sari/Red)',
      dateline: 'Cilegon',
      city: 'Kota Cilegon',
      places: ['Kota Bandung', 'Kota Cilegon'],
    });
    expect(seed.organisations).toEqual(
      expect.arrayContaining([
        'Cilegon Metal Manufaktur',
        'Dinas Perindustrian dan Perdagangan Kota Cilegon',
        'Dinas Perindustrian dan Perdagangan Provinsi Jawa Barat',
        'Pemerintah Kota Cilegon',
      ]),
    );
    for (const fact of ['studi tiru', 'Disperindag', 'Provinsi Jawa Barat', 'Kota Bandung', 'H. Ahmad Sudrajat', '257,8 kilometer', '14 sampai 16 Oktober 2025', 'Selasa, (14/10/2025)', 'Teguh Priadi', 'Disperindag Kota Cilegon']) {
      expect(seed.body, fact).toContain(fact);
    }
  });
});

describe('generated sites', () => {
  it('have well-formed XML sitemaps and feeds', () => {
    let checked = 0;
    for (const [host, files] of renderSites(gold)) {
      for (const [file, content] of files) {
        if (!/\.(xml|rss|atom)$/.test(file)) continue;
        checked++;
        expect(XMLValidator.validate(content), `${host}/${file}`).toBe(true);
      }
    }
    expect(checked).toBeGreaterThanOrEqual(20);
  });

  it('are exactly what the generator renders from the gold files (run build-sites.ts after editing)', () => {
    const rendered = renderSites(gold);
    const onDisk = new Set<string>();
    const walk = (dir: string): void => {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        const path = join(dir, entry.name);
        if (entry.isDirectory()) walk(path);
        else onDisk.add(relative(SITES_DIR, path).split('\\').join('/'));
      }
    };
    walk(SITES_DIR);
    const expected = new Set<string>();
    for (const [host, files] of rendered) {
      for (const [file, content] of files) {
        expected.add(`${host}/${file}`);
        expect(readFileSync(join(SITES_DIR, host, file), 'utf8'), `${host}/${file}`).toBe(content);
      }
    }
    expect([...onDisk].sort()).toEqual([...expected].sort());
  });
});
