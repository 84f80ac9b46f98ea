"""Stable identifiers and URL anchors for sections and items.

The rule (documented in README): an item's id is its own ``id`` field when a
curator set one; otherwise the values of the numbers on its path joined with
hyphens -- item 5 of section (一) of section 二 is ``2-1-5``.  An item without a
readable number uses its 1-based position.  Ids are unique within a plan, so
``<plan id>#item-<id>`` identifies an item across the whole site.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterator

from .model import Item, Section
from .numbering import number_value


def number_part(printed: str, position: int) -> str:
    value = number_value(printed)
    return str(value) if value is not None else f"p{position}"


def section_key(parent: str, section: Section, position: int) -> str:
    part = number_part(section.number, position)
    return f"{parent}-{part}" if parent else part


def item_key(section_key_: str, item: Item, position: int) -> str:
    if item.id:
        return item.id
    part = number_part(item.number, position)
    return f"{section_key_}-{part}" if section_key_ else part


def item_anchor(key: str) -> str:
    return f"item-{key}"


def section_anchor(key: str) -> str:
    return f"sec-{key}"


@dataclass(frozen=True, slots=True)
class Placed:
    """An item with where it stands in its plan."""

    item: Item
    key: str                       # stable id within the plan
    sections: tuple[Section, ...]  # from the top-level section down to the item's own
    section_keys: tuple[str, ...]
    path: tuple                    # path into the YAML document, for diagnostics
    position: int                  # 0-based order of the item in the whole plan


@dataclass(frozen=True, slots=True)
class PlacedSection:
    """A section with where it stands in its plan."""

    section: Section
    sections: tuple[Section, ...]  # from the top-level section down to this one, itself included
    section_keys: tuple[str, ...]  # their keys: this section's is the last
    path: tuple                    # path into the YAML document, for diagnostics


def walk_sections(sections: tuple[Section, ...]) -> Iterator[PlacedSection]:
    """Every section of a plan in reading order (a section before those it holds), with its key and trail."""
    def walk(sections, trail, keys, path):
        for i, section in enumerate(sections):
            key = section_key(keys[-1] if keys else "", section, i + 1)
            here = PlacedSection(section, trail + (section,), keys + (key,), path + ("sections", i))
            yield here
            yield from walk(section.sections, here.sections, here.section_keys, here.path)

    yield from walk(sections, (), (), ())


def walk_items(sections: tuple[Section, ...]) -> Iterator[Placed]:
    """Every item of a plan in reading order, with its key and section trail."""
    position = 0
    for placed in walk_sections(sections):
        for j, item in enumerate(placed.section.items):
            yield Placed(item, item_key(placed.section_keys[-1], item, j + 1), placed.sections, placed.section_keys,
                         placed.path + ("items", j), position)
            position += 1
