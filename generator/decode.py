"""Plain data (from ``yamlsource``) -> typed model, reporting every problem.

Driven by the dataclasses' type hints, so the model stays the one definition
of the format.  Every mismatch becomes a Diagnostic at the value's location;
decoding goes on past errors so that one run reports them all.
"""

from __future__ import annotations

import calendar
import contextlib
import dataclasses
import datetime
import math
import re
import types
import typing
import unicodedata
from functools import cache, cached_property
from typing import Callable

from .diagnostics import Diagnostic, did_you_mean
from .importer.owners import UNIT_SEPARATORS
from .numbering import chinese_to_int
from .yamlhints import TYPED_COLON, clipped, full_width_hint, read_as_text, single_quoted
from .yamlsource import Document


@cache
def hints(cls) -> dict:
    return typing.get_type_hints(cls)


def decode(cls, document: Document, diagnostics: list[Diagnostic]):
    """Decode the whole document as ``cls``.

    Decoding goes past errors (failed required fields get placeholders) so that one
    run reports everything; the result is only trustworthy when no error was added.
    ``None`` when the document is not even a mapping.
    """
    return _decoder(cls)(document.data, (), document, diagnostics)


_TYPE_NAMES = {str: "a string", int: "an integer", float: "a number", datetime.date: "a date (YYYY-MM-DD)"}


def _describe(value) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, str):
        return f"the text {value!r}" if len(value) < 40 else "a text"
    if isinstance(value, datetime.datetime):
        return f"a date with a time ({value.isoformat(sep=' ')})"
    return f"{type(value).__name__} {value!r}"


def _fail(expected: str, value, path, document, diagnostics, hint: str = "") -> None:
    curly = _curly_quoted(value)
    hint = hint or (f" ({CURLY_QUOTES}: write {_unquoted(curly)})" if curly is not None else "")
    diagnostics.append(document.diagnostic(path, f"expected {expected}, got {_describe(value)}{hint}"))


# A value in the quotes a word processor or an input method types (‘’ “”), which YAML reads as text: the quotes
# become part of it.
_CURLY = re.compile(r"\s*(?:\u2018([^\u2018\u2019\u201c\u201d]*)\u2019|\u201c([^\u2018\u2019\u201c\u201d]*)\u201d)\s*")
CURLY_QUOTES = "\u2018\u2019 and \u201c\u201d are not YAML's quotes but part of the text"
_CHINESE = re.compile(r"[\u3400-\u9fff]")


def _curly_quoted(value) -> str | None:
    """What ``value`` holds between curly quotes wrapping it whole, if it is such a text."""
    quoted = _CURLY.fullmatch(value) if isinstance(value, str) else None
    return None if quoted is None else quoted[1] if quoted[1] is not None else quoted[2]


def _unquoted(text: str) -> str:
    """``text`` as YAML writes it where a number or a date goes: bare, if it reads as one."""
    return text if re.fullmatch(rf"{_NUMBER}|{ISO_DATE.pattern}", text) else single_quoted(text)


# A decoder takes (value, path, document, diagnostics) and returns the decoded value, or None after adding
# a diagnostic.  ``_decoder`` makes one per type the first time the type is met: reading the type hints
# (typing.get_origin, dataclasses.fields ...) once per type, not once per value, is most of the speed.
Decoder = Callable[[object, tuple, Document, list], object]


@cache
def _decoder(tp) -> Decoder:
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        return _optional(tp)
    if origin is typing.Literal:
        return _literal(typing.get_args(tp))
    if origin is tuple:
        (inner, _ellipsis) = typing.get_args(tp)
        return _tuple(inner)
    if dataclasses.is_dataclass(tp):
        return _Dataclass(tp)
    return _SCALARS[tp]  # (a hint of another type is a KeyError on the first load, not a file's error)


