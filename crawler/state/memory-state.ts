/** A CrawlState in memory: for tests and one-off runs that need no memory across processes. */
import type { CrawlRunRecord, CrawlState, UrlRecord } from './crawl-state.ts';

export class MemoryCrawlState implements CrawlState {
  readonly #urls = new Map<string, UrlRecord>();
  readonly #runs = new Map<string, CrawlRunRecord>();

  async getUrl(url: string): Promise<UrlRecord | null> {
    const record = this.#urls.get(url);
    return record ? { ...record } : null;
  }

  async putUrls(records: readonly UrlRecord[]): Promise<void> {
    for (const record of records) this.#urls.set(record.url, { ...record });
  }

  async findIndexedByContentHash(contentHash: string, exceptUrl: string): Promise<UrlRecord | null> {
    for (const record of this.#urls.values()) {
      if (record.contentHash === contentHash && record.url !== exceptUrl && record.documentId !== null) return { ...record };
    }
    return null;
  }

  async listDocuments(): Promise<UrlRecord[]> {
    return [...this.#urls.values()]
      .filter((record) => record.documentId !== null)
      .sort((a, b) => a.firstSeenAt - b.firstSeenAt || (a.url < b.url ? -1 : 1))
      .map((record) => ({ ...record }));
  }

  async startRun(run: Pick<CrawlRunRecord, 'id' | 'trigger' | 'startedAt'>): Promise<void> {
    this.#runs.set(run.id, { ...run, status: 'running', finishedAt: null, report: null, error: null });
  }

  async finishRun(id: string, outcome: Pick<CrawlRunRecord, 'status' | 'finishedAt' | 'report' | 'error'>): Promise<void> {
    const run = this.#runs.get(id);
    if (!run) throw new Error(`Expected a started run with id "${id}", received an unknown id`);
    Object.assign(run, outcome);
  }

  async recentRuns(limit: number): Promise<CrawlRunRecord[]> {
    // Reversed first so that runs started in the same millisecond still come newest first.
    return [...this.#runs.values()]
      .reverse()
      .sort((a, b) => (a.startedAt < b.startedAt ? 1 : a.startedAt > b.startedAt ? -1 : 0))
      .slice(0, limit)
      .map((run) => structuredClone(run));
  }

  async close(): Promise<void> {}
}
