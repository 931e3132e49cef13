// mock-intacct console: one page over the JSON admin API (/__mock__/...) and the console's read
// endpoints (/__mock__/console/...). No framework, no build step, nothing fetched from elsewhere.
"use strict";

const $ = (selector, root = document) => root.querySelector(selector);
const $$ = (selector, root = document) => [...root.querySelectorAll(selector)];
const TOKEN_KEY = "mock-intacct-token";
let modules = [];

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (name === "text") node.textContent = value;
    else if (name.startsWith("on")) node.addEventListener(name.slice(2), value);
    else if (value !== false && value !== null && value !== undefined) node.setAttribute(name, value === true ? "" : value);
  }
  for (const child of children) node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  return node;
}

class Unauthorized extends Error {}

function headers(extra = {}) {
  const token = sessionStorage.getItem(TOKEN_KEY);
  return token ? { Authorization: `Bearer ${token}`, ...extra } : extra;
}

async function api(method, path, body) {
  const init = { method, headers: headers(body === undefined ? {} : { "Content-Type": "application/json" }) };
  if (body !== undefined) init.body = JSON.stringify(body);
  const reply = await fetch(path, init);
  if (reply.status === 401) { askToken(); throw new Unauthorized(); }
  const data = reply.headers.get("Content-Type")?.includes("json") ? await reply.json() : await reply.text();
  if (!reply.ok) {
    const why = data && data.error ? (typeof data.error === "string" ? data.error : JSON.stringify(data)) : JSON.stringify(data);
    throw new Error(`${method} ${path}: HTTP ${reply.status} ${why}`);
  }
  return data;
}

function say(text) { $("#message").textContent = text || ""; }

async function guarded(work) {
  try { say(""); return await work(); } catch (failure) { if (!(failure instanceof Unauthorized)) say(failure.message); }
}

// --- token -----------------------------------------------------------------------------------------

function askToken(message = "") {
  $("#login").hidden = false;
  $$(".view").forEach((v) => (v.hidden = true));
  $("header nav").hidden = true;
  $("#login-error").textContent = message;
  $("#token").focus();
}

$("#login-form").addEventListener("submit", async (event) => {
  event.preventDefault();
  sessionStorage.setItem(TOKEN_KEY, $("#token").value);
  $("#token").value = "";
  const reply = await fetch("/__mock__/companies", { headers: headers() });
  if (reply.status === 401) { sessionStorage.removeItem(TOKEN_KEY); askToken("That token is not the admin token."); return; }
  $("#login").hidden = true;
  $("header nav").hidden = false;
  start();
});

// --- views -----------------------------------------------------------------------------------------

const loaders = {};
function show(view) {
  $$(".view").forEach((v) => (v.hidden = v.id !== view));
  $$("nav button").forEach((b) => b.toggleAttribute("aria-current", b.dataset.view === view));
  history.replaceState(null, "", `#${view}`);
  guarded(() => loaders[view]());
}
$$("nav button").forEach((button) => button.addEventListener("click", () => show(button.dataset.view)));

// --- XML highlighting ------------------------------------------------------------------------------

