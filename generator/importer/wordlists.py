"""The numbers Word prints before the paragraphs of its automatic lists.

A Word document keeps ``1.`` ``一、`` ``（1）`` of an automatically numbered
paragraph out of its text: the paragraph names a list (``w:numPr``, on the
paragraph or on its style) and Word counts.  The importer reads numbering
from the text, so the count is redone here, as Word does it: one counter per
list definition and level, a level's counter restarted below a higher level,
the label built from the level's pattern (``%1、``, ``（%2）``) and format.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..numbering import CIRCLED, int_to_chinese

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_CIRCLED = {value: char for char, value in CIRCLED.items()}


def formatted(number: int, fmt: str) -> str | None:
    """The counter as the level's format prints it; None for a format the importer cannot read as numbering
    (bullets, letters, roman numerals: no numbering style of the genre)."""
    if fmt in ("decimal", "decimalZero", "decimalFullWidth", "decimalHalfWidth"):
        return str(number)
    if fmt in ("chineseCounting", "chineseCountingThousand", "chineseLegalSimplified", "ideographDigital",
               "japaneseCounting", "taiwaneseCounting", "taiwaneseCountingThousand"):
        return int_to_chinese(number) if number < 1000 else None
    if fmt in ("decimalEnclosedCircle", "decimalEnclosedCircleChinese"):
        return _CIRCLED.get(number)
    return None


@dataclass(frozen=True)
class _Level:
    start: int
    fmt: str
    text: str  # the label's pattern: %1 … %9 stand for the counters of levels 1 … 9


def _val(element, tag: str, default: str = "") -> str:
    child = element.find(_W + tag) if element is not None else None
    return child.get(_W + "val", default) if child is not None else default


def _levels(abstract) -> dict[int, _Level]:
    levels = {}
    for level in abstract.iter(_W + "lvl"):
        start = _val(level, "start", "1")
        levels[int(level.get(_W + "ilvl", "0"))] = _Level(int(start) if start.isdigit() else 1,
                                                          _val(level, "numFmt", "decimal"), _val(level, "lvlText"))
    return levels


@dataclass
class Lists:
    """The document's list definitions and the counters met so far (paragraphs must be given in order)."""

    abstract_of: dict[str, str] = field(default_factory=dict)                # numId -> abstractNumId
    levels: dict[str, dict[int, _Level]] = field(default_factory=dict)       # abstractNumId -> ilvl -> level
    overrides: dict[str, dict[int, int]] = field(default_factory=dict)       # numId -> ilvl -> start
    style_numbering: dict[str, tuple[str, int]] = field(default_factory=dict)  # styleId -> (numId, ilvl)
    counters: dict[str, dict[int, int]] = field(default_factory=dict)        # abstractNumId -> ilvl -> count
    started: set[str] = field(default_factory=set)                          # numIds whose overrides are applied
    labels: dict[object, str] = field(default_factory=dict)                 # paragraph element -> its label

    @classmethod
    def of(cls, document) -> "Lists":
        lists = cls()
        part = next((rel.target_part for rel in document.part.rels.values()
                     if rel.reltype.endswith("/numbering") and not rel.is_external), None)
        if part is not None:
            root = part.element
            for abstract in root.iter(_W + "abstractNum"):
                lists.levels[abstract.get(_W + "abstractNumId")] = _levels(abstract)
            for num in root.iter(_W + "num"):
                num_id = num.get(_W + "numId")
                lists.abstract_of[num_id] = _val(num, "abstractNumId")
                lists.overrides[num_id] = {
                    int(override.get(_W + "ilvl", "0")): int(_val(override, "startOverride", "1"))
                    for override in num.iter(_W + "lvlOverride") if override.find(_W + "startOverride") is not None}
        for style in document.styles.element.iter(_W + "style"):
            properties = style.find(_W + "pPr")
            numbering = properties.find(_W + "numPr") if properties is not None else None
            if numbering is not None:
                lists.style_numbering[style.get(_W + "styleId")] = (_val(numbering, "numId"),
                                                                    int(_val(numbering, "ilvl", "0") or 0))
        return lists

    def _numbering(self, paragraph) -> tuple[str, int] | None:
        properties = paragraph.find(_W + "pPr")
        numbering = properties.find(_W + "numPr") if properties is not None else None
        style = self.style_numbering.get(_val(properties, "pStyle"))
        if numbering is None:
            return style
        num_id = _val(numbering, "numId") or (style[0] if style else "")
        level = _val(numbering, "ilvl") or (str(style[1]) if style else "0")
        return num_id, int(level) if level.isdigit() else 0

    def label(self, paragraph) -> str:
        """The number Word prints before ``paragraph`` (an ``w:p`` element), "" if it is in no numbered list.
        Counted once per paragraph, however often it is asked (a vertically merged cell is met in each row)."""
        if paragraph not in self.labels:
            self.labels[paragraph] = self._count(paragraph)
        return self.labels[paragraph]

    def _count(self, paragraph) -> str:
        numbering = self._numbering(paragraph)
        abstract = self.abstract_of.get(numbering[0]) if numbering else None
        levels = self.levels.get(abstract)
        if not levels or numbering[1] not in levels:  # numId 0: numbering taken off the paragraph
            return ""
        num_id, level = numbering
        counters = self.counters.setdefault(abstract, {})
        if num_id not in self.started:  # a list instance restarting its definition's count
            self.started.add(num_id)
            for ilvl, start in self.overrides.get(num_id, {}).items():
                counters[ilvl] = start - 1
        counters[level] = counters.get(level, levels[level].start - 1) + 1
        for deeper in [ilvl for ilvl in counters if ilvl > level]:
            del counters[deeper]
        label = levels[level].text
        if formatted(1, levels[level].fmt) is None:  # a bullet, or a format of no numbering style
            return ""
        for ilvl in range(level, -1, -1):
            if f"%{ilvl + 1}" in label:
                shown = levels.get(ilvl)
                number = formatted(counters.get(ilvl, shown.start if shown else 1), shown.fmt if shown else "")
                if number is None:
                    return ""
                label = label.replace(f"%{ilvl + 1}", number)
        return label
