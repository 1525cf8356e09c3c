// The "Rekap masukan pakar" page: a print button where JavaScript runs.
(function () {
  "use strict";
  var button = document.querySelector(".js-print");
  if (button) {
    button.hidden = false;
    button.addEventListener("click", function () { window.print(); });
  }
})();
