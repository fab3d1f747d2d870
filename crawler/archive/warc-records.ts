/**
 * Turning an HTTP exchange into WARC 1.1 records and back, with `warcio` (Webrecorder's library). Each record
 * is its own gzip member, so a record can be read alone from its offset and length. Runtime-neutral.
 */
import { WARCParser, WARCRecord, WARCSerializer } from 'warcio';
import { sha256Hex } from '../../src/article.ts';
import { ArchiveReadError, type ArchivedResponse, type HttpExchange, type WarcLocation } from './archive-store.ts';

/** Headers that describe the transfer, not the body we store (fetch has already undone the encoding). */
const TRANSFER_HEADERS = new Set(['content-encoding', 'transfer-encoding', 'content-length', 'connection', 'keep-alive']);

/**
 * The gzipped `response` record and the `request` record that goes with it, ready to append: what every archive
 * backend writes. The WARC-Block-Digest and WARC-Payload-Digest are computed with crypto.subtle beforehand, and
 * warcio skips its own hashing when a record carries both: its hashing (hash-wasm) compiles WebAssembly at run
 * time, which workerd forbids ("Wasm code generation disallowed by embedder").
 */
export async function serializeExchangeWithDigests(exchange: HttpExchange): Promise<{ response: Uint8Array; request: Uint8Array }> {
  const { response, request } = exchangeRecords(exchange);
  await Promise.all([setDigests(response, exchange.body), setDigests(request, new Uint8Array(0))]);
  return serializePair(response, request);
}

/**
 * The same records with the digests warcio computes itself (Node only, see above): the reference that
 * {@link serializeExchangeWithDigests} is checked against.
 */
export async function serializeExchange(exchange: HttpExchange): Promise<{ response: Uint8Array; request: Uint8Array }> {
  const { response, request } = exchangeRecords(exchange);
  return serializePair(response, request);
}

function exchangeRecords(exchange: HttpExchange): { response: WARCRecord; request: WARCRecord } {
  const date = exchange.fetchedAt.toISOString();
  const url = new URL(exchange.url);
  const responseHeaders: Array<[string, string]> = [];
  exchange.responseHeaders.forEach((value, name) => {
    if (!TRANSFER_HEADERS.has(name)) responseHeaders.push([name, value]);
  });
  responseHeaders.push(['content-length', String(exchange.body.length)]);
  const response = WARCRecord.create(
    {
      url: exchange.url,
      date,
      type: 'response',
      warcVersion: 'WARC/1.1',
      statusline: `HTTP/1.1 ${exchange.status} ${exchange.statusText ?? ''}`.trimEnd(),
      httpHeaders: responseHeaders,
    },
    [exchange.body],
  );
  const requestHeaders: Array<[string, string]> = [['host', url.host]];
  exchange.requestHeaders.forEach((value, name) => requestHeaders.push([name, value]));
  const request = WARCRecord.create(
    {
      url: exchange.url,
      date,
      type: 'request',
      warcVersion: 'WARC/1.1',
      statusline: `${exchange.method ?? 'GET'} ${url.pathname}${url.search} HTTP/1.1`,
      httpHeaders: requestHeaders,
      warcHeaders: { 'WARC-Concurrent-To': response.warcHeader('WARC-Record-ID') ?? '' },
    },
    [],
  );
  return { response, request };
}

/** The block is the HTTP header block (as warcio writes it: its text plus CRLF) followed by the payload. */
async function setDigests(record: WARCRecord, payload: Uint8Array): Promise<void> {
  const headerBlock = new TextEncoder().encode(`${record.httpHeaders?.toString() ?? ''}\r\n`);
  const block = new Uint8Array(headerBlock.length + payload.length);
  block.set(headerBlock);
  block.set(payload, headerBlock.length);
  const [blockHash, payloadHash] = await Promise.all([sha256Hex(block), sha256Hex(payload)]);
  record.warcHeaders.headers.set('WARC-Block-Digest', `sha256:${blockHash}`);
  record.warcHeaders.headers.set('WARC-Payload-Digest', `sha256:${payloadHash}`);
}

async function serializePair(response: WARCRecord, request: WARCRecord): Promise<{ response: Uint8Array; request: Uint8Array }> {
  return {
    response: await WARCSerializer.serialize(response, { gzip: true }),
    request: await WARCSerializer.serialize(request, { gzip: true }),
  };
}

/** The `warcinfo` record that opens each archive file. */
export async function serializeWarcInfo(filename: string, info: Record<string, string>): Promise<Uint8Array> {
  const record = WARCRecord.createWARCInfo({ filename, warcVersion: 'WARC/1.1' }, info);
  return WARCSerializer.serialize(record, { gzip: true });
}

/** Reads one response record from exactly its bytes. */
export async function parseResponseRecord(bytes: Uint8Array, location: WarcLocation): Promise<ArchivedResponse> {
  let record: WARCRecord | null;
  try {
    record = await WARCParser.parse([bytes]);
  } catch (error) {
    throw new ArchiveReadError(`Expected a WARC record at ${describe(location)}, received unreadable bytes`, { cause: error });
  }
  if (!record) throw new ArchiveReadError(`Expected a WARC record at ${describe(location)}, received none`);
  const response = await toArchivedResponse(record, location);
  if (!response) throw new ArchiveReadError(`Expected a response record at ${describe(location)}, received a ${record.warcType} record`);
  return response;
}

/** An ArchivedResponse from a parsed record, or null when the record is not an HTTP response. */
export async function toArchivedResponse(record: WARCRecord, location: WarcLocation): Promise<ArchivedResponse | null> {
  if (record.warcType !== 'response' || !record.httpHeaders) {
    await record.skipFully();
    return null;
  }
  const body = await record.readFully(false);
  const headers = new Headers();
  for (const [name, value] of record.httpHeaders.headers as Iterable<[string, string]>) {
    try {
      headers.append(name, value);
    } catch {
      // A header value Headers refuses (non-Latin-1) is dropped, not fatal to reading the page.
    }
  }
  return {
    url: record.warcTargetURI ?? '',
    fetchedAt: new Date(record.warcDate ?? 0),
    status: Number(record.httpHeaders.statusCode),
    headers,
    body,
    location,
  };
}

const describe = (location: WarcLocation) => `${location.file} offset ${location.offset} length ${location.length}`;
