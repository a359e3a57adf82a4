/* The body's rich-text editor: Quill (vendor/quill.min.js) over the body textarea.
 * Without JavaScript the textarea holds HTML; with it, each edit writes the editor's HTML back
 * into the textarea. The server sanitises the body either way (presscenter.core.html), so the
 * editor only keeps the writing clean, it guards nothing.
 * No inline styles: Quill positions its link box through element.style (CSSOM), which the
 * Content-Security-Policy allows; its look comes from quill.snow.css and editor.css. */
(function () {
  "use strict";

  // What the body may hold (presscenter.core.html.ALLOWED_TAGS). Text pasted from Word or Google
  // Docs keeps these and loses the rest: fonts, colours, sizes, alignment, images.
  var FORMATS = [
    "header", "bold", "italic", "underline", "strike", "script", "blockquote",
    "code", "code-block", "link", "list", "table",
  ];
  // Body headings are h2 to h4: the page's h1 is the item's title.
  var HIGHEST = 2;
  var LOWEST = 4;

  // Toolbar handlers run with the toolbar module as `this`.
  function tableAction(name, args) {
    return function () {
      var table = this.quill.getModule("table");
      table[name].apply(table, args || []);
    };
  }

  var HANDLERS = {
    "table-insert": tableAction("insertTable", [2, 2]),
    "table-row": tableAction("insertRowBelow"),
    "table-column": tableAction("insertColumnRight"),
    "table-row-delete": tableAction("deleteRow"),
    "table-column-delete": tableAction("deleteColumn"),
    "table-delete": tableAction("deleteTable"),
  };

  function clampHeadings(node, delta) {
    delta.ops.forEach(function (op) {
      var level = op.attributes && Number(op.attributes.header);
      if (level) {
        op.attributes.header = Math.min(Math.max(level, HIGHEST), LOWEST);
      }
    });
    return delta;
  }

  // Google Docs marks bold and italic by style attributes alone. The page's CSP keeps the browser
  // from parsing those (even in the pasted copy), so Quill never sees them: read the attribute.
  function styledEmphasis(node, delta) {
    var style = node.getAttribute("style") || "";
    var formats = {};
    if (/font-weight\s*:\s*(bold|[6-9]00)/i.test(style)) {
      formats.bold = true;
    }
    if (/font-style\s*:\s*italic/i.test(style)) {
      formats.italic = true;
    }
    if (!formats.bold && !formats.italic) {
      return delta;
    }
    var Delta = Quill.import("delta");
    return delta.reduce(function (styled, op) {
      return op.insert ? styled.insert(op.insert, Object.assign({}, formats, op.attributes)) : styled;
    }, new Delta());
  }

  // A script's or a title's text is not part of what was copied.
  function dropped() {
    return new (Quill.import("delta"))();
  }

  // The attributes the body keeps (presscenter.core.html.ALLOWED_ATTRIBUTES); Quill adds others
  // (a table's border style, rows' ids, links' target) that the server would drop anyway.
  var KEPT = { A: ["href", "title"], TD: ["colspan", "rowspan"], TH: ["colspan", "rowspan", "scope"] };

  function html(quill) {
    if (quill.getLength() <= 1) {
      return "";
    }
    // Parsed into a document of its own: nothing in it loads or runs. The table's style attribute
    // goes first (serialised markup escapes quotes inside values): parsing it would be reported
    // as a CSP violation on every keystroke.
    var markup = quill.getSemanticHTML().replace(/\sstyle="[^"]*"/g, "");
    var doc = new DOMParser().parseFromString("<body>" + markup + "</body>", "text/html");
    doc.body.querySelectorAll("*").forEach(function (element) {
      var kept = KEPT[element.tagName] || [];
      Array.from(element.attributes).forEach(function (attribute) {
        if (kept.indexOf(attribute.name) < 0) {
          element.removeAttribute(attribute.name);
        }
      });
    });
    // Quill 2.0.3 writes every space as &nbsp;, which would stop lines from wrapping, and an
    // empty line (as after a table) as an empty paragraph, which shows nothing.
    return doc.body.innerHTML.replace(/&nbsp;/g, " ").replace(/<p><\/p>/g, "");
  }

  // The link box's words live in snow's stylesheet (English); editor.css reads them from these
  // attributes, which the toolbar template carries in the page's language.
  function translateTooltip(quill, toolbar) {
    var tooltip = quill.theme.tooltip;
    var words = toolbar.dataset;
    tooltip.root.dataset.visit = words.linkVisit;
    tooltip.root.dataset.enter = words.linkEnter;
    tooltip.root.querySelector("a.ql-action").dataset.edit = words.linkEdit;
    tooltip.root.querySelector("a.ql-action").dataset.save = words.linkSave;
    tooltip.root.querySelector("a.ql-remove").dataset.remove = words.linkRemove;
    tooltip.textbox.setAttribute("data-link", "https://");
    tooltip.textbox.setAttribute("aria-label", words.linkEnter);
  }

  // The textarea's label now names the editing area.
  function relabel(textarea, quill) {
    var area = quill.root;
    area.setAttribute("role", "textbox");
    area.setAttribute("aria-multiline", "true");
    var label = document.querySelector('label[for="' + textarea.id + '"]');
    if (label) {
      label.id = label.id || textarea.id + "-label";
      label.removeAttribute("for");
      area.setAttribute("aria-labelledby", label.id);
      label.addEventListener("click", function () { quill.focus(); });
    }
    // The help text speaks of HTML, which only the textarea shows.
    var help = document.getElementById(textarea.id + "_helptext");
    if (help) {
      help.hidden = true;
    }
  }

  // Allowed elements that Quill cannot hold: it would flatten them (a header cell into a cell,
  // a figure's caption into a paragraph). A body with one of them stays a textarea of HTML.
  var UNHELD = "figure, figcaption, hr, abbr, caption, thead, th, cite, q";

  function holdsUnheld(markup) {
    return new DOMParser().parseFromString(markup, "text/html").body.querySelector(UNHELD) !== null;
  }

  function enhance(template) {
    var textarea = document.getElementById(template.dataset.editorFor);
    if (!textarea || typeof Quill === "undefined") {
      return;
    }
    var toolbar = template.content.firstElementChild.cloneNode(true);
    if (holdsUnheld(textarea.value)) {
      var note = document.createElement("p");
      note.className = "rte-note";
      note.textContent = toolbar.dataset.unheld;
      textarea.before(note);
      return;
    }
    var holder = document.createElement("div");
    var wrapper = document.createElement("div");
    wrapper.className = "rte";
    wrapper.append(toolbar, holder);
    textarea.after(wrapper);
    var quill = new Quill(holder, {
      theme: "snow",
      formats: FORMATS,
      modules: { toolbar: { container: toolbar, handlers: HANDLERS }, table: true },
    });
    quill.clipboard.addMatcher(Node.ELEMENT_NODE, clampHeadings);
    quill.clipboard.addMatcher(Node.ELEMENT_NODE, styledEmphasis);
    quill.clipboard.addMatcher("script, noscript, template, title", dropped);
    quill.setContents(quill.clipboard.convert({ html: textarea.value }), "silent");
    quill.history.clear();
    textarea.hidden = true;
    relabel(textarea, quill);
    translateTooltip(quill, toolbar);
    // Only an edit rewrites the textarea: saving an untouched body sends it back unchanged.
    quill.on("text-change", function () { textarea.value = html(quill); });
  }

  document.querySelectorAll("template[data-editor-for]").forEach(enhance);
})();
