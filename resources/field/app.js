// CityOps field client: an inspector's reports and verification answers. Everything the
// inspector sends goes into an outbox in IndexedDB first and is sent from there, each item
// under a command id chosen here, so a report made during a network gap is sent when the
// network returns, and a re-send after a lost answer is answered by the server's memory of
// that id instead of making a second case.
"use strict";

const API = "/field/api";
const TOKEN_KEY = "cityops.field.token";
let token = localStorage.getItem(TOKEN_KEY) || "";
let categories = [];
let chosen = null;
let flushing = false;
const $ = (id) => document.getElementById(id);

function newId() {
  if (self.crypto && crypto.randomUUID) return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16)); // plain http: no randomUUID
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = Array.from(b, (x) => x.toString(16).padStart(2, "0")).join("");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

// --- the outbox (IndexedDB) ---------------------------------------------------------------------
function db() {
  return new Promise((resolve, reject) => {
    const req = indexedDB.open("cityops-field", 1);
    req.onupgradeneeded = () => {
      req.result.createObjectStore("outbox", { keyPath: "id" });
      req.result.createObjectStore("sent", { keyPath: "id" });
    };
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

async function store(name, mode, fn) {
  const d = await db();
  return new Promise((resolve, reject) => {
    const tx = d.transaction(name, mode);
    const out = fn(tx.objectStore(name));
    tx.oncomplete = () => resolve(out && out.result);
    tx.onerror = () => reject(tx.error);
  });
}

const outboxAll = () => store("outbox", "readonly", (s) => s.getAll());
const sentAll = () => store("sent", "readonly", (s) => s.getAll());

async function enqueue(item) {
  await store("outbox", "readwrite", (s) => s.put(item));
  await showOutbox();
  flush();
}

async function flush() {
  if (flushing || !token) return;
  flushing = true;
  try {
    const items = (await outboxAll()).sort((a, b) => a.made - b.made);
    for (const item of items) {
      const form = new FormData();
      form.append("command_id", item.id);
      for (const [k, v] of Object.entries(item.fields)) form.append(k, v);
      if (item.photo) form.append("photo", item.photo, "photo.jpg");
      let resp;
      try {
        resp = await fetch(item.url, {
          method: "POST", body: form, headers: { Authorization: `Bearer ${token}` },
        });
      } catch (e) {
        setNet(false);
        return; // no network: everything stays queued, in order
      }
      setNet(true);
      if (resp.status === 401) { signOut(t("signin.ended")); return; }
      if (resp.status >= 500 || resp.status === 429) return; // try again later
      let body = {};
      try { body = await resp.json(); } catch (e) { body = {}; }
      const ok = resp.ok && body.ok !== false;
      const why = body.message || (body[0] && body[0].description) || resp.status;
      const text = !ok ? t("outbox.refused", { label: item.label, why })
        : body.number ? t("outbox.sent_as", { label: item.label, number: body.number })
          : t("outbox.sent", { label: item.label });
      await store("outbox", "readwrite", (s) => s.delete(item.id));
      if (item.kind === "position") continue; // positions are not listed (one a minute)
      await store("sent", "readwrite", (s) => s.put({ id: item.id, made: item.made, text, ok }));
      $("report-status").textContent = text;
      if (item.kind === "tick") roundAnswered(item, ok, text);
    }
  } finally {
    flushing = false;
    showOutbox();
  }
  loadTasks();
  loadRound();
}

async function showOutbox() {
  const all = await outboxAll();
  const waiting = all.filter((i) => i.kind !== "position");
  const positions = all.length - waiting.length;
  $("outbox-count").textContent = waiting.length ? String(waiting.length) : "";
  const ul = $("outbox");
  const rows = waiting.map((i) => li(t("outbox.waiting", { label: i.label })));
  if (positions) rows.push(li(t("outbox.positions", { n: positions }), "muted"));
  ul.replaceChildren(...rows);
  const sent = (await sentAll()).sort((a, b) => b.made - a.made).slice(0, 20);
  $("sent").replaceChildren(...sent.map((i) => li(i.text, i.ok ? "" : "error")));
}

function li(text, cls) {
  const el = document.createElement("li");
  el.textContent = text;
  if (cls) el.className = cls;
  return el;
}

function setNet(up) {
  const el = $("net");
  el.textContent = up ? t("net.online") : t("net.offline");
  el.className = up ? "pill" : "pill offline";
}

// --- signing in ---------------------------------------------------------------------------------
async function api(path) {
  const resp = await fetch(API + path, { headers: { Authorization: `Bearer ${token}` } });
  if (resp.status === 401 || resp.status === 403) {
    signOut(t("signin.again"));
    throw new Error("signed out");
  }
  if (!resp.ok) throw new Error(`HTTP ${resp.status}`);
  return resp.json();
}

function signOut(why) {
  token = "";
  localStorage.removeItem(TOKEN_KEY);
  stopRound();
  $("main").hidden = true;
  $("signin").hidden = false;
  $("signin-error").textContent = why || "";
}

async function signIn(ev) {
  ev.preventDefault();
  const f = new FormData(ev.target);
  $("signin-error").textContent = "";
  let resp;
  try {
    resp = await fetch(API + "/signin", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ username: f.get("username"), password: f.get("password") }),
    });
  } catch (e) {
    $("signin-error").textContent = t("signin.no_network");
    return;
  }
  const body = await resp.json().catch(() => ({}));
  if (!resp.ok) {
    $("signin-error").textContent = (body[0] && body[0].description)
      || t("signin.refused", { status: resp.status });
    return;
  }
  token = body.token;
  localStorage.setItem(TOKEN_KEY, token);
  start(body.user);
}

