// After the yellow card's thank-you, start over by itself: the same reset as "Done".
(function () {
  "use strict";
  var form = document.querySelector("[data-kiosk-return-after]");
  if (!form) { return; }
  var seconds = parseInt(form.dataset.kioskReturnAfter, 10) || 20;
  window.setTimeout(function () { form.submit(); }, seconds * 1000);
})();
