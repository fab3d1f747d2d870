/**
 * The Worker in workerd, end to end: a cron trigger opens a run, the queue fans it out into discovery and page
 * jobs, the jobs crawl the offline outlet sites into the real test Meilisearch (state in D1, pages in R2), and
 * `/search` answers from the Worker. Also measures what one full crawl costs: invocations, queue messages,
 * subrequests and the longest wall time of one invocation (workerd reports no CPU time locally).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyIndexConfig } from '../../index-config/apply.ts';
import { ensureSearchKey } from '../../index-config/keys.ts';
import { SOURCES } from '../../crawler/sources/index.ts';
import { loadGold } from '../fixtures/gold.ts';
import { startFixtureWeb, type FixtureWeb } from '../fixtures/server.ts';
import { testMeili, type TestMeili } from '../helpers/meilisearch.ts';
import { bundleWorker, startLocalWorker, waitFor, type InvocationLog, type LocalWorker, type WorkerBundle } from './worker-harness.ts';

const gold = loadGold();
const seed = gold.find((g) => g.url.includes('cmm-studi-tiru'))!;
const ADMIN_TOKEN = 'worker-test-admin-token-0123456789';
const BACKFILL_CRON = '30 19 * * *';
const FRESH_CRON = '*/15 * * * *';
const MAX_SUBREQUESTS = 50;

let web: FixtureWeb;
let meili: TestMeili;
let indexUid: string;
let bundle: WorkerBundle;
let worker: LocalWorker;
/** Log lines of the first (full) crawl only. */
let firstCrawl: InvocationLog[];

interface RunSummary {
  id: string;
  status: string;
  error: string | null;
  report: { sources: Array<{ source: string; indexed: number; failed: unknown[]; indexFailed: unknown[]; discovered: number }> } | null;
}

async function runs(): Promise<RunSummary[]> {
  const res = await worker.fetch('/admin/crawls?limit=10', { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } });
  expect(res.status).toBe(200);
  return ((await res.json()) as { runs: RunSummary[] }).runs;
}

/** Fires a cron and waits until the run it opened has finished (its last job done). */
async function crawlBy(cron: string): Promise<RunSummary> {
  const before = worker.logs.length;
  await worker.cron(cron);
  const opened = worker.logs.slice(before).find((line) => line.event === 'arsip.cron');
  if (!opened?.started) throw new Error(`Expected the cron to open a run, received ${JSON.stringify(opened)}`);
  return waitFor(
    `run ${String(opened.runId)} to finish`,
    async () => (await runs()).find((run) => run.id === opened.runId && run.status !== 'running'),
    120_000,
    1000, // seldom: each poll is a request to the Worker, whose CPU time would count against the invocations
  );
}

async function documentCount(): Promise<number> {
  await meili.adminClient.tasks.waitForTasks({ indexUids: [indexUid] } as never).catch(() => undefined);
  return (await meili.adminClient.index(indexUid).getStats()).numberOfDocuments;
}

beforeAll(async () => {
  web = await startFixtureWeb();
  meili = testMeili();
  indexUid = meili.uniqueIndexUid('worker');
  await applyIndexConfig(meili.adminClient, { indexUid });
  const { key: searchKey } = await ensureSearchKey(meili.adminClient, { indexUids: [`${indexUid}*`], name: `worker-search-${indexUid}` });
  // The crawl's key can write documents and read tasks, nothing else: what the README asks for in production.
  const writer = await meili.adminClient.createKey({ actions: ['documents.add', 'tasks.get'], indexes: [indexUid], expiresAt: null, description: 'worker test writer' });
  meili.trackKey(writer.uid);
  bundle = await bundleWorker();
  worker = await startLocalWorker(bundle, {
    MEILISEARCH_URL: meili.url,
    MEILISEARCH_INDEX: indexUid,
    MEILISEARCH_SEARCH_KEY: searchKey,
    MEILISEARCH_ADMIN_KEY: writer.key,
    ARSIP_ADMIN_TOKEN: ADMIN_TOKEN,
    ARSIP_ORIGIN_MAP: JSON.stringify(web.origins),
    ARSIP_SOURCES: SOURCES.filter((s) => s.origin in web.origins).map((s) => s.id).join(','),
    ARSIP_CRAWL_DELAY_MS: '0',
    ARSIP_MAX_SUBREQUESTS: String(MAX_SUBREQUESTS),
    ARSIP_USER_AGENT: 'ArsipBantenTest/0.1 (+http://127.0.0.1/)',
  });
  const run = await crawlBy(BACKFILL_CRON);
  firstCrawl = [...worker.logs];
  if (run.status !== 'finished') throw new Error(`Expected the first run to finish, received ${run.status}: ${run.error}`);
}, 240_000);

afterAll(async () => {
  await worker?.dispose();
  await bundle?.remove();
  await web?.close();
  await meili?.cleanup();
});

