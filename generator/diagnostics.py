"""Errors and warnings as data, each with the place it refers to."""

from __future__ import annotations

import difflib
import json
import sys
from dataclasses import dataclass
from typing import Iterable, Literal

from .labels import COMPARATORS

Severity = Literal["error", "warning"]


@dataclass(frozen=True, slots=True)
class Diagnostic:
    """One problem found in an input file.

    ``line`` and ``column`` are 1-based; 0 means "the whole file".
    ``field`` is a path into the document such as ``sections[1].items[0].owners[2]``.
    """

    path: str
    line: int
    column: int
    field: str
    message: str
    severity: Severity = "error"

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}:{self.column}" if self.line else self.path  # 0: the whole file
        field = f" {self.field}:" if self.field else ""
        return f"{where}: {self.severity}:{field} {self.message}"

    def as_dict(self) -> dict:
        return {
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "field": self.field,
            "severity": self.severity,
            "message": self.message,
        }


def has_errors(diagnostics: Iterable[Diagnostic]) -> bool:
    return any(d.severity == "error" for d in diagnostics)


# A comparator's sign as the site prints it (≥: ``labels.COMPARATORS``), as other fonts draw it (≧ ⩾) or as a
# Chinese input method types it (＝ ＞ ＜), and how YAML writes the comparator.
SIGNS = str.maketrans({**{sign: written for written, sign in COMPARATORS.items() if sign != written},
                       "≧": ">=", "⩾": ">=", "≦": "<=", "⩽": "<=", "＝": "=", "＞": ">", "＜": "<"})


def did_you_mean(word: str, choices: Iterable[str], first: Iterable[str] = ()) -> str:
    """A " (did you mean …?)" suffix naming the closest choices, or "".

    First ``first`` (choices a caller knows to be close), then the choices written with the same characters in
    another order (=> for >=), signs folded to those a comparator is written with (≥ and ≧ for >=, ＝ for =:
    ``SIGNS``), then those difflib finds close.
    """
    choices, folded = list(choices), sorted(word.translate(SIGNS))
    swapped = [c for c in choices if c != word and sorted(c) == folded]
    close = list(dict.fromkeys([*first, *swapped, *difflib.get_close_matches(word, choices, n=3, cutoff=0.5)]))[:3]
    if not close:
        return ""
    return " (did you mean " + " or ".join(repr(c) for c in close) + "?)"


def and_joined(words: list[str]) -> str:
    """Words as a message lists them: "A, B and C", "A and B", "A"; "" for none."""
    return " and ".join(filter(None, (", ".join(words[:-1]), *words[-1:])))


def field_path(path: tuple) -> str:
    """Render ('sections', 1, 'items', 0) as 'sections[1].items[0]'."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out


class InputError(Exception):
    """Raised by stages that cannot go on; carries the diagnostics that stopped them."""

    def __init__(self, diagnostics: list[Diagnostic]):
        super().__init__("\n".join(str(d) for d in diagnostics))
        self.diagnostics = diagnostics


def print_diagnostics(diagnostics: list[Diagnostic], fmt: str = "text", *, strict: bool = False,
                      to_stderr: bool = False) -> int:
    """Print diagnostics as a linter does, by file, then line, then column (not in the order the checks found
    them, nor errors first), on stdout, or on stderr where stdout has other work (``plansite import``'s draft),
    and their count on stderr; return exit code."""
    diagnostics = sorted(diagnostics, key=lambda d: (d.path, d.line, d.column))  # stable: one place's in order
    if strict:
        diagnostics = [Diagnostic(d.path, d.line, d.column, d.field, d.message, "error") for d in diagnostics]
    out = sys.stderr if to_stderr else sys.stdout
    if fmt == "json":
        json.dump([d.as_dict() for d in diagnostics], out, ensure_ascii=False, indent=2)
        print(file=out)
    else:
        for d in diagnostics:
            print(d, file=out)
    errors = sum(d.severity == "error" for d in diagnostics)
    warnings = len(diagnostics) - errors
    if fmt != "json":
        print(f"{errors} error(s), {warnings} warning(s)", file=sys.stderr)
    return 1 if errors else 0
