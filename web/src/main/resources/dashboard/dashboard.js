// Switchboard dashboard: plain JavaScript, no build step. Data comes from /api/v1 only; the API token, once
// given, lives in this page's memory and nowhere else (no storage, no cookie).
"use strict";

const state = { token: null, lastEventId: null, charts: {}, messages: new Map(), pendingAuth: null };
const MAX_ROWS = 50;
const $ = (id) => document.getElementById(id);

function headers(extra) {
  const h = Object.assign({ "Accept": "application/json" }, extra || {});
  if (state.token) h["Authorization"] = "Bearer " + state.token;
  return h;
}

/** Asks for the token once (an inline field) and resolves when it is given. */
function askToken() {
  if (!state.pendingAuth) {
    $("token-form").hidden = false;
    $("token").focus();
    state.pendingAuth = new Promise((resolve) => { state.resolveAuth = resolve; });
  }
  return state.pendingAuth;
}

$("token-form").addEventListener("submit", (e) => {
  e.preventDefault();
  const v = $("token").value.trim();
  if (!v) return;
  state.token = v;
  $("token").value = "";
  $("token-form").hidden = true;
  $("token-state").textContent = "token set";
  $("token-state").className = "badge";
  if (state.resolveAuth) { state.resolveAuth(); state.pendingAuth = null; state.resolveAuth = null; }
});

async function api(method, path, body) {
  for (let tries = 0; tries < 3; tries++) {
    const init = { method, headers: headers(body ? { "Content-Type": "application/json" } : {}) };
    if (body) init.body = JSON.stringify(body);
    const res = await fetch(path, init);
    if (res.status === 401 || (res.status === 403 && method !== "GET" && !state.token)) {
      if (res.status === 401 && state.token) { // a wrong token: ask again
        state.token = null;
        $("token-state").textContent = "token wrong";
        $("token-state").className = "badge bad";
      }
      const text = await res.json().catch(() => ({}));
      if (res.status === 403) return { res, json: text };
      await askToken();
      continue;
    }
    const json = await res.json().catch(() => ({}));
    return { res, json };
  }
  throw new Error("not authorized");
}

// ---------- charts ----------
const fmtMs = (v) => v == null ? "–" : v < 1000 ? v + " ms" : (v / 1000).toFixed(v < 10000 ? 2 : 1) + " s";
const palette = ["#2b6cb0", "#2f855a", "#b7791f", "#c53030", "#6b46c1", "#2c7a7b", "#d53f8c", "#4a5568"];

function chart(id, opts, data) {
  const el = $(id);
  const width = Math.max(300, el.clientWidth || 400);
  const old = state.charts[id];
  const key = JSON.stringify(opts.series.map((s) => s.label));
  if (old && old.key === key) { old.plot.setData(data); return; }
  if (old) old.plot.destroy();
  opts.width = width;
  opts.height = 200;
  state.charts[id] = { key, plot: new uPlot(opts, data, el) };
}

function drawDistribution(lat) {
  const kinds = [["end_to_end", "queued→delivered"], ["queue_wait", "queue wait"], ["delivery", "delivery"],
    ["time_to_read", "time to read"]];
  const buckets = lat.end_to_end.buckets;
  const xs = buckets.map((_, i) => i);
  const labels = buckets.map((b) => b.le == null ? "more" : "≤" + fmtMs(b.le));
  const series = [{ label: "bucket" }];
  const data = [xs];
  kinds.forEach(([k, name], i) => {
    series.push({ label: name, stroke: palette[i], width: 2, points: { show: true, size: 5 } });
    data.push(lat[k].buckets.map((b) => b.count));
  });
  chart("c-dist", { series, axes: [{ values: (u, vals) => vals.map((v) => labels[v] || "") }, {}],
                    scales: { x: { time: false } } }, data);
}

function drawTrend(perMinute) {
  const xs = perMinute.map((m) => Date.parse(m.start) / 1000);
  const pts = { show: true, size: 5 };
  chart("c-trend", { series: [{}, { label: "p50", stroke: palette[0], points: pts, spanGaps: true },
                              { label: "p95", stroke: palette[3], points: pts, spanGaps: true }] },
        [xs, perMinute.map((m) => m.end_to_end_p50_ms), perMinute.map((m) => m.end_to_end_p95_ms)]);
}

