// Embargo labels (portal/_embargo.html): the time left until the lift, updated each minute, in
// the page's language (the phrases come translated in the label's data attributes). Loaded as
// a file: the Content-Security-Policy forbids inline scripts. Without it the lift time stays.
(function () {
  "use strict";

  var MINUTE = 60000;

  function fill(phrase, parts) {
    return phrase.replace(/\{(\w+)\}/g, function (whole, name) { return parts[name]; });
  }

  // Minutes round up, so the label reads "0" only when the embargo has lifted.
  function timeLeft(label, now) {
    var time = label.querySelector("time[datetime]");
    var left = Math.ceil((Date.parse(time.getAttribute("datetime")) - now) / MINUTE);
    if (left <= 0) { return label.getAttribute("data-lifted"); }
    var days = Math.floor(left / 1440);
    var hours = Math.floor((left % 1440) / 60);
    var minutes = left % 60;
    var parts = { days: String(days), hours: String(hours), minutes: (minutes < 10 ? "0" : "") + minutes };
    if (days > 0) { return fill(label.getAttribute("data-left-days"), parts); }
    if (hours > 0) { return fill(label.getAttribute("data-left-hours"), parts); }
    parts.minutes = String(minutes);
    return fill(label.getAttribute("data-left-minutes"), parts);
  }

  function update() {
    var now = Date.now();
    document.querySelectorAll("[data-embargo]").forEach(function (label) {
      var countdown = label.querySelector("[data-embargo-countdown]");
      countdown.textContent = timeLeft(label, now);
      countdown.hidden = false;
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    if (!document.querySelector("[data-embargo]")) { return; }
    update();
    // Lifts fall on whole minutes: tick on the clock's minute, then every minute.
    setTimeout(function () { update(); setInterval(update, MINUTE); }, MINUTE - (Date.now() % MINUTE));
  });
})();
