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
  return isNaN(d) ? "" : d.toLocaleString();
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

function drawMap(cases) {
  const svg = document.getElementById("map");
  while (svg.firstChild) svg.removeChild(svg.firstChild);
  if (!cases.length) return;
  const lats = cases.map((c) => c.block_lat), lons = cases.map((c) => c.block_lon);
  const minLat = Math.min(...lats), maxLat = Math.max(...lats);
  const minLon = Math.min(...lons), maxLon = Math.max(...lons);
  const w = 400, h = 300, pad = 14;
  const sx = (maxLon - minLon) || 0.01, sy = (maxLat - minLat) || 0.01;
  for (const c of cases) {
    const x = pad + ((c.block_lon - minLon) / sx) * (w - 2 * pad);
    const y = h - pad - ((c.block_lat - minLat) / sy) * (h - 2 * pad);
    const dot = document.createElementNS("http://www.w3.org/2000/svg", "circle");
    dot.setAttribute("cx", x.toFixed(1));
    dot.setAttribute("cy", y.toFixed(1));
    dot.setAttribute("r", "5");
    const title = document.createElementNS("http://www.w3.org/2000/svg", "title");
    title.textContent = c.number + " " + c.category;
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
    cell(tr, c.category);
    cell(tr, (c.neighbourhood ? c.neighbourhood + " · " : "") +
      c.block_lat.toFixed(3) + ", " + c.block_lon.toFixed(3));
    cell(tr, c.status_notes);
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
    cell(tr, d.department);
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
    title.textContent = c.number + " · " + c.category;
    const notes = document.createElement("p");
    notes.className = "status";
    notes.textContent = c.status_notes;
    const dates = document.createElement("p");
    dates.textContent = "Reported " + when(c.reported) +
      (c.expected ? " · expected by " + when(c.expected) : "") + " · " + c.department;
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

document.getElementById("lookup").addEventListener("submit", lookup);
refresh();
setInterval(refresh, 30000);
