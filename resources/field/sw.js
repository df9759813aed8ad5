// The field client's service worker: keeps the app shell so the page opens without network.
// The API is never cached (tasks must be current; reports wait in the page's outbox).
"use strict";
const SHELL = "cityops-field-v2";
const FILES = [
  "/field/", "/field/app.js", "/field/strings.js", "/field/rounds.js", "/field/style.css",
];

self.addEventListener("install", (e) => {
  e.waitUntil(caches.open(SHELL).then((c) => c.addAll(FILES)).then(() => self.skipWaiting()));
});

self.addEventListener("activate", (e) => {
  e.waitUntil(caches.keys().then((keys) => Promise.all(
    keys.filter((k) => k !== SHELL).map((k) => caches.delete(k)),
  )).then(() => self.clients.claim()));
});

self.addEventListener("fetch", (e) => {
  const url = new URL(e.request.url);
  if (e.request.method !== "GET" || !FILES.includes(url.pathname)) return;
  // network first (a new build reaches the phone), the cached copy when there is none
  e.respondWith(fetch(e.request).then((resp) => {
    const copy = resp.clone();
    caches.open(SHELL).then((c) => c.put(e.request, copy));
    return resp;
  }).catch(() => caches.match(e.request)));
});
