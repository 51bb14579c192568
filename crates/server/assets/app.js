// petrel dashboard: dyad timeline, event table, article view, actor network.
// Plain JavaScript, no libraries: everything is drawn with SVG and DOM calls.
"use strict";

const SVG = "http://www.w3.org/2000/svg";
const QUAD_NAMES = ["verbal cooperation", "material cooperation", "verbal conflict", "material conflict"];
const QUAD_COLORS = ["#4c9f70", "#1f6f43", "#e6a23c", "#c0392b"];

const state = {
  filters: {},      // event table filters (API parameter -> value)
  page: 1,
  perPage: 25,
  sort: "date",
  order: "desc",
  selected: null,   // selected event id
  dyad: null,       // {a, b, by, modality, directed}
};

// ---- helpers ---------------------------------------------------------------------------

function el(tag, attrs, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k === "class") e.className = v;
    else if (k.startsWith("on")) e.addEventListener(k.slice(2), v);
    else e.setAttribute(k, v === true ? "" : String(v));
  }
  for (const c of children.flat(Infinity)) {
    if (c === null || c === undefined || c === false) continue;
    e.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return e;
}

function svg(tag, attrs, ...children) {
  const e = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined) continue;
    if (k.startsWith("on")) e.addEventListener(k.slice(2), v);
    else e.setAttribute(k, String(v));
  }
  for (const c of children.flat(Infinity)) {
    if (c === null || c === undefined) continue;
    e.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return e;
}

async function api(path, params) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params || {})) {
    if (v !== "" && v !== null && v !== undefined && v !== false) q.set(k, v);
  }
  const url = q.toString() ? `${path}?${q}` : path;
  const r = await fetch(url, { headers: { Accept: "application/json" } });
  const body = await r.json().catch(() => ({}));
  if (!r.ok) {
    const msg = body && body.error ? body.error.message : `HTTP ${r.status}`;
    throw new Error(msg);
  }
  return body;
}

const fmt = (x, d = 1) => (Number.isFinite(x) ? x.toFixed(d) : "");
const byId = (id) => document.getElementById(id);

// ---- stats and actor list ----------------------------------------------------------------

async function loadStats() {
  try {
    const s = await api("/api/stats");
    const c = s.counts;
    const range = s.first_date ? ` · ${s.first_date} → ${s.last_date}` : "";
    byId("stats").textContent =
      `${c.documents.toLocaleString()} documents · ${c.events.toLocaleString()} events · ${c.quotes.toLocaleString()} quotes${range}`;
  } catch (e) {
    byId("stats").textContent = `stats unavailable: ${e.message}`;
  }
}

async function loadActors() {
  const list = byId("actor-codes");
  list.replaceChildren();
  try {
    const [coarse, fine] = await Promise.all([
      api("/api/actors", { level: 1, limit: 100 }),
      api("/api/actors", { level: 0, limit: 200 }),
    ]);
    const seen = new Set();
    for (const a of [...coarse.actors, ...fine.actors]) {
      if (seen.has(a.code)) continue;
      seen.add(a.code);
      list.append(el("option", { value: a.code }, `${a.name ? a.name + " · " : ""}${a.events} events`));
    }
    return coarse.actors;
  } catch (e) {
    return [];
  }
}

// ---- timeline ----------------------------------------------------------------------------

async function showTimeline() {
  const a = byId("dyad-a").value.trim().toUpperCase();
  const b = byId("dyad-b").value.trim().toUpperCase();
  const box = byId("timeline");
  if (!a || !b) {
    box.replaceChildren(el("div", { class: "empty" }, "Pick two actors (for example RUS and USA)."));
    return;
  }
  const d = {
    a, b,
    by: byId("dyad-by").value,
    modality: byId("dyad-modality").value,
    directed: byId("dyad-directed").checked,
  };
  state.dyad = d;
  box.replaceChildren(el("div", { class: "empty" }, "Loading…"));
  try {
    const t = await api(`/api/dyads/${encodeURIComponent(a)}/${encodeURIComponent(b)}/timeline`, {
      by: d.by, modality: d.modality, directed: d.directed ? "true" : "",
    });
    drawTimeline(box, t);
  } catch (e) {
    box.replaceChildren(el("div", { class: "error", role: "alert" }, e.message));
  }
  // The table follows the dyad.
  state.filters.dyad = `${a},${b}`;
  state.filters.directed = d.directed ? "true" : "";
  delete state.filters.from;
  delete state.filters.to;
  byId("f-from").value = "";
  byId("f-to").value = "";
  state.page = 1;
  loadEvents();
}

