/**
 * Reads a fetched body within a byte cap and turns it into text with the right character set. Old Indonesian
 * news sites still serve windows-1252 or iso-8859-1 pages, sometimes declared only in a <meta> tag or an XML
 * declaration.
 */

export interface DecodedBody {
  text: string;
  /** The encoding name TextDecoder used, e.g. `utf-8`, `windows-1252`. */
  encoding: string;
  /** Where the encoding came from. */
  source: 'bom' | 'header' | 'document' | 'default';
}

const PRESCAN_BYTES = 1024;

/** The mime type of a Content-Type header value, lowercased, without parameters (`''` when absent). */
export function mimeTypeOf(contentType: string | null): string {
  return (contentType ?? '').split(';')[0]!.trim().toLowerCase();
}

/** The `charset` parameter of a Content-Type header value, or null. */
export function charsetOf(contentType: string | null): string | null {
  const match = /;\s*charset\s*=\s*"?([^";\s]+)/i.exec(contentType ?? '');
  return match ? match[1]!.toLowerCase() : null;
}

/**
 * Decodes `bytes` following the HTML standard's order: a byte order mark wins (browsers let it override the
 * header), then the Content-Type charset, then `<meta charset>` / `http-equiv` / `<?xml encoding?>` in the first
 * 1024 bytes, then UTF-8. Labels TextDecoder does not know are skipped, never fatal.
 */
export function decodeBody(bytes: Uint8Array, contentType: string | null): DecodedBody {
  const candidates: [string | null, DecodedBody['source']][] = [
    [sniffBom(bytes), 'bom'],
    [charsetOf(contentType), 'header'],
    [prescanDocument(bytes), 'document'],
  ];
  for (const [label, source] of candidates) {
    const decoder = label ? decoderFor(label) : null;
    if (decoder) return { text: decodeWith(decoder, bytes), encoding: decoder.encoding, source };
  }
  return { text: new TextDecoder('utf-8').decode(bytes), encoding: 'utf-8', source: 'default' };
}

// windows-1252 bytes 0x80-0x9F (WHATWG index); 0x81, 0x8D, 0x8F, 0x90 and 0x9D stay as they are.
const WINDOWS_1252_C1 =
  '\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f' +
  '\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178';

function decodeWith(decoder: TextDecoder, bytes: Uint8Array): string {
  const text = decoder.decode(bytes);
  // Node >= 20.18.3 / 22.13 and workerd decode windows-1252 (and so latin1/iso-8859-1, its WHATWG aliases) as
  // plain Latin-1, turning curly quotes and dashes into C1 controls (nodejs/node#60888, cloudflare/workerd#6027).
  if (decoder.encoding !== 'windows-1252') return text;
  return text.replace(/[\u0080-\u009f]/g, (char) => WINDOWS_1252_C1[char.charCodeAt(0) - 0x80]!);
}

function decoderFor(label: string): TextDecoder | null {
  try {
    return new TextDecoder(label);
  } catch {
    return null;
  }
}

function sniffBom(bytes: Uint8Array): string | null {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf-8';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  return null;
}

function prescanDocument(bytes: Uint8Array): string | null {
  // latin1 maps every byte to one char, so ASCII markup is readable whatever the real encoding is.
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, PRESCAN_BYTES));
  const declared =
    /<meta\b[^>]*?\bcharset\s*=\s*["']?\s*([\w.:-]+)/i.exec(head)?.[1] ??
    /^\s*<\?xml\b[^>]*?\bencoding\s*=\s*["']([\w.:-]+)["']/i.exec(head)?.[1];
  if (!declared) return null;
  // A document that is really UTF-16 cannot be read as ASCII, so a meta tag claiming UTF-16 is wrong (HTML spec).
  return /^utf-?16/i.test(declared) ? 'utf-8' : declared.toLowerCase();
}

/** Reads a whole byte stream, or cancels it and returns null as soon as it exceeds `maxBytes`. */
export async function readStreamCapped(stream: ReadableStream<Uint8Array>, maxBytes: number): Promise<Uint8Array | null> {
  const reader = stream.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
    total += chunk.value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => {});
      return null;
    }
    chunks.push(chunk.value);
  }
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}
