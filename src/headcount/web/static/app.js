// The headcount dashboard: reads the JSON API of the same server and builds the page with DOM calls.
// Every text that comes from a report or a claim goes in as a text node (never as HTML), so a report
// that contains markup or script shows it and runs nothing.
"use strict";

const STATUSES = ["taken", "held", "freed", "escaped", "killed", "injured", "missing", "captured"];
const SOURCE_KINDS = {
  government: "G", state_media: "S", media: "M", perpetrator: "P", witness: "W",
  company: "C", organisation: "O", unnamed: "U", reporter: "R",
};

// ---- small helpers -------------------------------------------------------------------------------

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) continue;
    if (name.startsWith("on")) node.addEventListener(name.slice(2), value);
    else node.setAttribute(name, value === true ? "" : String(value));
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

function svg(tag, attrs = {}, ...children) {
  const node = document.createElementNS("http://www.w3.org/2000/svg", tag);
  for (const [name, value] of Object.entries(attrs)) node.setAttribute(name, String(value));
  for (const child of children) node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  return node;
}

async function api(path) {
  const response = await fetch(path, { headers: { accept: "application/json" } });
  const body = await response.json().catch(() => ({}));
  if (!response.ok) {
    const detail = typeof body.detail === "string" ? body.detail : JSON.stringify(body.detail || response.status);
    throw new Error(detail);
  }
  return body;
}

function query(params) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== null && v !== undefined && v !== "") q.set(k, v);
  const s = q.toString();
  return s ? `?${s}` : "";
}

function enc(id) {
  return encodeURIComponent(id);
}

// "3", "17 (17–∞)", "60 (0–66)": the best figure and, when it is not exact, the range.
function rangeText(low, high) {
  const lo = low === null ? "?" : String(low);
  const hi = high === null ? "∞" : String(high);
  return lo === hi ? lo : `${lo}–${hi}`;
}

function countText(count) {
  if (count.qualifier === "vague") return count.text ? `vague (${count.text})` : "vague";
  if (count.qualifier === "range") return `${count.low}–${count.high}`;
  const sign = { at_least: "≥", at_most: "≤", about: "~", exact: "" }[count.qualifier] || "";
  return `${sign}${count.low !== null ? count.low : count.high}`;
}

function claimValue(claim) {
  const c = claim.count;
  if (c.low !== null && c.high !== null) return (c.low + c.high) / 2;
  return c.low !== null ? c.low : c.high;
}

function sourceText(claim) {
  const s = claim.source;
  return (s.text ? `${s.text} (${s.kind})` : s.kind) + (s.via ? ` via ${s.via}` : "");
}

function shortMoment(moment) {
  return moment ? moment.replace("T", " ").replace(/:00$/, "") : "undated";
}

function setView(...children) {
  const view = document.getElementById("view");
  view.replaceChildren(...children);
}

function policy() {
  return document.getElementById("policy").value;
}

// the policies the server offers: the choices of the policy menu, so their names live in one place
function policies() {
  return [...document.getElementById("policy").options].map((o) => o.value);
}

// ---- routing -------------------------------------------------------------------------------------

async function route() {
  const hash = location.hash || "#/";
  const [path, search] = hash.slice(1).split("?");
  const params = new URLSearchParams(search || "");
  const parts = path.split("/").filter(Boolean).map(decodeURIComponent);
  try {
    if (parts[0] === "incident" && parts[1]) await showIncident(parts[1]);
    else if (parts[0] === "report" && parts[1]) await showReport(parts.slice(1).join("/"), params.get("claim"));
    else await showIncidents();
  } catch (error) {
    setView(el("p", { class: "error", role: "alert" }, `Could not load this view: ${error.message}`));
  }
}

// ---- incident list -------------------------------------------------------------------------------

async function showIncidents() {
  const incidents = await api("/api/incidents");
  if (!incidents.length) {
    setView(el("h1", {}, "Incidents"),
      el("p", { class: "note" }, "The store holds no reports yet: run `headcount ingest PATH`, or POST /api/reports."));
    return;
  }
  const rows = incidents.map((inc) => el("tr", { "data-incident": inc.id },
    el("td", {}, el("a", { href: `#/incident/${enc(inc.id)}` }, inc.title)),
    el("td", {}, inc.latest || ""),
    el("td", { class: "num" }, inc.reports.length),
    el("td", { class: "num" }, inc.claims),
    el("td", {}, headline(inc.headline))));
  setView(el("h1", {}, "Incidents"),
    el("table", { class: "incidents", "data-testid": "incidents" },
      el("thead", {}, el("tr", {}, ["incident", "latest report", "reports", "claims", "everyone, latest figures"]
        .map((h) => el("th", {}, h)))),
      el("tbody", {}, rows)));
}

