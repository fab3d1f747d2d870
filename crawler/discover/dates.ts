/**
 * Dates as discovery sources write them: W3C datetimes in sitemaps and Atom, RFC 822 in RSS, and the
 * zone-less or `WIB` variants Indonesian CMSs produce.
 */

// Every outlet we crawl is in Banten, so a time written without a zone is Western Indonesia Time.
const DEFAULT_OFFSET = '+07:00';
const INDONESIAN_ZONES: Record<string, string> = { WIB: '+0700', WITA: '+0800', WIT: '+0900' };
const ISO_LIKE =
  /^(\d{4})-(\d{2})(?:-(\d{2}))?(?:[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;

/** Parses a sitemap/feed date; undefined when empty or unreadable (never an Invalid Date). */
export function parseDiscoveryDate(text: string | undefined): Date | undefined {
  const value = text?.trim();
  if (!value) return undefined;
  const iso = ISO_LIKE.exec(value);
  if (iso) {
    const [, year, month, day = '01', hour = '00', minute = '00', second = '00', fraction = '', zone] = iso;
    const offset = !zone ? DEFAULT_OFFSET : zone.toUpperCase() === 'Z' ? 'Z' : normalizeOffset(zone);
    return valid(new Date(`${year}-${month}-${day}T${hour}:${minute}:${second}${fraction}${offset}`));
  }
  const withZone = value.replace(/\b(WIB|WITA|WIT)\b/, (zone) => INDONESIAN_ZONES[zone] ?? zone);
  return valid(new Date(withZone));
}

function normalizeOffset(zone: string): string {
  const digits = zone.slice(1).replace(':', '').padEnd(4, '0');
  return `${zone[0]}${digits.slice(0, 2)}:${digits.slice(2, 4)}`;
}

function valid(date: Date): Date | undefined {
  return Number.isNaN(date.getTime()) ? undefined : date;
}
