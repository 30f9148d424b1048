/* sitegen service worker: pages the shopper has seen reopen offline; prices stay fresh online.
   Pages come from the network first; the copy kept on the phone shows only offline, marked as one.
   Kept pages and photos outlast a new version of the site; its other files do not. */
"use strict";
var NOTICE = "__SITEGEN_OFFLINE_COPY__"; /* stamped by the build: HTML text in the site's language */
var PAGES = "sitegen-pages", IMAGES = "sitegen-images", FILES = "sitegen-static-__SITEGEN_VERSION__";
var MAX_PAGES = 50, MAX_IMAGES = 150;
var SCOPE = self.registration.scope, OFFLINE = SCOPE + "offline.html";

/* Not another site on the same domain (github.io), nor the volunteers' admin, which must always be the current one. */
function ours(href) { return href.indexOf(SCOPE) === 0 && href.indexOf(SCOPE + "admin/") !== 0; }
/* One copy per page: ?q= and the ?fbclid= of a shared link show the same page. */
function pageKey(href) { var url = new URL(href); return url.origin + url.pathname; }
function isPage(response) { return response.ok && /^text\/html/.test(response.headers.get("Content-Type")); }
function html(text, status) { return new Response(text, { status: status, headers: { "Content-Type": "text/html; charset=utf-8" } }); }

/* Keep `response` as the newest entry of cache `name`, forgetting the oldest beyond `max`. */
function keep(name, key, response, max) {
  return caches.open(name).then(function (cache) {
    return cache.delete(key).then(function () { return cache.put(key, response); }).then(function () { return cache.keys(); })
      .then(function (keys) { return Promise.all(keys.slice(0, -max).map(function (k) { return cache.delete(k); })); });
  });
}

/* A first visit loads its page before this worker runs: keep the copy the browser holds (downloaded again only
   if its HTTP cache lost it), and those of its photos it holds, which cost no download at all. */
function keepShownPages() {
  return self.clients.matchAll({ type: "window", includeUncontrolled: true }).then(function (windows) {
    return Promise.all(windows.map(function (w) {
      return ours(w.url) && caches.match(pageKey(w.url), { cacheName: PAGES }).then(function (kept) {
        return kept || fetch(w.url, { cache: "force-cache" }).then(function (response) {
          return isPage(response) && response.clone().text().then(function (text) {
            return Promise.all(photos(text, w.url).map(function (href) {
              return fetch(href, { cache: "only-if-cached", mode: "same-origin" }).then(function (photo) {
                return photo.ok && keep(IMAGES, href, photo, MAX_IMAGES);
              }, function () {});
            }));
          }).then(function () { return keep(PAGES, pageKey(w.url), response, MAX_PAGES); });
        });
      });
    }));
  }).catch(function () {});
}
function photos(text, base) {
  var found = [], attribute = /\ssrc(?:set)?="([^"]*)"/g, m;
  while ((m = attribute.exec(text))) {
    m[1].split(",").forEach(function (candidate) { found.push(new URL(candidate.trim().split(" ")[0], base).href); });
  }
  return found.filter(function (href) { return href.indexOf(SCOPE + "img/") === 0; });
}

/* Until this version, each version kept pages in a cache of its own that the next one deleted. */
function adopt(name) {
  return caches.open(name).then(function (old) {
    return old.keys().then(function (requests) {
      return requests.reduce(function (done, request) {
        return done.then(function () { return old.match(request); }).then(function (response) {
          return isPage(response) && keep(PAGES, pageKey(request.url), response, MAX_PAGES);
        });
      }, Promise.resolve());
    });
  }).then(function () { return caches.delete(name); });
}

self.addEventListener("install", function (event) {
  /* Revalidated on an update; on a first visit app.js is the copy the page just loaded. */
  var mode = self.registration.active ? "no-cache" : "force-cache";
  var files = caches.open(FILES).then(function (cache) {
    return cache.addAll([OFFLINE, SCOPE + "static/app.js"].map(function (href) { return new Request(href, { cache: mode }); }));
  });
  event.waitUntil(Promise.all([files, keepShownPages()]).then(function () { return self.skipWaiting(); }));
});
self.addEventListener("activate", function (event) {
  event.waitUntil(caches.keys().then(function (names) {
    return Promise.all(names.map(function (name) {
      if (name.indexOf("sitegen-pages-") === 0) return adopt(name);
      if (name.indexOf("sitegen-static-") === 0 && name !== FILES) return caches.delete(name);
    }));
  }).then(function () { return self.clients.claim(); }).then(keepShownPages));
});

/* The network first, revalidating the HTTP cache, so prices are current; `offline` only without signal. */
function networkFirst(event, store, offline) {
  return fetch(event.request, { cache: "no-cache" }).then(function (response) {
    if (response.ok) event.waitUntil(store(response.clone()));
    return response;
  }, offline);
}
function page(event) {
  var key = pageKey(event.request.url);
  function store(response) { return isPage(response) && keep(PAGES, key, response, MAX_PAGES); }
  return networkFirst(event, store, function () {
    return caches.match(key, { cacheName: PAGES }).then(function (kept) { return kept ? kept.text().then(marked) : offlinePage(); });
  });
}
function marked(text) {
  return html(text.replace(/<main[^>]*>/, function (tag) {
    return tag + '<p class="offline-copy" style="background:#fff3c4;color:#1c2420;padding:.5em .75em">' + NOTICE + "</p>";
  }), 200);
}
/* A page never seen: the offline page, with links to the pages kept, newest first, named by their titles. */
function offlinePage() {
  return caches.match(OFFLINE, { cacheName: FILES }).then(function (offline) {
    if (!offline) return Response.error();
    return Promise.all([offline.text(), caches.open(PAGES).then(function (cache) {
      return cache.keys().then(function (requests) {
        return Promise.all(requests.reverse().map(function (request) {
          return cache.match(request).then(function (kept) { return kept.text(); }).then(function (text) {
            var path = new URL(request.url).pathname, title = /<title>([^<]*)<\/title>/.exec(text); /* escaped when built */
            return '<li><a href="' + path + '">' + (title ? title[1] : path) + "</a></li>";
          });
        }));
      });
    })]).then(function (found) {
      var links = found[1].join(""), text = found[0];
      if (links) {
        text = text.replace('<div id="seen" hidden>', '<div id="seen">').replace("<ul></ul>", function () { return "<ul>" + links + "</ul>"; });
      }
      return html(text, 503);
    });
  });
}

/* Images are named by content hash, so a kept copy is never stale. */
function imageFirst(event) {
  return caches.match(event.request, { cacheName: IMAGES }).then(function (hit) {
    return hit || fetch(event.request).then(function (response) {
      if (response.ok) event.waitUntil(keep(IMAGES, event.request, response.clone(), MAX_IMAGES));
      return response;
    });
  });
}

self.addEventListener("fetch", function (event) {
  var request = event.request;
  if (request.method !== "GET" || !ours(request.url)) return;
  if (request.mode === "navigate") return event.respondWith(page(event));
  if (request.url.indexOf(SCOPE + "img/") === 0) return event.respondWith(imageFirst(event));
  /* The script, the search index, icons: kept with this version, for the pages kept. */
  event.respondWith(networkFirst(event, function (response) {
    return caches.open(FILES).then(function (cache) { return cache.put(request, response); });
  }, function () {
    return caches.match(request, { cacheName: FILES, ignoreSearch: true }).then(function (hit) { return hit || Response.error(); });
  }));
});
