// Keeps each input's error state in step with its error slot after live recalculations:
// the server swaps the slots out of band; this marks the input invalid (or valid again)
// so screen readers announce the error with the field, not only in the slot.
(function () {
  "use strict";
  function sync() {
    document.querySelectorAll("#household-form .field-error").forEach(function (slot) {
      var name = slot.id.replace(/^err-/, "");
      var input = document.getElementById("f-" + name);
      if (!input) { return; }
      if (slot.hidden || !slot.textContent.trim()) {
        input.removeAttribute("aria-invalid");
      } else {
        input.setAttribute("aria-invalid", "true");
      }
    });
  }
  document.addEventListener("htmx:afterSettle", sync);
  document.addEventListener("htmx:oobAfterSwap", sync);
})();
