/* Wide tables on phones: a table of five or more columns, or one wider than the screen (a column of long
 * text, as the themes' descriptions), reads as a list of cards on a narrow screen, a row a card, each
 * cell led by its column's heading (site.css, "wide tables on phones").  Whether a table is wider than
 * its frame is measured when the page loads and when the window is resized (a phone turned).
 *
 * This script marks such tables (data-stacked) and gives each body cell its column's heading
 * (data-label); the stylesheet stacks them only below its breakpoint.  Without the script the tables
 * scroll sideways, as Material shows them.  The table's parts get their roles, which a table shown as
 * blocks loses for screen readers in some browsers.  Every page loads this file.
 */
(function () {
  "use strict";

  const MIN_COLUMNS = 5;

  function stack(table) {
    if (!table.tHead || !table.tBodies.length || table.dataset.stacked) {
      return;
    }
    const headings = Array.from(table.tHead.rows[0].cells, (cell) => cell.textContent.trim());
    const frame = table.closest(".md-typeset__scrollwrap") || table;  // what Material scrolls a wide table in
    if (headings.length < MIN_COLUMNS && frame.scrollWidth <= frame.clientWidth) {
      return;
    }
    table.dataset.stacked = "true";
    table.setAttribute("role", "table");
    for (const group of [table.tHead, ...table.tBodies]) {
      group.setAttribute("role", "rowgroup");
    }
    for (const row of table.rows) {
      row.setAttribute("role", "row");
      Array.from(row.cells).forEach((cell, column) => {
        if (cell.tagName === "TH") {
          cell.setAttribute("role", "columnheader");
        } else {
          cell.setAttribute("role", "cell");
          cell.dataset.label = headings[column] || "";
        }
      });
    }
  }

  function stackAll() {
    document.querySelectorAll(".md-typeset table:not([class])").forEach(stack);
  }

  // Material republishes each page on document$ when instant navigation is on.
  if (typeof document$ !== "undefined") {
    document$.subscribe(stackAll);
  } else {
    stackAll();
  }
  // A phone turned: a table stacked stays so, which the stylesheet shows as cards only on a narrow screen.
  window.addEventListener("resize", stackAll);
})();