function periodEnd(period, by) {
  const d = new Date(period + "T00:00:00Z");
  if (by === "day") return period;
  if (by === "week") d.setUTCDate(d.getUTCDate() + 6);
  else { d.setUTCMonth(d.getUTCMonth() + 1); d.setUTCDate(0); }
  return d.toISOString().slice(0, 10);
}

function drawTimeline(box, t) {
  const pts = t.points;
  byId("timeline-legend").replaceChildren(
    ...QUAD_NAMES.map((n, i) => el("span", {}, el("i", { class: `q${i + 1}` }), `Q${i + 1} ${n}`)),
    el("span", {}, el("i", { class: "gold" }), "mean Goldstein (−10 conflict … +10 cooperation)"),
  );
  if (!pts.length) {
    box.replaceChildren(el("div", { class: "empty" }, `No dated events between ${t.a} and ${t.b}.`));
    return;
  }
  const W = Math.max(box.clientWidth || 900, 600), H = 330;
  const m = { l: 46, r: 14, t: 18, b: 30 };
  const gH = 120, gap = 26, cTop = m.t + gH + gap, cH = H - cTop - m.b;
  const n = pts.length;
  const step = (W - m.l - m.r) / n;
  const bw = Math.max(1, Math.min(40, step * 0.8));
  const x = (i) => m.l + step * i + step / 2;
  const maxC = Math.max(...pts.map((p) => p.events), 1);
  const yC = (v) => cTop + cH - (v / maxC) * cH;
  const yG = (v) => m.t + gH / 2 - (v / 10) * (gH / 2);
  const root = svg("svg", { viewBox: `0 0 ${W} ${H}`, role: "img", "aria-label": `Timeline ${t.a}–${t.b}` });

  // Goldstein panel.
  root.append(svg("text", { x: m.l, y: m.t - 5, class: "title" }, `${t.a} ↔ ${t.b}: mean Goldstein per ${t.by}`));
  for (const v of [-10, -5, 0, 5, 10]) {
    root.append(svg("line", { x1: m.l, x2: W - m.r, y1: yG(v), y2: yG(v), class: v === 0 ? "zero" : "grid" }));
    root.append(svg("text", { x: m.l - 6, y: yG(v) + 4, "text-anchor": "end" }, v));
  }
  const path = pts.map((p, i) => `${i ? "L" : "M"}${x(i).toFixed(1)},${yG(p.goldstein_mean).toFixed(1)}`).join("");
  root.append(svg("path", { d: path, class: "gline" }));
  pts.forEach((p, i) => {
    root.append(svg("circle", { cx: x(i), cy: yG(p.goldstein_mean), r: 3, class: "gdot" },
      svg("title", {}, `${p.period}: mean ${fmt(p.goldstein_mean)}, sum ${fmt(p.goldstein_sum)}`)));
  });

  // Counts panel: stacked bars per QuadClass.
  root.append(svg("text", { x: m.l, y: cTop - 6, class: "title" }, `events per ${t.by} by QuadClass`));
  for (const f of [0, 0.5, 1]) {
    const v = Math.round(maxC * f);
    root.append(svg("line", { x1: m.l, x2: W - m.r, y1: yC(v), y2: yC(v), class: "grid" }));
    root.append(svg("text", { x: m.l - 6, y: yC(v) + 4, "text-anchor": "end" }, v));
  }
  pts.forEach((p, i) => {
    const g = svg("g", {
      class: "bar", "data-period": p.period,
      onclick: () => filterPeriod(p.period, periodEnd(p.period, t.by)),
    });
    let acc = 0;
    p.quad.forEach((c, q) => {
      if (!c) return;
      const y0 = yC(acc), y1 = yC(acc + c);
      g.append(svg("rect", { x: x(i) - bw / 2, y: y1, width: bw, height: Math.max(0.5, y0 - y1), fill: QUAD_COLORS[q], class: `bar q${q + 1}` }));
      acc += c;
    });
    g.append(svg("title", {}, `${p.period}: ${p.events} events (${p.quad.map((c, q) => `Q${q + 1} ${c}`).join(", ")}); mean Goldstein ${fmt(p.goldstein_mean)}. Click to list them.`));
    root.append(g);
  });
  root.append(svg("line", { x1: m.l, x2: W - m.r, y1: cTop + cH, y2: cTop + cH, class: "axis" }));
  const every = Math.max(1, Math.ceil(n / Math.floor((W - m.l) / 80)));
  pts.forEach((p, i) => {
    if (i % every === 0) root.append(svg("text", { x: x(i), y: H - 10, "text-anchor": "middle" }, p.period));
  });
  box.replaceChildren(root);
}

