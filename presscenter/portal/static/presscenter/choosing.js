// Choosing widgets: a searchable multi-select (Tom Select) for <select data-choose> and a date
// picker (flatpickr, Vietnamese locale) for <input data-date>, <input data-datetime> and
// <input data-time>; file fields get a button in the page's language.
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
          dropdownParent: "body",   // a column that scrolls sideways would cut the list off
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
        // Tom Select points the label at its own box; the original list, still read by
        // assistive technology, keeps its name through the label's id.
        var label = document.getElementById(select.id + "-ts-label");
        if (label) { select.setAttribute("aria-labelledby", label.id); }
      });
    });
  }

  // Strict reading of dd/mm/yyyy, dd/mm/yyyy HH:MM or HH:MM: flatpickr's own parser rolls
  // 31/02 over to 3 March and 25:00 to the next day, quietly changing what was typed.
  var PATTERNS = {
    date: /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/,
    datetime: /^(\d{1,2})\/(\d{1,2})\/(\d{4}) +(\d{1,2}):(\d{2})$/,
    time: /^()()()(\d{1,2}):(\d{2})$/
  };

  function strictParser(kind) {
    return function (text) {
      var parts = PATTERNS[kind].exec(String(text).trim());
      if (!parts) { return undefined; }
      var now = new Date();
      var year = parts[3] ? Number(parts[3]) : now.getFullYear();
      var month = parts[2] ? Number(parts[2]) - 1 : now.getMonth();
      var day = parts[1] ? Number(parts[1]) : now.getDate();
      var hours = parts[4] ? Number(parts[4]) : 0;
      var minutes = parts[5] ? Number(parts[5]) : 0;
      var date = new Date(year, month, day, hours, minutes);
      var exact = date.getFullYear() === year && date.getMonth() === month && date.getDate() === day &&
        date.getHours() === hours && date.getMinutes() === minutes;
      return exact ? date : undefined;
    };
  }

  function pickers(inputs) {
    stylesheet(config.flatpickrCss);
    scripts([config.flatpickr, config.flatpickrLocale]).then(function () {
      inputs.forEach(function (input) {
        var kind = input.hasAttribute("data-time") ? "time" : (input.hasAttribute("data-datetime") ? "datetime" : "date");
        var typed = input.value;
        input.addEventListener("input", function () { typed = input.value; });
        // What cannot be read stays as typed, for the server to refuse with its reason; flatpickr
        // would empty the field (on a click outside or on leaving it) and so drop an embargo without a word.
        function keepTyped(dates) {
          if (dates.length) { typed = input.value; } else if (typed.trim()) { input.value = typed; }
        }
        window.flatpickr(input, {
          locale: "vn",
          allowInput: true,          // typing dd/mm/yyyy HH:MM by hand still works
          disableMobile: true,       // never the phone's own picker, whose format follows its locale
          static: true,              // placed under its field: no injected <style>, which the CSP forbids
          enableTime: kind !== "date",
          noCalendar: kind === "time",
          time_24hr: true,
          dateFormat: { date: "d/m/Y", datetime: "d/m/Y H:i", time: "H:i" }[kind],
          ariaDateFormat: "d/m/Y",
          parseDate: strictParser(kind),
          onChange: keepTyped,
          onClose: keepTyped
        });
      });
    });
  }

  // A file field's button and "no file chosen" come from the browser, in the browser's language:
  // a labelled button of our own, in the page's language, opens the same (hidden) field.
  function fileFields(inputs) {
    inputs.forEach(function (input) {
      var button = document.createElement("label");
      button.htmlFor = input.id;
      button.className = "button secondary file-button";
      button.textContent = config.chooseFile;
      var chosen = document.createElement("span");
      chosen.className = "file-chosen";
      chosen.textContent = config.noFile;
      input.classList.add("file-input");
      input.after(button, chosen);
      input.addEventListener("change", function () {
        var names = Array.prototype.map.call(input.files, function (file) { return file.name; });
        chosen.textContent = names.length ? names.join(", ") : config.noFile;
      });
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    var selects = Array.prototype.slice.call(document.querySelectorAll("select[data-choose]"));
    var dates = Array.prototype.slice.call(document.querySelectorAll("input[data-date], input[data-datetime], input[data-time]"));
    if (selects.length) { choosers(selects); }
    if (dates.length) { pickers(dates); }
    fileFields(Array.prototype.slice.call(document.querySelectorAll("main input[type=file][id]")));
  });
})();
