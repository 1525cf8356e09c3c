// Mobile menu and submenu toggles; the menu works without JavaScript too.
(function () {
  "use strict";
  document.documentElement.classList.add("js");
  function toggle(button) {
    var open = button.getAttribute("aria-expanded") === "true";
    button.setAttribute("aria-expanded", String(!open));
  }
  document.addEventListener("click", function (event) {
    var button = event.target.closest(".nav-toggle, .submenu-toggle");
    if (button) {
      toggle(button);
    }
  });
  // On a wide screen the library filters have room to stay open.
  if (window.matchMedia && window.matchMedia("(min-width: 60rem)").matches) {
    document.querySelectorAll("details.filters-panel").forEach(function (panel) {
      panel.open = true;
    });
  }
  // Escape closes an open submenu, then the phone menu, and returns focus to
  // the button that opened it.
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") {
      return;
    }
    var open =
      document.querySelector('.submenu-toggle[aria-expanded="true"]') ||
      document.querySelector('.nav-toggle[aria-expanded="true"]');
    if (open) {
      open.setAttribute("aria-expanded", "false");
      open.focus();
    }
  });
})();