function filterPeriod(from, to) {
  state.filters.from = from;
  state.filters.to = to;
  byId("f-from").value = from;
  byId("f-to").value = to;
  state.page = 1;
  loadEvents();
}

// ---- event table -------------------------------------------------------------------------

function readFilterForm() {
  const f = state.filters;
  f.source = byId("f-source").value.trim().toUpperCase();
  f.target = byId("f-target").value.trim().toUpperCase();
  f.cameo = byId("f-cameo").value.trim();
  f.quad = byId("f-quad").value;
  f.modality = byId("f-modality").value === "all" ? "" : byId("f-modality").value;
  f.from = byId("f-from").value;
  f.to = byId("f-to").value;
  f.q = byId("f-q").value.trim();
}

function renderChips() {
  const box = byId("filter-chips");
  box.replaceChildren();
  for (const [k, v] of Object.entries(state.filters)) {
    if (!v || k === "directed") continue;
    box.append(el("span", { class: "chip", "data-filter": k }, `${k}: ${v}`,
      el("button", { type: "button", title: `remove ${k}`, onclick: () => {
        delete state.filters[k];
        const input = byId(`f-${k}`);
        if (input) input.value = input.tagName === "SELECT" ? input.options[0].value : "";
        state.page = 1;
        loadEvents();
      } }, "×")));
  }
}

function actorCell(a) {
  if (!a) return el("td", {}, el("span", { class: "name" }, "—"));
  return el("td", {}, el("span", { class: "code" }, a.code || "?"), " ", el("span", { class: "name" }, a.name || a.text));
}

async function loadEvents() {
  renderChips();
  const tbody = document.querySelector("#events-table tbody");
  document.querySelectorAll("#events-table th[data-sort]").forEach((th) => {
    th.classList.toggle("sorted-asc", th.dataset.sort === state.sort && state.order === "asc");
    th.classList.toggle("sorted-desc", th.dataset.sort === state.sort && state.order === "desc");
  });
  let page;
  try {
    page = await api("/api/events", { ...state.filters, page: state.page, per_page: state.perPage, sort: state.sort, order: state.order });
  } catch (e) {
    tbody.replaceChildren(el("tr", {}, el("td", { colspan: 7, class: "error", role: "alert" }, e.message)));
    byId("page-info").textContent = "";
    return;
  }
  tbody.replaceChildren();
  if (!page.events.length) {
    tbody.append(el("tr", {}, el("td", { colspan: 7, class: "empty" }, "No events match.")));
  }
  for (const ev of page.events) {
    const tr = el("tr", {
      "data-id": ev.id, "data-doc": ev.doc, class: ev.id === state.selected ? "selected" : null,
      title: ev.evidence.text,
      onclick: () => {
        state.selected = ev.id;
        tbody.querySelectorAll("tr.selected").forEach((r) => r.classList.remove("selected"));
        tr.classList.add("selected");
        openArticle(ev.doc, ev.id);
      },
    },
      el("td", {}, ev.date || "—"),
      actorCell(ev.source),
      el("td", {}, el("span", { class: `badge q${ev.quad_class}` }, ev.cameo), " ", ev.cameo_name),
      actorCell(ev.target),
      el("td", {}, fmt(ev.goldstein)),
      el("td", {}, el("span", { class: `mod ${ev.modality}` }, ev.modality)),
      el("td", {}, `${ev.num_mentions}`, el("span", { class: "name" }, ` · ${ev.num_sources} src`)),
    );
    tbody.append(tr);
  }
  const pages = Math.max(1, Math.ceil(page.total / page.per_page));
  byId("page-info").textContent = `page ${page.page} of ${pages} · ${page.total.toLocaleString()} events`;
  byId("page-prev").disabled = page.page <= 1;
  byId("page-next").disabled = page.page >= pages;
}

