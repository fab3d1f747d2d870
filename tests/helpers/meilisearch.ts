/**
 * Access to the real Meilisearch started by tests/global-setup.ts. Test files run in parallel against
 * the same server, so each one works in indexes named by {@link TestMeili.uniqueIndexUid}.
 *
 * @example
 * const meili = testMeili();
 * afterAll(() => meili.cleanup());
 * const indexUid = meili.uniqueIndexUid('search');
 */
import { Meilisearch } from 'meilisearch';
import { inject } from 'vitest';
import { createNodeHttpClient } from '../../src/runtime/node/http-transport.ts';

export interface TestMeili {
  url: string;
  masterKey: string;
  /** Master-key client over the Node transport. */
  adminClient: Meilisearch;
  /** A fresh index uid (not created) that {@link cleanup} deletes. */
  uniqueIndexUid(prefix: string): string;
  /** Registers an API key uid for {@link cleanup} to delete. */
  trackKey(uid: string): void;
  /** Deletes the indexes and keys this helper handed out or was told about. */
  cleanup(): Promise<void>;
}

let transport: ReturnType<typeof createNodeHttpClient> | undefined;
let counter = 0;

export function testMeili(): TestMeili {
  const unavailable = inject('MEILI_UNAVAILABLE');
  if (unavailable) {
    throw new Error(`This test needs a real Meilisearch. ${unavailable} (Or set TEST_MEILISEARCH_URL and TEST_MEILISEARCH_MASTER_KEY.)`);
  }
  const url = inject('MEILI_URL');
  const masterKey = inject('MEILI_MASTER_KEY');
  transport ??= createNodeHttpClient({ timeoutMillis: 20_000 });
  const adminClient = new Meilisearch({ host: url, apiKey: masterKey, httpClient: transport.httpClient });
  const indexUids = new Set<string>();
  const keyUids = new Set<string>();

  return {
    url,
    masterKey,
    adminClient,
    uniqueIndexUid(prefix) {
      const safePrefix = prefix.replace(/[^A-Za-z0-9_-]/g, '_').slice(0, 40) || 'test';
      counter += 1;
      const uid = `${safePrefix}_${process.pid}_${counter}_${Math.random().toString(36).slice(2, 8)}`;
      indexUids.add(uid);
      return uid;
    },
    trackKey(uid) {
      keyUids.add(uid);
    },
    async cleanup() {
      const deletions = await Promise.all([...indexUids].map((uid) => adminClient.deleteIndex(uid)));
      await adminClient.tasks.waitForTasks(deletions, { timeout: 30_000 });
      await Promise.all([...keyUids].map((uid) => adminClient.deleteKey(uid).catch(() => undefined)));
      indexUids.clear();
      keyUids.clear();
    },
  };
}
