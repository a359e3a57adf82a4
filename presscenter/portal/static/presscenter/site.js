// Site chrome behaviour. Loaded as a file: the Content-Security-Policy forbids inline scripts.
(function () {
  "use strict";

  // The main and workspace menus are open by default (works without JavaScript); fold them on
  // narrow screens.
  function foldMenuOnSmallScreens() {
    if (!window.matchMedia("(max-width: 47.99em)").matches) { return; }
    document.querySelectorAll(".nav-menu, .ws-menu").forEach(function (menu) {
      menu.removeAttribute("open");
    });
  }

  // Buttons marked data-print open the browser's print dialog (the page has a print stylesheet).
  function enablePrintButtons() {
    document.querySelectorAll("[data-print]").forEach(function (button) {
      button.hidden = false;
      button.addEventListener("click", function () { window.print(); });
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    foldMenuOnSmallScreens();
    enablePrintButtons();
  });
})();
