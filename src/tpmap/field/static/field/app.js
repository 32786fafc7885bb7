/* The offline field app's page: the work list and a household from IndexedDB, forms that
   queue records on the phone, the bar that always says what waits to send, and the
   conflicts to resolve. No inline script or handler: everything is bound here. */
(function () {
  'use strict';
  var I = self.TPMAP_I18N;
  var t = I.t;
  var store = self.TPMAP_STORE;
  var sync = self.TPMAP_SYNC;
  var root = document.getElementById('field-app');
  if (!root) return;
  var cfg = root.dataset;
  var view = document.getElementById('view');
  var MAX_PHOTOS = 5;

  /* -- small DOM helpers (textContent only: no HTML from data) ------------------------ */
  function h(tag, attrs, children) {
    var el = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      var v = attrs[k];
      if (v === null || v === undefined || v === false) return;
      if (k === 'text') el.textContent = v;
      else el.setAttribute(k, v === true ? '' : v);
    });
    (children || []).forEach(function (c) {
      if (c) el.appendChild(typeof c === 'string' ? document.createTextNode(c) : c);
    });
    return el;
  }
  function select(name, options, value, id, blank) {
    var opts = (blank ? [['', t('(ไม่ระบุ)')]] : []).concat(options);
    return h('select', { name: name, id: id }, opts.map(function (o) {
      return h('option', { value: o[0], selected: String(o[0]) === String(value || '') , text: o[1] });
    }));
  }
  function field(labelText, input) {
    return h('div', { class: 'field' }, [h('label', { for: input.id, text: labelText }), input]);
  }
  function today() {
    var d = new Date();
    d.setMinutes(d.getMinutes() - d.getTimezoneOffset());
    return d.toISOString().slice(0, 10);
  }
  function say(text) { document.getElementById('sync-message').textContent = text || ''; }

  /* -- account, token, service worker ------------------------------------------------ */
  function checkAccount() {
    // Another account on the same phone never sees the last one's households.
    return store.get('meta', 'user').then(function (user) {
      if (user === cfg.user) return undefined;
      return store.destroy().then(function () { return store.put('meta', cfg.user, 'user'); });
    });
  }
  function tokenValid(tok) {
    return tok && tok.token && new Date(tok.expires_at) > new Date(Date.now() + 60000);
  }
  function ensureToken(force) {
    return store.get('meta', 'token').then(function (tok) {
      if (!force && tokenValid(tok)) return tok;
      if (!navigator.onLine) return tok;
      return fetch(cfg.tokenUrl, {
        method: 'POST', credentials: 'same-origin', headers: { 'X-CSRFToken': cfg.csrf }
      }).then(function (r) {
        if (!r.ok || r.redirected) return null;
        return r.json().then(function (fresh) {
          return store.put('meta', fresh, 'token').then(function () { return fresh; });
        });
      }, function () { return tok; });
    });
  }
  function registerWorker() {
    if (!('serviceWorker' in navigator)) return Promise.resolve(null);
    return navigator.serviceWorker.register(cfg.sw, { scope: cfg.scope }).catch(function () { return null; });
  }
  function askBackgroundSync() {
    if (!('serviceWorker' in navigator)) return Promise.resolve();
    return navigator.serviceWorker.ready.then(function (reg) {
      if (reg.sync) return reg.sync.register(sync.TAG).catch(function () {});
      return undefined;
    });
  }

  /* -- the bar: network, what waits to send, conflicts -------------------------------- */
  var KIND = { visit: 'การเยี่ยมบ้าน', problem: 'ปัญหา', activity: 'กิจกรรม', pin: 'หมุดบ้าน', classification: 'แฟ้มครัวเรือน', problem_status: 'สถานะปัญหา' };

  function describe(value) {
    if (!value) return t('ไม่มี');
    if (value.latitude !== undefined) return value.latitude + ', ' + value.longitude;
    if (value.status !== undefined) return I.label('status', value.status);
    if (value.household_type !== undefined) {
      return I.label('household_type', value.household_type) + ' · ' + I.label('wants_help', value.wants_help);
    }
    return '';
  }

  function renderBar() {
    var net = document.getElementById('net-state');
    net.textContent = navigator.onLine ? t('ออนไลน์') : t('ออฟไลน์');
    net.className = 'net' + (navigator.onLine ? '' : ' offline');
    return store.waiting().then(function (items) {
      var count = document.getElementById('pending-count');
      count.textContent = items.length ? t('รอส่ง {n} รายการ', { n: items.length }) : t('ไม่มีรายการรอส่ง');
      count.className = 'pending' + (items.length ? '' : ' none');
      var conflicts = items.filter(function (i) { return i.state === 'conflict'; });
      var box = document.getElementById('conflicts');
      var list = document.getElementById('conflict-list');
      list.textContent = '';
      box.hidden = !conflicts.length;
      conflicts.forEach(function (item) {
        list.appendChild(h('li', { 'data-client-id': item.client_id }, [
          h('strong', { text: t(KIND[item.kind]) + ' · ' + item.label }),
          h('p', { text: t('มีผู้แก้ไขข้อมูลนี้บนเซิร์ฟเวอร์ระหว่างที่ออฟไลน์') }),
          h('p', { class: 'mine', text: t('ของฉัน') + ': ' + describe(item.body) }),
          h('p', { class: 'theirs', text: t('ของเซิร์ฟเวอร์') + ': ' + describe(item.conflict.theirs) }),
          h('div', { class: 'choice' }, [
            h('button', { type: 'button', class: 'btn', 'data-resolve': 'mine', text: t('ใช้ของฉัน') }),
            h('button', { type: 'button', class: 'btn secondary', 'data-resolve': 'theirs', text: t('ใช้ของเซิร์ฟเวอร์') })
          ])
        ]));
      });
      return items;
    });
  }

  var syncing = null;
  function syncNow() {
    if (syncing) return syncing;
    if (!navigator.onLine) {
      say(t('ยังไม่มีสัญญาณ ข้อมูลเก็บไว้ในเครื่อง จะส่งเมื่อมีสัญญาณ'));
      return renderBar();
    }
    say(t('กำลังส่งข้อมูล…'));
    syncing = ensureToken(false).then(function () { return sync.run(); }).then(function (res) {
      if (res.auth) {
        return ensureToken(true).then(function (tok) { return tok ? sync.run() : res; });
      }
      return res;
    }).then(function (res) {
      if (res.auth) say(t('กรุณาเข้าสู่ระบบใหม่เพื่อส่งข้อมูล'));
      else if (res.offline) say(t('ยังไม่มีสัญญาณ ข้อมูลเก็บไว้ในเครื่อง จะส่งเมื่อมีสัญญาณ'));
      else say(t('ส่งข้อมูลแล้ว {n} รายการ', { n: res.sent }));
      root.dataset.syncRuns = String(Number(root.dataset.syncRuns || 0) + 1);
    }).catch(function () {
      say(t('ยังไม่มีสัญญาณ ข้อมูลเก็บไว้ในเครื่อง จะส่งเมื่อมีสัญญาณ'));
    }).then(function () {
      syncing = null;
      return refresh();
    });
    return syncing;
  }

  function enqueue(item, blobs) {
    item.client_id = item.client_id || store.uuid();
    item.created_at = new Date().toISOString();
    item.state = 'pending';
    item.photos = [];
    var saves = (blobs || []).slice(0, MAX_PHOTOS).map(function (file) {
      var id = store.uuid();
      item.photos.push(id);
      return store.put('photos', { id: id, record: item.client_id, blob: file, name: file.name, type: file.type });
    });
    return Promise.all(saves).then(function () { return store.put('queue', item); }).then(function () {
      say(t('บันทึกไว้ในเครื่องแล้ว รอส่ง'));
      askBackgroundSync();
      if (navigator.onLine) syncNow();
      return refresh();
    });
  }

  /* -- the work list ---------------------------------------------------------------- */
  function download() {
    return ensureToken(false).then(function (tok) {
      if (!tok) throw new Error('token');
      return fetch('/api/v1/field/worklist', {
        headers: { Authorization: 'Bearer ' + tok.token }, credentials: 'omit'
      });
    }).then(function (r) {
      if (!r.ok) throw new Error('HTTP ' + r.status);
      return r.json();
    }).then(function (doc) {
      return store.clear('households').then(function () {
        return Promise.all(doc.households.map(function (hh) {
          hh.key = store.householdKey(hh.year, hh.household_id);
          return store.put('households', hh);
        }));
      }).then(function () {
        return store.put('meta', { year: doc.year, at: new Date().toISOString() }, 'downloaded');
      }).then(function () { say(t('ดาวน์โหลดแล้ว {n} ครัวเรือน', { n: doc.households.length })); });
    }).catch(function () { say(t('ดาวน์โหลดไม่สำเร็จ')); }).then(refresh);
  }

  function renderList() {
    return Promise.all([store.all('households'), store.get('meta', 'downloaded')]).then(function (got) {
      var households = got[0].sort(function (a, b) { return a.household_id < b.household_id ? -1 : 1; });
      var button = h('button', { type: 'button', class: 'btn', id: 'download', text: t('ดาวน์โหลดรายการบ้าน') });
      var parts = [h('h1', { text: t('รายการบ้านที่ต้องเยี่ยม') }), button];
      if (!got[1]) parts.push(h('p', { class: 'muted', text: t('ยังไม่มีรายการบ้านในเครื่อง ต่ออินเทอร์เน็ตแล้วกดดาวน์โหลด') }));
      else if (!households.length) parts.push(h('p', { class: 'muted', text: t('ไม่มีบ้านในรายการของบัญชีนี้') }));
      parts.push(h('ul', { class: 'field-list', id: 'worklist' }, households.map(function (hh) {
        return h('li', {}, [h('a', { href: '#/h/' + hh.year + '/' + hh.household_id }, [
          h('span', { class: 'name', text: hh.head_name || hh.household_id }),
          h('span', { class: 'muted', text: t('บ้านเลขที่') + ' ' + (hh.house_no || '-') + ' · ' + hh.address }),
          h('span', { class: 'muted', text: ' · ' + t('ตกเกณฑ์ตัวชี้วัด') + ' ' + hh.failed_indicators.length })
        ])]);
      })));
      view.textContent = '';
      parts.forEach(function (p) { view.appendChild(p); });
    });
  }

  /* A date field in the Buddhist era (20/11/2569), as every Logbook form has it; the
     record carries the ISO date (I.parseBe). */
  var BE_HINT = 'กรุณากรอกวันที่เป็น วัน/เดือน/ปี พ.ศ. เช่น 20/11/2569';
  function beField(id, name) {
    return h('input', { id: id, name: name, type: 'text', inputmode: 'numeric', required: true,
      maxlength: '10', autocomplete: 'off', placeholder: t('วว/ดด/ปปปป (พ.ศ.)'), value: I.beInput(today()) });
  }

  /* -- a household ------------------------------------------------------------------ */
  /* A record's form kept on the phone until the next sync: its title and fields, and
     ``read``: what to queue ({ body, label, photos }), or null when a field is missing or
     wrong (it has said which). */
  function queuedForm(hh, id, title, fields, kind, read) {
    var save = h('button', { class: 'btn', type: 'submit', text: t('บันทึกในเครื่อง') });
    var form = h('form', { class: 'card field-form', id: id }, [h('h2', { text: title })].concat(fields, [save]));
    form.addEventListener('submit', function (ev) {
      ev.preventDefault();
      var got = read();
      if (!got) return;
      enqueue({ kind: kind, year: hh.year, household_id: hh.household_id, label: got.label, body: got.body }, got.photos);
    });
    return form;
  }

  /* Whether every input is filled in (else it says so). */
  function filled(inputs) {
    var all = inputs.every(function (i) { return i.value.trim(); });
    if (!all) say(t('กรุณากรอกข้อมูลให้ครบ'));
    return all;
  }

  /* A Buddhist-era day typed in ``input`` as an ISO date, or null (it says how to type one). */
  function beDay(input) {
    var day = I.parseBe(input.value);
    if (!day) say(t(BE_HINT));
    return day;
  }

  function problemForm(hh) {
    var title = h('input', { id: 'p-title', name: 'title', required: true, maxlength: '200' });
    var dim = select('dimension', I.choices('dimension'), '', 'p-dimension', true);
    var date = beField('p-date', 'occurred_on');
    var be = h('span', { class: 'be', id: 'p-date-be', text: I.beDate(today()) });
    date.addEventListener('input', function () { be.textContent = I.beDate(I.parseBe(date.value) || ''); });
    var details = h('textarea', { id: 'p-details', name: 'details', rows: '3', maxlength: '5000' });
    var photos = h('input', { id: 'p-photos', name: 'photos', type: 'file', accept: 'image/*', capture: 'environment', multiple: true });
    return queuedForm(hh, 'problem-form', t('บันทึกปัญหา/ความต้องการ'), [
      field(t('ปัญหา/ความต้องการ'), title), field(t('ด้าน'), dim),
      field(t('วันที่'), date), be, field(t('รายละเอียด'), details),
      field(t('รูปภาพ (ไม่เกิน 5 รูป)'), photos)
    ], 'problem', function () {
      var occurred = filled([title, date]) && beDay(date);
      if (!occurred) return null;
      var body = { title: title.value.trim(), dimension: dim.value, occurred_on: occurred, details: details.value };
      return { body: body, label: body.title, photos: Array.prototype.slice.call(photos.files || []) };
    });
  }

  function activityForm(hh) {
    var name = h('input', { id: 'a-name', name: 'name', required: true, maxlength: '200' });
    var start = beField('a-start', 'start_on');
    var problems = (hh.problems || []).map(function (p) { return [String(p.id), p.title]; });
    var problem = select('problem_id', problems, '', 'a-problem', true);
    return queuedForm(hh, 'activity-form', t('บันทึกกิจกรรมช่วยเหลือ'), [
      field(t('ชื่อกิจกรรม'), name), field(t('วันเริ่มต้น'), start), field(t('แก้ปัญหาข้อ'), problem)
    ], 'activity', function () {
      var started = filled([name, start]) && beDay(start);
      if (!started) return null;
      var body = { name: name.value.trim(), start_on: started };
      if (problem.value) body.problem_id = Number(problem.value);
      return { body: body, label: body.name };
    });
  }

  /* A home visit (F16): the day, what was found, an optional outcome; sent with its client_id. */
  function visitForm(hh) {
    var day = h('input', { id: 'v-day', name: 'visited_on', type: 'date', required: true, value: today(), max: today() });
    var found = h('input', { id: 'v-found', name: 'found', required: true, maxlength: '300' });
    var outcome = select('outcome', [['better', t('สถานการณ์ดีขึ้น')], ['same', t('สถานการณ์คงเดิม')],
      ['worse', t('สถานการณ์แย่ลง')], ['not_home', t('ไม่พบครัวเรือน (ไม่อยู่บ้าน)')]], '', 'v-outcome', true);
    return queuedForm(hh, 'visit-form', t('บันทึกการเยี่ยมบ้าน'), [
      field(t('วันที่เยี่ยมบ้าน'), day), field(t('สิ่งที่พบ'), found), field(t('ผลการเยี่ยม'), outcome)
    ], 'visit', function () {
      if (!filled([found, day])) return null;
      var body = { visited_on: day.value, found: found.value.trim(), outcome: outcome.value };
      return { body: body, label: body.found };
    });
  }

  function pinForm(hh) {
    var lat = h('input', { id: 'pin-lat', name: 'latitude', inputmode: 'decimal', value: hh.pin ? hh.pin.latitude : '' });
    var lon = h('input', { id: 'pin-lon', name: 'longitude', inputmode: 'decimal', value: hh.pin ? hh.pin.longitude : '' });
    var gps = h('button', { type: 'button', class: 'btn secondary', id: 'pin-gps', text: t('ใช้ตำแหน่งปัจจุบัน (GPS)') });
    var source = 'typed';
    var accuracy = null;
    gps.addEventListener('click', function () {
      navigator.geolocation.getCurrentPosition(function (pos) {
        lat.value = pos.coords.latitude.toFixed(6);
        lon.value = pos.coords.longitude.toFixed(6);
        source = 'gps';
        accuracy = Math.round(pos.coords.accuracy);
      }, function () { say(t('หาตำแหน่งไม่ได้')); }, { enableHighAccuracy: true, timeout: 15000 });
    });
    var form = h('form', { class: 'card field-form', id: 'pin-form' }, [
      h('h2', { text: t('ปักหมุดบ้าน') }), gps, field(t('ละติจูด'), lat), field(t('ลองจิจูด'), lon),
      h('button', { class: 'btn', type: 'submit', text: t('บันทึกในเครื่อง') })
    ]);
    form.addEventListener('submit', function (ev) {
      ev.preventDefault();
      if (!lat.value || !lon.value) { say(t('กรุณากรอกข้อมูลให้ครบ')); return; }
      var body = { latitude: lat.value.trim(), longitude: lon.value.trim(), source: source };
      if (accuracy !== null) body.accuracy_m = accuracy;
      enqueue({ kind: 'pin', year: hh.year, household_id: hh.household_id, label: hh.head_name, body: body,
        base_version: hh.pin ? hh.pin.version : 0 });
    });
    return form;
  }

  function classificationForm(hh) {
    var folder = hh.classification || {};
    var type = select('household_type', I.choices('household_type'), folder.household_type, 'c-type', false);
    var wants = select('wants_help', I.choices('wants_help'), folder.wants_help, 'c-wants', false);
    var form = h('form', { class: 'card field-form', id: 'classification-form' }, [
      h('h2', { text: t('จำแนกครัวเรือน') }),
      field(t('ประเภทครัวเรือน'), type), field(t('ความต้องการความช่วยเหลือ'), wants),
      h('button', { class: 'btn', type: 'submit', text: t('บันทึกในเครื่อง') })
    ]);
    form.addEventListener('submit', function (ev) {
      ev.preventDefault();
      // The folder's other answers are sent as downloaded: a PUT replaces the whole folder.
      var body = {};
      Object.keys(folder).forEach(function (k) { if (k !== 'version' && folder[k] !== null) body[k] = folder[k]; });
      body.household_type = type.value;
      body.wants_help = wants.value;
      enqueue({ kind: 'classification', year: hh.year, household_id: hh.household_id, label: hh.head_name,
        body: body, base_version: folder.version || 0 });
    });
    return form;
  }

  function problemsCard(hh, waiting) {
    var items = (hh.problems || []).map(function (p) {
      // Assigned and escalated come from routing (the Logbook's routing page): offered only
      // as the problem's current status, never as a change.
      var statuses = I.choices('status').filter(function (c) {
        return (c[0] !== 'assigned' && c[0] !== 'escalated') || c[0] === p.status;
      });
      var status = select('status', statuses, p.status, 'status-' + p.id, false);
      var save = h('button', { type: 'button', class: 'btn secondary', text: t('เปลี่ยนสถานะ') });
      save.addEventListener('click', function () {
        enqueue({ kind: 'problem_status', year: hh.year, household_id: hh.household_id, problem_id: p.id,
          label: p.title, body: { status: status.value }, base_version: p.version });
      });
      return h('li', { 'data-problem-id': String(p.id) }, [
        h('strong', { text: p.title }), ' ', h('span', { class: 'muted', text: I.beDate(p.occurred_on) }),
        h('div', { class: 'field-form' }, [field(t('สถานะ'), status), save])
      ]);
    });
    var queued = waiting.map(function (i) {
      var tag = i.state === 'conflict' ? t('ขัดแย้ง') : i.state === 'failed' ? t('ส่งไม่สำเร็จ') : t('รอส่ง');
      var text = t(KIND[i.kind]) + ': ' + i.label + (i.photos && i.photos.length ? ' · ' + t('รูปภาพ {n} รูป', { n: i.photos.length }) : '');
      return h('li', { class: 'queued-item', 'data-state': i.state }, [
        h('span', { class: 'badge', text: tag }), ' ', text, i.error ? h('div', { class: 'muted', text: i.error }) : null
      ]);
    });
    return h('section', { class: 'card', id: 'records' }, [
      h('h2', { text: t('ปัญหาที่บันทึกไว้') }),
      h('ul', { class: 'queued', id: 'queued' }, queued),
      h('ul', { class: 'field-list' }, items)
    ]);
  }

  function renderHousehold(year, householdId) {
    var key = store.householdKey(year, householdId);
    return Promise.all([store.get('households', key), store.waiting()]).then(function (got) {
      var hh = got[0];
      view.textContent = '';
      var back = h('p', {}, [h('a', { href: '#/', class: 'btn secondary', text: '← ' + t('กลับไปรายการบ้าน') })]);
      view.appendChild(back);
      if (!hh) { view.appendChild(h('p', { text: t('ไม่พบครัวเรือนนี้ในเครื่อง') })); return; }
      var waiting = got[1].filter(function (i) { return i.household_id === hh.household_id && i.year === hh.year; });
      view.appendChild(h('section', { class: 'card', id: 'household' }, [
        h('h1', { text: hh.head_name || hh.household_id }),
        h('p', { text: t('บ้านเลขที่') + ' ' + (hh.house_no || '-') + ' ' + hh.address }),
        h('p', { text: t('ตกเกณฑ์ตัวชี้วัด') + ': ' + (hh.failed_indicators.join(', ') || '-') }),
        h('h2', { text: t('สมาชิก') }),
        h('ul', { class: 'members' }, hh.members.map(function (m) {
          return h('li', { text: m.name + (m.nid_last4 ? ' (…' + m.nid_last4 + ')' : '') });
        }))
      ]));
      view.appendChild(problemsCard(hh, waiting));
      view.appendChild(visitForm(hh));
      view.appendChild(problemForm(hh));
      view.appendChild(activityForm(hh));
      view.appendChild(pinForm(hh));
      view.appendChild(classificationForm(hh));
    });
  }

  function route() {
    var m = /^#\/h\/(\d+)\/([0-9A-Za-z_-]+)$/.exec(location.hash);
    return m ? renderHousehold(Number(m[1]), m[2]) : renderList();
  }

  function refresh() {
    // Redraw without losing what the officer is typing in a form. The page first, then the
    // bar: the pending count never runs ahead of the records listed on the page. A page
    // that cannot be drawn still gets its bar (the count of what waits to be sent).
    var typing = document.activeElement && view.contains(document.activeElement) &&
      /INPUT|TEXTAREA|SELECT/.test(document.activeElement.tagName);
    return Promise.resolve(typing ? undefined : route()).then(renderBar, function (err) {
      return renderBar().then(function () { throw err; });
    });
  }

  /* -- wiring ------------------------------------------------------------------------ */
  document.getElementById('sync-now').addEventListener('click', function () { syncNow(); });
  document.getElementById('conflict-list').addEventListener('click', function (ev) {
    var button = ev.target.closest('[data-resolve]');
    if (!button) return;
    var li = button.closest('[data-client-id]');
    sync.resolve(li.dataset.clientId, button.dataset.resolve).then(function () {
      return button.dataset.resolve === 'mine' ? syncNow() : refresh();
    });
  });
  view.addEventListener('click', function (ev) {
    if (ev.target.id === 'download') download();
  });
  // The site header's log-out button on this page goes through the page that empties the phone.
  document.querySelectorAll('form[action="/logout/"]').forEach(function (form) {
    form.addEventListener('submit', function (ev) { ev.preventDefault(); location.href = cfg.logoutUrl; });
  });
  window.addEventListener('hashchange', route);
  window.addEventListener('online', function () { renderBar(); syncNow(); });
  window.addEventListener('offline', renderBar);
  if ('serviceWorker' in navigator) {
    navigator.serviceWorker.addEventListener('message', function (ev) {
      if (ev.data && ev.data.type === 'synced') refresh();
    });
  }

  checkAccount().then(function () {
    registerWorker();
    // A cookie (no personal data) that tells the site's log-out that this phone holds
    // field data, so it sends the officer through the page that empties it.
    document.cookie = 'tpmap_field=1; path=/; SameSite=Strict';
    return Promise.all([ensureToken(false), store.get('meta', 'downloaded')]);
  }).then(function (got) {
    root.dataset.ready = '1';
    if (!got[1] && navigator.onLine) return download();
    return refresh().then(function () { if (navigator.onLine) syncNow(); });
  });
})();
