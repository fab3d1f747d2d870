/**
 * The whole pipeline for real: offline outlet sites on 127.0.0.1 → crawler → extractor → a real
 * Meilisearch → the Hono API. The expectations come from the fixtures' gold files.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyIndexConfig } from '../../index-config/apply.ts';
import { ensureSearchKey } from '../../index-config/keys.ts';
import { crawlIntoIndex } from '../../crawler/crawl-into-index.ts';
import type { CrawlReport } from '../../crawler/run.ts';
import { SOURCES } from '../../crawler/sources/index.ts';
import { createApp } from '../../src/app.ts';
import { createNodeHttpClient } from '../../src/runtime/node/http-transport.ts';
import { ArticleSearch } from '../../src/search/meilisearch.ts';
import { loadGold, type GoldArticle } from '../fixtures/gold.ts';
import { startFixtureWeb, type FixtureWeb } from '../fixtures/server.ts';
import { testMeili, type TestMeili } from '../helpers/meilisearch.ts';

const gold = loadGold();
const seed = gold.find((g) => g.url.includes('cmm-studi-tiru'))!;
let web: FixtureWeb;
let meili: TestMeili;
let indexUid: string;
let app: ReturnType<typeof createApp>;
let firstReport: CrawlReport;
const transport = createNodeHttpClient({ timeoutMillis: 5000 });

function crawl() {
  return crawlIntoIndex({
    sources: SOURCES.filter((s) => s.origin in web.origins),
    adminClient: meili.adminClient,
    indexUid,
    fetcher: { userAgent: 'ArsipBantenTest/0.1 (+http://127.0.0.1/)', originMap: web.origins, perHostConcurrency: 2, perHostDelayMillis: 0, retries: 0 },
  });
}

beforeAll(async () => {
  web = await startFixtureWeb();
  meili = testMeili();
  indexUid = meili.uniqueIndexUid('e2e');
  await applyIndexConfig(meili.adminClient, { indexUid });
  firstReport = await crawl();
  const { key } = await ensureSearchKey(meili.adminClient, { indexUids: [`${indexUid}*`] });
  app = createApp({ search: new ArticleSearch({ url: meili.url, searchKey: key, indexUid, timeoutMillis: 5000, httpClient: transport.httpClient }) });
}, 120_000);

afterAll(async () => {
  transport.close();
  await web?.close();
  await meili?.cleanup();
});

async function search(query: string) {
  const res = await app.request(`/search?${query}`);
  expect(res.status).toBe(200);
  return res.json();
}

function countBy(values: Array<string | null | string[]>): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const v of values.flatMap((x) => (x === null ? [] : Array.isArray(x) ? x : [x]))) counts[v] = (counts[v] ?? 0) + 1;
  return counts;
}

function facetMap(list: Array<{ value: string; count: number }>): Record<string, number> {
  return Object.fromEntries(list.map((f) => [f.value, f.count]));
}

describe('crawl → index → search over the offline outlet sites', () => {
  it('indexes every gold article once, and nothing that is not an article', async () => {
    const indexed = firstReport.sources.reduce((n, s) => n + s.indexed, 0);
    for (const s of firstReport.sources) {
      expect(s.failed, s.source).toEqual([]);
      expect(s.indexFailed, s.source).toEqual([]);
    }
    expect(indexed).toBe(gold.length);
    const health = await (await app.request('/health')).json();
    expect(health.documents).toBe(gold.length);
  });

  it('finds the seed article with its metadata', async () => {
    const page = await search('q=Cilegon%20Metal%20Manufaktur');
    expect(page.hits[0].url).toBe(seed.url);
    const hit = page.hits[0];
    expect(hit.city).toBe('Kota Cilegon');
    expect(hit.authors).toEqual(['Sari']);
    expect(hit.publishedAt.slice(0, 10)).toBe('2025-10-14');
    expect(hit.organisations).toEqual(expect.arrayContaining(['Cilegon Metal Manufaktur', 'Dinas Perindustrian dan Perdagangan Kota Cilegon']));
    const article = await (await app.request(`/articles/${hit.id}`)).json();
    expect(article.dateline).toBe('Cilegon');
    expect(article.bylineRaw).toBe('(Sari/Red)');
    expect(article.lead.startsWith('Cilegon, (Beritain')).toBe(false);
    expect(article.body).not.toContain('(Sari/Red)');
  });

  const facetTruth: Array<[string, (g: GoldArticle) => string | null | string[]]> = [
    ['city', (g) => g.city],
    ['author', (g) => g.authors],
    ['outlet', (g) => g.outlet],
    ['organisation', (g) => g.organisations],
  ];
  it.each(facetTruth)('facet counts for %s equal the gold truth', async (facet, pick) => {
    const page = await search('perPage=1');
    expect(facetMap(page.facets[facet])).toEqual(countBy(gold.map(pick)));
  });

  it('filters by facet values and dates as the gold set says', async () => {
    const cilegon = gold.filter((g) => g.city === 'Kota Cilegon');
    expect((await search('city=Kota%20Cilegon')).totalHits).toBe(cilegon.length);
    const in2025 = gold.filter((g) => g.publishedIso.startsWith('2025'));
    expect((await search('from=2025-01-01&to=2025-12-31')).totalHits).toBe(in2025.length);
    const newest = [...gold].sort((a, b) => Date.parse(b.publishedIso) - Date.parse(a.publishedIso))[0]!;
    expect((await search('sort=newest&perPage=1')).hits[0].url).toBe(newest.url);
  });

  it('gives the same index when crawled again: no duplicates', async () => {
    const again = await crawl();
    expect(again.sources.reduce((n, s) => n + s.indexed, 0)).toBe(gold.length);
    const health = await (await app.request('/health')).json();
    expect(health.documents).toBe(gold.length);
  });
});
