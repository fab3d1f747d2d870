/**
 * Waiting for Meilisearch tasks and reading error codes, whichever transport the client uses: on plain
 * fetch the client throws `MeilisearchApiError` (body in `cause`); with our Node transport it throws
 * `MeilisearchRequestError` whose `cause` is our `MeilisearchHttpError`.
 */
import type { EnqueuedTask, Meilisearch, Task } from 'meilisearch';
import { MeilisearchHttpError } from '../src/search/errors.ts';

/** Settings changes re-index every document: on a 100k-article index that takes minutes. */
export const DEFAULT_TASK_TIMEOUT_MILLIS = 30 * 60_000;
const POLL_INTERVAL_MILLIS = 50;

/** A Meilisearch task ended in `failed` or `canceled`. */
export class IndexTaskError extends Error {
  override readonly name = 'IndexTaskError';
  readonly taskUid: number;
  /** Meilisearch's error code, e.g. `invalid_settings_filterable_attributes`; null for a canceled task. */
  readonly code: string | null;

  constructor(what: string, task: Task) {
    const reason = task.error ? `${task.error.code}: ${task.error.message}` : `the task was ${task.status}`;
    super(`Expected ${what} (task ${task.uid}) to succeed, but it ${task.status}: ${reason}`);
    this.taskUid = task.uid;
    this.code = task.error?.code ?? null;
  }
}

export async function waitForTask(client: Meilisearch, taskUid: number, timeoutMillis = DEFAULT_TASK_TIMEOUT_MILLIS): Promise<Task> {
  return client.tasks.waitForTask(taskUid, { timeout: timeoutMillis, interval: POLL_INTERVAL_MILLIS });
}

/** Waits for the task and throws {@link IndexTaskError} unless it succeeded. */
export async function waitForSuccess(
  client: Meilisearch,
  enqueued: EnqueuedTask | Promise<EnqueuedTask>,
  what: string,
  timeoutMillis = DEFAULT_TASK_TIMEOUT_MILLIS,
): Promise<Task> {
  const task = await waitForTask(client, (await enqueued).taskUid, timeoutMillis);
  if (task.status !== 'succeeded') throw new IndexTaskError(what, task);
  return task;
}

/** Meilisearch's error code (`index_not_found`, `api_key_not_found`, ...) behind a client error, if any. */
export function meilisearchErrorCode(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 6 && typeof current === 'object' && current !== null; depth += 1) {
    if (current instanceof MeilisearchHttpError) return current.code ?? undefined;
    if ((current as { name?: unknown }).name === 'MeilisearchApiError') {
      const code = (current as { cause?: { code?: unknown } }).cause?.code;
      return typeof code === 'string' ? code : undefined;
    }
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

/** The HTTP status Meilisearch answered with, if the error is an answer at all (not an outage). */
export function meilisearchErrorStatus(error: unknown): number | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 6 && typeof current === 'object' && current !== null; depth += 1) {
    if (current instanceof MeilisearchHttpError) return current.status;
    if ((current as { name?: unknown }).name === 'MeilisearchApiError') {
      const status = (current as { response?: { status?: unknown } }).response?.status;
      return typeof status === 'number' ? status : undefined;
    }
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}
