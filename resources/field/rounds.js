// The day's round on the phone: the cells and checkpoints a supervisor set, each with its
// distance from the phone's last fix. A checkpoint is ticked off when a fix lies within its
// radius: the tick (checkpoint, position, fix time) goes into the outbox like a report, so it
// survives a network gap, and the server checks the distance again (a refused tick comes back
// as "refused" and the checkpoint stays open). While on duty the phone also queues its position
// once a minute; the outbox keeps at most MAX_QUEUED_POSITIONS of them.
// Uses app.js's globals (API, $, api, enqueue, outboxAll, store, newId) and strings.js's t().
"use strict";

const REPORT_EVERY_S = 60;
const POLL_MS = 10000; // a fix is asked for this often as well: not every phone's watch fires
const MAX_QUEUED_POSITIONS = 120;
const ROUND_KEY = "cityops.field.round";
const DUTY_KEY = "cityops.field.duty";
let roundData = null; // {day, round, on_duty} as the server last said
let fix = null; // {lat, lon, at, accuracy}
let reached = new Set(); // checkpoint ids queued or sent and not answered yet
let lastSentAt = 0;
let watchId = null;
let pollTimer = null;

function metres(lat1, lon1, lat2, lon2) {
  const r = Math.PI / 180;
  const h = Math.sin((lat2 - lat1) * r / 2) ** 2
    + Math.cos(lat1 * r) * Math.cos(lat2 * r) * Math.sin((lon2 - lon1) * r / 2) ** 2;
  return 2 * 6371008.8 * Math.asin(Math.sqrt(Math.min(1, h)));
}

function onDuty() { return localStorage.getItem(DUTY_KEY) === "1"; }

function startRound() {
  try { roundData = JSON.parse(localStorage.getItem(ROUND_KEY) || "null"); } catch (e) { roundData = null; }
  renderRound();
  if (!navigator.geolocation) { $("duty-status").textContent = t("round.no_geo"); return; }
  const opts = { enableHighAccuracy: true, timeout: 15000, maximumAge: 5000 };
  if (watchId === null) watchId = navigator.geolocation.watchPosition(gotFix, () => {}, opts);
  if (pollTimer === null) {
    pollTimer = setInterval(() => navigator.geolocation.getCurrentPosition(gotFix, () => {}, opts), POLL_MS);
  }
  loadRound();
}

function stopRound() {
  if (watchId !== null && navigator.geolocation) navigator.geolocation.clearWatch(watchId);
  if (pollTimer !== null) clearInterval(pollTimer);
  watchId = null;
  pollTimer = null;
}

function forgetRound() {
  // signing out on purpose: the next account on this phone starts off duty, with its own round
  localStorage.removeItem(DUTY_KEY);
  localStorage.removeItem(ROUND_KEY);
  roundData = null;
  reached = new Set();
  lastSentAt = 0;
}

async function loadRound() {
  if (!token) return;
  try {
    roundData = await api("/round");
  } catch (e) {
    return; // offline: the last round stays on screen
  }
  localStorage.setItem(ROUND_KEY, JSON.stringify(roundData));
  if (localStorage.getItem(DUTY_KEY) === null) localStorage.setItem(DUTY_KEY, roundData.on_duty ? "1" : "0");
  await checkTicks();
  renderRound();
}

function gotFix(pos) {
  fix = { lat: pos.coords.latitude, lon: pos.coords.longitude,
    at: (pos.timestamp || Date.now()) / 1000, accuracy: pos.coords.accuracy || 0 };
  checkTicks().then(renderRound);
  if (onDuty() && fix.at - lastSentAt >= REPORT_EVERY_S) queuePosition(true);
}

