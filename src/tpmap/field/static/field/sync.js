/* Sending the phone's queue through /api/v1/, from the page (online event, "sync now")
   or the service worker (Background Sync). One run at a time (Web Locks), so the page and
   the worker never send the same record twice at once; and every create carries the
   client_id made with the record, so a retry after a lost answer never duplicates it.
   A change carries the version it was based on: a 409 keeps the record on the phone as a
   conflict for the officer to resolve (keep mine / take theirs), never overwritten. */
(function (g) {
  'use strict';
  var API = '/api/v1/';
  var store = g.TPMAP_STORE;

  function NetworkDown() { this.name = 'NetworkDown'; }
  function AuthNeeded() { this.name = 'AuthNeeded'; }

  function call(method, path, token, body) {
    var headers = { Authorization: 'Bearer ' + token, 'Accept-Language': 'th' };
    var init = { method: method, headers: headers, credentials: 'omit' };
    if (body instanceof FormData) {
      init.body = body;
    } else if (body !== undefined) {
      headers['Content-Type'] = 'application/json';
      init.body = JSON.stringify(body);
    }
    return fetch(API + path, init).then(function (resp) {
      if (resp.status === 401) throw new AuthNeeded();
      return resp.text().then(function (text) {
        var data = null;
        try { data = text ? JSON.parse(text) : null; } catch (e) { data = null; }
        return { status: resp.status, data: data, version: resp.headers.get('X-Current-Version') };
      });
    }, function () { throw new NetworkDown(); });
  }

  function ok(r) { return r.status >= 200 && r.status < 300; }
  function hhPath(item) { return 'households/' + item.year + '/' + item.household_id; }
  function message(r) {
    return (r.data && r.data.error && r.data.error.message) || ('HTTP ' + r.status);
  }

  function refuse(item, r) {
    item.state = 'failed';
    item.error = message(r);
    if (r.data && r.data.error && r.data.error.fields) {
      item.error += ': ' + Object.keys(r.data.error.fields).map(function (k) {
        return k + ' ' + r.data.error.fields[k].join(' ');
      }).join('; ');
    }
    return store.put('queue', item);
  }

  /* The household on the phone, changed by fn (after a record reached the server). */
  function updateHousehold(item, fn) {
    var key = store.householdKey(item.year, item.household_id);
    return store.get('households', key).then(function (h) {
      if (!h) return undefined;
      fn(h);
      return store.put('households', h);
    });
  }

  function done(item, fn) {
    return updateHousehold(item, fn || function () {}).then(function () {
      return store.del('queue', item.client_id);
    });
  }

  function conflict(item, current, theirs) {
    item.state = 'conflict';
    item.conflict = { current_version: current, theirs: theirs };
    return store.put('queue', item);
  }

  /* Photos of a problem already on the server, one request each with the problem's
     version. A 409 means either someone changed the problem (adding a photo overwrites
     nothing: go on with the new version) or our own upload whose answer was lost: the
     server then holds one photo more than we counted, so it is not sent again. */
  function sendPhotos(item, token) {
    if (!item.photos || !item.photos.length) return Promise.resolve();
    var id = item.photos[0];
    return store.get('photos', id).then(function (photo) {
      if (!photo) { item.photos.shift(); return store.put('queue', item); }
      var form = new FormData();
      form.append('version', String(item.server_version));
      form.append('photo', photo.blob, photo.name || 'photo.jpg');
      return call('POST', 'problems/' + item.server_id + '/photos', token, form).then(function (r) {
        if (ok(r)) {
          item.server_version = r.data.version;
          item.photo_base = r.data.photos.length;
          return null;
        }
        if (r.status === 409) {
          return call('GET', 'problems/' + item.server_id, token).then(function (g2) {
            if (!ok(g2)) return refuse(item, g2).then(function () { throw new Error('refused'); });
            item.server_version = g2.data.version;
            var landed = g2.data.photos.length > item.photo_base;
            item.photo_base = g2.data.photos.length;
            return landed ? null : 'again';
          });
        }
        item.photo_errors = (item.photo_errors || []).concat([message(r)]);
        return null;
      }).then(function (again) {
        if (again === 'again') return store.put('queue', item);
        item.photos.shift();
        return store.put('queue', item).then(function () { return store.del('photos', id); });
      });
    }).then(function () { return sendPhotos(item, token); });
  }

  function sendProblem(item, token) {
    var first = item.server_id
      ? Promise.resolve(true)
      : call('POST', hhPath(item) + '/problems', token,
        Object.assign({}, item.body, { client_id: item.client_id })).then(function (r) {
        if (!ok(r)) return refuse(item, r).then(function () { return false; });
        item.server_id = r.data.id;
        item.server_version = r.data.version;
        item.photo_base = r.data.photos.length;
        return store.put('queue', item).then(function () { return true; });
      });
    return first.then(function (made) {
      if (!made) return undefined;
      return sendPhotos(item, token).then(function () {
        if (item.photo_errors && item.photo_errors.length) {
          return refuse(item, { status: 422, data: { error: { message: item.photo_errors.join('; ') } } });
        }
        return done(item, function (h) {
          h.problems = (h.problems || []).concat([{
            id: item.server_id, version: item.server_version, title: item.body.title,
            status: item.body.status || 'open', occurred_on: item.body.occurred_on,
            dimension: item.body.dimension
          }]);
        });
      });
    }).catch(function (e) { if (e && e.message === 'refused') return undefined; throw e; });
  }

  function sendActivity(item, token) {
    var body = Object.assign({}, item.body, { client_id: item.client_id });
    return call('POST', hhPath(item) + '/activities', token, body).then(function (r) {
      return ok(r) ? done(item) : refuse(item, r);
    });
  }

  /* A home visit: created once (client_id), no photos from the field app yet. */
  function sendVisit(item, token) {
    var body = Object.assign({}, item.body, { client_id: item.client_id });
    return call('POST', hhPath(item) + '/visits', token, body).then(function (r) {
      return ok(r) ? done(item) : refuse(item, r);
    });
  }

  /* A change based on base_version: 409 → the server's current record, as a conflict. */
  var CHANGES = {
    problem_status: {
      send: function (item, token) {
        return call('PATCH', 'problems/' + item.problem_id, token,
          Object.assign({}, item.body, { version: item.base_version }));
      },
      theirs: function (item, token) {
        return call('GET', 'problems/' + item.problem_id, token).then(function (r) {
          return ok(r) ? { status: r.data.status, title: r.data.title, version: r.data.version } : null;
        });
      },
      apply: function (item, record) {
        return function (h) {
          (h.problems || []).forEach(function (p) {
            if (p.id === item.problem_id) { p.status = record.status; p.version = record.version; }
          });
        };
      }
    },
    pin: {
      send: function (item, token) {
        return call('PUT', hhPath(item) + '/pin', token, Object.assign({}, item.body, { version: item.base_version }));
      },
      theirs: function (item, token) {
        return call('GET', hhPath(item), token).then(function (r) {
          var pin = ok(r) && r.data.logbook.pin;
          return pin ? { latitude: String(pin.latitude), longitude: String(pin.longitude), version: pin.version } : null;
        });
      },
      apply: function (item, record) {
        return function (h) {
          h.pin = { latitude: String(record.latitude), longitude: String(record.longitude), version: record.version };
        };
      }
    },
    classification: {
      send: function (item, token) {
        return call('PUT', hhPath(item) + '/classification', token,
          Object.assign({}, item.body, { version: item.base_version }));
      },
      theirs: function (item, token) {
        return call('GET', hhPath(item), token).then(function (r) {
          return ok(r) ? r.data.logbook.classification : null;
        });
      },
      apply: function (item, record) {
        return function (h) {
          var c = {};
          Object.keys(item.body).forEach(function (k) { c[k] = record[k]; });
          c.version = record.version;
          h.classification = c;
        };
      }
    }
  };

  function sendChange(item, token) {
    var kind = CHANGES[item.kind];
    return kind.send(item, token).then(function (r) {
      if (ok(r)) return done(item, kind.apply(item, r.data));
      if (r.status !== 409) return refuse(item, r);
      return kind.theirs(item, token).then(function (theirs) {
        return conflict(item, Number(r.version || (theirs && theirs.version) || 0), theirs);
      });
    });
  }

  function send(item, token) {
    if (item.kind === 'problem') return sendProblem(item, token);
    if (item.kind === 'activity') return sendActivity(item, token);
    if (item.kind === 'visit') return sendVisit(item, token);
    return sendChange(item, token);
  }

  function sendAll() {
    var result = { sent: 0, offline: false, auth: false };
    return store.get('meta', 'token').then(function (token) {
      if (!token || !token.token || new Date(token.expires_at) <= new Date()) {
        result.auth = true;
        return result;
      }
      return store.waiting().then(function (items) {
        var pending = items.filter(function (i) { return i.state === 'pending'; });
        return pending.reduce(function (chain, item) {
          return chain.then(function () {
            if (result.offline || result.auth) return undefined;
            return send(item, token.token).then(function () {
              return store.get('queue', item.client_id).then(function (left) { if (!left) result.sent += 1; });
            }, function (e) {
              if (e instanceof NetworkDown) result.offline = true;
              else if (e instanceof AuthNeeded) result.auth = true;
              else throw e;
            });
          });
        }, Promise.resolve()).then(function () { return result; });
      });
    });
  }

  function run() {
    if (g.navigator && g.navigator.locks) {
      return g.navigator.locks.request('tpmap-field-sync', sendAll);
    }
    return sendAll();
  }

  /* The officer's choice for a record in conflict. */
  function resolve(clientId, choice) {
    return store.get('queue', clientId).then(function (item) {
      if (!item || item.state !== 'conflict') return undefined;
      if (choice === 'mine') {
        // Sent again on top of the server's current version: the officer chose to.
        item.base_version = item.conflict.current_version;
        item.state = 'pending';
        delete item.conflict;
        return store.put('queue', item);
      }
      var theirs = item.conflict.theirs;
      var apply = theirs ? CHANGES[item.kind].apply(item, theirs) : function () {};
      return done(item, apply);
    });
  }

  g.TPMAP_SYNC = { run: run, resolve: resolve, TAG: 'tpmap-field-sync' };
})(self);
