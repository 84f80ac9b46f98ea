"""Text that remembers where each of its characters came from.

The importer cleans, joins and cuts the source text, yet every item must keep
a ``span`` into the source text *as read* (decoded, before cleaning).  A
``Mapped`` string carries, for each character, its offset in that source; the
stages slice and join ``Mapped`` values instead of plain strings, and the
span of whatever is left is always known.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from typing import Iterable

from .markers import starts_numbered


@dataclass(frozen=True, slots=True)
class Mapped:
    text: str
    origin: tuple[int, ...]  # source offset of each character of ``text``
    end: int                 # source offset just past the text (where an empty text stands)

    @classmethod
    def of(cls, text: str) -> "Mapped":
        """The source text itself: character i comes from offset i."""
        return cls(text, tuple(range(len(text))), len(text))

    def __str__(self) -> str:
        return self.text

    def __len__(self) -> int:
        return len(self.text)

    def __getitem__(self, index: slice) -> "Mapped":
        start, stop, _ = index.indices(len(self.text))
        stop = max(start, stop)
        end = self.origin[stop - 1] + 1 if stop > start else (
            self.origin[start] if start < len(self.origin) else self.end)
        return Mapped(self.text[start:stop], self.origin[start:stop], end)

    def __add__(self, other: "Mapped") -> "Mapped":
        if not self.text:
            return other
        if not other.text:
            return self
        return Mapped(self.text + other.text, self.origin + other.origin, other.end)

    def span(self) -> tuple[int, int]:
        """[start, end) of the text in the source (first to last character)."""
        if not self.text:
            return (self.end, self.end)
        return (self.origin[0], self.origin[-1] + 1)

    def source_offset(self, index: int) -> int:
        """Source offset of character ``index`` (or of the end)."""
        return self.origin[index] if index < len(self.origin) else self.end

    def split(self, separator: str) -> list["Mapped"]:
        """The pieces of the text between each ``separator``, as ``str.split`` cuts it (empty ones too)."""
        pieces, start = [], 0
        for piece in self.text.split(separator):
            pieces.append(self[start:start + len(piece)])
            start += len(piece) + len(separator)
        return pieces

    def strip(self, chars: str | None = None) -> "Mapped":
        text = self.text
        start = len(text) - len(text.lstrip(chars))
        stop = len(text.rstrip(chars))
        return self[start:max(start, stop)]


def squeezed(text: str) -> str:
    """``text`` without any whitespace: texts compared so are the same however spaced or wrapped (电　话, a title
    cut over two lines)."""
    return "".join(text.split())


def joined(parts: Iterable[Mapped], separator: str) -> Mapped:
    """Parts joined by ``separator``; separator characters map to the end of the part before them."""
    texts: list[str] = []
    origin: list[int] = []
    end = 0
    for index, part in enumerate(parts):  # as part + glue + part + … would, in one pass (not a copy per part)
        for piece in (part,) if index == 0 else (Mapped(separator, (end,) * len(separator), end), part):
            if piece.text or not origin:  # an empty piece keeps the end, unless all before is empty too
                end = piece.end
            texts.append(piece.text)
            origin.extend(piece.origin)
    return Mapped("".join(texts), tuple(origin), end)


@dataclass(frozen=True, slots=True)
class Line:
    """One non-blank line of the document, stripped, with its line number in the source."""

    text: Mapped
    lineno: int
    # the line with the tabs around its words, where it has no tab between them (合计\t\t: a table row whose last
    # cells are empty), read as a row where it is a total, or a row the open table takes that is no note (注：…) nor
    # a table's title (表2 …) (``structure``); else None
    row: Mapped | None = None

    def __str__(self) -> str:
        return self.text.text


class LineIndex:
    """Source offsets -> 1-based line numbers."""

    def __init__(self, source: str):
        self._breaks = [i for i, ch in enumerate(source) if ch == "\n"]

    def line_of(self, offset: int) -> int:
        return bisect.bisect_left(self._breaks, offset) + 1


# Whitespace but the tab: around a table row's cells, tabs are its empty first or last cells, not indentation
_BLANK_BUT_TAB = "".join(c for c in map(chr, range(0x3001)) if c.isspace() and c != "\t")


def split_lines(source: str) -> list[Line]:
    """The non-blank lines of the source text, stripped of surrounding whitespace; a line with tabs between its
    words (a table's row: 具体措施 below a 重点任务 written once) keeps the tabs around them, unless it starts
    with a number (\t1.\t加强党建, as Word saves a numbered paragraph as text); one with tabs after its words
    alone (合计\t\t) keeps them, and any before them, as its ``Line.row``."""
    lines = []
    for lineno, raw in enumerate(Mapped.of(source).split("\n"), 1):
        text, tabbed = raw.strip(), raw.strip(_BLANK_BUT_TAB)
        if "\t" in text.text and not starts_numbered(text.text):
            text = tabbed
        tabs_after = tabbed.text.endswith("\t") and "\t" not in text.text and not starts_numbered(text.text)
        if text.text:
            lines.append(Line(text, lineno, tabbed if tabs_after else None))
    return lines
