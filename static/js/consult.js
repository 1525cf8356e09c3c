// Konsultasi: disable the send button once a form is submitted. The server
// stores one message per form anyway (a hidden token); this spares a second wait.
document.querySelectorAll("[data-submit-once]").forEach(function (button) {
  button.form.addEventListener("submit", function () {
    window.setTimeout(function () { button.disabled = true; }, 0);
  });
});
