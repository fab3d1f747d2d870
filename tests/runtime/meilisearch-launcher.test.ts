import { execFile, spawn } from 'node:child_process';
import { constants as fsConstants } from 'node:fs';
import { access, chmod, chown, mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { launchMeilisearch, resolveMeilisearchBinary, type LocalMeilisearch } from '../../src/runtime/node/meilisearch-launcher.ts';

const run = promisify(execFile);
const tempDirs: string[] = [];
const servers: LocalMeilisearch[] = [];

async function tempDir(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'arsip-launcher-'));
  tempDirs.push(dir);
  return dir;
}

async function launch(options: Parameters<typeof launchMeilisearch>[0]): Promise<LocalMeilisearch> {
  const meili = await launchMeilisearch(options);
  servers.push(meili);
  return meili;
}

async function script(dir: string, name: string, body: string, mode = 0o755): Promise<string> {
  const file = path.join(dir, name);
  await writeFile(file, `#!/bin/sh\n${body}\n`, { mode });
  await chmod(file, mode);
  return file;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function isExecutable(file: string): Promise<boolean> {
  return access(file, fsConstants.X_OK).then(
    () => true,
    () => false,
  );
}

async function status(url: string, key?: string): Promise<number> {
  const res = await fetch(url, key ? { headers: { authorization: `Bearer ${key}` } } : {});
  await res.arrayBuffer();
  return res.status;
}

afterEach(async () => {
  await Promise.all(servers.splice(0).map((meili) => meili.stop()));
});

afterAll(async () => {
  await Promise.all(tempDirs.map((dir) => rm(dir, { recursive: true, force: true })));
});

describe('launchMeilisearch', () => {
  it('starts a healthy server on 127.0.0.1 with a private, generated master key, and stops it', async () => {
    const dataDir = path.join(await tempDir(), 'meili');
    const lines: string[] = [];
    const meili = await launch({ dataDir, log: (line) => lines.push(line) });

    expect(meili.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(await status(`${meili.url}/health`)).toBe(200);
    expect(await status(`${meili.url}/keys`)).toBe(401);
    expect(await status(`${meili.url}/keys`, meili.masterKey)).toBe(200);

    expect(meili.masterKey).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const keyFile = path.join(dataDir, 'master-key');
    expect((await stat(keyFile)).mode & 0o777).toBe(0o600);
    expect((await readFile(keyFile, 'utf8')).trim()).toBe(meili.masterKey);
    expect((await stat(path.join(dataDir, 'db'))).isDirectory()).toBe(true);

    expect(lines.length).toBeGreaterThan(0);
    expect(lines.join('\n')).not.toContain(meili.masterKey);
    const { stdout } = await run('ps', ['-o', 'args=', '-p', String(meili.pid)]);
    expect(stdout).toContain('--db-path');
    expect(stdout).not.toContain(meili.masterKey);

    // Concurrent and repeated stops are one stop.
    await Promise.all([meili.stop(), meili.stop()]);
    await meili.stop();
    expect(isAlive(meili.pid)).toBe(false);
    expect(await meili.exited).toEqual(expect.objectContaining({ signal: 'SIGTERM' }));
    await expect(access(path.join(dataDir, 'meilisearch.lock'))).rejects.toThrow();
  });

  it('reuses the master key and the data across restarts, and takes over a stale lock', async () => {
    const dataDir = await tempDir();
    const first = await launch({ dataDir });
    const created = await fetch(`${first.url}/indexes`, {
      method: 'POST',
      headers: { authorization: `Bearer ${first.masterKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ uid: 'kept', primaryKey: 'id' }),
    });
    expect(created.status).toBe(202);
    // Wait for the creation task before stopping.
    for (let i = 0; i < 100 && (await status(`${first.url}/indexes/kept`, first.masterKey)) !== 200; i += 1) await new Promise((r) => setTimeout(r, 50));
    await first.stop();

    // A lock left by a crashed run names a process that no longer exists.
    const dead = spawn('true');
    await new Promise((resolve) => dead.once('exit', resolve));
    await writeFile(path.join(dataDir, 'meilisearch.lock'), JSON.stringify({ ownerPid: dead.pid, serverPid: dead.pid, url: 'http://127.0.0.1:1' }));

    const second = await launch({ dataDir });
    expect(second.masterKey).toBe(first.masterKey);
    expect(await status(`${second.url}/indexes/kept`, second.masterKey)).toBe(200);
  });

  it('refuses a second server on a data directory that is in use, naming the running one', async () => {
    const dataDir = await tempDir();
    const first = await launch({ dataDir });
    const started = Date.now();
    await expect(launch({ dataDir })).rejects.toThrow(new RegExp(`already in use by Meilisearch pid ${first.pid} at ${first.url.replace(/\./g, '\\.')}`));
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(await status(`${first.url}/health`)).toBe(200);
  });

  it('says so when the requested port is taken', async () => {
    const blocker: Server = createServer((_req, res) => res.end('not meilisearch'));
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const { port } = blocker.address() as AddressInfo;
    try {
      await expect(launch({ dataDir: await tempDir(), port })).rejects.toThrow(`Port ${port} on 127.0.0.1 is already in use`);
    } finally {
      await new Promise((resolve) => blocker.close(resolve));
    }
  });

  it('reports an early exit with the exit code and the last server output', async () => {
    const dir = await tempDir();
    const binary = await script(dir, 'crashing', 'echo "starting up"\necho "Error: database version mismatch" >&2\nexit 3');
    const error = await launch({ dataDir: path.join(dir, 'data'), binaryPath: binary }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toContain('exited with code 3 before it was ready');
    expect((error as Error).message).toContain('Error: database version mismatch');
    // The lock is released so that a fixed setup can start.
    await expect(access(path.join(dir, 'data', 'meilisearch.lock'))).rejects.toThrow();
  });

  it('gives up after the start timeout, stops the process and shows its output', async () => {
    const dir = await tempDir();
    const pidFile = path.join(dir, 'pid');
    const binary = await script(dir, 'silent', `echo $$ > ${pidFile}\necho "waiting forever"\nexec sleep 60`);
    const started = Date.now();
    const error = await launch({ dataDir: path.join(dir, 'data'), binaryPath: binary, startTimeoutMillis: 500 }).catch((e: unknown) => e);
    expect(Date.now() - started).toBeLessThan(5_000);
    expect((error as Error).message).toMatch(/did not report GET \/health = available within the start timeout/);
    expect((error as Error).message).toContain('waiting forever');
    const pid = Number((await readFile(pidFile, 'utf8')).trim());
    expect(isAlive(pid)).toBe(false);
  });

  it('refuses a master key file that is too short, without printing it', async () => {
    const dataDir = await tempDir();
    await writeFile(path.join(dataDir, 'master-key'), 'tooShortKey\n', { mode: 0o600 });
    const error = await launch({ dataDir }).catch((e: unknown) => e);
    expect((error as Error).message).toContain('at least 16 bytes, found 11');
    expect((error as Error).message).not.toContain('tooShortKey');
  });
});

describe('resolveMeilisearchBinary', () => {
  it('names the setting to use when an explicit binary does not exist', async () => {
    const missing = path.join(await tempDir(), 'no-such-meilisearch');
    await expect(resolveMeilisearchBinary(missing)).rejects.toThrow(new RegExp(`at ${missing}.*MEILISEARCH_BINARY=.*MEILISEARCH_URL`));
  });

  it('adds the exec bit that npm leaves off', async () => {
    const dir = await tempDir();
    const binary = await script(dir, 'meilisearch', 'echo "meilisearch 1.21.0"', 0o644);
    expect(await isExecutable(binary)).toBe(false);
    expect(await resolveMeilisearchBinary(binary)).toBe(binary);
    expect((await stat(binary)).mode & 0o777).toBe(0o755);
  });

  it('finds the npm-shipped binary and it runs', async () => {
    const binary = await resolveMeilisearchBinary();
    expect(binary).toMatch(/@gaubee\/meilisearch-linux-amd64\/meilisearch$/);
    const { stdout } = await run(binary, ['--version']);
    expect(stdout).toMatch(/^meilisearch \d+\.\d+\.\d+/);
  });

  // Only root can run a check as another user; that user cannot chmod a root-owned file.
  it.skipIf(process.getuid?.() !== 0)('runs a copy under the data directory when the binary cannot be chmod-ed', async () => {
    const dir = await tempDir();
    await chmod(dir, 0o755);
    const binary = await script(dir, 'meilisearch', 'echo "copied binary runs"', 0o644);
    const dataDir = path.join(dir, 'data');
    await mkdir(dataDir, { mode: 0o700 });
    await chown(dataDir, 65534, 65534);
    const launcher = path.resolve('src/runtime/node/meilisearch-launcher.ts');
    const code = `const { resolveMeilisearchBinary } = await import(${JSON.stringify(launcher)});
const { execFileSync } = await import('node:child_process');
const copy = await resolveMeilisearchBinary(${JSON.stringify(binary)}, ${JSON.stringify(dataDir)});
console.log(JSON.stringify({ copy, output: execFileSync(copy, { encoding: 'utf8' }).trim() }));`;
    const { stdout } = await run('setpriv', ['--reuid=65534', '--regid=65534', '--clear-groups', process.execPath, '--import', 'tsx', '--input-type=module', '-e', code], {
      env: { ...process.env, HOME: dataDir, TSX_DISABLE_CACHE: '1' },
    });
    const result = JSON.parse(stdout.trim().split('\n').pop() ?? '{}') as { copy: string; output: string };
    expect(result.copy.startsWith(path.join(dataDir, 'bin') + path.sep)).toBe(true);
    expect(result.output).toBe('copied binary runs');
    expect((await stat(binary)).mode & 0o777).toBe(0o644);
  });
});
