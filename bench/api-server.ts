/**
 * The API as production runs it (src/runtime/node/server.ts), in its own process so the benchmark's
 * client does not share its event loop. Reads MEILISEARCH_URL / MEILISEARCH_SEARCH_KEY /
 * MEILISEARCH_INDEX from the environment and prints its URL as the first line of stdout.
 */
import { loadConfig } from '../src/config.ts';
import { startApiServer } from '../src/runtime/node/server.ts';

const config = loadConfig({ ...process.env, PORT: '0' });
const api = await startApiServer(config, { url: config.meilisearch.url!, searchKey: config.meilisearch.searchKey! }, (line) => console.error(line));
console.log(api.url);
process.on('SIGTERM', () => void api.close().then(() => process.exit(0)));
