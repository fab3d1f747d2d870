/**
 * The archive end to end: crawl the offline outlet sites with a WARC archive, serve archived pages sanitised,
 * then `reindex` from the archive alone (the sites are closed first) into a fresh index swapped in while
 * searches keep running; the longest pause those searches saw is measured and printed.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FsArchiveStore } from '../../crawler/archive/fs-archive.ts';
import { crawlIntoIndex } from '../../crawler/crawl-into-index.ts';
import { SOURCES } from '../../crawler/sources/index.ts';
import { MemoryCrawlState } from '../../crawler/state/memory-state.ts';
import { applyIndexConfig } from '../../index-config/apply.ts';
import { ensureSearchKey } from '../../index-config/keys.ts';
import { reindexFromArchive, type ReindexReport } from '../../index-config/reindex.ts';
import type { ArticleDocument } from '../../src/article.ts';
import { createApp } from '../../src/app.ts';
import { createNodeHttpClient } from '../../src/runtime/node/http-transport.ts';
import { ArticleSearch } from '../../src/search/meilisearch.ts';
import { loadGold } from '../fixtures/gold.ts';
import { startFixtureWeb, type FixtureWeb } from '../fixtures/server.ts';
import { testMeili, type TestMeili } from '../helpers/meilisearch.ts';

const gold = loadGold();
let web: FixtureWeb;
let meili: TestMeili;
let indexUid: string;
let archiveDir: string;
let archive: FsArchiveStore;
let app: ReturnType<typeof createApp>;
const state = new MemoryCrawlState();
const transport = createNodeHttpClient({ timeoutMillis: 5000 });

beforeAll(async () => {
  web = await startFixtureWeb();
  meili = testMeili();
  indexUid = meili.uniqueIndexUid('reindex');
  await applyIndexConfig(meili.adminClient, { indexUid });
  archiveDir = await mkdtemp(path.join(os.tmpdir(), 'arsip-reindex-'));
  archive = new FsArchiveStore({ dir: archiveDir });
  await crawlIntoIndex({
    sources: SOURCES.filter((s) => s.origin in web.origins),
    adminClient: meili.adminClient,
    indexUid,
    state,
    archive,
    fetcher: { userAgent: 'ArsipBantenTest/0.1 (+http://127.0.0.1/)', originMap: web.origins, perHostConcurrency: 2, perHostDelayMillis: 0, retries: 0 },
  });
  const { key } = await ensureSearchKey(meili.adminClient, { indexUids: [`${indexUid}*`] });
  const search = new ArticleSearch({ url: meili.url, searchKey: key, indexUid, timeoutMillis: 5000, httpClient: transport.httpClient });
  app = createApp({ search, archive });
}, 120_000);

afterAll(async () => {
  transport.close();
  await archive?.close();
  await web?.close();
  await meili?.cleanup();
  if (archiveDir) await rm(archiveDir, { recursive: true, force: true });
});

async function allDocuments(): Promise<ArticleDocument[]> {
  return (await meili.adminClient.index(indexUid).getDocuments<ArticleDocument>({ limit: 1000 })).results;
}

describe('GET /articles/:id/archived', () => {
  it('serves the archived page without scripts, under a policy that forbids them', async () => {
    const seed = (await allDocuments()).find((d) => d.url.includes('cmm-studi-tiru'))!;
    const res = await app.request(`/articles/${seed.id}/archived`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    expect(res.headers.get('content-security-policy')).toMatch(/default-src 'none'.*sandbox/);
    const html = await res.text();
    expect(html).toContain(seed.title);
    expect(html).toContain(`Archived copy of <a href="${seed.url}">`);
    expect(html).not.toMatch(/<script|\son[a-z]+\s*=|javascript:/i);
  });

  it('answers 404 for an unknown article and 400 for a malformed id, in the API error shape', async () => {
    const missing = await app.request('/articles/no-such-article_000000000000/archived');
    expect(missing.status).toBe(404);
    expect((await missing.json()).error.code).toBe('not_found');
    const bad = await app.request('/articles/bad%20id/archived');
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.code).toBe('invalid_parameter');
  });
});

let concurrentlyTouched: ArticleDocument[] = [];

async function simulateConcurrentCrawl(documents: ArticleDocument[]): Promise<void> {
  const [changed, removed] = [...documents].sort((a, b) => (a.id < b.id ? -1 : 1));
  concurrentlyTouched = [changed!, removed!];
  const archived = await archive.read(changed!.warc!);
  const html = new TextDecoder().decode(archived.body).replaceAll(changed!.title, `${changed!.title} (diperbarui)`);
  await archive.append({
    url: archived.url,
    requestHeaders: new Headers({ 'user-agent': 'ArsipBantenTest/0.1' }),
    status: 200,
    responseHeaders: new Headers({ 'content-type': 'text/html; charset=utf-8' }),
    body: new TextEncoder().encode(html),
    fetchedAt: new Date(),
  });
  const record = (await state.listDocuments()).find((r) => r.documentId === removed!.id)!;
  await state.putUrls([{ ...record, status: 'gone', goneSince: 1_800_000_000 }]);
}

describe('reindex from the archive', () => {
  let report: ReindexReport;
  let longestPauseMillis = 0;
  let longestPauseAcrossSwapMillis = 0;
  let searches = 0;

  it('rebuilds the same index without the network while searches keep answering', async () => {
    const before = await allDocuments();
    await web.close(); // the archive alone must do
    let reindexing = true;
    let concurrentCrawl: Promise<void> = Promise.resolve();
    const swap = { start: Number.POSITIVE_INFINITY, done: Number.POSITIVE_INFINITY };
    const load = (async () => {
      let last = performance.now();
      while (reindexing) {
        const res = await app.request('/search?q=Cilegon&perPage=5');
        const now = performance.now();
        expect(res.status).toBe(200);
        expect((await res.json()).totalHits).toBeGreaterThan(0);
        longestPauseMillis = Math.max(longestPauseMillis, now - last);
        // Gaps that overlap the swap task: what the swap itself cost readers.
        if (now >= swap.start && last <= swap.done) longestPauseAcrossSwapMillis = Math.max(longestPauseAcrossSwapMillis, now - last);
        last = now;
        searches++;
      }
    })();
    try {
      report = await reindexFromArchive({
        client: meili.adminClient,
        indexUid,
        archive,
        state,
        sources: SOURCES,
        onSwap: (phase) => {
          swap[phase] = performance.now();
          // A crawl running meanwhile: it archives a changed page and flags another as gone, writing to the
          // index the swap is about to retire. Both must reach the live index.
          if (phase === 'start') concurrentCrawl = simulateConcurrentCrawl(before);
        },
      });
      await concurrentCrawl;
    } finally {
      reindexing = false;
      await load;
    }
    expect(report.indexFailed).toEqual([]);
    expect(report.indexed).toBe(gold.length);
    expect(report.caughtUp).toBe(1);
    const after = await allDocuments();
    expect(after.map((d) => d.id).sort()).toEqual(before.map((d) => d.id).sort());
    const [changed, removed] = concurrentlyTouched;
    expect(after.find((d) => d.id === changed!.id)!.title).toBe(`${changed!.title} (diperbarui)`);
    expect(after.find((d) => d.id === removed!.id)!.goneAt).toBe(1_800_000_000);
    for (const doc of after.filter((d) => d.id !== changed!.id)) {
      const earlier = before.find((d) => d.id === doc.id)!;
      expect({ title: doc.title, body: doc.body, publishedAt: doc.publishedAt, warc: doc.warc }).toEqual({
        title: earlier.title,
        body: earlier.body,
        publishedAt: earlier.publishedAt,
        warc: earlier.warc,
      });
    }
    const indexes = (await meili.adminClient.getIndexes({ limit: 1000 })).results.map((i) => i.uid);
    expect(indexes.filter((uid) => uid.startsWith(`${indexUid}_next_`))).toEqual([]);
    expect(searches).toBeGreaterThan(5);
    expect(longestPauseAcrossSwapMillis).toBeGreaterThan(0);
    expect(longestPauseAcrossSwapMillis).toBeLessThan(1000);
    console.log(
      `reindex: ${report.indexed} articles from ${report.records} archived records in ${report.durationMillis} ms ` +
        `(swap task ${report.swapMillis} ms); ${searches} searches during it, none failed or empty; longest gap between answers ` +
        `${longestPauseMillis.toFixed(1)} ms overall (the extractor shares this event loop), ${longestPauseAcrossSwapMillis.toFixed(1)} ms across the swap`,
    );
  }, 60_000);
});
