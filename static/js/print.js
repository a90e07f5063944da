// Print buttons: shown only when JavaScript can print; a page marked data-autoprint prints at once
// (the quick check's "Print this"). Without JavaScript the browser's own print still works.
(function () {
  "use strict";
  document.querySelectorAll("[data-print]").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () { window.print(); });
  });
  if (document.body.hasAttribute("data-autoprint")) {
    window.addEventListener("load", function () { window.print(); });
  }
})();