function drawThroughput(perMinute, agents) {
  const xs = perMinute.map((m) => Date.parse(m.start) / 1000);
  const series = [{}];
  const data = [xs];
  agents.forEach((a, i) => {
    series.push({ label: a, stroke: palette[i % palette.length] });
    data.push(perMinute.map((m) => (m.delivered_by_agent || {})[a] || 0));
  });
  if (agents.length === 0) { series.push({ label: "delivered", stroke: palette[0] }); data.push(xs.map(() => 0)); }
  chart("c-through", { series }, data);
}

function drawErrors(byClass) {
  const body = $("errors").tBodies[0];
  body.replaceChildren();
  const entries = Object.entries(byClass).sort((a, b) => b[1] - a[1]);
  const max = Math.max(1, ...entries.map((e) => e[1]));
  $("errors-none").hidden = entries.length > 0;
  for (const [cls, n] of entries) {
    const tr = body.insertRow();
    tr.insertCell().textContent = cls;
    const bar = document.createElement("div");
    bar.className = "bar";
    bar.style.width = Math.round(100 * n / max) + "%";
    tr.insertCell().appendChild(bar);
    tr.insertCell().textContent = n;
  }
}

function drawRetries(r, window) {
  const body = $("retries").tBodies[0];
  body.replaceChildren();
  const rows = [["failed attempts waiting to retry", r.retry_waits], ["delivered after a retry", r.delivered_after_retry],
    ["dead (gave up)", r.dead], ["put back by an operator", r.operator_retries], ["cancelled", window.cancelled]];
  for (const [k, v] of Object.entries(r.attempts_at_delivery)) rows.push(["delivered on attempt " + k, v]);
  for (const [k, v] of rows) {
    const tr = body.insertRow();
    tr.insertCell().textContent = k;
    tr.insertCell().textContent = v;
  }
}

async function refreshMetrics() {
  const { res, json } = await api("GET", "/api/v1/messaging/metrics");
  if (!res.ok) return;
  const w = json.last_hour;
  $("t-success").textContent = w.success_rate == null ? "–" : (100 * w.success_rate).toFixed(1) + " %";
  $("t-delivered").textContent = w.delivered;
  $("t-dead").textContent = w.dead;
  $("t-retries").textContent = w.retries.retry_waits;
  $("t-p50").textContent = fmtMs(w.latency_ms.end_to_end.p50);
  $("t-p99").textContent = fmtMs(w.latency_ms.end_to_end.p99);
  $("t-read").textContent = fmtMs(w.latency_ms.time_to_read.p50);
  drawDistribution(w.latency_ms);
  drawTrend(w.per_minute);
  drawThroughput(w.per_minute, Object.keys(json.totals.by_agent).sort());
  drawErrors(w.by_error_class);
  drawRetries(w.retries, w);
}

// ---------- agents ----------
async function refreshAgents() {
  const { res, json } = await api("GET", "/api/v1/messaging/agents");
  if (!res.ok) return;
  const select = $("send-agent");
  const chosen = select.value;
  if (select.options.length !== json.agents.length) {
    select.replaceChildren(...json.agents.map((a) => new Option(a.id, a.id)));
    if (chosen) select.value = chosen;
  }
  const body = $("agents").tBodies[0];
  body.replaceChildren();
  for (const a of json.agents) {
    const tr = body.insertRow();
    tr.dataset.agent = a.id;
    tr.insertCell().textContent = a.id + (a.aliases.length ? " (" + a.aliases.join(", ") + ")" : "");
    const methods = tr.insertCell();
    for (const m of a.methods) {
      const s = document.createElement("span");
      s.className = "breaker " + m.breaker;
      s.textContent = m.method + " (" + m.breaker + ")";
      methods.appendChild(s);
    }
    tr.insertCell().textContent = a.queue_depth;
    tr.insertCell().textContent = a.last_delivery ? new Date(a.last_delivery).toLocaleTimeString() : "never";
    const st = tr.insertCell();
    st.textContent = a.paused ? "paused" : "active";
    st.className = a.paused ? "paused" : "";
    const actions = tr.insertCell();
    actions.appendChild(button(a.paused ? "resume" : "pause", () => control("/api/v1/agents/" +
        encodeURIComponent(a.id) + "/" + (a.paused ? "resume" : "pause"))));
    // Snapshot of the agent's window (PNG) / pane / inbox files (text): GET /api/v1/agents/{id}/peek, admins only.
    actions.appendChild(button("snapshot", () => peek(a.id), "peek-" + a.id));
  }
}

