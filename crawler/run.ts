/**
 * One crawl: for each source, discover article URLs, fetch them politely, extract, and write the
 * documents to the index in batches. Runtime-neutral: the caller hands in the fetcher, the robots
 * cache and the sink, so the same function runs from the Node CLI and from a Worker.
 */
import type { ArticleDocument } from '../src/article.ts';
import { discoverArticleUrls } from './discover/index.ts';
import type { RobotsCache } from './discover/robots.ts';
import { extractArticle } from './extract/index.ts';
import type { Fetcher } from './fetch-page.ts';
import type { SourceDefinition } from './sources/types.ts';

/** Where extracted articles go: Meilisearch in production (index-config/documents.ts). */
export interface ArticleSink {
  write(documents: ArticleDocument[]): Promise<{ failed: Array<{ id: string; error: string }> }>;
}

export interface SourceReport {
  source: string;
  discovered: number;
  fetched: number;
  extracted: number;
  indexed: number;
  disallowed: number;
  /** Pages that were fetched but are not articles (or duplicates of another URL), with the reason. */
  skipped: Array<{ url: string; reason: string }>;
  /** Pages that could not be fetched, with the error. */
  failed: Array<{ url: string; error: string }>;
  discoveryErrors: Array<{ url: string; error: string }>;
  indexFailed: Array<{ id: string; error: string }>;
  durationMillis: number;
}

export interface CrawlReport {
  startedAt: string;
  finishedAt: string;
  sources: SourceReport[];
}

export type CrawlEvent =
  | { type: 'source-start'; source: string }
  | { type: 'discovered'; source: string; count: number }
  | { type: 'page'; source: string; url: string; outcome: 'extracted' | 'skipped' | 'failed'; detail?: string }
  | { type: 'indexed'; source: string; count: number; failed: number }
  | { type: 'source-end'; source: string; report: SourceReport };

export interface RunCrawlOptions {
  sources: readonly SourceDefinition[];
  fetcher: Fetcher;
  robots: RobotsCache;
  sink: ArticleSink;
  userAgent: string;
  /** Only articles discovered as published on or after this day (listings and sitemaps that say so). */
  since?: Date;
  /** Cap per source per run: keeps a first crawl of a big archive bounded. */
  maxArticlesPerSource?: number;
  maxListingPages?: number;
  /** Documents per index write; Meilisearch prefers fewer, larger batches. */
  batchSize?: number;
  signal?: AbortSignal;
  onEvent?: (event: CrawlEvent) => void;
  now?: () => Date;
}

export async function runCrawl(options: RunCrawlOptions): Promise<CrawlReport> {
  const now = options.now ?? (() => new Date());
  const startedAt = now();
  const reports: SourceReport[] = [];
  for (const source of options.sources) {
    options.signal?.throwIfAborted();
    reports.push(await crawlSource(source, options, now));
  }
  return { startedAt: startedAt.toISOString(), finishedAt: now().toISOString(), sources: reports };
}

async function crawlSource(source: SourceDefinition, options: RunCrawlOptions, now: () => Date): Promise<SourceReport> {
  const began = Date.now();
  const emit = options.onEvent ?? (() => {});
  const report: SourceReport = {
    source: source.id,
    discovered: 0,
    fetched: 0,
    extracted: 0,
    indexed: 0,
    disallowed: 0,
    skipped: [],
    failed: [],
    discoveryErrors: [],
    indexFailed: [],
    durationMillis: 0,
  };
  emit({ type: 'source-start', source: source.id });

  const discovery = await discoverArticleUrls(source, options.fetcher, {
    userAgent: options.userAgent,
    robots: options.robots,
    ...(options.since ? { since: options.since } : {}),
    ...(options.maxListingPages !== undefined ? { maxListingPages: options.maxListingPages } : {}),
  });
  report.discoveryErrors = discovery.errors.map((e) => ({ url: e.url, error: e.message }));
  report.disallowed = discovery.disallowed.length;
  const urls = discovery.urls.slice(0, options.maxArticlesPerSource ?? Number.POSITIVE_INFINITY);
  report.discovered = urls.length;
  emit({ type: 'discovered', source: source.id, count: urls.length });

  const batchSize = options.batchSize ?? 100;
  const seenIds = new Set<string>();
  let pending: ArticleDocument[] = [];
  let writes = Promise.resolve();
  const flush = () => {
    if (pending.length === 0) return;
    const batch = pending;
    pending = [];
    // Writes are chained so batches land in order and one failure is reported, not lost.
    writes = writes.then(async () => {
      try {
        const { failed } = await options.sink.write(batch);
        report.indexFailed.push(...failed);
        report.indexed += batch.length - failed.length;
        emit({ type: 'indexed', source: source.id, count: batch.length - failed.length, failed: failed.length });
      } catch (error) {
        const message = errorMessage(error);
        report.indexFailed.push(...batch.map((d) => ({ id: d.id, error: message })));
        emit({ type: 'indexed', source: source.id, count: 0, failed: batch.length });
      }
    });
  };

  // The fetcher enforces global and per-host limits, so all pages can be queued at once.
  await Promise.all(
    urls.map(async ({ url }) => {
      if (options.signal?.aborted) return;
      let page;
      try {
        page = await options.fetcher.fetchPage(url, {
          accept: ['text/html', 'application/xhtml+xml'],
          ...(options.signal ? { signal: options.signal } : {}),
        });
      } catch (error) {
        report.failed.push({ url, error: errorMessage(error) });
        emit({ type: 'page', source: source.id, url, outcome: 'failed', detail: errorMessage(error) });
        return;
      }
      report.fetched += 1;
      const result = await extractArticle({ html: page.text, url: page.url, source, fetchedAt: page.fetchedAt ?? now() });
      if (!result.ok) {
        report.skipped.push({ url, reason: result.reason });
        emit({ type: 'page', source: source.id, url, outcome: 'skipped', detail: result.reason });
        return;
      }
      if (seenIds.has(result.article.id)) {
        report.skipped.push({ url, reason: `same canonical URL as another page: ${result.article.url}` });
        emit({ type: 'page', source: source.id, url, outcome: 'skipped', detail: 'duplicate canonical URL' });
        return;
      }
      seenIds.add(result.article.id);
      report.extracted += 1;
      emit({ type: 'page', source: source.id, url, outcome: 'extracted' });
      pending.push(result.article);
      if (pending.length >= batchSize) flush();
    }),
  );
  flush();
  await writes;
  report.durationMillis = Date.now() - began;
  emit({ type: 'source-end', source: source.id, report });
  return report;
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
