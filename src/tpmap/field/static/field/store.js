/* The phone's IndexedDB, shared by the page and the service worker (classic script):
   meta (account, token), households (the downloaded work list), queue (records waiting
   to send, keyed by their client_id), photos (Blobs of queued records). Every call opens
   and closes its own connection, so logout can delete the database without blocking. */
(function (g) {
  'use strict';
  var NAME = 'tpmap-field';
  var VERSION = 1;

  function open() {
    return new Promise(function (resolve, reject) {
      var req = g.indexedDB.open(NAME, VERSION);
      req.onupgradeneeded = function () {
        var db = req.result;
        if (!db.objectStoreNames.contains('meta')) db.createObjectStore('meta');
        if (!db.objectStoreNames.contains('households')) db.createObjectStore('households', { keyPath: 'key' });
        if (!db.objectStoreNames.contains('queue')) db.createObjectStore('queue', { keyPath: 'client_id' });
        if (!db.objectStoreNames.contains('photos')) db.createObjectStore('photos', { keyPath: 'id' });
      };
      req.onsuccess = function () { resolve(req.result); };
      req.onerror = function () { reject(req.error); };
    });
  }

  function run(storeName, mode, work) {
    return open().then(function (db) {
      return new Promise(function (resolve, reject) {
        var tx = db.transaction(storeName, mode);
        var req = work(tx.objectStore(storeName));
        tx.oncomplete = function () { db.close(); resolve(req ? req.result : undefined); };
        tx.onerror = tx.onabort = function () { db.close(); reject(tx.error); };
      });
    });
  }

  var store = {
    get: function (s, key) { return run(s, 'readonly', function (os) { return os.get(key); }); },
    all: function (s) { return run(s, 'readonly', function (os) { return os.getAll(); }); },
    put: function (s, value, key) {
      return run(s, 'readwrite', function (os) { return key === undefined ? os.put(value) : os.put(value, key); });
    },
    del: function (s, key) { return run(s, 'readwrite', function (os) { return os.delete(key); }); },
    clear: function (s) { return run(s, 'readwrite', function (os) { return os.clear(); }); },
    /* Everything on the phone gone: at logout, or when another account opens the app. */
    destroy: function () {
      return new Promise(function (resolve, reject) {
        var req = g.indexedDB.deleteDatabase(NAME);
        req.onsuccess = function () { resolve(); };
        req.onerror = function () { reject(req.error); };
        req.onblocked = function () { resolve(); };
      });
    },
    householdKey: function (year, householdId) { return year + '/' + householdId; },
    /* Records not yet on the server (waiting, refused or in conflict), oldest first. */
    waiting: function () {
      return store.all('queue').then(function (items) {
        return items.sort(function (a, b) { return a.created_at < b.created_at ? -1 : 1; });
      });
    },
    uuid: function () {
      if (g.crypto && g.crypto.randomUUID) return g.crypto.randomUUID();
      var b = g.crypto.getRandomValues(new Uint8Array(16));
      b[6] = (b[6] & 0x0f) | 0x40; b[8] = (b[8] & 0x3f) | 0x80;
      var h = Array.prototype.map.call(b, function (x) { return (x + 256).toString(16).slice(1); }).join('');
      return h.slice(0, 8) + '-' + h.slice(8, 12) + '-' + h.slice(12, 16) + '-' + h.slice(16, 20) + '-' + h.slice(20);
    }
  };
  g.TPMAP_STORE = store;
})(self);