function button(label, onClick, id) {
  const b = document.createElement("button");
  b.type = "button";
  b.className = "small";
  b.textContent = label;
  if (id) b.id = id;
  b.addEventListener("click", onClick);
  return b;
}

async function control(path) {
  const { res, json } = await api("POST", path);
  showResult(res.ok ? json.result : json.error, !res.ok);
  refreshAgents();
}

async function peek(agent) {
  $("peek").hidden = false;
  $("peek-title").textContent = "Snapshot of " + agent;
  const body = $("peek-body");
  body.textContent = "loading…";
  const path = "/api/v1/agents/" + encodeURIComponent(agent) + "/peek";
  let res = await fetch(path, { headers: headers({ "Accept": "image/png, text/plain, application/json" }) });
  // a screen can show anything: peek needs the token even where other reads do not
  for (let tries = 0; res.status === 401 && tries < 2; tries++) {
    if (state.token) { state.token = null; $("token-state").textContent = "token wrong"; $("token-state").className = "badge bad"; }
    body.textContent = "peek needs the API token: enter it above";
    await askToken();
    body.textContent = "loading…";
    res = await fetch(path, { headers: headers({ "Accept": "image/png, text/plain, application/json" }) });
  }
  if (!res.ok) { body.textContent = (await res.json().catch(() => ({}))).error || ("error " + res.status); return; }
  const type = res.headers.get("Content-Type") || "";
  if (type.startsWith("image/")) {
    const img = document.createElement("img");
    img.alt = "snapshot of " + agent;
    img.src = URL.createObjectURL(await res.blob());
    body.replaceChildren(img);
  } else {
    const pre = document.createElement("pre");
    pre.textContent = type.includes("json") ? JSON.stringify(await res.json(), null, 2) : await res.text();
    body.replaceChildren(pre);
  }
}

// ---------- alerts: GET /api/v1/alerts, refreshed on every "alert" event of the live stream ----------
async function refreshAlerts() {
  const res = await fetch("/api/v1/alerts", { headers: headers() });
  if (!res.ok) return;
  const json = await res.json();
  const list = json.alerts || [];
  $("alerts").replaceChildren(...list.map((a) => {
    const li = document.createElement("li");
    li.textContent = a.summary + " (since " + new Date(a.since).toLocaleTimeString() + ")";
    li.title = a.rule;
    return li;
  }));
  $("alerts-note").textContent = list.length ? "" : "no active alerts";
}

// ---------- messages ----------
// Answers and events can arrive out of order (a fetch started earlier may finish later), so every row keeps the
// log position (seq) of the state it shows and only a newer one replaces it.
function versionOf(m) {
  return (m.history || []).reduce((v, h) => Math.max(v, h.seq), 0);
}

function renderMessage(m, version) {
  let tr = state.messages.get(m.id);
  const body = $("messages").tBodies[0];
  if (!tr) {
    tr = document.createElement("tr");
    tr.dataset.id = m.id;
    tr.dataset.version = "-1";
    for (let i = 0; i < 6; i++) tr.insertCell();
    body.insertBefore(tr, body.firstChild);
    state.messages.set(m.id, tr);
    while (body.rows.length > MAX_ROWS) {
      const last = body.rows[body.rows.length - 1];
      state.messages.delete(last.dataset.id);
      last.remove();
    }
  }
  const c = tr.cells;
  c[0].textContent = m.short_id || ("#" + m.id.slice(-4));
  c[1].textContent = m.agent;
  if (m.text != null) { c[3].textContent = m.text; c[3].className = "text"; c[3].title = m.text; }
  if (m.sender) c[4].textContent = m.sender;
  if (version < Number(tr.dataset.version)) return; // older than what is shown
  tr.dataset.version = String(version);
  const s = document.createElement("span");
  s.className = "state " + m.state;
  s.textContent = m.state.replace("_", " ") + (m.detail ? ": " + m.detail : "");
  c[2].replaceChildren(s);
  c[2].dataset.state = m.state;
  c[5].textContent = new Date(m.updated_at).toLocaleTimeString();
}

async function loadMessages() {
  const { res, json } = await api("GET", "/api/v1/messaging/queue?limit=" + MAX_ROWS);
  if (!res.ok) return;
  for (const m of json.messages.slice().reverse()) renderMessage(m, 0);
}

