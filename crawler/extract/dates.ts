/**
 * Dates as Indonesian news sites print them, and the choice of the publish date on a page.
 *
 * Times without a zone are WIB (+07:00): every outlet this project reads is in Banten.
 */
import type { CheerioAPI } from 'cheerio/slim';
import type { AnyNode, Element } from 'domhandler';
import type { StructuredData } from './structured-data.ts';
import { findPageRegions, isInChrome, type PageRegions } from './page-regions.ts';
import { normaliseSpace } from './text.ts';

export const WIB_OFFSET_MINUTES = 7 * 60;

const MONTHS: Record<string, number> = {
  januari: 1, january: 1, jan: 1,
  februari: 2, pebruari: 2, february: 2, feb: 2, peb: 2,
  maret: 3, march: 3, mar: 3,
  april: 4, apr: 4,
  mei: 5, may: 5,
  juni: 6, june: 6, jun: 6,
  juli: 7, july: 7, jul: 7,
  agustus: 8, august: 8, agust: 8, agu: 8, agt: 8, ags: 8, aug: 8,
  september: 9, sept: 9, sep: 9,
  oktober: 10, october: 10, okt: 10, oct: 10,
  november: 11, nopember: 11, nov: 11, nop: 11,
  desember: 12, december: 12, des: 12, dec: 12,
};

// Longest first, so that `Agustus` is not read as `Agu` + `stus`.
const MONTH_ALT = Object.keys(MONTHS)
  .sort((a, b) => b.length - a.length)
  .join('|');

const ISO_RE =
  /(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?(?![\d:])/;
const DAY_FIRST_RE = new RegExp(`(?<!\\d)(\\d{1,2})(?:\\s+|\\s*[-/.]\\s*)(${MONTH_ALT})\\.?(?:\\s+|\\s*[-/,]\\s*)(\\d{4})(?!\\d)`, 'i');
const MONTH_FIRST_RE = new RegExp(`(?<![\\p{L}])(${MONTH_ALT})\\.?\\s+(\\d{1,2})(?:st|nd|rd|th)?\\s*,?\\s+(\\d{4})(?!\\d)`, 'iu');
const DAY_MONTH_RE = new RegExp(`(?<!\\d)(\\d{1,2})\\s+(${MONTH_ALT})(?![\\p{L}])`, 'iu');
// `14/10/2025`, `14-10-2025`, `14.10.2025`; two-digit years only with a slash or a dash.
const NUMERIC_DMY_RE = /(?<![\d/.-])(\d{1,2})([/.-])(\d{1,2})\2(\d{4}|\d{2})(?![\d/.-]*\d)/;
const NUMERIC_YMD_RE = /(?<![\d/.-])(\d{4})([/.])(\d{1,2})\2(\d{1,2})(?![\d/.-]*\d)/;
const TIME_RE =
  /(?<![\d.,:])([01]?\d|2[0-3])[:.]([0-5]\d)(?:[:.]([0-5]\d))?(?![\d]|[.,:]\d)\s*(a\.?m\.?|p\.?m\.?)?/i;
const ZONE_RE = /\b(WITA|WIB|WIT)\b|(?:GMT|UTC)\s*([+-])\s*(\d{1,2})(?::?(\d{2}))?/i;
const RELATIVE_RE =
  /(?:(\d+)|\b(se|satu))\s*(detik|menit|jam|hari|minggu|pekan|bulan|tahun|seconds?|minutes?|hours?|days?|weeks?|months?|years?)\s+(?:yang\s+)?(?:lalu|silam|ago)\b/i;

const NEAR_DATE_CHARS = 40;
const ZONE_OFFSETS: Record<string, number> = { wib: 7 * 60, wita: 8 * 60, wit: 9 * 60 };
const UNIT_SECONDS: Record<string, number> = {
  detik: 1, second: 1, menit: 60, minute: 60, jam: 3600, hour: 3600, hari: 86_400, day: 86_400,
  minggu: 7 * 86_400, pekan: 7 * 86_400, week: 7 * 86_400, bulan: 30 * 86_400, month: 30 * 86_400,
  tahun: 365 * 86_400, year: 365 * 86_400,
};

export interface ParseDateOptions {
  /** Reference time for relative forms (`2 jam lalu`, `kemarin`) and dates printed without a year. */
  now?: Date;
}

/**
 * Reads one date as Indonesian (and English-language) news pages print it.
 *
 * @example parseIndonesianDate('Selasa, 14 Oktober 2025 - 16:20 WIB') // 2025-10-14T09:20:00Z
 * @example parseIndonesianDate('Rabu, Januari 07, 2026') // Blogger: month first
 * @example parseIndonesianDate('2 jam lalu', { now })
 */
export function parseIndonesianDate(text: string, options: ParseDateOptions = {}): Date | null {
  const input = normaliseSpace(text);
  if (input === '') return null;
  return parseIso(input) ?? parseCalendar(input, options.now) ?? parseRelative(input, options.now ?? new Date());
}

function parseIso(input: string): Date | null {
  const m = ISO_RE.exec(input);
  if (!m) return null;
  const zone = m[7];
  let offset = WIB_OFFSET_MINUTES;
  if (zone === 'Z') offset = 0;
  else if (zone) {
    const sign = zone.startsWith('-') ? -1 : 1;
    const digits = zone.slice(1).replace(':', '');
    offset = sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4) || '0'));
  }
  return fromFields(Number(m[1]), Number(m[2]), Number(m[3]), Number(m[4] ?? 0), Number(m[5] ?? 0), Number(m[6] ?? 0), offset);
}

