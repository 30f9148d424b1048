/* sitegen service worker: pages the shopper has seen reopen offline; prices stay fresh online. */
"use strict";
var VERSION = "__SITEGEN_VERSION__";
var PAGES = "sitegen-pages-" + VERSION, IMAGES = "sitegen-images";
var MAX_IMAGES = 150;

self.addEventListener("install", function () { self.skipWaiting(); });
self.addEventListener("activate", function (event) {
  event.waitUntil(caches.keys().then(function (keys) {
    return Promise.all(keys.filter(function (k) { return k.indexOf("sitegen-pages-") === 0 && k !== PAGES; })
      .map(function (k) { return caches.delete(k); }));
  }).then(function () { return self.clients.claim(); }));
});

function trim(cache) {
  cache.keys().then(function (keys) {
    keys.slice(0, Math.max(0, keys.length - MAX_IMAGES)).forEach(function (k) { cache.delete(k); });
  });
}

/* Images are named by content hash, so a cached copy is never stale. */
function imageFirst(request) {
  return caches.open(IMAGES).then(function (cache) {
    return cache.match(request).then(function (hit) {
      return hit || fetch(request).then(function (response) {
        if (response.ok) { cache.put(request, response.clone()); trim(cache); }
        return response;
      });
    });
  });
}

/* Everything else goes to the network first (revalidating the HTTP cache), the copy only offline. */
function networkFirst(request) {
  return fetch(request, { cache: "no-cache" }).then(function (response) {
    if (response.ok) {
      var copy = response.clone();
      caches.open(PAGES).then(function (cache) { cache.put(request, copy); });
    }
    return response;
  }).catch(function () {
    return caches.match(request, { ignoreSearch: true }).then(function (hit) { return hit || Response.error(); });
  });
}

self.addEventListener("fetch", function (event) {
  var request = event.request, url = new URL(request.url);
  if (request.method !== "GET" || url.origin !== location.origin) return;
  /* The volunteers' admin is never cached: it must always be the current one, and it is no shopper page. */
  if (url.href.indexOf(self.registration.scope + "admin/") === 0) return;
  event.respondWith(url.pathname.indexOf("/img/") >= 0 ? imageFirst(request) : networkFirst(request));
});
