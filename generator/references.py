"""References to an item of a plan, written ``<plan id>#<item id>`` (e.g. ``xx-edu-2025#2-1``).

A review's statements name the items they report on this way (``reviews``), and
a target's ``evidence`` may name the review item that reports its progress.
The item id is the one ``ids`` gives the item, so the reference is also the
item's address on the site: ``plans/<plan id>/#item-<item id>``.
"""

from __future__ import annotations

import re
from typing import NamedTuple
from urllib.parse import urlsplit

from .diagnostics import did_you_mean
from .load import PlanFile
from .model import WORDS

_REFERENCE = re.compile(f"({WORDS})#({WORDS})")


class ItemReference(NamedTuple):
    plan: str
    item: str

    def __str__(self) -> str:
        return f"{self.plan}#{self.item}"


def parse_reference(text: str) -> ItemReference | None:
    """The reference ``text`` writes, or None when it is not of the form ``<plan id>#<item id>``."""
    found = _REFERENCE.fullmatch(text.strip())
    return ItemReference(*found.groups()) if found else None


def is_web_address(text: str) -> bool:
    """Whether ``text`` is an http(s) address (``HTTPS://`` too, spaces around it aside): what a plan's
    source.url, the data licence and an evidence that is no reference must be, and what the site links."""
    parts = urlsplit(text.strip())
    return parts.scheme.lower() in ("http", "https") and bool(parts.netloc)


def reference_problem(text: str, plans: dict[str, PlanFile]) -> str | None:
    """Why ``text`` names no item of the plan files ``plans`` (``load.Site.files_by_id``; with a suggestion), or
    None when it does."""
    reference = parse_reference(text)
    if reference is None:
        return f"{text!r} is not an item reference: write <plan id>#<item id>, e.g. 'xx-edu-2025#2-1'"
    plan_file = plans.get(reference.plan)
    if plan_file is None:
        return f"unknown plan {reference.plan!r}" + did_you_mean(reference.plan, plans)
    if reference.item not in plan_file.item_keys:
        return f"plan {reference.plan!r} has no item {reference.item!r}" + did_you_mean(
            reference.item, [placed.key for placed in plan_file.placed])
    return None