interface DayFields {
  year: number;
  month: number;
  day: number;
  /** Where the date was printed, so that the time is not looked for inside it. */
  index: number;
  length: number;
}

/** The first date printed in `input` (several forms may match: the earliest one wins). */
function findDay(input: string, now: Date | undefined): DayFields | null {
  const found: DayFields[] = [];
  let m = DAY_FIRST_RE.exec(input);
  if (m) found.push(fields(m, Number(m[3]), MONTHS[m[2]!.toLowerCase()]!, Number(m[1])));
  m = MONTH_FIRST_RE.exec(input);
  if (m) found.push(fields(m, Number(m[3]), MONTHS[m[1]!.toLowerCase()]!, Number(m[2])));
  m = NUMERIC_YMD_RE.exec(input);
  if (m) found.push(fields(m, Number(m[1]), Number(m[3]), Number(m[4])));
  m = NUMERIC_DMY_RE.exec(input);
  if (m && !(m[4]!.length === 2 && m[2] === '.')) {
    found.push(fields(m, m[4]!.length === 2 ? Number(m[4]) + 2000 : Number(m[4]), Number(m[3]), Number(m[1])));
  }
  if (found.length > 0) return found.reduce((a, b) => (b.index < a.index ? b : a));
  m = DAY_MONTH_RE.exec(input);
  if (m && now) {
    // No year printed: the most recent such day that is not in the future.
    const month = MONTHS[m[2]!.toLowerCase()]!;
    const day = Number(m[1]);
    const wibNow = new Date(now.getTime() + WIB_OFFSET_MINUTES * 60_000);
    let year = wibNow.getUTCFullYear();
    if (Date.UTC(year, month - 1, day) > wibNow.getTime() + 86_400_000) year -= 1;
    return fields(m, year, month, day);
  }
  return null;
}

function fields(m: RegExpExecArray, year: number, month: number, day: number): DayFields {
  return { year, month, day, index: m.index, length: m[0].length };
}

function parseCalendar(input: string, now: Date | undefined): Date | null {
  const day = findDay(input, now);
  if (!day) return null;
  const end = day.index + day.length;
  // Only a time printed next to the date belongs to it (after it, else before it); a body's
  // `pukul 21.00` three sentences later does not.
  const after = input.slice(end, end + NEAR_DATE_CHARS);
  const before = input.slice(Math.max(0, day.index - NEAR_DATE_CHARS), day.index);
  const time = findTime(after) ?? findTime(before);
  const zone = findZone(`${before} ${after}`);
  return fromFields(day.year, day.month, day.day, time?.hour ?? 0, time?.minute ?? 0, time?.second ?? 0, zone);
}

function findTime(text: string): { hour: number; minute: number; second: number } | null {
  const m = TIME_RE.exec(text);
  if (!m) return null;
  let hour = Number(m[1]);
  const meridiem = m[4]?.toLowerCase().replace(/\./g, '');
  if (meridiem === 'pm' && hour < 12) hour += 12;
  if (meridiem === 'am' && hour === 12) hour = 0;
  return { hour, minute: Number(m[2]), second: Number(m[3] ?? 0) };
}

function findZone(text: string): number {
  const m = ZONE_RE.exec(text);
  if (!m) return WIB_OFFSET_MINUTES;
  if (m[1]) return ZONE_OFFSETS[m[1].toLowerCase()]!;
  const sign = m[2] === '-' ? -1 : 1;
  return sign * (Number(m[3]) * 60 + Number(m[4] ?? 0));
}

