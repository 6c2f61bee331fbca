// peaceops dashboard: small progressive enhancements; every page works without this file.
(function () {
  "use strict";
  // Filters: changing a select applies the filter at once (the Apply button stays for keyboards).
  document.querySelectorAll("form.filters select").forEach(function (el) {
    el.addEventListener("change", function () { el.form.requestSubmit ? el.form.requestSubmit() : el.form.submit(); });
  });
  // Forms with errors: move focus to the first invalid field so screen readers announce it.
  var bad = document.querySelector("form.entry [aria-invalid='true']");
  if (bad) { bad.focus(); }
  // Keep the submit button from being pressed twice on slow connections.
  document.querySelectorAll("form.entry").forEach(function (form) {
    form.addEventListener("submit", function () {
      var b = form.querySelector("button[type='submit']");
      if (b) { setTimeout(function () { b.disabled = true; }, 0); }
    });
  });
})();