def _optional(tp) -> Decoder:
    inner = next(a for a in typing.get_args(tp) if a is not type(None))

    def decode_optional(value, path, document, diagnostics):
        return None if value is None else _decoder(inner)(value, path, document, diagnostics)
    return decode_optional


# What reports write for a progress state (a ``Status``) in other words: the state they mean, which spelling
# alone does not find (正在推进 shares no character with 进行中) or finds among others (完成 is as close to 未完成).
SAID_FOR = {**dict.fromkeys(("完成", "已经完成", "全部完成", "完成了", "已完结", "已办结", "办结", "已落实"), "已完成"),
            **dict.fromkeys(("推进中", "正在推进", "正在进行", "进行", "实施中", "正在实施", "持续推进", "已启动",
                             "开展中", "落实中"), "进行中"),
            **dict.fromkeys(("未启动", "尚未开始", "尚未启动", "未开展", "没有开始"), "未开始"),
            **dict.fromkeys(("没有完成", "未能完成", "没完成"), "未完成")}


def _literal(choices: tuple) -> Decoder:
    def decode_literal(value, path, document, diagnostics):
        if value in choices:
            return value
        meant = SAID_FOR.get(value.strip()) if isinstance(value, str) else None
        suggested = f" (did you mean {meant!r}?)" if meant in choices else did_you_mean(str(value), choices)
        return _fail("one of " + ", ".join(repr(c) for c in choices) + suggested, value, path, document, diagnostics)
    return decode_literal


def _tuple(inner) -> Decoder:
    def decode_tuple(value, path, document, diagnostics):
        if value is None:
            return ()
        if not isinstance(value, list):
            hint = _list_hint(value) if inner is str and isinstance(value, str) else ""
            return _fail("a list", value, path, document, diagnostics, hint)
        # (looked up here: a dataclass may hold a tuple of itself)
        decode_inner = _decode_entry if inner is str else _decoder(inner)
        decoded = (decode_inner(v, path + (i,), document, diagnostics) for i, v in enumerate(value))
        return tuple(v for v in decoded if v is not None)
    return decode_tuple


def _decode_entry(value, path, document, diagnostics):
    """An entry of a list of texts (owners, themes, aliases, keywords …): a text that says something.  Empty or
    spaces alone it names nothing, yet it was read as a name: an owner ' ' was the unit that had an alias ' ', a
    keyword ' ' gave its theme to every item whose text holds a space."""
    text = _decode_str(value, path, document, diagnostics)
    if text is not None and not text.strip():
        diagnostics.append(document.diagnostic(path, "must not be blank: an entry empty or of spaces alone says "
                                                     "nothing; write the value, or delete the entry"))
        return None
    return text


_LIST_SEPARATOR = re.compile(rf"\s*[{re.escape(''.join(sorted(UNIT_SEPARATORS)))}]\s*")  # between a list's names
_LIST_END = "。；;，, \t\u3000"  # what may end a list as a sentence or a clause ends, no part of its last name
_OPENING = {"\u2018": "\u2019", "\u201c": "\u201d"}  # curly quotes: opening -> closing
_CLOSING = {closing: opening for opening, closing in _OPENING.items()}


def _list_hint(text: str) -> str:
    """' (write [基教科, 计财科])': the list of the names a text gives one after another, as a plan prints its units
    (基教科、计财科), without the curly quotes around it or a name (“基教科、计财科”, saying they are text), a quote
    opened or closed alone (“基教科、计财科) or the punctuation ending the text or a name (基教科、计财科。); a long list
    by its start and end."""
    whole = _curly_quoted(text.rstrip(_LIST_END))
    written = [name.rstrip(_LIST_END) for name in _LIST_SEPARATOR.split((text if whole is None else whole).strip())]
    bare = [_dequoted(name) for name in written]
    curly = f"{CURLY_QUOTES}: " if whole is not None or any(name is not None for name in bare) else ""
    names = [w if b is None else b for w, b in zip(written, bare)]
    shown, said = clipped(", ".join(_listed(name) for name in names if name))
    return f" ({curly}write [{shown}]{said})"


