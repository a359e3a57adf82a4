// The public asking pages (no inline scripts: the Content-Security-Policy forbids them).
// - "Dùng vị trí hiện tại": the browser's geolocation fills the latitude and longitude fields
//   (six decimals); nothing is loaded from elsewhere, there is no map.
// - "Sao chép": copies a tracking code or a link.
// Without scripts the page works the same: the numbers can be typed, the code read out.
(function () {
  "use strict";

  function locate(button) {
    var form = button.form || document;
    var latitude = form.querySelector("[name=latitude]");
    var longitude = form.querySelector("[name=longitude]");
    var status = document.getElementById(button.getAttribute("aria-controls") || "");
    function say(text) { if (status) { status.textContent = text; } }
    if (!navigator.geolocation || !latitude || !longitude) { say(button.dataset.unsupported); return; }
    button.disabled = true;
    say(button.dataset.working);
    navigator.geolocation.getCurrentPosition(function (position) {
      latitude.value = position.coords.latitude.toFixed(6);
      longitude.value = position.coords.longitude.toFixed(6);
      button.disabled = false;
      say(button.dataset.done);
    }, function () {
      button.disabled = false;
      say(button.dataset.failed);
    }, { enableHighAccuracy: true, timeout: 15000, maximumAge: 60000 });
  }

  function copy(button) {
    var source = document.getElementById(button.dataset.copy);
    if (!source || !navigator.clipboard) { return; }
    var text = source.value !== undefined && source.tagName === "INPUT" ? source.value : source.textContent;
    navigator.clipboard.writeText(text.trim()).then(function () {
      button.textContent = button.dataset.copied;
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("[data-locate]").forEach(function (button) {
      button.hidden = false;
      button.addEventListener("click", function () { locate(button); });
    });
    document.querySelectorAll("[data-copy]").forEach(function (button) {
      if (!navigator.clipboard) { return; }
      button.hidden = false;
      button.addEventListener("click", function () { copy(button); });
    });
  });
})();
