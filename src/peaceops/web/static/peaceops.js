// peaceops dashboard: small progressive enhancements; every page works without this file.
(function () {
  "use strict";
  // Forms with errors: move focus to the first invalid field so screen readers announce it.
  var bad = document.querySelector("form.entry [aria-invalid='true']");
  if (bad && bad.focus) { bad.focus(); }
  // Keep a submit button from being pressed twice on slow connections.
  document.querySelectorAll("form.entry").forEach(function (form) {
    form.addEventListener("submit", function () {
      var b = form.querySelector("button[type='submit']");
      if (b) { setTimeout(function () { b.disabled = true; }, 0); }
    });
  });
  // Charts: "Table of the figures" opens with the chart when it is printed.
  window.addEventListener("beforeprint", function () {
    document.querySelectorAll("figure.chart details").forEach(function (d) { d.open = true; });
  });
})();