function headline(figures) {
  if (!figures.length) return el("span", { class: "note" }, "no figures");
  return el("span", { class: "headline" }, figures.map((f) =>
    el("span", { class: "figure" }, el("b", {}, f.best === null ? "?" : f.best), ` ${f.status}`,
      f.low === f.high ? "" : el("small", {}, ` (${rangeText(f.low, f.high)})`))));
}

// ---- one incident: board, as-of replay, chart, claims --------------------------------------------

const state = { incident: null, timeline: null, claims: [], claimsById: new Map(), account: null, chartCell: null };

async function showIncident(id) {
  const [timeline, claims] = await Promise.all([
    api(`/api/incidents/${enc(id)}/timeline${query({ policy: policy() })}`),
    api(`/api/claims${query({ incident: id })}`),
  ]);
  // Claims in the order they were said (undated last), as a desk reads a wire.
  claims.sort((a, b) => (a.moment || "~").localeCompare(b.moment || "~") || a.report.localeCompare(b.report)
    || a.span[0] - b.span[0]);
  Object.assign(state, { incident: id, timeline, claims, claimsById: new Map(claims.map((c) => [c.id, c])) });
  const moments = timeline.moments;
  const slider = el("input", {
    type: "range", id: "as-of", "data-testid": "as-of", min: 0, max: moments.length, step: 1,
    value: moments.length, "aria-label": "as of", oninput: () => replay(),
  });
  setView(
    el("p", {}, el("a", { href: "#/" }, "← incidents")),
    el("h1", { id: "title" }, id),
    el("section", { class: "controls" },
      el("label", {}, "as of ", slider, " ", el("output", { id: "as-of-label", "data-testid": "as-of-label" }, "latest"))),
    el("section", {}, el("table", { id: "board", class: "board", "data-testid": "board" })),
    el("p", { class: "legend" }, "Each cell: best figure, range (∞: no upper bound), the kinds of source behind it (",
      Object.entries(SOURCE_KINDS).map(([kind, mark]) => `${mark} ${kind.replace("_", " ")}`).join(", "),
      "), and ⚠ where claims conflict. Click a figure for its chart."),
    el("section", { class: "chart" }, el("h2", {}, "Over time"),
      el("label", {}, "figure ", el("select", { id: "chart-cell", "data-testid": "chart-cell", onchange: (e) => {
        state.chartCell = e.target.value; drawChart();
      } })),
      el("div", { id: "chart", "data-testid": "chart" })),
    el("section", { class: "claims" }, el("h2", {}, "Claims"), claimFilters(),
      el("table", { id: "claims", "data-testid": "claims" })));
  await replay();
}

function asOf() {
  const slider = document.getElementById("as-of");
  const moments = state.timeline.moments;
  const i = Number(slider.value);
  return i >= moments.length ? null : moments[i];
}

async function replay() {
  const when = asOf();
  document.getElementById("as-of-label").textContent = when ? shortMoment(when) : "latest";
  const accountBy = (p) => api(`/api/incidents/${enc(state.incident)}/account${query({ policy: p, as_of: when })}`);
  // every policy's account, so that the board can show where they disagree on a figure
  const [account, ...others] = await Promise.all([policy(), ...policies().filter((p) => p !== policy())].map(accountBy));
  if (asOf() !== when) return; // the slider moved on while this answer came
  state.account = account;
  state.bestByPolicy = [account, ...others].map((a) => [a.policy, new Map(a.cells.map((c) => [cellKey(c), c.best]))]);
  document.getElementById("title").textContent = account.title;
  drawBoard();
  fillChartChoices();
  drawChart();
  drawClaims();
}

function cellKey(cell) {
  return `${cell.group.label}|${cell.status}`;
}

