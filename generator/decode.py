"""Plain data (from ``yamlsource``) -> typed model, reporting every problem.

Driven by the dataclasses' type hints, so the model stays the one definition
of the format.  Every mismatch becomes a Diagnostic at the value's location;
decoding goes on past errors so that one run reports them all.
"""

from __future__ import annotations

import dataclasses
import datetime
import math
import re
import types
import typing
from functools import cache

from .diagnostics import Diagnostic, did_you_mean
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
    return _decode(cls, document.data, (), document, diagnostics)


_TYPE_NAMES = {str: "a string", int: "an integer", float: "a number", bool: "true or false",
               datetime.date: "a date (YYYY-MM-DD)"}


def _describe(value) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, str):
        return f"the text {value!r}" if len(value) < 40 else "a text"
    return f"{type(value).__name__} {value!r}"


def _decode(tp, value, path, document, diagnostics):
    def fail(expected):
        diagnostics.append(document.diagnostic(path, f"expected {expected}, got {_describe(value)}"))
        return None

    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        options = [a for a in typing.get_args(tp) if a is not type(None)]
        if value is None:
            return None
        if options == [float] or set(options) == {int, float}:
            tp = float
        else:
            tp = options[0]
        return _decode(tp, value, path, document, diagnostics)
    if origin is typing.Literal:
        choices = typing.get_args(tp)
        if value in choices:
            return value
        return fail("one of " + ", ".join(repr(c) for c in choices) + did_you_mean(str(value), choices))
    if origin is tuple:
        (inner, _ellipsis) = typing.get_args(tp)
        if value is None:
            return ()
        if not isinstance(value, list):
            return fail("a list")
        decoded = (_decode(inner, v, path + (i,), document, diagnostics) for i, v in enumerate(value))
        return tuple(v for v in decoded if v is not None)
    if dataclasses.is_dataclass(tp):
        return _decode_dataclass(tp, value, path, document, diagnostics)
    if tp is float:
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
            return fail("a number")
        return value
    if tp is int:
        if isinstance(value, bool) or not isinstance(value, int):
            return fail("an integer")
        return value
    if tp is str:
        if isinstance(value, str):
            return value
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return str(value)  # numbers as printed ("1") are written unquoted in YAML
        return fail("a string")
    if tp is datetime.date:
        if isinstance(value, datetime.date) and not isinstance(value, datetime.datetime):
            return value
        return fail("a date (YYYY-MM-DD)")
    if isinstance(value, tp):
        return value
    return fail(_TYPE_NAMES.get(tp, tp.__name__))


def _decode_dataclass(cls, value, path, document, diagnostics):
    if not isinstance(value, dict):
        diagnostics.append(document.diagnostic(path, f"expected a mapping, got {_describe(value)}"))
        return None
    fields = {f.name: f for f in dataclasses.fields(cls)}
    for key in value:
        if key not in fields:
            diagnostics.append(document.diagnostic(
                path + (key,), f"unknown field{did_you_mean(key, fields)}", at_key=True))
    kwargs = {}
    for name, f in fields.items():
        required = f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING
        decoded = None
        if name not in value:
            if required:
                expected = _TYPE_NAMES.get(hints(cls)[name], "a value")
                diagnostics.append(document.diagnostic(path + (name,), f"missing required field {name!r}: "
                                                       f"expected {expected}"))
        else:
            decoded = _decode(hints(cls)[name], value[name], path + (name,), document, diagnostics)
            problem = decoded is not None and _check_constraints(f, decoded)
            if problem:
                diagnostics.append(document.diagnostic(path + (name,), problem))
                decoded = None
        if decoded is not None:
            kwargs[name] = decoded
        elif required:
            # Keep going with a placeholder so later rules still check the rest of the
            # document; the error above already makes the load fail.
            kwargs[name] = _placeholder(hints(cls)[name])
    return cls(**kwargs)


def _placeholder(tp):
    if typing.get_origin(tp) is typing.Literal:
        return typing.get_args(tp)[0]
    return {str: "", int: 0, float: 0.0}.get(tp)


def _check_constraints(f: dataclasses.Field, value) -> str | bool:
    pattern = f.metadata.get("pattern")
    if pattern and isinstance(value, str) and value and not re.match(pattern, value):
        return (f"{value!r} is not a safe id: use lowercase ascii letters, digits and single "
                "hyphens (e.g. 'pingxiang-edu-2021')")
    low, high = f.metadata.get("minimum"), f.metadata.get("maximum")
    if low is not None and value < low or high is not None and value > high:
        return f"{value!r} is out of range ({low}–{high})"
    return False
