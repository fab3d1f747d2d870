/**
 * The queue side of a crawl on Workers: runs one job within the invocation's budget.
 *
 * - `discover`: robots.txt, sitemaps, feeds and listing pages of one source (as many documents as the budget
 *   allows), then the article URLs worth fetching go out as `pages` jobs of `pagesPerJob` URLs.
 * - `pages`: {@link crawlPages}; URLs it did not reach go out as one continuation job.
 *
 * Every job is recorded in the ledger before its message is sent and marked done at the end, so a redelivered
 * message (retry after a crash, or a duplicate) finds it done and does nothing; a job that crashed half-way is
 * redone from the start, which the crawl's own idempotency (upsert by id, state after index) makes harmless.
 */
import type { ArchiveStore } from '../archive/archive-store.ts';
import { discoverArticleUrls } from '../discover/index.ts';
import type { RobotsCache } from '../discover/robots.ts';
import { createFetcher, type FetcherOptions } from '../fetch-page.ts';
import { emptySourceReport, type SourceReport } from '../run.ts';
import type { SourceDefinition } from '../sources/types.ts';
import type { InvocationBudget } from './budget.ts';
import { crawlPages, type BatchReadableState } from './crawl-pages.ts';
import type { BoundedIndexWriter } from './index-writer.ts';
import type { JobLedger } from './job-ledger.ts';
import { MAX_MESSAGES_PER_SEND, sendJobs, type CrawlJob, type DiscoverJob, type JobQueue, type PagesJob } from './messages.ts';

export interface QueueCrawlLimits {
  /** URLs per `pages` job. Default 8: with ~3 subrequests a page it fits the Free plan's 50. */
  pagesPerJob: number;
  /** Listing pages read per listing in a `backfill` run (`fresh` runs read the first page only). Default 10. */
  backfillListingPages: number;
  /** `fresh` runs skip sitemap and feed entries older than this many days. Default 2. */
  freshSinceDays: number;
  /** URLs that failed this many times in a row are left alone by `fresh` runs. Default 5. */
  maxFailures: number;
}

export const DEFAULT_QUEUE_CRAWL_LIMITS: QueueCrawlLimits = { pagesPerJob: 8, backfillListingPages: 10, freshSinceDays: 2, maxFailures: 5 };

export interface JobDeps {
  sources: readonly SourceDefinition[];
  state: BatchReadableState;
  ledger: JobLedger;
  queue: JobQueue;
  archive?: ArchiveStore;
  index: BoundedIndexWriter;
  budget: InvocationBudget;
  /** Fetcher settings; the fetch itself is the budget's counting fetch. */
  fetcher: Omit<FetcherOptions, 'fetchImpl'>;
  /** Kept per isolate: robots.txt is read at most once a day per origin while the isolate lives. */
  robots: RobotsCache;
  limits?: Partial<QueueCrawlLimits>;
  now?: () => Date;
}

export interface JobOutcome {
  job: CrawlJob;
  /** `duplicate`: the ledger had it done already. */
  status: 'done' | 'duplicate';
  /** Messages this job sent (child jobs and continuations). */
  enqueued: number;
  pages: number;
  report: SourceReport | null;
  runFinished: boolean;
}

export async function runJob(job: CrawlJob, deps: JobDeps): Promise<JobOutcome> {
  if (await deps.ledger.isDone(job.jobId)) return { job, status: 'duplicate', enqueued: 0, pages: 0, report: null, runFinished: false };
  const source = deps.sources.find((s) => s.id === job.source);
  if (!source) {
    // A source removed from the registry while its jobs were queued: nothing to do, but the run must finish.
    const report = { ...emptySourceReport(job.source), discoveryErrors: [{ url: '', error: `Expected a registered source "${job.source}", received none` }] };
    const runFinished = await deps.ledger.finish(job, report, deps.state);
    return { job, status: 'done', enqueued: 0, pages: 0, report, runFinished };
  }
  const limits = { ...DEFAULT_QUEUE_CRAWL_LIMITS, ...deps.limits };
  const { report, children } = job.kind === 'discover' ? await discover(job, source, deps, limits) : await pages(job, source, deps, limits);
  if (children.length > 0) {
    await deps.ledger.add(children);
    await sendJobs(deps.queue, children);
  }
  const runFinished = await deps.ledger.finish(job, report, deps.state);
  return { job, status: 'done', enqueued: children.length, pages: job.kind === 'pages' ? report.fetched + report.failed.length : 0, report, runFinished };
}

