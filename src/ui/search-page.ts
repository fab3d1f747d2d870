import type { FacetCount, PlaceFacets, SearchPage } from '../search/meilisearch.ts';
import { PLACE_LEVEL_SEPARATOR, provinceOfCity, regenciesOfProvince, wibDay, type Interval } from '../search/query.ts';
import { html, raw, type SafeHtml } from './html.ts';
import { formatDateTime, messages, type Messages } from './i18n.ts';
import { layout } from './layout.ts';
import { filterParams, stateHref, type ListParam, type PageState } from './page-state.ts';
import { renderTimeline, type TimelineSeries } from './timeline-chart.ts';

export interface SearchPageData {
  state: PageState;
  /** null when the engine could not answer. */
  page: SearchPage | null;
  /** Facet counts per parameter, each computed without that parameter's own filter (so OR works). */
  facets: Record<'city' | 'organisation' | 'author' | 'outlet', FacetCount[]>;
  /** The hierarchical place facet (province > kabupaten/kota > kecamatan), counted without its own filter; null when not indexed. */
  placeFacets: PlaceFacets | null;
  timeline: { interval: Interval; series: TimelineSeries[] } | null;
  unavailable: boolean;
  /** Now, unix seconds: date presets are relative to today in WIB. */
  nowSeconds: number;
}

/** Items shown before "show all"; the rest sit in a <details>, which needs no script. */
const FACET_TOP = 8;

export function renderSearchPage(data: SearchPageData): SafeHtml {
  const { state } = data;
  const t = messages(state.lang);
  const title = state.query.q ? `${state.query.q} — ${t.siteTitle}` : `${t.siteTitle}: ${t.tagline}`;
  const body = html`<main class="search-layout">
  ${searchForm(state, t)}
  ${state.problems.length > 0 ? html`<div class="notice error" role="alert"><strong>${t.invalid}:</strong> <ul>${state.problems.map((p) => html`<li><code>${p.param}</code>: ${p.message}</li>`)}</ul></div>` : null}
  ${data.unavailable ? html`<div class="notice error" role="alert">${t.unavailable}</div>` : null}
  <aside class="filters" id="filters" aria-label="${t.filters}">
    ${dateFilter(data, t)}
    ${data.placeFacets && (data.placeFacets.lvl0.length > 0 || data.state.query.place.length > 0) ? placeFacet(data, t) : cityFacet(data, t)}
    ${facetBlock(data, t, 'outlet', t.facetOutlet)}
    ${facetBlock(data, t, 'organisation', t.facetOrganisation)}
    ${facetBlock(data, t, 'author', t.facetAuthor)}
  </aside>
  <section class="results-area" aria-label="${t.results(data.page?.totalHits ?? 0)}">
    <a class="filters-jump" href="#filters" aria-controls="filters">${t.filters}${activeCount(state) ? ` (${activeCount(state)})` : ''}</a>
    ${activeFilters(state, t)}
    ${data.timeline ? timelineSection(data, t) : null}
    ${data.page ? resultList(data, t) : null}
  </section>
</main>`;
  return layout({ lang: state.lang, t, title, switchHref: stateHref(state, { lang: state.lang === 'en' ? 'id' : 'en' }), body });
}

/** Hidden inputs that carry the rest of the state through a GET form. */
function hiddenState(state: PageState, omit: ReadonlyArray<string>): SafeHtml {
  const params = new URL(stateHref(state, {}), 'http://x').searchParams;
  const fields: SafeHtml[] = [];
  for (const [name, value] of params) {
    if (omit.includes(name)) continue;
    fields.push(html`<input type="hidden" name="${name}" value="${value}">`);
  }
  return html`${fields}`;
}

function searchForm(state: PageState, t: Messages): SafeHtml {
  return html`<form class="search-form" role="search" action="/" method="get">
    <label for="q" class="search-label">${t.searchLabel}</label>
    <div class="search-row">
      <input id="q" name="q" type="search" value="${state.query.q}" placeholder="${t.searchPlaceholder}" autocomplete="off" maxlength="512" aria-describedby="syntax-help">
      <button type="submit">${t.searchButton}</button>
    </div>
    ${hiddenState(state, ['q', 'page'])}
    <details class="syntax" id="syntax-help"><summary>${t.syntaxHelp}</summary>
      <ul><li>${t.syntaxPhrase}</li><li>${t.syntaxExclude}</li><li>${t.syntaxAll}</li></ul>
    </details>
  </form>`;
}