function drawBoard() {
  const account = state.account;
  const board = document.getElementById("board");
  const statuses = STATUSES.filter((s) => account.cells.some((c) => c.status === s));
  const rows = [];
  const byRow = new Map();
  for (const cell of account.cells) {
    if (!byRow.has(cell.group.label)) { byRow.set(cell.group.label, new Map()); rows.push(cell.group.label); }
    byRow.get(cell.group.label).set(cell.status, cell);
  }
  const head = el("thead", {}, el("tr", {}, el("th", {}, "group"), statuses.map((s) => el("th", {}, s))));
  const body = el("tbody", {}, rows.map((label) => el("tr", { "data-group": label },
    el("th", { scope: "row" }, label),
    statuses.map((s) => boardCell(byRow.get(label).get(s), label, s)))));
  board.replaceChildren(head, body);
  if (!account.cells.length) board.append(el("caption", {}, "No claims as of this moment."));
  // what the board shows, for readers and for tests that wait for a redraw to finish
  board.dataset.policy = account.policy;
  board.dataset.asOf = account.as_of || "latest";
}

function boardCell(cell, label, status) {
  if (!cell) return el("td", { class: "empty", "data-group": label, "data-status": status });
  const kinds = new Set([...cell.claims, ...cell.derived_from].map((id) => state.claimsById.get(id))
    .filter(Boolean).map((c) => c.source.kind));
  const conflicts = state.account.conflicts.filter((x) => x.claims.some((id) => cell.claims.includes(id)));
  const range = rangeText(cell.low, cell.high);
  return el("td", { class: "cell", "data-group": label, "data-status": status },
    el("button", { class: "best", "data-testid": "best", title: "show this figure over time", onclick: () => {
      state.chartCell = cellKey(cell); fillChartChoices(); drawChart();
    } }, cell.best === null ? "?" : cell.best),
    String(cell.best) === range ? null : el("span", { class: "range", "data-testid": "range" }, ` ${range}`),
    el("span", { class: "kinds" }, [...kinds].sort().map((k) => el("abbr", { class: `kind kind-${k}`, title: k }, SOURCE_KINDS[k] || "?"))),
    conflicts.length ? el("button", { class: "conflict", "data-testid": "conflict", title: "claims conflict: show them",
      onclick: () => openConflicts(conflicts) }, "⚠") : null,
    cell.rule === SET_ASIDE ? el("span", { class: "set-aside", "data-testid": "set-aside",
      title: "every claim about this cell was set aside: its figure is unknown within its range" }, "set aside") : null,
    cell.rule.startsWith(IMPLIED) ? el("span", { class: "derived", "data-testid": "implied",
      title: `no claim states it: implied by the rule of ${cell.rule.slice(IMPLIED.length).split("+")
        .map((r) => RULES[r] || r).join(", ")}` }, "∑") : null,
    disagreement(cell));
}

// what a cell's rule says (reconcile/account.py): its own claims, a rule of the account, or set aside
const SET_ASIDE = "set-aside";
const IMPLIED = "implied/";
const RULES = { nesting: "parts within their whole", people: "people of no stated side within everyone",
  outcome: "the hostages' fates within the taken" };

function disagreement(cell) {
  const figures = (state.bestByPolicy || []).map(([p, best]) => [p, best.has(cellKey(cell)) ? best.get(cellKey(cell)) : null]);
  if (new Set(figures.map(([, b]) => b)).size < 2) return null;
  return el("span", { class: "disagree", "data-testid": "disagree",
    title: `the policies disagree: ${figures.map(([p, b]) => `${p} ${b === null ? "?" : b}`).join(", ")}` }, "≠");
}

function openConflicts(conflicts) {
  const body = document.getElementById("conflict-body");
  body.replaceChildren(el("h2", {}, "Conflicting claims"),
    ...conflicts.map((x) => el("section", { class: "conflict-item" },
      el("p", {}, el("b", {}, `Reason: ${x.reason}. `), x.explanation),
      el("ul", {}, x.claims.map((id) => {
        const c = state.claimsById.get(id);
        const dropped = x.dropped.includes(id);
        if (!c) return el("li", {}, id);
        return el("li", { class: dropped ? "dropped" : "" },
          el("a", { href: `#/report/${enc(c.report)}?claim=${enc(c.id)}` }, `“${c.text}”`),
          ` — ${sourceText(c)}, ${c.status} ${countText(c.count)} ${c.group_label}`,
          dropped ? el("em", {}, " (set aside)") : null);
      })))));
  const dialog = document.getElementById("conflict");
  dialog.querySelectorAll("a").forEach((a) => a.addEventListener("click", () => dialog.close()));
  dialog.showModal();
}

