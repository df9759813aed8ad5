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
      if (resp.status === 401) { signOut("Your session ended; sign in again."); return; }
      if (resp.status >= 500 || resp.status === 429) return; // try again later
      let body = {};
      try { body = await resp.json(); } catch (e) { body = {}; }
      const ok = resp.ok && body.ok !== false;
      const text = ok ? `${item.label}: sent${body.number ? " as case " + body.number : ""}`
        : `${item.label}: refused: ${body.message || (body[0] && body[0].description) || resp.status}`;
      await store("outbox", "readwrite", (s) => s.delete(item.id));
      await store("sent", "readwrite", (s) => s.put({ id: item.id, made: item.made, text, ok }));
      $("report-status").textContent = text;
    }
  } finally {
    flushing = false;
    showOutbox();
  }
  loadTasks();
}

async function showOutbox() {
  const waiting = await outboxAll();
  $("outbox-count").textContent = waiting.length ? String(waiting.length) : "";
  const ul = $("outbox");
  ul.replaceChildren(...waiting.map((i) => li(`${i.label} (waiting)`)));
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
  el.textContent = up ? "online" : "offline";
  el.className = up ? "pill" : "pill offline";
}

// --- signing in ---------------------------------------------------------------------------------
async function api(path) {
  const resp = await fetch(API + path, { headers: { Authorization: `Bearer ${token}` } });
  if (resp.status === 401 || resp.status === 403) {
    signOut("Sign in again.");
    throw new Error("signed out");
  }
  if (!resp.ok) throw new Error(`HTTP ${resp.status}`);
  return resp.json();
}

function signOut(why) {
  token = "";
  localStorage.removeItem(TOKEN_KEY);
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
    $("signin-error").textContent = "No network: signing in needs the server.";
    return;
  }
  const body = await resp.json().catch(() => ({}));
  if (!resp.ok) {
    $("signin-error").textContent = (body[0] && body[0].description) || `Refused (${resp.status})`;
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
    user = { display_name: "(offline)", cells: [] }; // keep working from the outbox
  }
  $("who").textContent = `${user.display_name} · cells ${user.cells.join(", ") || "none"}`;
  $("signin").hidden = true;
  $("main").hidden = false;
  setNet(navigator.onLine);
  locate();
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
    : "No category chosen";
  $("cat-chosen").className = chosen ? "" : "muted";
}

function locate() {
  if (!navigator.geolocation) return;
  navigator.geolocation.getCurrentPosition((pos) => {
    $("lat").value = pos.coords.latitude.toFixed(6);
    $("lon").value = pos.coords.longitude.toFixed(6);
  }, () => { $("report-status").textContent = "No position from the phone: type it."; },
  { enableHighAccuracy: true, timeout: 10000, maximumAge: 30000 });
}

async function report(ev) {
  ev.preventDefault();
  const form = ev.target;
  if (!chosen) { $("report-status").textContent = "Choose a category first."; return; }
  const lat = Number(form.lat.value), lon = Number(form.lon.value);
  if (!form.lat.value || !form.lon.value || !isFinite(lat) || !isFinite(lon)) {
    $("report-status").textContent = "A position is needed (lat and lon).";
    return;
  }
  const photo = $("report-photo").files[0] || null;
  await enqueue({
    id: newId(),
    made: Date.now(),
    url: API + "/report",
    label: `Report: ${chosen.name_en}`,
    fields: { category: chosen.code, lat: String(lat), lon: String(lon),
      address: form.address.value, description: form.description.value },
    photo,
  });
  $("report-status").textContent = "Report queued; it is sent as soon as there is network.";
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
  $("tasks").replaceChildren(...tasks.filter((t) => !waiting.has(t.incident_id)).map(taskCard));
}

function taskCard(t) {
  const el = document.createElement("li");
  el.dataset.incident = t.incident_id;
  el.dataset.number = t.number;
  const head = document.createElement("strong");
  head.textContent = `${t.number} · ${t.category_name} ${t.category_zh}`;
  const due = document.createElement("div");
  due.textContent = t.due ? `Verify by ${new Date(t.due * 1000).toLocaleString()}` : "No deadline";
  if (t.overdue) due.className = "overdue";
  const where = document.createElement("div");
  where.className = "muted";
  where.textContent = `${t.grid_cell} · ${t.address || t.lat.toFixed(5) + ", " + t.lon.toFixed(5)}`
    + (t.rework_count ? ` · reworked ${t.rework_count}×` : "");
  const photo = document.createElement("input");
  photo.type = "file";
  photo.accept = "image/*";
  photo.setAttribute("capture", "environment");
  photo.className = "task-photo";
  const note = document.createElement("input");
  note.placeholder = "Note (what is still wrong?)";
  note.className = "task-note";
  const fixed = document.createElement("button");
  fixed.type = "button";
  fixed.className = "good answer-fixed";
  fixed.textContent = "Fixed";
  const notFixed = document.createElement("button");
  notFixed.type = "button";
  notFixed.className = "bad answer-not-fixed";
  notFixed.textContent = "Not fixed (photo)";
  const msg = document.createElement("p");
  msg.className = "error";
  const send = async (answer) => {
    const file = photo.files[0] || null;
    if (answer === "not_fixed" && !file) { msg.textContent = "Take a photo of what is still wrong."; return; }
    await enqueue({
      id: newId(), made: Date.now(), url: `${API}/tasks/${encodeURIComponent(t.incident_id)}`,
      label: `Verify ${t.number}: ${answer === "fixed" ? "fixed" : "not fixed"}`,
      fields: { incident_id: t.incident_id, answer, note: note.value }, photo: file,
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
  for (const v of ["report", "tasks", "outbox"]) $(`view-${v}`).hidden = v !== view;
  if (view === "tasks") loadTasks();
}

document.addEventListener("DOMContentLoaded", () => {
  $("signin-form").addEventListener("submit", signIn);
  $("report-form").addEventListener("submit", report);
  $("cat-search").addEventListener("input", showCategories);
  $("report-photo").addEventListener("change", preview);
  $("locate").addEventListener("click", locate);
  $("refresh-tasks").addEventListener("click", loadTasks);
  $("signout").addEventListener("click", () => signOut(""));
  for (const b of document.querySelectorAll("nav button")) b.addEventListener("click", () => show(b.dataset.view));
  window.addEventListener("online", () => { setNet(true); flush(); });
  window.addEventListener("offline", () => setNet(false));
  setInterval(flush, 5000); // the online event is not reliable on every phone
  if ("serviceWorker" in navigator) navigator.serviceWorker.register("/field/sw.js").catch(() => {});
  if (token) start(null); else signOut("");
});
