// Expert replies: "Balas" on a reply moves the reply form under it, and a
// sent form cannot be sent twice by a double click. Without JavaScript the
// links open the form on its own page, so everything still works.
(function () {
  "use strict";
  var form = document.querySelector(".js-reply-form");
  if (!form) {
    return;
  }
  var home = form.parentNode;
  var parentInput = form.querySelector("input[name='parent']");
  var label = form.querySelector(".js-reply-to-label");
  var textarea = form.querySelector("textarea");

  document.addEventListener("click", function (event) {
    var link = event.target.closest(".js-reply-to");
    if (!link || !parentInput || !home.closest("#tulis-balasan")) {
      return;
    }
    event.preventDefault();
    var article = link.closest("article");
    parentInput.value = link.getAttribute("data-parent");
    if (label) {
      label.textContent = link.getAttribute("data-label");
      label.hidden = false;
    }
    article.appendChild(form);
    textarea.focus();
  });

  form.addEventListener("submit", function () {
    var button = form.querySelector("button[type='submit']");
    window.setTimeout(function () { button.disabled = true; }, 0);
  });
})();