// ---- article -----------------------------------------------------------------------------

// Byte offsets (UTF-8) to string indices (UTF-16).
function byteIndex(text) {
  const map = new Map();
  let b = 0;
  let i = 0;
  for (const ch of text) {
    map.set(b, i);
    const cp = ch.codePointAt(0);
    b += cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
    i += ch.length;
  }
  map.set(b, i);
  return (off) => (map.has(off) ? map.get(off) : null);
}

function chain(links) {
  if (!links || !links.length) return null;
  return el("span", { class: "chain" }, "according to ",
    links.map((a, i) => [i ? " ← " : "", el("span", { class: "link" }, a.name || a.text, a.code ? ` (${a.code})` : "")]));
}

async function openArticle(docId, eventId) {
  const box = byId("article");
  box.replaceChildren(el("p", { class: "hint" }, "Loading…"));
  let d;
  try {
    d = await api(`/api/documents/${encodeURIComponent(docId)}`);
  } catch (e) {
    box.replaceChildren(el("div", { class: "error", role: "alert" }, e.message));
    return;
  }
  const ix = byteIndex(d.text);
  // Spans to mark: every event's evidence, and the actor mentions.
  const spans = [];
  for (const ev of d.events) {
    const s = ix(ev.evidence.start), e = ix(ev.evidence.end);
    if (s !== null && e !== null && e > s) spans.push({ s, e, kind: "evidence", id: ev.id, title: `${ev.source.code} ${ev.cameo} ${ev.target ? ev.target.code : ""} (${ev.modality})` });
  }
  for (const q of d.quotes) {
    const s = ix(q.evidence.start), e = ix(q.evidence.end);
    if (s !== null && e !== null && e > s) spans.push({ s, e, kind: "quote", title: `quote by ${q.speaker.name || q.speaker.text}` });
  }
  const mentions = [];
  for (const m of d.mentions) {
    const s = ix(m.start), e = ix(m.end);
    if (s !== null && e !== null && e > s) mentions.push({ s, e, role: m.role, title: `${m.role}: ${m.code || "unresolved"}${m.name ? " · " + m.name : ""}` });
  }
  const text = el("div", { class: "text" });
  const cuts = new Set([0, d.text.length]);
  for (const sp of [...spans, ...mentions]) { cuts.add(sp.s); cuts.add(sp.e); }
  const pts = [...cuts].sort((a, b) => a - b);
  let current = null;
  for (let k = 0; k + 1 < pts.length; k++) {
    const a = pts[k], b = pts[k + 1];
    let node = document.createTextNode(d.text.slice(a, b));
    const men = mentions.find((m) => m.s <= a && b <= m.e);
    if (men) node = el("span", { class: `actor-mention ${men.role}`, title: men.title }, node);
    const evs = spans.filter((sp) => sp.kind === "evidence" && sp.s <= a && b <= sp.e);
    if (evs.length) {
      const focus = evs.find((sp) => sp.id === eventId);
      const mark = el("mark", { class: focus ? "evidence current" : "evidence", "data-event": (focus || evs[0]).id, title: evs.map((x) => x.title).join("\n") }, node);
      if (focus && !current) current = mark;
      node = mark;
    }
    text.append(node);
  }
  const ev = d.events.find((x) => x.id === eventId);
  const focus = ev ? el("div", { class: "focus-event" },
    el("div", {}, el("strong", {}, `${ev.source.name || ev.source.text} (${ev.source.code || "?"})`), ` ${ev.cameo_name} [${ev.cameo}] `,
      ev.target ? el("strong", {}, `${ev.target.name || ev.target.text} (${ev.target.code || "?"})`) : "",
      ` · ${ev.date || "undated"} · Goldstein ${fmt(ev.goldstein)} · ${ev.modality}`),
    chain(ev.attribution) || el("span", { class: "chain hint" }, "stated by the article itself"),
    el("div", { class: "hint" }, `rule: ${ev.rule} · ${ev.num_mentions} mentions in ${ev.num_articles} articles, ${ev.num_sources} sources, ${ev.num_stories} stories`),
  ) : null;
  const quotes = d.quotes.length ? el("div", { class: "quotes" }, el("strong", {}, "Quotes"),
    el("ul", {}, d.quotes.map((q) => el("li", {}, el("em", {}, `“${q.text}”`), " — ", q.speaker.name || q.speaker.text,
      q.speaker.code ? ` (${q.speaker.code})` : "", q.via.length ? [" ", chain(q.via)] : "")))) : null;
  const dups = d.duplicates.length ? el("div", { class: "dups" }, "Same story elsewhere: ",
    d.duplicates.map((x, i) => [i ? ", " : "", el("a", { href: "#", onclick: (e) => { e.preventDefault(); openArticle(x.doc, null); } }, x.title || x.doc), ` (${x.source || "?"}, ${Math.round(x.similarity * 100)}%)`])) : null;
  box.replaceChildren(...[
    el("h3", {}, d.title || d.id),
    el("div", { class: "meta" }, [d.source, d.date, d.url ? el("a", { href: d.url, rel: "noreferrer" }, "source") : null, `id ${d.id}`].filter(Boolean).map((x, i) => [i ? " · " : "", x])),
    focus, text, quotes, dups,
  ].filter(Boolean));
  if (current) current.scrollIntoView({ block: "center" });
}