async function loadMessage(id) {
  const { res, json } = await api("GET", "/api/v1/messaging/messages/" + encodeURIComponent(id));
  if (!res.ok) return;
  const last = (json.history || [])[json.history.length - 1];
  // the state as of the last history entry, so state and version belong together
  if (last) { json.state = last.to; json.detail = last.detail; json.updated_at = last.at; }
  renderMessage(json, versionOf(json));
}

function onState(e) {
  const known = state.messages.has(e.message_id);
  renderMessage({ id: e.message_id, agent: e.agent, state: e.to, detail: e.to === "delivered" ? e.method
                  + (e.verified ? ", verified" : ", unverified") : e.detail, updated_at: e.at }, e.seq);
  if (!known) loadMessage(e.message_id); // its text and sender
  scheduleRefresh();
}

let refreshTimer = null;
function scheduleRefresh() {
  if (refreshTimer) return;
  refreshTimer = setTimeout(() => { refreshTimer = null; refreshMetrics(); refreshAgents(); }, 1000);
}

// ---------- live events: SSE read with fetch, so the token can go in a header ----------
async function stream() {
  for (;;) {
    try {
      const h = headers({ "Accept": "text/event-stream" });
      if (state.lastEventId != null) h["Last-Event-ID"] = state.lastEventId;
      const res = await fetch("/api/v1/events", { headers: h });
      if (res.status === 401) { await askToken(); continue; }
      if (!res.ok || !res.body) throw new Error("events: " + res.status);
      setLive(true);
      const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
      let buf = "";
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buf += value;
        let i;
        while ((i = buf.indexOf("\n\n")) >= 0) {
          dispatch(buf.slice(0, i));
          buf = buf.slice(i + 2);
        }
      }
    } catch (err) {
      console.warn(err);
    }
    setLive(false);
    await new Promise((r) => setTimeout(r, 1000));
  }
}

function dispatch(frame) {
  let event = "message", data = "", id = null;
  for (const line of frame.split("\n")) {
    if (line.startsWith(":")) continue;
    const k = line.indexOf(":");
    const field = k < 0 ? line : line.slice(0, k);
    const value = k < 0 ? "" : line.slice(k + 1).replace(/^ /, "");
    if (field === "event") event = value;
    else if (field === "data") data += (data ? "\n" : "") + value;
    else if (field === "id") id = value;
  }
  if (id != null) state.lastEventId = id;
  if (!data) return;
  const payload = JSON.parse(data);
  // where a reconnect resumes from, even if no state change came yet
  if (event === "ready" && state.lastEventId == null) state.lastEventId = String(payload.last_seq);
  if (event === "state") onState(payload);
  else if (event === "alert") refreshAlerts();
}

function setLive(on) {
  $("live").textContent = on ? "live" : "reconnecting…";
  $("live").className = on ? "badge" : "badge off";
}

// ---------- send ----------
function showResult(text, error) {
  $("send-result").textContent = text;
  $("send-result").className = error ? "error" : "muted";
}

$("send-form").addEventListener("submit", async (e) => {
  e.preventDefault();
  const text = $("send-text").value;
  if (!text.trim()) { showResult("type a message first", true); return; }
  const { res, json } = await api("POST", "/api/v1/messages",
      { agent: $("send-agent").value, text, priority: $("send-priority").value });
  if (res.ok) {
    $("send-text").value = "";
    showResult(json.result, false);
    for (const id of json.ids) {
      if (!state.messages.has(id)) await loadMessage(id);
    }
  } else {
    showResult(json.error || ("error " + res.status), true);
  }
});

async function refreshHealth() {
  const res = await fetch("/api/v1/messaging/health", { headers: headers() });
  if (res.status === 401) return;
  const json = await res.json().catch(() => ({}));
  const bad = (json.parts || []).filter((p) => !p.ok).map((p) => p.part + ": " + p.detail);
  $("health").textContent = res.ok ? "healthy" : "degraded";
  $("health").className = res.ok ? "badge" : "badge bad";
  $("health").title = bad.join("\n") || "every part is healthy";
}

async function start() {
  await refreshAgents();
  await loadMessages();
  stream();
  await Promise.all([refreshMetrics(), refreshHealth(), refreshAlerts()]);
  setInterval(() => { refreshMetrics(); refreshAgents(); refreshHealth(); }, 10000);
  document.body.dataset.ready = "true";
}

start();
