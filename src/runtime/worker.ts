/**
 * Cloudflare Workers entry: the same Hono app as on Node (`fetch`), cron-triggered crawls (`scheduled`: opens a
 * run and enqueues one discovery job per source) and the crawl queue's consumer (`queue`: one bounded job per
 * invocation). Everything specific to Workers lives here: bindings (D1 crawl state, R2 archive, the Queue),
 * secrets, the per-invocation budget and logging. The crawl itself is `crawler/queue/`, runtime-neutral.
 *
 * Each invocation logs one JSON line (`arsip.cron`, `arsip.job`) with its subrequests and wall time, so Workers
 * Logs (or `wrangler tail`) show what every run cost.
 */
import type { ExecutionContext } from 'hono';
import { R2ArchiveStore, type R2BucketLike } from '../../crawler/archive/r2-archive.ts';
import { RobotsCache } from '../../crawler/discover/robots.ts';
import { InvocationBudget } from '../../crawler/queue/budget.ts';
import { runJob, type JobDeps } from '../../crawler/queue/consumer.ts';
import { boundedIndexWriter, budgetedMeilisearch } from '../../crawler/queue/index-writer.ts';
import { JobLedger } from '../../crawler/queue/job-ledger.ts';
import { parseJob, type CrawlJob, type CrawlMode, type JobQueue } from '../../crawler/queue/messages.ts';
import { planCrawl } from '../../crawler/queue/planner.ts';
import { emptySourceReport } from '../../crawler/run.ts';
import { selectSources } from '../../crawler/sources/index.ts';
import { applyD1Schema, D1CrawlState, type D1DatabaseLike } from '../../crawler/state/d1-state.ts';
import { createApp, type AppDeps } from '../app.ts';
import { loadConfig, type Config } from '../config.ts';
import { ArticleSearch } from '../search/meilisearch.ts';

export interface WorkerEnv {
  MEILISEARCH_URL?: string;
  /** Secret: the search-only key the public API uses. */
  MEILISEARCH_SEARCH_KEY?: string;
  /** Secret: a key allowed to write documents (`documents.add`, `tasks.get`); only the crawl uses it. */
  MEILISEARCH_ADMIN_KEY?: string;
  MEILISEARCH_INDEX?: string;
  MEILISEARCH_SEARCH_TIMEOUT_MS?: string;
  /** Secret: bearer token of the admin routes (start a crawl, list runs). */
  ARSIP_ADMIN_TOKEN?: string;
  ARSIP_USER_AGENT?: string;
  ARSIP_SOURCES?: string;
  ARSIP_ORIGIN_MAP?: string;
  ARSIP_CRAWL_DELAY_MS?: string;
  ARSIP_CRAWL_TIMEOUT_MS?: string;
  ARSIP_CRAWL_MAX_BYTES?: string;
  /** Subrequests one invocation may make: 50 on the Free plan, up to 1000 on Paid. */
  ARSIP_MAX_SUBREQUESTS?: string;
  /** Wall time after which a job stops taking new pages. */
  ARSIP_MAX_WALL_MS?: string;
  ARSIP_PAGES_PER_JOB?: string;
  /** The cron expression (as in wrangler.toml) that starts back-fill runs; any other cron starts fresh runs. */
  ARSIP_BACKFILL_CRON?: string;
  CRAWL_STATE?: D1DatabaseLike;
  ARCHIVE?: R2BucketLike;
  CRAWL_QUEUE?: JobQueue;
}

interface ScheduledControllerLike {
  cron: string;
  scheduledTime: number;
}

interface QueueMessageLike {
  id: string;
  body: unknown;
  attempts: number;
  ack(): void;
  retry(options?: { delaySeconds?: number }): void;
}

interface MessageBatchLike {
  queue: string;
  messages: readonly QueueMessageLike[];
}

type App = ReturnType<typeof createApp>;
let cached: { key: string; app: App } | null = null;
/** Per isolate: robots.txt rules outlive one invocation, and the schema check runs once. */
const robots = new RobotsCache();
let schemaReady: Promise<void> | null = null;

function configOf(env: WorkerEnv): Config {
  const strings: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries(env)) if (typeof value === 'string') strings[name] = value;
  return loadConfig(strings);
}

function integerVar(env: WorkerEnv, name: keyof WorkerEnv, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (typeof raw !== 'string' || !Number.isInteger(value) || value < min || value > max) {
    throw new Error(`${name} must be an integer from ${min} to ${max}, received "${String(raw)}"`);
  }
  return value;
}

