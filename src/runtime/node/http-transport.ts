/**
 * A transport for the `meilisearch` client over `node:http` (Node-only).
 *
 * Why: Node's global fetch (undici) stalls ~40 ms on a keep-alive POST whose response is over ~1 KB
 * (Nagle on our side meets delayed ACK on the server's), which turns a 2 ms search into a 48 ms one.
 * `node:http` with a keep-alive Agent and TCP_NODELAY answers in ~1.6 ms (see measured.md).
 *
 * The client's `httpClient` option replaces fetch entirely, including error handling: whatever we
 * return is the parsed body, whatever we throw the client wraps in its `MeilisearchRequestError`
 * (the original stays in `cause`). So non-2xx answers throw {@link MeilisearchHttpError} and silence
 * throws {@link MeilisearchUnreachableError}. An abort from the client's own `timeout` option (or a
 * caller's signal) rejects with the signal's reason, as fetch does, so the client keeps recognising it.
 */
import http from 'node:http';
import https from 'node:https';
import { MeilisearchHttpError, MeilisearchUnreachableError } from '../../search/errors.ts';

export { MeilisearchHttpError, MeilisearchUnreachableError };

export interface NodeHttpClientOptions {
  /** Whole-request budget (connect, send, full response). Default 30 000: settings and document uploads can be slow. */
  timeoutMillis?: number;
  /** Concurrent connections per server. Default 32. */
  maxSockets?: number;
}

export interface NodeHttpClient {
  httpClient: (input: string | URL | Request, init?: RequestInit) => Promise<unknown>;
  /** Closes idle keep-alive connections; requests in flight are destroyed. */
  close(): void;
}

const DEFAULT_TIMEOUT_MILLIS = 30_000;
const DEFAULT_MAX_SOCKETS = 32;
/** Idle sockets are dropped before typical proxy/load-balancer idle limits (60 s) close them under us. */
const IDLE_SOCKET_MILLIS = 30_000;

interface OutgoingRequest {
  url: URL;
  method: string;
  headers: Record<string, string>;
  body: Buffer | undefined;
  signal: AbortSignal | undefined;
}

export function createNodeHttpClient(options: NodeHttpClientOptions = {}): NodeHttpClient {
  const timeoutMillis = options.timeoutMillis ?? DEFAULT_TIMEOUT_MILLIS;
  const maxSockets = options.maxSockets ?? DEFAULT_MAX_SOCKETS;
  if (!Number.isFinite(timeoutMillis) || timeoutMillis <= 0) {
    throw new RangeError(`Expected \`timeoutMillis\` to be a positive number of milliseconds, received ${String(timeoutMillis)}`);
  }
  if (!Number.isInteger(maxSockets) || maxSockets < 1) {
    throw new RangeError(`Expected \`maxSockets\` to be an integer from 1 and up, received ${String(maxSockets)}`);
  }
  const agentOptions = { keepAlive: true, maxSockets, noDelay: true, timeout: IDLE_SOCKET_MILLIS };
  const httpAgent = new http.Agent(agentOptions);
  let httpsAgent: https.Agent | undefined;

  const agentFor = (url: URL): http.Agent => {
    if (url.protocol === 'http:') return httpAgent;
    httpsAgent ??= new https.Agent(agentOptions);
    return httpsAgent;
  };

  const httpClient = async (input: string | URL | Request, init: RequestInit = {}): Promise<unknown> => {
    const request = await toOutgoingRequest(input, init);
    return send(request, agentFor(request.url), Date.now() + timeoutMillis, timeoutMillis, true);
  };

  return {
    httpClient,
    close() {
      httpAgent.destroy();
      httpsAgent?.destroy();
    },
  };
}

