/**
 * SIGKILL the crawler in the middle of a run, run it again: no article lost, none duplicated. Then a third run
 * with nothing changed on the sites: only conditional requests, all answered 304.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FsArchiveStore } from '../../crawler/archive/fs-archive.ts';
import type { CrawlReport } from '../../crawler/run.ts';
import { SOURCES } from '../../crawler/sources/index.ts';
import { SqliteCrawlState } from '../../crawler/state/sqlite-state.ts';
import type { ArticleDocument } from '../../src/article.ts';
import { loadGold } from '../fixtures/gold.ts';
import { startFixtureWeb, type FixtureWeb } from '../fixtures/server.ts';
import { testMeili, type TestMeili } from '../helpers/meilisearch.ts';
import { runCrawlCli, type CliEnv } from './crawl-cli.ts';

const gold = loadGold();
let web: FixtureWeb;
let meili: TestMeili;
let dataDir: string;
let env: CliEnv;

beforeAll(async () => {
  web = await startFixtureWeb();
  meili = testMeili();
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'arsip-crash-'));
  env = {
    meiliUrl: meili.url,
    masterKey: meili.masterKey,
    indexUid: meili.uniqueIndexUid('crash'),
    dataDir,
    originMap: web.origins,
    sources: SOURCES.filter((s) => s.origin in web.origins).map((s) => s.id),
    // Slow enough that the other outlets are still being fetched when the first batch is indexed.
    delayMillis: 40,
  };
});

afterAll(async () => {
  await web?.close();
  await meili?.cleanup();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

async function indexedDocuments(): Promise<ArticleDocument[]> {
  return (await meili.adminClient.index(env.indexUid).getDocuments<ArticleDocument>({ limit: 1000, fields: ['id', 'url'] })).results;
}

function finalReport(events: Array<Record<string, unknown>>): CrawlReport {
  const line = events.find((e) => e.type === 'report');
  expect(line, 'the run printed a report').toBeDefined();
  return line!.report as CrawlReport;
}

const total = (report: CrawlReport, key: 'new' | 'updated' | 'unchanged' | 'notModified' | 'indexed' | 'fetched') =>
  report.sources.reduce((sum, s) => sum + s[key], 0);

describe('a crawl killed with SIGKILL and run again', () => {
  let killedAfterPages = 0;
  let indexedBeforeKill = 0;

  it('is killed mid-run, after its first index write', async () => {
    const run = runCrawlCli(env, ['--json'], (event, self) => {
      if (event.type === 'indexed' && (event.count as number) > 0 && !self.child.killed) {
        killedAfterPages = self.events.filter((e) => e.type === 'page').length;
        self.child.kill('SIGKILL');
      }
    });
    const exit = await run.exited;
    expect(exit.signal, run.otherLines.join('\n')).toBe('SIGKILL');
    expect(run.events.some((e) => e.type === 'report')).toBe(false);
    indexedBeforeKill = (await indexedDocuments()).length;
    expect(killedAfterPages).toBeGreaterThan(0);
    expect(indexedBeforeKill).toBeLessThan(gold.length);
  }, 60_000);

  it('resumes: every gold article indexed exactly once, nothing lost', async () => {
    const run = runCrawlCli(env);
    const exit = await run.exited;
    expect(exit.code, run.otherLines.join('\n')).toBe(0);
    const report = finalReport(run.events);
    const docs = await indexedDocuments();
    expect(docs).toHaveLength(gold.length);
    expect(new Set(docs.map((d) => d.url))).toEqual(new Set(gold.map((g) => g.url)));
    // What the killed run had indexed is recognised (304 or same text); the rest is new now.
    expect(total(report, 'new') + total(report, 'updated') + total(report, 'unchanged')).toBe(gold.length);
    expect(total(report, 'unchanged')).toBeGreaterThanOrEqual(indexedBeforeKill);
    console.log(
      `crash-and-resume: killed after ${killedAfterPages} pages with ${indexedBeforeKill} documents indexed; ` +
        `the rerun found ${total(report, 'unchanged')} unchanged, ${total(report, 'new')} new; index holds ${docs.length}/${gold.length}`,
    );
  }, 60_000);

  it('a run with nothing changed sends only conditional requests for articles and gets 304 for each', async () => {
    const before = web.requests.length;
    const run = runCrawlCli(env);
    expect((await run.exited).code, run.otherLines.join('\n')).toBe(0);
    const report = finalReport(run.events);
    const requests = web.requests.slice(before);
    const notModified = requests.filter((r) => r.status === 304).length;
    expect(total(report, 'notModified')).toBe(gold.length);
    expect(notModified).toBe(gold.length);
    expect(total(report, 'new') + total(report, 'updated')).toBe(0);
    console.log(`rerun with nothing changed: ${requests.length} requests, ${notModified} answered 304 (the rest: robots, sitemaps, feeds, listings)`);
  }, 60_000);

  it('leaves a state and an archive that agree with the index, torn WARC tail or not', async () => {
    const state = new SqliteCrawlState(path.join(dataDir, 'crawl-state.sqlite'));
    const archive = new FsArchiveStore({ dir: path.join(dataDir, 'archive') });
    try {
      const documents = await state.listDocuments();
      expect(new Set(documents.map((d) => d.documentId)).size).toBe(gold.length);
      const archivedUrls = new Set<string>();
      for await (const response of archive.responses()) archivedUrls.add(response.url);
      for (const g of gold) expect(archivedUrls.has(g.url), g.url).toBe(true);
      const runs = await state.recentRuns(10);
      expect(runs.map((r) => r.status)).toEqual(['finished', 'finished', 'running']); // the killed run never finished
    } finally {
      await state.close();
      await archive.close();
    }
  });
});
