// Kiosk idle reset: after a quiet period a warning asks "Are you still there?"; without an
// answer the page POSTs kiosk:reset so the next visitor sees nothing of the previous one.
(function () {
  "use strict";
  var body = document.body;
  var idleSeconds = parseInt(body.dataset.idleSeconds, 10) || 120;
  var warningSeconds = parseInt(body.dataset.warningSeconds, 10) || 30;
  var dialog = document.getElementById("kiosk-idle-dialog");
  var resetForm = document.getElementById("kiosk-reset-form");
  var continueButton = document.getElementById("kiosk-idle-continue");
  var warnTimer = null;
  var resetTimer = null;

  function schedule() {
    window.clearTimeout(warnTimer);
    window.clearTimeout(resetTimer);
    warnTimer = window.setTimeout(showWarning, Math.max(idleSeconds - warningSeconds, 1) * 1000);
  }

  function showWarning() {
    if (dialog && typeof dialog.showModal === "function" && !dialog.open) {
      dialog.showModal();
    }
    resetTimer = window.setTimeout(function () { resetForm.submit(); }, warningSeconds * 1000);
  }

  function activity() {
    if (dialog && dialog.open) { return; }
    schedule();
  }

  if (dialog) {
    // Escape cancels a modal dialog; treat it like "Yes, continue" instead of resetting anyway.
    dialog.addEventListener("cancel", function () {
      window.clearTimeout(resetTimer);
      schedule();
    });
  }
  if (continueButton) {
    continueButton.addEventListener("click", function () {
      dialog.close();
      schedule();
    });
  }
  ["pointerdown", "keydown", "touchstart", "wheel"].forEach(function (name) {
    document.addEventListener(name, activity, { passive: true });
  });
  // After printing (a form, a list, a check) the person walks away with the paper: start over.
  window.addEventListener("afterprint", function () { resetForm.submit(); });
  try { window.sessionStorage.clear(); window.localStorage.clear(); } catch (e) { /* storage may be disabled */ }
  schedule();
})();