// ---- chart: a figure's claims as points, its reconciled range as a band ---------------------------

function fillChartChoices() {
  const select = document.getElementById("chart-cell");
  const cells = state.account.cells;
  const keys = [...new Set(state.timeline.points.map((p) => `${p.group.label}|${p.status}`))];
  if (!state.chartCell || !keys.includes(state.chartCell)) {
    const withClaims = cells.filter((c) => c.claims.length).sort((a, b) => b.claims.length - a.claims.length);
    state.chartCell = withClaims.length ? cellKey(withClaims[0]) : keys[0];
  }
  select.replaceChildren(...keys.map((k) => el("option", { value: k, selected: k === state.chartCell },
    k.replace("|", " — "))));
}

function drawChart() {
  const box = document.getElementById("chart");
  const key = state.chartCell;
  const points = state.timeline.points.filter((p) => `${p.group.label}|${p.status}` === key && p.as_of);
  const claimIds = new Set(state.timeline.points.filter((p) => `${p.group.label}|${p.status}` === key)
    .flatMap((p) => p.claims));
  // A vague count ("many") has no point to plot; its words are in the claim list.
  const claims = [...claimIds].map((id) => state.claimsById.get(id))
    .filter((c) => c && c.moment && claimValue(c) !== null);
  if (!points.length) {
    box.replaceChildren(el("p", { class: "note" }, "No dated figure to chart."));
    return;
  }
  const W = 720, H = 260, L = 48, R = 16, T = 14, B = 40;
  // The whole incident's span, the same for every figure, so that the as-of line always falls on it.
  const times = [...state.timeline.moments.map(Date.parse), ...claims.map((c) => Date.parse(c.moment))];
  let t0 = Math.min(...times), t1 = Math.max(...times);
  if (t0 === t1) { t0 -= 12 * 3600e3; t1 += 12 * 3600e3; }
  const pad = (t1 - t0) * 0.05;
  t0 -= pad; t1 += pad;
  const values = [...points.flatMap((p) => [p.low, p.high, p.best]), ...claims.map(claimValue)].filter((v) => v !== null);
  const top = Math.max(1, ...values) * 1.15;
  const x = (t) => L + (W - L - R) * (t - t0) / (t1 - t0);
  const y = (v) => T + (H - T - B) * (1 - Math.min(v, top) / top);
  const chart = svg("svg", { viewBox: `0 0 ${W} ${H}`, role: "img", "aria-label": `${key.replace("|", " ")} over time` });
  chart.append(svg("line", { x1: L, y1: y(0), x2: W - R, y2: y(0), class: "axis" }));
  for (const v of [0, Math.round(top / 2), Math.floor(top)]) {
    chart.append(svg("text", { x: L - 6, y: y(v) + 4, class: "tick", "text-anchor": "end" }, v));
  }
  points.forEach((p, i) => {
    const xa = x(Date.parse(p.as_of));
    const xb = i + 1 < points.length ? x(Date.parse(points[i + 1].as_of)) : W - R;
    const hi = p.high === null ? top : p.high;
    chart.append(svg("rect", { x: xa, y: y(hi), width: Math.max(1, xb - xa), height: Math.max(1, y(p.low ?? 0) - y(hi)),
      class: p.high === null ? "band open" : "band" }, svg("title", {}, `as of ${shortMoment(p.as_of)}: ${rangeText(p.low, p.high)}`)));
    if (p.best !== null) chart.append(svg("line", { x1: xa, x2: xb, y1: y(p.best), y2: y(p.best), class: "best-line" }));
    chart.append(svg("text", { x: xa + 2, y: H - B + 16, class: "tick" }, shortMoment(p.as_of).slice(5, 16)));
  });
  for (const c of claims) {
    chart.append(svg("circle", { cx: x(Date.parse(c.moment)), cy: y(claimValue(c)), r: 5,
      class: `claim-point kind-${c.source.kind}${c.modality !== "asserted" ? " hedged" : ""}` },
    svg("title", {}, `${sourceText(c)}: ${countText(c.count)} (${c.modality}) — “${c.text}”`)));
  }
  const when = asOf();
  if (when) {
    const xw = x(Date.parse(when));
    chart.append(svg("line", { x1: xw, x2: xw, y1: T, y2: H - B, class: "as-of-line" }));
  }
  box.replaceChildren(chart, el("p", { class: "note" },
    "Band: the range the claims allow as of each moment (to the top: no upper bound); line: the best figure; dots: claims."));
}

