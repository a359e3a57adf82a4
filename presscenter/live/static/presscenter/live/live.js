/* Live notifications: one EventSource per tab, unread count kept in step across tabs.
 * Every tab hears new notifications on its own stream (the server puts the unread count in
 * each event); a "mark read" in one tab reaches the others through a BroadcastChannel.
 * No inline script anywhere (strict CSP): this file finds its elements by data attributes. */
(function () {
  "use strict";
  if (window.presscenterLive) { return; }  // the bell and a page may both load this file
  window.presscenterLive = true;

  var channel = "BroadcastChannel" in window ? new BroadcastChannel("presscenter-live") : null;
  var lastId = null;
  var source = null;
  var backoff = 5000;
  // The stream's "unread" frame is a count read when it connected; a mark-read answered
  // since then (here or in another tab) is at least as fresh, so it must not be undone.
  var countSetSinceConnect = false;

  function all(selector) { return Array.prototype.slice.call(document.querySelectorAll(selector)); }

  function setCount(count) {
    all("[data-live-count]").forEach(function (el) {
      el.textContent = String(count);
      if (!el.hasAttribute("data-live-plain")) {
        el.hidden = count === 0;
        el.setAttribute("aria-label", count + " " + (el.getAttribute("data-live-label") || ""));
      }
    });
  }

  function markRowRead(id) {
    all('[data-live-id="' + id + '"]').forEach(function (row) {
      row.classList.remove("live-unread");
      var form = row.querySelector("[data-live-mark]");
      if (form) { form.remove(); }
    });
  }

  function markAllRowsRead() {
    all(".live-unread").forEach(function (row) { markRowRead(row.getAttribute("data-live-id")); });
  }

  function formatTime(iso) {
    try {
      return new Date(iso).toLocaleString(document.documentElement.lang || "vi", { timeZone: "Asia/Ho_Chi_Minh" });
    } catch (e) { return iso; }
  }

  function addRow(list, data) {
    if (list.querySelector('[data-live-id="' + data.id + '"]')) { return; }
    var row = document.createElement("li");
    row.className = "live-item live-unread";
    row.setAttribute("data-live-id", String(data.id));
    var link = document.createElement("a");
    link.href = data.url;
    link.textContent = data.title;
    var meta = document.createElement("span");
    meta.className = "live-meta";
    var time = document.createElement("time");
    time.dateTime = data.created_at;
    time.textContent = formatTime(data.created_at);
    meta.appendChild(time);
    row.appendChild(link);
    row.appendChild(document.createTextNode(" "));
    row.appendChild(meta);
    list.insertBefore(row, list.firstChild);
    var limit = parseInt(list.getAttribute("data-live-limit") || "0", 10);
    while (limit && list.children.length > limit) { list.removeChild(list.lastChild); }
  }

  function onNotification(event) {
    var data = JSON.parse(event.data);
    lastId = event.lastEventId || String(data.id);
    setCount(data.unread_count);
    all("[data-live-list]").forEach(function (list) { addRow(list, data); });
    all("[data-live-empty]").forEach(function (el) { el.hidden = true; });
    all("[data-live-announce]").forEach(function (el) { el.textContent = data.title; });
  }

  function connect(root) {
    var url = root.getAttribute("data-live-stream");
    if (lastId) { url += (url.indexOf("?") < 0 ? "?" : "&") + "last_event_id=" + encodeURIComponent(lastId); }
    countSetSinceConnect = false;
    source = new EventSource(url);
    source.addEventListener("notification", onNotification);
    source.addEventListener("unread", function (event) {
      if (!countSetSinceConnect) { setCount(JSON.parse(event.data).unread_count); }
    });
    source.addEventListener("open", function () { backoff = 5000; });
    source.addEventListener("error", function () {
      // The browser reconnects by itself (sending Last-Event-ID) unless the server refused
      // or went away; then try again later, passing the last id in the address.
      if (source.readyState === EventSource.CLOSED) {
        window.setTimeout(function () { connect(root); }, backoff);
        backoff = Math.min(backoff * 2, 300000);
      }
    });
  }

  function post(form) {
    return fetch(form.action, {
      method: "POST",
      body: new FormData(form),
      headers: { "Accept": "application/json" },
      credentials: "same-origin"
    }).then(function (response) {
      if (!response.ok) { throw new Error(String(response.status)); }
      return response.json();
    });
  }

  function wireForms() {
    document.addEventListener("submit", function (event) {
      var form = event.target;
      var one = form.hasAttribute("data-live-mark");
      var every = form.hasAttribute("data-live-mark-all");
      if (!one && !every) { return; }
      event.preventDefault();
      var row = form.closest("[data-live-id]");
      var id = row ? row.getAttribute("data-live-id") : null;
      post(form).then(function (answer) {
        countSetSinceConnect = true;
        setCount(answer.unread_count);
        if (every) { markAllRowsRead(); } else { markRowRead(id); }
        if (channel) { channel.postMessage({ unread_count: answer.unread_count, read: every ? "all" : id }); }
      }).catch(function () { form.submit(); });  // fall back to the ordinary form post
    });
  }

  function start() {
    var root = document.querySelector("[data-live-stream]");
    if (!root) { return; }
    wireForms();
    if (channel) {
      channel.onmessage = function (message) {
        countSetSinceConnect = true;
        setCount(message.data.unread_count);
        if (message.data.read === "all") { markAllRowsRead(); } else if (message.data.read) { markRowRead(message.data.read); }
      };
    }
    if ("EventSource" in window) { connect(root); }
  }

  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", start); } else { start(); }
}());