async function checkTicks() {
  const rnd = roundData && roundData.round;
  if (!rnd || !fix) return;
  const queued = new Set((await outboxAll()).filter((i) => i.kind === "tick").map((i) => i.fields.checkpoint_id));
  for (const cp of rnd.checkpoints) {
    if (rnd.ticks[cp.id] || reached.has(cp.id) || queued.has(cp.id)) continue;
    if (metres(fix.lat, fix.lon, cp.lat, cp.lon) > cp.radius_m) continue;
    reached.add(cp.id);
    await enqueue({
      kind: "tick", id: newId(), made: Date.now(), url: API + "/round/tick",
      label: t("round.tick_label", { name: cp.name }),
      fields: { day: rnd.day, checkpoint_id: cp.id, lat: String(fix.lat), lon: String(fix.lon),
        at: String(fix.at) },
    });
  }
}

function roundAnswered(item, ok) {
  // refused (e.g. the server found the fix outside the radius): the next fix may try again
  if (!ok) reached.delete(item.fields.checkpoint_id);
  loadRound();
}

async function queuePosition(duty) {
  if (!fix) return;
  // never older than the last one sent: the server keeps a track in fix-time order
  const at = Math.max(fix.at, duty ? 0 : Date.now() / 1000, lastSentAt + 1);
  lastSentAt = at;
  const old = (await outboxAll()).filter((i) => i.kind === "position").sort((a, b) => a.made - b.made);
  for (const item of old.slice(0, Math.max(0, old.length - MAX_QUEUED_POSITIONS + 1))) {
    await store("outbox", "readwrite", (s) => s.delete(item.id));
  }
  await enqueue({
    kind: "position", id: newId(), made: Date.now(), url: API + "/position",
    label: t("round.position_label"),
    fields: { lat: String(fix.lat), lon: String(fix.lon), at: String(at),
      accuracy: String(Math.round(fix.accuracy)), on_duty: duty ? "1" : "0" },
  });
}

async function toggleDuty() {
  const now = !onDuty();
  localStorage.setItem(DUTY_KEY, now ? "1" : "0");
  if (now) lastSentAt = 0; // the first fix on duty is sent at once
  if (fix) await queuePosition(now);
  renderRound();
}

function renderRound() {
  const duty = onDuty();
  $("duty").textContent = t(duty ? "round.duty_end" : "round.duty_start");
  $("duty").className = duty ? "bad" : "primary";
  $("duty-status").textContent = t(duty ? "round.on_duty" : "round.off_duty");
  const rnd = roundData && roundData.round;
  $("round-title").textContent = t("round.title", { day: (roundData && roundData.day) || "" });
  if (!rnd) {
    $("round-progress").textContent = t("round.none");
    $("round-cells").textContent = "";
    $("round-count").textContent = "";
    $("checkpoints").replaceChildren();
    return;
  }
  const done = rnd.checkpoints.filter((cp) => rnd.ticks[cp.id]).length;
  $("round-progress").textContent = t("round.progress", { done, total: rnd.checkpoints.length });
  $("round-count").textContent = `${done}/${rnd.checkpoints.length}`;
  $("round-cells").textContent = rnd.cells.length ? t("round.cells", { cells: rnd.cells.join(", ") }) : "";
  $("checkpoints").replaceChildren(...rnd.checkpoints.map((cp) => {
    const el = document.createElement("li");
    el.dataset.checkpoint = cp.id;
    const head = document.createElement("strong");
    head.textContent = cp.name;
    const line = document.createElement("div");
    const tick = rnd.ticks[cp.id];
    if (tick) {
      el.className = "ticked";
      line.textContent = "✓ " + t("round.ticked", { when: new Date(tick.at * 1000).toLocaleTimeString() });
    } else if (reached.has(cp.id)) {
      el.className = "pending";
      line.textContent = t("round.pending");
    } else {
      line.className = "muted";
      line.textContent = fix
        ? t("round.distance", { d: Math.round(metres(fix.lat, fix.lon, cp.lat, cp.lon)), r: Math.round(cp.radius_m) })
        : t("round.no_fix", { r: Math.round(cp.radius_m) });
    }
    el.append(head, line);
    return el;
  }));
}