// ---- network -----------------------------------------------------------------------------

async function loadNetwork() {
  const box = byId("network");
  let edges;
  try {
    edges = (await api("/api/network", { level: byId("net-level").value, limit: byId("net-limit").value })).edges;
  } catch (e) {
    box.replaceChildren(el("div", { class: "error", role: "alert" }, e.message));
    return;
  }
  if (!edges.length) {
    box.replaceChildren(el("div", { class: "empty" }, "No actor pairs yet."));
    return;
  }
  const W = Math.max(box.clientWidth || 900, 600), H = 420;
  const nodes = new Map();
  for (const e of edges) {
    for (const c of [e.source, e.target]) {
      if (!nodes.has(c)) nodes.set(c, { id: c, w: 0, x: 0, y: 0, vx: 0, vy: 0 });
      nodes.get(c).w += e.events;
    }
  }
  const list = [...nodes.values()];
  list.forEach((nd, i) => {
    const a = (2 * Math.PI * i) / list.length;
    nd.x = W / 2 + Math.cos(a) * W * 0.3;
    nd.y = H / 2 + Math.sin(a) * H * 0.35;
  });
  const maxE = Math.max(...edges.map((e) => e.events));
  const maxW = Math.max(...list.map((n) => n.w));
  // A small force layout: springs along edges, repulsion between nodes, pull to the centre.
  for (let it = 0; it < 300; it++) {
    for (const a of list) {
      for (const b of list) {
        if (a === b) continue;
        const dx = a.x - b.x, dy = a.y - b.y;
        const d2 = Math.max(dx * dx + dy * dy, 25);
        const f = 2500 / d2;
        a.vx += (dx / Math.sqrt(d2)) * f;
        a.vy += (dy / Math.sqrt(d2)) * f;
      }
    }
    for (const e of edges) {
      const a = nodes.get(e.source), b = nodes.get(e.target);
      const dx = b.x - a.x, dy = b.y - a.y;
      const d = Math.sqrt(dx * dx + dy * dy) || 1;
      const f = (d - 120) * 0.01 * (0.5 + e.events / maxE);
      a.vx += (dx / d) * f; a.vy += (dy / d) * f;
      b.vx -= (dx / d) * f; b.vy -= (dy / d) * f;
    }
    for (const n of list) {
      n.vx += (W / 2 - n.x) * 0.005;
      n.vy += (H / 2 - n.y) * 0.005;
      n.x = Math.min(W - 30, Math.max(30, n.x + n.vx * 0.5));
      n.y = Math.min(H - 20, Math.max(20, n.y + n.vy * 0.5));
      n.vx *= 0.6; n.vy *= 0.6;
    }
  }
  const root = svg("svg", { viewBox: `0 0 ${W} ${H}`, role: "img", "aria-label": "Actor network" });
  root.append(svg("defs", {}, svg("marker", { id: "arrow", viewBox: "0 0 10 10", refX: 10, refY: 5, markerWidth: 9, markerHeight: 9, markerUnits: "userSpaceOnUse", orient: "auto" },
    svg("path", { d: "M0,0L10,5L0,10z", fill: "#98a2b3" }))));
  const radius = (n) => 5 + 14 * Math.sqrt(n.w / maxW);
  for (const e of edges) {
    const a = nodes.get(e.source), b = nodes.get(e.target);
    const len = Math.hypot(b.x - a.x, b.y - a.y) || 1;
    const ex = b.x - ((b.x - a.x) / len) * (radius(b) + 2), ey = b.y - ((b.y - a.y) / len) * (radius(b) + 2);
    const share = e.events ? e.conflict / e.events : 0;
    const col = `rgb(${Math.round(80 + 150 * share)},${Math.round(130 - 60 * share)},${Math.round(180 - 130 * share)})`;
    root.append(svg("line", {
      x1: a.x, y1: a.y, x2: ex, y2: ey, stroke: col, "stroke-opacity": 0.7,
      "stroke-width": 1 + 7 * (e.events / maxE), "marker-end": "url(#arrow)", class: "hit",
      onclick: () => { byId("dyad-a").value = e.source; byId("dyad-b").value = e.target; showTimeline(); },
    }, svg("title", {}, `${e.source} → ${e.target}: ${e.events} events, ${e.conflict} conflict, mean Goldstein ${fmt(e.goldstein_mean)}. Click to show the dyad.`)));
  }
  for (const n of list) {
    const r = radius(n);
    root.append(svg("g", { class: "net-node", "data-code": n.id },
      svg("circle", { cx: n.x, cy: n.y, r, fill: "#2f5fb3", onclick: () => {
        const a = byId("dyad-a");
        if (!a.value || a.value === n.id) a.value = n.id; else byId("dyad-b").value = n.id;
      } }, svg("title", {}, `${n.id}: ${n.w} events. Click to put it in the dyad picker.`)),
      svg("text", { x: n.x + r + 3, y: n.y + 4 }, n.id)));
  }
  box.replaceChildren(root);
}