function send(request: OutgoingRequest, agent: http.Agent, deadline: number, timeoutMillis: number, mayRetry: boolean): Promise<unknown> {
  const { url, method, signal } = request;
  return new Promise<unknown>((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const transport = url.protocol === 'https:' ? https : http;
    const outgoing = transport.request(url, { method, headers: request.headers, agent });
    let settled = false;
    const settle = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      outcome();
    };
    const timer = setTimeout(
      () => {
        settle(() =>
          reject(
            new MeilisearchUnreachableError(`Meilisearch at ${url.origin} did not answer ${method} ${url.pathname} within ${timeoutMillis} ms`, url.origin, {
              cause: new Error(`Request timed out after ${timeoutMillis} ms`),
            }),
          ),
        );
        outgoing.destroy();
      },
      Math.max(0, deadline - Date.now()),
    );
    const onAbort = () => {
      settle(() => reject(signal?.reason));
      outgoing.destroy();
    };
    signal?.addEventListener('abort', onAbort, { once: true });

    outgoing.on('error', (error: NodeJS.ErrnoException) => {
      if (settled) return;
      // A pooled connection the server closed while idle fails on first use without the server having
      // read anything: Node documents `reusedSocket` for exactly this retry. Once, on a fresh socket.
      if (mayRetry && outgoing.reusedSocket && (error.code === 'ECONNRESET' || error.code === 'EPIPE')) {
        settle(() => resolve(send(request, agent, deadline, timeoutMillis, false)));
        return;
      }
      settle(() => reject(unreachable(url, method, error)));
    });

    outgoing.on('response', (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('error', (error) => settle(() => reject(unreachable(url, method, error))));
      response.on('close', () => {
        if (!response.complete) settle(() => reject(unreachable(url, method, new Error('Connection closed before the response was complete'))));
      });
      response.on('end', () => {
        settle(() => {
          try {
            resolve(readResponse(url, method, response.statusCode ?? 0, String(response.headers['content-type'] ?? ''), Buffer.concat(chunks).toString('utf8')));
          } catch (error) {
            reject(error);
          }
        });
      });
    });

    outgoing.end(request.body);
  });
}

function readResponse(url: URL, method: string, status: number, contentType: string, text: string): unknown {
  const isJson = contentType.includes('json');
  if (status >= 200 && status < 300) {
    if (text === '') return undefined;
    return isJson ? JSON.parse(text) : text;
  }
  let body: { message?: unknown; code?: unknown; type?: unknown } | undefined;
  if (isJson) {
    try {
      body = JSON.parse(text) as typeof body;
    } catch {
      body = undefined;
    }
  }
  const code = typeof body?.code === 'string' ? body.code : null;
  const type = typeof body?.type === 'string' ? body.type : null;
  const detail = typeof body?.message === 'string' ? body.message : snippet(text);
  throw new MeilisearchHttpError(`Meilisearch answered ${status}${code ? ` ${code}` : ''} to ${method} ${url.pathname}: ${detail}`, status, code, type, {
    cause: body ?? text,
  });
}

function unreachable(url: URL, method: string, error: NodeJS.ErrnoException): MeilisearchUnreachableError {
  const code = error.code ? ` (${error.code})` : '';
  return new MeilisearchUnreachableError(`Could not reach Meilisearch at ${url.origin} for ${method} ${url.pathname}${code}: ${error.message}`, url.origin, {
    cause: error,
  });
}

async function toOutgoingRequest(input: string | URL | Request, init: RequestInit): Promise<OutgoingRequest> {
  const fromRequest = input instanceof Request ? input : undefined;
  const url = new URL(fromRequest ? fromRequest.url : String(input));
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new TypeError(`Expected an http: or https: Meilisearch URL, received ${url.protocol}`);
  }
  const method = (init.method ?? fromRequest?.method ?? 'GET').toUpperCase();
  const headers = new Headers(init.headers ?? fromRequest?.headers);
  let body = await toBuffer(init.body);
  if (body === undefined && fromRequest?.body) body = Buffer.from(await fromRequest.arrayBuffer());
  const plainHeaders: Record<string, string> = {};
  headers.forEach((value, name) => {
    plainHeaders[name] = value;
  });
  if (body !== undefined) plainHeaders['content-length'] = String(body.byteLength);
  return { url, method, headers: plainHeaders, body, signal: init.signal ?? fromRequest?.signal ?? undefined };
}

async function toBuffer(body: RequestInit['body']): Promise<Buffer | undefined> {
  if (body === undefined || body === null) return undefined;
  if (typeof body === 'string') return Buffer.from(body, 'utf8');
  if (body instanceof URLSearchParams) return Buffer.from(body.toString(), 'utf8');
  if (body instanceof ArrayBuffer) return Buffer.from(body);
  if (ArrayBuffer.isView(body)) return Buffer.from(body.buffer, body.byteOffset, body.byteLength);
  if (body instanceof Blob) return Buffer.from(await body.arrayBuffer());
  throw new TypeError(`Expected a request body as string, bytes, Blob or URLSearchParams, received ${Object.prototype.toString.call(body)}`);
}

function snippet(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat === '') return 'empty body';
  return flat.length > 200 ? `${flat.slice(0, 200)}…` : flat;
}