function parseRelative(input: string, now: Date): Date | null {
  const m = RELATIVE_RE.exec(input);
  if (m) {
    const count = m[1] ? Number(m[1]) : 1;
    const unit = m[3]!.toLowerCase().replace(/s$/, '');
    return new Date(now.getTime() - count * UNIT_SECONDS[unit]! * 1000);
  }
  const lower = input.toLowerCase();
  if (/\b(baru saja|just now)\b/.test(lower)) return now;
  const daysBack = /\b(kemarin|yesterday)\b/.test(lower) ? 1 : /\b(hari ini|today)\b/.test(lower) ? 0 : null;
  if (daysBack === null) return null;
  const time = findTime(input);
  if (!time) return new Date(now.getTime() - daysBack * 86_400_000);
  const wib = new Date(now.getTime() + WIB_OFFSET_MINUTES * 60_000 - daysBack * 86_400_000);
  return fromFields(wib.getUTCFullYear(), wib.getUTCMonth() + 1, wib.getUTCDate(), time.hour, time.minute, time.second, findZone(input));
}

function fromFields(year: number, month: number, day: number, hour: number, minute: number, second: number, offsetMinutes: number): Date | null {
  if (year < 1970 || year > 2200 || month < 1 || month > 12 || day < 1 || day > 31) return null;
  if (hour > 23 || minute > 59 || second > 59) return null;
  const utc = Date.UTC(year, month - 1, day, hour, minute, second);
  const check = new Date(utc);
  // Rejects 31 February and the like instead of rolling over into March.
  if (check.getUTCDate() !== day || check.getUTCMonth() !== month - 1) return null;
  return new Date(utc - offsetMinutes * 60_000);
}

export type DateSource = 'json-ld' | 'meta' | 'time-element' | 'byline-zone' | 'url' | 'body';

export interface PublishDates {
  published: Date | null;
  /** Where `published` was read: kept so that audits can tell a weak guess from a declared date. */
  publishedSource: DateSource | null;
  updated: Date | null;
}

const TIME_ELEMENT_SELECTOR = [
  'time[datetime]',
  '[itemprop="datePublished"]',
  'abbr.published[title]',
  '.published[title]',
  'meta[property="article:published_time"]',
].join(', ');

const BYLINE_ZONE_SELECTOR = [
  '[class*="date"]',
  '[class*="time"]',
  '[class*="meta"]',
  '[class*="byline"]',
  '[class*="posted"]',
  '[class*="tanggal"]',
  '[class*="waktu"]',
  '.date-header',
].join(', ');

/**
 * Chooses the publish date of an article page, most declared source first:
 * JSON-LD `datePublished`, then `article:published_time`, then `<time datetime>` / `abbr.published` inside
 * the article, then the date text printed near the title, then a date in the URL path, and only when
 * nothing else exists a date in the body (usually the date of the event, not of the article).
 * Anything in the site's header, navigation or sidebars (the "today's date" clock) is never read.
 */
export function extractPublishDate(
  $: CheerioAPI,
  structured: StructuredData,
  url: string,
  regions?: PageRegions,
  options: ParseDateOptions = {},
): PublishDates {
  const dates = choosePublishDate($, structured, url, regions, options);
  // A modification time equal to (or before) the publish time is no update.
  if (dates.updated && dates.published && dates.updated.getTime() <= dates.published.getTime()) return { ...dates, updated: null };
  return dates;
}

