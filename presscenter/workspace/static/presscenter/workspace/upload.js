// Attachment upload with a progress bar. Without JavaScript the form posts normally.
(function () {
  "use strict";

  function upload(form) {
    var progress = form.querySelector("[data-upload-progress]");
    var status = form.querySelector("[data-upload-status]");
    var button = form.querySelector("button[type=submit]");
    var request = new XMLHttpRequest();
    request.open("POST", form.action);
    request.setRequestHeader("X-Requested-With", "XMLHttpRequest");
    request.upload.onprogress = function (event) {
      if (event.lengthComputable) {
        progress.value = Math.round((event.loaded / event.total) * 100);
      }
    };
    request.onload = function () {
      var answer = null;
      try { answer = JSON.parse(request.responseText); } catch (ignored) { answer = null; }
      if (answer && answer.ok) {
        window.location.reload();
        return;
      }
      progress.hidden = true;
      button.disabled = false;
      status.textContent = (answer && answer.error) || form.dataset.errorText;
    };
    request.onerror = function () {
      progress.hidden = true;
      button.disabled = false;
      status.textContent = form.dataset.errorText;
    };
    progress.value = 0;
    progress.hidden = false;
    button.disabled = true;
    status.textContent = "";
    request.send(new FormData(form));
  }

  document.querySelectorAll("form[data-upload]").forEach(function (form) {
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      upload(form);
    });
  });
})();
