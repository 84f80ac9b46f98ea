"""Words of the source's body that no field of the draft holds: text an import would lose, reported.

Every clause of the body (after the title, preamble and signature; cut at 。；！？, a line of prose broken
mid-sentence going on with the next, without the number a part begins with and units in 【】) must be one the
draft holds: cut from an item's, a section's or the plan's text, title, preamble, notes or closing the same
way (or at line breaks too: a field may hold a heading, and the text below it); a clause may be held in parts,
cut at those breaks and before a paragraph's 一是 after a colon or comma (以下工作：一是…: a section's text and
an item).  An owner clause and a deadline are the draft's too (its fields).  So is every cell of a table's row
(but its header): its clauses held as those of the body are, or an item's title, number or target; a cell of units
(牵头单位) each of its units an item's; a 完成时限 a deadline; or the report quotes it (a value not taken as a
target, a deadline that is no date): a column the importer does not read (备注) and a row it takes as no item are
reported.  A clause or cell found nowhere is reported with its line, so the curator can put it back by hand:
the importer is meant to keep every word, and this says where it did not.  The clauses are looked up in a set:
linear in the text's length (a cell not held is looked up in the report too).
"""

from __future__ import annotations

import re
from typing import Iterable, Iterator, Sequence

from . import tables
from .dates import is_deadline
from .draft import quoted
from .markers import GUESSED, Marker, match_marker
from .owners import find_owner_clause, item_owners, split_units
from .report import Unsure, walk_item_dicts, walk_sections
from .textmap import Line

_CLAUSES = re.compile(r"[。；;！？!?]")
_CLAUSES_OR_LINES = re.compile(r"[。；;！？!?\n]")  # a field may hold a heading, and the text below it
_CLAUSES_OR_CELLS = re.compile(r"[。；;！？!?\n\t|]")  # or a row the structure read as a paragraph
# A clause the draft may hold in parts: a heading's line and the text below it, or the words before 一是 inside a
# paragraph and that point (…抓好以下工作：一是…: a section's text and its first item)
_PIECES = re.compile(r"\n|(?<=[：:，,])\s*(?=一是)")
_EDGES = " \t\n\u3000，,：:、。；;"
_PROSE = re.compile(r"[，,：:；;。]")
_ENDS = tuple("。；;！？!?：:")
_LEADING_UNITS = re.compile(r"\A【[^【】]*】")
_UNITS = ("lead", "owners", "support")  # the columns of units, split as the draft splits them
SHOWN = 10  # clauses listed at most; the count of the rest follows


def lost_clauses(body: list[Line], cells: Sequence[tuple[int, str, str | None]], plan: dict,
                 reported: Iterable[str] = ()) -> list[Unsure]:
    """Each clause of ``body`` and cell of its tables that no field of ``plan`` holds, nor a message of
    ``reported`` quotes (a cell's), as an unsure place of its line; ``cells``: those of the body's table rows, with
    their line and their column's role, as ``structure`` read them (``Outline.cells``)."""
    kept = {clause for text in _texts(plan) for cut in (_CLAUSES, _CLAUSES_OR_LINES, _CLAUSES_OR_CELLS)
            for clause in _cut(text, cut, (True, False))}
    report = "\n".join(reported)
    rows = {lineno for lineno, _, _ in cells}
    lost = sorted([(lineno, part) for lineno, clause in _clauses(body, rows) if clause not in kept
                   for part in (_cut(clause, _PIECES) if _PIECES.search(clause) else [clause])
                   if part not in kept and not _stated(part)]
                  + [(lineno, cell) for lineno, cell, role in cells if not _held(cell, role, kept, report)],
                  key=lambda lost: lost[0])
    found = [Unsure(lineno, f"“{clause}” is in no field of the draft: the import lost it; put it back by hand")
             for lineno, clause in lost[:SHOWN]]
    if len(lost) > SHOWN:
        found.append(Unsure(lost[SHOWN][0], f"and {len(lost) - SHOWN} more such clause(s) from here on"))
    return found


def _stated(text: str) -> bool:
    """Text that states an item's units or deadline, which the draft holds as its fields."""
    clause = find_owner_clause(text)
    return clause is not None and clause.start == 0 or is_deadline(text.strip(_EDGES))


