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
    throw Object.assign(new Error(detail), { status: response.status });
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

// ---- figures: an exact one is one number; a range is shown only where there is one --------------

// What a figure's range adds to its best figure: "" (exact), "+" (at least the best figure, no upper
// bound), " (654+)" (at least 654), " (0–66)", " (0+)" (no bound at all); and the words a tooltip gives for it.
function rangeOf(low, high, best) {
  const lo = low || 0;
  if (high === null) {
    if (!lo) return { text: " (0+)", title: "the claims prove no bound on this figure, below or above" };
    if (lo === best) return { text: "+", title: `at least ${lo}: no upper bound is known` };
    return { text: ` (${lo}+)`, title: `at least ${lo}, no upper bound is known` };
  }
  if (lo === high) return best === lo ? null : { text: ` (${lo})`, title: `exactly ${lo}` };
  return { text: ` (${lo}–${high})`, title: `between ${lo} and ${high}` };
}

function bestText(best) {
  return best === null ? "?" : String(best);
}

// "41+", "687 (654+)", "3": as text, for tooltips
function figureText(low, high, best) {
  const range = rangeOf(low, high, best);
  return bestText(best) + (range ? range.text : "");
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

// "killed ≥6 everyone else — The interior ministry (government), asserted"
function claimSummary(claim) {
  return `${claim.status} ${countText(claim.count)} ${claim.group_label} — ${sourceText(claim)}, ${claim.modality}`;
}

// ---- moments: the API's are UTC; a bare date stands for the end of its day ----------------------

const END_OF_DAY = "23:59:59"; // the time a bare date is taken for (reconcile.intervals.parse_moment)
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

function isBareDate(moment) {
  return moment.length === 10 || moment.slice(11, 19) === END_OF_DAY;
}

// milliseconds since the epoch of "2024-05-02T09:10:00" (naive UTC), "...Z" or a bare "2024-05-02"
function momentTime(moment) {
  if (moment.length === 10) return Date.parse(`${moment}T${END_OF_DAY}Z`);
  return Date.parse(/(Z|[+-]\d\d:\d\d)$/.test(moment) ? moment : `${moment}Z`);
}

// "2024-05-04" for a bare date, "2024-05-05 07:30" for a moment (UTC), "undated"
function momentText(moment) {
  if (!moment) return "undated";
  return isBareDate(moment) ? moment.slice(0, 10) : `${moment.slice(0, 10)} ${moment.slice(11, 16)}`;
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

// ---- routing: only the answers to the latest navigation or policy choice are drawn ----------------

// Bumped by every navigation and policy choice. A view's fetches carry the number they started under
// and draw nothing once it has moved on, so a slow answer for the incident a user left cannot
// overwrite the board of the one they went to.
let currentView = 0;

function newView() {
  currentView += 1;
  return currentView;
}

function stale(view) {
  return view !== currentView;
}

function where() {
  const [path, search] = (location.hash || "#/").slice(1).split("?");
  return { parts: path.split("/").filter(Boolean).map(decodeURIComponent), params: new URLSearchParams(search || "") };
}

async function route() {
  const view = newView();
  const { parts, params } = where();
  try {
    if (parts[0] === "incident" && parts[1]) await showIncident(parts[1], view);
    else if (parts[0] === "report" && parts[1]) await showReport(parts.slice(1).join("/"), params.get("claim"), view);
    else if (parts[0] === "people") await showPeopleSearch(params.get("name") || "", view);
    else await showIncidents(view);
  } catch (error) {
    if (!stale(view)) showFailure(error, parts);
  }
}

// A plain message and a way back: a browser user cannot act on the CLI's advice in the API's message.
function showFailure(error, parts) {
  const back = el("p", {}, el("a", { href: "#/", "data-testid": "back-to-list" }, "← all incidents"));
  if (error.status === 404) {
    const what = parts[0] === "report" ? "report" : parts[0] === "people" ? "person" : "incident";
    setView(el("h1", {}, `No such ${what}`),
      el("p", { role: "alert", "data-testid": "not-found" }, `This store holds no ${what} “${parts.slice(1).join("/")}”. `
        + `The link may be mistyped, or the ${what} may have been removed or regrouped.`), back);
    return;
  }
  setView(el("p", { class: "error", role: "alert" }, `Could not load this view: ${error.message}`), back);
}

// ---- incident list -------------------------------------------------------------------------------

// latest publication first (what a desk looks at first), undated incidents last
function byLatestReport(a, b) {
  if (!a.latest || !b.latest) return (a.latest ? -1 : 0) + (b.latest ? 1 : 0) || a.id.localeCompare(b.id);
  return momentTime(b.latest) - momentTime(a.latest) || a.id.localeCompare(b.id);
}

async function showIncidents(view) {
  const incidents = await api("/api/incidents");
  if (stale(view)) return;
  if (!incidents.length) {
    setView(el("h1", {}, "Incidents"),
      el("p", { class: "note" }, "The store holds no reports yet: run `headcount ingest PATH`, or POST /api/reports."));
    return;
  }
  const rows = [...incidents].sort(byLatestReport).map((inc) => el("tr", { "data-incident": inc.id },
    el("td", { "data-label": "incident", class: "title" }, el("a", { href: `#/incident/${enc(inc.id)}` }, inc.title || inc.id)),
    el("td", { "data-label": "place", "data-testid": "place" }, inc.place || ""),
    el("td", { "data-label": "first report", class: "date" }, momentText(inc.first)),
    el("td", { "data-label": "latest report", class: "date", "data-testid": "latest" }, momentText(inc.latest)),
    el("td", { "data-label": "reports", class: "num" }, inc.reports.length),
    el("td", { "data-label": "claims", class: "num" }, inc.claims),
    el("td", { "data-label": "everyone", class: "headline-cell" }, headline(inc.headline))));
  setView(el("h1", {}, "Incidents"),
    el("table", { class: "incidents stack", "data-testid": "incidents" },
      el("caption", {}, "Latest report first. Times are UTC; a date alone is a report dated by day."),
      el("thead", {}, el("tr", {}, ["incident", "place", "first report", "latest report ↓", "reports", "claims",
        "everyone: figures by the latest word"].map((h) => el("th", { scope: "col" }, h)))),
      el("tbody", {}, rows)));
}

function headline(figures) {
  if (!figures.length) return el("span", { class: "note" }, "no figures");
  return el("span", { class: "headline" }, figures.map((f) => {
    const range = rangeOf(f.low, f.high, f.best);
    return el("span", { class: "figure", title: range ? range.title : "exactly this figure" },
      el("b", {}, bestText(f.best)), range ? el("small", {}, range.text) : null, ` ${f.status}`);
  }));
}

// ---- one incident: board, as-of replay, chart, claims --------------------------------------------

const state = { incident: null, timeline: null, claims: [], claimsById: new Map(), account: null, chartCell: null };

function loading() {
  return el("p", { class: "note" }, "Loading…");
}

// an incident's timeline (by the chosen policy) and claims
function fetchIncident(id) {
  return Promise.all([
    api(`/api/incidents/${enc(id)}/timeline${query({ policy: policy() })}`),
    api(`/api/claims${query({ incident: id })}`),
  ]);
}

function keepIncident(id, timeline, claims) {
  // Claims in the order they were said (undated last), as a desk reads a wire.
  claims.sort((a, b) => (a.moment || "~").localeCompare(b.moment || "~") || a.report.localeCompare(b.report)
    || a.span[0] - b.span[0]);
  Object.assign(state, { incident: id, timeline, claims, claimsById: new Map(claims.map((c) => [c.id, c])) });
  if (!firstSeen.claims.has(id)) firstSeen.claims.set(id, new Set(claims.map((c) => c.id)));
}

async function showIncident(id, view) {
  setView(loading());
  const [timeline, claims] = await fetchIncident(id);
  if (stale(view)) return;
  keepIncident(id, timeline, claims);
  state.account = null;
  const moments = timeline.moments;
  const slider = el("input", {
    type: "range", id: "as-of", "data-testid": "as-of", min: 0, max: moments.length, step: 1,
    value: moments.length, "aria-label": "as of", oninput: () => replay(currentView),
  });
  setView(
    el("p", {}, el("a", { href: "#/" }, "← incidents")),
    el("h1", { id: "title" }, id),
    el("section", { class: "controls" },
      el("label", {}, "as of ", slider, " ", el("output", { id: "as-of-label", "data-testid": "as-of-label" }, "latest"))),
    el("div", { class: "board-box" }, el("table", { id: "board", class: "board", "data-testid": "board" })),
    boardLegend(),
    el("section", { class: "people", "aria-labelledby": "people-title" },
      el("h2", { id: "people-title" }, "People named"),
      el("div", { id: "people", "data-testid": "people" }, loading())),
    el("section", { class: "chart" }, el("h2", {}, "Over time"),
      el("label", {}, "figure ", el("select", { id: "chart-cell", "data-testid": "chart-cell", onchange: (e) => {
        state.chartCell = e.target.value; drawChart();
      } })),
      el("div", { id: "chart", "data-testid": "chart" })),
    el("section", { class: "claims" }, el("h2", {}, "Claims"), claimFilters(),
      el("table", { id: "claims", class: "stack", "data-testid": "claims" })));
  await Promise.all([replay(view), drawPeople(id, view)]);
}

function boardLegend() {
  return el("p", { class: "legend", "data-testid": "legend" },
    "Each cell: the best figure; 41+ at least 41, no upper bound known; (654+) at least 654; (0–66) the range the claims "
    + "allow; a blank cell (on a narrow screen, a status left out): nothing is known of it. Then the kinds of source behind it (",
    Object.entries(SOURCE_KINDS).map(([kind, mark]) => `${mark} ${kind.replace("_", " ")}`).join(", "),
    "), ∑ where no claim states it but claims on its parts imply it, ⚠ where claims conflict, ≠ where the "
    + "policies disagree. Click a figure for its chart.");
}

// the policy changed: the same incident, moment and scroll, redrawn by the new policy
async function changePolicy() {
  const { parts } = where();
  if (parts[0] !== "incident" || parts[1] !== state.incident || !document.getElementById("board")) {
    await route();
    return;
  }
  const view = newView();
  try {
    const timeline = await api(`/api/incidents/${enc(state.incident)}/timeline${query({ policy: policy() })}`);
    if (stale(view)) return;
    state.timeline = timeline;
    await Promise.all([replay(view), drawPeople(state.incident, view)]);
  } catch (error) {
    if (!stale(view)) showFailure(error, parts);
  }
}

function asOf() {
  const slider = document.getElementById("as-of");
  const moments = state.timeline.moments;
  const i = Number(slider.value);
  return i >= moments.length ? null : moments[i];
}

async function replay(view) {
  const when = asOf();
  const chosen = policy();
  document.getElementById("as-of-label").textContent = when ? momentText(when) : "latest";
  const accountBy = (p) => api(`/api/incidents/${enc(state.incident)}/account${query({ policy: p, as_of: when })}`);
  // every policy's account, so that the board can show where they disagree on a figure
  const [account, ...others] = await Promise.all([chosen, ...policies().filter((p) => p !== chosen)].map(accountBy));
  // another incident, policy or moment was chosen while this answer came
  if (stale(view) || asOf() !== when || policy() !== chosen) return;
  state.account = account;
  state.bestByPolicy = [account, ...others].map((a) => [a.policy, new Map(a.cells.map((c) => [cellKey(c), c.best]))]);
  document.getElementById("title").textContent = account.title;
  drawBoard();
  fillChartChoices();
  drawChart();
  drawClaims();
  if ([account, ...others].some((a) => a.stale)) retryStale(view);
  else staleRetries = 0;
}

function cellKey(cell) {
  return `${cell.group.label}|${cell.status}`;
}

// A cell no claim speaks of, that no rule implies and that was not set aside: nothing is known of it,
// and a "0" there would read as a figure.
function nothingKnown(cell) {
  return !cell.claims.length && !cell.derived_from.length && cell.rule !== SET_ASIDE && !cell.best;
}

function drawBoard() {
  const account = state.account;
  const board = document.getElementById("board");
  const known = account.cells.filter((c) => !nothingKnown(c));
  const statuses = STATUSES.filter((s) => known.some((c) => c.status === s));
  const rows = [];
  const byRow = new Map();
  for (const cell of known) {
    if (!byRow.has(cell.group.label)) { byRow.set(cell.group.label, new Map()); rows.push(cell.group.label); }
    byRow.get(cell.group.label).set(cell.status, cell);
  }
  const head = el("thead", {}, el("tr", {}, el("th", { scope: "col" }, "group"),
    statuses.map((s) => el("th", { scope: "col", "data-status": s }, s))));
  const body = el("tbody", {}, rows.map((label) => el("tr", { "data-group": label },
    el("th", { scope: "row" }, label),
    statuses.map((s) => boardCell(byRow.get(label).get(s), label, s)))));
  board.replaceChildren(head, body);
  markMoved(board, known);
  if (!known.length) board.append(el("caption", {}, "No claims as of this moment."));
  // what the board shows, for readers and for tests that wait for a redraw to finish
  board.dataset.incident = account.id;
  board.dataset.policy = account.policy;
  board.dataset.asOf = account.as_of || "latest";
}

function boardCell(cell, label, status) {
  if (!cell) return el("td", { class: "empty", "data-group": label, "data-status": status, "data-label": status });
  const kinds = new Set([...cell.claims, ...cell.derived_from].map((id) => state.claimsById.get(id))
    .filter(Boolean).map((c) => c.source.kind));
  const conflicts = state.account.conflicts.filter((x) => x.claims.some((id) => cell.claims.includes(id)));
  const range = rangeOf(cell.low, cell.high, cell.best);
  return el("td", { class: "cell", "data-group": label, "data-status": status, "data-label": status },
    el("button", { class: "best", "data-testid": "best", title: "show this figure over time", onclick: () => {
      state.chartCell = cellKey(cell); fillChartChoices(); drawChart();
    } }, bestText(cell.best)),
    range ? el("span", { class: "range", "data-testid": "range", title: range.title }, range.text) : null,
    el("span", { class: "kinds" }, [...kinds].sort().map((k) => el("abbr", { class: `kind kind-${k}`, title: k }, SOURCE_KINDS[k] || "?"))),
    conflicts.length ? el("button", { class: "conflict", "data-testid": "conflict", title: "claims conflict: show them",
      onclick: () => openConflicts(conflicts) }, "⚠") : null,
    cell.rule === SET_ASIDE ? el("span", { class: "set-aside", "data-testid": "set-aside",
      title: "every claim about this cell was set aside: its figure is unknown within its range" }, "set aside") : null,
    cell.named ? el("span", { class: "named", "data-testid": "named", title: namedTitle(cell) }, `${cell.named} named`) : null,
    cell.rule.startsWith(IMPLIED) ? el("span", { class: "derived", "data-testid": "implied",
      title: `no claim states it: implied by the rule of ${cell.rule.slice(IMPLIED.length).split("+")
        .map((r) => RULES[r] || r).join(", ")}` }, "∑") : null,
    disagreement(cell));
}

// named people are a lower bound of their cell (issue 18): a figure above them counts people not named
function namedTitle(cell) {
  const unnamed = cell.best === null ? null : cell.best - cell.named;
  return `${cell.named} of them named in the reports` + (unnamed > 0 ? `; ${unnamed} not named` : "");
}

// what a cell's rule says (reconcile/account.py): its own claims, a rule of the account, or set aside
const SET_ASIDE = "set-aside";
const IMPLIED = "implied/";
const RULES = { nesting: "parts within their whole", people: "people of no stated side within everyone",
  nationals: "the host's nationals are its victims and security forces", outcome: "the hostages' fates within the taken" };

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

// ---- what moved since the page first showed it ------------------------------------------------------

// What the page first showed: each board's figures (by incident, policy and moment), each incident's claims.
const firstSeen = { boards: new Map(), claims: new Map() };

// Marks the cells whose figure differs from the one this board first showed (or that it did not show).
function markMoved(board, cells) {
  const account = state.account;
  const key = `${account.id}|${account.policy}|${account.as_of || "latest"}`;
  const shown = new Map(cells.map((c) => [cellKey(c), figureText(c.low, c.high, c.best)]));
  if (!firstSeen.boards.has(key)) {
    firstSeen.boards.set(key, shown);
    return;
  }
  const first = firstSeen.boards.get(key);
  for (const [k, now] of shown) {
    const before = first.get(k);
    if (before === now) continue;
    const [label, status] = k.split("|");
    const td = [...board.querySelectorAll("td.cell")].find((t) => t.dataset.group === label && t.dataset.status === status);
    if (!td) continue;
    const title = before === undefined ? `new since this page first showed the board: now ${now}`
      : `moved since this page first showed the board: from ${before} to ${now}`;
    td.classList.add("moved");
    td.title = title;
    td.append(el("span", { class: "moved-mark", "data-testid": "moved", title }, before === undefined ? "new" : "moved"));
  }
}

function isNewClaim(claim) {
  const first = firstSeen.claims.get(state.incident);
  return Boolean(first) && !first.has(claim.id);
}

// ---- live: the server's event stream says when the store changes, and the view redraws in place ----

const STALE_RETRY_MS = 300; // an account answered stale is being computed again: asked again this soon
const STALE_RETRIES = 40;
const RECONNECT_MS = 5000; // after the stream was refused (EventSource retries by itself only otherwise)
let staleRetries = 0;

function listen() {
  const events = new EventSource("/api/events");
  events.addEventListener("open", () => setLive(true));
  events.addEventListener("store", (e) => storeChanged(JSON.parse(e.data)));
  events.addEventListener("error", () => {
    setLive(false);
    if (events.readyState === EventSource.CLOSED) setTimeout(listen, RECONNECT_MS);
  });
}

function setLive(open) {
  const live = document.getElementById("live");
  live.textContent = open ? "live" : "reconnecting…";
  live.classList.toggle("off", !open);
}

// `incidents`: the ids whose reports changed; null: any may have
async function storeChanged(change) {
  const { parts } = where();
  const named = (id) => change.incidents === null || change.incidents.includes(id);
  if (parts[0] === "incident" && parts[1]) {
    if (named(parts[1])) await updateIncident(parts[1]);
  } else if (parts[0] !== "report" && (change.incidents === null || change.incidents.length)) {
    await route();
  }
}

// The incident on screen again, in place: its policy, moment, filters, chosen figure and scroll kept.
async function updateIncident(id) {
  if (state.incident !== id || !document.getElementById("board")) {
    await route(); // not drawn yet: drawn anew
    return;
  }
  const view = newView();
  try {
    const [timeline, claims] = await fetchIncident(id);
    if (stale(view)) return;
    const when = asOf();
    keepIncident(id, timeline, claims);
    placeSlider(when);
    refillClaimFilters();
    await Promise.all([replay(view), drawPeople(id, view)]);
  } catch (error) {
    if (!stale(view) && error.status === 404) await route(); // regrouped or gone: say so
    // otherwise the page keeps what it shows, and the next change draws again
  }
}

function retryStale(view) {
  if (staleRetries >= STALE_RETRIES) return;
  staleRetries += 1;
  setTimeout(() => { if (!stale(view)) updateIncident(state.incident); }, STALE_RETRY_MS);
}

// the slider on the moment it was on (or the latest, if it was there) among the moments now
function placeSlider(when) {
  const slider = document.getElementById("as-of");
  const moments = state.timeline.moments;
  slider.max = moments.length;
  const earlier = when === null ? -1 : moments.filter((m) => momentTime(m) <= momentTime(when)).length - 1;
  slider.value = when === null ? moments.length : Math.max(0, moments.includes(when) ? moments.indexOf(when) : earlier);
}

function refillClaimFilters() {
  const ids = ["filter-status", "filter-group", "filter-kind"];
  const chosen = ids.map((id) => document.getElementById(id).value);
  document.querySelector(".claims .filters").replaceWith(claimFilters());
  ids.forEach((id, i) => {
    const select = document.getElementById(id);
    if ([...select.options].some((o) => o.value === chosen[i])) select.value = chosen[i];
  });
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

// 0, a round step, ... up to top: about `count` ticks of 1, 2 or 5 times a power of ten
function valueTicks(top, count) {
  const rough = Math.max(1, top / count);
  const power = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 5, 10].map((m) => m * power).find((v) => v >= rough);
  const ticks = [];
  for (let v = 0; v <= top; v += step) ticks.push(v);
  return ticks;
}

// "2 May" and, for a moment with a time, "09:10" under it
function axisLines(moment) {
  const day = `${Number(moment.slice(8, 10))} ${MONTHS[Number(moment.slice(5, 7)) - 1]}`;
  return isBareDate(moment) ? [day] : [day, moment.slice(11, 16)];
}

// The moments to label on the time axis: the first and the last, then as many between as fit without
// two labels touching.
function labelledMoments(moments, x, width) {
  const gap = (a, b) => Math.abs(x(a) - x(b)) >= width + 8;
  const kept = moments.length ? [moments[0]] : [];
  const last = moments[moments.length - 1];
  if (moments.length > 1 && gap(moments[0], last)) kept.push(last);
  for (const m of moments.slice(1, -1)) if (kept.every((k) => gap(k, m))) kept.push(m);
  return kept;
}

const AXIS_FONT_PX = 12; // .chart .tick in style.css
const LABEL_CHARS = 6; // "18 Jan", "09:10"

function drawChart() {
  const box = document.getElementById("chart");
  if (!box || !state.account) return;
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
  // drawn at the width it is shown at, so that its text is as large as the page's on any screen
  const W = Math.round(Math.min(Math.max(box.clientWidth || 720, 300), 1100));
  const H = W < 560 ? 280 : 380;
  const values = [...points.flatMap((p) => [p.low, p.high, p.best]), ...claims.map(claimValue)].filter((v) => v !== null);
  const ticks = valueTicks(Math.max(1, ...values) * 1.1, H < 300 ? 4 : 6);
  const top = Math.max(ticks[ticks.length - 1], Math.max(1, ...values) * 1.1);
  const L = 16 + 8 * String(ticks[ticks.length - 1]).length, R = 20, T = 14, B = 58;
  // The whole incident's span, the same for every figure, so that the as-of line always falls on it.
  const times = [...state.timeline.moments.map(momentTime), ...claims.map((c) => momentTime(c.moment))];
  let t0 = Math.min(...times), t1 = Math.max(...times);
  if (t0 === t1) { t0 -= 12 * 3600e3; t1 += 12 * 3600e3; }
  const pad = (t1 - t0) * 0.06;
  t0 -= pad; t1 += pad;
  const x = (t) => L + (W - L - R) * (t - t0) / (t1 - t0);
  const y = (v) => T + (H - T - B) * (1 - Math.min(v, top) / top);
  const chart = svg("svg", { viewBox: `0 0 ${W} ${H}`, width: W, height: H, role: "img",
    "aria-label": `${key.replace("|", " ")} over time` });
  for (const v of ticks) {
    chart.append(svg("line", { x1: L, x2: W - R, y1: y(v), y2: y(v), class: v ? "grid" : "axis" }),
      svg("text", { x: L - 6, y: y(v) + 4, class: "tick", "text-anchor": "end" }, v));
  }
  drawBands(chart, points, x, y, top, W - R);
  for (const c of claims) {
    chart.append(svg("circle", { cx: x(momentTime(c.moment)), cy: y(claimValue(c)), r: 5,
      class: `claim-point kind-${c.source.kind}${c.modality !== "asserted" ? " hedged" : ""}${isNewClaim(c) ? " new" : ""}` },
    svg("title", {}, `${sourceText(c)}: ${countText(c.count)} (${c.modality}) — “${c.text}”`)));
  }
  drawTimeAxis(chart, (m) => x(momentTime(m)), H - B, W);
  const when = asOf();
  if (when) {
    const xw = x(momentTime(when));
    chart.append(svg("line", { x1: xw, x2: xw, y1: T, y2: H - B, class: "as-of-line" }));
  }
  box.replaceChildren(chart, el("p", { class: "note" },
    "Band: the range the claims allow as of each moment (to the top: no upper bound); line: the best figure; dots: claims."));
}

function drawBands(chart, points, x, y, top, right) {
  points.forEach((p, i) => {
    const xa = x(momentTime(p.as_of));
    const xb = i + 1 < points.length ? x(momentTime(points[i + 1].as_of)) : right;
    const hi = p.high === null ? top : p.high;
    chart.append(svg("rect", { x: xa, y: y(hi), width: Math.max(1, xb - xa), height: Math.max(1, y(p.low ?? 0) - y(hi)),
      class: p.high === null ? "band open" : "band" },
    svg("title", {}, `as of ${momentText(p.as_of)}: ${figureText(p.low, p.high, p.best)}`)));
    if (p.best !== null) chart.append(svg("line", { x1: xa, x2: xb, y1: y(p.best), y2: y(p.best), class: "best-line" }));
  });
}

// a tick at every as-of moment; a label ("2 May", "09:10" under it) where it fits, kept inside the chart
function drawTimeAxis(chart, x, base, W) {
  const moments = state.timeline.moments;
  const width = LABEL_CHARS * AXIS_FONT_PX * 0.62;
  for (const m of moments) chart.append(svg("line", { x1: x(m), x2: x(m), y1: base, y2: base + 5, class: "axis" }));
  for (const m of labelledMoments(moments, x, width)) {
    const cx = Math.min(Math.max(x(m), width / 2 + 2), W - width / 2 - 2);
    const label = svg("text", { x: cx, y: base + 18, class: "tick time", "text-anchor": "middle" });
    axisLines(m).forEach((line, i) => label.append(svg("tspan", { x: cx, dy: i ? 14 : 0 }, line)));
    label.append(svg("title", {}, momentText(m)));
    chart.append(label);
  }
  const years = [...new Set(moments.map((m) => m.slice(0, 4)))];
  chart.append(svg("text", { x: W - 4, y: base + 50, class: "tick axis-title", "text-anchor": "end" },
    `as of (UTC${years.length ? `, ${years[0]}${years.length > 1 ? `–${years[years.length - 1]}` : ""}` : ""})`));
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

const CLAIM_COLUMNS = ["moment", "status", "count", "group", "source", "modality", "words"];

function drawClaims() {
  const status = document.getElementById("filter-status").value;
  const group = document.getElementById("filter-group").value;
  const kind = document.getElementById("filter-kind").value;
  const when = asOf();
  const shown = state.claims.filter((c) => (!status || c.status === status) && (!group || c.group_label === group)
    && (!kind || c.source.kind === kind));
  const table = document.getElementById("claims");
  const cell = (i, content, attrs = {}) => el("td", { "data-label": CLAIM_COLUMNS[i], ...attrs }, content);
  table.replaceChildren(
    el("thead", {}, el("tr", {}, CLAIM_COLUMNS.map((h) => el("th", { scope: "col" }, h)))),
    el("tbody", {}, shown.map((c) => el("tr", {
      class: [when && c.moment && momentTime(c.moment) > momentTime(when) ? "later" : "", isNewClaim(c) ? "new" : ""]
        .filter(Boolean).join(" "),
      title: isNewClaim(c) ? "new since this page first showed the incident" : null, "data-claim": c.id },
    cell(0, momentText(c.moment)), cell(1, c.status), cell(2, countText(c.count), { class: "num" }),
    cell(3, c.group_label), cell(4, sourceText(c)), cell(5, c.modality),
    cell(6, el("a", { href: `#/report/${enc(c.report)}?claim=${enc(c.id)}`, "data-testid": "claim-link" }, `“${c.text}”`))))));
  table.append(el("caption", {}, `${shown.length} of ${state.claims.length} claims`));
}

// ---- one report: its claims' words highlighted, and the list of its claims beside ----------------

// The text cut at every claim's start and end: each piece with the claims whose words cover it, so that
// overlapping and nested claims each keep their whole highlight.
function textPieces(text, claims) {
  const cuts = [...new Set([0, text.length, ...claims.flatMap((c) => c.span)])]
    .filter((i) => i >= 0 && i <= text.length).sort((a, b) => a - b);
  return cuts.slice(0, -1).map((start, i) => ({ start, end: cuts[i + 1],
    claims: claims.filter((c) => c.span[0] <= start && c.span[1] >= cuts[i + 1]) }));
}

function reportText(report, claims) {
  const text = el("div", { class: "report-text", "data-testid": "report-text" });
  for (const piece of textPieces(report.text, claims)) {
    const words = report.text.slice(piece.start, piece.end);
    if (!piece.claims.length) { text.append(words); continue; }
    text.append(el("mark", { "data-claims": piece.claims.map((c) => c.id).join(" "), tabindex: 0,
      title: piece.claims.map(claimSummary).join("\n"),
      onclick: () => selectClaim(report.id, piece.claims[0].id, false) }, words));
  }
  return text;
}

function reportClaimList(report, claims) {
  return el("aside", { class: "report-claims" }, el("h2", {}, `Its claims (${claims.length})`),
    el("ol", { "data-testid": "report-claims" }, claims.map((c) => el("li", { "data-claim": c.id },
      el("button", { type: "button", class: "claim-item", onclick: () => selectClaim(report.id, c.id, true) },
        el("b", {}, `${c.status} ${countText(c.count)} ${c.group_label}`), el("br"),
        el("span", { class: "meta" }, `${sourceText(c)}, ${c.modality}`), el("br"),
        el("q", {}, c.text))))));
}

// mark a claim's words and its entry in the list; `scroll`: bring its words into view
function selectClaim(reportId, claimId, scroll) {
  const marks = [...document.querySelectorAll("[data-testid=report-text] mark")];
  const mine = marks.filter((m) => m.dataset.claims.split(" ").includes(claimId));
  marks.forEach((m) => m.classList.toggle("selected", mine.includes(m)));
  document.querySelectorAll(".report-claims li").forEach((li) => li.classList.toggle("selected", li.dataset.claim === claimId));
  // the address names the claim, for a link to it; no hashchange, so nothing is fetched again
  history.replaceState(null, "", `#/report/${enc(reportId)}?claim=${enc(claimId)}`);
  if (scroll && mine.length) mine[0].scrollIntoView({ block: "center", behavior: "smooth" });
}

async function showReport(id, selected, view) {
  setView(loading());
  const report = await api(`/api/reports/${enc(id)}`);
  if (stale(view)) return;
  const claims = [...report.claims].sort((a, b) => a.span[0] - b.span[0] || b.span[1] - a.span[1]);
  const back = report.incident ? el("a", { href: `#/incident/${enc(report.incident)}` }, "← incident") : el("a", { href: "#/" }, "← incidents");
  setView(el("p", {}, back),
    el("h1", {}, report.outlet || report.id),
    el("p", { class: "meta" }, [report.published ? `published ${momentText(report.published)}${isBareDate(report.published) ? "" : " UTC"}` : "undated",
      report.url, `version ${report.version}`, `${report.claim_count} claims`].filter(Boolean).join(" · ")),
    el("div", { class: "report" }, reportText(report, claims), reportClaimList(report, claims)));
  if (selected && claims.some((c) => c.id === selected)) selectClaim(report.id, selected, true);
}

// ---- people: an incident's named people, and a search by name ------------------------------------

// A person record of the API (views.person_record): name, variants, nationality, age, sex, final_status,
// reports, and its mentions, one per report, each with the spans naming the person and its statuses
// (status, span, source_kind, source_text, modality).
const PEOPLE_COLUMNS = ["name", "status", "nationality", "age, sex", "sources", "words"];

// the API's list: an array, or {data: [...]}, or {incident: [...]} as `headcount people --format json`
function peopleOf(body) {
  if (Array.isArray(body)) return body;
  if (Array.isArray(body.data)) return body.data;
  return Object.entries(body).flatMap(([incident, people]) => (Array.isArray(people)
    ? people.map((p) => ({ incident, ...p })) : []));
}

function personStatuses(person) {
  return (person.mentions || []).flatMap((m) => (m.statuses || []).map((s) => ({ ...s, report: m.report })));
}

// who said what became of the person, each source once, in the order they are first given
function personSources(person) {
  const seen = new Map();
  for (const s of personStatuses(person)) {
    const key = `${s.source_kind}|${s.source_text || ""}`;
    if (!seen.has(key)) seen.set(key, { kind: s.source_kind, text: s.source_text, via: s.source_via });
  }
  return [...seen.values()];
}

const REGION_NAMES = typeof Intl.DisplayNames === "function" ? new Intl.DisplayNames(["en"], { type: "region" }) : null;

function countryText(code) {
  if (!code) return "";
  try {
    const name = REGION_NAMES && REGION_NAMES.of(code);
    return name && name !== code ? `${name} (${code})` : code;
  } catch (error) {
    return code; // not a region code
  }
}

function personRow(person, withIncident) {
  const cell = (i, content, attrs = {}) => el("td", { "data-label": PEOPLE_COLUMNS[i], ...attrs }, content);
  const others = (person.variants || []).filter((v) => v !== person.name);
  const sources = personSources(person);
  const reports = person.reports || [...new Set((person.mentions || []).map((m) => m.report))];
  return el("tr", { "data-person": person.id || person.name },
    cell(0, [el("b", { "data-testid": "person-name" }, person.name),
      others.length ? el("span", { class: "meta" }, ` also “${others.join("”, “")}”`) : null,
      withIncident && person.incident ? el("span", { class: "meta" }, " · ",
        el("a", { href: `#/incident/${enc(person.incident)}`, "data-testid": "person-incident" }, person.incident)) : null],
    { class: "title" }),
    cell(1, person.final_status || el("span", { class: "note" }, "none said"), { "data-testid": "person-status" }),
    cell(2, countryText(person.nationality), { "data-testid": "person-nationality" }),
    cell(3, [person.age, person.sex].filter((v) => v !== null && v !== undefined).join(", ")),
    cell(4, sources.map((s, i) => el("span", { class: "person-source" }, i ? "; " : "",
      el("abbr", { class: `kind kind-${s.kind}`, title: s.kind }, SOURCE_KINDS[s.kind] || "?"), " ",
      s.text || s.kind, s.via ? ` via ${s.via}` : "")), { "data-testid": "person-sources" }),
    cell(5, personWords(person, reports)));
}

// the person's words, in a disclosure: each status's clause from its report, the names and the clause
// marked, fetched when opened (a report's text is long; most rows are never opened)
function personWords(person, reports) {
  const count = personStatuses(person).length;
  const box = el("div", { class: "person-words", "data-testid": "person-words-text" });
  const details = el("details", { "data-testid": "person-words" },
    el("summary", {}, `${count} ${count === 1 ? "claim" : "claims"} in ${reports.length} ${reports.length === 1 ? "report" : "reports"}`),
    box);
  details.addEventListener("toggle", () => {
    if (details.open && !box.dataset.loaded) {
      box.dataset.loaded = "1";
      fillPersonWords(person, box);
    }
  });
  return details;
}

const reportTexts = new Map(); // report id -> the API's report, while the page is open

function reportOf(id) {
  if (!reportTexts.has(id)) {
    reportTexts.set(id, api(`/api/reports/${enc(id)}`).catch((error) => { reportTexts.delete(id); throw error; }));
  }
  return reportTexts.get(id);
}

async function fillPersonWords(person, box) {
  box.replaceChildren(loading());
  const mentions = person.mentions || [];
  const found = await Promise.all(mentions.map((m) => reportOf(m.report).catch(() => null)));
  box.replaceChildren(...mentions.map((m, i) => {
    const report = found[i];
    const link = el("a", { href: `#/report/${enc(m.report)}` }, report ? report.outlet || m.report : m.report);
    if (!report) return el("p", { class: "note" }, link, ": its text could not be loaded.");
    const statuses = m.statuses || [];
    const spans = [...(m.mentions || []).map((s) => ({ span: s, kind: "mention", title: `names ${person.name}` })),
      ...statuses.map((s) => ({ span: s.span, kind: "status",
        title: `${s.status}, ${s.modality || "asserted"} — ${s.source_text ? `${s.source_text} (${s.source_kind})` : s.source_kind}` }))];
    const quoted = statuses.length ? statuses.map((s) => s.span) : (m.mentions || []).slice(0, 1);
    return el("blockquote", { class: "person-quote", "data-report": m.report },
      quoted.map((span) => el("p", {}, excerpt(report.text, span, spans))),
      el("footer", { class: "meta" }, "— ", link, report.published ? `, ${momentText(report.published)}` : ""));
  }));
}

// the sentence(s) around `span`, with the names and clauses among `spans` marked
function excerpt(text, span, spans) {
  const before = text.slice(0, span[0]);
  const dot = before.lastIndexOf(". ");
  const start = Math.max(dot < 0 ? 0 : dot + 2, before.lastIndexOf("\n") + 1);
  const rest = text.slice(span[1]);
  const stop = rest.search(/[.!?](\s|$)|\n/);
  const end = span[1] + (stop < 0 ? rest.length : stop + 1);
  const inside = spans.filter((s) => s.span[0] < end && s.span[1] > start)
    .map((s) => ({ ...s, span: [Math.max(s.span[0], start), Math.min(s.span[1], end)] }));
  const cuts = [...new Set([start, end, ...inside.flatMap((s) => s.span)])].sort((a, b) => a - b);
  const pieces = [];
  cuts.slice(0, -1).forEach((from, i) => {
    const to = cuts[i + 1];
    const words = text.slice(from, to);
    const over = inside.filter((s) => s.span[0] <= from && s.span[1] >= to);
    if (!over.length) { pieces.push(words); return; }
    const kinds = [...new Set(over.map((s) => s.kind))].sort();
    pieces.push(el("mark", { class: kinds.map((k) => `person-${k}`).join(" "), "data-testid": `person-${kinds.join("-")}`,
      title: over.map((s) => s.title).join("\n") }, words));
  });
  return pieces;
}

function peopleTable(people, withIncident) {
  return el("table", { class: "people-list stack", "data-testid": "people-table" },
    el("thead", {}, el("tr", {}, PEOPLE_COLUMNS.map((h) => el("th", { scope: "col" }, h)))),
    el("tbody", {}, people.map((p) => personRow(p, withIncident))));
}

// by name, for a reader scanning for one; the killed and the missing first would hide the order of names
function byName(a, b) {
  return a.name.localeCompare(b.name);
}

async function drawPeople(id, view) {
  const box = document.getElementById("people");
  if (!box) return;
  let people;
  try {
    people = peopleOf(await api(`/api/incidents/${enc(id)}/people${query({ policy: policy() })}`));
  } catch (error) {
    if (!stale(view)) box.replaceChildren(el("p", { class: "error", role: "alert" }, `Could not load the people: ${error.message}`));
    return;
  }
  if (stale(view)) return;
  if (!people.length) {
    box.replaceChildren(el("p", { class: "note" }, "No report names anyone affected."));
    return;
  }
  box.replaceChildren(peopleTable([...people].sort(byName), false),
    el("p", { class: "note" }, `${people.length} ${people.length === 1 ? "person" : "people"} named. Status: the latest `
      + "by the figures' policy. Open a row's claims for the words of each report, names and clauses marked."));
}

async function showPeopleSearch(name, view) {
  const input = document.getElementById("person-name");
  if (input && input.value !== name) input.value = name;
  if (!name.trim()) {
    setView(el("h1", {}, "Find a person"), el("p", { class: "note" }, "Type a name in the search box above."));
    return;
  }
  setView(loading());
  const people = peopleOf(await api(`/api/people${query({ name, policy: policy() })}`));
  if (stale(view)) return;
  setView(el("p", {}, el("a", { href: "#/" }, "← incidents")),
    el("h1", {}, `People named “${name}”`),
    people.length ? peopleTable([...people].sort(byName), true)
      : el("p", { class: "note", "data-testid": "no-person" }, "No report in the store names anyone by that name. "
        + "Try the family name alone, or another spelling."));
}

function findPerson(event) {
  event.preventDefault();
  const name = document.getElementById("person-name").value.trim();
  location.hash = `#/people${query({ name })}`;
}

// ---- start ---------------------------------------------------------------------------------------

let resizing = null;
window.addEventListener("resize", () => {
  cancelAnimationFrame(resizing);
  resizing = requestAnimationFrame(() => { if (document.getElementById("chart")) drawChart(); });
});
document.getElementById("policy").addEventListener("change", () => changePolicy());
document.getElementById("find-person").addEventListener("submit", findPerson);
window.addEventListener("hashchange", route);
listen();
route();
