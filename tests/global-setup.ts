/**
 * Starts one real Meilisearch for the test run (fresh data, free port) and hands its URL and master
 * key to the tests through `inject`. Set TEST_MEILISEARCH_URL and TEST_MEILISEARCH_MASTER_KEY to use a
 * server you run yourself instead (tests only touch indexes and keys they create); MEILISEARCH_BINARY
 * picks the binary on platforms without the npm-shipped one.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { launchMeilisearch, resolveMeilisearchBinary } from '../src/runtime/node/meilisearch-launcher.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    MEILI_URL: string;
    MEILI_MASTER_KEY: string;
    /** Why no server could be started (no binary for this platform); empty when one runs. */
    MEILI_UNAVAILABLE: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const provide = (url: string, masterKey: string, unavailable = '') => {
    project.provide('MEILI_URL', url);
    project.provide('MEILI_MASTER_KEY', masterKey);
    project.provide('MEILI_UNAVAILABLE', unavailable);
  };

  const externalUrl = process.env.TEST_MEILISEARCH_URL;
  if (externalUrl) {
    const key = process.env.TEST_MEILISEARCH_MASTER_KEY;
    if (!key) throw new Error('TEST_MEILISEARCH_URL is set but TEST_MEILISEARCH_MASTER_KEY is not: tests need the master key');
    provide(externalUrl, key);
    return async () => {};
  }

  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'arsip-test-meili-'));
  const removeDataDir = () => rm(dataDir, { recursive: true, force: true });
  const binaryPath = process.env.MEILISEARCH_BINARY || undefined;
  try {
    await resolveMeilisearchBinary(binaryPath, dataDir);
  } catch (error) {
    // Tests that need no search engine (the crawler's) still run; testMeili() fails with this reason.
    const reason = error instanceof Error ? error.message : String(error);
    console.warn(`No Meilisearch for this test run: ${reason}`);
    await removeDataDir();
    provide('', '', reason);
    return async () => {};
  }

  const meili = await launchMeilisearch({ dataDir, ...(binaryPath ? { binaryPath } : {}) }).catch(async (error: unknown) => {
    await removeDataDir();
    throw error;
  });
  // A test run interrupted with Ctrl-C must not leave the server behind.
  const onSignal = () => void meili.stop();
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  provide(meili.url, meili.masterKey);

  return async () => {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    await meili.stop();
    await removeDataDir();
  };
}