def _held(cell: str, role: str | None, kept: set[str], report: str) -> bool:
    """Whether the draft holds a table's cell, its column's ``role`` (None: a column not read), or the report
    quotes it whole (“教研室”: not the 教研室 of owner “基教科、教研室”)."""
    if role in _UNITS and set(split_units(cell)) <= kept:
        return True
    if role == "unit":
        cell = tables.unit_written(cell)
    if role != "number" and tables.value_only(cell) and str(tables.number_in(cell)) in kept:
        return True  # a value alone (90%, 8.5): a target's value or baseline
    clauses = _stated_apart(cell, guessed=False)  # 0起, 5次: a value, not number 0 or 5 of a part
    return all(clause in kept or _stated(clause) for clause in clauses) or quoted(cell) in report


def _clauses(body: list[Line], rows: set[int]) -> Iterator[tuple[int, str]]:
    """(line number, clause) for the body's clauses, a line's number and its units in 【】 left out, and the lines
    read as a table's ``rows`` (合计\t\t) too; a line of prose broken mid-sentence (a hard wrap) goes on with the
    next, whose clause is the same."""
    for lineno, sentence in _sentences(body, rows):
        for clause in _stated_apart(sentence):
            yield lineno, clause


def _stated_apart(text: str, guessed: bool = True) -> Iterator[str]:
    """The clauses of ``text`` (without its number), the units and deadline it states a clause apart: the item's
    fields (【】 too)."""
    text = _unnumbered(text, match_marker(text), guessed)
    stated = item_owners(text)
    return _cut(text[stated.start:stated.end] + "。" + text[stated.rest:], _CLAUSES, (guessed,))


def _cut(text: str, cut: re.Pattern, guessed: tuple[bool, ...] = (True,)) -> Iterator[str]:
    """The clauses of ``text`` cut at ``cut``, each without its number and its units in 【】: its number taken off
    each way of ``guessed`` (``_unnumbered``), the number read once for all of them."""
    for clause in cut.split(text):
        clause = clause.strip(_EDGES)
        marker = match_marker(clause)
        for unnumbered in dict.fromkeys(_unnumbered(clause, marker, way) for way in guessed):
            unnumbered = _LEADING_UNITS.sub("", unnumbered).strip(_EDGES)
            if len(unnumbered) > 1:
                yield unnumbered


def _sentences(body: list[Line], rows: set[int]) -> Iterator[tuple[int, str]]:
    """The body's lines, a hard-wrapped line joined with the next (prose without an end, the next unnumbered);
    a table's row left out (its cells are checked apart), and a line read as one of the ``rows``."""
    pending: list[Line] = []
    for line in body:
        if tables.split_cells(line.text) is not None or line.lineno in rows:
            continue
        if pending and (match_marker(str(line)) or not _wrapped(str(pending[-1]))):
            yield pending[0].lineno, "\n".join(map(str, pending))
            pending = []
        pending.append(line)
    if pending:
        yield pending[0].lineno, "\n".join(map(str, pending))


def _wrapped(text: str) -> bool:
    """A line of prose (its clauses punctuated) that ends mid-sentence."""
    return bool(_PROSE.search(text)) and not text.endswith(_ENDS)


def _unnumbered(clause: str, marker: Marker | None, guessed: bool) -> str:
    """``clause`` without its number, ``marker`` (``match_marker`` of it); ``guessed``: also digits glued to the text
    (27构建…, an item's number where the numbering expects it), which a table's cell starts with as a value (0起)."""
    return clause[marker.length:] if marker and (guessed or marker.style not in GUESSED) else clause


def _texts(plan: dict) -> Iterator[str]:
    for name in ("title", "preamble", "notes", "closing"):
        yield plan.get(name) or ""
    for section in walk_sections(plan.get("sections") or []):
        yield section.get("title") or ""
        yield section.get("text") or ""
        yield section.get("number") or ""
    for item in walk_item_dicts(plan.get("sections") or []):
        yield from (item.get(name) or "" for name in ("text", "title", "number"))
        yield from (*(item.get("owners") or ()), *(item.get("support") or ()))
        # a target's text, and its parts: an indicator and the value of its row, joined by a space
        yield from (part for target in item.get("targets") or () for part in (target["text"], *target["text"].split()))
        # a target's unit, value and baseline: a table's 单位 and 完成值 columns, and a value alone (工作目标: 90%)
        yield from (str(target.get(name) or "") for target in item.get("targets") or ()
                    for name in ("unit", "value", "baseline"))
