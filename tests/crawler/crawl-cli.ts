/**
 * Runs the real crawler command line (`tsx crawler/cli.ts`) as a child process against a test Meilisearch and
 * an origin map, collecting its JSON-lines output: for tests that kill it mid-run.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

export interface CliRun {
  child: ChildProcess;
  /** Parsed JSON lines so far (other lines, such as log lines, are kept in `otherLines`). */
  events: Array<Record<string, unknown>>;
  otherLines: string[];
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

export interface CliEnv {
  meiliUrl: string;
  masterKey: string;
  indexUid: string;
  dataDir: string;
  originMap: Record<string, string>;
  sources: string[];
  delayMillis?: number;
}

export function runCrawlCli(env: CliEnv, args: string[] = ['--json'], onEvent?: (event: Record<string, unknown>, run: CliRun) => void): CliRun {
  // `node --import tsx`, not the tsx binary: that one runs the script in a grandchild, which SIGKILL would orphan.
  const child = spawn(process.execPath, ['--import', 'tsx', 'crawler/cli.ts', ...args], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      MEILISEARCH_URL: env.meiliUrl,
      MEILISEARCH_MASTER_KEY: env.masterKey,
      MEILISEARCH_INDEX: env.indexUid,
      ARSIP_DATA_DIR: env.dataDir,
      ARSIP_ORIGIN_MAP: JSON.stringify(env.originMap),
      ARSIP_SOURCES: env.sources.join(','),
      ARSIP_CRAWL_DELAY_MS: String(env.delayMillis ?? 0),
      ARSIP_USER_AGENT: 'ArsipBantenTest/0.1 (+http://127.0.0.1/)',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const run: CliRun = {
    child,
    events: [],
    otherLines: [],
    exited: new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal }))),
  };
  createInterface({ input: child.stdout! }).on('line', (line) => {
    let event: Record<string, unknown> | null = null;
    try {
      event = line.startsWith('{') ? (JSON.parse(line) as Record<string, unknown>) : null;
    } catch {
      event = null;
    }
    if (!event) return void run.otherLines.push(line);
    run.events.push(event);
    onEvent?.(event, run);
  });
  createInterface({ input: child.stderr! }).on('line', (line) => run.otherLines.push(line));
  return run;
}
