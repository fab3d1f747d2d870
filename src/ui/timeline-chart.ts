import type { TimelineBucket } from '../search/meilisearch.ts';
import type { Interval } from '../search/query.ts';
import { formatDay, type Lang, type Messages } from './i18n.ts';
import { html, type SafeHtml } from './html.ts';

export interface TimelineSeries {
  label: string;
  buckets: TimelineBucket[];
  totalHits: number;
}

const WIDTH = 800;
const HEIGHT = 220;
const PAD = { left: 44, right: 12, top: 12, bottom: 34 };

/** Last calendar day of a bucket that starts on `start`. */
export function bucketEnd(start: string, interval: Interval): string {
  const [y, m, d] = start.split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  if (interval === 'week') date.setUTCDate(date.getUTCDate() + 6);
  if (interval === 'month') date.setUTCMonth(date.getUTCMonth() + 1, 0);
  return date.toISOString().slice(0, 10);
}

export function bucketLabel(bucket: TimelineBucket, interval: Interval, lang: Lang): string {
  if (interval === 'month') return formatDay(bucket.key, lang);
  if (interval === 'week') return `${bucket.key} (${formatDay(bucket.start, lang)})`;
  return formatDay(bucket.start, lang);
}

/**
 * One chart for one or more series over the same buckets: bars for a single query, lines when
 * queries are compared. Every bar links to the search narrowed to its period; the same numbers are
 * in a table for screen readers and for copying.
 */
export function renderTimeline(options: {
  series: TimelineSeries[];
  interval: Interval;
  lang: Lang;
  t: Messages;
  /** Link for a bucket (narrow the search to it); null = no links. */
  periodHref: ((start: string, end: string) => string) | null;
}): SafeHtml {
  const { series, interval, lang, t } = options;
  const buckets = series[0]?.buckets ?? [];
  if (buckets.length === 0) return html``;
  const max = Math.max(1, ...series.flatMap((s) => s.buckets.map((b) => b.count)));
  const plotW = WIDTH - PAD.left - PAD.right;
  const plotH = HEIGHT - PAD.top - PAD.bottom;
  const step = plotW / buckets.length;
  const y = (count: number) => PAD.top + plotH - (count / max) * plotH;
  const x = (i: number) => PAD.left + i * step;
  const labelEvery = Math.max(1, Math.ceil(buckets.length / 6));
  const peak = series[0]!.buckets.reduce((best, b) => (b.count > best.count ? b : best), series[0]!.buckets[0]!);
  const summary = `${t.timeline} (${series.map((s) => `${s.label}: ${t.articlesCount(s.totalHits)}`).join('; ')}). ${bucketLabel(peak, interval, lang)}: ${peak.count}.`;

  const gridLines = [0, 0.5, 1].map((f) => {
    const value = Math.round(max * f);
    return html`<line class="grid" x1="${PAD.left}" x2="${WIDTH - PAD.right}" y1="${y(value)}" y2="${y(value)}"></line><text class="axis" x="${PAD.left - 6}" y="${y(value) + 4}" text-anchor="end">${value}</text>`;
  });
  const xLabels = buckets.map((b, i) =>
    i % labelEvery === 0 ? html`<text class="axis" x="${x(i) + step / 2}" y="${HEIGHT - 12}" text-anchor="middle">${interval === 'day' ? formatDay(b.start, lang) : interval === 'week' ? b.key : formatDay(b.key, lang)}</text>` : null,
  );

  let marks: SafeHtml[];
  if (series.length === 1) {
    marks = buckets.map((b, i) => {
      const top = y(b.count);
      const barW = Math.max(1, step - Math.min(4, step * 0.2));
      const rect = html`<rect class="bar s0" x="${x(i).toFixed(1)}" y="${top.toFixed(1)}" width="${barW.toFixed(1)}" height="${(PAD.top + plotH - top).toFixed(1)}"><title>${bucketLabel(b, interval, lang)}: ${b.count}</title></rect>`;
      // A full-height transparent target keeps tiny bars clickable.
      const hit = html`<rect class="bar-target" x="${x(i).toFixed(1)}" y="${PAD.top}" width="${step.toFixed(1)}" height="${plotH}"><title>${bucketLabel(b, interval, lang)}: ${b.count}</title></rect>`;
      return options.periodHref && b.count > 0 ? html`<a href="${options.periodHref(b.start, bucketEnd(b.start, interval))}" aria-label="${bucketLabel(b, interval, lang)}: ${b.count}">${hit}${rect}</a>` : rect;
    });
  } else {
    marks = series.map((s, si) => {
      const points = s.buckets.map((b, i) => `${(x(i) + step / 2).toFixed(1)},${y(b.count).toFixed(1)}`).join(' ');
      const dots = s.buckets.length <= 80 ? s.buckets.map((b, i) => html`<circle class="dot s${si}" cx="${(x(i) + step / 2).toFixed(1)}" cy="${y(b.count).toFixed(1)}" r="3"><title>${s.label} — ${bucketLabel(b, interval, lang)}: ${b.count}</title></circle>`) : [];
      return html`<polyline class="line s${si}" points="${points}"></polyline>${dots}`;
    });
  }

  const legend =
    series.length > 1
      ? html`<ul class="legend">${series.map((s, si) => html`<li><span class="swatch s${si}" aria-hidden="true"></span>${s.label} <span class="muted">(${s.totalHits})</span></li>`)}</ul>`
      : null;

  const table = html`<details class="timeline-table"><summary>${t.timelineTable}</summary><div class="table-scroll"><table>
    <thead><tr><th scope="col">${t.period}</th>${series.map((s) => html`<th scope="col">${s.label}</th>`)}</tr></thead>
    <tbody>${buckets.map((b, i) => html`<tr><th scope="row">${bucketLabel(b, interval, lang)}</th>${series.map((s) => html`<td>${s.buckets[i]?.count ?? 0}</td>`)}</tr>`)}</tbody>
  </table></div></details>`;

  return html`<figure class="timeline" id="timeline">
    <svg viewBox="0 0 ${WIDTH} ${HEIGHT}" role="img" aria-labelledby="timeline-desc" focusable="false">
      <desc id="timeline-desc">${summary}</desc>
      ${gridLines}${marks}${xLabels}
      <line class="baseline" x1="${PAD.left}" x2="${WIDTH - PAD.right}" y1="${PAD.top + plotH}" y2="${PAD.top + plotH}"></line>
    </svg>
    ${legend}
    ${table}
  </figure>`;
}
