/**
 * Shows a crawl as it happens: one progress bar per source on a terminal (redrawn in place), JSON lines when
 * the output is a pipe or a file (for logs and for programs that watch the crawl), and a report at the end.
 * Runtime-neutral: it writes to whatever `write` it is given.
 */
import type { CrawlEvent, CrawlReport, PageOutcome } from './run.ts';

export interface ProgressOptions {
  write: (text: string) => void;
  /** True on a terminal: bars redrawn in place; false: one JSON object per line. */
  interactive: boolean;
  /** Terminal width, for the bars. Default 100. */
  columns?: number;
  /** Least time between two redraws, so a fast crawl does not flood the terminal. Default 100. */
  redrawEveryMillis?: number;
}

interface SourceProgress {
  source: string;
  total: number | null;
  done: number;
  counts: Record<PageOutcome, number>;
  indexed: number;
  finished: boolean;
}

export interface ProgressReporter {
  onEvent(event: CrawlEvent): void;
  /** Final redraw, then the report (text on a terminal, one `report` JSON line otherwise). */
  finish(report: CrawlReport, summary: string[]): void;
}

export function createProgressReporter(options: ProgressOptions): ProgressReporter {
  const sources = new Map<string, SourceProgress>();
  const columns = Math.max(60, options.columns ?? 100);
  const redrawEveryMillis = options.redrawEveryMillis ?? 100;
  let drawnLines = 0;
  let lastDraw = 0;

  const draw = (force: boolean) => {
    const now = Date.now();
    if (!force && now - lastDraw < redrawEveryMillis) return;
    lastDraw = now;
    const lines = [...sources.values()].map((p) => renderLine(p, columns));
    // Cursor up over the previous frame, then rewrite each line and clear what is left of it.
    const up = drawnLines > 0 ? `\x1b[${drawnLines}A` : '';
    options.write(`${up}${lines.map((line) => `\r${line}\x1b[K`).join('\n')}\n`);
    drawnLines = lines.length;
  };

  const progressOf = (source: string): SourceProgress => {
    let progress = sources.get(source);
    if (!progress) {
      progress = {
        source,
        total: null,
        done: 0,
        counts: { new: 0, updated: 0, unchanged: 0, skipped: 0, failed: 0, gone: 0 },
        indexed: 0,
        finished: false,
      };
      sources.set(source, progress);
    }
    return progress;
  };

  return {
    onEvent(event) {
      if (!options.interactive) {
        // The whole source report comes once, at the end; per-source lines stay short.
        const line = event.type === 'source-end' ? { type: event.type, source: event.source } : event;
        options.write(`${JSON.stringify({ time: new Date().toISOString(), ...line })}\n`);
        return;
      }
      const progress = progressOf(event.source);
      if (event.type === 'discovered') progress.total = event.count;
      if (event.type === 'page') {
        progress.done += 1;
        progress.counts[event.outcome] += 1;
      }
      if (event.type === 'indexed') progress.indexed += event.count;
      if (event.type === 'source-end') progress.finished = true;
      draw(event.type !== 'page');
    },
    finish(report, summary) {
      if (!options.interactive) {
        options.write(`${JSON.stringify({ time: new Date().toISOString(), type: 'report', report })}\n`);
        return;
      }
      draw(true);
      options.write(`\n${summary.join('\n')}\n`);
    },
  };
}

function renderLine(p: SourceProgress, columns: number): string {
  const c = p.counts;
  const tail =
    ` ${p.done}/${p.total ?? '?'}  new ${c.new}  upd ${c.updated}  same ${c.unchanged}  gone ${c.gone}  ` +
    `skip ${c.skipped}  fail ${c.failed}  idx ${p.indexed}${p.finished ? '  done' : ''}`;
  const name = p.source.padEnd(14).slice(0, 14);
  const width = Math.max(10, columns - name.length - tail.length - 4);
  const ratio = p.total ? Math.min(1, p.done / p.total) : p.finished ? 1 : 0;
  const filled = Math.round(ratio * width);
  return `${name} [${'#'.repeat(filled)}${'-'.repeat(width - filled)}]${tail}`.slice(0, columns - 1);
}