describe('the Worker crawls through the queue and serves search', () => {
  it('indexes every gold article once, with no failures, from one cron trigger', async () => {
    const [run] = await runs();
    expect(run!.status).toBe('finished');
    expect(run!.error).toBeNull();
    for (const source of run!.report!.sources) {
      expect(source.failed, `${source.source}: ${JSON.stringify(source.failed.slice(0, 2))}`).toEqual([]);
      expect(source.indexFailed, `${source.source}: ${JSON.stringify(source.indexFailed.slice(0, 2))}`).toEqual([]);
    }
    expect(run!.report!.sources.reduce((n, s) => n + s.indexed, 0)).toBe(gold.length);
    expect(await documentCount()).toBe(gold.length);
  });

  it('answers /search from the Worker with the seed article and its metadata', async () => {
    const res = await worker.fetch('/search?q=Cilegon%20Metal%20Manufaktur');
    expect(res.status).toBe(200);
    const page = (await res.json()) as { hits: Array<{ id: string; url: string; city: string; authors: string[] }>; totalHits: number };
    expect(page.hits[0]!.url).toBe(seed.url);
    expect(page.hits[0]!.city).toBe('Kota Cilegon');
    expect(page.hits[0]!.authors).toEqual(['Sari']);
    const all = (await (await worker.fetch('/search?perPage=1')).json()) as { totalHits: number };
    expect(all.totalHits).toBe(gold.length);
  });

  it('serves the archived page from R2', async () => {
    const hit = ((await (await worker.fetch('/search?q=Cilegon%20Metal%20Manufaktur')).json()) as { hits: Array<{ id: string }> }).hits[0]!;
    const article = (await (await worker.fetch(`/articles/${hit.id}`)).json()) as { warc?: { file: string; offset: number; length: number } };
    expect(article.warc?.file).toMatch(/^warc\/beritain\.co\.id\/[0-9a-f]{32}-[0-9a-f]{16}\.warc\.gz$/);
    const res = await worker.fetch(`/articles/${hit.id}/archived`);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('Cilegon Metal Manufaktur');
  });

  it('keeps every invocation within its subrequest budget and reports what the crawl cost', () => {
    const jobs = firstCrawl.filter((line) => line.event === 'arsip.job');
    const crons = firstCrawl.filter((line) => line.event === 'arsip.cron');
    expect(jobs.every((line) => (line.subrequests as number) <= MAX_SUBREQUESTS)).toBe(true);
    expect(jobs.filter((line) => line.status === 'retry')).toEqual([]);
    const messages = crons.reduce((n, line) => n + (line.jobs as number), 0) + jobs.reduce((n, line) => n + ((line.enqueued as number) ?? 0), 0);
    // Every message sent was consumed exactly once: one invocation each (max_batch_size = 1).
    expect(jobs).toHaveLength(messages);
    const longest = [...firstCrawl].sort((a, b) => (b.wallMillis as number) - (a.wallMillis as number))[0]!;
    const summary = {
      bundleBytes: bundle.bytes,
      invocations: crons.length + jobs.length,
      cronInvocations: crons.length,
      queueInvocations: jobs.length,
      queueMessages: messages,
      discoverJobs: jobs.filter((line) => line.kind === 'discover').length,
      pagesJobs: jobs.filter((line) => line.kind === 'pages').length,
      maxSubrequests: Math.max(...firstCrawl.map((line) => line.subrequests as number)),
      totalSubrequests: firstCrawl.reduce((n, line) => n + (line.subrequests as number), 0),
      longestWallMillis: longest.wallMillis,
      wallMillisByInvocation: firstCrawl.map((line) => line.wallMillis),
      maxWorkerdCpuMillis: Math.max(...firstCrawl.map((line) => line.workerdCpuMillis ?? Number.NaN)),
      workerdCpuMillisByInvocation: firstCrawl.map((line) => line.workerdCpuMillis),
      longestInvocation: `${String(longest.event)} ${String(longest.kind ?? '')} ${String(longest.jobId ?? longest.cron)}`,
    };
    console.log(`Worker crawl of the fixture web: ${JSON.stringify(summary)}`);
    expect(summary.pagesJobs).toBeGreaterThanOrEqual(Math.ceil(gold.length / 8));
  });

  it('does nothing twice: a redelivered job is acknowledged without work', async () => {
    const done = firstCrawl.find((line) => line.event === 'arsip.job' && line.kind === 'pages' && line.status === 'done')!;
    const producer = await worker.mf.getQueueProducer('CRAWL_QUEUE');
    const runId = String(done.jobId).split(':')[0]!;
    const before = worker.logs.length;
    await producer.send({ kind: 'pages', jobId: done.jobId, runId, source: done.source, urls: [seed.url], crawlDelayMillis: null });
    const line = await waitFor('the redelivered job to be handled', async () => worker.logs.slice(before).find((l) => l.jobId === done.jobId), 30_000);
    expect(line.status).toBe('duplicate');
    expect(line.subrequests).toBeLessThanOrEqual(3);
    expect(await documentCount()).toBe(gold.length);
  });

  it('a fresh (news) run finds nothing new and leaves the index as it was', async () => {
    const before = worker.logs.length;
    const run = await crawlBy(FRESH_CRON);
    expect(run.status).toBe('finished');
    const jobs = worker.logs.slice(before).filter((line) => line.event === 'arsip.job');
    expect(jobs.filter((line) => line.kind === 'pages')).toEqual([]);
    expect(run.report!.sources.reduce((n, s) => n + s.indexed, 0)).toBe(0);
    expect(await documentCount()).toBe(gold.length);
  });

  it('refuses a second run while one is running', async () => {
    const first = await worker.fetch('/admin/crawls', { method: 'POST', headers: { authorization: `Bearer ${ADMIN_TOKEN}` } });
    expect(first.status).toBe(202);
    const second = await worker.fetch('/admin/crawls', { method: 'POST', headers: { authorization: `Bearer ${ADMIN_TOKEN}` } });
    expect(second.status).toBe(409);
    const { runId } = (await first.json()) as { runId: string };
    await waitFor(`run ${runId} to finish`, async () => (await runs()).find((run) => run.id === runId && run.status !== 'running'), 120_000);
    expect(await documentCount()).toBe(gold.length);
  }, 150_000);
});
