// A button carrying data-print prints the page (the CSP allows no inline handler).
(function () {
  "use strict";
  document.addEventListener("click", function (e) {
    var el = e.target && e.target.closest && e.target.closest("[data-print]");
    if (el) { e.preventDefault(); window.print(); }
  });
})();
