// Staff idle log-out (infopoint/staff_session.py): the server ends a session after a quiet
// period; this script warns shortly before and offers "Stay logged in" (WCAG 2.2.1). Before
// warning it asks the server, so activity in another tab is taken into account. When the
// time is up it opens the page again, which leads to the log-in page with the reason.
(function () {
  "use strict";
  // The dialog carries the timing, so that staff pages and the Django admin include it alike.
  var dialog = document.getElementById("session-dialog");
  var form = document.getElementById("session-extend-form");
  if (!dialog || !form) { return; }
  var statusUrl = dialog.dataset.sessionUrl;
  var remaining = parseInt(dialog.dataset.sessionRemaining, 10);
  var warningSeconds = parseInt(dialog.dataset.sessionWarning, 10) || 120;
  var timer = null;
  if (!statusUrl || isNaN(remaining)) { return; }

  function schedule(seconds) {
    window.clearTimeout(timer);
    timer = window.setTimeout(check, Math.max(seconds - warningSeconds, 0) * 1000);
  }

  function expire() {
    window.clearTimeout(timer);
    window.location.assign(window.location.href);
  }

  function answer(response) {
    // An ended session answers with a redirect to the log-in page, which is not followed here.
    if (response.type === "opaqueredirect" || !response.ok) { throw new Error("session ended"); }
    return response.json();
  }

  function ask(options) {
    options.credentials = "same-origin";
    options.redirect = "manual";
    options.headers = { "Accept": "application/json" };
    return window.fetch(statusUrl, options).then(answer);
  }

  function check() {
    ask({ method: "GET" }).then(function (data) {
      if (data.remaining_seconds <= 0) { expire(); return; }
      if (data.remaining_seconds > warningSeconds + 5) {
        // Someone worked in another tab meanwhile.
        if (dialog.open) { dialog.close(); }
        schedule(data.remaining_seconds);
        return;
      }
      if (!dialog.open && typeof dialog.showModal === "function") { dialog.showModal(); }
      window.clearTimeout(timer);
      timer = window.setTimeout(check, (data.remaining_seconds + 1) * 1000);
    }).catch(expire);
  }

  function stay() {
    ask({ method: "POST", body: new FormData(form) }).then(function (data) {
      if (dialog.open) { dialog.close(); }
      if (data.remaining_seconds <= 0) { expire(); return; }
      schedule(data.remaining_seconds);
    }).catch(expire);
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    stay();
  });
  // Escape closes the dialog: whoever pressed it is there, so treat it like "Stay logged in".
  dialog.addEventListener("cancel", function (event) {
    event.preventDefault();
    stay();
  });
  // Parts of a page loaded by htmx tell how long the session has left (polling does not extend it).
  document.body.addEventListener("htmx:afterRequest", function (event) {
    var xhr = event.detail && event.detail.xhr;
    var header = xhr && xhr.getResponseHeader("Infopoint-Session-Remaining");
    if (header !== null && header !== undefined && header !== "" && !dialog.open) {
      schedule(parseInt(header, 10));
    }
  });
  schedule(remaining);
})();
