/* Accessibility fixes to Material's own markup and behaviour that need no template override.
 * Runs once per page load (instant navigation is off).
 *
 * - Material's search container (partials/search.html) is role="dialog" without an accessible name
 *   (axe: aria-dialog-name, serious); name it like its input.
 * - Material runs a query on the input's keyup only, so text that arrives without a key released in
 *   the field (pasted from a menu or a phone's long press, dictated, put in by an input method or an
 *   on-screen keyboard) searched nothing until another key was pressed.  Each change of its value
 *   now sends the field a keyup (not while an input method is still composing).
 */
(function () {
  "use strict";
  const dialog = document.querySelector(".md-search[role=dialog]");
  if (dialog && !dialog.hasAttribute("aria-label") && !dialog.hasAttribute("aria-labelledby")) {
    dialog.setAttribute("aria-label", "搜索");
  }
  const query = document.querySelector("input.md-search__input");
  if (query) {
    query.addEventListener("input", function (event) {
      if (!event.isComposing) {
        query.dispatchEvent(new KeyboardEvent("keyup"));
      }
    });
  }
})();