def _dequoted(name: str) -> str | None:
    """``name`` without the curly quotes around it (“基教科”) or one that opens or closes it alone (“基教科, 计财科”);
    None when it has none of these."""
    quoted = _curly_quoted(name)
    if quoted is not None:
        return quoted
    bare = name[1:] if name[:1] in _OPENING and _OPENING[name[0]] not in name else name
    bare = bare[:-1] if bare[-1:] in _CLOSING and _CLOSING[bare[-1]] not in bare else bare
    return None if bare == name else bare.strip()


def _listed(name: str) -> str:
    """``name`` as an entry of a YAML list in []: bare if YAML reads it back as that text (not null, on, 12 ...)."""
    return name if re.fullmatch(r"\w+", name) and read_as_text(name) else single_quoted(name)


def _decode_float(value, path, document, diagnostics):
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        return _fail("a number", value, path, document, diagnostics, _number_hint(value))
    return value


_NUMBER = r"[+-]?[0-9]+(?:\.[0-9]+)?"
_WITH_UNIT = re.compile(rf"({_NUMBER})\s*([^0-9\s.+-].*?)??\s*(以上|以下|以内|不超过)?")
_COMPARATOR_AFTER = {"以上": ">=", "以下": "<=", "以内": "<=", "不超过": "<="}
_RANGE = re.compile(rf"({_NUMBER})\s*[-~～—至到]\s*({_NUMBER})\s*(\S*)")


def _number_hint(value) -> str:
    """What to write for a text where a number belongs (58％, ５８, 五十八, 50-60%, '58'), as ' (…)'; ''."""
    if not isinstance(value, str):
        return ""
    text = unicodedata.normalize("NFKC", value).strip()  # full-width digits and signs as ASCII
    with contextlib.suppress(ValueError):
        number = float(text)
        if math.isfinite(number):
            return f" (write {number:g}, a number YAML reads as one)"
    if (spans := _RANGE.fullmatch(text)) is not None:
        return f" (a range: write comparator: range, min: {spans[1]}, max: {spans[2]}" + \
            (f", unit: '{spans[3]}')" if spans[3] else ")")
    if (unit := _WITH_UNIT.fullmatch(text)) is not None and (unit[2] or unit[3]):
        parts = [f"its unit in unit: '{unit[2]}'"] if unit[2] else []
        parts += [f"{unit[3]} as comparator: '{_COMPARATOR_AFTER[unit[3]]}'"] if unit[3] else []
        return f" (write the number alone, {unit[1]}, and {' and '.join(parts)})"
    if (number := chinese_to_int(text)) is not None:
        return f" (write it in digits: {number})"
    return ""


def _decode_int(value, path, document, diagnostics):
    if isinstance(value, bool) or not isinstance(value, int):
        return _fail("an integer", value, path, document, diagnostics, _integer_hint(value))
    return value


def _integer_hint(value) -> str:
    """What to write for a whole number written in full-width digits or with its unit (２０２５, 2025年), as ' (…)';
    ''."""
    digits = unicodedata.normalize("NFKC", value).strip().removesuffix("年").strip() if isinstance(value, str) else ""
    return f" (write {int(digits)})" if digits.isascii() and digits.isdigit() else ""


def _decode_str(value, path, document, diagnostics, printed: bool = False):
    if isinstance(value, str):  # (nearly every text has no closing curly quote: no match tried for it)
        curly = _curly_quoted(value) if "\u2019" in value or "\u201d" in value else None
        if curly is not None and (printed or not _CHINESE.search(curly)):  # (“双减” may be a text's own quotes)
            diagnostics.append(document.diagnostic(path, f"{CURLY_QUOTES}: write {single_quoted(curly)}",
                                                   "warning"))
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool):  # YAML read it as a number
        return _fail("a string (quote it to keep it as written)", value, path, document, diagnostics)
    return _fail("a string", value, path, document, diagnostics)