async function start(user) {
  try {
    user = user || (await api("/me"));
  } catch (e) {
    if (!token) return;
    user = { display_name: t("who.offline"), cells: [] }; // keep working from the outbox
  }
  $("who").textContent = t("who", { name: user.display_name, cells: user.cells.join(", ") || t("who.none") });
  $("signin").hidden = true;
  $("main").hidden = false;
  setNet(navigator.onLine);
  locate();
  startRound();
  try {
    categories = (await api("/library")).categories;
    localStorage.setItem("cityops.field.library", JSON.stringify(categories));
  } catch (e) {
    categories = JSON.parse(localStorage.getItem("cityops.field.library") || "[]");
  }
  showCategories();
  showOutbox();
  loadTasks();
  flush();
}

// --- reporting ----------------------------------------------------------------------------------
function showCategories() {
  const q = $("cat-search").value.trim().toLowerCase();
  const found = categories.filter((c) => !q || c.name_en.toLowerCase().includes(q)
    || c.name_zh.includes(q) || c.code.toLowerCase().includes(q)).slice(0, 40);
  $("cat-list").replaceChildren(...found.map((c) => {
    const item = document.createElement("li");
    const b = document.createElement("button");
    b.type = "button";
    b.dataset.code = c.code;
    b.textContent = `${c.name_en} · ${c.name_zh}`;
    if (chosen && chosen.code === c.code) b.className = "on";
    b.addEventListener("click", () => { chosen = c; showChosen(); showCategories(); });
    item.append(b);
    return item;
  }));
}

function showChosen() {
  $("cat-chosen").textContent = chosen ? `${chosen.name_en} · ${chosen.name_zh} (${chosen.group})`
    : t("report.none_chosen");
  $("cat-chosen").className = chosen ? "" : "muted";
}

function locate() {
  if (!navigator.geolocation) return;
  navigator.geolocation.getCurrentPosition((pos) => {
    $("lat").value = pos.coords.latitude.toFixed(6);
    $("lon").value = pos.coords.longitude.toFixed(6);
  }, () => { $("report-status").textContent = t("report.no_position"); },
  { enableHighAccuracy: true, timeout: 10000, maximumAge: 30000 });
}

async function report(ev) {
  ev.preventDefault();
  const form = ev.target;
  if (!chosen) { $("report-status").textContent = t("report.choose_first"); return; }
  const lat = Number(form.lat.value), lon = Number(form.lon.value);
  if (!form.lat.value || !form.lon.value || !isFinite(lat) || !isFinite(lon)) {
    $("report-status").textContent = t("report.need_position");
    return;
  }
  const photo = $("report-photo").files[0] || null;
  await enqueue({
    id: newId(),
    made: Date.now(),
    url: API + "/report",
    label: t("report.label", { name: LANG === "zh" ? chosen.name_zh : chosen.name_en }),
    fields: { category: chosen.code, lat: String(lat), lon: String(lon),
      address: form.address.value, description: form.description.value },
    photo,
  });
  $("report-status").textContent = t("report.queued");
  form.description.value = "";
  form.address.value = "";
  $("report-photo").value = "";
  $("report-preview").hidden = true;
}