function toggleHref(state: PageState, param: ListParam, value: string): string {
  return state.query[param].includes(value) ? stateHref(state, { remove: { param, value } }) : stateHref(state, { add: { param, value } });
}

function facetItem(state: PageState, t: Messages, param: ListParam, value: string, count: number, label = value): SafeHtml {
  const on = state.query[param].includes(value);
  return html`<li class="facet-item${on ? ' on' : ''}" data-value="${label.toLowerCase()}"><a href="${toggleHref(state, param, value)}"${on ? raw(' aria-current="true"') : ''}><span class="check" aria-hidden="true"></span><span class="facet-label">${label}</span>${on ? html`<span class="visually-hidden"> (${t.selected})</span>` : null}<span class="count">${count.toLocaleString('id-ID')}</span></a></li>`;
}

function facetShell(t: Messages, name: string, heading: string, total: number, top: SafeHtml, rest: SafeHtml | null, restCount: number): SafeHtml {
  return html`<section class="facet" data-facet="${name}">
    <h2>${heading}</h2>
    ${total > FACET_TOP ? html`<input type="search" class="facet-filter" placeholder="${t.facetSearch}" aria-label="${t.facetSearch}: ${heading}" hidden>` : null}
    <ul class="facet-list">${top}</ul>
    ${rest ? html`<details class="facet-more"><summary>${t.showAll} (${restCount + FACET_TOP})</summary><ul class="facet-list">${rest}</ul></details>` : null}
  </section>`;
}

function facetBlock(data: SearchPageData, t: Messages, param: 'outlet' | 'organisation' | 'author', heading: string): SafeHtml {
  const { state } = data;
  const counts = [...data.facets[param]];
  // A selected value with no hit left must stay visible, or it could not be unselected.
  for (const value of state.query[param]) if (!counts.some((c) => c.value === value)) counts.unshift({ value, count: 0 });
  if (counts.length === 0) return html``;
  const items = counts.map((c) => facetItem(state, t, param, c.value, c.count));
  const rest = items.slice(FACET_TOP);
  return facetShell(t, param, heading, items.length, html`${items.slice(0, FACET_TOP)}`, rest.length ? html`${rest}` : null, rest.length);
}

/**
 * Province > kabupaten/kota > kecamatan from the indexed place levels. Kecamatan show under a chosen
 * kabupaten/kota only, so the list stays short; choosing a level replaces its ancestors and
 * descendants (narrowing or widening), while places on other branches stay ORed.
 */
function placeFacet(data: SearchPageData, t: Messages): SafeHtml {
  const { state } = data;
  const levels = data.placeFacets!;
  const chosen = state.query.place;
  const withChosen = (list: FacetCount[], level: number) => {
    const out = [...list];
    for (const path of chosen) if (path.split(PLACE_LEVEL_SEPARATOR).length === level + 1 && !out.some((c) => c.value === path)) out.push({ value: path, count: 0 });
    return out;
  };
  const lvl0 = withChosen(levels.lvl0, 0).sort((a, b) => (a.value === 'Banten' ? -1 : b.value === 'Banten' ? 1 : b.count - a.count));
  const lvl1 = withChosen(levels.lvl1, 1);
  const lvl2 = withChosen(levels.lvl2, 2);
  const related = (a: string, b: string) => a === b || a.startsWith(b + PLACE_LEVEL_SEPARATOR) || b.startsWith(a + PLACE_LEVEL_SEPARATOR);
  const href = (path: string) =>
    chosen.includes(path)
      ? stateHref(state, { remove: { param: 'place', value: path } })
      : stateHref(state, { set: { param: 'place', values: [...chosen.filter((p) => !related(p, path)), path] } });
  const item = (entry: FacetCount, children: SafeHtml | null): SafeHtml => {
    const on = chosen.includes(entry.value);
    const label = entry.value.split(PLACE_LEVEL_SEPARATOR).pop()!;
    return html`<li class="facet-item${children ? ' tree' : ''}${on ? ' on' : ''}" data-value="${label.toLowerCase()}"><a href="${href(entry.value)}"${on ? raw(' aria-current="true"') : ''}><span class="check" aria-hidden="true"></span><span class="facet-label">${label}</span>${on ? html`<span class="visually-hidden"> (${t.selected})</span>` : null}<span class="count">${entry.count.toLocaleString('id-ID')}</span></a>${children}</li>`;
  };
  const childrenOf = (parent: string, list: FacetCount[]) => list.filter((c) => c.value.startsWith(parent + PLACE_LEVEL_SEPARATOR));
  const items = lvl0.map((province) => {
    const regencies = childrenOf(province.value, lvl1).map((regency) => {
      const open = chosen.some((p) => p === regency.value || p.startsWith(regency.value + PLACE_LEVEL_SEPARATOR));
      const districts = open ? childrenOf(regency.value, lvl2).map((d) => item(d, null)) : [];
      return item(regency, districts.length ? html`<ul class="facet-children">${districts}</ul>` : null);
    });
    return item(province, regencies.length ? html`<ul class="facet-children">${regencies}</ul>` : null);
  });
  const total = lvl0.length + lvl1.length;
  return html`<section class="facet" data-facet="place">
    <h2>${t.facetCity}</h2>
    ${total > FACET_TOP ? html`<input type="search" class="facet-filter" placeholder="${t.facetSearch}" aria-label="${t.facetSearch}: ${t.facetCity}" hidden>` : null}
    <ul class="facet-list facet-tree">${items}</ul>
  </section>`;
}

