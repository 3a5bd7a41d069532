/* tieline dashboard: five views over /api/v1; every view's state lives in the URL hash
   (#/view?key=value...), so a view can be linked and reloaded.  Text from articles is only
   ever inserted as text nodes (never as HTML). */
"use strict";

const API = "/api/v1";
const QUADS = ["verbal cooperation", "material cooperation", "verbal conflict", "material conflict"];
const QUAD_COLOURS = ["#7fb2e5", "#1f6fb5", "#f4a259", "#c0392b"];
const ROOTS = [["", "every family"], ["01", "01 statement"], ["02", "02 appeal"], ["03", "03 intent to cooperate"],
  ["04", "04 consult"], ["05", "05 diplomatic cooperation"], ["06", "06 material cooperation"], ["07", "07 aid"],
  ["08", "08 yield"], ["09", "09 investigate"], ["10", "10 demand"], ["11", "11 disapprove"], ["12", "12 reject"],
  ["13", "13 threaten"], ["14", "14 protest"], ["15", "15 force posture"], ["16", "16 reduce relations"],
  ["17", "17 coerce"], ["18", "18 assault"], ["19", "19 fight"], ["20", "20 mass violence"]];
const MODES = [["", "asserted (default)"], ["all", "every mode"], "planned", "hypothetical", "negated", "question"].map(x => Array.isArray(x) ? x : [x, x]);

// -- small helpers -------------------------------------------------------------------------
function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key.startsWith("on")) el.addEventListener(key.slice(2), value);
    else if (key === "class") el.className = value;
    else el.setAttribute(key, value === true ? "" : String(value));
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return el;
}

function fmt(x, digits = 2) {
  if (x === null || x === undefined) return "–";
  return typeof x === "number" && !Number.isInteger(x) ? x.toFixed(digits) : String(x);
}

async function api(path, options) {
  const response = await fetch(API + path, options);
  let body = null;
  try { body = await response.json(); } catch (e) { body = null; }
  if (!response.ok) {
    const message = body && body.message ? body.message : `HTTP ${response.status}`;
    const suggestions = body && body.suggestions && body.suggestions.length ? ` (did you mean ${body.suggestions.join(", ")}?)` : "";
    throw new Error(message + (message.includes("did you mean") ? "" : suggestions));
  }
  return body;
}

function query(params) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== "" && v !== null && v !== undefined) q.set(k, v);
  const s = q.toString();
  return s ? "?" + s : "";
}

