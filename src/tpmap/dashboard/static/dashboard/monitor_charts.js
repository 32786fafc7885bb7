/* The monitoring dashboard's charts and area map, drawn with the vendored ECharts on a
   canvas from the page's JSON (json_script "monitor-charts"): no inline script or style,
   tooltips drawn on the canvas too, so the Content-Security-Policy holds. */
(function () {
  "use strict";
  var GREEN = "#2e7d32", ORANGE = "#ef6c00", BLUE = "#1565c0", GREY = "#9e9e9e";
  var STATUS_COLORS = ["#c62828", "#f9a825", "#2e7d32"];
  // Coverage from red (none visited) to green (all visited).
  var COVERAGE = ["#d73027", "#fc8d59", "#fee08b", "#d9ef8b", "#91cf60", "#1a9850"];

  function base(extra) {
    var opt = {
      animation: false,
      textStyle: { fontFamily: "Sarabun, sans-serif" },
      tooltip: { trigger: "axis", renderMode: "richText", confine: true },
      grid: { left: 8, right: 12, top: 36, bottom: 8, containLabel: true },
      legend: { top: 0, type: "scroll" }
    };
    Object.keys(extra).forEach(function (k) { opt[k] = extra[k]; });
    return opt;
  }

  function lines(d, keys, names, colors) {
    return base({
      xAxis: { type: "category", data: d.months.labels, boundaryGap: true, axisLabel: { hideOverlap: true } },
      yAxis: { type: "value", minInterval: 1 },
      series: keys.map(function (k, i) {
        return { type: "line", name: names[i], data: d.months[k], color: colors[i], symbolSize: 6 };
      })
    });
  }

  // One bar per name (the first at the top), each labelled with its count; ``grid``: the
  // chart's own margins (else the others').
  function countBars(c, name, color, grid) {
    var opt = {
      legend: { show: false },
      xAxis: { type: "value", minInterval: 1 },
      yAxis: { type: "category", data: c.names, inverse: true },
      series: [{ type: "bar", name: name, data: c.counts, color: color, label: { show: true, position: "right" } }]
    };
    if (grid) opt.grid = grid;
    return base(opt);
  }

  var builders = {
    months: function (d) {
      var t = d.text;
      return lines(d, ["visited", "with_problem", "with_activity"], [t.visited, t.with_problem, t.with_activity], [BLUE, ORANGE, GREEN]);
    },
    cumulative: function (d) {
      var t = d.text;
      return lines(d, ["visited_total", "with_problem_total", "with_activity_total"],
        [t.visited + " (" + t.cumulative + ")", t.with_problem + " (" + t.cumulative + ")", t.with_activity + " (" + t.cumulative + ")"],
        [BLUE, ORANGE, GREEN]);
    },
    problems: function (d) {
      var p = d.problems;
      return base({
        xAxis: { type: "value", minInterval: 1 },
        yAxis: { type: "category", data: p.dimensions, inverse: true },
        tooltip: { trigger: "axis", axisPointer: { type: "shadow" }, renderMode: "richText", confine: true },
        series: p.statuses.map(function (s, i) {
          return { type: "bar", stack: "status", name: s, data: p.series[i], color: STATUS_COLORS[i % STATUS_COLORS.length] };
        })
      });
    },
    agencies: function (d) {
      return countBars(d.agencies, d.text.activities, GREEN, { left: 8, right: 24, top: 8, bottom: 8, containLabel: true });
    },
    stages: function (d) {
      return countBars(d.stages, d.text.households, BLUE);
    },
    star: function (d) {
      var s = d.star;
      return base({
        legend: { show: false },
        tooltip: { trigger: "item", renderMode: "richText", confine: true },
        radar: {
          indicator: s.dimensions.map(function (n) { return { name: n, max: 100, min: 0 }; }),
          radius: "45%", center: ["50%", "55%"],
          // Every Thai dimension name starts with "ด้าน" (aspect, \u0e14\u0e49\u0e32\u0e19): left out so the longest fits at 360 px.
          axisName: { color: "#333", fontSize: 11, formatter: function (n) { return String(n).replace(/^\u0e14\u0e49\u0e32\u0e19/, ""); } }
        },
        series: [{ type: "radar", name: d.text.star, data: [{ value: s.values, name: d.text.star }], color: BLUE, areaStyle: { opacity: 0.25 } }]
      });
    }
  };

  function coverageMap(el, d, geo) {
    var m = d.map;
    var visual = {
      min: 0, max: 100, calculable: false, orient: "horizontal", left: "center", bottom: 0,
      inRange: { color: COVERAGE }, text: ["100%", "0%"], itemHeight: 120
    };
    function tip(p) {
      var a = p.data && p.data.area;
      if (!a) { return p.name || ""; }
      return a.name + "\n" + d.text.visited + " " + a.visited + " / " + a.target + " " + d.text.households +
        (a.coverage === null ? "" : " (" + a.coverage + "%)");
    }
    var opt;
    if (m.kind === "provinces") {
      echarts.registerMap("tpmap-provinces", geo);
      opt = {
        animation: false,
        tooltip: { trigger: "item", renderMode: "richText", confine: true, formatter: tip },
        visualMap: visual,
        series: [{
          type: "map", map: "tpmap-provinces", nameProperty: "code", roam: true,
          itemStyle: { areaColor: "#eceff1", borderColor: "#555", borderWidth: 0.5 },
          emphasis: { label: { show: false } },
          data: m.areas.map(function (a) { return { name: a.code, value: a.coverage === null ? NaN : a.coverage, area: a }; })
        }]
      };
    } else {
      var outline = { type: "FeatureCollection", features: geo.features.filter(function (f) { return f.properties.code === m.province; }) };
      echarts.registerMap("tpmap-province-" + m.province, outline);
      var maxTarget = Math.max.apply(null, m.areas.map(function (a) { return a.target || 0; }).concat([1]));
      opt = {
        animation: false,
        tooltip: { trigger: "item", renderMode: "richText", confine: true, formatter: tip },
        visualMap: visual,
        geo: { map: "tpmap-province-" + m.province, roam: true, silent: true,
               itemStyle: { areaColor: "#eceff1", borderColor: "#555" } },
        series: [{
          type: "scatter", coordinateSystem: "geo",
          symbolSize: function (v) { return 8 + 22 * Math.sqrt((v[3] || 0) / maxTarget); },
          itemStyle: { borderColor: "#333", borderWidth: 0.5 },
          data: m.areas.filter(function (a) { return a.lat !== undefined; }).map(function (a) {
            return { name: a.name, value: [a.lon, a.lat, a.coverage === null ? NaN : a.coverage, a.target], area: a };
          })
        }]
      };
      opt.visualMap.dimension = 2;
    }
    var chart = echarts.init(el, null, { renderer: "canvas" });
    chart.setOption(opt);
    chart.on("click", function (p) {
      var a = p.data && p.data.area;
      if (a && a.url) { window.location.href = a.url; }
    });
    return chart;
  }

  function init() {
    var src = document.getElementById("monitor-charts");
    if (!src || !window.echarts) { return; }
    var d = JSON.parse(src.textContent);
    var charts = [];
    var pending = 0;
    function done() {
      if (pending === 0) {
        var box = document.getElementById("charts");
        if (box) { box.setAttribute("data-ready", "1"); }
      }
    }
    document.querySelectorAll("[data-chart]").forEach(function (el) {
      var name = el.getAttribute("data-chart");
      if (name === "map") {
        pending += 1;
        fetch(d.map.geo_url, { credentials: "same-origin" }).then(function (r) { return r.json(); })
          .then(function (geo) { charts.push(coverageMap(el, d, geo)); })
          .catch(function () { el.textContent = d.text.no_data; })
          .then(function () { pending -= 1; done(); });
        return;
      }
      var build = builders[name];
      if (!build) { return; }
      var chart = echarts.init(el, null, { renderer: "canvas" });
      chart.setOption(build(d));
      charts.push(chart);
    });
    window.addEventListener("resize", function () { charts.forEach(function (c) { c.resize(); }); });
    done();
  }

  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", init); } else { init(); }
})();
