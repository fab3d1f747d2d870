/**
 * Wires a crawl to a Meilisearch index: the fetcher, the robots cache and a sink that upserts
 * documents and waits for Meilisearch's tasks. Shared by the Node CLI, `npm start`, the demo and
 * (later) the Worker: runtime-specific code only decides the options.
 */
import type { Meilisearch } from 'meilisearch';
import { upsertDocuments } from '../index-config/documents.ts';
import { RobotsCache } from './discover/robots.ts';
import { createFetcher, type FetcherOptions } from './fetch-page.ts';
import { runCrawl, type ArticleSink, type CrawlReport, type RunCrawlOptions } from './run.ts';
import type { SourceDefinition } from './sources/types.ts';

export interface CrawlIntoIndexOptions extends Omit<RunCrawlOptions, 'fetcher' | 'robots' | 'sink' | 'sources' | 'userAgent'> {
  sources: readonly SourceDefinition[];
  /** A client with write access (master or admin key): server side only. */
  adminClient: Meilisearch;
  indexUid: string;
  fetcher: FetcherOptions;
}

export async function crawlIntoIndex(options: CrawlIntoIndexOptions): Promise<CrawlReport> {
  const { adminClient, indexUid, fetcher: fetcherOptions, ...rest } = options;
  const sink: ArticleSink = {
    async write(documents) {
      const result = await upsertDocuments(adminClient, indexUid, documents);
      return {
        failed: result.failedBatches.flatMap((batch) => batch.ids.map((id) => ({ id, error: batch.error }))),
      };
    },
  };
  return runCrawl({
    ...rest,
    userAgent: fetcherOptions.userAgent,
    fetcher: createFetcher(fetcherOptions),
    robots: new RobotsCache(),
    sink,
  });
}

/** One line per source, then the first few problems of each kind, for logs and the CLI's report. */
export function summariseReport(report: CrawlReport, maxDetails = 3): string[] {
  const lines: string[] = [];
  for (const s of report.sources) {
    lines.push(
      `${s.source}: discovered ${s.discovered}, fetched ${s.fetched}, indexed ${s.indexed}, skipped ${s.skipped.length}, ` +
        `failed ${s.failed.length}, disallowed ${s.disallowed}, index errors ${s.indexFailed.length}, discovery errors ${s.discoveryErrors.length} ` +
        `(${(s.durationMillis / 1000).toFixed(1)} s)`,
    );
    const details: Array<[string, Array<{ url?: string; id?: string; error?: string; reason?: string }>]> = [
      ['discovery error', s.discoveryErrors],
      ['fetch failed', s.failed],
      ['index error', s.indexFailed],
      ['skipped', s.skipped],
    ];
    for (const [label, items] of details) {
      for (const item of items.slice(0, maxDetails)) lines.push(`  ${label}: ${item.url ?? item.id} — ${item.error ?? item.reason}`);
      if (items.length > maxDetails) lines.push(`  … and ${items.length - maxDetails} more (${label})`);
    }
  }
  return lines;
}
