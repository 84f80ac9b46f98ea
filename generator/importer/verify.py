"""`plansite import SOURCE --verify PLAN.yaml`: do the items still say what the source says at their spans?

The source is read and cleaned as an import would; the characters that come
from an item's span are compared with the item's text, ignoring whitespace
(items join paragraphs with line breaks; the source may indent them).
"""

from __future__ import annotations

from ..diagnostics import Diagnostic
from ..ids import walk_items
from ..load import load_document
from ..model import Plan
from .clean import Cleaned
from .pipeline import names_another_source, read_clean, stored_path
from .textmap import LineIndex, squeezed

CONTEXT = 12


def text_at(cleaned: Cleaned, start: int, end: int) -> str:
    """The cleaned text whose characters come from source offsets [start, end)."""
    return "".join(ch for line in cleaned.lines for ch, at in zip(line.text.text, line.text.origin)
                   if start <= at < end)


def difference(expected: str, found: str) -> str:
    """Where two texts part: a few characters of each from the first difference."""
    at = next((i for i, (a, b) in enumerate(zip(expected, found)) if a != b), min(len(expected), len(found)))
    return (f"from character {at}: the item has “{expected[at:at + CONTEXT]}”, "
            f"the source has “{found[at:at + CONTEXT]}”")


def verify(source_path: str, plan_path: str, root: str) -> tuple[list[Diagnostic], str]:
    """One diagnostic per item whose text does not match the source at its span; first a warning when the
    plan names another source file (``root``: the project root, which ``source.file`` is relative to); and how
    many of the plan's items match (empty when the plan or the source could not be read)."""
    diagnostics: list[Diagnostic] = []
    document, plan = load_document(plan_path, Plan, diagnostics)
    text, cleaned, said, _ = read_clean(source_path)
    diagnostics.extend(said)
    if plan is None or cleaned is None:
        return diagnostics, ""
    if names_another_source(root, plan.source.file, source_path):
        diagnostics.append(document.diagnostic(("source", "file"), (
            f"the plan was imported from {plan.source.file}, not from {stored_path(root, source_path)}: its spans "
            "are offsets in that file, so items that do not match may only be read in another text"), "warning"))
    line_of = LineIndex(text).line_of
    items = list(walk_items(plan.sections))
    unmatched = len(diagnostics)
    for placed in items:
        item, path = placed.item, placed.path
        if len(item.span) != 2:
            diagnostics.append(document.diagnostic(path, f"item {placed.key} has no span to verify", "warning"))
            continue
        start, end = item.span
        found = squeezed(text_at(cleaned, start, end))
        expected = squeezed(item.text)
        if found != expected:
            where = f"span [{start}, {end}], source line {line_of(start)}" if end <= len(text) else \
                f"span [{start}, {end}] is past the end of the source ({len(text)} characters)"
            diagnostics.append(document.diagnostic(
                path + ("text",), f"item {placed.key} no longer matches the source ({where}): "
                + difference(expected, found)))
    matching = len(items) - (len(diagnostics) - unmatched)
    return diagnostics, f"{matching} of {len(items)} item(s) match the source at their spans"
