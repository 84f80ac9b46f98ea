/* Accessibility fixes to Material's own markup that need no template override.
 *
 * Material's search container (partials/search.html) is role="dialog" without an accessible name
 * (axe: aria-dialog-name, serious); name it like its input.  Runs once per page load (instant
 * navigation is off).
 */
(function () {
  "use strict";
  const dialog = document.querySelector(".md-search[role=dialog]");
  if (dialog && !dialog.hasAttribute("aria-label") && !dialog.hasAttribute("aria-labelledby")) {
    dialog.setAttribute("aria-label", "搜索");
  }
})();
