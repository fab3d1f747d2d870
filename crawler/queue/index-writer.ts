/**
 * Writing documents to Meilisearch within an invocation's budget. `index-config/documents.ts` polls a task every
 * 50 ms for up to minutes, which on Workers would spend the subrequest limit on polling; here the polls back off
 * and stop when the budget says so. A write that cannot be confirmed in time throws, the queue retries the
 * message, and the upsert by id makes the second write harmless.
 */
import { Meilisearch, type RecordAny, type Task } from 'meilisearch';
import type { ArticleDocument } from '../../src/article.ts';
import { MeilisearchHttpError, MeilisearchUnreachableError } from '../../src/search/errors.ts';
import { ARTICLES_PRIMARY_KEY } from '../../index-config/apply.ts';
import type { InvocationBudget } from './budget.ts';

/**
 * Waits between task polls: Meilisearch indexes a few documents in well under a second, but a busy engine may
 * queue the task behind others. ~20 s and 20 subrequests at most; the budget usually stops it earlier.
 */
const POLL_DELAYS_MILLIS = [50, 100, 150, 250, 400, 600, 800, ...Array.from({ length: 13 }, () => 1000), 2000];

export class IndexNotConfirmedError extends Error {
  override readonly name = 'IndexNotConfirmedError';
}

export interface BoundedIndexWriter {
  /** Upserts and waits; returns the ids Meilisearch refused (the whole task failed), with the reason. */
  write(documents: readonly ArticleDocument[]): Promise<Array<{ id: string; error: string }>>;
  /** Partial update: only `goneAt` changes. Throws unless confirmed. */
  markGone(ids: readonly string[], goneAtSeconds: number): Promise<void>;
}

/**
 * A Meilisearch client whose every request goes through the budget's counting fetch. The client's `httpClient`
 * option replaces its transport whole: it must return the parsed body and throw on non-2xx, as the Node
 * transport (`src/runtime/node/http-transport.ts`) does, with the same error classes.
 */
export function budgetedMeilisearch(url: string, apiKey: string, budget: InvocationBudget): Meilisearch {
  const httpClient = async (input: string | URL | Request, init?: RequestInit): Promise<unknown> => {
    const target = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    let response: Response;
    try {
      response = await budget.fetch(input, init);
    } catch (error) {
      if (init?.signal?.aborted) throw init.signal.reason;
      throw new MeilisearchUnreachableError(`Expected an answer from Meilisearch at ${target}, received ${String(error)}`, target, { cause: error });
    }
    const text = await response.text();
    const body = text ? (JSON.parse(text) as Record<string, unknown>) : null;
    if (!response.ok) {
      const field = (name: string) => (typeof body?.[name] === 'string' ? (body[name] as string) : null);
      throw new MeilisearchHttpError(`Expected a 2xx from Meilisearch at ${target}, received ${response.status}: ${field('message') ?? text.slice(0, 200)}`, response.status, field('code'), field('type'));
    }
    return body;
  };
  return new Meilisearch({ host: url, apiKey, httpClient });
}

export function boundedIndexWriter(client: Meilisearch, indexUid: string, budget: InvocationBudget): BoundedIndexWriter {
  const index = client.index(indexUid);
  return {
    async write(documents) {
      if (documents.length === 0) return [];
      const { taskUid } = await index.updateDocuments(documents as unknown as RecordAny[], { primaryKey: ARTICLES_PRIMARY_KEY });
      const task = await waitBounded(client, taskUid, budget);
      if (task.status === 'succeeded') return [];
      const reason = task.error ? `${task.error.code}: ${task.error.message}` : `task ${task.status}`;
      return documents.map((document) => ({ id: document.id, error: reason }));
    },
    async markGone(ids, goneAtSeconds) {
      if (ids.length === 0) return;
      const { taskUid } = await index.updateDocuments(ids.map((id) => ({ id, goneAt: goneAtSeconds })));
      const task = await waitBounded(client, taskUid, budget);
      if (task.status !== 'succeeded') throw new IndexNotConfirmedError(`Expected flagging ${ids.length} documents as gone to succeed, received task ${task.status}`);
    },
  };
}

async function waitBounded(client: Meilisearch, taskUid: number, budget: InvocationBudget): Promise<Task> {
  for (const delay of POLL_DELAYS_MILLIS) {
    await new Promise((resolve) => setTimeout(resolve, delay));
    // Keep a few subrequests for the job's own bookkeeping after the write.
    if (!budget.allows(4)) break;
    const task = await client.tasks.getTask(taskUid);
    if (task.status !== 'enqueued' && task.status !== 'processing') return task;
  }
  throw new IndexNotConfirmedError(`Expected Meilisearch task ${taskUid} to finish within this invocation's budget, received no final status`);
}
