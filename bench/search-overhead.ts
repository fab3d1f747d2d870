/**
 * `npm run bench [-- --articles 100000] [--rounds 300]`: what the API adds on top of Meilisearch.
 *
 * Indexes a synthetic corpus (reused across runs when unchanged), starts the real API server
 * (src/runtime/node/server.ts) on 127.0.0.1, and runs the same faceted and filtered searches (a)
 * through the API over HTTP and (b) directly against Meilisearch with the exact request body the
 * API sends (recorded from the API's own search code). Requests alternate between the two so
 * machine noise hits both alike. Two topologies: the API server inside this process (as deployed:
 * the clients are elsewhere) and in a process of its own (a third busy process on the same cores).
 * Also shown: the official client over Node's global fetch, the path measured.md warns about.
 */
import { spawn } from 'node:child_process';
import http from 'node:http';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { Meilisearch } from 'meilisearch';
import { ensureSearchKey } from '../index-config/keys.ts';
import { ensureBenchIndex } from './bench-index.ts';
import { loadConfig } from '../src/config.ts';
import { launchMeilisearch } from '../src/runtime/node/meilisearch-launcher.ts';
import { startApiServer } from '../src/runtime/node/server.ts';
import { createNodeHttpClient } from '../src/runtime/node/http-transport.ts';
import { ArticleSearch } from '../src/search/meilisearch.ts';
import { searchQuerySchema } from '../src/search/query.ts';
import { BENCH_AUTHORS, BENCH_CITIES, BENCH_ORGANISATIONS, BENCH_OUTLETS } from './corpus.ts';

const { values } = parseArgs({
  options: { articles: { type: 'string', default: '100000' }, rounds: { type: 'string', default: '200' }, 'keep-index': { type: 'boolean', default: true } },
});
const ARTICLES = Number(values.articles);
const ROUNDS = Number(values.rounds);
if (!Number.isInteger(ARTICLES) || ARTICLES < 100) throw new Error(`--articles expects a whole number ≥ 100, received ${values.articles}`);
if (!Number.isInteger(ROUNDS) || ROUNDS < 10) throw new Error(`--rounds expects a whole number ≥ 10, received ${values.rounds}`);

const enc = encodeURIComponent;
/** The query mix: API paths; the direct request is whatever the API sends for them. */
const QUERIES: Array<[string, string]> = [
  ['text + 4 facets', `/search?q=banjir`],
  ['text, 2 words', `/search?q=${enc('pelabuhan kapal')}`],
  ['city filter, newest', `/search?city=${enc(BENCH_CITIES[1]!)}&sort=newest`],
  ['text + city OR + author', `/search?q=pasar&city=${enc(BENCH_CITIES[0]!)}&city=${enc(BENCH_CITIES[2]!)}&author=${enc(BENCH_AUTHORS[0]!)}`],
  ['organisation + date range', `/search?organisation=${enc(BENCH_ORGANISATIONS[0]!)}&from=2024-01-01&to=2024-12-31`],
  ['outlet + text + oldest', `/search?q=${enc('rumah sakit')}&outlet=${enc(BENCH_OUTLETS[1]!)}&sort=oldest`],
  ['placeholder, page 3', `/search?page=3&perPage=20`],
];

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
function request(url: string, init: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: init.method ?? 'GET', headers: init.headers, agent }, (res) => {
      res.on('data', () => {});
      res.on('end', () => (res.statusCode === 200 ? resolve(res.statusCode) : reject(new Error(`${url} answered ${res.statusCode}`))));
    });
    req.on('error', reject);
    req.end(init.body);
  });
}

async function time(run: () => Promise<unknown>): Promise<number> {
  const t = process.hrtime.bigint();
  await run();
  return Number(process.hrtime.bigint() - t) / 1e6;
}

