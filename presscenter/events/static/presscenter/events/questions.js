/* The moderation queue: it refreshes itself (htmx polling), but never while the moderator is
   typing a reason or an answer, or has an action's panel open; after an action the keyboard focus
   stays on the button that was used (htmx keeps it by its id), or goes to the queue's heading
   when that button is gone or disabled. */
(function () {
  "use strict";

  function busy(queue) {
    var active = document.activeElement;
    if (active && queue.contains(active) && /^(INPUT|TEXTAREA|SELECT)$/.test(active.tagName)) {
      return true;
    }
    return queue.querySelector("details[open]") !== null;
  }

  document.addEventListener("htmx:beforeRequest", function (event) {
    var queue = event.detail.elt;
    if (queue && queue.id === "eq-queue" && event.detail.requestConfig.verb === "get" && busy(queue)) {
      event.preventDefault();
    }
  });

  // The queue replaces itself (outerHTML): the new one announces itself with htmx:load.
  document.addEventListener("htmx:load", function (event) {
    var queue = event.detail.elt;
    if (!queue || queue.id !== "eq-queue" || !queue.dataset.focus) {
      return;
    }
    var wanted = queue.dataset.focus;
    delete queue.dataset.focus;
    // After the swap has finished (the old queue removed, htmx's own focus kept by id).
    window.setTimeout(function () {
      var active = document.activeElement;
      if (active && active !== document.body && document.contains(active)) {
        return; // htmx kept the focus on the button used (same id), or the user has moved on
      }
      var target = document.getElementById(wanted);
      if (!target || target.disabled) {
        target = document.getElementById("queue-heading"); // focusable (tabindex -1)
      }
      if (target) {
        target.focus();
      }
    }, 0);
  });
})();
