/**
 * Runs the real Worker bundle in workerd through Miniflare (the engine under `wrangler dev`), configured from
 * wrangler.toml itself: D1, R2 and the Queue with its dead-letter queue are Miniflare's local implementations,
 * and the Worker reaches the test Meilisearch and the fixture sites on 127.0.0.1. Node-only.
 *
 * The bundle is what `npm run check:worker` builds (`wrangler deploy --dry-run`), so the tests run the code that
 * would be uploaded. Every invocation logs one JSON line (`arsip.cron`, `arsip.job`); they are collected here.
 */
import { execFile } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { Miniflare } from 'miniflare';
import { unstable_getMiniflareWorkerOptions } from 'wrangler';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const WRANGLER = path.join(ROOT, 'node_modules', 'wrangler', 'bin', 'wrangler.js');

export interface WorkerBundle {
  dir: string;
  file: string;
  bytes: number;
  remove(): Promise<void>;
}

/** Bundles src/runtime/worker.ts with wrangler (the development environment of wrangler.toml). */
export async function bundleWorker(): Promise<WorkerBundle> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'arsip-worker-'));
  await promisify(execFile)(process.execPath, [WRANGLER, 'deploy', '--dry-run', '--env', '', '--outdir', dir], {
    cwd: ROOT,
    // No banner means no update check against the npm registry: tests stay on this machine.
    env: { ...process.env, WRANGLER_SEND_METRICS: 'false', WRANGLER_HIDE_BANNER: 'true', CI: '1' },
  });
  const file = path.join(dir, 'worker.js');
  return { dir, file, bytes: (await stat(file)).size, remove: () => rm(dir, { recursive: true, force: true }) };
}

/**
 * One line a Worker invocation logged, plus `workerdCpuMillis`: CPU time the workerd process used since the
 * previous line (Linux only, else null). Invocations run one at a time (batch size 1, concurrency 1), so this
 * bounds the CPU time of the invocation that logged the line from above: it also holds Miniflare's own queue
 * and D1 work and whatever else reached the Worker meanwhile. workerd reports no CPU time itself when local.
 */
export type InvocationLog = Record<string, unknown> & { event: 'arsip.cron' | 'arsip.job'; workerdCpuMillis: number | null };

/** The workerd child of this process, found in /proc (Linux); null elsewhere. */
function findWorkerdPid(): number | null {
  try {
    for (const entry of readdirSync('/proc')) {
      if (!/^\d+$/.test(entry)) continue;
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (stat.includes('(workerd)') && Number(fields[1]) === process.pid) return Number(entry);
    }
  } catch {
    // no /proc: not Linux
  }
  return null;
}

/** User + system CPU time of a process in milliseconds (clock ticks assumed at the usual 100 Hz). */
function cpuMillisOf(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return null;
  }
}

export interface LocalWorker {
  mf: Miniflare;
  /** Invocation lines in the order they were logged. */
  logs: InvocationLog[];
  /** Everything else the runtime printed, for failure messages. */
  output: string[];
  /** Fires the `scheduled` handler as a cron trigger would. */
  cron(expression: string): Promise<void>;
  fetch(pathAndQuery: string, init?: RequestInit): Promise<Response>;
  dispose(): Promise<void>;
}

export async function startLocalWorker(bundle: WorkerBundle, vars: Record<string, string>): Promise<LocalWorker> {
  const { workerOptions } = unstable_getMiniflareWorkerOptions(path.join(ROOT, 'wrangler.toml'));
  const logs: InvocationLog[] = [];
  const output: string[] = [];
  let workerdPid: number | null = null;
  let lastCpuMillis: number | null = null;
  const cpuSinceLastLine = (): number | null => {
    if (workerdPid === null) return null;
    const now = cpuMillisOf(workerdPid);
    const since = now !== null && lastCpuMillis !== null ? now - lastCpuMillis : null;
    lastCpuMillis = now;
    return since;
  };
  const collect = (stream: Readable) => {
    createInterface({ input: stream }).on('line', (line) => {
      const start = line.indexOf('{"event":"arsip.');
      if (start >= 0) {
        try {
          logs.push({ ...(JSON.parse(line.slice(start)) as InvocationLog), workerdCpuMillis: cpuSinceLastLine() });
          return;
        } catch {
          // not one of ours after all
        }
      }
      output.push(line);
    });
  };
  const mf = new Miniflare({
    ...(workerOptions as object),
    name: 'arsip-banten-test',
    modules: true,
    scriptPath: bundle.file,
    modulesRoot: bundle.dir,
    bindings: { ...workerOptions.bindings, ...vars },
    handleRuntimeStdio: (stdout: Readable, stderr: Readable) => {
      collect(stdout);
      collect(stderr);
    },
  } as ConstructorParameters<typeof Miniflare>[0]);
  await mf.ready;
  workerdPid = findWorkerdPid();
  return {
    mf,
    logs,
    output,
    async cron(expression) {
      // Miniflare's types name Workers types this project does not install; this is the part used.
      const worker = (await mf.getWorker()) as unknown as { scheduled(event: { cron: string; scheduledTime: Date }): Promise<{ outcome: string }> };
      cpuSinceLastLine(); // the cron's share starts now, not at start-up
      const result = await worker.scheduled({ cron: expression, scheduledTime: new Date() });
      if (result.outcome !== 'ok') throw new Error(`Expected the scheduled handler to succeed, received ${result.outcome}: ${output.slice(-10).join('\n')}`);
    },
    async fetch(pathAndQuery, init) {
      return (await mf.dispatchFetch(`http://localhost${pathAndQuery}`, init as never)) as unknown as Response;
    },
    dispose: () => mf.dispose(),
  };
}

/** Polls `check` until it returns a value (not undefined) or the time is up. */
export async function waitFor<T>(what: string, check: () => Promise<T | undefined>, timeoutMillis: number, intervalMillis = 200): Promise<T> {
  const deadline = Date.now() + timeoutMillis;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`Expected ${what} within ${timeoutMillis} ms, received nothing in time`);
    await new Promise((resolve) => setTimeout(resolve, intervalMillis));
  }
}
