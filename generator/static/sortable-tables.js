/* Sortable tables: the tables inside .plansite-sortable (the targets page) sort by a column when its
 * header is clicked, or activated with Enter or Space; again to reverse.
 *
 * Every page loads this file; pages without such tables return at once.  The tables come from the
 * server in a meaningful order and stay usable without this script.  Headers get role="columnheader"
 * and aria-sort, which Material's stylesheet shows as sort arrows.  A column whose every filled cell
 * starts with a number (after ≥ ≤ = < >) sorts by its unit (what follows its last number), then by that
 * number, so that numbers of one unit are compared and kept together; others sort by Chinese collation.
 */
(function () {
  "use strict";

  const NUMBER = /^[≥≤=<>\s]*(-?\d+(?:\.\d+)?)/;
  const UNIT = /([^\d.]*)$/; // what follows the last number: 58% and 100% are compared, 500名 with 8204台 are not
  const collator = new Intl.Collator("zh-Hans-CN", { numeric: true });

  function cellText(row, column) {
    const cell = row.cells[column];
    return cell ? cell.textContent.trim() : "";
  }

  // Each row's sort key in a column, worked out once, and how two keys compare: [unit, number] when every
  // filled cell of the column starts with a number, else the cell's text.
  function sortKeys(rows, column) {
    const texts = rows.map((row) => cellText(row, column));
    const filled = texts.filter((text) => text && text !== "—");
    if (filled.length && filled.every((text) => NUMBER.test(text))) {
      const key = (text) => {
        const found = NUMBER.exec(text);
        return [UNIT.exec(text)[1], found ? parseFloat(found[1]) : -Infinity];
      };
      return {keys: texts.map(key), compare: ([unitA, a], [unitB, b]) => collator.compare(unitA, unitB) || a - b};
    }
    return {keys: texts, compare: (a, b) => collator.compare(a, b)};
  }

  function sort(table, header, column) {
    const body = table.tBodies[0];
    const rows = Array.from(body.rows);
    const ascending = header.getAttribute("aria-sort") !== "ascending";
    const {keys, compare} = sortKeys(rows, column);
    const order = rows.map((_, at) => at);
    order.sort((a, b) => (ascending ? compare(keys[a], keys[b]) : compare(keys[b], keys[a])));
    for (const other of table.tHead.rows[0].cells) {
      other.setAttribute("aria-sort", "none");
    }
    header.setAttribute("aria-sort", ascending ? "ascending" : "descending");
    body.append(...order.map((at) => rows[at]));
  }

  function enhance(table) {
    if (!table.tHead || !table.tBodies.length || table.dataset.sortable) {
      return;
    }
    table.dataset.sortable = "true";
    Array.from(table.tHead.rows[0].cells).forEach((header, column) => {
      header.setAttribute("role", "columnheader");
      header.setAttribute("aria-sort", "none");
      header.tabIndex = 0;
      header.title = "点击排序";
      header.addEventListener("click", () => sort(table, header, column));
      header.addEventListener("keydown", (event) => {
        if (event.key === "Enter" || event.key === " ") {
          event.preventDefault();
          sort(table, header, column);
        }
      });
    });
  }

  function enhanceAll() {
    document.querySelectorAll(".plansite-sortable table").forEach(enhance);
  }

  // Material republishes each page on document$ when instant navigation is on.
  if (typeof document$ !== "undefined") {
    document$.subscribe(enhanceAll);
  } else {
    enhanceAll();
  }
})();
