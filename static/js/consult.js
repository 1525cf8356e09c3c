// Konsultasi: disable the send button once a form is submitted (the server
// stores one message per form anyway, through a hidden token), and move focus
// to the list of problems when a form comes back with errors.
document.querySelectorAll("[data-submit-once]").forEach(function (button) {
  button.form.addEventListener("submit", function () {
    window.setTimeout(function () { button.disabled = true; }, 0);
  });
});
var formErrors = document.getElementById("form-errors");
if (formErrors) { formErrors.focus(); }
