// Sign-up and Akun Saya: show agency and position only for government accounts.
// Without JavaScript both fields simply stay visible.
(function () {
  "use strict";
  var form = document.querySelector("[data-agency-form]");
  if (!form) {
    return;
  }
  var box = form.querySelector(".signup-agency");
  function update() {
    var chosen = form.querySelector("input[name=account_type]:checked");
    box.hidden = !chosen || chosen.value !== "pemerintah";
  }
  form.addEventListener("change", update);
  update();
})();
