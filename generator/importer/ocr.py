"""Digits that text recognition read as letters, in a text pasted from a scanned PDF: 2O25年, l2月, l.壮大….

Only where the letter can be nothing but a digit: in a run of digits that starts with a real one, or ends with
one before a unit or date (l0个), and stands by no other Latin letter (2O25, 3O日; not ISO9001, O2O, O3, CO2,
COVID-19); between 年 and 月 or 月 and 日 (2025年ll月); as the number of an item at a line's start (l.壮大特色产业,
（l）开展…; not (I), a Roman one); and a number split by a space at a line's start (1 0.强化金融支农).  Each line
mended is reported: the curator checks the reading.  The mended text keeps each character's source offset, so
spans and ``--verify`` still hold."""

from __future__ import annotations

import re

from .report import Unsure
from .textmap import Line, Mapped

_LETTERS = "OolI"
_AS_DIGIT = str.maketrans(_LETTERS, "0011")
_RUN = re.compile(rf"(?<![A-Za-z0-9])[0-9{_LETTERS}]+(?![A-Za-z0-9])")  # standing by no other Latin letter
_COUNTED = tuple("年月日时号个万亿元%％.．、人家所项次条名座处")  # after a number starting with a letter (l0个; not O3)
_IN_DATE = re.compile(r"(?<=年)[lI]{1,2}(?=月)|(?<=月)[lI]{1,2}(?=日)")
_ITEM_NUMBER = re.compile(r"^[(（]?l[.．、)）]")  # not I: (I) may be a Roman one
_SPLIT_NUMBER = re.compile(r"^[(（]?[0-9]( )[0-9][.．、)）]")


def _slips(text: str) -> list[tuple[int, int]]:
    """The [start, end) of each stretch of ``text`` holding letters read for digits."""
    found = [m.span() for m in _RUN.finditer(text) if any(c in _LETTERS for c in m.group()) and (
        m.group()[0].isdigit() or m.group()[-1].isdigit() and text[m.end():m.end() + 1] in _COUNTED)]
    found += [m.span() for m in _IN_DATE.finditer(text)]
    number = _ITEM_NUMBER.match(text)
    if number:
        found.append(number.span())
    return sorted(set(found))


def _mended(line: Line) -> tuple[Line, str | None]:
    """The line with its digits mended, and what was read (None: nothing to mend)."""
    mapped = line.text
    slips = _slips(mapped.text)
    split = _SPLIT_NUMBER.match(mapped.text)
    if not slips and not split:
        return line, None
    text = list(mapped.text)
    for start, end in slips:
        text[start:end] = mapped.text[start:end].translate(_AS_DIGIT)
    mended = Mapped("".join(text), mapped.origin, mapped.end)
    readings = [f"“{mapped.text[start:end]}” as {mended.text[start:end]}" for start, end in slips]
    if split:
        at, end = split.start(1), split.end()
        mended = mended[:at] + mended[at + 1:]
        readings.insert(0, f"“{mapped.text[:end]}” as {mended.text[:end - 1]}")
    return Line(mended, line.lineno), ", ".join(readings)


def mend(lines: list[Line]) -> tuple[list[Line], tuple[Unsure, ...]]:
    """The lines with the digits text recognition misread mended, and a note for each line mended."""
    mended, notes = [], []
    for line in lines:
        line, readings = _mended(line)
        mended.append(line)
        if readings:
            notes.append(Unsure(line.lineno, f"read {readings}: letters or a space in a number, as text "
                                             "recognition leaves them in a scanned document; check the source"))
    return mended, tuple(notes)
