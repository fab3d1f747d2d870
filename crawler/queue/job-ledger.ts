/**
 * Which crawl jobs of a run exist and which are done, in D1 (table `queue_jobs`). It makes redelivered and
 * duplicated messages harmless (a job that is done is acknowledged without work), and it tells when a fanned-out
 * run is over: when its last job is done, the per-job reports are merged into the run's report.
 */
import { emptySourceReport, type CrawlReport, type SourceReport } from '../run.ts';
import type { CrawlState } from '../state/crawl-state.ts';
import type { D1DatabaseLike } from '../state/d1-state.ts';
import type { CrawlJob } from './messages.ts';

/** Details kept per list in a merged report: the run's row must stay well under D1's 2 MB. */
const MAX_DETAILS = 100;

export interface JobLedgerOptions {
  /** Called once per D1 call: Workers count them as subrequests. */
  onQuery?: () => void;
  now?: () => Date;
}

export class JobLedger {
  readonly #db: D1DatabaseLike;
  readonly #onQuery: () => void;
  readonly #now: () => Date;

  constructor(db: D1DatabaseLike, options: JobLedgerOptions = {}) {
    this.#db = db;
    this.#onQuery = options.onQuery ?? (() => {});
    this.#now = options.now ?? (() => new Date());
  }

  /** Records jobs before their messages are sent, so the run cannot look finished while they are in flight. */
  async add(jobs: readonly CrawlJob[]): Promise<void> {
    if (jobs.length === 0) return;
    this.#onQuery();
    const at = this.#seconds();
    await this.#db.batch(
      jobs.map((job) =>
        this.#db
          .prepare('INSERT OR IGNORE INTO queue_jobs (id, run_id, kind, source, enqueued_at) VALUES (?, ?, ?, ?, ?)')
          .bind(job.jobId, job.runId, job.kind, job.source, at),
      ),
    );
  }

  /** Forgets jobs enqueued before `beforeSeconds` (their runs keep their reports): the table stays small. */
  async prune(beforeSeconds: number): Promise<void> {
    this.#onQuery();
    await this.#db.prepare('DELETE FROM queue_jobs WHERE enqueued_at < ? AND done_at IS NOT NULL').bind(beforeSeconds).run();
  }

  async isDone(jobId: string): Promise<boolean> {
    this.#onQuery();
    const row = await this.#db.prepare('SELECT done_at FROM queue_jobs WHERE id = ?').bind(jobId).first<{ done_at: number | null }>();
    return row?.done_at !== null && row?.done_at !== undefined;
  }

  /**
   * Marks the job done with its share of the report; when it was the run's last job, finishes the run in the
   * state with the merged report. Returns true when this call finished the run.
   */
  async finish(job: CrawlJob, report: SourceReport, state: CrawlState, error: string | null = null): Promise<boolean> {
    this.#onQuery();
    const marked = await this.#db
      .prepare('UPDATE queue_jobs SET done_at = ?, report = ? WHERE id = ? AND done_at IS NULL')
      .bind(this.#seconds(), JSON.stringify(error ? { ...report, error } : report), job.jobId)
      .run();
    if ((marked.meta?.changes ?? 0) === 0) return false; // done already, or never recorded: nothing changes
    this.#onQuery();
    const pending = await this.#db
      .prepare('SELECT COUNT(*) AS n FROM queue_jobs WHERE run_id = ? AND done_at IS NULL')
      .bind(job.runId)
      .first<{ n: number }>();
    if ((pending?.n ?? 0) > 0) return false;
    this.#onQuery();
    const { results } = await this.#db
      .prepare('SELECT report FROM queue_jobs WHERE run_id = ? ORDER BY enqueued_at, id')
      .bind(job.runId)
      .all<{ report: string | null }>();
    const reports = (results ?? []).flatMap((row) => (row.report ? [JSON.parse(row.report) as SourceReport & { error?: string }] : []));
    const failedJobs = reports.filter((r) => r.error).length;
    const runs = await state.recentRuns(20);
    const startedAt = runs.find((run) => run.id === job.runId)?.startedAt ?? this.#now().toISOString();
    const finishedAt = this.#now().toISOString();
    await state.finishRun(job.runId, {
      status: 'finished',
      finishedAt,
      report: mergeReports(reports, startedAt, finishedAt),
      error: failedJobs > 0 ? `${failedJobs} jobs ended in the dead-letter queue` : null,
    });
    return true;
  }

  #seconds(): number {
    return Math.floor(this.#now().getTime() / 1000);
  }
}

/** One SourceReport per source from the reports of its jobs: counts add up, lists are joined (capped). */
export function mergeReports(reports: readonly SourceReport[], startedAt: string, finishedAt: string): CrawlReport {
  const bySource = new Map<string, SourceReport>();
  for (const part of reports) {
    const merged = bySource.get(part.source) ?? emptySourceReport(part.source);
    bySource.set(part.source, merged);
    for (const key of ['discovered', 'fetched', 'unchanged', 'notModified', 'new', 'updated', 'extracted', 'indexed', 'gone', 'nearDuplicates', 'disallowed', 'durationMillis'] as const) {
      merged[key] += part[key];
    }
    merged.skipped = [...merged.skipped, ...part.skipped].slice(0, MAX_DETAILS);
    merged.failed = [...merged.failed, ...part.failed].slice(0, MAX_DETAILS);
    merged.discoveryErrors = [...merged.discoveryErrors, ...part.discoveryErrors].slice(0, MAX_DETAILS);
    merged.indexFailed = [...merged.indexFailed, ...part.indexFailed].slice(0, MAX_DETAILS);
  }
  return { startedAt, finishedAt, sources: [...bySource.values()].sort((a, b) => a.source.localeCompare(b.source)) };
}
