// Behaviour that pages would otherwise write inline. The Content-Security-Policy allows
// scripts and styles from this site's files only (no inline script, handler or style
// attribute), so pages carry data attributes and this file acts on them:
//   data-confirm="question"  on a form: ask before sending it
//   data-autosubmit          on a select: send its form when it changes
//   data-width="42"          a bar's width in percent (0-100)
//   data-colour="#c00"       a legend swatch's colour
(function () {
  "use strict";
  function apply(root) {
    root.querySelectorAll("[data-width]").forEach(function (el) {
      var w = parseFloat(el.getAttribute("data-width"));
      if (!isNaN(w)) { el.style.width = Math.max(0, Math.min(100, w)) + "%"; }
    });
    root.querySelectorAll("[data-colour]").forEach(function (el) {
      el.style.backgroundColor = el.getAttribute("data-colour");
    });
  }
  document.addEventListener("submit", function (e) {
    var question = e.target.getAttribute && e.target.getAttribute("data-confirm");
    if (question && !window.confirm(question)) { e.preventDefault(); e.stopImmediatePropagation(); }
  }, true);
  document.addEventListener("change", function (e) {
    var el = e.target;
    if (el.hasAttribute && el.hasAttribute("data-autosubmit") && el.form) { el.form.submit(); }
  });
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", function () { apply(document); });
  } else {
    apply(document);
  }
  document.addEventListener("htmx:afterSwap", function (e) { apply(e.target); });
})();
