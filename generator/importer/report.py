"""What an import found, for the curator: counts and every place the importer was unsure of."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Iterator, Sequence


@dataclass(frozen=True, slots=True, order=True)
class Unsure:
    """A place in the source the curator should look at (``line`` is 1-based, 0 = the whole text)."""

    line: int
    message: str


def walk_sections(sections: list[dict]) -> Iterator[dict]:
    for section in sections:
        yield section
        yield from walk_sections(section.get("sections") or [])


def walk_item_dicts(sections: list[dict]) -> Iterator[dict]:
    for section in walk_sections(sections):
        yield from section.get("items") or []


def counts(plan: dict) -> dict[str, int]:
    sections = list(walk_sections(plan.get("sections") or []))
    items = list(walk_item_dicts(plan.get("sections") or []))
    owners = [name for item in items for name in (item.get("owners") or [])]
    support = [name for item in items for name in (item.get("support") or [])]
    return {
        "sections": len(sections),
        "items": len(items),
        "owners": len(owners),
        "distinct units": len(set(owners) | set(support)),
        "supporting": len(support),
        "targets": sum(len(item.get("targets") or []) for item in items),
        "items with themes": sum(1 for item in items if item.get("themes")),
        "items with a deadline": sum(1 for item in items if item.get("deadline")),
    }


def format_report(source: str, plan: dict, unsure: Iterable[Unsure], dropped: Iterable[int] = (),
                  places: Sequence[object] = ()) -> str:
    """The printed report: what was found, then the unsure places in source order, each line with its place in
    the document when ``places`` has one for each line (a workbook's sheet and row)."""
    numbers = counts(plan)
    lines = [
        f"import {source}",
        f"  plan: {plan.get('id')} · {plan.get('title')} · {plan.get('organisation')} · {plan.get('year')} · "
        f"{plan.get('kind')}",
        "  found: " + ", ".join(f"{value} {name}" for name, value in numbers.items()),
    ]
    dropped = sorted(dropped)
    if dropped:
        lines.append(f"  removed as site noise: line(s) {_ranges(dropped)}")
    unsure = sorted(set(unsure))
    lines.append(f"  unsure: {len(unsure)}" + ("" if unsure else " (nothing)"))
    lines.extend(f"    line {_place(u.line, places)}: {u.message}" if u.line else f"    {u.message}" for u in unsure)
    return "\n".join(lines) + "\n"


def _place(line: int, places: Sequence[object]) -> str:
    return f"{line} ({places[line - 1]})" if line <= len(places) else str(line)


def _ranges(numbers: list[int]) -> str:
    """1,2,3,7 -> '1–3, 7'."""
    parts, start, previous = [], numbers[0], numbers[0]
    for n in numbers[1:] + [None]:
        if n is not None and n == previous + 1:
            previous = n
            continue
        parts.append(str(start) if start == previous else f"{start}–{previous}")
        if n is not None:
            start = previous = n
    return ", ".join(parts)
