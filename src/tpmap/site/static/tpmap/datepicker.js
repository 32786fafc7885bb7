/* The Thai date picker of every date field (tpmap.site.forms.DateInput): the field shows
   and takes day/month/year in the Buddhist era (20/11/2569); the calendar button beside it
   opens a month in Thai with พ.ศ. years, 44 px days, and writes the chosen day back in
   the same form. Typing still works without this script. No inline style (CSP). */
(function () {
  "use strict";
  var MONTHS = ["มกราคม", "กุมภาพันธ์", "มีนาคม", "เมษายน", "พฤษภาคม", "มิถุนายน",
    "กรกฎาคม", "สิงหาคม", "กันยายน", "ตุลาคม", "พฤศจิกายน", "ธันวาคม"];
  var DAYS = ["อา", "จ", "อ", "พ", "พฤ", "ศ", "ส"];
  var BE = 543;

  function pad(n) { return (n < 10 ? "0" : "") + n; }
  function format(d) { return pad(d.getDate()) + "/" + pad(d.getMonth() + 1) + "/" + (d.getFullYear() + BE); }
  function parse(text) {
    var m = /^\s*(\d{1,2})\s*\/\s*(\d{1,2})\s*\/\s*(\d{4})\s*$/.exec(text || "");
    if (!m) { return null; }
    var y = parseInt(m[3], 10) - BE, mo = parseInt(m[2], 10) - 1, d = parseInt(m[1], 10);
    var out = new Date(y, mo, d);
    return out.getFullYear() === y && out.getMonth() === mo && out.getDate() === d ? out : null;
  }
  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) { e.className = cls; }
    if (text != null) { e.textContent = text; }
    return e;
  }

  function open(input, button) {
    var old = document.querySelector(".picker");
    if (old) {
      var was = old.getAttribute("data-for");
      old.parentNode.removeChild(old);
      if (was === input.id) { button.setAttribute("aria-expanded", "false"); return; }
    }
    var today = new Date();
    var chosen = parse(input.value);
    var shown = chosen || today;
    var month = new Date(shown.getFullYear(), shown.getMonth(), 1);
    var panel = el("div", "picker");
    panel.setAttribute("data-for", input.id);
    panel.setAttribute("role", "dialog");
    panel.setAttribute("aria-label", button.getAttribute("aria-label") || "");
    button.setAttribute("aria-expanded", "true");

    function draw() {
      panel.textContent = "";
      var head = el("div", "picker-head");
      var prev = el("button", "picker-nav", "‹");
      prev.type = "button"; prev.setAttribute("aria-label", "เดือนก่อนหน้า");
      var next = el("button", "picker-nav", "›");
      next.type = "button"; next.setAttribute("aria-label", "เดือนถัดไป");
      var title = el("span", "picker-title", MONTHS[month.getMonth()] + " " + (month.getFullYear() + BE));
      prev.addEventListener("click", function () { month = new Date(month.getFullYear(), month.getMonth() - 1, 1); draw(); });
      next.addEventListener("click", function () { month = new Date(month.getFullYear(), month.getMonth() + 1, 1); draw(); });
      head.appendChild(prev); head.appendChild(title); head.appendChild(next);
      panel.appendChild(head);
      var grid = el("div", "picker-grid");
      DAYS.forEach(function (d) { grid.appendChild(el("span", "picker-dow", d)); });
      for (var i = 0; i < month.getDay(); i++) { grid.appendChild(el("span", "picker-blank")); }
      var last = new Date(month.getFullYear(), month.getMonth() + 1, 0).getDate();
      for (var day = 1; day <= last; day++) {
        var d = new Date(month.getFullYear(), month.getMonth(), day);
        var b = el("button", "picker-day", String(day));
        b.type = "button";
        b.setAttribute("data-date", format(d));
        b.setAttribute("aria-label", day + " " + MONTHS[d.getMonth()] + " " + (d.getFullYear() + BE));
        if (chosen && d.getTime() === chosen.getTime()) { b.className += " on"; b.setAttribute("aria-pressed", "true"); }
        if (d.toDateString() === today.toDateString()) { b.className += " today"; }
        b.addEventListener("click", function (e) {
          input.value = e.currentTarget.getAttribute("data-date");
          input.dispatchEvent(new Event("change", { bubbles: true }));
          panel.parentNode.removeChild(panel);
          button.setAttribute("aria-expanded", "false");
          input.focus();
        });
        grid.appendChild(b);
      }
      panel.appendChild(grid);
      var foot = el("div", "picker-foot");
      var now = el("button", "btn secondary", "วันนี้");
      now.type = "button";
      now.addEventListener("click", function () { chosen = today; month = new Date(today.getFullYear(), today.getMonth(), 1); input.value = format(today); draw(); });
      var close = el("button", "btn secondary", "ปิด");
      close.type = "button";
      close.addEventListener("click", function () { panel.parentNode.removeChild(panel); button.setAttribute("aria-expanded", "false"); });
      foot.appendChild(now); foot.appendChild(close);
      panel.appendChild(foot);
    }
    draw();
    input.parentNode.parentNode.insertBefore(panel, input.parentNode.nextSibling);
  }

  function init(root) {
    root.querySelectorAll("input[data-thai-date]").forEach(function (input) {
      var button = document.querySelector('[data-picker-for="' + input.id + '"]');
      if (!button || button.getAttribute("data-ready")) { return; }
      button.hidden = false;
      button.setAttribute("data-ready", "1");
      button.setAttribute("aria-expanded", "false");
      button.addEventListener("click", function () { open(input, button); });
    });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", function () { init(document); });
  } else { init(document); }
})();
