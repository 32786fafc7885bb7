/* Maps of the Logbook, drawn without internet: province outlines and the survey's
   coordinates of the area's households from the page's data, tiles only when the
   deployment configures a tile server (TPMAP_TILE_URL). */
(function () {
  "use strict";
  var THAILAND = [[5.6, 97.3], [20.5, 105.7]];

  function baseMap(el, data) {
    var map = L.map(el, { zoomControl: true, attributionControl: !!data.tile_url });
    if (data.tile_url) {
      L.tileLayer(data.tile_url, { maxZoom: 19, attribution: data.tile_attribution || "" }).addTo(map);
    }
    var outline = null;
    if (data.provinces && data.provinces.features && data.provinces.features.length) {
      outline = L.geoJSON(data.provinces, {
        style: { color: "#0b5394", weight: 2, fillColor: "#cfe0f1", fillOpacity: 0.35 },
        interactive: false
      }).addTo(map);
    }
    if (outline) { map.fitBounds(outline.getBounds()); } else { map.fitBounds(THAILAND); }
    return map;
  }

  // The survey's coordinates of households: small grey dots under the pins, each a link to
  // its household; the page's own household (onOwn) in the brand colour.
  function surveyPoints(map, points, ownId, onTap) {
    var layer = L.featureGroup();
    (points || []).forEach(function (p) {
      var own = p.household_id === ownId;
      var m = L.circleMarker([p.lat, p.lon], {
        radius: own ? 9 : 6, color: "#ffffff", weight: 1.5,
        fillColor: own ? "#0b5394" : "#6b7785", fillOpacity: own ? 0.95 : 0.75,
        className: own ? "survey-point own" : "survey-point"
      });
      var label = esc(p.head_name || p.household_id) + (p.house_no ? " · " + esc(p.house_no) : "");
      m.bindTooltip(label);
      if (onTap) {
        m.on("click", function (e) { L.DomEvent.stopPropagation(e); onTap(p, own); });
      } else {
        m.bindPopup('<b><a href="' + esc(p.url) + '">' + label + "</a></b>");
      }
      m.addTo(layer);
    });
    layer.addTo(map);
    return layer;
  }

  function esc(s) {
    return String(s == null ? "" : s).replace(/[&<>"']/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c];
    });
  }

  function pinPage(el) {
    var data = JSON.parse(el.getAttribute("data-map"));
    var map = baseMap(el, data);
    var lat = document.getElementById("id_latitude");
    var lon = document.getElementById("id_longitude");
    var source = document.getElementById("id_source");
    var accuracy = document.getElementById("id_accuracy_m");
    var status = document.getElementById("gps-status");
    var sourceBox = document.getElementById("pin-source");
    var sourceLabel = document.getElementById("pin-source-label");
    var marker = null;

    function place(latlng, how, acc) {
      if (sourceBox && sourceLabel) {
        sourceLabel.textContent = sourceBox.getAttribute("data-label-" + how) || how;
      }
      if (!marker) {
        marker = L.marker(latlng, { draggable: true }).addTo(map);
        marker.on("dragend", function () { place(marker.getLatLng(), "map"); });
      } else {
        marker.setLatLng(latlng);
      }
      lat.value = latlng.lat.toFixed(6);
      lon.value = latlng.lng.toFixed(6);
      source.value = how;
      accuracy.value = acc == null ? "" : Math.round(acc);
    }

    var start = lat.value && lon.value ? [parseFloat(lat.value), parseFloat(lon.value)] : data.start;
    if (start && !isNaN(start[0]) && !isNaN(start[1])) {
      place(L.latLng(start[0], start[1]), source.value || "map");
      map.setView(start, 15);
    }
    var points = surveyPoints(map, data.points, data.household_id, function (p, own) {
      // Tapping this household's own survey point puts the pin on the survey's
      // coordinates, said as such; another house's point is a tap on the map.
      place(L.latLng(p.lat, p.lon), own ? "survey" : "map");
    });
    if (!start && points.getLayers().length) { map.fitBounds(points.getBounds().pad(0.2), { maxZoom: 15 }); }
    map.on("click", function (e) { place(e.latlng, "map"); });
    el.setAttribute("data-ready", "1");
    function typed() {
      var a = parseFloat(lat.value), b = parseFloat(lon.value);
      if (!isNaN(a) && !isNaN(b)) {
        place(L.latLng(a, b), "typed");
        map.setView([a, b], Math.max(map.getZoom(), 13));
      }
    }
    lat.addEventListener("change", typed);
    lon.addEventListener("change", typed);
    document.getElementById("use-gps").addEventListener("click", function () {
      if (!navigator.geolocation) { status.textContent = el.dataset.nogps || "อุปกรณ์นี้ไม่รองรับ GPS"; return; }
      status.textContent = "กำลังหาตำแหน่ง…";
      navigator.geolocation.getCurrentPosition(function (pos) {
        var ll = L.latLng(pos.coords.latitude, pos.coords.longitude);
        place(ll, "gps", pos.coords.accuracy);
        map.setView(ll, 17);
        status.textContent = "ได้ตำแหน่งแล้ว (±" + Math.round(pos.coords.accuracy) + " ม.)";
      }, function () {
        status.textContent = "หาตำแหน่งไม่ได้ กรุณาเปิด GPS/อนุญาตตำแหน่ง หรือแตะบนแผนที่";
      }, { enableHighAccuracy: true, timeout: 20000, maximumAge: 0 });
    });
  }

  function areaPage(el) {
    var data = JSON.parse(el.getAttribute("data-map"));
    var map = baseMap(el, data);
    var points = surveyPoints(map, data.points, null, null);
    var group = L.featureGroup().addTo(map);
    (data.pins || []).forEach(function (p) {
      var m = L.circleMarker([p.lat, p.lon], {
        radius: 8, color: "#ffffff", weight: 2, fillColor: p.colour, fillOpacity: 0.95
      });
      var html = '<b><a href="' + esc(p.url) + '">' + esc(p.head_name || p.household_id) + "</a></b><br>" +
        esc(p.type_th) + "<br><small>" + esc(p.address) + "</small>";
      if (p.thumbs && p.thumbs.length) {
        html += '<div class="thumbs">' + p.thumbs.map(function (t) {
          return '<img src="' + esc(t) + '" alt="" class="pin-thumb">';
        }).join("") + "</div>";
      }
      m.bindPopup(html);
      m.bindTooltip(esc(p.head_name || p.household_id));
      m.addTo(group);
    });
    // Zoom no closer than 12 so the province outline stays in sight without tiles.
    var all = L.featureGroup(group.getLayers().concat(points.getLayers()));
    if (all.getLayers().length) { map.fitBounds(all.getBounds().pad(0.2), { maxZoom: 14 }); }
    el.setAttribute("data-ready", "1");
  }

  document.addEventListener("DOMContentLoaded", function () {
    var pin = document.getElementById("pin-map");
    if (pin) { pinPage(pin); }
    var area = document.getElementById("area-map");
    if (area) { areaPage(area); }
  });
})();
