/**
 * The crawler against a web that misbehaves on purpose (tests/fault-web/), into a real Meilisearch, with an
 * in-memory state and a real WARC archive on disk; then a second run over the same state: conditional GETs,
 * unchanged pages left alone, and a removed article flagged but kept.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FsArchiveStore } from '../../crawler/archive/fs-archive.ts';
import { crawlIntoIndex } from '../../crawler/crawl-into-index.ts';
import { decodeBody } from '../../crawler/decode-body.ts';
import type { CrawlReport, SourceReport } from '../../crawler/run.ts';
import { MemoryCrawlState } from '../../crawler/state/memory-state.ts';
import { applyIndexConfig } from '../../index-config/apply.ts';
import { articleIdFromUrl, sha256Hex, type ArticleDocument } from '../../src/article.ts';
import { downSource, FAULT_ORIGIN, faultSource } from '../fault-web/pages.ts';
import { FAULT_PATHS, startFaultWeb, type FaultWeb } from '../fault-web/server.ts';
import { testMeili, type TestMeili } from '../helpers/meilisearch.ts';

let web: FaultWeb;
let meili: TestMeili;
let indexUid: string;
let archiveDir: string;
let archive: FsArchiveStore;
const state = new MemoryCrawlState();
let first: CrawlReport;

const live = (p: string) => `${FAULT_ORIGIN}${p}`;

function crawl(): Promise<CrawlReport> {
  return crawlIntoIndex({
    sources: [faultSource, downSource],
    adminClient: meili.adminClient,
    indexUid,
    state,
    archive,
    indexRetryDelaysMillis: [],
    fetcher: {
      userAgent: 'ArsipBantenTest/0.1 (+http://127.0.0.1/)',
      originMap: web.origins,
      perHostConcurrency: 4,
      perHostDelayMillis: 0,
      timeoutMillis: 500,
      retries: 1,
      retryBaseDelayMillis: 10,
      maxBodyBytes: 1024 * 1024,
    },
  });
}

async function documents(): Promise<ArticleDocument[]> {
  const result = await meili.adminClient.index(indexUid).getDocuments<ArticleDocument>({ limit: 1000 });
  return result.results;
}

const bySource = (report: CrawlReport, id: string): SourceReport => report.sources.find((s) => s.source === id)!;

beforeAll(async () => {
  web = await startFaultWeb();
  meili = testMeili();
  indexUid = meili.uniqueIndexUid('fault');
  await applyIndexConfig(meili.adminClient, { indexUid });
  archiveDir = await mkdtemp(path.join(os.tmpdir(), 'arsip-fault-archive-'));
  archive = new FsArchiveStore({ dir: archiveDir });
  first = await crawl();
}, 60_000);

afterAll(async () => {
  await archive?.close();
  await web?.close();
  await meili?.cleanup();
  if (archiveDir) await rm(archiveDir, { recursive: true, force: true });
});

describe('a crawl of the fault-injecting web', () => {
  it('indexes every page that can be had, once, and fails the rest with the reason', async () => {
    const report = bySource(first, 'kabarfault');
    const failed = Object.fromEntries(report.failed.map((f) => [new URL(f.url).pathname, f.error]));
    expect(Object.keys(failed).sort()).toEqual(
      [FAULT_PATHS.always500, FAULT_PATHS.truncated, FAULT_PATHS.huge, FAULT_PATHS.bomb, FAULT_PATHS.loop].sort(),
    );
    expect(failed[FAULT_PATHS.always500]).toMatch(/RetryableFetchError.*received 500/);
    expect(failed[FAULT_PATHS.truncated]).toMatch(/RetryableFetchError.*network error/);
    expect(failed[FAULT_PATHS.huge]).toMatch(/at most 1048576 bytes/);
    expect(failed[FAULT_PATHS.bomb]).toMatch(/at most 1048576 bytes/);
    expect(failed[FAULT_PATHS.loop]).toMatch(/loop/);

    // 6 plain (one of them possibly replaced by its exact copy) + slow, flaky, throttled, reset, malformed, latin-1,
    // wrong charset, syndicated, removable.
    expect(report.discovered).toBe(21);
    expect(report.new).toBe(15);
    expect(report.indexed).toBe(15);
    expect(report.indexFailed).toEqual([]);
    expect(report.skipped.map((s) => s.reason)).toEqual([expect.stringMatching(/^same page text as /)]);
    const docs = await documents();
    expect(docs).toHaveLength(15);
    expect(new Set(docs.map((d) => d.id)).size).toBe(15);
  });

  it('honours robots.txt: a disallowed page is never requested, a 5xx robots.txt closes the whole site', () => {
    expect(bySource(first, 'kabarfault').disallowed).toBeGreaterThanOrEqual(1);
    expect(web.requests.some((r) => r.path === FAULT_PATHS.disallowed)).toBe(false);
    const down = bySource(first, 'matifault');
    expect(down.discovered).toBe(0);
    expect(down.discoveryErrors[0]?.error).toMatch(/unreachable, so nothing may be crawled/);
    // robots.txt itself is retried like any 5xx; nothing else of the site is asked for.
    const downPaths = web.requests.filter((r) => r.origin !== FAULT_ORIGIN).map((r) => r.path);
    expect(downPaths.length).toBeGreaterThan(0);
    expect(new Set(downPaths)).toEqual(new Set(['/robots.txt']));
  });

  it('reports a malformed sitemap and carries on with the good one', () => {
    const errors = bySource(first, 'kabarfault').discoveryErrors;
    expect(errors.map((e) => e.url)).toContain(live('/sitemap-rusak.xml'));
  });

  it('waits out 429 Retry-After without spending its one retry, and retries timeouts, resets and 500s', () => {
    const asked = (p: string) => web.requests.filter((r) => r.path === p).map((r) => r.status);
    expect(asked(FAULT_PATHS.throttled)).toEqual([429, 429, 200]);
    expect(asked(FAULT_PATHS.flaky500)).toEqual([500, 200]);
    expect(asked(FAULT_PATHS.reset)).toEqual([0, 200]);
    expect(asked(FAULT_PATHS.slow).at(-1)).toBe(200);
    expect(asked(FAULT_PATHS.always500)).toEqual([500, 500]);
  });

  it('decodes a windows-1252 page declared only in <meta>, and survives a header that lies about the charset', async () => {
    const docs = await documents();
    const latin = docs.find((d) => d.url === live(FAULT_PATHS.latin1))!;
    expect(latin.body).toContain('kafé alun-alun naik menjadi Rp 15.000 per gelas – kata');
    const wrong = docs.find((d) => d.url === live(FAULT_PATHS.wrongCharset))!;
    expect(wrong.title).toBe('Header yang salah menyebut charset');
    expect(docs.some((d) => d.url === live(FAULT_PATHS.malformed))).toBe(true);
  });

  it('flags the syndicated copy as a near-duplicate of the original, and keeps only one of two identical pages', async () => {
    const docs = await documents();
    const original = docs.find((d) => d.url === live('/berita/biasa-1'))!;
    const syndicated = docs.find((d) => d.url === live(FAULT_PATHS.syndicated))!;
    const pair = [original, syndicated];
    expect(pair.filter((d) => d.nearDuplicateOf).map((d) => d.nearDuplicateOf)).toHaveLength(1);
    const flagged = pair.find((d) => d.nearDuplicateOf)!;
    expect(flagged.nearDuplicateOf).toBe(pair.find((d) => d !== flagged)!.id);
    expect(docs.filter((d) => d.id !== original.id && d.id !== syndicated.id).every((d) => !d.nearDuplicateOf)).toBe(true);
    const copies = [live('/berita/biasa-2'), live(FAULT_PATHS.exactCopy)];
    expect(docs.filter((d) => copies.includes(d.url))).toHaveLength(1);
  });

  it('archives every indexed page: the WARC record at the document location holds the bytes it was extracted from', async () => {
    for (const doc of await documents()) {
      expect(doc.warc, doc.url).toBeDefined();
      const archived = await archive.read(doc.warc!);
      expect(archived.url).toBe(doc.url);
      expect(archived.status).toBe(200);
      expect(await sha256Hex(decodeBody(archived.body, archived.headers.get('content-type')).text)).toBe(doc.contentHash);
      expect(doc.extractorVersion).toMatch(/^\d+\.\d+\.\d+$/);
    }
  });
});

describe('a second crawl over the same state', () => {
  let second: CrawlReport;
  let requestsBefore: number;

  beforeAll(async () => {
    web.remove(FAULT_PATHS.removable);
    requestsBefore = web.requests.length;
    second = await crawl();
  }, 60_000);

  it('sends conditional requests and changes nothing that did not change', async () => {
    const report = bySource(second, 'kabarfault');
    expect(report.new).toBe(0);
    expect(report.updated).toBe(0);
    // Pages with ETags answer 304; the rest come back whole but hash the same.
    expect(report.notModified).toBe(8); // 6 plain, the skipped exact copy, the syndicated page
    expect(report.unchanged).toBe(15);
    const conditional = web.requests.slice(requestsBefore).filter((r) => r.path === '/berita/biasa-1');
    expect(conditional[0]?.headers['if-none-match']).toMatch(/^"/);
    expect(await documents()).toHaveLength(15);
  });

  it('keeps an article the outlet removed, searchable and flagged with the time it disappeared', async () => {
    expect(bySource(second, 'kabarfault').gone).toBe(1);
    const id = await articleIdFromUrl(live(FAULT_PATHS.removable));
    const doc = await meili.adminClient.index(indexUid).getDocument<ArticleDocument>(id);
    expect(doc.goneAt).toBeGreaterThan(Date.now() / 1000 - 120);
    expect(doc.title).toBe('Berita yang kelak dihapus redaksi');
    const hits = await meili.adminClient.index(indexUid).search('kelak dihapus redaksi');
    expect(hits.hits.map((h) => h.id)).toContain(id);
    expect((await state.getUrl(live(FAULT_PATHS.removable)))?.status).toBe('gone');
  });

  it('does not flag a removed article again on the next run', async () => {
    const id = await articleIdFromUrl(live(FAULT_PATHS.removable));
    const goneAt = (await meili.adminClient.index(indexUid).getDocument<ArticleDocument>(id)).goneAt;
    const third = bySource(await crawl(), 'kabarfault');
    expect(third.gone).toBe(0);
    expect(third.unchanged).toBe(16); // the 15 of the second run, and the removed page, still gone
    expect((await meili.adminClient.index(indexUid).getDocument<ArticleDocument>(id)).goneAt).toBe(goneAt);
  }, 60_000);
});
