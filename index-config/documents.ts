/**
 * Writing documents: upserts by primary key `id` (re-crawling an article replaces it, never duplicates
 * it) and deletions, each waiting for Meilisearch's tasks so that callers learn what was indexed.
 *
 * All batches are enqueued first and awaited afterwards, so that Meilisearch merges consecutive
 * additions into one indexing batch (far faster than one at a time). The price: some failures fail the
 * whole merged batch, good neighbours included. So failed batches are retried one at a time; what
 * still fails is reported with its ids, not thrown, so one bad article does not stop a crawl.
 */
import type { Meilisearch, RecordAny } from 'meilisearch';
import { ARTICLES_PRIMARY_KEY } from './apply.ts';
import { meilisearchErrorStatus, waitForSuccess, waitForTask } from './tasks.ts';

/** ~4.6 KB per article: ~9 MB per request, well under Meilisearch's 100 MB payload limit. */
export const DEFAULT_BATCH_SIZE = 2_000;
const DEFAULT_TASK_TIMEOUT_MILLIS = 10 * 60_000;
/** What Meilisearch accepts as a string id. */
const VALID_STRING_ID = /^[A-Za-z0-9_-]+$/;
const MAX_ID_BYTES = 511;

export interface UpsertDocumentsOptions {
  /** Documents per request. Default 2000. */
  batchSize?: number;
  /** How long to wait for each task once the ones before it are done. Default 10 minutes. */
  taskTimeoutMillis?: number;
}

export interface FailedBatch {
  /** The Meilisearch task that failed; null when the documents were refused before any task (bad id, request rejected). */
  taskUid: number | null;
  error: string;
  ids: string[];
}

export interface UpsertDocumentsResult {
  /** Documents sent in accepted requests. */
  enqueued: number;
  /** Documents in tasks that succeeded. */
  succeeded: number;
  failedBatches: FailedBatch[];
}

type Identified = { id: string | number };

interface Batch {
  documents: RecordAny[];
  ids: string[];
}

export async function upsertDocuments<T extends Identified>(
  client: Meilisearch,
  indexUid: string,
  docs: readonly T[],
  options: UpsertDocumentsOptions = {},
): Promise<UpsertDocumentsResult> {
  const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
  if (!Number.isInteger(batchSize) || batchSize < 1) {
    throw new RangeError(`Expected \`batchSize\` to be an integer from 1 and up, received ${String(options.batchSize)}`);
  }
  const timeoutMillis = options.taskTimeoutMillis ?? DEFAULT_TASK_TIMEOUT_MILLIS;
  const index = client.index(indexUid);
  const failedBatches: FailedBatch[] = [];

  // Meilisearch fails a whole task for one bad id; catching ids here saves the rest of the batch.
  const valid: RecordAny[] = [];
  for (const doc of docs) {
    const problem = idProblem(doc.id);
    if (problem) failedBatches.push({ taskUid: null, error: problem, ids: [String(doc.id)] });
    else valid.push(doc as RecordAny);
  }

  const send = async (batch: Batch): Promise<number | null> => {
    try {
      return (await index.updateDocuments(batch.documents, { primaryKey: ARTICLES_PRIMARY_KEY })).taskUid;
    } catch (error) {
      // Meilisearch refused this request (payload too large, malformed): report it, carry on. No answer at all: throw.
      if (meilisearchErrorStatus(error) === undefined) throw error;
      failedBatches.push({ taskUid: null, error: innermostMessage(error), ids: batch.ids });
      return null;
    }
  };

  let enqueued = 0;
  let succeeded = 0;
  const sent: Array<{ batch: Batch; taskUid: number }> = [];
  for (let start = 0; start < valid.length; start += batchSize) {
    const documents = valid.slice(start, start + batchSize);
    const batch = { documents, ids: documents.map((doc) => String(doc.id)) };
    const taskUid = await send(batch);
    if (taskUid === null) continue;
    enqueued += documents.length;
    sent.push({ batch, taskUid });
  }

  const toRetry: Batch[] = [];
  for (const { batch, taskUid } of sent) {
    const task = await waitForTask(client, taskUid, timeoutMillis);
    if (task.status === 'succeeded') succeeded += batch.documents.length;
    else toRetry.push(batch);
  }

  // Alone, a batch that was only collateral damage succeeds; one that is itself bad fails with its own error.
  for (const batch of toRetry) {
    const taskUid = await send(batch);
    if (taskUid === null) continue;
    const task = await waitForTask(client, taskUid, timeoutMillis);
    if (task.status === 'succeeded') {
      succeeded += batch.documents.length;
    } else {
      const reason = task.error ? `${task.error.code}: ${task.error.message}` : `task ${task.status}`;
      failedBatches.push({ taskUid, error: reason, ids: batch.ids });
    }
  }
  return { enqueued, succeeded, failedBatches };
}

export interface DeleteDocumentsResult {
  taskUid: number | null;
  /** As reported by Meilisearch: ids that did not exist are not counted. */
  deleted: number;
}

/** Deletes documents by id and waits; throws `IndexTaskError` if the task fails. */
export async function deleteDocuments(
  client: Meilisearch,
  indexUid: string,
  ids: readonly string[] | readonly number[],
  options: { taskTimeoutMillis?: number } = {},
): Promise<DeleteDocumentsResult> {
  if (ids.length === 0) return { taskUid: null, deleted: 0 };
  const task = await waitForSuccess(
    client,
    client.index(indexUid).deleteDocuments([...ids] as string[] | number[]),
    `deleting ${ids.length} documents from index "${indexUid}"`,
    options.taskTimeoutMillis ?? DEFAULT_TASK_TIMEOUT_MILLIS,
  );
  return { taskUid: task.uid, deleted: task.details?.deletedDocuments ?? 0 };
}

function idProblem(id: unknown): string | undefined {
  if (typeof id === 'number') {
    return Number.isSafeInteger(id) && id >= 0 ? undefined : `Expected the document id to be a non-negative integer or a string, received ${id}`;
  }
  if (typeof id !== 'string') return `Expected the document id to be a string or an integer, received ${id === undefined ? 'no id' : typeof id}`;
  if (!VALID_STRING_ID.test(id)) return `Expected the document id to contain only a-z A-Z 0-9 - _, received ${JSON.stringify(id)}`;
  // ASCII only by now, so characters are bytes.
  if (id.length > MAX_ID_BYTES) return `Expected the document id to be at most ${MAX_ID_BYTES} bytes, received ${id.length}`;
  return undefined;
}

/** The client wraps our transport's error; its own message only says "Request to ... has failed". */
function innermostMessage(error: unknown): string {
  let current = error;
  while (current instanceof Error && current.cause instanceof Error) current = current.cause;
  return current instanceof Error ? current.message : String(current);
}