async function main(): Promise<void> {
  const config = loadConfig(process.env);
  const dataDir = path.join(config.dataDir, 'bench', 'meilisearch');
  console.log(`Starting Meilisearch (data in ${dataDir}) ...`);
  const meili = await launchMeilisearch({ dataDir });
  try {
    const admin = new Meilisearch({ host: meili.url, apiKey: meili.masterKey });
    const indexUid = await ensureBenchIndex(admin, ARTICLES);

    const { key: searchKey } = await ensureSearchKey(admin, { indexUids: [`${indexUid}*`] });
    // The API's own search code, wrapped to record the exact engine request of each API query.
    const transport = createNodeHttpClient({ timeoutMillis: 5000 });
    let lastEngineBody = '';
    const recording: typeof transport.httpClient = (input, init) => {
      if (typeof init?.body === 'string') lastEngineBody = init.body;
      return transport.httpClient(input, init);
    };
    const recorder = new ArticleSearch({ url: meili.url, searchKey, indexUid, timeoutMillis: 5000, httpClient: recording });
    const engineBodyFor = async (apiPath: string): Promise<string> => {
      const params = new URLSearchParams(apiPath.split('?')[1] ?? '');
      const raw: Record<string, string | string[]> = {};
      for (const key of new Set(params.keys())) {
        const all = params.getAll(key);
        raw[key] = all.length === 1 ? all[0]! : all;
      }
      await recorder.search(searchQuerySchema.parse(raw));
      return lastEngineBody;
    };

    // BENCH_PROFILE_DIR=<dir> writes a CPU profile of the API process there, to see where its time goes.
    const profile = process.env.BENCH_PROFILE_DIR ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE_DIR}`] : [];
    const child = spawn(process.execPath, [...profile, '--import', 'tsx', path.join(import.meta.dirname, 'api-server.ts')], {
      // Rate limiting stays in the path (its cost counts) with a limit the benchmark never reaches.
      env: { ...process.env, MEILISEARCH_URL: meili.url, MEILISEARCH_SEARCH_KEY: searchKey, MEILISEARCH_INDEX: indexUid, MEILISEARCH_MASTER_KEY: '', ARSIP_RATE_LIMIT_PER_MINUTE: '1000000', ARSIP_RATE_LIMIT_BURST: '1000000' },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const apiBase = await new Promise<string>((resolve, reject) => {
      createInterface({ input: child.stdout! }).once('line', resolve);
      child.once('exit', (code) => reject(new Error(`API server exited with ${code}`)));
    });
    const fetchClient = new Meilisearch({ host: meili.url, apiKey: searchKey });

    // The same production server code in this process: no benchmark process competing for the cores.
    const inProcess = await startApiServer(
      loadConfig({ PORT: '0', MEILISEARCH_INDEX: indexUid, MEILISEARCH_SEARCH_TIMEOUT_MS: '5000', ARSIP_RATE_LIMIT_PER_MINUTE: '1000000', ARSIP_RATE_LIMIT_BURST: '1000000' }),
      { url: meili.url, searchKey },
      (line) => console.error(line),
    );

    const verdicts: string[] = [];
    for (const [topology, base] of [
      ['API in the benchmark process', inProcess.url],
      ['API in its own process', apiBase],
    ] as const) {
      const rows: string[][] = [];
      const allApi: number[] = [];
      const allDirect: number[] = [];
      let worstAdded = 0;
      let worstRatio = 0;
      for (const [name, apiPath] of QUERIES) {
        const engineBody = await engineBodyFor(apiPath);
        const direct = () =>
          request(`${meili.url}/indexes/${indexUid}/search`, {
            method: 'POST',
            headers: { authorization: `Bearer ${searchKey}`, 'content-type': 'application/json' },
            body: engineBody,
          });
        const parsed = JSON.parse(engineBody) as { q?: string } & Record<string, unknown>;
        const { q, ...params } = parsed;
        const viaFetch = () => fetchClient.index(indexUid).search(q ?? '', params);
        for (let i = 0; i < 20; i++) {
          await request(`${base}${apiPath}`);
          await direct();
        }
        const api: number[] = [];
        const dir: number[] = [];
        const fet: number[] = [];
        for (let i = 0; i < ROUNDS; i++) {
          api.push(await time(() => request(`${base}${apiPath}`)));
          dir.push(await time(direct));
          if (i < 30) fet.push(await time(viaFetch));
        }
        for (const list of [api, dir, fet]) list.sort((a, b) => a - b);
        allApi.push(...api);
        allDirect.push(...dir);
        rows.push(row(name, api, dir, fet));
        worstAdded = Math.max(worstAdded, percentile(api, 50) - percentile(dir, 50));
        worstRatio = Math.max(worstRatio, percentile(api, 50) / percentile(dir, 50));
      }
      allApi.sort((a, b) => a - b);
      allDirect.sort((a, b) => a - b);
      rows.push(row('ALL', allApi, allDirect, null));
      printTable(topology, rows);
      const p50Ratio = percentile(allApi, 50) / percentile(allDirect, 50);
      const added = percentile(allApi, 50) - percentile(allDirect, 50);
      verdicts.push(
        `${topology}: all queries ${p50Ratio.toFixed(2)}× and ${added.toFixed(2)} ms added (${p50Ratio <= 1.5 && added <= 2 ? 'met' : 'NOT met'}); ` +
          `worst single query ${worstRatio.toFixed(2)}× / ${worstAdded.toFixed(2)} ms (${worstRatio <= 1.5 && worstAdded <= 2 ? 'met' : 'NOT met'})`,
      );
    }
    console.log('\nTarget: API p50 ≤ 1.5× direct p50 and ≤ 2 ms added');
    for (const line of verdicts) console.log(`- ${line}`);
    console.log(
      'The first topology is the one a deployment has (clients elsewhere, API and Meilisearch on one machine); the second adds a\n' +
        'third busy process on the same cores, whose wake-ups land on the API path only.',
    );
    await inProcess.close();
    child.kill('SIGTERM');
    transport.close();
  } finally {
    agent.destroy();
    await meili.stop();
  }
}

function row(name: string, api: number[], direct: number[], viaFetch: number[] | null): string[] {
  const f = (n: number) => n.toFixed(2);
  const a50 = percentile(api, 50);
  const d50 = percentile(direct, 50);
  return [
    name,
    f(d50),
    f(percentile(direct, 99)),
    f(a50),
    f(percentile(api, 99)),
    `${(a50 / d50).toFixed(2)}×`,
    f(a50 - d50),
    viaFetch ? f(percentile(viaFetch, 50)) : '',
  ];
}

function printTable(title: string, rows: string[][]): void {
  const header = ['query', 'direct p50', 'direct p99', 'API p50', 'API p99', 'p50 ratio', 'added ms', 'fetch-client p50'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  console.log(`\n${title}: search latency, ms, ${ARTICLES} articles, ${ROUNDS} rounds per query, sequential keep-alive requests on 127.0.0.1`);
  console.log(line(header));
  console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  for (const r of rows) console.log(line(r));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
