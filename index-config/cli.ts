/**
 * `npm run index:apply`: creates the articles index if needed, applies the settings that differ and
 * makes sure the search-only key exists. Safe to run any time; never deletes documents.
 *
 * Environment:
 *   MEILISEARCH_URL + MEILISEARCH_MASTER_KEY  a running server; else a local one is started from
 *   MEILISEARCH_BINARY (or the npm-shipped binary) with its data in ${ARSIP_DATA_DIR:-./data}/meilisearch.
 *   MEILISEARCH_INDEX                         index uid, default `articles`.
 */
import path from 'node:path';
import { Meilisearch } from 'meilisearch';
import { createNodeHttpClient } from '../src/runtime/node/http-transport.ts';
import { launchMeilisearch, type LocalMeilisearch } from '../src/runtime/node/meilisearch-launcher.ts';
import { applyIndexConfig } from './apply.ts';
import { ensureSearchKey } from './keys.ts';

async function main(): Promise<void> {
  const env = process.env;
  const indexUid = env.MEILISEARCH_INDEX || 'articles';
  let url = env.MEILISEARCH_URL || undefined;
  let masterKey = env.MEILISEARCH_MASTER_KEY || undefined;
  let local: LocalMeilisearch | undefined;

  const stopLocal = () => local?.stop() ?? Promise.resolve();
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      void stopLocal().finally(() => process.exit(signal === 'SIGINT' ? 130 : 143));
    });
  }

  if (url === undefined) {
    const dataDir = path.join(env.ARSIP_DATA_DIR || './data', 'meilisearch');
    console.log(`MEILISEARCH_URL is not set: starting a local Meilisearch with its data in ${dataDir}`);
    local = await launchMeilisearch({ dataDir, ...(env.MEILISEARCH_BINARY ? { binaryPath: env.MEILISEARCH_BINARY } : {}) });
    url = local.url;
    masterKey = local.masterKey;
  } else if (masterKey === undefined) {
    throw new Error('MEILISEARCH_URL is set but MEILISEARCH_MASTER_KEY is not: applying settings and creating keys needs the master key.');
  }

  const transport = createNodeHttpClient({ timeoutMillis: 60_000 });
  try {
    const client = new Meilisearch({ host: url, apiKey: masterKey, httpClient: transport.httpClient });
    const started = Date.now();
    const { created, changed } = await applyIndexConfig(client, { indexUid });
    if (created) console.log(`Created index "${indexUid}" (primary key id)`);
    console.log(changed.length > 0 ? `Updated settings of "${indexUid}": ${changed.join(', ')}` : `Settings of "${indexUid}" already up to date`);
    const searchKey = await ensureSearchKey(client, { indexUids: [`${indexUid}*`] });
    console.log(`Search-only key for "${indexUid}*": uid ${searchKey.uid} (read its value with GET /keys/${searchKey.uid})`);
    console.log(`Done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  } finally {
    transport.close();
    await stopLocal();
  }
}

main().catch((error: unknown) => {
  // The client wraps the real reason ("Index ... not found", "Could not reach ...") in `cause`.
  console.error(error instanceof Error ? `${error.name}: ${error.message}` : error);
  for (let cause = error instanceof Error ? error.cause : undefined; cause instanceof Error; cause = cause.cause) {
    console.error(`  caused by ${cause.name}: ${cause.message}`);
  }
  process.exitCode = 1;
});