function binding<K extends 'CRAWL_STATE' | 'CRAWL_QUEUE'>(env: WorkerEnv, name: K): NonNullable<WorkerEnv[K]> {
  const value = env[name];
  if (!value) throw new Error(`The crawl needs the ${name} binding (see wrangler.toml), received none`);
  return value as NonNullable<WorkerEnv[K]>;
}

function ensureSchema(db: D1DatabaseLike): Promise<void> {
  schemaReady ??= applyD1Schema(db).catch((error: unknown) => {
    schemaReady = null;
    throw error;
  });
  return schemaReady;
}

/** One app per isolate and configuration: building it per request would waste CPU time. */
function appFor(env: WorkerEnv): App {
  const key = `${env.MEILISEARCH_URL}|${env.MEILISEARCH_INDEX}|${env.MEILISEARCH_SEARCH_KEY?.length}|${env.ARSIP_ADMIN_TOKEN?.length}`;
  if (cached?.key === key) return cached.app;
  const config = configOf(env);
  if (!config.meilisearch.url || !config.meilisearch.searchKey) {
    throw new Error('The Worker needs MEILISEARCH_URL (a var) and MEILISEARCH_SEARCH_KEY (a secret)');
  }
  const search = new ArticleSearch({
    url: config.meilisearch.url,
    searchKey: config.meilisearch.searchKey,
    indexUid: config.meilisearch.indexUid,
    timeoutMillis: config.meilisearch.searchTimeoutMillis,
  });
  const deps: AppDeps = {
    search,
    ...(config.publicAccess ? { publicAccess: config.publicAccess } : {}),
    logError: (message, error) => console.error(message, error instanceof Error ? error.message : error),
  };
  if (env.ARCHIVE) {
    const archive = new R2ArchiveStore(env.ARCHIVE);
    deps.archive = { read: (location) => archive.read(location) };
  }
  if (config.adminToken && env.CRAWL_STATE && env.CRAWL_QUEUE) {
    const db = env.CRAWL_STATE;
    const queue = env.CRAWL_QUEUE;
    deps.admin = {
      token: config.adminToken,
      async startCrawl() {
        await ensureSchema(db);
        const state = new D1CrawlState(db);
        const result = await planCrawl({ mode: 'backfill', trigger: 'admin', sources: selectSources(config.crawl.sources), state, ledger: new JobLedger(db), queue });
        return result.started ? { started: true, runId: result.runId } : { started: false, runId: result.runId, reason: result.reason };
      },
      async recentRuns(limit) {
        await ensureSchema(db);
        return new D1CrawlState(db).recentRuns(limit);
      },
    };
  }
  const app = createApp(deps);
  cached = { key, app };
  return app;
}

/** Everything one crawl invocation uses, counting each subrequest against its budget. */
function jobDeps(env: WorkerEnv, budget: InvocationBudget): JobDeps {
  const config = configOf(env);
  const db = binding(env, 'CRAWL_STATE');
  const adminKey = env.MEILISEARCH_ADMIN_KEY;
  if (!config.meilisearch.url || !adminKey) {
    throw new Error('The crawl needs MEILISEARCH_URL (a var) and MEILISEARCH_ADMIN_KEY (a secret with documents.add and tasks.get)');
  }
  const onQuery = () => budget.spend('D1 query');
  const client = budgetedMeilisearch(config.meilisearch.url, adminKey, budget);
  return {
    sources: selectSources(config.crawl.sources),
    state: new D1CrawlState(db, { onQuery }),
    ledger: new JobLedger(db, { onQuery }),
    queue: countingQueue(binding(env, 'CRAWL_QUEUE'), budget),
    ...(env.ARCHIVE ? { archive: new R2ArchiveStore(env.ARCHIVE, { onOperation: () => budget.spend('R2 operation') }) } : {}),
    index: boundedIndexWriter(client, config.meilisearch.indexUid, budget),
    budget,
    fetcher: {
      userAgent: config.crawl.userAgent,
      originMap: config.crawl.originMap ?? {},
      // One outlet per job, one request at a time: far under the 6 simultaneous connections a Worker may open.
      globalConcurrency: 2,
      perHostConcurrency: 1,
      perHostDelayMillis: config.crawl.perHostDelayMillis,
      timeoutMillis: config.crawl.timeoutMillis,
      maxBodyBytes: config.crawl.maxBodyBytes,
      // The queue retries whole jobs; in-job retries would spend the subrequest budget twice.
      retries: 1,
    },
    robots,
    limits: { pagesPerJob: integerVar(env, 'ARSIP_PAGES_PER_JOB', 8, 1, 100) },
  };
}

