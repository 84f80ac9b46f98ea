/* Accessibility fixes to Material's own markup and behaviour that need no template override.
 * Runs once per page load (instant navigation is off).
 *
 * - Material's search container (partials/search.html) is role="dialog" without an accessible name
 *   (axe: aria-dialog-name, serious); name it like its input.
 * - Material runs a query on the input's keyup only, so text that arrives without a key released in
 *   the field (pasted from a menu or a phone's long press, dictated, put in by an input method or an
 *   on-screen keyboard) searched nothing until another key was pressed.  Each change of its value
 *   now sends the field a keyup (not while an input method is still composing).
 * - A Chinese input method in full-width mode types ５８％ for 58%, which the index never holds as such:
 *   the field's full-width digits, Latin letters, ％ and ． become their ASCII forms as they are typed
 *   (window.plansiteFold, which the finder's keyword filter uses too: finder.js; the search index and
 *   `plansite find` fold alike: generator/fullwidth.py).
 * - Below Material's breakpoint the navigation is a drawer that its menu button, a label of a hidden checkbox,
 *   opens: a label is no control, so a keyboard could not reach it.  It is made a button (导航菜单) in the Tab
 *   order that Enter (Material clicks a focused label) and Space press and that says whether the drawer is open;
 *   closed, the drawer is hidden (site.css).
 */
window.plansiteFold = (function () {
  "use strict";
  const FULL_WIDTH = /[\uff05\uff0e\uff10-\uff19\uff21-\uff3a\uff41-\uff5a]/g;
  return (text) => text.replace(FULL_WIDTH, (char) => String.fromCharCode(char.charCodeAt(0) - 0xfee0));
})();

(function () {
  "use strict";
  const dialog = document.querySelector(".md-search[role=dialog]");
  if (dialog && !dialog.hasAttribute("aria-label") && !dialog.hasAttribute("aria-labelledby")) {
    dialog.setAttribute("aria-label", "搜索");
  }
  const query = document.querySelector("input.md-search__input");
  if (query) {
    const search = function () {
      const folded = window.plansiteFold(query.value);
      if (folded !== query.value) {  // one character for one: the caret stays where it was
        const [start, end] = [query.selectionStart, query.selectionEnd];
        query.value = folded;
        query.setSelectionRange(start, end);
      }
      query.dispatchEvent(new KeyboardEvent("keyup"));
    };
    query.addEventListener("input", function (event) {
      if (!event.isComposing) {
        search();
      }
    });
    query.addEventListener("compositionend", search);
  }
})();

(function () {
  "use strict";
  const drawer = document.getElementById("__drawer");
  const button = document.querySelector('label.md-header__button[for="__drawer"]');
  if (!drawer || !button) {
    return;
  }
  const say = function () {
    button.setAttribute("aria-expanded", String(drawer.checked));
  };
  button.setAttribute("role", "button");
  button.setAttribute("aria-label", "导航菜单");
  button.tabIndex = 0;
  say();
  drawer.addEventListener("change", say);
  button.addEventListener("keydown", function (event) {  // Material clicks a focused label on Enter itself
    if (event.key === " ") {
      event.preventDefault();
      button.click();  // the label's click toggles its checkbox, which says so (change)
    }
  });
})();
