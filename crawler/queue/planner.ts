/**
 * The cron side of a crawl on Workers: opens a run and enqueues one `discover` job per source. It never fetches
 * anything itself, so the scheduled invocation stays tiny whatever the number of sources.
 */
import type { SourceDefinition } from '../sources/types.ts';
import type { CrawlState, RunTrigger } from '../state/crawl-state.ts';
import type { JobLedger } from './job-ledger.ts';
import { sendJobs, type CrawlMode, type DiscoverJob, type JobQueue } from './messages.ts';

export interface PlanCrawlOptions {
  mode: CrawlMode;
  trigger: RunTrigger;
  sources: readonly SourceDefinition[];
  state: CrawlState;
  ledger: JobLedger;
  queue: JobQueue;
  /** A run still "running" after this long lost jobs (dead-letter queue, deleted messages): it is closed as failed. */
  staleAfterMillis?: number;
  now?: () => Date;
  runId?: string;
}

export type PlanCrawlResult =
  | { started: true; runId: string; jobs: number }
  | { started: false; runId: string; reason: string };

export async function planCrawl(options: PlanCrawlOptions): Promise<PlanCrawlResult> {
  const now = options.now ?? (() => new Date());
  const staleAfterMillis = options.staleAfterMillis ?? 6 * 60 * 60 * 1000;
  const [latest] = await options.state.recentRuns(1);
  if (latest?.status === 'running') {
    const ageMillis = now().getTime() - Date.parse(latest.startedAt);
    if (ageMillis < staleAfterMillis) {
      return { started: false, runId: latest.id, reason: `run ${latest.id} started ${Math.round(ageMillis / 1000)} s ago and is still running` };
    }
    await options.state.finishRun(latest.id, {
      status: 'failed',
      finishedAt: now().toISOString(),
      report: null,
      error: `Expected the run's jobs to finish within ${Math.round(staleAfterMillis / 60_000)} minutes, received none for some: closed as abandoned`,
    });
  }
  // Finished jobs are only needed while their run may still get redelivered messages: a week is plenty.
  await options.ledger.prune(Math.floor(now().getTime() / 1000) - 7 * 24 * 60 * 60);
  const runId = options.runId ?? `${now().toISOString().replace(/\D/g, '').slice(0, 14)}-${crypto.randomUUID().slice(0, 8)}`;
  await options.state.startRun({ id: runId, trigger: options.trigger, startedAt: now().toISOString() });
  const jobs: DiscoverJob[] = options.sources.map((source) => ({ kind: 'discover', jobId: `${runId}:d:${source.id}`, runId, source: source.id, mode: options.mode }));
  await options.ledger.add(jobs);
  await sendJobs(options.queue, jobs);
  return { started: true, runId, jobs: jobs.length };
}
