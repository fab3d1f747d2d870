/**
 * Scheduled incremental crawls for `npm start`: a cron expression (croner), never two runs at once. The admin
 * route and the boot-time crawl go through the same gate, so a manual start while a scheduled run is going is
 * refused, not queued. Node-only by placement (croner itself is runtime-neutral).
 */
import { Cron } from 'croner';
import type { CrawlReport } from '../../../crawler/run.ts';
import type { RunTrigger } from '../../../crawler/state/crawl-state.ts';
import type { StartCrawlResult } from '../../routes/admin.ts';

export interface CrawlSchedulerOptions {
  /** Cron expression, e.g. `*\/30 * * * *`; null = only manual and boot-time runs. */
  cron: string | null;
  /** Time zone the expression is read in. Default `Asia/Jakarta` (WIB). */
  timezone?: string;
  crawl(trigger: RunTrigger, runId: string): Promise<CrawlReport>;
  log(line: string): void;
}

export class CrawlScheduler {
  readonly #options: CrawlSchedulerOptions;
  #job: Cron | null = null;
  #current: { runId: string; done: Promise<void> } | null = null;

  constructor(options: CrawlSchedulerOptions) {
    this.#options = options;
    if (options.cron !== null) {
      try {
        // Parsed now (paused) so that a wrong expression stops `npm start` at once, not at the first tick.
        this.#job = new Cron(options.cron, { paused: true, timezone: options.timezone ?? 'Asia/Jakarta' }, () => {
          const result = this.trigger('schedule');
          if (!result.started) this.#options.log(`Scheduled crawl skipped: ${result.reason}`);
        });
      } catch (error) {
        throw new Error(`Expected ARSIP_CRAWL_SCHEDULE to be a cron expression, received "${options.cron}": ${(error as Error).message}`, { cause: error });
      }
    }
  }

  start(): void {
    this.#job?.resume();
    const next = this.#job?.nextRun();
    if (next) this.#options.log(`Next scheduled crawl at ${next.toISOString()} (${this.#options.cron})`);
  }

  get runningRunId(): string | null {
    return this.#current?.runId ?? null;
  }

  /** Starts a run now unless one is going; the run continues in the background. */
  trigger(trigger: RunTrigger): StartCrawlResult {
    if (this.#current) return { started: false, runId: this.#current.runId, reason: 'another crawl is still running' };
    const runId = crypto.randomUUID();
    const done = this.#options
      .crawl(trigger, runId)
      .then(() => undefined)
      .catch((error: unknown) => this.#options.log(`Crawl ${runId} (${trigger}) failed: ${error instanceof Error ? error.message : String(error)}`))
      .finally(() => {
        this.#current = null;
      });
    this.#current = { runId, done };
    return { started: true, runId };
  }

  /** Settles when no run is going. */
  async idle(): Promise<void> {
    await this.#current?.done;
  }

  /** No further ticks; waits for a running crawl (whose signal the caller aborts) to end. */
  async stop(): Promise<void> {
    this.#job?.stop();
    await this.idle();
  }
}