def _decode_printed(value, path, document, diagnostics):
    """A number as printed (``printed`` in the field's metadata): text, or a whole number written unquoted
    (``number: 1``).  Not a decimal: YAML reads ``1.10`` as the number 1.1, which would lose the 0."""
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    return _decode_str(value, path, document, diagnostics, printed=True)


ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")  # ASCII digits: \d would take ２０２５


def _decode_date(value, path, document, diagnostics):
    if isinstance(value, datetime.date) and not isinstance(value, datetime.datetime):
        return value
    if isinstance(value, str) and ISO_DATE.fullmatch(value):  # quoted (as editors' YAML 1.2 reads any date), or
        try:                                                     # one that does not exist, 2025-13-01
            return datetime.date.fromisoformat(value)
        except ValueError as error:
            return _fail("a date that exists", value, path, document, diagnostics, f" ({error})")
    return _fail("a date (YYYY-MM-DD)", value, path, document, diagnostics, _date_hint(value))


_DAY = re.compile(r"([0-9]{4})\s*[-/.年]\s*([0-9]{1,2})\s*[-/.月]\s*([0-9]{1,2})\s*日?")
_MONTH = re.compile(r"([0-9]{4})\s*[-/.年]\s*([0-9]{1,2})\s*月?\s*[底末]?")


def _date_hint(value) -> str:
    """What to write for a date written otherwise (2025/6/30, 2025年6月30日, ２０２５-１２-３１; a month, 2025年6月:
    its last day), as ' (…)'; ''."""
    if not isinstance(value, str):
        return ""
    text = unicodedata.normalize("NFKC", value).strip()
    if (day := _DAY.fullmatch(text)) is not None:
        numbers = tuple(map(int, day.groups()))
        with contextlib.suppress(ValueError):
            return f" (write {datetime.date(*numbers).isoformat()})"
    if (month := _MONTH.fullmatch(text)) is not None:
        year, number = int(month[1]), int(month[2])
        with contextlib.suppress(ValueError):  # (no such month, or year 0)
            last = datetime.date(year, number, calendar.monthrange(year, number)[1])
            return f" (a month: write the day it ends, {last.isoformat()})"
    return ""


_SCALARS = {float: _decode_float, int: _decode_int, str: _decode_str, datetime.date: _decode_date}


@dataclasses.dataclass(frozen=True)
class _Field:
    """What decoding needs to know of a dataclass field, read once."""

    name: str
    decoder: Decoder
    required: bool
    expected: str       # what a missing required field should have been
    placeholder: object  # the value a required field that failed gets
    check: Callable[[object], str | bool] | None  # its constraints (``_constraints``), if it has any


class _Dataclass:
    """The decoder of a dataclass: each field of a mapping decoded, unknown and missing fields reported."""

    def __init__(self, cls):
        self.cls = cls

    @cached_property
    def fields(self) -> tuple[_Field, ...]:
        """Made on first use: the decoders of the fields may need this decoder (nested sections)."""
        return tuple(_field(f, hints(self.cls)[f.name]) for f in dataclasses.fields(self.cls))

    @cached_property
    def names(self) -> dict[str, _Field]:
        return {f.name: f for f in self.fields}

    def __call__(self, value, path, document, diagnostics):
        if not isinstance(value, dict):
            if value is None and not path:
                diagnostics.append(document.diagnostic(path, "the file is empty (or holds only comments): "
                                                             "expected a mapping of fields"))
                return None
            return _fail("a mapping", value, path, document, diagnostics, _full_width_colon(value, self.names))
        names = self.names
        for key in value:
            if key not in names:
                hint = _full_width_colon(key, names) or did_you_mean(key, names)
                diagnostics.append(document.diagnostic(path + (key,), f"unknown field{hint}", at_key=True))
        kwargs = {}
        for f in self.fields:
            decoded = None
            if f.name not in value:
                if f.required:
                    diagnostics.append(document.diagnostic(path + (f.name,), f"missing required field {f.name!r}: "
                                                           f"expected {f.expected}"))
            else:
                decoded = f.decoder(value[f.name], path + (f.name,), document, diagnostics)
                problem = decoded is not None and f.check is not None and f.check(decoded)
                if problem:
                    diagnostics.append(document.diagnostic(path + (f.name,), problem))
                    decoded = None
            if decoded is not None:
                kwargs[f.name] = decoded
            elif f.required:
                # Keep going with a placeholder so later rules still check the rest of the
                # document; the error above already makes the load fail.
                kwargs[f.name] = f.placeholder
        return self.cls(**kwargs)


