import { describe, expect, it } from 'vitest';
import { InvocationBudget, SubrequestBudgetError } from '../../crawler/queue/budget.ts';
import { parseJob, sendJobs, type CrawlJob } from '../../crawler/queue/messages.ts';

describe('parseJob', () => {
  it('accepts the two job kinds and says what is wrong with anything else', () => {
    const pages = { kind: 'pages', jobId: 'r:p:x:0', runId: 'r', source: 'x', urls: ['https://x.id/a'], crawlDelayMillis: null };
    expect(parseJob(pages)).toEqual(pages);
    expect(parseJob({ kind: 'discover', jobId: 'r:d:x', runId: 'r', source: 'x', mode: 'fresh' }).kind).toBe('discover');
    expect(() => parseJob('hello')).toThrow(/Expected a crawl job message, received string/);
    expect(() => parseJob({ ...pages, urls: [1] })).toThrow(/"urls" that is not a list of strings/);
    expect(() => parseJob({ ...pages, jobId: '' })).toThrow(/no string "jobId"/);
    expect(() => parseJob({ kind: 'discover', jobId: 'a', runId: 'r', source: 'x', mode: 'sometimes' })).toThrow(/mode sometimes/);
  });
});

describe('sendJobs', () => {
  it('sends at most 100 messages per call, as Cloudflare Queues require', async () => {
    const sizes: number[] = [];
    const jobs: CrawlJob[] = Array.from({ length: 250 }, (_, i) => ({ kind: 'discover', jobId: `r:d:${i}`, runId: 'r', source: String(i), mode: 'fresh' }));
    const calls = await sendJobs({ async sendBatch(messages) { sizes.push([...messages].length); } }, jobs);
    expect(calls).toBe(3);
    expect(sizes).toEqual([100, 100, 50]);
  });
});

describe('InvocationBudget', () => {
  it('counts subrequests and refuses the one past the limit', () => {
    const budget = new InvocationBudget({ maxSubrequests: 10 });
    for (let i = 0; i < 10; i++) budget.spend('test');
    expect(budget.remaining).toBe(0);
    expect(budget.allows(1)).toBe(false);
    expect(() => budget.spend('one more')).toThrow(SubrequestBudgetError);
    expect(() => new InvocationBudget({ maxSubrequests: 3 })).toThrow(/from 10 and up, received 3/);
  });

  it('stops allowing work once its wall time is spent', () => {
    let now = 0;
    const budget = new InvocationBudget({ maxWallMillis: 1000, now: () => now });
    expect(budget.allows(1)).toBe(true);
    now = 1000;
    expect(budget.allows(1)).toBe(false);
  });

  it('rejects a fetch past the limit without sending it', async () => {
    const budget = new InvocationBudget({ maxSubrequests: 10 });
    for (let i = 0; i < 10; i++) budget.spend('test');
    await expect(budget.fetch('http://127.0.0.1:9/never')).rejects.toBeInstanceOf(SubrequestBudgetError);
  });
});