function budgetFor(env: WorkerEnv): InvocationBudget {
  return new InvocationBudget({
    maxSubrequests: integerVar(env, 'ARSIP_MAX_SUBREQUESTS', 50, 10, 1000),
    maxWallMillis: integerVar(env, 'ARSIP_MAX_WALL_MS', 20_000, 1000, 14 * 60_000),
  });
}

function countingQueue(queue: JobQueue, budget: InvocationBudget): JobQueue {
  return {
    sendBatch(messages) {
      budget.spend('queue send');
      return queue.sendBatch(messages);
    },
  };
}

const log = (fields: Record<string, unknown>) => console.log(JSON.stringify(fields));

export default {
  fetch(request: Request, env: WorkerEnv, ctx: ExecutionContext): Response | Promise<Response> {
    return appFor(env).fetch(request, env, ctx);
  },

  async scheduled(controller: ScheduledControllerLike, env: WorkerEnv): Promise<void> {
    const budget = budgetFor(env);
    const mode: CrawlMode = controller.cron === (env.ARSIP_BACKFILL_CRON ?? '30 19 * * *') ? 'backfill' : 'fresh';
    const db = binding(env, 'CRAWL_STATE');
    budget.spend('D1 schema');
    await ensureSchema(db);
    // Planning touches only D1 and the Queue: no Meilisearch key is needed for it.
    const onQuery = () => budget.spend('D1 query');
    const result = await planCrawl({
      mode,
      trigger: 'schedule',
      sources: selectSources(configOf(env).crawl.sources),
      state: new D1CrawlState(db, { onQuery }),
      ledger: new JobLedger(db, { onQuery }),
      queue: countingQueue(binding(env, 'CRAWL_QUEUE'), budget),
    });
    log({ event: 'arsip.cron', cron: controller.cron, mode, ...result, subrequests: budget.used, wallMillis: budget.elapsedMillis });
  },

  async queue(batch: MessageBatchLike, env: WorkerEnv): Promise<void> {
    const budget = budgetFor(env);
    const db = binding(env, 'CRAWL_STATE');
    budget.spend('D1 schema');
    await ensureSchema(db);
    let deps: JobDeps;
    try {
      deps = jobDeps(env, budget);
    } catch (error) {
      // A configuration mistake (a missing secret): say so once per message; the retries give time to fix it.
      for (const message of batch.messages) {
        log({ event: 'arsip.job', status: 'retry', messageId: message.id, attempt: message.attempts, error: String(error), subrequests: budget.used, wallMillis: budget.elapsedMillis });
        message.retry({ delaySeconds: 60 });
      }
      return;
    }
    const deadLetters = batch.queue.endsWith('-dlq');
    for (const message of batch.messages) {
      let job: CrawlJob;
      try {
        job = parseJob(message.body);
      } catch (error) {
        // A message that is not a crawl job will never become one: drop it, loudly.
        log({ event: 'arsip.job', status: 'invalid', messageId: message.id, error: String(error) });
        message.ack();
        continue;
      }
      if (deadLetters) {
        // Out of retries: close the job as failed so that its run can finish with the failure in its report.
        const report = { ...emptySourceReport(job.source), failed: 'urls' in job ? job.urls.map((url) => ({ url, error: 'job ended in the dead-letter queue' })) : [] };
        const runFinished = await deps.ledger.finish(job, report, deps.state, 'dead-letter queue');
        log({ event: 'arsip.job', status: 'dead-letter', kind: job.kind, jobId: job.jobId, runFinished, subrequests: budget.used, wallMillis: budget.elapsedMillis });
        message.ack();
        continue;
      }
      try {
        const outcome = await runJob(job, deps);
        message.ack();
        log({
          event: 'arsip.job',
          status: outcome.status,
          kind: job.kind,
          jobId: job.jobId,
          source: job.source,
          attempt: message.attempts,
          pages: outcome.pages,
          indexed: outcome.report?.indexed ?? 0,
          enqueued: outcome.enqueued,
          runFinished: outcome.runFinished,
          subrequests: budget.used,
          wallMillis: budget.elapsedMillis,
        });
      } catch (error) {
        const delaySeconds = Math.min(300, 10 * 2 ** Math.max(0, message.attempts - 1));
        log({ event: 'arsip.job', status: 'retry', kind: job.kind, jobId: job.jobId, attempt: message.attempts, delaySeconds, error: error instanceof Error ? `${error.name}: ${error.message}` : String(error), subrequests: budget.used, wallMillis: budget.elapsedMillis });
        message.retry({ delaySeconds });
      }
    }
  },
};