async function discover(job: DiscoverJob, source: SourceDefinition, deps: JobDeps, limits: QueueCrawlLimits) {
  const fetcher = createFetcher({ ...deps.fetcher, fetchImpl: deps.budget.fetch });
  const now = deps.now?.() ?? new Date();
  const listingPages = job.mode === 'backfill' ? limits.backfillListingPages : 1;
  // Whatever the listings and feeds do not use goes to sitemaps; what is left over stays for bookkeeping.
  const bookkeeping = 12;
  const maxSitemaps = Math.max(1, deps.budget.remaining - bookkeeping - 1 - source.feeds.length - source.listings.length * listingPages);
  const discovery = await discoverArticleUrls(source, fetcher, {
    userAgent: deps.fetcher.userAgent,
    robots: deps.robots,
    maxListingPages: listingPages,
    maxSitemaps: Math.min(50, maxSitemaps),
    ...(job.mode === 'fresh' ? { since: new Date(now.getTime() - limits.freshSinceDays * 24 * 60 * 60 * 1000) } : {}),
  });
  const report = emptySourceReport(source.id);
  report.discoveryErrors = discovery.errors.map((e) => ({ url: e.url, error: e.message }));
  report.disallowed = discovery.disallowed.length;
  let urls = discovery.urls.map((d) => d.url);
  report.discovered = urls.length;
  if (job.mode === 'fresh') {
    // News runs come often: pages already fetched wait for the daily run, which re-checks them conditionally.
    const known = deps.state.getUrls ? await deps.state.getUrls(urls) : new Map();
    urls = urls.filter((url) => {
      const record = known.get(url);
      return !record || (record.status === 'failed' && record.failures < limits.maxFailures);
    });
  }
  // Fan-out costs subrequests too (one send per 100 messages): what this invocation cannot enqueue waits for
  // the next run, newest URLs first (discovery sorts them so).
  const sendCalls = Math.max(1, deps.budget.remaining - 8);
  const maxUrls = sendCalls * MAX_MESSAGES_PER_SEND * limits.pagesPerJob;
  if (urls.length > maxUrls) {
    report.discoveryErrors.push({ url: source.origin, error: `Enqueued the newest ${maxUrls} of ${urls.length} URLs (subrequest budget); the rest wait for the next run` });
    urls = urls.slice(0, maxUrls);
  }
  const rules = await deps.robots.get(source.origin, fetcher);
  const crawlDelayMillis = rules.crawlDelayMillis(deps.fetcher.userAgent);
  const children: PagesJob[] = [];
  for (let start = 0, part = 0; start < urls.length; start += limits.pagesPerJob, part++) {
    children.push({ kind: 'pages', jobId: `${job.runId}:p:${source.id}:${part}`, runId: job.runId, source: source.id, urls: urls.slice(start, start + limits.pagesPerJob), crawlDelayMillis });
  }
  report.durationMillis = Date.now() - (deps.budget.startedAt);
  return { report, children };
}

async function pages(job: PagesJob, source: SourceDefinition, deps: JobDeps, _limits: QueueCrawlLimits) {
  const fetcher = createFetcher({ ...deps.fetcher, fetchImpl: deps.budget.fetch });
  if (job.crawlDelayMillis) fetcher.setHostDelayMillis(source.origin, Math.min(job.crawlDelayMillis, 30_000));
  const { report, remaining } = await crawlPages({
    source,
    urls: job.urls,
    fetcher,
    state: deps.state,
    ...(deps.archive ? { archive: deps.archive } : {}),
    index: deps.index,
    budget: deps.budget,
    userAgent: deps.fetcher.userAgent,
    ...(deps.now ? { now: deps.now } : {}),
  });
  if (remaining.length === job.urls.length) {
    throw new RangeError(`Expected room for at least one page in this invocation, received a budget of ${deps.budget.maxSubrequests} subrequests with ${deps.budget.remaining} left: raise ARSIP_MAX_SUBREQUESTS`);
  }
  // Continuations are named after their parent: a retried parent sends the same id again, and the ledger runs it once.
  const children: PagesJob[] = remaining.length > 0 ? [{ ...job, jobId: `${job.jobId}+${job.urls.length - remaining.length}`, urls: remaining }] : [];
  return { report, children };
}
