/* Province choropleth of the portal: outlines and suppressed statistics from this site,
   no tiles, no CDN. Tapping a province opens its page. On a province's page and below
   (data-focus="34") the map zooms to that province and draws it with a thick border:
   provinces are the finest bundled shapes. */
(function () {
  "use strict";
  var COLORS = ["#fee5d9", "#fcae91", "#fb6a4a", "#de2d26", "#a50f15"];
  var NONE = "#d0d4d9";

  function getJSON(url) {
    return fetch(url, { credentials: "same-origin" }).then(function (r) { return r.json(); });
  }

  function breaks(values) {
    var v = values.filter(function (x) { return x !== null && x !== undefined; }).sort(function (a, b) { return a - b; });
    if (!v.length) { return []; }
    var out = [];
    for (var i = 1; i < COLORS.length; i++) { out.push(v[Math.floor(i * v.length / COLORS.length)]); }
    return out;
  }

  function colorOf(x, br) {
    if (x === null || x === undefined) { return NONE; }
    var i = 0;
    while (i < br.length && x >= br[i]) { i++; }
    return COLORS[Math.min(i, COLORS.length - 1)];
  }

  function esc(s) {
    return String(s == null ? "" : s).replace(/[&<>"']/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c];
    });
  }

  function init() {
    var el = document.getElementById("portal-map");
    if (!el || !window.L) { return; }
    Promise.all([getJSON(el.getAttribute("data-geo")), getJSON(el.getAttribute("data-stats"))]).then(function (res) {
      var geo = res[0], stats = res[1].provinces || {};
      var map = L.map(el, { zoomControl: true, attributionControl: false });
      var key = "target_rate";
      function valueOf(code) { var s = stats[code]; return s ? s[key] : null; }
      var br = [];
      var focus = el.getAttribute("data-focus");
      function restyle() {
        br = breaks(Object.keys(stats).map(valueOf));
        layer.setStyle(function (f) {
          var here = focus && f.properties.code === focus;
          return {
            color: here ? "#0b5394" : "#555", weight: here ? 4 : 1,
            fillOpacity: focus && !here ? 0.45 : 0.85, fillColor: colorOf(valueOf(f.properties.code), br)
          };
        });
        layer.eachLayer(function (l) { if (focus && l.feature.properties.code === focus) { l.bringToFront(); } });
      }
      var layer = L.geoJSON(geo, {
        style: { color: "#555", weight: 1, fillOpacity: 0.85, fillColor: NONE },
        onEachFeature: function (f, lyr) {
          var s = stats[f.properties.code];
          var tip = esc(s ? s.name : f.properties.name_th) + "<br>" + (s
            ? esc(el.getAttribute("data-target-label")) + " " + esc(s.target_text) +
              (s.target_rate === null ? "" : " (" + s.target_rate + "%)")
            : esc(el.getAttribute("data-none")));
          lyr.bindTooltip(tip, { sticky: true });
          if (s) {
            lyr.on("click", function () { window.location.href = s.url; });
            if (lyr.getElement) {
              lyr.on("add", function () { var p = lyr.getElement(); if (p) { p.setAttribute("data-code", f.properties.code); } });
            }
          }
        }
      }).addTo(map);
      layer.eachLayer(function (lyr) {
        var p = lyr.getElement && lyr.getElement();
        if (p) { p.setAttribute("data-code", lyr.feature.properties.code); }
      });
      var withData = layer.getLayers().filter(function (l) { return stats[l.feature.properties.code]; });
      var focused = layer.getLayers().filter(function (l) { return focus && l.feature.properties.code === focus; });
      if (focused.length) {
        map.fitBounds(L.featureGroup(focused).getBounds().pad(0.15));
        el.setAttribute("data-focused", focus);
      } else {
        map.fitBounds(withData.length ? L.featureGroup(withData).getBounds() : layer.getBounds());
      }
      restyle();
      document.querySelectorAll('input[name="shade"]').forEach(function (r) {
        r.addEventListener("change", function () { key = r.value; restyle(); });
      });
      el.setAttribute("data-ready", "1");
    });
  }

  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", init); } else { init(); }
})();
