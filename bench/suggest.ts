/**
 * `npx tsx bench/suggest.ts [--articles 100000] [--rounds 200]`: latency of `/suggest`, the
 * search-as-you-type endpoint behind /widget.js, on the synthetic corpus of `npm run bench`
 * (the same index, reused when present).
 *
 * The API runs in its own process (as `npm start` runs it); the client sends keep-alive requests on
 * 127.0.0.1 one at a time, as one typing user does. Two figures per query: the server's own time
 * (request in → response ready, reported in a Server-Timing header) and the client's round trip.
 * Target: server p99 ≤ 10 ms at 100k articles.
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
import { BENCH_OUTLETS } from './corpus.ts';

const { values } = parseArgs({
  options: {
    articles: { type: 'string', default: '100000' },
    rounds: { type: 'string', default: '200' },
    serve: { type: 'boolean', default: false },
    // Accepted so `npm run bench -- …` can pass search-overhead's options to both benches.
    'keep-index': { type: 'boolean', default: true },
  },
});

if (values.serve) {
  await serveForBench();
} else {
  await main();
}

/** Child mode: the production app and transport, plus a Server-Timing header with the handler time. */
async function serveForBench(): Promise<void> {
  const { serve } = await import('@hono/node-server');
  const { createApp } = await import('../src/app.ts');
  const { createNodeHttpClient } = await import('../src/runtime/node/http-transport.ts');
  const { ArticleSearch } = await import('../src/search/meilisearch.ts');
  const config = loadConfig({ ...process.env, PORT: '0' });
  const transport = createNodeHttpClient({ timeoutMillis: config.meilisearch.searchTimeoutMillis });
  const search = new ArticleSearch({
    url: config.meilisearch.url!,
    searchKey: config.meilisearch.searchKey!,
    indexUid: config.meilisearch.indexUid,
    timeoutMillis: config.meilisearch.searchTimeoutMillis,
    httpClient: transport.httpClient,
  });
  const app = createApp({ search, publicAccess: { ...config.publicAccess!, rateLimitPerMinute: 0 } });
  const server = serve({
    port: 0,
    hostname: '127.0.0.1',
    fetch: async (request: Request, env: unknown) => {
      const started = performance.now();
      const response = await app.fetch(request, env);
      response.headers.set('Server-Timing', `app;dur=${(performance.now() - started).toFixed(3)}`);
      return response;
    },
  });
  server.once('listening', () => console.log(`http://127.0.0.1:${(server.address() as { port: number }).port}`));
  process.on('SIGTERM', () => {
    transport.close();
    server.close(() => process.exit(0));
    (server as { closeAllConnections?: () => void }).closeAllConnections?.();
  });
}

