/**
 * The D1 backend of CrawlState and the queue's job ledger against Miniflare's D1 (workerd's SQLite, the engine
 * behind `wrangler dev`), driven from Node through Miniflare's binding proxy. The cases follow the shared
 * CrawlState contract (tests/crawler/state/crawl-state.contract.test.ts).
 */
import { readFileSync } from 'node:fs';
import { Miniflare } from 'miniflare';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emptySourceReport } from '../../crawler/run.ts';
import { newUrlRecord, type UrlRecord } from '../../crawler/state/crawl-state.ts';
import { JobLedger } from '../../crawler/queue/job-ledger.ts';
import type { PagesJob } from '../../crawler/queue/messages.ts';
import { applyD1Schema, D1CrawlState, D1_SCHEMA, schemaStatements, type D1DatabaseLike } from '../../crawler/state/d1-state.ts';

let mf: Miniflare;
let databases = 0;

beforeAll(async () => {
  mf = new Miniflare({
    modules: true,
    compatibilityDate: '2025-09-01',
    script: 'export default { fetch() { return new Response("unused"); } }',
    d1Databases: Object.fromEntries(Array.from({ length: 16 }, (_, i) => [`DB${i}`, `db-${i}`])),
  });
  await mf.ready;
}, 30_000);

afterAll(async () => {
  await mf?.dispose();
});

/** A fresh, migrated database per test. */
async function freshDb(): Promise<D1DatabaseLike> {
  const db = (await mf.getD1Database(`DB${databases++}`)) as unknown as D1DatabaseLike;
  await applyD1Schema(db);
  return db;
}

const indexed = (url: string, overrides: Partial<UrlRecord> = {}): UrlRecord => ({
  ...newUrlRecord(url, 'beritain', 1_700_000_000),
  status: 'indexed',
  etag: '"abc"',
  lastModified: 'Tue, 14 Oct 2025 02:30:00 GMT',
  contentHash: `hash-of-${url}`,
  simhash: '0123456789abcdef',
  documentId: `doc-${url.length}-${url.slice(-3)}`,
  lastFetchedAt: 1_700_000_100,
  ...overrides,
});

describe('D1CrawlState', () => {
  it('has the schema of the migration file wrangler applies', () => {
    const migration = readFileSync(new URL('../../migrations/0001_crawl_state.sql', import.meta.url), 'utf8');
    expect(schemaStatements(migration)).toEqual(schemaStatements(D1_SCHEMA));
  });

  it('stores and returns URL records field for field, overwrites on a second put, and counts its queries', async () => {
    let queries = 0;
    const state = new D1CrawlState(await freshDb(), { onQuery: () => queries++ });
    expect(await state.getUrl('https://a.id/x')).toBeNull();
    const record = indexed('https://a.id/x', { failures: 2, lastError: 'boom', goneSince: 1_700_000_500, status: 'gone' });
    await state.putUrls([record]);
    expect(await state.getUrl('https://a.id/x')).toEqual(record);
    await state.putUrls([{ ...record, etag: null, failures: 0 }]);
    expect(await state.getUrl('https://a.id/x')).toEqual({ ...record, etag: null, failures: 0 });
    expect(queries).toBe(5);
  });

  it('reads many URLs in one query per hundred', async () => {
    let queries = 0;
    const state = new D1CrawlState(await freshDb(), { onQuery: () => queries++ });
    const records = Array.from({ length: 150 }, (_, i) => indexed(`https://a.id/${i}`));
    await state.putUrls(records);
    queries = 0;
    const found = await state.getUrls([...records.map((r) => r.url), 'https://a.id/never', records[0]!.url]);
    expect(found.size).toBe(150);
    expect(found.get('https://a.id/149')).toEqual(records[149]);
    expect(found.has('https://a.id/never')).toBe(false);
    expect(queries).toBe(2);
  });

  it('finds another indexed URL by content hash, never the URL itself or one without a document', async () => {
    const state = new D1CrawlState(await freshDb());
    await state.putUrls([
      indexed('https://a.id/1', { contentHash: 'same' }),
      indexed('https://a.id/2', { contentHash: 'same', firstSeenAt: 1_800_000_000 }),
      { ...newUrlRecord('https://a.id/3', 'beritain', 1), status: 'skipped', contentHash: 'other' },
    ]);
    expect((await state.findIndexedByContentHash('same', 'https://a.id/2'))?.url).toBe('https://a.id/1');
    expect((await state.findIndexedByContentHash('same', 'https://a.id/9'))?.url).toBe('https://a.id/1');
    expect(await state.findIndexedByContentHash('other', 'https://a.id/9')).toBeNull();
  });

  it('lists URLs with documents, oldest first seen first', async () => {
    const state = new D1CrawlState(await freshDb());
    await state.putUrls([indexed('https://a.id/late', { firstSeenAt: 30 }), newUrlRecord('https://a.id/failed', 'beritain', 10), indexed('https://a.id/early', { firstSeenAt: 20 })]);
    expect((await state.listDocuments()).map((r) => r.url)).toEqual(['https://a.id/early', 'https://a.id/late']);
  });

  it('records runs, newest first, with their reports, and refuses to finish an unknown run', async () => {
    const state = new D1CrawlState(await freshDb());
    const report = { startedAt: '2026-01-01T00:00:00.000Z', finishedAt: '2026-01-01T00:01:00.000Z', sources: [emptySourceReport('beritain')] };
    await state.startRun({ id: 'r1', trigger: 'schedule', startedAt: '2026-01-01T00:00:00.000Z' });
    await state.startRun({ id: 'r2', trigger: 'admin', startedAt: '2026-01-02T00:00:00.000Z' });
    await state.finishRun('r1', { status: 'finished', finishedAt: '2026-01-01T00:01:00.000Z', report, error: null });
    const runs = await state.recentRuns(10);
    expect(runs.map((r) => [r.id, r.status, r.trigger])).toEqual([
      ['r2', 'running', 'admin'],
      ['r1', 'finished', 'schedule'],
    ]);
    expect(runs[1]!.report).toEqual(report);
    await expect(state.finishRun('nope', { status: 'failed', finishedAt: null, report: null, error: 'x' })).rejects.toThrow(/unknown id/);
  });

  it('applies the schema again without harm', async () => {
    const db = await freshDb();
    await new D1CrawlState(db).putUrls([indexed('https://a.id/kept')]);
    await applyD1Schema(db);
    expect((await new D1CrawlState(db).getUrl('https://a.id/kept'))?.etag).toBe('"abc"');
  });
});