function choosePublishDate(
  $: CheerioAPI,
  structured: StructuredData,
  url: string,
  regions: PageRegions | undefined,
  options: ParseDateOptions,
): PublishDates {
  const updated = firstDate([structured.dateModified, structured.metaModifiedTime]);
  // Some plugins print the modification time as datePublished. When the URL carries the publish day and a
  // declared date falls on another day, the declared date is not trusted and the page's own date is read.
  const urlDay = fullDateInUrl(url);
  const agrees = (date: Date | null): date is Date => date !== null && (urlDay === null || toWibDay(date) === urlDay);
  const declared = firstDate([structured.datePublished]);
  if (agrees(declared)) return { published: declared, publishedSource: 'json-ld', updated };
  const meta = firstDate([structured.metaPublishedTime]);
  if (agrees(meta)) return { published: meta, publishedSource: 'meta', updated };

  const { scope, container, heading } = regions ?? findPageRegions($, structured);
  const inArticle = scope ? $(scope) : null;
  if (inArticle) {
    for (const el of inArticle.find(TIME_ELEMENT_SELECTOR).toArray()) {
      if (isInChrome(el, scope) || isInOtherStories(el, scope)) continue;
      const node = $(el);
      const value = node.attr('datetime') ?? node.attr('content') ?? node.attr('title') ?? node.text();
      let date = parseIndonesianDate(value, options);
      // `<time datetime="2025-10-14">14 Oktober 2025 16:20</time>`: the printed text has the time.
      if (date && /^\s*\d{4}-\d{2}-\d{2}\s*$/.test(value)) {
        const printed = parseIndonesianDate(node.text(), options);
        if (printed && toWibDay(printed) === toWibDay(date)) date = printed;
      }
      if (date) return { published: date, publishedSource: 'time-element', updated };
    }
    const zoneTexts: string[] = [];
    for (const el of inArticle.find(BYLINE_ZONE_SELECTOR).toArray()) {
      if (isInChrome(el, scope) || isInOtherStories(el, scope)) continue;
      if (container && (el === container || $(el).closest(container as never).length > 0)) continue;
      const text = normaliseSpace($(el).text());
      if (text.length > 0 && text.length <= 200) zoneTexts.push(text);
    }
    if (heading) {
      // Themes that print the date as a bare line next to the title, without a telling class.
      for (const sibling of [...$(heading).prevAll().toArray().slice(0, 2), ...$(heading).nextAll().toArray().slice(0, 3)]) {
        if (container && (sibling === container || $(sibling).find(container as never).length > 0)) continue;
        const text = normaliseSpace($(sibling).text());
        if (text.length > 0 && text.length <= 200) zoneTexts.push(text);
      }
    }
    for (const text of zoneTexts) {
      const date = parseIndonesianDate(text, options);
      if (date) return { published: date, publishedSource: 'byline-zone', updated };
    }
  }
  const fromUrl = dateFromUrl(url);
  if (fromUrl) return { published: fromUrl, publishedSource: 'url', updated };
  if (container) {
    const date = parseIndonesianDate($(container).text(), options);
    if (date) return { published: date, publishedSource: 'body', updated };
  }
  return { published: null, publishedSource: null, updated };
}

// Blocks that print other stories' or readers' dates: related and popular posts, comments, widgets.
const OTHER_STORIES_TOKEN = /related|comment|widget|popular|populer|trending|recent|terkini|terbaru|rekomendasi|baca-?juga|sidebar|share/i;

function isInOtherStories(el: AnyNode, scope: AnyNode | null): boolean {
  for (let node: AnyNode | null = el; node && node !== scope && node.type !== 'root'; node = node.parent) {
    if (node.type !== 'tag') continue;
    const attribs = (node as Element).attribs;
    if (OTHER_STORIES_TOKEN.test(`${attribs['class'] ?? ''} ${attribs['id'] ?? ''}`)) return true;
  }
  return false;
}

function toWibDay(date: Date): string {
  return new Date(date.getTime() + WIB_OFFSET_MINUTES * 60_000).toISOString().slice(0, 10);
}

function firstDate(values: Array<string | null>): Date | null {
  for (const value of values) {
    if (!value) continue;
    const date = parseIndonesianDate(value);
    if (date) return date;
  }
  return null;
}

/** The WIB day (`2025-10-14`) of a URL with a full date path (`/2025/10/14/slug/`), else null. */
function fullDateInUrl(url: string): string | null {
  const m = /\/(20\d{2})\/(\d{2})\/(\d{2})(?=\/)/.exec(url);
  return m ? `${m[1]}-${m[2]}-${m[3]}` : null;
}

/** `/2025/10/14/slug`, `/2025/10/slug.html` (Blogger), `/20251014/slug`. */
export function dateFromUrl(url: string): Date | null {
  let path: string;
  try {
    path = new URL(url).pathname;
  } catch {
    return null;
  }
  let m = /\/(20\d{2}|19\d{2})\/(\d{1,2})\/(\d{1,2})(?=\/|$)/.exec(path);
  if (m) return fromFields(Number(m[1]), Number(m[2]), Number(m[3]), 0, 0, 0, WIB_OFFSET_MINUTES);
  m = /\/(20\d{2})(\d{2})(\d{2})(?=[/_-])/.exec(path);
  if (m) return fromFields(Number(m[1]), Number(m[2]), Number(m[3]), 0, 0, 0, WIB_OFFSET_MINUTES);
  m = /\/(20\d{2}|19\d{2})\/(\d{1,2})(?=\/)/.exec(path);
  if (m) return fromFields(Number(m[1]), Number(m[2]), 1, 0, 0, 0, WIB_OFFSET_MINUTES);
  return null;
}
