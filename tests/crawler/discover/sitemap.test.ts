import { gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { fetchSitemap, parseSitemap } from '../../../crawler/discover/sitemap.ts';
import { NonRetryableFetchError } from '../../../crawler/errors.ts';
import { createFetcher } from '../../../crawler/fetch-page.ts';
import { startTestServer, type TestServer } from '../../helpers/http-server.ts';

const servers: TestServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

const urlset = `<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:image="http://www.google.com/schemas/sitemap-image/1.1">
  <url><loc>https://berita.test/2025/10/14/cmm-studi-tiru/</loc><lastmod>2025-10-14T10:05:00+07:00</lastmod>
    <image:image><image:loc>https://cdn.test/foto.jpg</image:loc></image:image></url>
  <url><loc>/2025/10/13/relatif/?utm_source=sitemap#atas</loc><lastmod>2025-10-13</lastmod></url>
  <url><loc>https://www.berita.test/2025/10/12/www/</loc></url>
  <url><loc>https://lain.test/2025/10/12/asing/</loc></url>
  <url><lastmod>2025-10-12</lastmod></url>
</urlset>`;

describe('parseSitemap', () => {
  it('reads a urlset, resolving relative locs and skipping other sites', () => {
    const sitemap = parseSitemap(urlset, 'https://berita.test/post-sitemap.xml');
    expect(sitemap).toEqual({
      kind: 'urlset',
      urls: [
        { loc: 'https://berita.test/2025/10/14/cmm-studi-tiru/', lastmod: new Date('2025-10-14T03:05:00Z') },
        { loc: 'https://berita.test/2025/10/13/relatif/', lastmod: new Date('2025-10-13T00:00:00+07:00') },
        { loc: 'https://www.berita.test/2025/10/12/www/' },
      ],
      skipped: 2,
    });
  });

  it('reads a sitemap index', () => {
    const xml = `<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
      <sitemap><loc>https://berita.test/post-sitemap.xml</loc><lastmod>2025-10-14T10:00:00+07:00</lastmod></sitemap>
      <sitemap><loc>post-sitemap2.xml</loc></sitemap>
    </sitemapindex>`;
    expect(parseSitemap(xml, 'https://berita.test/sitemap_index.xml')).toEqual({
      kind: 'index',
      sitemaps: [
        { loc: 'https://berita.test/post-sitemap.xml', lastmod: new Date('2025-10-14T03:00:00Z') },
        { loc: 'https://berita.test/post-sitemap2.xml' },
      ],
      skipped: 0,
    });
  });

  it('reads Google-News titles and publication dates, whatever the namespace prefix', () => {
    const xml = `<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:n="http://www.google.com/schemas/sitemap-news/0.9">
      <url><loc>https://berita.test/cmm</loc>
        <n:news><n:publication><n:name>Berita</n:name><n:language>id</n:language></n:publication>
          <n:publication_date>2025-10-14T10:05:00+07:00</n:publication_date>
          <n:title>CMM Studi Tiru &amp; Kunjungan ke Cilegon</n:title></n:news></url>
    </urlset>`;
    expect(parseSitemap(xml, 'https://berita.test/news-sitemap.xml')).toEqual({
      kind: 'urlset',
      urls: [{ loc: 'https://berita.test/cmm', newsTitle: 'CMM Studi Tiru & Kunjungan ke Cilegon', newsPublicationDate: new Date('2025-10-14T03:05:00Z') }],
      skipped: 0,
    });
  });

  it('throws a clear error for malformed XML', () => {
    const broken = '<?xml version="1.0"?>\n<urlset>\n<url><loc>https://berita.test/a</loc>\n</urlset>';
    const error = (() => {
      try {
        parseSitemap(broken, 'https://berita.test/rusak.xml');
      } catch (caught) {
        return caught;
      }
    })();
    expect(error).toBeInstanceOf(NonRetryableFetchError);
    expect(error).toMatchObject({ reason: 'invalid-content', url: 'https://berita.test/rusak.xml' });
    expect((error as Error).message).toMatch(/^Expected a sitemap .* at https:\/\/berita\.test\/rusak\.xml, received malformed XML: .*line 4/);
  });

  it('throws for well-formed XML that is not a sitemap, and for an empty body', () => {
    expect(() => parseSitemap('<html><body/></html>', 'https://berita.test/s.xml')).toThrow('Expected <urlset> or <sitemapindex> at https://berita.test/s.xml, received <html>');
    expect(() => parseSitemap('  ', 'https://berita.test/s.xml')).toThrow('received an empty document');
  });

  it('tolerates blank lines before the XML declaration', () => {
    expect(parseSitemap(`\n\n${urlset}`, 'https://berita.test/s.xml').kind).toBe('urlset');
  });

  it('reads a plain-text sitemap', () => {
    expect(parseSitemap('https://berita.test/a\nhttps://lain.test/b\n\nhttps://berita.test/c\n', 'https://berita.test/sitemap.txt')).toEqual({
      kind: 'urlset',
      urls: [{ loc: 'https://berita.test/a' }, { loc: 'https://berita.test/c' }],
      skipped: 1,
    });
  });

  it('checks locs against siteUrl when given', () => {
    const sitemap = parseSitemap(urlset, 'https://cdn.test/sitemaps/berita.xml', { siteUrl: 'https://berita.test' });
    expect(sitemap.kind === 'urlset' && sitemap.urls.map((url) => url.loc)).toEqual([
      'https://berita.test/2025/10/14/cmm-studi-tiru/',
      'https://www.berita.test/2025/10/12/www/',
    ]);
  });
});

describe('fetchSitemap', () => {
  const fetcherFor = (server: TestServer) => createFetcher({ userAgent: 'ArsipBantenBot/0.1', originMap: { 'https://berita.test': server.origin } });

  it('reads a sitemap served with Content-Encoding: gzip', async () => {
    const server = await startTestServer({
      '/sitemap.xml': { headers: { 'content-type': 'application/xml', 'content-encoding': 'gzip' }, body: gzipSync(urlset) },
    });
    servers.push(server);
    const sitemap = await fetchSitemap(fetcherFor(server), 'https://berita.test/sitemap.xml');
    expect(sitemap.kind === 'urlset' && sitemap.urls).toHaveLength(3);
    expect(server.requests[0]!.headers['accept-encoding']).toContain('gzip');
  });

  it('un-gzips a .xml.gz file served as application/x-gzip', async () => {
    const server = await startTestServer({ '/sitemap.xml.gz': { headers: { 'content-type': 'application/x-gzip' }, body: gzipSync(urlset) } });
    servers.push(server);
    const sitemap = await fetchSitemap(fetcherFor(server), 'https://berita.test/sitemap.xml.gz');
    expect(sitemap.kind === 'urlset' && sitemap.urls[0]!.loc).toBe('https://berita.test/2025/10/14/cmm-studi-tiru/');
  });

  it('stops un-gzipping past the byte cap', async () => {
    const bomb = gzipSync(Buffer.alloc(8 * 1024 * 1024, ' '));
    const server = await startTestServer({ '/bomb.xml.gz': { headers: { 'content-type': 'application/x-gzip' }, body: bomb } });
    servers.push(server);
    await expect(fetchSitemap(fetcherFor(server), 'https://berita.test/bomb.xml.gz', { maxBodyBytes: 1024 * 1024 })).rejects.toMatchObject({
      reason: 'body-too-large',
    });
  });
});