_TYPED_KEY = re.compile(r"\s*([a-z_]+)\s*" + TYPED_COLON)


def _full_width_colon(written, names) -> str:
    """A " (…)" hint if ``written`` starts with a field's name and a full-width colon "：", or a colon and a
    full-width space, as a Chinese input method types them: YAML then reads no key but text, a key of the text
    (in {}) or a text in place of a mapping (a mapping's only key), and the rest of the line with it."""
    typed = _TYPED_KEY.match(written) if isinstance(written, str) else None
    if typed is None or typed[1] not in names:
        return ""
    return f" ({full_width_hint(*typed.groups())})"


def _field(f: dataclasses.Field, tp) -> _Field:
    required = f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING
    decoder = _decode_printed if f.metadata.get("printed") else _decoder(tp)
    return _Field(f.name, decoder, required, _TYPE_NAMES.get(tp, "a value"), _placeholder(tp),
                  _constraints(f.metadata, blank_allowed=not (required and tp is str)))


def _placeholder(tp):
    if typing.get_origin(tp) is typing.Literal:
        return typing.get_args(tp)[0]
    return {str: "", int: 0, float: 0.0}.get(tp)


def field_problem(cls, name: str, value) -> str | bool:
    """What is wrong with ``value`` as the field ``name`` of the model class ``cls`` (its pattern or range), or
    False: the check a decoded file gets, for values from elsewhere (the command line)."""
    check = _field(next(f for f in dataclasses.fields(cls) if f.name == name), hints(cls)[name]).check
    return check(value) if check else False


def _constraints(metadata, blank_allowed: bool = True) -> Callable[[object], str | bool] | None:
    """A check of the field's pattern and range, that a required text is not blank (nor empty), and that a text
    the model says may not be blank (``blank=False``) is not, though it may be empty (the problem, or False);
    None when the field has none of these.

    The pattern of an id that refers to a vocabulary's entry (``refers`` in the model) is left to the schema:
    validation finds the id in the vocabulary or reports it, naming the id to write where a file gives an
    entry's name (``organisation: 湘潭市教育局``), which a pattern's error could not.
    """
    pattern = None if metadata.get("refers") else metadata.get("pattern")
    low, high = metadata.get("minimum"), metadata.get("maximum")
    spaces_allowed = metadata.get("blank", True)  # a text of spaces alone, where one may be empty
    if pattern is None and low is None and high is None and blank_allowed and spaces_allowed:
        return None

    def check(value) -> str | bool:
        if isinstance(value, str) and not value.strip():
            if not blank_allowed:
                return "must not be empty: a required field needs a value"
            if value and not spaces_allowed:
                return "must not be blank: spaces alone say nothing; write the value, or leave the field out"
        if pattern and isinstance(value, str) and value and not re.match(pattern, value):
            return (f"{value!r} is not a safe id: use lowercase ascii letters, digits and single "
                    "hyphens (e.g. 'pingxiang-edu-2021')")
        if low is not None and value < low or high is not None and value > high:
            return f"{value!r} is out of range ({low}–{high})"
        return False
    return check
