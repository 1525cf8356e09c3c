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
})();