describe('JobLedger', () => {
  const job = (n: number): PagesJob => ({ kind: 'pages', jobId: `run1:p:beritain:${n}`, runId: 'run1', source: 'beritain', urls: [], crawlDelayMillis: null });

  it('finishes the run with the merged report when its last job is done, once, whatever is redelivered', async () => {
    const db = await freshDb();
    const state = new D1CrawlState(db);
    const ledger = new JobLedger(db);
    await state.startRun({ id: 'run1', trigger: 'schedule', startedAt: '2026-01-01T00:00:00.000Z' });
    await ledger.add([job(0), job(1)]);
    await ledger.add([job(0)]); // a retried parent enqueues the same child again
    expect(await ledger.isDone(job(0).jobId)).toBe(false);
    const part = (indexed: number) => ({ ...emptySourceReport('beritain'), fetched: indexed, indexed, failed: [{ url: `u${indexed}`, error: 'e' }] });

    expect(await ledger.finish(job(0), part(3), state)).toBe(false);
    expect(await ledger.isDone(job(0).jobId)).toBe(true);
    expect(await ledger.finish(job(0), part(3), state)).toBe(false); // the duplicate changes nothing
    expect((await state.recentRuns(1))[0]!.status).toBe('running');

    expect(await ledger.finish(job(1), part(4), state)).toBe(true);
    const [run] = await state.recentRuns(1);
    expect(run!.status).toBe('finished');
    expect(run!.error).toBeNull();
    expect(run!.report!.sources).toHaveLength(1);
    expect(run!.report!.sources[0]).toMatchObject({ source: 'beritain', fetched: 7, indexed: 7 });
    expect(run!.report!.sources[0]!.failed.map((f) => f.url)).toEqual(['u3', 'u4']);
  });

  it('prunes finished jobs older than asked, never unfinished ones', async () => {
    const db = await freshDb();
    const state = new D1CrawlState(db);
    let now = new Date('2026-01-01T00:00:00Z');
    const ledger = new JobLedger(db, { now: () => now });
    await state.startRun({ id: 'run1', trigger: 'schedule', startedAt: now.toISOString() });
    await ledger.add([job(0), job(1)]);
    await ledger.finish(job(0), emptySourceReport('beritain'), state);
    now = new Date('2026-01-09T00:00:00Z');
    await ledger.prune(Math.floor(Date.parse('2026-01-02T00:00:00Z') / 1000));
    expect(await ledger.isDone(job(0).jobId)).toBe(false); // forgotten
    expect(await ledger.finish(job(1), emptySourceReport('beritain'), state)).toBe(true); // still tracked, ends the run
  });

  it('names jobs that ended in the dead-letter queue in the run', async () => {
    const db = await freshDb();
    const state = new D1CrawlState(db);
    const ledger = new JobLedger(db);
    await state.startRun({ id: 'run1', trigger: 'schedule', startedAt: '2026-01-01T00:00:00.000Z' });
    await ledger.add([job(0)]);
    expect(await ledger.finish(job(0), emptySourceReport('beritain'), state, 'dead-letter queue')).toBe(true);
    expect((await state.recentRuns(1))[0]!.error).toBe('1 jobs ended in the dead-letter queue');
  });
});
