import { afterEach, describe, expect, it } from 'vitest';
import { discoverArticleUrls, type DiscoveredUrl } from '../../../crawler/discover/index.ts';
import { RobotsCache } from '../../../crawler/discover/robots.ts';
import { createFetcher } from '../../../crawler/fetch-page.ts';
import type { SourceDefinition } from '../../../crawler/sources/types.ts';
import { startTestServer, type Routes, type TestServer } from '../../helpers/http-server.ts';

const userAgent = 'ArsipBantenBot/0.1 (+https://github.com/arsip-banten/arsip-banten)';
const live = 'https://berita.test';
const servers: TestServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

const xml = (body: string) => ({ headers: { 'content-type': 'application/xml; charset=UTF-8' }, body: `<?xml version="1.0" encoding="UTF-8"?>\n${body}` });
const urlset = (...entries: string[]) =>
  xml(`<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">${entries.join('')}</urlset>`);
const entry = (path: string, lastmod?: string, news?: { title: string; date: string }) =>
  `<url><loc>${live}${path}</loc>${lastmod ? `<lastmod>${lastmod}</lastmod>` : ''}${
    news ? `<news:news><news:publication_date>${news.date}</news:publication_date><news:title>${news.title}</news:title></news:news>` : ''
  }</url>`;
const teaser = (path: string, date?: string) => `<article><h2><a href="${path}">Judul ${path}</a></h2>${date ? `<time datetime="${date}">x</time>` : ''}</article>`;
const listingPage = (next: string | null, ...teasers: string[]) => ({
  body: `<html><head>${next ? `<link rel="next" href="${next}">` : ''}</head><body>${teasers.join('')}</body></html>`,
});

const routes: Routes = {
  '/robots.txt': { headers: { 'content-type': 'text/plain' }, body: `User-agent: *\nDisallow: /rahasia/\n\nSitemap: ${live}/sitemap_index.xml\n` },
  '/sitemap_index.xml': xml(`<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
      <sitemap><loc>${live}/post-sitemap-lama.xml</loc><lastmod>2020-01-01</lastmod></sitemap>
      <sitemap><loc>${live}/post-sitemap.xml</loc><lastmod>2025-10-14T10:00:00+07:00</lastmod></sitemap>
      <sitemap><loc>${live}/rusak.xml</loc></sitemap>
    </sitemapindex>`),
  '/post-sitemap.xml': urlset(
    entry('/berita/a/', '2025-10-14T11:00:00+07:00'),
    entry('/berita/b/', '2025-10-13T09:00:00+07:00'),
    entry('/rahasia/x/', '2025-10-13'),
    entry('/tentang/'),
  ),
  '/post-sitemap-lama.xml': urlset(entry('/berita/lama/', '2020-01-01')),
  '/rusak.xml': xml('<urlset><url><loc>https://berita.test/berita/z/</loc></urlset>'),
  '/news-sitemap.xml': urlset(
    entry('/berita/a/', undefined, { title: 'A dari Google News', date: '2025-10-14T08:00:00+07:00' }),
    entry('/berita/c/', undefined, { title: 'C dari Google News', date: '2025-10-14T07:00:00+07:00' }),
  ),
  '/feed/': {
    headers: { 'content-type': 'application/rss+xml' },
    body: `<rss version="2.0"><channel><title>x</title>
      <item><title>B dari feed</title><link>${live}/berita/b/?utm_source=rss</link><pubDate>Mon, 13 Oct 2025 08:00:00 +0700</pubDate></item>
      <item><title>D dari feed</title><link>${live}/berita/d/</link><pubDate>Mon, 13 Oct 2025 07:00:00 +0700</pubDate></item>
    </channel></rss>`,
  },
  '/feed/rusak/': { status: 500 },
  '/kategori/banten/': listingPage('/kategori/banten/page/2/', teaser('/berita/a/'), teaser('/berita/e/'), teaser('/berita/tag-banten/')),
  '/kategori/banten/page/2/': listingPage('/kategori/banten/page/3/', teaser('/berita/f/'), teaser('/berita/g/')),
  '/kategori/banten/page/3/': listingPage('/kategori/banten/page/4/', teaser('/berita/f/'), teaser('/berita/g/')),
  '/kategori/banten/page/4/': listingPage(null, teaser('/berita/h/')),
  '/indeks/': listingPage('/indeks/page/2/', teaser('/berita/baru/', '2025-10-12T09:00:00+07:00'), teaser('/berita/agak-lama/', '2025-09-01T09:00:00+07:00')),
  '/indeks/page/2/': listingPage('/indeks/page/3/', teaser('/berita/lama-1/', '2025-09-02T09:00:00+07:00'), teaser('/berita/lama-2/', '2025-09-01T09:00:00+07:00')),
  '/indeks/page/3/': listingPage(null, teaser('/berita/lama-3/', '2025-08-01T09:00:00+07:00')),
};

const baseSource: SourceDefinition = {
  id: 'berita',
  name: 'Berita.test',
  origin: live,
  homeCity: 'Kota Cilegon',
  sitemaps: [`${live}/news-sitemap.xml`, `${live}/sitemap_index.xml`], // the second is also in robots.txt
  feeds: [`${live}/feed/`, `${live}/feed/rusak/`],
  listings: [`${live}/kategori/banten/`],
  articlePathPattern: /^\/(berita|rahasia)\/[a-z0-9-]+\/$/,
  excludePathPattern: /^\/berita\/tag-/,
  datelineNames: ['Berita.test'],
};

