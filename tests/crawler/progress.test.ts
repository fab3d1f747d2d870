import { describe, expect, it } from 'vitest';
import { createProgressReporter } from '../../crawler/progress.ts';
import { emptySourceReport, type CrawlEvent, type CrawlReport } from '../../crawler/run.ts';

const report: CrawlReport = { startedAt: '2026-01-01T00:00:00.000Z', finishedAt: '2026-01-01T00:00:05.000Z', sources: [emptySourceReport('beritain')] };
const events: CrawlEvent[] = [
  { type: 'source-start', source: 'beritain' },
  { type: 'discovered', source: 'beritain', count: 4 },
  { type: 'page', source: 'beritain', url: 'https://beritain.co.id/a/', outcome: 'new' },
  { type: 'page', source: 'beritain', url: 'https://beritain.co.id/b/', outcome: 'unchanged' },
  { type: 'page', source: 'beritain', url: 'https://beritain.co.id/c/', outcome: 'failed', detail: 'RetryableFetchError: 500' },
  { type: 'indexed', source: 'beritain', count: 1, failed: 0 },
  { type: 'source-end', source: 'beritain', report: report.sources[0]! },
];

describe('createProgressReporter', () => {
  it('writes one JSON object per line when not on a terminal, the report last', () => {
    let out = '';
    const progress = createProgressReporter({ interactive: false, write: (text) => (out += text) });
    for (const event of events) progress.onEvent(event);
    progress.finish(report, ['summary']);
    const lines = out.trimEnd().split('\n').map((line) => JSON.parse(line));
    expect(lines).toHaveLength(events.length + 1);
    expect(lines[2]).toMatchObject({ type: 'page', outcome: 'new', url: 'https://beritain.co.id/a/' });
    expect(lines[6]).toEqual({ time: expect.any(String), type: 'source-end', source: 'beritain' });
    expect(lines.at(-1)).toMatchObject({ type: 'report', report });
  });

  it('redraws one bar per source in place on a terminal, then prints the summary', () => {
    let out = '';
    const progress = createProgressReporter({ interactive: true, columns: 100, redrawEveryMillis: 0, write: (text) => (out += text) });
    progress.onEvent({ type: 'source-start', source: 'bantenpos' });
    for (const event of events) progress.onEvent(event);
    progress.finish(report, ['beritain: discovered 4']);
    const frames = out.split('\x1b[2A');
    expect(frames.length).toBeGreaterThan(3); // every later frame moves up over the two bars first
    const last = frames.at(-1)!;
    expect(last).toContain('beritain       [');
    expect(last).toMatch(/\] 3\/4 {2}new 1 {2}upd 0 {2}same 1 {2}gone 0 {2}skip 0 {2}fail 1 {2}idx 1 {2}done/);
    expect(last).toContain('bantenpos');
    expect(out.trimEnd().endsWith('beritain: discovered 4')).toBe(true);
    for (const line of last.split('\n').filter((l) => l.includes('['))) expect(line.replaceAll('\x1b[K', '').replaceAll('\r', '').length).toBeLessThan(100);
  });
});
