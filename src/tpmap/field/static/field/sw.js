/* The field app's service worker (served from /field/sw.js with self.TPMAP_SW written in
   above by tpmap.field.views.service_worker). Workbox, vendored under /static/: the app
   shell and its assets precached at install, the shell page network-first (the cached copy
   when there is no signal), and Background Sync sending the queue when the network is back. */
/* global workbox */
'use strict';
var CFG = self.TPMAP_SW;
importScripts(CFG.workbox + 'workbox-sw.js');
workbox.setConfig({ modulePathPrefix: CFG.workbox, debug: false });
importScripts(CFG.store, CFG.sync);

var SHELL_CACHE = 'tpmap-field-shell';

function cacheable(response) {
  // Never the log-in page in place of the app (a redirect when the session ended).
  return response && response.status === 200 && !response.redirected;
}

self.addEventListener('install', function (event) {
  event.waitUntil(
    fetch(CFG.shell, { credentials: 'same-origin' }).then(function (response) {
      if (!cacheable(response)) return undefined;
      return caches.open(SHELL_CACHE).then(function (c) { return c.put(CFG.shell, response); });
    }).catch(function () {}).then(function () { return self.skipWaiting(); })
  );
});
workbox.core.clientsClaim();
workbox.precaching.cleanupOutdatedCaches();
workbox.precaching.precacheAndRoute(CFG.precache, { ignoreURLParametersMatching: [/.*/] });

workbox.routing.registerRoute(
  function (ctx) { return ctx.request.mode === 'navigate' && ctx.url.pathname === CFG.shell; },
  new workbox.strategies.NetworkFirst({
    cacheName: SHELL_CACHE,
    networkTimeoutSeconds: 5,
    plugins: [{ cacheWillUpdate: function (ctx) { return Promise.resolve(cacheable(ctx.response) ? ctx.response : null); } }]
  })
);

self.addEventListener('sync', function (event) {
  if (event.tag !== self.TPMAP_SYNC.TAG) return;
  event.waitUntil(self.TPMAP_SYNC.run().then(function (result) {
    return self.clients.matchAll({ type: 'window' }).then(function (list) {
      list.forEach(function (c) { c.postMessage({ type: 'synced', result: result }); });
      if (result.offline) throw new Error('offline: the browser retries the sync later');
    });
  }));
});
