/* The door's check-in page: reads QR codes with the phone's camera (BarcodeDetector where the
   browser has it, else the vendored jsQR) or from the typed code, and sends every read through a
   queue kept in localStorage. A read gets its own id (scan_id) and the time it was made, so it can
   be sent again after a lost connection and the server records it once. Nothing inline: the page's
   texts come from data attributes (translated by the template). */
(function () {
  "use strict";

  var root = document.getElementById("door");
  if (!root) { return; }

  var data = root.dataset;
  var maxBatch = parseInt(data.maxBatch, 10) || 50;
  var csrf = root.querySelector("input[name=csrfmiddlewaretoken]").value;
  var resultBox = root.querySelector("[data-result]");
  var resultMessage = root.querySelector("[data-result-message]");
  var resultHolder = root.querySelector("[data-result-holder]");
  var pendingBox = root.querySelector("[data-pending]");
  var pendingCount = root.querySelector("[data-pending-count]");
  var history = root.querySelector("[data-history]");
  var sending = false;
  var latest = null;  // the scan_id of the newest read: its answer is the one on the screen
  var lastText = "";
  var lastTextAt = 0;

  function newScanId() {
    if (window.crypto && typeof window.crypto.randomUUID === "function") {
      return window.crypto.randomUUID();
    }
    var bytes = new Uint8Array(16);
    window.crypto.getRandomValues(bytes);
    return Array.prototype.map.call(bytes, function (b) { return ("0" + b.toString(16)).slice(-2); }).join("");
  }

  function loadQueue() {
    try {
      var stored = JSON.parse(window.localStorage.getItem(data.queueKey) || "[]");
      return Array.isArray(stored) ? stored : [];
    } catch (error) {
      return [];
    }
  }

  function saveQueue(queue) {
    window.localStorage.setItem(data.queueKey, JSON.stringify(queue));
    pendingCount.textContent = String(queue.length);
    pendingBox.hidden = queue.length === 0;
  }

  function show(kind, message, holder) {
    resultBox.className = "door-result door-result-" + kind;
    resultMessage.textContent = message;
    resultHolder.textContent = holder || "";
  }

  function remember(kind, message, holder) {
    var item = document.createElement("li");
    item.className = "door-history-" + kind;
    var time = new Date().toLocaleTimeString("vi-VN");
    item.textContent = time + " · " + message + (holder ? " · " + holder : "");
    history.insertBefore(item, history.firstChild);
    while (history.children.length > 10) { history.removeChild(history.lastChild); }
  }

  function holderOf(result) {
    return [result.holder_name, result.role, result.outlet_name].filter(Boolean).join(" · ");
  }

  function setCounts(counts) {
    if (!counts || typeof counts.admitted !== "number") { return; }
    root.querySelector("[data-count=admitted]").textContent = String(counts.admitted);
    root.querySelector("[data-count=expected]").textContent = String(counts.expected);
  }

  function showQueued() {
    show("queued", data.textQueued, "");
  }

  function answered(body, batch) {
    var done = {};
    var newest = latest;
    var inBatch = batch.some(function (scan) { return scan.scan_id === latest; });
    var queued = loadQueue().some(function (scan) { return scan.scan_id === latest; });
    if (!inBatch && !queued) {  // a backlog sent later, nothing newer waiting: show its last read
      var last = (body.results || []).concat(body.refused || []).pop();
      newest = last ? last.scan_id : null;
    }
    (body.results || []).forEach(function (result) {
      done[result.scan_id] = true;
      remember(result.result, result.message, holderOf(result));
      if (result.scan_id === newest) { show(result.result, result.message, holderOf(result)); }
    });
    (body.refused || []).forEach(function (refused) {
      done[refused.scan_id] = true;
      remember("not_valid", data.textRefused + ": " + refused.error, "");
      if (refused.scan_id === newest) { show("not_valid", data.textRefused, refused.error); }
    });
    setCounts(body);
    return done;
  }

  function flush() {
    var queue = loadQueue();
    if (sending || queue.length === 0) { return; }
    sending = true;
    var batch = queue.slice(0, maxBatch);
    fetch(data.scansUrl, {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", "Accept": "application/json", "X-CSRFToken": csrf },
      body: JSON.stringify({ scans: batch })
    }).then(function (response) {
      if (response.status === 403 || response.status === 401 || response.redirected) {
        show("queued", data.textSession, "");
        return null;
      }
      if (!response.ok) {
        // A malformed batch cannot get better by waiting: drop it, say so.
        saveQueue(loadQueue().filter(function (scan) {
          return !batch.some(function (sent) { return sent.scan_id === scan.scan_id; });
        }));
        show("not_valid", data.textRefused, "");
        return null;
      }
      return response.json();
    }).then(function (body) {
      sending = false;
      if (!body) { return; }
      var done = answered(body, batch);
      var left = loadQueue().filter(function (scan) { return !done[scan.scan_id]; });
      saveQueue(left);
      if (left.length) { flush(); }
    }).catch(function () {
      // No connection (or it dropped mid-way): everything stays queued for the next attempt.
      sending = false;
      showQueued();
    });
  }

  function submit(text) {
    text = (text || "").trim();
    if (!text) { return; }
    var now = Date.now();
    // The camera sees one code in many frames: while it stays in view (seen again within 3 s) it is
    // one read, so a guest holding the phone up does not turn "Mời vào" into "already used".
    if (text === lastText && now - lastTextAt < 3000) {
      lastTextAt = now;
      return;
    }
    lastText = text;
    lastTextAt = now;
    var scan = { scan_id: newScanId(), text: text, scanned_at: new Date(now).toISOString() };
    latest = scan.scan_id;
    var queue = loadQueue();
    queue.push(scan);
    saveQueue(queue);
    if (navigator.onLine === false) {
      showQueued();
      return;
    }
    show("sending", data.textSending, "");
    flush();
  }

  // Manual entry ----------------------------------------------------------------------------------
  var form = root.querySelector("[data-manual]");
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var input = form.querySelector("input[name=code]");
    lastText = "";  // typing the same code again is deliberate
    submit(input.value);
    input.value = "";
    input.focus();
  });

  // The camera --------------------------------------------------------------------------------------
  var video = root.querySelector("[data-video]");
  var canvas = root.querySelector("[data-canvas]");
  var note = root.querySelector("[data-camera-note]");
  var startButton = root.querySelector("[data-camera-start]");
  var stopButton = root.querySelector("[data-camera-stop]");
  var stream = null;
  var detector = null;
  var timer = null;

  function decodeWithJsQR() {
    var width = video.videoWidth;
    var height = video.videoHeight;
    if (!width || !height) { return Promise.resolve(null); }
    canvas.width = width;
    canvas.height = height;
    var context = canvas.getContext("2d", { willReadFrequently: true });
    context.drawImage(video, 0, 0, width, height);
    var image = context.getImageData(0, 0, width, height);
    var code = window.jsQR(image.data, width, height, { inversionAttempts: "dontInvert" });
    return Promise.resolve(code ? code.data : null);
  }

  function decodeWithDetector() {
    return detector.detect(video).then(function (codes) {
      return codes.length ? codes[0].rawValue : null;
    });
  }

  function tick() {
    if (!stream) { return; }
    var decode = detector ? decodeWithDetector : decodeWithJsQR;
    decode().then(function (text) {
      if (text) { submit(text); }
    }).catch(function () { return null; }).then(function () {
      if (stream) { timer = window.setTimeout(tick, 250); }
    });
  }

  function chooseDecoder() {
    if ("BarcodeDetector" in window) {
      return window.BarcodeDetector.getSupportedFormats().then(function (formats) {
        if (formats.indexOf("qr_code") !== -1) {
          detector = new window.BarcodeDetector({ formats: ["qr_code"] });
        }
      }).catch(function () { return null; });
    }
    return Promise.resolve();
  }

  function stopCamera() {
    if (timer) { window.clearTimeout(timer); }
    if (stream) { stream.getTracks().forEach(function (track) { track.stop(); }); }
    stream = null;
    video.hidden = true;
    stopButton.hidden = true;
    startButton.hidden = false;
  }

  startButton.addEventListener("click", function () {
    if (!navigator.mediaDevices || !navigator.mediaDevices.getUserMedia) {
      note.textContent = data.textNoCamera;
      return;
    }
    chooseDecoder().then(function () {
      if (!detector && typeof window.jsQR !== "function") {
        note.textContent = data.textNoDecoder;
        return null;
      }
      return navigator.mediaDevices.getUserMedia({ video: { facingMode: "environment" }, audio: false });
    }).then(function (media) {
      if (!media) { return; }
      stream = media;
      video.srcObject = media;
      video.hidden = false;
      startButton.hidden = true;
      stopButton.hidden = false;
      note.textContent = data.textCameraOn;
      return video.play().then(tick);
    }).catch(function () {
      stopCamera();
      note.textContent = data.textNoCamera;
    });
  });
  stopButton.addEventListener("click", stopCamera);

  // The connection and the live counts ------------------------------------------------------------
  window.addEventListener("online", flush);
  window.addEventListener("offline", function () {
    if (loadQueue().length) { showQueued(); }
  });
  window.setInterval(flush, 5000);
  window.setInterval(function () {
    if (navigator.onLine === false) { return; }
    fetch(data.countsUrl, { credentials: "same-origin", headers: { "Accept": "application/json" } })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(setCounts)
      .catch(function () { return null; });
  }, 10000);

  saveQueue(loadQueue());
  flush();
}());
