/* Log-out of the field app: warn when records still wait to send, then revoke the token,
   delete the IndexedDB database, the caches and the service worker, and log out. */
(function () {
  'use strict';
  var t = self.TPMAP_I18N.t;
  var store = self.TPMAP_STORE;
  var form = document.getElementById('logout-form');
  if (!form) return;

  function revokeToken() {
    return store.get('meta', 'token').then(function (tok) {
      if (!tok || !tok.token || !navigator.onLine) return undefined;
      return fetch('/api/v1/auth/token', {
        method: 'DELETE', headers: { Authorization: 'Bearer ' + tok.token }, credentials: 'omit'
      }).catch(function () {});
    }).catch(function () {});
  }

  function emptyPhone() {
    var caches = self.caches ? self.caches.keys().then(function (keys) {
      return Promise.all(keys.map(function (k) { return self.caches.delete(k); }));
    }) : Promise.resolve();
    var workers = navigator.serviceWorker ? navigator.serviceWorker.getRegistrations().then(function (regs) {
      return Promise.all(regs.map(function (r) { return r.unregister(); }));
    }) : Promise.resolve();
    document.cookie = 'tpmap_field=; path=/; max-age=0; SameSite=Strict';
    return revokeToken().then(function () {
      return Promise.all([store.destroy(), caches, workers]);
    }).catch(function () {}).then(function () { form.submit(); });
  }

  document.getElementById('logout-anyway').addEventListener('click', emptyPhone);
  store.waiting().then(function (items) {
    if (!items.length) return emptyPhone();
    document.getElementById('logout-status').textContent = '';
    document.getElementById('logout-pending-text').textContent = t('รอส่ง {n} รายการ', { n: items.length });
    document.getElementById('logout-pending').hidden = false;
    return undefined;
  }, emptyPhone);
})();