async function setUp(extraRoutes: Routes = {}) {
  const server = await startTestServer({ ...routes, ...extraRoutes });
  servers.push(server);
  const fetcher = createFetcher({ userAgent, originMap: { [live]: server.origin }, retries: 0 });
  return { server, fetcher, robots: new RobotsCache() };
}

const requested = (server: TestServer) => server.requests.map((request) => request.url);
const byUrl = (urls: DiscoveredUrl[]) => Object.fromEntries(urls.map((found) => [found.url.slice(live.length), found]));

describe('discoverArticleUrls', () => {
  it('gathers article URLs from robots sitemaps, source sitemaps, feeds and paginated listings', async () => {
    const { server, fetcher, robots } = await setUp();
    const result = await discoverArticleUrls(baseSource, fetcher, { userAgent, robots });

    const found = byUrl(result.urls);
    expect(Object.keys(found).sort()).toEqual(['/berita/a/', '/berita/b/', '/berita/c/', '/berita/d/', '/berita/e/', '/berita/f/', '/berita/g/', '/berita/lama/']);
    // Seen in the news sitemap first, then in the post sitemap and a listing: metadata merged.
    expect(found['/berita/a/']).toEqual({
      url: `${live}/berita/a/`,
      via: 'news-sitemap',
      title: 'A dari Google News',
      publishedAt: new Date('2025-10-14T01:00:00Z'),
      lastmod: new Date('2025-10-14T04:00:00Z'),
    });
    expect(found['/berita/b/']).toEqual({
      url: `${live}/berita/b/`,
      via: 'sitemap',
      lastmod: new Date('2025-10-13T02:00:00Z'),
      title: 'B dari feed',
      publishedAt: new Date('2025-10-13T01:00:00Z'),
    });
    expect(found['/berita/d/']).toMatchObject({ via: 'feed', title: 'D dari feed' });
    expect(found['/berita/e/']).toEqual({ url: `${live}/berita/e/`, via: 'listing', title: 'Judul /berita/e/' });
    expect(result.urls.map((found) => found.url.slice(live.length)).slice(0, 4)).toEqual(['/berita/a/', '/berita/c/', '/berita/b/', '/berita/d/']);

    expect(result.disallowed).toEqual([`${live}/rahasia/x/`]);
    expect(result.errors).toEqual([
      expect.objectContaining({ url: `${live}/rusak.xml`, stage: 'sitemap', message: expect.stringContaining('malformed XML') }),
      expect.objectContaining({ url: `${live}/feed/rusak/`, stage: 'feed', status: 500 }),
    ]);
    // Page 3 repeats page 2, so pagination stops there and page 4 is never asked for.
    expect(requested(server)).toContain('/kategori/banten/page/3/');
    expect(requested(server)).not.toContain('/kategori/banten/page/4/');
    expect(requested(server).filter((url) => url === '/robots.txt')).toHaveLength(1);
    expect(requested(server).filter((url) => url === '/sitemap_index.xml')).toHaveLength(1);
  });

  it('leaves out what is older than `since` and stops paging when a page holds only older articles', async () => {
    const { server, fetcher, robots } = await setUp();
    const source = { ...baseSource, listings: [`${live}/indeks/`] };
    const result = await discoverArticleUrls(source, fetcher, { userAgent, robots, since: new Date('2025-10-10T00:00:00+07:00') });

    expect(result.urls.map((found) => found.url.slice(live.length)).sort()).toEqual(['/berita/a/', '/berita/b/', '/berita/baru/', '/berita/c/', '/berita/d/']);
    expect(requested(server)).not.toContain('/post-sitemap-lama.xml');
    expect(requested(server)).toContain('/indeks/page/2/');
    expect(requested(server)).not.toContain('/indeks/page/3/');
  });

  it('honours maxListingPages and maxSitemaps, and says when sitemaps were left unread', async () => {
    const { server, fetcher, robots } = await setUp();
    const result = await discoverArticleUrls(baseSource, fetcher, { userAgent, robots, maxListingPages: 2, maxSitemaps: 2 });
    expect(requested(server)).toContain('/kategori/banten/page/2/');
    expect(requested(server)).not.toContain('/kategori/banten/page/3/');
    expect(requested(server)).not.toContain('/post-sitemap.xml');
    expect(result.errors).toContainEqual(expect.objectContaining({ stage: 'sitemap', message: expect.stringContaining('Stopped after 2 sitemaps') }));
  });

  it('fetches nothing but robots.txt when it is unreachable, and reports why', async () => {
    const { server, fetcher, robots } = await setUp({ '/robots.txt': { status: 503 } });
    const result = await discoverArticleUrls(baseSource, fetcher, { userAgent, robots });
    expect(result.urls).toEqual([]);
    expect(result.errors[0]).toMatchObject({ url: `${live}/robots.txt`, stage: 'robots', message: expect.stringContaining('unreachable') });
    expect(requested(server)).toEqual(['/robots.txt']);
  });

  it('applies the robots.txt Crawl-delay to the fetcher', async () => {
    const { server, fetcher, robots } = await setUp({ '/robots.txt': { headers: { 'content-type': 'text/plain' }, body: 'User-agent: *\nCrawl-delay: 0.15\n' } });
    const source = { ...baseSource, sitemaps: [], listings: [] };
    await discoverArticleUrls(source, fetcher, { userAgent, robots });
    const times = server.requests.map((request) => request.receivedAt);
    expect(requested(server)).toEqual(['/robots.txt', '/feed/', '/feed/rusak/']);
    expect(times[2]! - times[1]!).toBeGreaterThanOrEqual(145);
  });
});
