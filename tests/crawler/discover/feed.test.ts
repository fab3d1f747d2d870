import { afterEach, describe, expect, it } from 'vitest';
import { fetchFeed, parseFeed } from '../../../crawler/discover/feed.ts';
import { createFetcher } from '../../../crawler/fetch-page.ts';
import { startTestServer, type TestServer } from '../../helpers/http-server.ts';

const rss = `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel>
  <title>Berita Banten</title>
  <atom:link href="https://berita.test/feed/" rel="self" type="application/rss+xml"/>
  <link>https://berita.test</link>
  <item>
    <title>CMM Studi Tiru ke Cilegon &#8211; Disperindag</title>
    <link>https://berita.test/2025/10/14/cmm-studi-tiru/</link>
    <pubDate>Tue, 14 Oct 2025 10:05:00 +0700</pubDate>
    <guid isPermaLink="false">https://berita.test/?p=123</guid>
  </item>
  <item>
    <title><![CDATA[Banjir di Serang]]></title>
    <guid>https://berita.test/2025/10/13/banjir/</guid>
    <dc:date>2025-10-13T08:00:00+07:00</dc:date>
  </item>
  <item>
    <title>Tanpa tautan</title>
    <guid isPermaLink="false">123</guid>
  </item>
  <item>
    <title>Jam WIB</title>
    <link>/2025/10/12/wib/</link>
    <pubDate>Sun, 12 Oct 2025 09:00:00 WIB</pubDate>
  </item>
</channel>
</rss>`;

const atom = `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>Blog Banten</title>
  <entry>
    <title type="html">Pemkot &lt;b&gt;Cilegon&lt;/b&gt; rapat</title>
    <link rel="replies" type="text/html" href="https://blog.test/2025/10/rapat.html#comments"/>
    <link rel="self" type="application/atom+xml" href="https://blog.test/feeds/posts/default/1"/>
    <link rel="alternate" type="text/html" href="https://blog.test/2025/10/rapat.html"/>
    <published>2025-10-14T09:00:00.000+07:00</published>
    <updated>2025-10-15T09:00:00.000+07:00</updated>
  </entry>
  <entry>
    <title>Tanpa rel</title>
    <link href="/2025/10/polda.html"/>
    <updated>2025-10-13T01:00:00Z</updated>
  </entry>
</feed>`;

describe('parseFeed', () => {
  it('reads RSS 2.0 items: link, else a permalink guid; RFC 822 dates, WIB included', () => {
    expect(parseFeed(rss, 'https://berita.test/feed/')).toEqual({
      kind: 'rss',
      items: [
        { url: 'https://berita.test/2025/10/14/cmm-studi-tiru/', title: 'CMM Studi Tiru ke Cilegon – Disperindag', publishedAt: new Date('2025-10-14T03:05:00Z') },
        { url: 'https://berita.test/2025/10/13/banjir/', title: 'Banjir di Serang', publishedAt: new Date('2025-10-13T01:00:00Z') },
        { url: 'https://berita.test/2025/10/12/wib/', title: 'Jam WIB', publishedAt: new Date('2025-10-12T02:00:00Z') },
      ],
      skipped: 1,
    });
  });

  it('reads Atom entries through their alternate link', () => {
    expect(parseFeed(atom, 'https://blog.test/feeds/posts/default')).toEqual({
      kind: 'atom',
      items: [
        {
          url: 'https://blog.test/2025/10/rapat.html',
          title: 'Pemkot Cilegon rapat',
          publishedAt: new Date('2025-10-14T02:00:00Z'),
          updatedAt: new Date('2025-10-15T02:00:00Z'),
        },
        { url: 'https://blog.test/2025/10/polda.html', title: 'Tanpa rel', publishedAt: new Date('2025-10-13T01:00:00Z'), updatedAt: new Date('2025-10-13T01:00:00Z') },
      ],
      skipped: 0,
    });
  });

  it('reads RSS 1.0 (RDF)', () => {
    const rdf = `<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
      <channel rdf:about="https://berita.test/"><title>x</title></channel>
      <item rdf:about="https://berita.test/a"><title>A</title><link>https://berita.test/a</link><dc:date>2025-10-14</dc:date></item>
    </rdf:RDF>`;
    expect(parseFeed(rdf, 'https://berita.test/rdf')).toEqual({
      kind: 'rdf',
      items: [{ url: 'https://berita.test/a', title: 'A', publishedAt: new Date('2025-10-13T17:00:00Z') }],
      skipped: 0,
    });
  });

  it('throws a clear error for something that is not a feed', () => {
    expect(() => parseFeed('<html><head/></html>', 'https://berita.test/feed/')).toThrow('Expected <rss>, <rdf:RDF> or <feed> at https://berita.test/feed/, received <html>');
    expect(() => parseFeed('<rss><channel></rss>', 'https://berita.test/feed/')).toThrow(/received malformed XML/);
  });
});

describe('fetchFeed', () => {
  let server: TestServer | undefined;
  afterEach(async () => {
    await server?.close();
  });

  it('fetches and parses a feed, resolving links against the final URL', async () => {
    server = await startTestServer({
      '/feed': { status: 301, headers: { location: '/feed/' } },
      '/feed/': { headers: { 'content-type': 'application/rss+xml; charset=UTF-8' }, body: rss },
    });
    const fetcher = createFetcher({ userAgent: 'ArsipBantenBot/0.1', originMap: { 'https://berita.test': server.origin } });
    const feed = await fetchFeed(fetcher, 'https://berita.test/feed');
    expect(feed.items.map((item) => item.url)).toContain('https://berita.test/2025/10/12/wib/');
  });
});
