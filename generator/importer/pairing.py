"""Which items of a curated plan file, of the import of its source and of a new import are one item (for
``merge``), the plans being plain YAML data.

The file's items and the base's (both made from the file's source) are one item when they have the same key:
their section's numbers and their own (a curated ``id`` does not count, an import never has one).  The base's
and the new import's, perhaps two editions of a document, are paired by identity, as ``plansite changes``
pairs items (``changes.match_items``): the same key and similar text, then by text similarity, best pair first.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from .. import model
from ..changes import match_items
from ..ids import Placed, number_part


@dataclass(frozen=True)
class Placement:
    key: str       # the item's key, '2-3': its section's numbers and its own
    section: str   # its section's key, '2'
    entry: dict    # the item


def listed(value) -> list:
    return value if isinstance(value, list) else []


def keyed(entries: list[dict], parent: str) -> dict[str, dict]:
    """Entries by the parent's key and the value of their number.  Entries of one number are told apart by the
    order they come in: the second of number 1 is '1 (2)', matched with the second of the other side, so that
    none is lost (``plansite check`` asks a file to give such an item an ``id``)."""
    result: dict[str, dict] = {}
    seen: Counter[str] = Counter()
    for position, entry in enumerate(entries, 1):
        part = number_part(str(entry.get("number", "")), position)
        key = f"{parent}-{part}" if parent else part
        seen[key] += 1
        result[key if seen[key] == 1 else f"{key} ({seen[key]})"] = entry
    return result


def placements(plan: dict) -> tuple[dict[str, str], dict[str, Placement]]:
    """The plan's sections (key: its parent's key, '' at the top) and items (key: placement), in reading
    order."""
    sections: dict[str, str] = {}
    items: dict[str, Placement] = {}

    def walk(entries, parent: str) -> None:
        for key, section in keyed(listed(entries), parent).items():
            sections[key] = parent
            items.update((k, Placement(k, key, item)) for k, item in keyed(listed(section.get("items")), key).items())
            walk(section.get("sections"), key)

    walk(plan.get("sections"), "")
    return sections, items


def identity_pairs(old: dict[str, Placement], new: dict[str, Placement]) -> dict[str, str]:
    """{old key: new key} for the items that are one item by identity."""
    pairs, _, _ = match_items(_placed(old), _placed(new))
    return {a.key: b.key for a, b in pairs}


def _placed(items: dict[str, Placement]) -> list[Placed]:
    """The items as ``match_items`` takes them: by their key, number, title and text."""
    def item(entry: dict) -> model.Item:
        return model.Item(**{name: str(entry.get(name, "")) for name in ("number", "title", "text")})
    return [Placed(item(p.entry), p.key, (), (p.section,), (), position) for position, p in enumerate(items.values())]


class Pairing:
    """The items of the file (``mine``), the base and the new import, by key, and which are one item."""

    def __init__(self, mine: dict, base: dict, new: dict):
        mine_sections, self.mine = placements(mine)
        base_sections, self.base = placements(base)
        new_sections, self.new = placements(new)
        self.new_of_base = identity_pairs(self.base, self.new)
        self.base_of_new = {n: b for b, n in self.new_of_base.items()}
        # the new import's sections the merged plan has: the file has them too, or they are new in the source
        # (not the ones the curator deleted), as has the section they stand in
        self.kept_sections: set[str] = set()
        for key, parent in new_sections.items():  # a parent before its sections
            if (not parent or parent in self.kept_sections) and (key in mine_sections or key not in base_sections):
                self.kept_sections.add(key)

    def home(self, key: str) -> str:
        """The section the file's item ``key``, paired with an item of the new import, goes in: that item's,
        unless the merged plan lacks it (the curator deleted it), then the one it is in."""
        section = self.new[self.new_of_base[key]].section
        return section if section in self.kept_sections else self.mine[key].section
