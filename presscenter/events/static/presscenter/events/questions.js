/* The moderation queue: it refreshes itself (htmx polling), but never while the moderator is
   typing a reason or an answer, or has an action's panel open; after an action the keyboard focus
   returns to the button that was used (or the queue's heading when it is gone). */
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
    var target = document.getElementById(queue.dataset.focus);
    if (!target || target.disabled) {
      target = document.getElementById("queue-heading");
      if (target) {
        target.setAttribute("tabindex", "-1");
      }
    }
    if (target) {
      target.focus();
    }
    delete queue.dataset.focus;
  });
})();
