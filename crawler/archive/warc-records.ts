/**
 * Turning an HTTP exchange into WARC 1.1 records and back, with `warcio` (Webrecorder's library). Each record
 * is its own gzip member, so a record can be read alone from its offset and length. Runtime-neutral.
 */
import { WARCParser, WARCRecord, WARCSerializer } from 'warcio';
import { ArchiveReadError, type ArchivedResponse, type HttpExchange, type WarcLocation } from './archive-store.ts';

/** Headers that describe the transfer, not the body we store (fetch has already undone the encoding). */
const TRANSFER_HEADERS = new Set(['content-encoding', 'transfer-encoding', 'content-length', 'connection', 'keep-alive']);

/** The gzipped `response` record and the `request` record that goes with it, ready to append. */
export async function serializeExchange(exchange: HttpExchange): Promise<{ response: Uint8Array; request: Uint8Array }> {
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
