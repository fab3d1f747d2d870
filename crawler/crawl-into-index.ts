/**
 * Wires a crawl to a Meilisearch index: the fetcher, the robots cache and a sink that upserts documents and
 * waits for Meilisearch's tasks, retrying while the engine is unreachable. Shared by the Node CLI, `npm start`,
 * the demo and (later) the Worker: runtime-specific code only decides the options (state, archive).
 */
import type { Meilisearch } from 'meilisearch';
import type { Config } from '../src/config.ts';
import { upsertDocuments } from '../index-config/documents.ts';
import { meilisearchErrorStatus, waitForSuccess } from '../index-config/tasks.ts';
import { RobotsCache } from './discover/robots.ts';
import { createFetcher, type FetcherOptions } from './fetch-page.ts';
import { runCrawl, type ArticleSink, type CrawlReport, type RunCrawlOptions } from './run.ts';
import type { SourceDefinition } from './sources/types.ts';
import type { RunTrigger } from './state/crawl-state.ts';

export interface CrawlIntoIndexOptions extends Omit<RunCrawlOptions, 'fetcher' | 'robots' | 'sink' | 'sources' | 'userAgent'> {
  sources: readonly SourceDefinition[];
  /** A client with write access (master or admin key): server side only. */
  adminClient: Meilisearch;
  indexUid: string;
  fetcher: FetcherOptions;
  /** Reuse a cache across runs (the scheduler does), so robots.txt is read at most once per expiry. */
  robots?: RobotsCache;
  /**
   * Waits between attempts when Meilisearch cannot be reached (restarting, overloaded); after the last one the
   * batch is reported as failed and its pages are fetched again next run. Default ~1 minute in total.
   */
  indexRetryDelaysMillis?: number[];
  /** Recorded with the run in the state (admin route), when a state is given. */
  trigger?: RunTrigger;
  runId?: string;
}

const DEFAULT_INDEX_RETRY_DELAYS_MILLIS = [500, 1000, 2000, 4000, 8000, 15_000, 30_000];

export async function crawlIntoIndex(options: CrawlIntoIndexOptions): Promise<CrawlReport> {
  const { adminClient, indexUid, fetcher: fetcherOptions, robots, indexRetryDelaysMillis, trigger, runId, ...rest } = options;
  const retryDelays = indexRetryDelaysMillis ?? DEFAULT_INDEX_RETRY_DELAYS_MILLIS;
  const whileReachable = <T>(task: () => Promise<T>) => retryWhileUnreachable(task, retryDelays, options.signal);
  const sink: ArticleSink = {
    async write(documents) {
      const result = await whileReachable(() => upsertDocuments(adminClient, indexUid, documents));
      return {
        failed: result.failedBatches.flatMap((batch) => batch.ids.map((id) => ({ id, error: batch.error }))),
      };
    },
    async markGone(ids, goneAtSeconds) {
      // A partial update: only `goneAt` changes, the archived text stays searchable.
      const patch = ids.map((id) => ({ id, goneAt: goneAtSeconds }));
      await whileReachable(() => waitForSuccess(adminClient, adminClient.index(indexUid).updateDocuments(patch), `flagging ${ids.length} documents as gone`));
    },
  };
  const id = runId ?? crypto.randomUUID();
  const startedAt = new Date().toISOString();
  await options.state?.startRun({ id, trigger: trigger ?? 'cli', startedAt });
  try {
    const report = await runCrawl({
      ...rest,
      userAgent: fetcherOptions.userAgent,
      fetcher: createFetcher(fetcherOptions),
      robots: robots ?? new RobotsCache(),
      sink,
    });
    await options.state?.finishRun(id, { status: 'finished', finishedAt: new Date().toISOString(), report, error: null });
    return report;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    await options.state?.finishRun(id, { status: 'failed', finishedAt: new Date().toISOString(), report: null, error: message }).catch(() => {});
    throw error;
  }
}

/** The fetcher settings of a Config: one place for the CLI, `npm start` and the scheduler. */
export function fetcherOptionsFrom(config: Config, signal?: AbortSignal): FetcherOptions {
  return {
    userAgent: config.crawl.userAgent,
    originMap: config.crawl.originMap ?? {},
    globalConcurrency: config.crawl.globalConcurrency,
    perHostConcurrency: config.crawl.perHostConcurrency,
    perHostDelayMillis: config.crawl.perHostDelayMillis,
    timeoutMillis: config.crawl.timeoutMillis,
    maxBodyBytes: config.crawl.maxBodyBytes,
    ...(signal ? { signal } : {}),
  };
}

/** Runs `task`, retrying after each delay while the failure is an outage (no answer from Meilisearch at all). */
async function retryWhileUnreachable<T>(task: () => Promise<T>, delaysMillis: number[], signal?: AbortSignal): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await task();
    } catch (error) {
      const isOutage = meilisearchErrorStatus(error) === undefined && !(error instanceof Error && error.name === 'IndexTaskError');
      if (!isOutage || attempt >= delaysMillis.length || signal?.aborted) throw error;
      await new Promise((resolve) => setTimeout(resolve, delaysMillis[attempt]));
    }
  }
}

/** One line per source, then the first few problems of each kind, for logs and the CLI's report. */
export function summariseReport(report: CrawlReport, maxDetails = 3): string[] {
  const lines: string[] = [];
  for (const s of report.sources) {
    lines.push(
      `${s.source}: discovered ${s.discovered}, fetched ${s.fetched}, unchanged ${s.unchanged} (304: ${s.notModified}), ` +
        `new ${s.new}, updated ${s.updated}, gone ${s.gone}, near-duplicates ${s.nearDuplicates}, indexed ${s.indexed}, ` +
        `skipped ${s.skipped.length}, failed ${s.failed.length}, disallowed ${s.disallowed}, index errors ${s.indexFailed.length}, ` +
        `discovery errors ${s.discoveryErrors.length} (${(s.durationMillis / 1000).toFixed(1)} s)`,
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