async function main(): Promise<void> {
  const ARTICLES = Number(values.articles);
  const ROUNDS = Number(values.rounds);
  if (!Number.isInteger(ARTICLES) || ARTICLES < 100) throw new Error(`--articles expects a whole number ≥ 100, received ${values.articles}`);
  if (!Number.isInteger(ROUNDS) || ROUNDS < 10) throw new Error(`--rounds expects a whole number ≥ 10, received ${values.rounds}`);
  const config = loadConfig(process.env);
  const dataDir = path.join(config.dataDir, 'bench', 'meilisearch');
  console.log(`Starting Meilisearch (data in ${dataDir}) ...`);
  const meili = await launchMeilisearch({ dataDir });
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  try {
    const admin = new Meilisearch({ host: meili.url, apiKey: meili.masterKey });
    const indexUid = await ensureBenchIndex(admin, ARTICLES);
    const { key: searchKey } = await ensureSearchKey(admin, { indexUids: [`${indexUid}*`] });
    const child = spawn(process.execPath, ['--import', 'tsx', import.meta.filename, '--serve'], {
      env: { ...process.env, MEILISEARCH_URL: meili.url, MEILISEARCH_SEARCH_KEY: searchKey, MEILISEARCH_INDEX: indexUid, MEILISEARCH_MASTER_KEY: '' },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    try {
      const apiBase = await new Promise<string>((resolve, reject) => {
        createInterface({ input: child.stdout! }).once('line', resolve);
        child.once('exit', (code) => reject(new Error(`API server exited with ${code}`)));
      });
      const enc = encodeURIComponent;
      // What a user types, keystroke by keystroke (the widget asks from the second character on).
      const QUERIES: Array<[string, string]> = [
        ['2 letters', '/suggest?q=ba'],
        ['3 letters', '/suggest?q=ban'],
        ['word prefix', '/suggest?q=banj'],
        ['whole word', '/suggest?q=banjir'],
        ['2 words, prefix', `/suggest?q=${enc('rumah sa')}`],
        ['3 words, prefix', `/suggest?q=${enc('pasar harga cab')}`],
        ['city prefix', '/suggest?q=cileg'],
        ['one outlet', `/suggest?q=pelabuhan&outlet=${enc(BENCH_OUTLETS[0]!)}`],
        ['one outlet, prefix', `/suggest?q=${enc('jalan tol')}&outlet=${enc(BENCH_OUTLETS[3]!)}`],
        ['no match', '/suggest?q=zzzqx'],
      ];
      const rows: string[][] = [];
      const allServer: number[] = [];
      const allClient: number[] = [];
      for (const [name, apiPath] of QUERIES) {
        for (let i = 0; i < 20; i++) await timedGet(agent, `${apiBase}${apiPath}`);
        const server: number[] = [];
        const client: number[] = [];
        for (let i = 0; i < ROUNDS; i++) {
          const t = await timedGet(agent, `${apiBase}${apiPath}`);
          server.push(t.serverMillis);
          client.push(t.clientMillis);
        }
        server.sort((a, b) => a - b);
        client.sort((a, b) => a - b);
        allServer.push(...server);
        allClient.push(...client);
        rows.push(row(name, server, client));
      }
      allServer.sort((a, b) => a - b);
      allClient.sort((a, b) => a - b);
      rows.push(row('ALL', allServer, allClient));
      printTable(rows, ARTICLES, ROUNDS);
      const p99 = percentile(allServer, 99);
      console.log(`\nTarget: /suggest server p99 ≤ 10 ms → ${p99.toFixed(2)} ms: ${p99 <= 10 ? 'met' : 'NOT met'}`);
    } finally {
      child.kill('SIGTERM');
    }
  } finally {
    agent.destroy();
    await meili.stop();
  }
}

function timedGet(agent: http.Agent, url: string): Promise<{ serverMillis: number; clientMillis: number }> {
  const started = process.hrtime.bigint();
  return new Promise((resolve, reject) => {
    http
      .get(url, { agent }, (res) => {
        res.on('data', () => {});
        res.on('end', () => {
          if (res.statusCode !== 200) return reject(new Error(`${url} answered ${res.statusCode}`));
          const match = /app;dur=([\d.]+)/.exec(String(res.headers['server-timing'] ?? ''));
          if (!match) return reject(new Error(`${url}: expected a Server-Timing header`));
          resolve({ serverMillis: Number(match[1]), clientMillis: Number(process.hrtime.bigint() - started) / 1e6 });
        });
      })
      .on('error', reject);
  });
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

function row(name: string, server: number[], client: number[]): string[] {
  const f = (n: number) => n.toFixed(2);
  return [name, f(percentile(server, 50)), f(percentile(server, 99)), f(percentile(client, 50)), f(percentile(client, 99))];
}

function printTable(rows: string[][], articles: number, rounds: number): void {
  const header = ['/suggest query', 'server p50', 'server p99', 'round trip p50', 'round trip p99'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  console.log(`\n/suggest latency, ms, ${articles} articles, ${rounds} rounds per query, sequential keep-alive requests on 127.0.0.1`);
  console.log(line(header));
  console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  for (const r of rows) console.log(line(r));
}
