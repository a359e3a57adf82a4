// Choosing widgets: a searchable multi-select (Tom Select) for <select data-choose> and a date
// picker (flatpickr, Vietnamese locale) for <input data-date>, <input data-datetime> and
// <input data-time>.
// Loaded as a file (the Content-Security-Policy forbids inline scripts); the vendored libraries,
// their styles and the translated phrases come in this script tag's data attributes, and are
// fetched only on a page that has such a field. Without scripts the plain controls still work:
// the server reads dd/mm/yyyy HH:MM typed by hand and a <select multiple>.
(function () {
  "use strict";

  var config = document.currentScript.dataset;

  function load(tag, attributes) {
    return new Promise(function (resolve, reject) {
      var element = document.createElement(tag);
      Object.keys(attributes).forEach(function (name) { element[name] = attributes[name]; });
      element.onload = resolve;
      element.onerror = reject;
      document.head.appendChild(element);
    });
  }

  function stylesheet(href) { return load("link", { rel: "stylesheet", href: href }); }

  // Scripts one after the other: a locale registers itself on the library loaded before it.
  function scripts(sources) {
    return sources.reduce(function (previous, src) {
      return previous.then(function () { return load("script", { src: src }); });
    }, Promise.resolve());
  }

  function escapeHtml(text) {
    var span = document.createElement("span");
    span.textContent = text;
    return span.innerHTML;
  }

  function choosers(selects) {
    stylesheet(config.tomSelectCss);
    scripts([config.tomSelect]).then(function () {
      selects.forEach(function (select) {
        // The visible list box's size only matters without scripts.
        select.removeAttribute("size");
        new window.TomSelect(select, {
          plugins: { remove_button: { title: config.remove } },
          maxOptions: null,
          hidePlaceholder: true,
          placeholder: config.searchPlaceholder,
          render: {
            no_results: function () { return "<div class=\"no-results\">" + escapeHtml(config.noResults) + "</div>"; },
            option_create: function (data) {
              return "<div class=\"create\">" + escapeHtml(config.add) + " <strong>" + escapeHtml(data.input) + "</strong></div>";
            },
            loading: function () { return "<div class=\"spinner\" aria-label=\"" + escapeHtml(config.loading) + "\"></div>"; }
          }
        });
      });
    });
  }

  function pickers(inputs) {
    stylesheet(config.flatpickrCss);
    scripts([config.flatpickr, config.flatpickrLocale]).then(function () {
      inputs.forEach(function (input) {
        var withTime = input.hasAttribute("data-datetime");
        var timeOnly = input.hasAttribute("data-time");
        window.flatpickr(input, {
          locale: "vn",
          allowInput: true,          // typing dd/mm/yyyy HH:MM by hand still works
          disableMobile: true,       // never the phone's own picker, whose format follows its locale
          static: true,              // placed under its field: no injected <style>, which the CSP forbids
          enableTime: withTime || timeOnly,
          noCalendar: timeOnly,
          time_24hr: true,
          dateFormat: timeOnly ? "H:i" : (withTime ? "d/m/Y H:i" : "d/m/Y"),
          ariaDateFormat: "d/m/Y"
        });
      });
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    var selects = Array.prototype.slice.call(document.querySelectorAll("select[data-choose]"));
    var dates = Array.prototype.slice.call(document.querySelectorAll("input[data-date], input[data-datetime], input[data-time]"));
    if (selects.length) { choosers(selects); }
    if (dates.length) { pickers(dates); }
  });
})();
