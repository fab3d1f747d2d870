import { afterEach, describe, expect, it } from 'vitest';
import { fetchRobots, MAX_ROBOTS_BYTES, parseRobots, RobotsCache } from '../../../crawler/discover/robots.ts';
import { createFetcher } from '../../../crawler/fetch-page.ts';
import { startTestServer, type Routes, type TestServer } from '../../helpers/http-server.ts';

const userAgent = 'ArsipBantenBot/0.1 (+https://github.com/arsip-banten/arsip-banten)';
const servers: TestServer[] = [];

async function site(routes: Routes) {
  const server = await startTestServer(routes);
  servers.push(server);
  const fetcher = createFetcher({ userAgent, originMap: { 'https://berita.test': server.origin }, retries: 1, retryBaseDelayMillis: 5 });
  return { server, fetcher };
}

afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

const robotsTxt = [
  'User-agent: *',
  'Disallow: /wp-admin/',
  'Crawl-delay: 2',
  '',
  'User-agent: ArsipBantenBot',
  'Disallow: /search',
  'Allow: /search/help',
  'Crawl-delay: 0.5',
  '',
  'Sitemap: https://berita.test/sitemap_index.xml',
  'Sitemap: /news-sitemap.xml',
].join('\n');

describe('parseRobots', () => {
  const rules = parseRobots('https://berita.test/robots.txt', robotsTxt);

  it('applies the group of our product token, else the * group', () => {
    expect(rules.isAllowed('https://berita.test/search?q=banjir', userAgent)).toBe(false);
    expect(rules.isAllowed('https://berita.test/search/help', userAgent)).toBe(true);
    expect(rules.isAllowed('https://berita.test/wp-admin/x', userAgent)).toBe(true);
    expect(rules.isAllowed('https://berita.test/wp-admin/x', 'OtherBot/1.0')).toBe(false);
    expect(rules.isAllowed('https://berita.test/search', 'OtherBot/1.0')).toBe(true);
  });

  it('reads Crawl-delay in milliseconds per group', () => {
    expect(rules.crawlDelayMillis(userAgent)).toBe(500);
    expect(rules.crawlDelayMillis('OtherBot')).toBe(2000);
    expect(parseRobots('https://berita.test/', 'User-agent: *\nDisallow:').crawlDelayMillis(userAgent)).toBeNull();
  });

  it('lists Sitemap lines as absolute URLs', () => {
    expect(rules.sitemaps).toEqual(['https://berita.test/sitemap_index.xml', 'https://berita.test/news-sitemap.xml']);
  });

  it('refuses to answer for another origin', () => {
    expect(() => rules.isAllowed('https://lain.test/a', userAgent)).toThrow('Expected a URL on https://berita.test, received https://lain.test/a');
  });

  it('ignores what comes after the first 500 KiB', () => {
    const padding = `# ${'x'.repeat(MAX_ROBOTS_BYTES)}\n`;
    const long = parseRobots('https://berita.test/', `User-agent: *\nDisallow: /a\n${padding}Disallow: /b\n`);
    expect(long.isAllowed('https://berita.test/a', userAgent)).toBe(false);
    expect(long.isAllowed('https://berita.test/b', userAgent)).toBe(true);
  });
});

describe('fetchRobots', () => {
  it('parses a 200', async () => {
    const { fetcher } = await site({ '/robots.txt': { headers: { 'content-type': 'text/plain' }, body: robotsTxt } });
    const rules = await fetchRobots(fetcher, 'https://berita.test');
    expect(rules.status).toBe('parsed');
    expect(rules.isAllowed('https://berita.test/search', userAgent)).toBe(false);
  });

  it('allows everything on a 404', async () => {
    const { fetcher } = await site({});
    const rules = await fetchRobots(fetcher, 'https://berita.test');
    expect(rules).toMatchObject({ status: 'allow-all', sitemaps: [] });
    expect(rules.isAllowed('https://berita.test/anything', userAgent)).toBe(true);
  });

  it('disallows everything on a 500', async () => {
    const { fetcher, server } = await site({ '/robots.txt': { status: 500 } });
    const rules = await fetchRobots(fetcher, 'https://berita.test');
    expect(rules.status).toBe('disallow-all');
    expect(rules.reason).toContain('unreachable');
    expect(rules.isAllowed('https://berita.test/', userAgent)).toBe(false);
    expect(server.requests.length).toBe(2); // the fetcher retried once first
  });

  it('disallows everything when the host cannot be reached', async () => {
    const { server, fetcher } = await site({});
    await server.close();
    servers.splice(servers.indexOf(server), 1);
    const rules = await fetchRobots(fetcher, 'https://berita.test');
    expect(rules.status).toBe('disallow-all');
  });

  it('applies a redirected robots.txt to the origin asked about', async () => {
    const cdn = await startTestServer({ '/robots-berita.txt': { headers: { 'content-type': 'text/plain' }, body: 'User-agent: *\nDisallow: /x' } });
    const origin = await startTestServer({ '/robots.txt': { status: 301, headers: { location: 'https://cdn.test/robots-berita.txt' } } });
    servers.push(cdn, origin);
    const fetcher = createFetcher({ userAgent, originMap: { 'https://berita.test': origin.origin, 'https://cdn.test': cdn.origin } });
    const rules = await fetchRobots(fetcher, 'https://berita.test');
    expect(rules.isAllowed('https://berita.test/x', userAgent)).toBe(false);
    expect(rules.isAllowed('https://berita.test/y', userAgent)).toBe(true);
    expect(cdn.requests).toHaveLength(1);
  });
});

describe('RobotsCache', () => {
  it('fetches once per origin until the rules expire on the injected clock', async () => {
    const { server, fetcher } = await site({ '/robots.txt': { headers: { 'content-type': 'text/plain' }, body: robotsTxt } });
    let now = 0;
    const cache = new RobotsCache({ now: () => now });
    const [a, b] = await Promise.all([cache.get('https://berita.test/a', fetcher), cache.get('https://berita.test/b', fetcher)]);
    expect(a).toBe(b);
    now += 23 * 60 * 60 * 1000;
    await cache.get('https://berita.test/', fetcher);
    expect(server.requests).toHaveLength(1);
    now += 2 * 60 * 60 * 1000;
    await cache.get('https://berita.test/', fetcher);
    expect(server.requests).toHaveLength(2);
  });

  it('never keeps rules longer than 24 hours, and asks an unreachable site again sooner', async () => {
    let status = 500;
    const { server, fetcher } = await site({
      '/robots.txt': (_request, response) => void response.writeHead(status, { 'content-type': 'text/plain' }).end('User-agent: *\nDisallow:'),
    });
    let now = 0;
    const cache = new RobotsCache({ now: () => now, maxAgeMillis: 7 * 24 * 60 * 60 * 1000, unreachableMaxAgeMillis: 60_000 });
    expect((await cache.get('https://berita.test/', fetcher)).status).toBe('disallow-all');
    status = 200;
    now += 61_000;
    expect((await cache.get('https://berita.test/', fetcher)).status).toBe('parsed');
    const before = server.requests.length;
    now += 24 * 60 * 60 * 1000 + 1;
    await cache.get('https://berita.test/', fetcher);
    expect(server.requests.length).toBe(before + 1);
  });
});
