/**
 * Gets the Node process a Meilisearch to talk to: the configured server, or a local one launched
 * from the npm-shipped binary. Then makes sure the index settings are applied and a search-only
 * key exists. The master key stays in this process; only the search key reaches the API layer.
 */
import path from 'node:path';
import { Meilisearch } from 'meilisearch';
import { applyIndexConfig } from '../../../index-config/apply.ts';
import { ensureSearchKey } from '../../../index-config/keys.ts';
import type { Config } from '../../config.ts';
import { launchMeilisearch, type LocalMeilisearch } from './meilisearch-launcher.ts';

export interface MeilisearchConnection {
  url: string;
  /** Write access; null when only a search key was configured (serve-only deployments). */
  adminClient: Meilisearch | null;
  searchKey: string;
  local: LocalMeilisearch | null;
  stop(): Promise<void>;
}

export async function connectMeilisearch(config: Config, log: (line: string) => void): Promise<MeilisearchConnection> {
  let local: LocalMeilisearch | null = null;
  let url = config.meilisearch.url;
  let masterKey = config.meilisearch.masterKey;
  if (url === null) {
    const dataDir = path.join(config.dataDir, 'meilisearch');
    log(`No MEILISEARCH_URL set: starting a local Meilisearch (data in ${dataDir})`);
    local = await launchMeilisearch({
      dataDir,
      ...(config.meilisearch.binaryPath ? { binaryPath: config.meilisearch.binaryPath } : {}),
    });
    url = local.url;
    masterKey = local.masterKey;
    log(`Local Meilisearch ready at ${url}`);
  }
  const stop = async () => {
    await local?.stop();
  };
  try {
    const adminClient = masterKey ? new Meilisearch({ host: url, apiKey: masterKey }) : null;
    if (adminClient) {
      const applied = await applyIndexConfig(adminClient, { indexUid: config.meilisearch.indexUid });
      if (applied.created) log(`Created index "${config.meilisearch.indexUid}"`);
      if (applied.changed.length > 0) log(`Updated index settings: ${applied.changed.join(', ')}`);
    }
    let searchKey = config.meilisearch.searchKey;
    if (searchKey === null) {
      if (!adminClient) {
        throw new Error('Set MEILISEARCH_SEARCH_KEY, or MEILISEARCH_MASTER_KEY so that a search-only key can be created');
      }
      searchKey = (await ensureSearchKey(adminClient, { indexUids: [`${config.meilisearch.indexUid}*`] })).key;
    }
    return { url, adminClient, searchKey, local, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
