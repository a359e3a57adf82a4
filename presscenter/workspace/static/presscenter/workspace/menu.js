// The workspace menu (workspace/layout.html): on a phone a disclosure, closed until asked for, that
// opens over the page (Escape or a click elsewhere closes it); on a wide screen a panel beside the
// page, always open. Without this script the menu is closed with its summary shown: still usable.
(function () {
  "use strict";
  var menu = document.querySelector("[data-ws-menu]");
  if (!menu) {
    return;
  }
  var summary = menu.querySelector("summary");
  var wide = window.matchMedia("(min-width: 48em)");

  function fit() {
    menu.open = wide.matches;
  }

  fit();
  wide.addEventListener("change", fit);
  menu.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && menu.open && !wide.matches) {
      menu.open = false;
      summary.focus();
    }
  });
  document.addEventListener("click", function (event) {
    if (menu.open && !wide.matches && !menu.contains(event.target)) {
      menu.open = false;
    }
  });
})();
