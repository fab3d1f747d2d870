/** The pages' stylesheet, served from /assets/app.css (a module, so Workers need no file access). */
export const APP_CSS = `
:root {
  --ink: #1d2327; --muted: #5b6770; --line: #d9dee2; --bg: #f6f7f8; --card: #fff;
  --accent: #0b5d6b; --accent-ink: #fff; --mark: #ffe28a;
  --s0: #0b5d6b; --s1: #c2410c; --s2: #6d28d9; --s3: #15803d; --s4: #b91c1c;
  font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "DejaVu Sans", sans-serif;
  color: var(--ink); background: var(--bg);
}
* { box-sizing: border-box; }
body { margin: 0; line-height: 1.5; }
a { color: var(--accent); }
a:focus-visible, button:focus-visible, input:focus-visible, select:focus-visible, summary:focus-visible { outline: 3px solid #f59e0b; outline-offset: 2px; }
mark { background: var(--mark); color: inherit; padding: 0 .1em; border-radius: 2px; }
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
.skip { position: absolute; left: -999px; top: 0; background: var(--card); padding: .5rem; z-index: 10; }
.skip:focus { left: .5rem; }
.muted { color: var(--muted); }
header.site { display: flex; flex-wrap: wrap; align-items: baseline; gap: .25rem 1rem; padding: .75rem 1rem; background: var(--accent); color: var(--accent-ink); }
header.site a { color: var(--accent-ink); }
.brand { font-weight: 700; font-size: 1.25rem; text-decoration: none; }
.tagline { opacity: .85; font-size: .9rem; }
.site-nav { margin-left: auto; display: flex; gap: 1rem; font-size: .95rem; }
main { max-width: 1200px; margin: 0 auto; padding: 1rem; }
.search-layout { display: grid; grid-template-columns: 270px 1fr; gap: 1rem 1.5rem; grid-template-areas: "form form" "notice notice" "filters results"; }
.search-form { grid-area: form; }
.search-layout > .notice { grid-column: 1 / -1; }
.filters { grid-area: filters; min-width: 0; }
.filters-jump { display: none; }
.results-area { grid-area: results; min-width: 0; }
.search-label { display: block; font-weight: 600; margin-bottom: .25rem; }
.search-row { display: flex; gap: .5rem; }
.search-row input { flex: 1; min-width: 0; }
input[type=search], input[type=date], select { font: inherit; padding: .5rem .6rem; border: 1px solid #9aa5ad; border-radius: 6px; background: #fff; color: var(--ink); }
.search-form input[type=search] { font-size: 1.1rem; padding: .6rem .75rem; }
button { font: inherit; padding: .5rem 1rem; border: 0; border-radius: 6px; background: var(--accent); color: var(--accent-ink); cursor: pointer; }
button:hover { filter: brightness(1.1); }
.syntax { margin-top: .35rem; font-size: .9rem; color: var(--muted); }
.syntax ul { margin: .25rem 0 0; padding-left: 1.25rem; }
.notice { padding: .75rem 1rem; border-radius: 6px; background: #fff7e6; border: 1px solid #f0c36d; }
.notice.error { background: #fdecec; border-color: #e5a3a3; }
.notice ul { margin: .25rem 0 0; }
.facet { background: var(--card); border: 1px solid var(--line); border-radius: 8px; padding: .75rem; margin-bottom: .75rem; }
.facet h2 { font-size: .95rem; margin: 0 0 .5rem; text-transform: uppercase; letter-spacing: .03em; color: var(--muted); }
.facet-filter { width: 100%; margin-bottom: .5rem; font-size: .9rem; padding: .35rem .5rem; }
.facet-list { list-style: none; margin: 0; padding: 0; }
.facet-item > a { display: flex; align-items: baseline; gap: .4rem; padding: .2rem .25rem; border-radius: 4px; text-decoration: none; color: var(--ink); }
.facet-item > a:hover { background: #eef5f6; }
.facet-label { flex: 1; overflow-wrap: anywhere; }
.count { color: var(--muted); font-size: .85rem; font-variant-numeric: tabular-nums; }
.check { width: .9rem; height: .9rem; border: 1.5px solid #7c8a93; border-radius: 3px; flex: none; position: relative; top: .1rem; }
.facet-item.on > a .check { background: var(--accent); border-color: var(--accent); }
.facet-item.on > a .check::after { content: ""; position: absolute; left: .22rem; top: .02rem; width: .25rem; height: .5rem; border: solid #fff; border-width: 0 2px 2px 0; transform: rotate(45deg); }
.facet-item.on > a { font-weight: 600; }
.facet-children { list-style: none; margin: 0 0 .25rem; padding-left: 1.1rem; border-left: 1px dashed var(--line); margin-left: .45rem; }
.facet-group { display: block; font-weight: 600; padding: .2rem .25rem; color: var(--muted); }
.facet-more summary { cursor: pointer; font-size: .9rem; color: var(--accent); margin-top: .25rem; }
.presets { list-style: none; margin: 0 0 .5rem; padding: 0; display: flex; flex-wrap: wrap; gap: .35rem; }
.preset { display: inline-block; padding: .2rem .6rem; border: 1px solid var(--line); border-radius: 999px; text-decoration: none; font-size: .9rem; }
.preset.on { background: var(--accent); color: var(--accent-ink); border-color: var(--accent); }
.custom-range summary { cursor: pointer; font-size: .9rem; color: var(--accent); }
.range-form { display: grid; gap: .5rem; margin-top: .5rem; }
.range-form label { display: grid; font-size: .9rem; }
.active-filters { display: flex; flex-wrap: wrap; align-items: center; gap: .5rem; margin-bottom: .75rem; }
.active-filters ul, .compare-chips { list-style: none; margin: 0; padding: 0; display: flex; flex-wrap: wrap; gap: .35rem; }
.chip { display: inline-block; padding: .15rem .6rem; border-radius: 999px; background: #e3eff1; color: var(--ink); text-decoration: none; font-size: .9rem; }
.chip:hover { background: #cfe3e6; }
.clear { font-size: .9rem; }
.timeline-section, .results { background: var(--card); border: 1px solid var(--line); border-radius: 8px; padding: .75rem 1rem; margin-bottom: 1rem; }
.section-head { display: flex; flex-wrap: wrap; justify-content: space-between; align-items: baseline; gap: .5rem; }
.section-head h2 { font-size: 1.05rem; margin: 0; }
.intervals { display: flex; gap: .75rem; font-size: .9rem; }
.intervals a.on { font-weight: 700; color: var(--ink); text-decoration: none; }
.timeline { margin: .5rem 0; }
.timeline svg { width: 100%; height: auto; display: block; }
.timeline .bar { fill: var(--s0); }
.timeline a:hover .bar, .timeline a:focus .bar { fill: #f59e0b; }
.timeline .bar-target { fill: transparent; }
.timeline .grid { stroke: #e8ecef; }
.timeline .baseline { stroke: #9aa5ad; }
.timeline .axis { font-size: 11px; fill: var(--muted); }
.timeline .line { fill: none; stroke-width: 2.5; }
.line.s0 { stroke: var(--s0); } .line.s1 { stroke: var(--s1); } .line.s2 { stroke: var(--s2); } .line.s3 { stroke: var(--s3); } .line.s4 { stroke: var(--s4); }
.dot.s0, .swatch.s0 { fill: var(--s0); background: var(--s0); } .dot.s1, .swatch.s1 { fill: var(--s1); background: var(--s1); }
.dot.s2, .swatch.s2 { fill: var(--s2); background: var(--s2); } .dot.s3, .swatch.s3 { fill: var(--s3); background: var(--s3); } .dot.s4, .swatch.s4 { fill: var(--s4); background: var(--s4); }
.legend { list-style: none; display: flex; flex-wrap: wrap; gap: .25rem 1rem; padding: 0; margin: .25rem 0; font-size: .9rem; }
.swatch { display: inline-block; width: .8rem; height: .8rem; border-radius: 2px; margin-right: .3rem; vertical-align: -1px; }
.timeline-table summary { cursor: pointer; font-size: .9rem; color: var(--accent); }
.table-scroll { max-height: 18rem; overflow: auto; }
.timeline-table table { border-collapse: collapse; font-size: .9rem; margin-top: .25rem; }
.timeline-table th, .timeline-table td { padding: .15rem .75rem .15rem 0; text-align: left; border-bottom: 1px solid #eef0f2; }
.timeline-table td { text-align: right; font-variant-numeric: tabular-nums; }
.compare-form { margin-top: .5rem; font-size: .95rem; }
.compare-form label { display: block; margin-bottom: .25rem; }
.compare-form .search-row { max-width: 28rem; }
.compare-chips { margin-top: .5rem; }
.results-head { display: flex; flex-wrap: wrap; justify-content: space-between; align-items: center; gap: .5rem; }
.count-line { margin: 0; }
.sort-form { display: flex; align-items: center; gap: .4rem; }
.export { display: flex; flex-wrap: wrap; gap: .35rem .75rem; align-items: baseline; font-size: .9rem; padding: .4rem 0 .6rem; border-bottom: 1px solid var(--line); }
.hits { list-style: none; padding: 0; margin: 0; }
.hit { padding: .8rem 0; border-bottom: 1px solid #eef0f2; }
.hit h3 { font-size: 1.1rem; margin: 0 0 .15rem; line-height: 1.3; }
.hit h3 a { text-decoration: none; }
.hit h3 a:hover { text-decoration: underline; }
.hit .meta { margin: 0 0 .25rem; font-size: .88rem; color: var(--muted); }
.hit .outlet { font-weight: 600; color: var(--ink); }
.snippet { margin: 0; }
.empty { padding: 1rem 0; color: var(--muted); }
.pagination { display: flex; flex-wrap: wrap; gap: .5rem; align-items: center; justify-content: center; padding-top: .75rem; }
.pagination ol { list-style: none; display: flex; gap: .25rem; padding: 0; margin: 0; }
.pagination a, .pagination span { display: inline-block; min-width: 2.2rem; text-align: center; padding: .3rem .5rem; border-radius: 6px; }
.pagination span[aria-current] { background: var(--accent); color: var(--accent-ink); }
.article-layout { display: grid; grid-template-columns: 1fr 300px; gap: 1.5rem; grid-template-areas: "back back" "article meta"; }
.article-layout .back { grid-area: back; margin: 0; }
.article { grid-area: article; background: var(--card); border: 1px solid var(--line); border-radius: 8px; padding: 1rem 1.5rem; min-width: 0; }
.article h1 { font-size: 1.6rem; line-height: 1.25; margin: .25rem 0 .5rem; }
.article .meta { color: var(--muted); margin: 0 0 .5rem; }
.article-links { display: flex; flex-wrap: wrap; gap: .5rem 1rem; padding-bottom: .75rem; border-bottom: 1px solid var(--line); }
.article-body p { max-width: 70ch; }
.article-meta { grid-area: meta; background: var(--card); border: 1px solid var(--line); border-radius: 8px; padding: .75rem 1rem; align-self: start; }
.article-meta h2 { font-size: 1rem; margin: 0 0 .5rem; }
.article-meta dt { font-size: .8rem; text-transform: uppercase; letter-spacing: .03em; color: var(--muted); margin-top: .5rem; }
.article-meta dd { margin: 0; overflow-wrap: anywhere; }
.inline-list { list-style: none; padding: 0; margin: 0; }
.inline-list li + li { margin-top: .3rem; }
.message-page { max-width: 40rem; }
.docs { max-width: 60rem; }
.docs section.op { background: var(--card); border: 1px solid var(--line); border-radius: 8px; padding: .75rem 1rem; margin-bottom: 1rem; }
.docs h2 { font-size: 1.05rem; margin: 0 0 .25rem; font-family: ui-monospace, monospace; }
.docs .method { display: inline-block; padding: 0 .4rem; border-radius: 4px; background: var(--accent); color: var(--accent-ink); margin-right: .4rem; font-size: .85rem; }
.docs table { border-collapse: collapse; width: 100%; font-size: .9rem; }
.docs th, .docs td { text-align: left; padding: .3rem .5rem .3rem 0; border-bottom: 1px solid #eef0f2; vertical-align: top; }
.docs code { font-size: .88rem; }
@media (max-width: 760px) {
  main { padding: .75rem; }
  .search-layout { row-gap: .5rem; grid-template-columns: 1fr; grid-template-areas: "form" "notice" "results" "filters"; }
  .article-layout { grid-template-columns: 1fr; grid-template-areas: "back" "article" "meta"; }
  .article { padding: .75rem 1rem; }
  .site-nav { margin-left: 0; }
  .filters-jump { display: inline-block; margin-bottom: .6rem; padding: .35rem .9rem; border: 1px solid var(--accent); border-radius: 999px; text-decoration: none; font-weight: 600; background: var(--card); }
  .js .search-layout { grid-template-areas: "form" "notice" "filters" "results"; }
  .js .filters { display: none; }
  .js .filters-open .filters { display: block; }
  .js .filters-open .filters-jump { background: var(--accent); color: var(--accent-ink); }
  .timeline .axis { font-size: 26px; }
  .tagline { display: none; }
}
`;
