/**
 * Zero-downtime rebuilds: fill a fresh index beside the live one, then swap the two in one Meilisearch task
 * (`POST /swap-indexes`, atomic: a search sees either the old documents or the new, never a mix or nothing),
 * then drop the old documents. Readers keep using the live uid throughout.
 */
import type { Meilisearch } from 'meilisearch';
import { applyIndexConfig } from './apply.ts';
import { DEFAULT_TASK_TIMEOUT_MILLIS, meilisearchErrorCode, waitForSuccess } from './tasks.ts';

export interface SwapInOptions {
  /** The uid searches use, e.g. `articles`. */
  liveIndexUid: string;
  /** Fills the fresh index (already created with the declared settings). */
  fill(freshIndexUid: string): Promise<void>;
  taskTimeoutMillis?: number;
  /** Told when the swap is enqueued and when it has succeeded, e.g. to measure what readers saw meanwhile. */
  onSwap?: (phase: 'start' | 'done') => void;
}

export interface SwapInResult {
  /** The uid the new documents were built under (deleted again after the swap, holding the old ones). */
  freshIndexUid: string;
  /** From enqueuing the swap to its task succeeding. */
  swapMillis: number;
}

export async function swapInFreshIndex(client: Meilisearch, options: SwapInOptions): Promise<SwapInResult> {
  const timeoutMillis = options.taskTimeoutMillis ?? DEFAULT_TASK_TIMEOUT_MILLIS;
  const live = options.liveIndexUid;
  // Same prefix as the live uid: a search key restricted to `articles*` may read it, should anything look.
  const freshIndexUid = `${live}_next_${Date.now().toString(36)}`;
  await applyIndexConfig(client, { indexUid: live, taskTimeoutMillis: timeoutMillis });
  await applyIndexConfig(client, { indexUid: freshIndexUid, taskTimeoutMillis: timeoutMillis });
  try {
    await options.fill(freshIndexUid);
  } catch (error) {
    await dropIndex(client, freshIndexUid, timeoutMillis).catch(() => {});
    throw error;
  }
  const began = Date.now();
  options.onSwap?.('start');
  await waitForSuccess(
    client,
    client.swapIndexes([{ indexes: [live, freshIndexUid], rename: false }]),
    `swapping index "${freshIndexUid}" in for "${live}"`,
    timeoutMillis,
  );
  const swapMillis = Date.now() - began;
  options.onSwap?.('done');
  await dropIndex(client, freshIndexUid, timeoutMillis);
  return { freshIndexUid, swapMillis };
}

async function dropIndex(client: Meilisearch, indexUid: string, timeoutMillis: number): Promise<void> {
  try {
    await waitForSuccess(client, client.deleteIndex(indexUid), `deleting index "${indexUid}"`, timeoutMillis);
  } catch (error) {
    if (meilisearchErrorCode(error) !== 'index_not_found') throw error;
  }
}
