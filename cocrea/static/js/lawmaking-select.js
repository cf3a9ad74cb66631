/* Contributing to a passage by selecting it: a selection inside the article's text fills the
   form's passage and chooses its paragraph (or the whole article when it spans several).
   Progressive enhancement only: without this file the form is filled by hand. No inline code
   (CSP). */
(function () {
  "use strict";

  var text = document.querySelector("[data-unit-text]");
  var quote = document.querySelector("[data-quote-field]");
  var paragraph = document.querySelector("[data-paragraph-field]");
  var status = document.querySelector("[data-select-status]");
  if (!text || !quote || !paragraph) {
    return;
  }

  function paragraphOf(node) {
    var element = node && node.nodeType === 1 ? node : node && node.parentElement;
    var found = element && element.closest ? element.closest("[data-paragraph]") : null;
    return found && text.contains(found) ? found : null;
  }

  function take() {
    var selection = window.getSelection();
    if (!selection || selection.isCollapsed || selection.rangeCount === 0) {
      return;
    }
    var range = selection.getRangeAt(0);
    if (!text.contains(range.commonAncestorContainer)) {
      return;
    }
    var words = selection.toString().replace(/\s+/g, " ").trim();
    if (!words) {
      return;
    }
    var start = paragraphOf(range.startContainer);
    var end = paragraphOf(range.endContainer);
    var number = start && start === end ? start.getAttribute("data-paragraph") : "";
    quote.value = words.slice(0, 2000);
    paragraph.value = number;
    if (status) {
      status.hidden = false;
      // The words come from the page (translated there): data-one-label and data-many-label.
      status.textContent = number
        ? status.getAttribute("data-one-label") + " " + number + ": «" +
          words.slice(0, 80) + (words.length > 80 ? "…»" : "»")
        : status.getAttribute("data-many-label");
    }
  }

  var timer = null;
  document.addEventListener("selectionchange", function () {
    window.clearTimeout(timer);
    timer = window.setTimeout(take, 250);
  });
})();
