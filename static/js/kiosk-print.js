// "Print this form" on the kiosk: load the PDF into a hidden frame and open the browser's
// print dialog for it, so the visitor never leaves the kiosk page. Without JavaScript the
// link simply opens the PDF. The link goes through a counting redirect (one count per print).
(function () {
  "use strict";
  var status = document.querySelector("[data-kiosk-print-status]");

  function printFrame(url) {
    var old = document.getElementById("kiosk-print-frame");
    if (old) { old.remove(); }
    var frame = document.createElement("iframe");
    frame.id = "kiosk-print-frame";
    frame.className = "kiosk-print-frame";
    frame.title = "PDF";
    frame.setAttribute("aria-hidden", "true");
    frame.tabIndex = -1;
    frame.addEventListener("load", function () {
      try {
        frame.contentWindow.focus();
        frame.contentWindow.print();
      } catch (error) {
        // The browser cannot print from the frame: show the PDF itself instead.
        window.location.href = frame.src;
      }
    });
    frame.src = url;
    document.body.appendChild(frame);
  }

  document.querySelectorAll("a[data-kiosk-print]").forEach(function (link) {
    link.addEventListener("click", function (event) {
      event.preventDefault();
      if (status) { status.hidden = false; }
      printFrame(link.href);
    });
  });
})();
