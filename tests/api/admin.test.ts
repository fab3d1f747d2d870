/**
 * Admin routes and the crawl scheduler behind them: bearer token (401/403, 404 when none is configured), a
 * crawl started through the API against the offline sites, the run listed with per-source counts, and runs
 * that never overlap, whether started by hand or by the cron schedule.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { crawlIntoIndex } from '../../crawler/crawl-into-index.ts';
import { SOURCES } from '../../crawler/sources/index.ts';
import { MemoryCrawlState } from '../../crawler/state/memory-state.ts';
import { applyIndexConfig } from '../../index-config/apply.ts';
import { createApp } from '../../src/app.ts';
import { CrawlScheduler } from '../../src/runtime/node/scheduler.ts';
import { ArticleSearch } from '../../src/search/meilisearch.ts';
import { startFixtureWeb, type FixtureWeb } from '../fixtures/server.ts';
import { testMeili, type TestMeili } from '../helpers/meilisearch.ts';

const TOKEN = 'admin-token-for-tests-0123456789';
let web: FixtureWeb;
let meili: TestMeili;
let indexUid: string;
let scheduler: CrawlScheduler;
const state = new MemoryCrawlState();

function appWith(admin: Parameters<typeof createApp>[0]['admin']) {
  const search = new ArticleSearch({ url: meili.url, searchKey: meili.masterKey, indexUid, timeoutMillis: 5000 });
  return createApp({ search, ...(admin ? { admin } : {}) });
}

beforeAll(async () => {
  web = await startFixtureWeb();
  meili = testMeili();
  indexUid = meili.uniqueIndexUid('admin');
  await applyIndexConfig(meili.adminClient, { indexUid });
  scheduler = new CrawlScheduler({
    cron: null,
    log: () => {},
    crawl: (trigger, runId) =>
      crawlIntoIndex({
        sources: SOURCES.filter((s) => s.id === 'beritain'),
        adminClient: meili.adminClient,
        indexUid,
        state,
        trigger,
        runId,
        fetcher: { userAgent: 'ArsipBantenTest/0.1 (+http://127.0.0.1/)', originMap: web.origins, perHostDelayMillis: 0, retries: 0 },
      }),
  });
});

afterAll(async () => {
  await scheduler?.stop();
  await web?.close();
  await meili?.cleanup();
});

const adminDeps = () => ({ token: TOKEN, startCrawl: () => scheduler.trigger('admin'), recentRuns: (limit: number) => state.recentRuns(limit) });
const auth = { Authorization: `Bearer ${TOKEN}` };

describe('admin routes: access', () => {
  it('do not exist without a configured token', async () => {
    for (const app of [appWith(undefined), appWith({ ...adminDeps(), token: null })]) {
      const res = await app.request('/admin/crawls', { headers: auth });
      expect(res.status).toBe(404);
      expect((await res.json()).error.code).toBe('not_found');
    }
  });

  it('answer 401 without a bearer token and 403 with a wrong one, in the API error shape', async () => {
    const app = appWith(adminDeps());
    const none = await app.request('/admin/crawls');
    expect(none.status).toBe(401);
    expect(none.headers.get('www-authenticate')).toMatch(/^Bearer/);
    expect(await none.json()).toEqual({ error: { code: 'unauthorized', message: expect.stringContaining('Expected an Authorization: Bearer') } });
    const basic = await app.request('/admin/crawls', { headers: { Authorization: `Basic ${btoa(`x:${TOKEN}`)}` } });
    expect(basic.status).toBe(401);
    for (const wrong of [`${TOKEN}x`, TOKEN.slice(0, -1), 'short']) {
      const res = await app.request('/admin/crawls', { method: 'POST', headers: { Authorization: `Bearer ${wrong}` } });
      expect(res.status).toBe(403);
      expect((await res.json()).error.code).toBe('forbidden');
    }
    expect(scheduler.runningRunId).toBeNull();
  });

  it('validate the run limit', async () => {
    const res = await appWith(adminDeps()).request('/admin/crawls?limit=0', { headers: auth });
    expect(res.status).toBe(400);
    expect((await res.json()).error.details).toEqual([{ param: 'limit', message: 'expected an integer from 1 to 100' }]);
  });
});

describe('admin routes: crawls', () => {
  it('start a crawl, refuse a second one while it runs, then list it with per-source counts', async () => {
    const app = appWith(adminDeps());
    const started = await app.request('/admin/crawls', { method: 'POST', headers: auth });
    expect(started.status).toBe(202);
    const { runId } = await started.json();
    expect(runId).toMatch(/^[0-9a-f-]{36}$/);
    const again = await app.request('/admin/crawls', { method: 'POST', headers: auth });
    expect(again.status).toBe(409);
    expect((await again.json()).error.code).toBe('crawl_running');

    await scheduler.idle();
    const listed = await app.request('/admin/crawls?limit=5', { headers: auth });
    expect(listed.status).toBe(200);
    const { runs } = await listed.json();
    expect(runs[0]).toMatchObject({ id: runId, trigger: 'admin', status: 'finished', error: null });
    const source = runs[0].report.sources[0];
    expect(source).toMatchObject({ source: 'beritain', discovered: 11, fetched: 11, unchanged: 0, new: 11, updated: 0, disallowed: 0, failed: [] });

    const second = await app.request('/admin/crawls', { method: 'POST', headers: auth });
    expect(second.status).toBe(202);
    await scheduler.idle();
    const latest = (await (await app.request('/admin/crawls', { headers: auth })).json()).runs;
    expect(latest).toHaveLength(2);
    expect(latest[0].report.sources[0]).toMatchObject({ new: 0, unchanged: 11, notModified: 11 });
  }, 60_000);
});

describe('CrawlScheduler', () => {
  it('runs on its cron schedule and never lets two runs overlap', async () => {
    let running = 0;
    let maxRunning = 0;
    let runs = 0;
    const skipped: string[] = [];
    const ticking = new CrawlScheduler({
      cron: '* * * * * *', // every second
      log: (line) => skipped.push(line),
      crawl: async () => {
        running++;
        runs++;
        maxRunning = Math.max(maxRunning, running);
        await new Promise((resolve) => setTimeout(resolve, 1600)); // longer than the tick
        running--;
        return { startedAt: '', finishedAt: '', sources: [] };
      },
    });
    ticking.start();
    await new Promise((resolve) => setTimeout(resolve, 3500));
    await ticking.stop();
    expect(runs).toBeGreaterThanOrEqual(1);
    expect(runs).toBeLessThanOrEqual(2);
    expect(maxRunning).toBe(1);
    expect(skipped.some((line) => line.startsWith('Scheduled crawl skipped: another crawl is still running'))).toBe(true);
  });

  it('refuses a cron expression it cannot read, naming it', () => {
    expect(() => new CrawlScheduler({ cron: '61 * * * *', log: () => {}, crawl: async () => ({ startedAt: '', finishedAt: '', sources: [] }) })).toThrow(
      'Expected ARSIP_CRAWL_SCHEDULE to be a cron expression, received "61 * * * *"',
    );
  });
});