function highlight(xml) {
  // Tags, attributes and text as spans built from text nodes: nothing of the XML is parsed as HTML.
  const out = document.createDocumentFragment();
  const pattern = /(<!\[CDATA\[[\s\S]*?\]\]>|<!--[\s\S]*?-->|<\?[\s\S]*?\?>|<\/?[^>]+>)/g;
  let last = 0;
  for (const match of xml.matchAll(pattern)) {
    if (match.index > last) out.append(el("span", { class: "x-text", text: xml.slice(last, match.index) }));
    const token = match[0];
    if (token.startsWith("<!--") || token.startsWith("<?")) out.append(el("span", { class: "x-comment", text: token }));
    else if (token.startsWith("<![CDATA[")) out.append(el("span", { class: "x-text", text: token }));
    else {
      const parts = /^(<\/?)([^\s/>]+)([\s\S]*?)(\/?>)$/.exec(token);
      if (!parts) { out.append(token); continue; }
      out.append(el("span", { class: "x-tag", text: parts[1] + parts[2] }));
      for (const attr of parts[3].matchAll(/(\s+)([^\s=]+)(\s*=\s*)("[^"]*"|'[^']*')?|\s+/g)) {
        if (!attr[2]) { out.append(attr[0]); continue; }
        out.append(attr[1], el("span", { class: "x-attr", text: attr[2] }), attr[3] || "");
        if (attr[4]) out.append(el("span", { class: "x-value", text: attr[4] }));
      }
      out.append(el("span", { class: "x-tag", text: parts[4] }));
    }
    last = match.index + token.length;
  }
  if (last < xml.length) out.append(el("span", { class: "x-text", text: xml.slice(last) }));
  return el("pre", { class: "xml", tabindex: "0" }, out);
}

// --- exchanges -------------------------------------------------------------------------------------

function filters() {
  const params = new URLSearchParams();
  for (const [name, value] of new FormData($("#filters"))) if (String(value).trim()) params.set(name, String(value).trim());
  return params;
}

function functionsCell(exchange) {
  const cell = el("td");
  if (!exchange.functions.length) cell.append(el("span", { class: `status ${exchange.failed ? "failure" : "success"}`, text: exchange.control_status || "—" }));
  for (const f of exchange.functions) cell.append(el("span", { class: `status ${f.status}`, text: `${f.function} ${f.status}` }), " ");
  return cell;
}

function exchangeRow(exchange) {
  const row = el("tr", { tabindex: "0", "data-id": exchange.id, class: exchange.failed ? "failed" : "" },
    el("td", { text: exchange.time.slice(11, 23) , title: exchange.time }),
    el("td", { text: exchange.company || "—" }),
    el("td", { text: exchange.user || "—" }),
    functionsCell(exchange),
    el("td", { class: "errornos", text: exchange.errornos.join(" ") }),
    el("td", { text: exchange.http_status }),
    el("td", { text: exchange.duration_ms }));
  const open = () => guarded(() => openExchange(exchange.id));
  row.addEventListener("click", open);
  row.addEventListener("keydown", (event) => { if (event.key === "Enter" || event.key === " ") { event.preventDefault(); open(); } });
  return row;
}

loaders.exchanges = async () => {
  const found = await api("GET", `/__mock__/console/exchanges?${filters()}`);
  const body = $("#exchange-table tbody");
  body.replaceChildren(...found.exchanges.map(exchangeRow));
  $("#exchange-empty").hidden = found.exchanges.length > 0;
  $("#exchanges-older").hidden = !found.more;
};

// The next page after the last row shown (live updates redraw the first page again).
$("#exchanges-older").addEventListener("click", () => guarded(async () => {
  const params = filters();
  params.set("before", $("#exchange-table tbody tr:last-child").dataset.id);
  const found = await api("GET", `/__mock__/console/exchanges?${params}`);
  $("#exchange-table tbody").append(...found.exchanges.map(exchangeRow));
  $("#exchanges-older").hidden = !found.more;
}));

let refresh = null;
function refreshSoon() { clearTimeout(refresh); refresh = setTimeout(() => guarded(loaders.exchanges), 150); }
$("#filters").addEventListener("input", refreshSoon);
$("#filters").addEventListener("submit", (event) => { event.preventDefault(); refreshSoon(); });
$("#clear-filters").addEventListener("click", () => { $("#filters").reset(); refreshSoon(); });

function curl(request) {
  const endpoint = `${location.origin}/ia/xml/xmlgw.phtml`;
  return `curl -sS -X POST '${endpoint}' -H 'Content-Type: application/xml' --data-binary @- <<'XML'\n${request}\nXML`;
}

function failureList(failures) {
  if (!failures.length) return el("p", { class: "muted", text: "No errors in this answer." });
  return el("ul", { class: "failures" }, ...failures.map((f) => el("li", {},
    el("strong", { class: "errorno", text: f.errorno }), " ",
    el("span", { text: [f.function && `${f.function}${f.controlid ? ` (${f.controlid})` : ""}`, f.where].filter(Boolean).join(" · ") }),
    el("div", { class: "d2", text: f.description2 || f.description }),
    f.correction ? el("div", { class: "correction", text: `Correction: ${f.correction}` }) : "")));
}

async function openExchange(id) {
  const exchange = await api("GET", `/__mock__/console/exchange?id=${encodeURIComponent(id)}`);
  const panel = $("#exchange-detail");
  const answers = el("div", { class: "answers" }, el("div", { class: "answer" }, el("h3", { text: `Response (HTTP ${exchange.http_status})` }), highlight(exchange.response)));
  const replay = el("button", { type: "button", id: "replay", onclick: () => guarded(async () => {
    const again = await api("POST", `/__mock__/console/replay?id=${encodeURIComponent(id)}`);
    $(".answer.replayed", answers)?.remove();
    answers.append(el("div", { class: "answer replayed" },
      el("h3", { text: again.error ? `Replay: ${again.error}` : `Replay (HTTP ${again.http_status})` }),
      failureList(again.failures || []), highlight(again.response || "")));
  }) }, "Replay");
  const copy = el("button", { type: "button", id: "copy-curl", onclick: async () => {
    const text = curl(exchange.request);
    try { await navigator.clipboard.writeText(text); say("Copied as curl (secrets stay redacted: put the real password back)."); }
    catch { say("The clipboard is not available here: the curl command is shown below."); }
    $("#curl", panel)?.remove();
    panel.append(el("pre", { id: "curl", class: "xml", tabindex: "0", text }));
  } }, "Copy as curl");
  const close = el("button", { type: "button", onclick: () => { panel.hidden = true; $(`tr[data-id="${id}"]`)?.focus(); } }, "Close");
  panel.replaceChildren(
    el("h2", { text: `${exchange.company || "—"} / ${exchange.user || "—"} · ${exchange.time}` }),
    el("div", { class: "bar" }, replay, copy, close),
    failureList(exchange.failures),
    el("h3", { text: "Request" }), highlight(exchange.request),
    answers);
  panel.hidden = false;
  panel.focus();
}

// Live: the event stream read with fetch (EventSource cannot send the Authorization header).
async function listen() {
  for (;;) {
    try {
      const reply = await fetch("/__mock__/console/events", { headers: headers({ Accept: "text/event-stream" }) });
      if (reply.status === 401) { askToken(); return; }
      $("#live").textContent = "live";
      const reader = reply.body.pipeThrough(new TextDecoderStream()).getReader();
      let buffer = "";
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buffer += value;
        let cut;
        while ((cut = buffer.indexOf("\n\n")) >= 0) {
          const event = buffer.slice(0, cut);
          buffer = buffer.slice(cut + 2);
          if (event.startsWith("event: exchange") && !$("#exchanges").hidden) refreshSoon();
        }
      }
    } catch { /* the server went away: try again */ }
    $("#live").textContent = "reconnecting…";
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
}

// --- companies -------------------------------------------------------------------------------------

function table(headings, rows) {
  return el("table", {}, el("thead", {}, el("tr", {}, ...headings.map((h) => el("th", { text: h })))),
    el("tbody", {}, ...rows.map((cells) => el("tr", {}, ...cells.map((c) => (c instanceof Node ? el("td", {}, c) : el("td", { text: c ?? "" })))))));
}

function choice(name, values, current, onchange) {
  return el("select", { name, "aria-label": name, onchange: (event) => guarded(() => onchange(event.target.value)) },
    ...values.map((v) => el("option", { value: v, selected: String(v) === String(current) }, String(v))));
}

async function fillCompanies(select, keep) {
  const listed = await api("GET", "/__mock__/companies");
  const current = keep || select.value || listed.companies[0];
  select.replaceChildren(...listed.companies.map((c) => el("option", { value: c, selected: c === current }, c)));
  return listed;
}

loaders.companies = async () => {
  const listed = await fillCompanies($("#company-select"));
  $("#fixture-select").replaceChildren(...listed.fixtures.map((f) => el("option", { value: f }, f)));
  if (!modules.length) {
    const doc = await api("GET", "/__mock__/openapi.json");
    const property = doc.components.schemas.CompanySettings.properties.modules;
    modules = (property.anyOf || []).find((s) => s.type === "array")?.items?.enum || [];
  }
  await showCompany($("#company-select").value);
};

let companyLoad = 0;
async function showCompany(id) {
  if (!id) { $("#company-detail").replaceChildren(el("p", { text: "No companies." })); return; }
  const path = `/__mock__/companies/${encodeURIComponent(id)}`;
  const mine = ++companyLoad;
  const state = await api("GET", `${path}/state`);
  if (mine !== companyLoad) return; // stale: another company (or a fresher view of this one) is loading
  const patch = (change) => api("PATCH", path, change).then(() => showCompany(id));
  const number = (name, value, min) => {
    const input = el("input", { type: "number", name, min, value: value ?? "", "aria-label": name, placeholder: "unlimited", size: "8" });
    input.addEventListener("change", () => guarded(() => patch({ [name]: input.value === "" ? null : Number(input.value) })));
    return input;
  };
  const webServices = el("input", { type: "checkbox", name: "web_services", checked: state.web_services, "aria-label": "web_services" });
  webServices.addEventListener("change", () => guarded(() => patch({ web_services: webServices.checked })));
  const settings = table(["Setting", "Value"], [
    ["companyid", state.companyid], ["name", state.name], ["fixture", state.fixture], ["timezone", state.timezone],
    ["web_services", webServices],
    ["permission_http_status (403 mode)", choice("permission_http_status", [200, 403], state.permission_http_status, (v) => patch({ permission_http_status: Number(v) }))],
    ["concurrency_limit", number("concurrency_limit", state.concurrency_limit, 1)],
    ["session_duration_seconds", number("session_duration_seconds", state.session_duration_seconds, 1)],
    ["login_failure", choice("login_failure", ["gateway", "legacy"], state.login_failure, (v) => patch({ login_failure: v }))],
  ]);
  const enabled = state.modules ?? modules;
  const moduleBoxes = el("fieldset", { class: "modules" }, el("legend", { text: state.modules ? "Modules" : "Modules (all subscribed)" }),
    ...modules.map((m) => {
      const box = el("input", { type: "checkbox", name: `module-${m}`, checked: enabled.includes(m) });
      box.addEventListener("change", () => guarded(() => patch({ modules: modules.filter((n) => n === m ? box.checked : enabled.includes(n)) })));
      return el("label", {}, box, ` ${m}`);
    }));
  const senders = table(["Sender ID", "Authorization", ""], Object.entries(state.senders).map(([sender, status]) => [
    sender,
    choice(`sender-${sender}`, ["active", "inactive"], status, (v) => api("PUT", `${path}/senders/${encodeURIComponent(sender)}`, { status: v }).then(() => showCompany(id))),
    el("button", { type: "button", onclick: () => guarded(() => api("DELETE", `${path}/senders/${encodeURIComponent(sender)}`).then(() => showCompany(id))) }, `Revoke ${sender}`),
  ]));
  const newSender = el("input", { name: "new-sender", "aria-label": "sender ID to authorize", placeholder: "sender ID", size: "14" });
  const authorize = el("button", { type: "button", onclick: () => guarded(() => api("PUT", `${path}/senders/${encodeURIComponent(newSender.value.trim())}`, { status: "active" }).then(() => showCompany(id))) }, "Authorize");
  // The password is never shown: the row is built from named fields only.
  const users = table(["User", "Status", "Admin", "Grants", "Entities"], state.users.map((u) => [
    u.userid,
    choice(`user-${u.userid}`, ["active", "inactive"], u.status, (v) => api("PUT", `${path}/users/${encodeURIComponent(u.userid)}`, { status: v }).then(() => showCompany(id))),
    u.admin || "no",
    Object.entries(u.grants || {}).map(([on, rights]) => `${on}: ${[].concat(rights).join(", ")}`).join("; ") || "—",
    (u.entities || []).join(", ") || "all",
  ]));
  const entities = table(["Location ID", "Name"], state.entities.map((e) => [e.locationid, e.name]));
  const counts = table(["Object", "Records"], Object.entries(state.records).map(([name, rows]) => [name, rows.length]));
  $("#company-detail").replaceChildren(
    el("div", { class: "cards" },
      el("div", {}, el("h2", { text: "Settings" }), settings, moduleBoxes),
      el("div", {}, el("h2", { text: "Sender authorizations" }), senders, el("div", { class: "bar" }, newSender, authorize),
        el("h2", { text: "Web Services users" }), users, el("h2", { text: "Entities" }), state.entities.length ? entities : el("p", { class: "muted", text: "None: a single-entity company." })),
      el("div", {}, el("h2", { text: "Records" }), el("div", { class: "counts" }, counts))));
}

$("#company-select").addEventListener("change", () => guarded(() => showCompany($("#company-select").value)));
$("#company-reset").addEventListener("click", () => guarded(async () => {
  const id = $("#company-select").value;
  await api("POST", `/__mock__/companies/${encodeURIComponent(id)}/reset`);
  say(`${id} is back to its fixture.`);
  await showCompany(id);
}));
$("#company-create").addEventListener("click", () => guarded(async () => {
  const made = await api("POST", "/__mock__/companies", { fixture: $("#fixture-select").value });
  await fillCompanies($("#company-select"), made.companyid);
  say(`Created ${made.companyid} from ${made.fixture}.`);
  await showCompany(made.companyid);
}));

// --- faults ----------------------------------------------------------------------------------------

const PRESETS = {
  slow: () => ({ type: "latency", ms: 2000 }),
  502: () => ({ type: "http", status: 502 }),
  503: () => ({ type: "http", status: 503 }),
  524: () => ({ type: "http", status: 524 }),
  429: () => ({ type: "rate_limit" }),
  drop: () => ({ type: "drop" }),
  truncate: () => ({ type: "truncate", after: true }),
  error: (form) => ({ type: "error", errorno: form.get("errorno") || "XL03000009" }),
};

loaders.faults = async () => {
  const listed = await api("GET", "/__mock__/faults");
  $("#fault-table tbody").replaceChildren(...listed.faults.map((r) => el("tr", {},
    el("td", { text: r.id }), el("td", { text: JSON.stringify(r.action) }),
    el("td", { text: Object.entries(r.match).map(([k, v]) => `${k}=${v}`).join(" ") || "every request" }),
    el("td", { text: r.times ?? "until cleared" }), el("td", { text: r.probability }),
    el("td", {}, removeButton(r)))));
};

function removeButton(rule) {
  const button = el("button", { type: "button", text: "Remove", "aria-label": `Remove fault ${rule.id}` });
  button.addEventListener("click", () => guarded(async () => {
    await api("DELETE", `/__mock__/faults/${encodeURIComponent(rule.id)}`);
    say(`Removed fault ${rule.id}.`);
    await loaders.faults();
  }));
  return button;
}

$$("#presets button").forEach((button) => button.addEventListener("click", () => guarded(async () => {
  const form = new FormData($("#fault-form"));
  const match = {};
  for (const name of ["company", "function"]) if (String(form.get(name)).trim()) match[name] = String(form.get(name)).trim();
  const rule = { action: PRESETS[button.dataset.preset](form), match };
  if (String(form.get("times")).trim()) rule.times = Number(form.get("times"));
  const added = await api("POST", "/__mock__/faults", rule);
  say(`Added fault ${added.id}.`);
  await loaders.faults();
})));
$("#faults-clear").addEventListener("click", () => guarded(async () => { await api("DELETE", "/__mock__/faults"); await loaders.faults(); }));

// --- records ---------------------------------------------------------------------------------------

const RECORDS_PAGE = 25;
let records = { company: "", rows: {}, offset: 0 };

loaders.records = async () => {
  await fillCompanies($("#records-company"));
  await loadRecords();
};

let recordsLoad = 0;
async function loadRecords() {
  const company = $("#records-company").value;
  const mine = ++recordsLoad;
  const state = await api("GET", `/__mock__/companies/${encodeURIComponent(company)}/state`);
  if (mine !== recordsLoad) return; // a newer choice of company is loading: this answer is stale
  records = { company, rows: state.records, offset: 0 };
  const keep = $("#records-object").value;
  const names = Object.keys(state.records).sort();
  $("#records-object").replaceChildren(...names.map((n) => el("option", { value: n, selected: n === keep }, n)));
  drawRecords();
}

function drawRecords() {
  const rows = records.rows[$("#records-object").value] || [];
  const chosen = $("#records-fields").value.split(",").map((f) => f.trim()).filter(Boolean);
  const fields = chosen.length ? chosen : [...new Set(rows.slice(0, 20).flatMap((r) => Object.keys(r)))].filter((f) => !f.startsWith("_")).slice(0, 6);
  const shown = rows.slice(records.offset, records.offset + RECORDS_PAGE);
  $("#records-table thead").replaceChildren(el("tr", {}, ...fields.map((f) => el("th", { text: f }))));
  $("#records-table tbody").replaceChildren(...shown.map((record) => {
    const row = el("tr", { tabindex: "0" }, ...fields.map((f) => el("td", { text: typeof record[f] === "object" ? JSON.stringify(record[f]) : record[f] ?? "" })));
    const open = () => guarded(async () => {
      const object = $("#records-object").value;
      const answered = await api("GET", `/__mock__/companies/${encodeURIComponent(records.company)}/records/${encodeURIComponent(object)}/${encodeURIComponent(record.RECORDNO)}`);
      const panel = $("#record-detail");
      panel.replaceChildren(el("h2", { text: `${object} ${answered.recordno}, as read answers it` }), el("pre", { class: "xml", tabindex: "0", text: answered.xml }));
      panel.hidden = false;
      panel.focus();
    });
    row.addEventListener("click", open);
    row.addEventListener("keydown", (event) => { if (event.key === "Enter") open(); });
    return row;
  }));
  $("#records-count").textContent = rows.length ? `${records.offset + 1}–${records.offset + shown.length} of ${rows.length}` : "no records";
}

$("#records-company").addEventListener("change", () => guarded(loadRecords));
$("#records-object").addEventListener("change", () => { records.offset = 0; drawRecords(); });
$("#records-fields").addEventListener("change", drawRecords);
$("#records-prev").addEventListener("click", () => { records.offset = Math.max(0, records.offset - RECORDS_PAGE); drawRecords(); });
$("#records-next").addEventListener("click", () => {
  const rows = records.rows[$("#records-object").value] || [];
  if (records.offset + RECORDS_PAGE < rows.length) records.offset += RECORDS_PAGE;
  drawRecords();
});

// --- start -----------------------------------------------------------------------------------------

let started = false;
function start() {
  show(location.hash.slice(1) in loaders ? location.hash.slice(1) : "exchanges");
  if (!started) { started = true; listen(); }
}

(async () => {
  const reply = await fetch("/__mock__/companies", { headers: headers() });
  if (reply.status === 401) { askToken(); return; }
  start();
})();