/** Province > kabupaten/kota, from the city facet and the official gazetteer (indexes without place levels). */
function cityFacet(data: SearchPageData, t: Messages): SafeHtml {
  const { state } = data;
  const other = state.lang === 'en' ? 'Other' : 'Lainnya';
  const groups = new Map<string, FacetCount[]>();
  const counts = [...data.facets.city];
  for (const value of state.query.city) if (!counts.some((c) => c.value === value)) counts.unshift({ value, count: 0 });
  for (const c of counts) {
    const province = provinceOfCity(c.value) ?? other;
    groups.set(province, [...(groups.get(province) ?? []), c]);
  }
  for (const province of state.query.province) if (!groups.has(province)) groups.set(province, []);
  if (groups.size === 0) return html``;
  const ordered = [...groups.entries()].sort((a, b) => (a[0] === 'Banten' ? -1 : b[0] === 'Banten' ? 1 : sum(b[1]) - sum(a[1])));
  const items = ordered.map(([province, cities]) => {
    const on = state.query.province.includes(province);
    const known = province !== other;
    const memberCities = known ? regenciesOfProvince(province) : [];
    const href = on
      ? stateHref(state, { remove: { param: 'province', value: province } })
      : stateHref(state, { add: { param: 'province', value: province }, set: { param: 'city', values: state.query.city.filter((c) => !memberCities.includes(c)) } });
    const head = known
      ? html`<a href="${href}"${on ? raw(' aria-current="true"') : ''}><span class="check" aria-hidden="true"></span><span class="facet-label">${province}</span>${on ? html`<span class="visually-hidden"> (${t.selected})</span>` : null}<span class="count">${sum(cities).toLocaleString('id-ID')}</span></a>`
      : html`<span class="facet-group">${province}</span>`;
    const children = cities.map((c) => {
      const selected = state.query.city.includes(c.value);
      // Choosing a city inside a chosen province narrows to that city.
      const cityHref = selected
        ? stateHref(state, { remove: { param: 'city', value: c.value } })
        : stateHref(state, { add: { param: 'city', value: c.value }, set: { param: 'province', values: state.query.province.filter((p) => p !== province) } });
      return html`<li class="facet-item${selected ? ' on' : ''}" data-value="${c.value.toLowerCase()}"><a href="${cityHref}"${selected ? raw(' aria-current="true"') : ''}><span class="check" aria-hidden="true"></span><span class="facet-label">${c.value}</span>${selected ? html`<span class="visually-hidden"> (${t.selected})</span>` : null}<span class="count">${c.count.toLocaleString('id-ID')}</span></a></li>`;
    });
    return html`<li class="facet-item tree${on ? ' on' : ''}" data-value="${province.toLowerCase()}">${head}<ul class="facet-children">${children}</ul></li>`;
  });
  return html`<section class="facet" data-facet="city">
    <h2>${t.facetCity}</h2>
    ${counts.length > FACET_TOP ? html`<input type="search" class="facet-filter" placeholder="${t.facetSearch}" aria-label="${t.facetSearch}: ${t.facetCity}" hidden>` : null}
    <ul class="facet-list facet-tree">${items}</ul>
  </section>`;
}

function activeCount(state: PageState): number {
  return state.query.place.length + state.query.city.length + state.query.province.length + state.query.organisation.length + state.query.author.length + state.query.outlet.length + (state.query.from || state.query.to ? 1 : 0);
}