// ---- wiring ------------------------------------------------------------------------------

async function init() {
  byId("dyad-form").addEventListener("submit", (e) => { e.preventDefault(); showTimeline(); });
  byId("dyad-swap").addEventListener("click", () => {
    const a = byId("dyad-a"), b = byId("dyad-b");
    [a.value, b.value] = [b.value, a.value];
    showTimeline();
  });
  byId("filter-form").addEventListener("submit", (e) => { e.preventDefault(); readFilterForm(); state.page = 1; loadEvents(); });
  byId("f-clear").addEventListener("click", () => {
    byId("filter-form").reset();
    state.filters = {};
    state.page = 1;
    loadEvents();
  });
  byId("page-prev").addEventListener("click", () => { state.page = Math.max(1, state.page - 1); loadEvents(); });
  byId("page-next").addEventListener("click", () => { state.page += 1; loadEvents(); });
  document.querySelectorAll("#events-table th[data-sort]").forEach((th) => th.addEventListener("click", () => {
    if (state.sort === th.dataset.sort) state.order = state.order === "asc" ? "desc" : "asc";
    else { state.sort = th.dataset.sort; state.order = th.dataset.sort === "date" ? "desc" : "asc"; }
    state.page = 1;
    loadEvents();
  }));
  byId("net-level").addEventListener("change", loadNetwork);
  byId("net-limit").addEventListener("change", loadNetwork);

  loadStats();
  const [, net] = await Promise.all([loadActors(), api("/api/network", { level: 1, limit: 100 }).catch(() => ({ edges: [] }))]);
  // Start on the URL's dyad (#RUS,USA) or the busiest pair.
  const hash = decodeURIComponent(location.hash.slice(1)).split(",");
  if (hash.length === 2 && hash[0] && hash[1]) {
    byId("dyad-a").value = hash[0];
    byId("dyad-b").value = hash[1];
  } else if (net.edges.length) {
    // The pair with most events in both directions.
    const pairs = new Map();
    for (const e of net.edges) {
      const key = [e.source, e.target].sort().join(",");
      pairs.set(key, (pairs.get(key) || 0) + e.events);
    }
    const [best] = [...pairs.entries()].sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : 1))[0];
    [byId("dyad-a").value, byId("dyad-b").value] = best.split(",");
  }
  if (byId("dyad-a").value && byId("dyad-b").value) showTimeline(); else loadEvents();
  loadNetwork();
}

document.addEventListener("DOMContentLoaded", init);
