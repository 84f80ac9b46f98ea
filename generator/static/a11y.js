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
 * - There too the header's search button is such a label (搜索), made a button alike.  The search field, hidden
 *   until then, was a Tab stop instead, whose focus opened the full-screen search and the next Tab closed it: it is
 *   out of the Tab order while the search is closed on a narrow screen, still focused by Material's keys (S, F, /)
 *   and the button.  Escape and the back arrow, which close the search, give the focus back to the button:
 *   Material's blur (a click of the arrow, a label) left it on the page, and the next Tab started from the top.
 * - On a wide screen the field is in the header, a Tab stop, and the button hidden.  Escape there gives the focus
 *   back to what had it before the field (the control Tab left; none after S from the page): the field itself
 *   would open the search again.  A close by Tab leaves the focus where Tab puts it, at either width.
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
  /* Makes the label of a toggle's checkbox a button in the Tab order that Enter (Material clicks a focused label)
   * and Space press and that says whether what it toggles is open; the button, or null without one. */
  const toggleButton = function (name, label) {
    const toggle = document.getElementById("__" + name);
    const button = document.querySelector(`label.md-header__button[for="__${name}"]`);
    if (!toggle || !button) {
      return null;
    }
    const say = function () {
      button.setAttribute("aria-expanded", String(toggle.checked));
    };
    button.setAttribute("role", "button");
    button.setAttribute("aria-label", label);
    button.tabIndex = 0;
    say();
    toggle.addEventListener("change", say);
    button.addEventListener("keydown", function (event) {  // Material clicks a focused label on Enter itself
      if (event.key === " ") {
        event.preventDefault();
        button.click();  // the label's click toggles its checkbox, which says so (change)
      }
    });
    return button;
  };
  toggleButton("drawer", "导航菜单");
  const search = document.getElementById("__search");
  const query = document.querySelector("input.md-search__input");
  const narrow = window.matchMedia("(max-width: 59.984375em)");  // Material's breakpoint for the header's search
  const button = toggleButton("search", "搜索");
  if (button && query) {
    const reach = function () {  // focus() still reaches it: Material's keys and the button's click
      if (narrow.matches && !search.checked) {
        query.tabIndex = -1;
      } else {
        query.removeAttribute("tabindex");
      }
    };
    reach();
    narrow.addEventListener("change", reach);
    const dialog = query.closest(".md-search");
    // What had the focus before a key (Tab, /, S…) gave it to the field, outside the search (not its results).  Not
    // after a press of the pointer on the search: a mouse user may have left the focus far off screen.
    let opener = null;
    let pressed = false;  // between a press on the search and its release (a touch's too), around the focus it gives
    dialog.addEventListener("mousedown", function () {
      pressed = true;
    });
    window.addEventListener("mouseup", function () {
      pressed = false;
    }, true);
    query.addEventListener("focus", function (event) {
      if (!dialog.contains(event.relatedTarget)) {
        opener = pressed ? null : event.relatedTarget;
      }
    });
    let closing = false;  // the search is open and Escape was pressed (Material closes it) or its back arrow clicked
    window.addEventListener("keydown", function (event) {
      closing = event.key === "Escape" && search.checked;
    }, true);
    dialog.querySelector(".md-search__form label[for=__search]").addEventListener("click", function () {
      closing = search.checked;
    });
    search.addEventListener("change", function () {  // Material blurs the field after: no focus of its own left
      reach();
      const back = closing && !search.checked && (narrow.matches ? button : opener);
      closing = false;  // spent: a close by Tab or a click elsewhere leaves the focus alone
      if (back) {
        back.focus({preventScroll: true});  // the page stays where it was read: Tab goes on from there
      }
    });
  }
})();
