// Behaviour that pages would otherwise write inline. The Content-Security-Policy allows
// scripts and styles from this site's files only (no inline script, handler or style
// attribute), so pages carry data attributes and this file acts on them:
//   data-confirm="question"  on a form: ask before sending it
//   data-autosubmit          on a select: send its form when it changes
//   data-width="42"          a bar's width in percent (0-100)
//   data-colour="#c00"       a legend swatch's colour
//   data-scroll-on-swap      on an htmx target: bring it into view once new content lands
//                            (the search's results after a search, a sort or a page)
//   data-print               on a button: print the page (the print stylesheet shapes it)
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
  document.addEventListener("htmx:afterSwap", function (e) {
    apply(e.target);
    var target = e.detail && e.detail.target;
    if (target && target.hasAttribute && target.hasAttribute("data-scroll-on-swap")) {
      target.scrollIntoView({ block: "start" });
    }
  });
  // A printed page shows every folded section (the BMN categories) open.
  window.addEventListener("beforeprint", function () {
    document.querySelectorAll("details:not([open])").forEach(function (d) {
      d.setAttribute("open", ""); d.setAttribute("data-print-opened", "");
    });
  });
  window.addEventListener("afterprint", function () {
    document.querySelectorAll("details[data-print-opened]").forEach(function (d) {
      d.removeAttribute("open"); d.removeAttribute("data-print-opened");
    });
  });
  document.addEventListener("click", function (e) {
    var el = e.target && e.target.closest ? e.target.closest("[data-print]") : null;
    if (el) { e.preventDefault(); window.print(); }
  });
})();
