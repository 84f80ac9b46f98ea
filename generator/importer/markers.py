"""Numbering markers at the start of a line: 第一部分 一、 (一) （一） 1. 1、 1． (1) ① 一是, 一） 1), and bare 27; and the symbols
marking items with no number: ● ■ ◆ ★ ▲ — ….

A marker has a *style* (which of the forms above) and a value.  Which style
is a section and which an item is not decided here: ``structure`` learns it
from the order in which the styles appear.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from ..numbering import number_value

_CN = "〇零一二三四五六七八九十百"
_OPEN, _CLOSE = "[(（]", "[)）]"
_DIGITS = "0-9０-９"  # full-width digits (１． （２） ３、) number as ASCII ones do, and are printed as them
_DIGIT = f"[{_DIGITS}]"
_ASCII = str.maketrans("０１２３４５６７８９", "0123456789")

SHI = "一是"  # the style of clauses inside a paragraph: 一是…；二是…
# and of the other words that number clauses (一要…二要…, 第一，…第二，…, 首先…其次…再次…最后…); these number no
# line of their own, and the last only clauses
YAO, DI, FIRST = "一要", "第一", "首先"
WORD_STYLES = (SHI, YAO, DI, FIRST)
PROBLEM = "问题1"
_ORDINAL_WORDS = {"首先": 1, "其次": 2, "再次": 3, "最后": 4}  # 最后: the one after the last, inside a paragraph

# (style, pattern); the pattern's group 1 is the number.  Order matters: the
# first match wins, so the parenthesised forms come before the bare ones.
STYLES: tuple[tuple[str, re.Pattern], ...] = (
    # the parts of a 工作总结和工作计划: 第一部分 2025年工作总结, 第二部分 2026年工作计划; printed as 一, 二
    ("第一部分", re.compile(r"第([一二三四五六七八九十]+)部分[\s、：:.．]*")),
    ("(一)", re.compile(rf"{_OPEN}\s*([{_CN}]+)\s*{_CLOSE}[、.．]?\s*")),
    ("(1)", re.compile(rf"{_OPEN}\s*({_DIGIT}{{1,3}})\s*{_CLOSE}[、.．]?\s*")),
    # a bracket left half open, 一） 1): a style of its own, but one sequence with (一) (1) where it continues theirs
    ("一)", re.compile(rf"([{_CN}]+)\s*{_CLOSE}[、.．]?\s*")),
    ("1)", re.compile(rf"({_DIGIT}{{1,3}})\s*{_CLOSE}[、.．]?\s*")),
    ("一、", re.compile(rf"([{_CN}]+)\s*、\s*")),
    (SHI, re.compile(r"([一二三四五六七八九十]+)是(?=[^\s，,。、是])")),
    (YAO, re.compile(r"([一二三四五六七八九十]+)要(?=[^\s，,。、要])")),
    (DI, re.compile(r"第([一二三四五六七八九十]+)[，,、：:]\s*")),
    (FIRST, re.compile(r"(首先|其次|再次|最后)[，,：:]\s*")),
    ("1.", re.compile(rf"({_DIGIT}{{1,3}})\s*[.．](?![{_DIGITS}.．])\s*")),
    ("1、", re.compile(rf"({_DIGIT}{{1,3}})\s*、\s*")),
    ("①", re.compile(r"([\u2460-\u2473])[、.．]?\s*")),
    # the problems a 整改方案 (plan of rectification) lists, each with its measures, units and time limit: 问题1：…
    (PROBLEM, re.compile(rf"问题\s*({_DIGIT}{{1,3}})\s*[：:]\s*")),
)
# a month heading a school's calendar (行事历) on a line of its own, 九月份： or 10月: the heading is its part's title, its
# number the month's (9), and the months of a school year run on from 十二月 to 一月
MONTH = "九月份"
_MONTH = re.compile(rf"([一二三四五六七八九十]{{1,3}}|{_DIGIT}{{1,2}})\s*月份?\s*[：:]?\s*$")
BARE = "1"  # digits glued to the text, as in "27构建…": an item only where the sequence expects it
_BARE = re.compile(rf"({_DIGIT}{{1,3}})(?=[\u4e00-\u9fff])")
# digits whose point is followed by the item's own digits, as in "18.65岁及以上…" or "3.12333热线…", which read as
# a decimal too: an item only where the sequence expects it
DECIMAL = "1.5"
_DECIMAL = re.compile(rf"({_DIGIT}{{1,3}})\s*[.．](?=[{_DIGITS}])")
GUESSED = (BARE, DECIMAL)  # styles that are a number only where a sequence expects it
ARABIC_STYLES = ("1.", "1、")
# styles whose numbers are one sequence where a number continues the other's (3、 after 1．2．, 二） after （一）)
KIN = (ARABIC_STYLES, ("(一)", "一)"), ("(1)", "1)"))

# symbols marking items with no number (● 深化理论武装。…); a dash, — or ——, only before words (not — 1 —)
_SYMBOLS = "●○■□◆◇★☆▲△►▶•▪◎"
DASH = "—"
BULLETS = frozenset(_SYMBOLS) | {DASH}  # their styles: each symbol its own, — and —— one
_BULLET = re.compile(rf"([{_SYMBOLS}]|{DASH}{{1,2}})[ \t\u3000]*(?=[\u4e00-\u9fff“])")

_INLINE = re.compile(r"(?:^|(?<=[。；;：:，,]))\s*(?=[一二三四五六七八九十第首其再最])")


@dataclass(frozen=True, slots=True)
class Marker:
    style: str
    number: str   # as printed without punctuation: 一, (一), 1, (1), ①, 一是 (第一部分: 一); a symbol: ●
    value: int    # a symbol's 0: ``structure`` counts them
    length: int   # characters the marker takes at the start of the line


def printed(style: str, digits: str) -> str:
    if style in ("(一)", "(1)", "一)", "1)"):
        return f"({digits})"
    if style in (SHI, YAO):
        return digits + style[1]
    if style == DI:
        return f"第{digits}"
    return digits


def match_marker(text: str) -> Marker | None:
    """The numbering marker ``text`` starts with, if any (bare numbers included)."""
    for style, pattern in STYLES:
        found = pattern.match(text)
        if found:
            number = printed(style, found.group(1).translate(_ASCII))
            value = _ORDINAL_WORDS.get(number) or number_value(number)
            if value is not None:
                return Marker(style, number, value, found.end())
    found = _MONTH.match(text)
    if found and 1 <= (month := number_value(found.group(1).translate(_ASCII)) or 0) <= 12:
        return Marker(MONTH, str(month), month, 0)
    found = _BULLET.match(text)
    if found:
        symbol = found.group(1)
        return Marker(DASH if symbol[0] == DASH else symbol, symbol, 0, found.end())
    for style, pattern in ((DECIMAL, _DECIMAL), (BARE, _BARE)):
        found = pattern.match(text)
        if found:
            digits = found.group(1).translate(_ASCII)
            return Marker(style, digits, int(digits), found.end())
    return None


def is_bullet(marker: Marker) -> bool:
    """Whether the marker is a symbol marking an item with no number (●)."""
    return marker.style in BULLETS


def starts_numbered(text: str) -> bool:
    """True if the line starts with a punctuated numbering marker (a heading or item; not a symbol, ●, which may
    mark a line of the preamble too)."""
    marker = match_marker(text)
    return marker is not None and marker.style not in GUESSED and not is_bullet(marker) \
        and marker.style not in WORD_STYLES[1:]


def inline_enumeration(text: str) -> list[tuple[int, Marker]]:
    """Where the clauses of a paragraph numbered by words start (一是, 二是 …; 一要 …; 第一， …; 首先 其次 再次, and
    最后 as the one after them), with their markers; [] unless the first is followed by the second.  Of several
    such words, those the paragraph starts numbering with first."""
    found: dict[str, list[tuple[int, Marker]]] = {}
    for at in _INLINE.finditer(text):
        marker = match_marker(text[at.end():])
        if marker is None or marker.style not in WORD_STYLES:
            continue
        clauses = found.setdefault(marker.style, [])
        expected = len(clauses) + 1
        if marker.value == expected or marker.number == "最后" and expected >= 3:
            clauses.append((at.end(), replace(marker, value=expected)))
    numbered = [clauses for clauses in found.values() if len(clauses) >= 2]
    return min(numbered, key=lambda clauses: clauses[0][0]) if numbered else []
