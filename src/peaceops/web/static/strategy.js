// Strategy map: pointing at (or focusing) an objective dims what does not serve it.
(function () {
  "use strict";
  var map = document.getElementById("strategy-map");
  if (!map) { return; }
  var items = map.querySelectorAll("[data-objective]");
  function show(id) {
    items.forEach(function (el) {
      var ids = (el.getAttribute("data-objective") || "").split(" ");
      var on = !id || ids.indexOf(id) >= 0;
      el.setAttribute("opacity", on ? "1" : "0.15");
    });
  }
  map.querySelectorAll(".node.objective, .assumption").forEach(function (el) {
    var id = el.getAttribute("data-objective");
    el.setAttribute("tabindex", "0");
    el.addEventListener("mouseenter", function () { show(id); });
    el.addEventListener("focus", function () { show(id); });
    el.addEventListener("mouseleave", function () { show(null); });
    el.addEventListener("blur", function () { show(null); });
  });
})();
