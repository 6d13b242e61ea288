(function () {
  "use strict";
  // A citation is a link to its evidence block, so the page works with scripts off (:target opens it).
  // With scripts on, a click or tap pins the block open without jumping; hover and focus peek at it.
  var cites = document.querySelectorAll("a.cite[aria-controls]");
  function pop(link) { return document.getElementById(link.getAttribute("aria-controls")); }
  function sync(link) {
    var p = pop(link);
    link.setAttribute("aria-expanded", p && (p.classList.contains("open") || p.classList.contains("peek")) ? "true" : "false");
  }
  function peek(link, on) {
    var p = pop(link);
    if (p) { p.classList.toggle("peek", on); sync(link); }
  }
  Array.prototype.forEach.call(cites, function (link) {
    link.addEventListener("click", function (event) {
      event.preventDefault();
      var p = pop(link);
      if (!p) { return; }
      p.classList.toggle("open", !p.classList.contains("open"));
      p.classList.remove("peek");
      sync(link);
    });
    link.addEventListener("mouseenter", function () { peek(link, true); });
    link.addEventListener("mouseleave", function () { peek(link, false); });
    link.addEventListener("focus", function () { peek(link, true); });
    link.addEventListener("blur", function () { peek(link, false); });
  });
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") { return; }
    Array.prototype.forEach.call(cites, function (link) {
      var p = pop(link);
      if (p) { p.classList.remove("open", "peek"); sync(link); }
    });
  });
  // Opened from a link such as report.html#ev-2-A4: mark that citation expanded as well.
  if (location.hash) {
    Array.prototype.forEach.call(cites, function (link) {
      if ("#" + link.getAttribute("aria-controls") === location.hash) {
        var p = pop(link);
        if (p) { p.classList.add("open"); sync(link); }
      }
    });
  }
})();
