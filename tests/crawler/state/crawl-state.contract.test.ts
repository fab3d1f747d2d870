/**
 * One contract, every CrawlState backend: the in-memory one and SQLite (a D1 backend would join here).
 * The SQLite case also reopens its file, as a crawler restarted after a crash does.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { newUrlRecord, type CrawlState, type UrlRecord } from '../../../crawler/state/crawl-state.ts';
import { MemoryCrawlState } from '../../../crawler/state/memory-state.ts';
import { SqliteCrawlState } from '../../../crawler/state/sqlite-state.ts';
import type { CrawlReport } from '../../../crawler/run.ts';

const dirs: string[] = [];
afterAll(async () => {
  await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
});

async function sqliteFile(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'arsip-state-'));
  dirs.push(dir);
  return path.join(dir, 'nested', 'crawl-state.sqlite');
}

const backends: Array<[string, () => Promise<CrawlState>]> = [
  ['memory', async () => new MemoryCrawlState()],
  ['sqlite', async () => new SqliteCrawlState(await sqliteFile())],
];

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

const report: CrawlReport = { startedAt: '2026-01-01T00:00:00.000Z', finishedAt: '2026-01-01T00:01:00.000Z', sources: [] };

describe.each(backends)('CrawlState contract: %s', (_name, open) => {
  it('stores and returns URL records field for field, and overwrites on a second put', async () => {
    const state = await open();
    expect(await state.getUrl('https://a.id/x')).toBeNull();
    const record = indexed('https://a.id/x', { failures: 2, lastError: 'boom', goneSince: 1_700_000_500, status: 'gone' });
    await state.putUrls([record]);
    expect(await state.getUrl('https://a.id/x')).toEqual(record);
    await state.putUrls([{ ...record, etag: null, failures: 0 }]);
    expect(await state.getUrl('https://a.id/x')).toEqual({ ...record, etag: null, failures: 0 });
    await state.close();
  });

  it('finds another indexed URL by content hash, never the URL itself or one without a document', async () => {
    const state = await open();
    await state.putUrls([
      indexed('https://a.id/1', { contentHash: 'same' }),
      indexed('https://a.id/2', { contentHash: 'same', firstSeenAt: 1_800_000_000 }),
      { ...newUrlRecord('https://a.id/3', 'beritain', 1), status: 'skipped', contentHash: 'other' },
    ]);
    expect((await state.findIndexedByContentHash('same', 'https://a.id/2'))?.url).toBe('https://a.id/1');
    expect((await state.findIndexedByContentHash('same', 'https://a.id/9'))?.url).toBe('https://a.id/1');
    expect(await state.findIndexedByContentHash('other', 'https://a.id/9')).toBeNull();
    await state.close();
  });

  it('lists URLs with documents, oldest first seen first', async () => {
    const state = await open();
    await state.putUrls([
      indexed('https://a.id/late', { firstSeenAt: 30 }),
      newUrlRecord('https://a.id/failed', 'beritain', 10),
      indexed('https://a.id/early', { firstSeenAt: 20 }),
    ]);
    expect((await state.listDocuments()).map((r) => r.url)).toEqual(['https://a.id/early', 'https://a.id/late']);
    await state.close();
  });

  it('records runs, newest first, with their reports', async () => {
    const state = await open();
    await state.startRun({ id: 'r1', trigger: 'cli', startedAt: '2026-01-01T00:00:00.000Z' });
    await state.startRun({ id: 'r2', trigger: 'admin', startedAt: '2026-01-02T00:00:00.000Z' });
    await state.finishRun('r1', { status: 'finished', finishedAt: '2026-01-01T00:01:00.000Z', report, error: null });
    const runs = await state.recentRuns(10);
    expect(runs.map((r) => [r.id, r.status, r.trigger])).toEqual([
      ['r2', 'running', 'admin'],
      ['r1', 'finished', 'cli'],
    ]);
    expect(runs[1]!.report).toEqual(report);
    expect(await state.recentRuns(1)).toHaveLength(1);
    await expect(state.finishRun('nope', { status: 'failed', finishedAt: null, report: null, error: 'x' })).rejects.toThrow(/unknown id/);
    await state.close();
  });
});

describe('SqliteCrawlState', () => {
  it('keeps what was committed when the file is opened again', async () => {
    const file = await sqliteFile();
    const first = new SqliteCrawlState(file);
    await first.putUrls([indexed('https://a.id/kept')]);
    await first.close();
    const second = new SqliteCrawlState(file);
    expect((await second.getUrl('https://a.id/kept'))?.etag).toBe('"abc"');
    await second.close();
  });
});
