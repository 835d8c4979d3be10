/* Ours: the service worker behind "Save for offline" (docs/offline.md). It stores nothing by itself:
   a reader's tap sends it a language to save; it then keeps that language's pages, leaflet, offline page
   and the files they use in one cache named by the build's version. Saved pages open from that cache
   (no data used); a page not saved, while offline, gets the language's offline page with urgent help.
   A new build is a new worker (the browser compares this file on each visit): it saves the same
   languages again into its own cache, then deletes the old one. With `extra.offline: false` the build
   ships a worker that clears its caches and unregisters itself. The build fills BUILD below. */
"use strict";
var BUILD = "__DIT_OFFLINE_BUILD__";
var PREFIX = "dit-offline-";
var SAVED = "saved.json";  /* in the cache: the language prefixes saved, the most recent first */
var SCOPE = self.registration.scope;

function at(path) { return new URL(path, SCOPE).href; }

function languageOf(url) {  /* the prefix of the language a URL belongs to: "pl/", or "" */
  var path = url.slice(SCOPE.length);
  return BUILD.prefixes.filter(function (prefix) { return prefix && path.indexOf(prefix) === 0; })[0] || "";
}

function oldCaches() {
  return caches.keys().then(function (keys) {
    return keys.filter(function (key) { return key.indexOf(PREFIX) === 0 && key !== BUILD.cache; });
  });
}

function savedIn(cache) {
  return cache.match(at(SAVED)).then(function (response) { return response ? response.json() : []; });
}

/* Fetch every file of one language first, then store them all: a failed download leaves nothing half saved. */
function save(prefix) {
  var when = new Date().toISOString();
  return fetch(at(prefix + "offline/files.json"), {cache: "no-cache"}).then(function (response) {
    if (!response.ok) throw new Error("no offline list for " + prefix);
    return response.json();
  }).then(function (list) {
    return Promise.all(list.files.map(function (path) {
      return fetch(at(path), {cache: "no-cache"}).then(function (response) {
        if (!response.ok) throw new Error(path + ": " + response.status);
        return response.blob().then(function (body) {
          var headers = new Headers(response.headers);
          headers.set("X-Dit-Saved-On", when);
          return [at(path), new Response(body, {headers: headers})];
        });
      });
    })).then(function (responses) {
      return caches.open(BUILD.cache).then(function (cache) {
        return Promise.all(responses.map(function (pair) { return cache.put(pair[0], pair[1]); }))
          .then(function () { return cache.put(at(prefix + "offline/files.json"), new Response(JSON.stringify(list))); })
          .then(function () { return savedIn(cache); })
          .then(function (saved) {
            saved = [prefix].concat(saved.filter(function (other) { return other !== prefix; }));
            return cache.put(at(SAVED), new Response(JSON.stringify(saved)));
          })
          .then(function () { return list.bytes; });
      });
    });
  });
}

self.addEventListener("install", function (event) {
  if (!BUILD.enabled) { self.skipWaiting(); return; }
  /* A new build: save again what the reader had saved with the old one. */
  event.waitUntil(oldCaches().then(function (old) {
    return old.length ? caches.open(old[0]).then(savedIn) : [];
  }).then(function (saved) {
    return saved.reduceRight(function (done, prefix) { return done.then(function () { return save(prefix); }); }, Promise.resolve());
  }).then(function () { return self.skipWaiting(); }));
});

self.addEventListener("activate", function (event) {
  event.waitUntil(oldCaches().then(function (old) {
    return Promise.all(old.concat(BUILD.enabled ? [] : [BUILD.cache]).map(function (key) { return caches.delete(key); }));
  }).then(function () {
    if (BUILD.enabled) return self.clients.claim();
    /* Switched off: leave no trace, and let open pages load from the network again. */
    return self.registration.unregister().then(function () { return self.clients.matchAll({type: "window"}); })
      .then(function (windows) { windows.forEach(function (window) { window.navigate(window.url); }); });
  }));
});

self.addEventListener("message", function (event) {
  var port = event.ports[0];
  if (!BUILD.enabled || !port || !event.data || typeof event.data.save !== "string") return;
  event.waitUntil(save(event.data.save).then(function (bytes) { port.postMessage({saved: true, bytes: bytes}); },
                                             function () { port.postMessage({saved: false}); }));
});

function writtenDate(date, locale) {
  return new Intl.DateTimeFormat(locale, {day: "numeric", month: "long", year: "numeric"}).format(date);
}

function escaped(text) {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;");
}

/* A saved page says when it was saved and, a year after its phone numbers were checked, that they
   may have changed; its <html> is marked saved (CSS shows "Remove" instead of "Save"), and it names the
   web app manifest, so the saved language can go on the home screen. */
function asSaved(response, list, path) {
  var saved = new Date(response.headers.get("X-Dit-Saved-On"));
  var checked = list.checked[path] && new Date(list.checked[path]);
  var locale = list.date_locale;
  var note = escaped(list.strings.saved_on.replace("{date}", writtenDate(saved, locale)));
  if (checked) {
    var stale = new Date(checked);
    stale.setFullYear(stale.getFullYear() + 1);
    if (new Date() >= stale) note += " <strong>" + escaped(list.strings.numbers_old.replace("{date}", writtenDate(checked, locale))) + "</strong>";
  }
  return response.text().then(function (html) {
    html = html.replace("<html ", "<html data-dit-saved ")
      .replace("<!--dit-offline-note-->", '<p class="dit-saved-note" role="note">' + note + "</p>")
      .replace("</head>", '<link rel="manifest" href="' + at(list.manifest) + '"></head>');
    return new Response(html, {headers: {"Content-Type": "text/html; charset=utf-8"}});
  });
}

function fromCache(request) {  /* never caches.open here: it would make an empty cache of that name */
  var url = request.url.split(/[?#]/)[0], only = {cacheName: BUILD.cache};
  return caches.match(url, only).then(function (response) {
    if (!response || request.mode !== "navigate") return response;
    return caches.match(at(languageOf(url) + "offline/files.json"), only).then(function (list) {
      return list ? list.json().then(function (data) { return asSaved(response, data, url.slice(SCOPE.length)); }) : response;
    });
  });
}

/* Offline, a page not saved: the offline page of its language if saved, else of the language saved last. */
function offlinePage(request) {
  var only = {cacheName: BUILD.cache};
  return caches.match(at(SAVED), only).then(function (saved) { return saved ? saved.json() : []; }).then(function (saved) {
    var prefix = saved.indexOf(languageOf(request.url)) >= 0 ? languageOf(request.url) : saved[0];
    return prefix === undefined ? Response.error() : caches.match(at(prefix + "offline/"), only).then(function (page) {
      return page ? page.text().then(function (html) {
        return new Response(html, {headers: {"Content-Type": "text/html; charset=utf-8"}});
      }) : Response.error();
    });
  });
}

self.addEventListener("fetch", function (event) {
  var request = event.request;
  if (!BUILD.enabled || request.method !== "GET" || request.url.indexOf(SCOPE) !== 0) return;
  /* Embed pages live in other sites' frames: never from here. */
  if (/^([a-z]{2,3}(-[A-Z][a-z]{3})?(-[A-Z]{2})?\/)?embed\//.test(request.url.slice(SCOPE.length))) return;
  event.respondWith(fromCache(request).then(function (response) {
    return response || fetch(request).catch(function (error) {
      if (request.mode === "navigate") return offlinePage(request);
      throw error;
    });
  }));
});