// ---- claim list ----------------------------------------------------------------------------------

function claimFilters() {
  const kinds = [...new Set(state.claims.map((c) => c.source.kind))].sort();
  const groups = [...new Set(state.claims.map((c) => c.group_label))].sort();
  const statuses = STATUSES.filter((s) => state.claims.some((c) => c.status === s));
  const choice = (id, label, values) => el("label", {}, `${label} `, el("select", { id, "data-testid": id, onchange: drawClaims },
    el("option", { value: "" }, "all"), values.map((v) => el("option", { value: v }, v))));
  return el("div", { class: "filters" }, choice("filter-status", "status", statuses), choice("filter-group", "group", groups),
    choice("filter-kind", "source kind", kinds));
}

function drawClaims() {
  const status = document.getElementById("filter-status").value;
  const group = document.getElementById("filter-group").value;
  const kind = document.getElementById("filter-kind").value;
  const when = asOf();
  const shown = state.claims.filter((c) => (!status || c.status === status) && (!group || c.group_label === group)
    && (!kind || c.source.kind === kind));
  const table = document.getElementById("claims");
  table.replaceChildren(
    el("thead", {}, el("tr", {}, ["moment", "status", "count", "group", "source", "modality", "words"].map((h) => el("th", {}, h)))),
    el("tbody", {}, shown.map((c) => el("tr", { class: when && c.moment && c.moment > when ? "later" : "", "data-claim": c.id },
      el("td", {}, shortMoment(c.moment)), el("td", {}, c.status), el("td", { class: "num" }, countText(c.count)),
      el("td", {}, c.group_label), el("td", {}, sourceText(c)), el("td", {}, c.modality),
      el("td", {}, el("a", { href: `#/report/${enc(c.report)}?claim=${enc(c.id)}`, "data-testid": "claim-link" }, `“${c.text}”`))))));
  table.append(el("caption", {}, `${shown.length} of ${state.claims.length} claims`));
}

// ---- one report, its claims' words highlighted ---------------------------------------------------

async function showReport(id, selected) {
  const report = await api(`/api/reports/${enc(id)}`);
  const text = el("div", { class: "report-text", "data-testid": "report-text" });
  const spans = report.claims.map((c) => ({ start: c.span[0], end: c.span[1], claim: c }))
    .sort((a, b) => a.start - b.start || b.end - a.end);
  let at = 0;
  for (const s of spans) {
    if (s.start < at) continue; // nested or overlapping: the outer span is marked already
    text.append(report.text.slice(at, s.start));
    const claimsHere = spans.filter((o) => o.start >= s.start && o.end <= s.end).map((o) => o.claim);
    text.append(el("mark", {
      class: claimsHere.some((c) => c.id === selected) ? "selected" : "", "data-claims": claimsHere.map((c) => c.id).join(" "),
      title: claimsHere.map((c) => `${c.status} ${countText(c.count)} ${c.group_label} — ${sourceText(c)}`).join("\n"),
    }, report.text.slice(s.start, s.end)));
    at = s.end;
  }
  text.append(report.text.slice(at));
  const back = report.incident ? el("a", { href: `#/incident/${enc(report.incident)}` }, "← incident") : el("a", { href: "#/" }, "← incidents");
  setView(el("p", {}, back),
    el("h1", {}, report.outlet || report.id),
    el("p", { class: "meta" }, [report.published, report.url, `version ${report.version}`, `${report.claim_count} claims`]
      .filter(Boolean).join(" · ")),
    text);
  const mark = text.querySelector("mark.selected");
  if (mark) mark.scrollIntoView({ block: "center" });
}

// ---- start ---------------------------------------------------------------------------------------

document.getElementById("policy").addEventListener("change", () => {
  if (state.incident && location.hash.startsWith("#/incident/")) showIncident(state.incident).catch(() => route());
  else route();
});
window.addEventListener("hashchange", route);
route();
