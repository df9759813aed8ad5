// The public page: reads /public/api/* and fills the page with textContent only (never HTML),
// so nothing a reporter typed can become markup.
"use strict";

function cell(row, text) {
  const td = document.createElement("td");
  td.textContent = text == null ? "" : String(text);
  row.appendChild(td);
  return td;
}

function when(iso) {
  if (!iso) return "";
  const d = new Date(iso);
  return isNaN(d) ? "" : d.toLocaleString(LOCALE);
}

async function getJSON(url) {
  const resp = await fetch(url, { headers: { Accept: "application/json" } });
  const body = await resp.json().catch(() => null);
  if (!resp.ok) {
    const text = Array.isArray(body) && body[0] ? body[0].description : resp.statusText;
    throw new Error(text);
  }
  return body;
}

function svgEl(name, attrs) {
  const el = document.createElementNS("http://www.w3.org/2000/svg", name);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
  return el;
}

// Cases on a plain lat/lon plot (no basemap: nothing is fetched from outside the server), with a
// faint line every 0.01 degree (about 1 km) and at least 1 km around them.
function drawMap(cases) {
  const svg = document.getElementById("map");
  svg.replaceChildren();
  const w = 400, h = 300;
  if (!cases.length) {
    const t = svgEl("text", { x: w / 2, y: h / 2, "text-anchor": "middle", class: "empty" });
    t.textContent = window.t("noOpenCases");
    svg.appendChild(t);
    return;
  }
  const lats = cases.map((c) => c.block_lat), lons = cases.map((c) => c.block_lon);
  const midLat = (Math.min(...lats) + Math.max(...lats)) / 2;
  const midLon = (Math.min(...lons) + Math.max(...lons)) / 2;
  const kx = Math.cos((midLat * Math.PI) / 180);  // a degree of longitude is shorter
  const half = Math.max(0.006, (Math.max(...lats) - Math.min(...lats)) / 2 * 1.15,
    (Math.max(...lons) - Math.min(...lons)) / 2 * kx * 1.15 * (h / w));
  const scale = (h / 2) / half;
  const px = (lon) => w / 2 + (lon - midLon) * kx * scale;
  const py = (lat) => h / 2 - (lat - midLat) * scale;
  for (let g = Math.ceil((midLat - half) * 100); g <= (midLat + half) * 100; g++) {
    svg.appendChild(svgEl("line", { x1: 0, x2: w, y1: py(g / 100), y2: py(g / 100), class: "grid" }));
  }
  const halfLon = (w / 2) / (kx * scale);
  for (let g = Math.ceil((midLon - halfLon) * 100); g <= (midLon + halfLon) * 100; g++) {
    svg.appendChild(svgEl("line", { y1: 0, y2: h, x1: px(g / 100), x2: px(g / 100), class: "grid" }));
  }
  for (const c of cases) {
    const dot = svgEl("circle", { cx: px(c.block_lon).toFixed(1), cy: py(c.block_lat).toFixed(1), r: 5 });
    const title = svgEl("title", {});
    title.textContent = c.number + " " + localName(c.category, c.category_zh);
    dot.appendChild(title);
    svg.appendChild(dot);
  }
}

async function loadCases() {
  const body = await getJSON("/public/api/cases");
  const tbody = document.querySelector("#cases tbody");
  tbody.replaceChildren();
  for (const c of body.cases) {
    const tr = document.createElement("tr");
    tr.dataset.number = c.number;
    cell(tr, c.number);
    cell(tr, localName(c.category, c.category_zh));
    cell(tr, (c.neighbourhood ? c.neighbourhood + " · " : "") +
      c.block_lat.toFixed(3) + ", " + c.block_lon.toFixed(3));
    cell(tr, statusName(c.status, c.status_notes)).title = c.status_notes;
    cell(tr, when(c.expected));
    tbody.appendChild(tr);
  }
  document.getElementById("count").textContent = "(" + body.cases.length + ")";
  drawMap(body.cases);
}

async function loadDepartments() {
  const body = await getJSON("/public/api/departments");
  const tbody = document.querySelector("#departments tbody");
  tbody.replaceChildren();
  for (const d of body.departments) {
    const tr = document.createElement("tr");
    cell(tr, localName(d.department, d.department_zh));
    cell(tr, d.cases);
    cell(tr, d.handled);
    cell(tr, d.handled ? Math.round(d.on_time_rate * 100) + "%" : "–");
    tbody.appendChild(tr);
  }
}

async function lookup(event) {
  event.preventDefault();
  const out = document.getElementById("lookup-result");
  const number = document.getElementById("number").value.trim();
  out.replaceChildren();
  if (!number) return;
  const card = document.createElement("div");
  card.className = "card";
  try {
    const c = await getJSON("/public/api/case/" + encodeURIComponent(number));
    const title = document.createElement("b");
    title.textContent = c.number + " · " + localName(c.category, c.category_zh);
    const notes = document.createElement("p");
    notes.className = "status";
    notes.textContent = LANG === "zh" ? statusName(c.status) + " — " + c.status_notes : c.status_notes;
    const dates = document.createElement("p");
    dates.textContent = t("reported", when(c.reported)) +
      (c.expected ? " · " + t("expectedBy", when(c.expected)) : "") + " · " +
      localName(c.department, c.department_zh);
    card.append(title, notes, dates);
  } catch (err) {
    card.classList.add("error");
    card.textContent = err.message;
  }
  out.appendChild(card);
}

function refresh() {
  loadCases().catch((e) => console.error(e));
  loadDepartments().catch((e) => console.error(e));
}

translatePage();
document.getElementById("lookup").addEventListener("submit", lookup);
refresh();
setInterval(refresh, 30000);