function route() {
  const hash = location.hash.replace(/^#\/?/, "");
  const [name, search] = hash.split("?");
  return { name: name || "relations", params: Object.fromEntries(new URLSearchParams(search || "")) };
}

function setState(name, params, { replace = false } = {}) {
  const target = `#/${name}${query(params)}`;
  if (target === location.hash) { render(); return; }
  if (replace) { history.replaceState(null, "", target); render(); }
  else location.hash = target;
}

function showError(container, error) {
  container.replaceChildren(h("div", { class: "error", role: "alert" }, error.message || String(error)));
}

/** Text with [start, end) ranges marked: ranges = [{span: [s, e], cls}]; nested ranges allowed. */
function marked(text, ranges) {
  const points = new Set([0, text.length]);
  const valid = ranges.filter(r => r.span && r.span[0] < r.span[1] && r.span[0] >= 0 && r.span[1] <= text.length);
  valid.forEach(r => { points.add(r.span[0]); points.add(r.span[1]); });
  const cuts = [...points].sort((a, b) => a - b);
  const out = [];
  for (let i = 0; i < cuts.length - 1; i++) {
    const [s, e] = [cuts[i], cuts[i + 1]];
    let node = document.createTextNode(text.slice(s, e));
    const covering = valid.filter(r => r.span[0] <= s && e <= r.span[1])
      .sort((a, b) => (b.span[1] - b.span[0]) - (a.span[1] - a.span[0]));
    for (const r of covering.reverse()) node = h("mark", { class: r.cls, title: r.title || null }, node);
    out.push(node);
  }
  return out;
}

function field(label, input) { return h("label", {}, label, input); }
function input(name, value, attrs = {}) { return h("input", { name, value: value || "", ...attrs }); }
function select(name, options, value) {
  const el = h("select", { name });
  for (const opt of options) {
    const [v, text] = Array.isArray(opt) ? opt : [opt, opt || "any"];
    el.append(h("option", { value: v, selected: v === (value || "") }, text));
  }
  return el;
}
function formValues(form) {
  return Object.fromEntries([...new FormData(form).entries()].map(([k, v]) => [k, String(v).trim()]));
}
function modeTag(mode) { return h("span", { class: `tag ${mode}` }, mode); }

const liveCharts = new Set();  // the current view's charts (disposed when the view changes)
function chart(el) {
  const c = echarts.init(el, null, { renderer: "canvas" });
  liveCharts.add(c);
  return c;
}
function disposeCharts() {
  liveCharts.forEach(c => c.dispose());
  liveCharts.clear();
}
window.addEventListener("resize", () => liveCharts.forEach(c => c.resize()));

function nextDay(iso, by) {
  const d = new Date(iso + "T00:00:00Z");
  if (by === "day") d.setUTCDate(d.getUTCDate() + 1);
  else if (by === "week") d.setUTCDate(d.getUTCDate() + 7);
  else if (by === "month") d.setUTCMonth(d.getUTCMonth() + 1);
  else if (by === "quarter") d.setUTCMonth(d.getUTCMonth() + 3);
  else d.setUTCFullYear(d.getUTCFullYear() + 1);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

function eventsTable(events, onPick) {
  const rows = events.map(e => h("tr", { class: "clickable", "data-event": e.event_id, onclick: () => onPick(e) },
    h("td", { class: "num" }, e.event_id), h("td", { class: "nowrap" }, e.date || "–"),
    h("td", {}, e.source_code || e.source_name || "–"), h("td", {}, e.cameo),
    h("td", {}, e.target_code || e.target_name || "–"), h("td", {}, modeTag(e.mode)),
    h("td", { class: "num" }, fmt(e.goldstein, 1)), h("td", { class: "num" }, e.num_mentions),
    h("td", { class: "sentence-cell" }, e.sentence.length > 160 ? e.sentence.slice(0, 157) + "..." : e.sentence)));
  return h("table", { class: "events" },
    h("thead", {}, h("tr", {}, ["id", "date", "source", "cameo", "target", "mode", "goldstein", "mentions", "sentence"].map(t => h("th", {}, t)))),
    h("tbody", {}, rows));
}

// -- evidence (shared by several views) ---------------------------------------------------------
async function evidencePanel(eventId) {
  const panel = h("div", { class: "panel evidence", id: "evidence" }, h("p", { class: "muted" }, "loading evidence..."));
  api(`/events/${encodeURIComponent(eventId)}`).then(found => {
    const e = found.event;
    panel.replaceChildren(
      h("h3", {}, `Event ${e.event_id}: ${e.source_name || e.source_code || "?"} → ${e.cameo} → ${e.target_name || e.target_code || "–"}`),
      h("p", { class: "muted" }, `${e.date || "undated"} (${e.date_precision || "no precision"}), quad class ${e.quad_class}, Goldstein ${fmt(e.goldstein, 1)}, `,
        `${e.num_mentions} mention(s) in ${e.num_articles} article(s) from ${e.num_sources} outlet(s)`),
      h("p", { class: "legend muted" }, h("span", {}, h("mark", { class: "src" }, "source")), h("span", {}, h("mark", { class: "trg" }, "trigger")),
        h("span", {}, h("mark", { class: "tgt" }, "target"))),
      ...found.mentions.map(m => h("div", { class: "mention" },
        h("div", {}, h("b", {}, m.title || m.article_id), " ", h("span", { class: "muted" }, [m.outlet, m.published].filter(Boolean).join(", ")), " ",
          h("a", { href: `#/article${query({ id: m.article_id, mention: m.mention_id })}` }, "open article")),
        h("p", { class: "sentence" }, marked(m.sentence, [
          { span: m.source_span, cls: "src", title: m.source_code },
          { span: m.target_span, cls: "tgt", title: m.target_code },
          { span: m.trigger_span, cls: "trg", title: m.cameo }])),
        h("div", { class: "muted" }, modeTag(m.mode), ` ${m.cameo}, dated ${m.date || "–"} (${m.date_precision || "–"}`,
          m.date_text ? `, from “${m.date_text}”` : "", ")",
          m.attributed_to ? `, attributed to ${m.attributed_to}` : "", m.quote ? `, quote: “${m.quote}”` : "",
          m.symmetric ? ", either direction" : "", m.inferred ? ", target implied by the article" : ""))));
  }).catch(err => showError(panel, err));
  return panel;
}

// -- 1. relations -----------------------------------------------------------------------------------
function relationsView(root, p) {
  const state = { a: p.a || "RUS", b: p.b || "CHN", by: p.by || "month", since: p.since || "", until: p.until || "", mode: p.mode || "", period: p.period || "" };
  const form = h("form", { class: "filters", onsubmit: ev => { ev.preventDefault(); setState("relations", { ...formValues(form) }); } },
    field("actor A", input("a", state.a, { required: true, size: 8 })), field("actor B", input("b", state.b, { required: true, size: 8 })),
    field("by", select("by", ["day", "week", "month", "quarter", "year"], state.by)),
    field("since", input("since", state.since, { type: "date" })), field("until", input("until", state.until, { type: "date" })),
    field("mode", select("mode", MODES, state.mode)), h("button", { type: "submit" }, "Show"));
  const summary = h("div", { class: "summary", id: "relations-summary" });
  const el = h("div", { class: "chart", id: "relations-chart" });
  const list = h("div", { id: "period-events" });
  root.replaceChildren(h("h2", {}, "Relations"), form, summary, el, list);
  api(`/relations${query({ a: state.a, b: state.b, by: state.by, since: state.since, until: state.until, mode: state.mode, top: 3 })}`).then(series => {
    const periods = series.periods;
    const total = periods.reduce((n, x) => n + x.both.events, 0);
    const gsum = periods.reduce((n, x) => n + x.both.goldstein_sum, 0);
    const quads = [0, 1, 2, 3].map(i => periods.reduce((n, x) => n + x.both.quad[i], 0));
    summary.replaceChildren(`${series.a} – ${series.b}: `, h("b", { id: "relations-total" }, total), " events in ",
      h("b", {}, periods.length), ` ${series.by}s; `, ...quads.flatMap((q, i) => [h("b", { class: `quad-${i + 1}` }, q), ` ${QUADS[i]}${i < 3 ? ", " : "; "}`]),
      "mean Goldstein ", h("b", { id: "relations-goldstein" }, total ? (gsum / total).toFixed(2) : "–"));
    const c = chart(el);
    c.setOption({
      tooltip: { trigger: "axis" }, legend: { top: 0 },
      grid: { left: 50, right: 60, top: 40, bottom: 60 },
      xAxis: { type: "category", data: periods.map(x => x.start) },
      yAxis: [{ type: "value", name: "events", minInterval: 1 }, { type: "value", name: "Goldstein", min: -10, max: 10 }],
      dataZoom: periods.length > 40 ? [{ type: "slider" }] : [],
      series: [
        ...QUADS.map((name, i) => ({ name, type: "bar", stack: "q", color: QUAD_COLOURS[i], data: periods.map(x => x.both.quad[i]) })),
        { name: "mean Goldstein", type: "line", yAxisIndex: 1, color: "#333", connectNulls: false, data: periods.map(x => x.both.goldstein_mean) },
        { name: `${series.a} → ${series.b} events`, type: "line", step: "middle", color: "#6a3d9a", lineStyle: { type: "dashed" }, symbol: "none", data: periods.map(x => x.ab.events) },
        { name: `${series.b} → ${series.a} events`, type: "line", step: "middle", color: "#33a02c", lineStyle: { type: "dotted" }, symbol: "none", data: periods.map(x => x.ba.events) },
      ],
    });
    c.on("click", params => setState("relations", { ...state, period: periods[params.dataIndex].start }, { replace: true }));
    if (state.period) periodEvents(list, state);
  }).catch(err => showError(summary, err));
}

function periodEvents(list, state) {
  const until = nextDay(state.period, state.by);
  list.replaceChildren(h("p", { class: "muted" }, "loading..."));
  api(`/events${query({ a: state.a, b: state.b, since: state.period, until, mode: state.mode, limit: 100 })}`).then(page => {
    const detail = h("div", {});
    list.replaceChildren(h("h3", {}, `Events from ${state.period} to ${until}: `, h("span", { id: "period-total" }, page.total)),
      eventsTable(page.events, async e => detail.replaceChildren(await evidencePanel(e.event_id))), detail);
  }).catch(err => showError(list, err));
}

// -- 2. network --------------------------------------------------------------------------------------
function goldsteinColour(g) {
  const t = Math.max(-1, Math.min(1, (g || 0) / 10));
  const [to, k] = t < 0 ? [[200, 40, 40], -t] : [[30, 100, 200], t];
  const mix = to.map(c => Math.round(175 + (c - 175) * Math.min(1, 0.25 + k)));
  return `rgb(${mix.join(",")})`;
}

function networkView(root, p) {
  const state = { since: p.since || "", until: p.until || "", root: p.root || "", mode: p.mode || "", limit: p.limit || "150" };
  const form = h("form", { class: "filters", onsubmit: ev => { ev.preventDefault(); setState("network", formValues(form)); } },
    field("since", input("since", state.since, { type: "date" })), field("until", input("until", state.until, { type: "date" })),
    field("event family", select("root", ROOTS, state.root)), field("mode", select("mode", MODES, state.mode)),
    field("pairs", input("limit", state.limit, { type: "number", min: 1, max: 1000 })), h("button", { type: "submit" }, "Show"));
  const summary = h("div", { class: "summary", id: "network-summary" });
  const el = h("div", { class: "chart tall", id: "network-chart" });
  root.replaceChildren(h("h2", {}, "Network"), form, summary, el,
    h("p", { class: "muted" }, "Edge width: events; colour: mean Goldstein (red conflict, blue cooperation). Click an edge for the pair's relations."));
  api(`/network${query(state)}`).then(net => {
    const events = net.edges.reduce((n, e) => n + e.events, 0);
    summary.replaceChildren(h("b", { id: "network-nodes" }, net.nodes.length), " countries, ", h("b", { id: "network-edges" }, net.edges.length),
      ` pairs (of ${net.total_edges}), `, h("b", { id: "network-events" }, events), " events");
    const maxEvents = Math.max(1, ...net.nodes.map(n => n.events));
    const maxEdge = Math.max(1, ...net.edges.map(e => e.events));
    const c = chart(el);
    c.setOption({
      tooltip: { formatter: x => x.dataType === "edge" ? `${x.data.source}–${x.data.target}: ${x.data.events} events, mean Goldstein ${fmt(x.data.g)}`
        : `${x.data.label_name}: ${x.data.events} events` },
      series: [{
        type: "graph", layout: "force", roam: true, draggable: true, force: { repulsion: 260, edgeLength: [60, 180] },
        label: { show: true, position: "right" },
        data: net.nodes.map(n => ({ name: n.country, label_name: n.name || n.country, events: n.events, symbolSize: 10 + 30 * Math.sqrt(n.events / maxEvents) })),
        links: net.edges.map(e => ({ source: e.a, target: e.b, events: e.events, g: e.goldstein_mean,
          lineStyle: { width: 1 + 7 * e.events / maxEdge, color: goldsteinColour(e.goldstein_mean), opacity: 0.85 } })),
      }],
    });
    c.on("click", x => { if (x.dataType === "edge") setState("relations", { a: x.data.source, b: x.data.target, since: state.since, until: state.until }); });
  }).catch(err => showError(summary, err));
}

// -- 3. map ------------------------------------------------------------------------------------------
let worldRegistered = null;
async function registerWorld() {
  if (!worldRegistered) {
    worldRegistered = fetch("/static/vendor/countries-110m.json").then(r => r.json()).then(world => {
      const land = topojson.feature(world, world.objects.countries);
      land.features = land.features.filter(f => f.id !== "010");  // Antarctica
      // rings that cross the antimeridian would be drawn as lines across the map: shift them east
      const fix = ring => ring.some((pt, i) => i && Math.abs(pt[0] - ring[i - 1][0]) > 180)
        ? ring.map(([x, y]) => [x < 0 ? x + 360 : x, y]) : ring;
      for (const f of land.features) {
        const g = f.geometry;
        if (!g) continue;
        if (g.type === "Polygon") g.coordinates = g.coordinates.map(fix);
        if (g.type === "MultiPolygon") g.coordinates = g.coordinates.map(poly => poly.map(fix));
      }
      echarts.registerMap("world", land);
    });
  }
  return worldRegistered;
}

function mapView(root, p) {
  const state = { since: p.since || "", until: p.until || "", root: p.root || "", mode: p.mode || "", place: p.place || "" };
  const form = h("form", { class: "filters", onsubmit: ev => { ev.preventDefault(); setState("map", formValues(form)); } },
    field("since", input("since", state.since, { type: "date" })), field("until", input("until", state.until, { type: "date" })),
    field("event family", select("root", ROOTS, state.root)), field("mode", select("mode", MODES, state.mode)), h("button", { type: "submit" }, "Show"));
  const summary = h("div", { class: "summary", id: "map-summary" });
  const el = h("div", { class: "chart tall", id: "map-chart" });
  const detail = h("div", { id: "place-events" });
  root.replaceChildren(h("h2", {}, "Map"), form, summary, el, detail);
  const { place, ...filters } = state;
  Promise.all([registerWorld(), api(`/places${query(filters)}`)]).then(([, found]) => {
    const spots = found.places;
    summary.replaceChildren(h("b", { id: "map-places" }, spots.length), " places, ", h("b", { id: "map-events" }, spots.reduce((n, s) => n + s.events, 0)), " located events");
    const maxN = Math.max(1, ...spots.map(s => s.events));
    const c = chart(el);
    c.setOption({
      tooltip: { formatter: x => x.data ? `${x.data.name}: ${x.data.events} events` : x.name },
      geo: { map: "world", roam: true, itemStyle: { areaColor: "#e4e9ee", borderColor: "#aab4be" }, emphasis: { disabled: true } },
      series: [{ type: "scatter", coordinateSystem: "geo", symbolSize: d => 8 + 22 * Math.sqrt(d[2] / maxN),
        itemStyle: { color: "#c0392b", opacity: 0.8 },
        data: spots.map((s, i) => ({ name: s.name || s.country, value: [s.lon, s.lat, s.events], events: s.events, index: i })) }],
    });
    const show = i => {
      const s = spots[i];
      const panel = h("div", {});
      detail.replaceChildren(h("h3", {}, `${s.name || "?"} (${s.country || "?"}): `, h("span", { id: "place-total" }, s.events), " events"),
        eventsTable(s.top.map(t => ({ ...t, source_code: t.source_name, target_code: t.target_name })),
          async e => panel.replaceChildren(await evidencePanel(e.event_id))), panel);
    };
    c.on("click", x => { if (x.componentType === "series") setState("map", { ...state, place: `${spots[x.data.index].lat},${spots[x.data.index].lon}` }, { replace: true }); });
    if (place) {
      const i = spots.findIndex(s => `${s.lat},${s.lon}` === place);
      if (i >= 0) show(i);
    }
  }).catch(err => showError(summary, err));
}

// -- 4. events ---------------------------------------------------------------------------------------
function eventsView(root, p) {
  const keys = ["actor", "a", "b", "root", "mode", "since", "until", "text", "order", "limit"];
  const state = Object.fromEntries(keys.map(k => [k, p[k] || ""]));
  state.limit = state.limit || "25";
  const form = h("form", { class: "filters", onsubmit: ev => { ev.preventDefault(); setState("events", formValues(form)); } },
    field("actor", input("actor", state.actor, { size: 8 })), field("between A", input("a", state.a, { size: 6 })), field("and B", input("b", state.b, { size: 6 })),
    field("root(s)", input("root", state.root, { size: 6, placeholder: "18,19" })), field("mode", select("mode", MODES, state.mode)),
    field("since", input("since", state.since, { type: "date" })), field("until", input("until", state.until, { type: "date" })),
    field("text", input("text", state.text, { size: 14 })), field("order", select("order", ["date", "mentions", "id"], state.order || "date")),
    field("page", input("limit", state.limit, { type: "number", min: 1, max: 500 })), h("button", { type: "submit" }, "Filter"));
  const summary = h("div", { class: "summary", id: "events-summary" });
  const table = h("div", {});
  const pager = h("div", { class: "pager" });
  const detail = h("div", {});
  root.replaceChildren(h("h2", {}, "Events"), form, summary, table, pager, detail);
  const cursor = p.cursor || "";
  api(`/events${query({ ...state, cursor })}`).then(page => {
    summary.replaceChildren("showing ", h("b", { id: "events-shown" }, page.events.length), " of ", h("b", { id: "events-total" }, page.total), " events");
    table.replaceChildren(eventsTable(page.events, e => setState("events", { ...state, cursor, event: e.event_id }, { replace: true })));
    pager.replaceChildren(
      cursor ? h("button", { class: "plain", onclick: () => history.back() }, "previous") : "",
      page.next_cursor ? h("button", { class: "plain", id: "next-page", onclick: () => setState("events", { ...state, cursor: page.next_cursor }) }, "next page") : "");
    if (p.event) evidencePanel(p.event).then(panel => detail.replaceChildren(panel));
  }).catch(err => showError(summary, err));
}

function articleView(root, p) {
  const box = h("div", { class: "panel" }, h("p", { class: "muted" }, "loading..."));
  root.replaceChildren(h("h2", {}, "Article"), box);
  api(`/articles/${encodeURIComponent(p.id || "")}`).then(a => {
    // the cleaned text with every event's sentence, trigger and actors marked (as text nodes only)
    const ranges = [];
    a.events.forEach(e => {
      const t = e.text_spans || {};
      ranges.push({ span: t.sentence, cls: "evt", title: `${e.source_code || "?"} ${e.cameo} ${e.target_code || "–"} (${e.mode}), event ${e.event_id}` },
        { span: t.source, cls: "src" }, { span: t.target, cls: "tgt" }, { span: t.trigger, cls: "trg", title: e.cameo });
    });
    const text = a.text ? [h("div", { class: "analysed", id: "article-text" }, marked(a.text, ranges))] : [];
    box.replaceChildren(h("h3", { id: "article-title" }, a.title || a.article_id),
      h("p", { class: "muted" }, [a.outlet, a.published, a.url].filter(Boolean).join(" · ")),
      ...text,
      h("p", { class: "muted" }, a.text ? `${a.events.length} coded event(s), in article order:`
        : `${a.events.length} coded event(s); the store keeps each event's sentence (not this article's text), shown in article order:`),
      ...a.events.map(e => h("div", { class: "mention", id: `mention-${e.mention_id}` },
        h("p", { class: "sentence" }, marked(e.sentence, [{ span: e.source_span, cls: "src" }, { span: e.target_span, cls: "tgt" }, { span: e.trigger_span, cls: "trg" }])),
        h("div", { class: "muted" }, modeTag(e.mode), ` ${e.source_code || "?"} → ${e.cameo} → ${e.target_code || "–"} `,
          h("a", { href: `#/events${query({ event: e.event_id })}` }, `event ${e.event_id}`)))));
  }).catch(err => showError(box, err));
}

// -- 5. analyse text ----------------------------------------------------------------------------------
function analyseView(root, p) {
  const area = h("textarea", { name: "text", id: "analyse-text", placeholder: "Paste an article: headline, blank line, body." });
  area.value = p.text || "";
  const form = h("form", { class: "filters", onsubmit: ev => { ev.preventDefault(); setState("analyse", formValues(form)); } },
    h("label", { style: "flex: 1 1 100%" }, "article text", area), field("published", input("published", p.published || "", { type: "date" })),
    h("button", { type: "submit" }, "Analyse"));
  const out = h("div", { id: "analyse-result" });
  root.replaceChildren(h("h2", {}, "Analyse text"), form, out);
  if (!p.text) return;
  out.replaceChildren(h("p", { class: "muted" }, "coding (the first call loads the language model)..."));
  api("/extract", { method: "POST", headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ text: p.text, published: p.published || null }) }).then(res => {
    if (res.rejection) { showError(out, new Error(res.rejection.message)); return; }
    const ranges = [];
    res.events.forEach((e, i) => {
      ranges.push({ span: e.span, cls: "evt", title: `${e.source.code} ${e.cameo} ${e.target ? e.target.code : ""} (${e.mode})` });
      if (e.trigger_span) ranges.push({ span: [e.span[0] + e.trigger_span[0], e.span[0] + e.trigger_span[1]], cls: "trg", title: e.cameo });
    });
    out.replaceChildren(h("div", { class: "summary" }, h("b", { id: "analyse-count" }, res.events.length), " events"),
      h("div", { class: "analysed" }, marked(res.text, ranges)),
      h("table", {}, h("thead", {}, h("tr", {}, ["source", "cameo", "target", "mode", "date", "precision", "goldstein", "sentence"].map(t => h("th", {}, t)))),
        h("tbody", {}, res.events.map(e => h("tr", {}, h("td", {}, e.source.code || e.source.name), h("td", {}, e.cameo),
          h("td", {}, e.target ? e.target.code || e.target.name : "–"), h("td", {}, modeTag(e.mode)), h("td", {}, e.date || "–"),
          h("td", {}, e.date_precision || "–"), h("td", { class: "num" }, fmt(e.goldstein, 1)), h("td", {}, e.sentence))))));
  }).catch(err => showError(out, err));
}

// -- router ---------------------------------------------------------------------------------------------
const VIEWS = { relations: relationsView, network: networkView, map: mapView, events: eventsView, article: articleView, analyse: analyseView };

function render() {
  const { name, params } = route();
  const view = VIEWS[name] || relationsView;
  document.querySelectorAll("nav a[data-view]").forEach(a => a.classList.toggle("active", a.dataset.view === name || (name === "article" && a.dataset.view === "events")));
  const root = document.getElementById("view");
  disposeCharts();
  root.dataset.view = name;
  try { view(root, params); } catch (err) { showError(root, err); }
}

window.addEventListener("hashchange", render);
window.addEventListener("DOMContentLoaded", () => {
  api("/stats").then(s => {
    document.getElementById("store-stats").textContent =
      `${s.articles.toLocaleString()} articles · ${s.events.toLocaleString()} events · ${s.first_date || "?"} to ${s.last_date || "?"}`;
  }).catch(() => {});
  render();
});
