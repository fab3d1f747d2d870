/**
 * A subrequest budget far below what a page job wants: jobs stop early and enqueue the URLs they did not reach
 * as continuations, and the crawl still ends with every article of the outlet indexed once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyIndexConfig } from '../../index-config/apply.ts';
import { ensureSearchKey } from '../../index-config/keys.ts';
import { loadGold } from '../fixtures/gold.ts';
import { startFixtureWeb, type FixtureWeb } from '../fixtures/server.ts';
import { testMeili, type TestMeili } from '../helpers/meilisearch.ts';
import { bundleWorker, startLocalWorker, waitFor, type LocalWorker, type WorkerBundle } from './worker-harness.ts';

const beritain = loadGold().filter((g) => g.url.startsWith('https://beritain.co.id/'));
const MAX_SUBREQUESTS = 24;
let web: FixtureWeb;
let meili: TestMeili;
let bundle: WorkerBundle;
let worker: LocalWorker;

beforeAll(async () => {
  web = await startFixtureWeb();
  meili = testMeili();
  const indexUid = meili.uniqueIndexUid('worker_budget');
  await applyIndexConfig(meili.adminClient, { indexUid });
  const { key } = await ensureSearchKey(meili.adminClient, { indexUids: [indexUid], name: `worker-budget-${indexUid}` });
  bundle = await bundleWorker();
  worker = await startLocalWorker(bundle, {
    MEILISEARCH_URL: meili.url,
    MEILISEARCH_INDEX: indexUid,
    MEILISEARCH_SEARCH_KEY: key,
    MEILISEARCH_ADMIN_KEY: meili.masterKey,
    ARSIP_ORIGIN_MAP: JSON.stringify(web.origins),
    ARSIP_SOURCES: 'beritain',
    ARSIP_CRAWL_DELAY_MS: '0',
    ARSIP_MAX_SUBREQUESTS: String(MAX_SUBREQUESTS),
  });
}, 120_000);

afterAll(async () => {
  await worker?.dispose();
  await bundle?.remove();
  await web?.close();
  await meili?.cleanup();
});

describe('a Worker on a tight subrequest budget', () => {
  it('continues page jobs in new messages and still indexes every article once', async () => {
    await worker.cron('30 19 * * *');
    await waitFor('the run to finish', async () => worker.logs.find((line) => line.runFinished === true), 120_000, 500);
    const jobs = worker.logs.filter((line) => line.event === 'arsip.job');
    expect(jobs.filter((line) => line.status === 'retry')).toEqual([]);
    expect(jobs.every((line) => (line.subrequests as number) <= MAX_SUBREQUESTS)).toBe(true);
    const continuations = jobs.filter((line) => String(line.jobId).includes('+'));
    expect(continuations.length).toBeGreaterThan(0);
    const page = (await (await worker.fetch('/search?perPage=1&outlet=Beritain.co.id')).json()) as { totalHits: number };
    expect(page.totalHits).toBe(beritain.length);
    expect(jobs.reduce((n, line) => n + (line.indexed as number), 0)).toBe(beritain.length);
  });
});