function sum(list: FacetCount[]): number {
  return list.reduce((n, c) => n + c.count, 0);
}

function addDays(day: string, days: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

export function datePresets(nowSeconds: number): Record<'week' | 'month' | 'year', { from: string; to: string }> {
  const today = wibDay(nowSeconds);
  const weekday = (new Date(`${today}T00:00:00Z`).getUTCDay() + 6) % 7;
  return {
    week: { from: addDays(today, -weekday), to: today },
    month: { from: `${today.slice(0, 8)}01`, to: today },
    year: { from: `${today.slice(0, 4)}-01-01`, to: today },
  };
}

function dateFilter(data: SearchPageData, t: Messages): SafeHtml {
  const { state } = data;
  const presets = datePresets(data.nowSeconds);
  const { from, to } = state.query;
  const preset = (label: string, range: { from: string; to: string } | null) => {
    const active = range ? from === range.from && to === range.to : !from && !to;
    return html`<li><a class="preset${active ? ' on' : ''}" href="${stateHref(state, { from: range?.from ?? null, to: range?.to ?? null })}"${active ? raw(' aria-current="true"') : ''}>${label}</a></li>`;
  };
  const custom = Boolean((from || to) && ![presets.week, presets.month, presets.year].some((p) => p.from === from && p.to === to));
  return html`<section class="facet date-filter" data-facet="date">
    <h2>${t.dateRange}</h2>
    <ul class="presets">
      ${preset(t.presetAll, null)}${preset(t.presetWeek, presets.week)}${preset(t.presetMonth, presets.month)}${preset(t.presetYear, presets.year)}
    </ul>
    <details class="custom-range"${custom ? raw(' open') : ''}><summary>${t.presetCustom}</summary>
      <form action="/" method="get" class="range-form">
        ${hiddenState(state, ['from', 'to', 'page'])}
        <label>${t.from} <input type="date" name="from" value="${from ?? ''}"></label>
        <label>${t.to} <input type="date" name="to" value="${to ?? ''}"></label>
        <button type="submit">${t.apply}</button>
      </form>
    </details>
  </section>`;
}

function activeFilters(state: PageState, t: Messages): SafeHtml | null {
  const chips: SafeHtml[] = [];
  for (const param of ['place', 'province', 'city', 'outlet', 'organisation', 'author'] as const) {
    for (const value of state.query[param]) {
      chips.push(html`<li><a class="chip" href="${stateHref(state, { remove: { param, value } })}">${param === 'place' ? value.split(PLACE_LEVEL_SEPARATOR).join(' › ') : value} <span aria-hidden="true">×</span><span class="visually-hidden"> (${t.remove})</span></a></li>`);
    }
  }
  if (state.query.from || state.query.to) {
    chips.push(html`<li><a class="chip" href="${stateHref(state, { from: null, to: null })}">${state.query.from ?? '…'} – ${state.query.to ?? '…'} <span aria-hidden="true">×</span><span class="visually-hidden"> (${t.remove})</span></a></li>`);
  }
  if (chips.length === 0) return null;
  return html`<div class="active-filters"><ul>${chips}</ul><a class="clear" href="${stateHref(state, { clearFilters: true })}">${t.clearFilters}</a></div>`;
}

function timelineSection(data: SearchPageData, t: Messages): SafeHtml {
  const { state } = data;
  const timeline = data.timeline!;
  const intervals: Array<[Interval, string]> = [['day', t.perDay], ['week', t.perWeek], ['month', t.perMonth]];
  const chart = renderTimeline({
    series: timeline.series,
    interval: timeline.interval,
    lang: state.lang,
    t,
    periodHref: timeline.series.length === 1 ? (from, to) => stateHref(state, { from, to }) : null,
  });
  const compareChips = state.compare.map(
    (c) => html`<li><a class="chip" href="${stateHref(state, { compare: state.compare.filter((x) => x !== c) })}">${c} <span aria-hidden="true">×</span><span class="visually-hidden"> (${t.remove})</span></a></li>`,
  );
  return html`<section class="timeline-section" aria-labelledby="timeline-heading">
    <div class="section-head">
      <h2 id="timeline-heading">${t.timeline}</h2>
      <nav class="intervals" aria-label="${t.timeline}">${intervals.map(([value, label]) => html`<a href="${stateHref(state, { interval: value })}"${timeline.interval === value ? raw(' aria-current="true" class="on"') : ''}>${label}</a>`)}</nav>
    </div>
    ${chart}
    <form class="compare-form" action="/" method="get">
      ${hiddenState(state, ['page'])}
      <label for="compare-input">${t.compare}</label>
      <div class="search-row"><input id="compare-input" name="compare" type="search" placeholder="${t.comparePlaceholder}" maxlength="512"><button type="submit">${t.compareAdd}</button></div>
      ${compareChips.length ? html`<ul class="compare-chips">${compareChips}</ul>` : null}
    </form>
  </section>`;
}

function resultList(data: SearchPageData, t: Messages): SafeHtml {
  const { state } = data;
  const page = data.page!;
  const exportBase = filterParams(state.query);
  const exportHref = (format: 'csv' | 'ndjson', body: boolean) => {
    const params = new URLSearchParams(exportBase);
    params.set('format', format);
    if (body) params.set('body', '1');
    return `/export?${params}`;
  };
  const sortOptions: Array<[string, string]> = [['relevance', t.sortRelevance], ['newest', t.sortNewest], ['oldest', t.sortOldest]];
  const langQuery = state.lang === 'en' ? '?lang=en' : '';
  return html`<section class="results" id="results" tabindex="-1" aria-labelledby="results-count">
    <div class="results-head">
      <p id="results-count" class="count-line" role="status"><strong>${t.results(page.totalHits)}</strong></p>
      <form class="sort-form" action="/" method="get">
        ${hiddenState(state, ['sort', 'page'])}
        <label for="sort">${t.sort}</label>
        <select id="sort" name="sort" data-autosubmit>${sortOptions.map(([value, label]) => html`<option value="${value}"${page.sort === value ? raw(' selected') : ''}>${label}</option>`)}</select>
        <noscript><button type="submit">${t.apply}</button></noscript>
      </form>
    </div>
    <div class="export" aria-label="${t.export}">
      <span>${t.export}:</span>
      <a class="export-link" href="${exportHref('csv', false)}" download>${t.exportCsv}</a>
      <a class="export-link" href="${exportHref('ndjson', false)}" download>${t.exportNdjson}</a>
      <a class="export-link" href="${exportHref('csv', true)}" download>${t.exportCsv} ${t.exportWithBody}</a>
      <span class="muted">${t.exportNote}</span>
    </div>
    ${page.hits.length === 0 ? html`<p class="empty">${t.noResults}</p>` : null}
    <ol class="hits" start="${(page.page - 1) * page.perPage + 1}">
      ${page.hits.map(
        (hit) => html`<li class="hit">
        <h3><a href="/artikel/${hit.id}${langQuery}">${raw(hit.titleHtml)}</a></h3>
        <p class="meta"><span class="outlet">${hit.outlet}</span> · <time datetime="${hit.publishedAt}">${formatDateTime(hit.publishedAt, state.lang)}</time>${hit.authors.length ? html` · ${t.by} ${hit.authors.join(', ')}` : null}${hit.city ? html` · <span class="city">${hit.city}</span>` : null}</p>
        <p class="snippet">${raw(hit.snippetHtml)}</p>
      </li>`,
      )}
    </ol>
    ${pagination(state, page, t)}
  </section>`;
}

function pagination(state: PageState, page: SearchPage, t: Messages): SafeHtml | null {
  const last = Math.min(page.totalPages, Math.floor(10_000 / page.perPage));
  if (last <= 1) return null;
  const current = page.page;
  const numbers = new Set([1, last, current - 2, current - 1, current, current + 1, current + 2].filter((n) => n >= 1 && n <= last));
  const sorted = [...numbers].sort((a, b) => a - b);
  const links: SafeHtml[] = [];
  sorted.forEach((n, i) => {
    if (i > 0 && n - sorted[i - 1]! > 1) links.push(html`<li class="gap" aria-hidden="true">…</li>`);
    links.push(n === current ? html`<li><span aria-current="page">${n}</span></li>` : html`<li><a href="${stateHref(state, { page: n })}" aria-label="${t.page} ${n}">${n}</a></li>`);
  });
  return html`<nav class="pagination" aria-label="${t.page}">
    ${current > 1 ? html`<a rel="prev" href="${stateHref(state, { page: current - 1 })}">← ${t.prev}</a>` : null}
    <ol>${links}</ol>
    ${current < last ? html`<a rel="next" href="${stateHref(state, { page: current + 1 })}">${t.next} →</a>` : null}
  </nav>`;
}
