/**
 * The crawl jobs that travel over the Cloudflare Queue. A run is fanned out as one `discover` job per source,
 * which enqueues `pages` jobs of a few URLs each; a `pages` job that runs out of its invocation's budget
 * enqueues the URLs it did not reach as a continuation. Job ids are deterministic (run, source, position), so
 * a retried job that enqueues its children again produces the same ids, and the ledger runs each id once.
 */

/** `fresh`: news sitemaps, feeds and the first listing page, new URLs only. `backfill`: everything, deeper. */
export type CrawlMode = 'fresh' | 'backfill';

export interface DiscoverJob {
  kind: 'discover';
  jobId: string;
  runId: string;
  source: string;
  mode: CrawlMode;
}

export interface PagesJob {
  kind: 'pages';
  jobId: string;
  runId: string;
  source: string;
  /** Live article URLs, all on the source's origin. */
  urls: string[];
  /** The robots.txt Crawl-delay discovery found, so page jobs keep to it too. */
  crawlDelayMillis: number | null;
}

export type CrawlJob = DiscoverJob | PagesJob;

/** The parts of a Queue producer binding the crawl uses. */
export interface JobQueue {
  sendBatch(messages: Iterable<{ body: CrawlJob; contentType?: 'json' }>): Promise<unknown>;
}

/** Cloudflare accepts at most 100 messages per sendBatch call. */
export const MAX_MESSAGES_PER_SEND = 100;

/** Sends jobs in as few calls as the Queue allows; returns the number of calls made. */
export async function sendJobs(queue: JobQueue, jobs: readonly CrawlJob[]): Promise<number> {
  let calls = 0;
  for (let start = 0; start < jobs.length; start += MAX_MESSAGES_PER_SEND) {
    await queue.sendBatch(jobs.slice(start, start + MAX_MESSAGES_PER_SEND).map((body) => ({ body, contentType: 'json' as const })));
    calls += 1;
  }
  return calls;
}

/** A message body checked field by field: anything else is a bug or a foreign message, never a crawl. */
export function parseJob(body: unknown): CrawlJob {
  const fail = (what: string): never => {
    throw new TypeError(`Expected a crawl job message, received ${what}: ${JSON.stringify(body)?.slice(0, 200)}`);
  };
  if (typeof body !== 'object' || body === null) return fail(typeof body);
  const job = body as Record<string, unknown>;
  for (const field of ['jobId', 'runId', 'source'] as const) {
    if (typeof job[field] !== 'string' || job[field] === '') fail(`no string "${field}"`);
  }
  if (job.kind === 'discover') {
    if (job.mode !== 'fresh' && job.mode !== 'backfill') fail(`mode ${String(job.mode)}`);
    return job as unknown as DiscoverJob;
  }
  if (job.kind === 'pages') {
    if (!Array.isArray(job.urls) || !job.urls.every((url) => typeof url === 'string')) fail('"urls" that is not a list of strings');
    if (job.crawlDelayMillis !== null && typeof job.crawlDelayMillis !== 'number') fail('a "crawlDelayMillis" that is not a number');
    return job as unknown as PagesJob;
  }
  return fail(`kind ${String(job.kind)}`);
}