function preview() {
  const file = $("report-photo").files[0];
  const img = $("report-preview");
  if (!file) { img.hidden = true; return; }
  const r = new FileReader();
  r.onload = () => { img.src = r.result; img.hidden = false; };
  r.readAsDataURL(file);
}

// --- verification tasks -------------------------------------------------------------------------
async function loadTasks() {
  if (!token) return;
  let tasks;
  try {
    tasks = (await api("/tasks")).tasks;
  } catch (e) {
    return; // offline: the last list stays on screen
  }
  $("task-count").textContent = tasks.length ? String(tasks.length) : "";
  const waiting = new Set((await outboxAll()).map((i) => i.fields.incident_id));
  $("tasks").replaceChildren(...tasks.filter((x) => !waiting.has(x.incident_id)).map(taskCard));
}

function taskCard(task) {
  const el = document.createElement("li");
  el.dataset.incident = task.incident_id;
  el.dataset.number = task.number;
  const head = document.createElement("strong");
  head.textContent = `${task.number} · ${task.category_name} ${task.category_zh}`;
  const due = document.createElement("div");
  due.textContent = task.due ? t("tasks.verify_by", { when: new Date(task.due * 1000).toLocaleString() })
    : t("tasks.no_deadline");
  if (task.overdue) due.className = "overdue";
  const where = document.createElement("div");
  where.className = "muted";
  where.textContent = `${task.grid_cell} · ${task.address || task.lat.toFixed(5) + ", " + task.lon.toFixed(5)}`
    + (task.rework_count ? t("tasks.reworked", { n: task.rework_count }) : "");
  const photo = document.createElement("input");
  photo.type = "file";
  photo.accept = "image/*";
  photo.setAttribute("capture", "environment");
  photo.className = "task-photo";
  const note = document.createElement("input");
  note.placeholder = t("tasks.note");
  note.className = "task-note";
  const fixed = document.createElement("button");
  fixed.type = "button";
  fixed.className = "good answer-fixed";
  fixed.textContent = t("tasks.fixed");
  const notFixed = document.createElement("button");
  notFixed.type = "button";
  notFixed.className = "bad answer-not-fixed";
  notFixed.textContent = t("tasks.not_fixed");
  const msg = document.createElement("p");
  msg.className = "error";
  const send = async (answer) => {
    const file = photo.files[0] || null;
    if (answer === "not_fixed" && !file) { msg.textContent = t("tasks.need_photo"); return; }
    await enqueue({
      id: newId(), made: Date.now(), url: `${API}/tasks/${encodeURIComponent(task.incident_id)}`,
      label: t("tasks.label", { number: task.number,
        answer: t(answer === "fixed" ? "tasks.answer_fixed" : "tasks.answer_not_fixed") }),
      fields: { incident_id: task.incident_id, answer, note: note.value }, photo: file,
    });
    el.remove();
  };
  fixed.addEventListener("click", () => send("fixed"));
  notFixed.addEventListener("click", () => send("not_fixed"));
  el.append(head, due, where, photo, note, fixed, notFixed, msg);
  return el;
}

// --- wiring -------------------------------------------------------------------------------------
function show(view) {
  for (const b of document.querySelectorAll("nav button")) b.classList.toggle("on", b.dataset.view === view);
  for (const v of ["report", "round", "tasks", "outbox"]) $(`view-${v}`).hidden = v !== view;
  if (view === "tasks") loadTasks();
  if (view === "round") loadRound();
}

document.addEventListener("DOMContentLoaded", () => {
  translatePage();
  showChosen();
  $("signin-form").addEventListener("submit", signIn);
  $("report-form").addEventListener("submit", report);
  $("cat-search").addEventListener("input", showCategories);
  $("report-photo").addEventListener("change", preview);
  $("locate").addEventListener("click", locate);
  $("refresh-tasks").addEventListener("click", loadTasks);
  $("signout").addEventListener("click", () => { forgetRound(); signOut(""); });
  $("duty").addEventListener("click", toggleDuty);
  for (const b of document.querySelectorAll("nav button")) b.addEventListener("click", () => show(b.dataset.view));
  window.addEventListener("online", () => { setNet(true); flush(); });
  window.addEventListener("offline", () => setNet(false));
  setInterval(flush, 5000); // the online event is not reliable on every phone
  if ("serviceWorker" in navigator) navigator.serviceWorker.register("/field/sw.js").catch(() => {});
  if (token) start(null); else signOut("");
});
