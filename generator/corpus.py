"""The cross-index of a Site: every item once, grouped the ways the site is browsed.

Built from a site that passed validation (unknown owners, themes and
organisations are errors there), so every reference resolves here.  All
sequences are in one deterministic order: year descending, then plan id, then
reading order within the plan; vocabularies keep the order they are written in.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from itertools import groupby
from typing import Callable, Iterable, TypeVar

from .ids import Placed, item_anchor
from .load import Site
from .model import Department, Item, Organisation, Plan, Theme, commits
from .vocabulary import Vocabulary

T = TypeVar("T")
K = TypeVar("K")


@dataclass(frozen=True)
class Entry:
    """One item of one plan, with every reference resolved."""

    plan: Plan
    placed: Placed
    organisation: Organisation
    owners: tuple[Department, ...]
    support: tuple[Department, ...]
    themes: tuple[Theme, ...]

    @property
    def item(self) -> Item:
        return self.placed.item

    @property
    def anchor(self) -> str:
        return item_anchor(self.placed.key)


def plan_order(plan: Plan) -> tuple:
    return (-plan.year, plan.id)


def resolve_units(vocabulary: Vocabulary, names: Iterable[str], organisation: str) -> tuple[Department, ...]:
    """The departments named, in order, each once (a plan may name one unit by two aliases)."""
    found: dict[str, Department] = {}
    for name in names:
        department = vocabulary.resolve_owner(name, organisation)
        found.setdefault(department.id, department)
    return tuple(found.values())


def entries_of(vocabulary: Vocabulary, plan: Plan, items: tuple[Placed, ...]) -> tuple[Entry, ...]:
    """The entries of ``plan``'s ``items`` (``load.PlanFile.placed``)."""
    organisation = vocabulary.organisation_by_id[plan.organisation]
    return tuple(
        Entry(plan, placed, organisation,
              resolve_units(vocabulary, placed.item.owners, plan.organisation),
              resolve_units(vocabulary, placed.item.support, plan.organisation),
              tuple(vocabulary.theme_by_id[t] for t in dict.fromkeys(placed.item.themes)))
        for placed in items)


def grouped(records: Iterable[T], keys_of: Callable[[T], Iterable[K]], keys: Iterable[K]) -> dict[K, tuple[T, ...]]:
    """Records under each of ``keys`` (every key present, possibly empty), in their order; a record stands
    under each key ``keys_of`` gives it."""
    index: dict = {key: [] for key in keys}
    for record in records:
        for key in keys_of(record):
            index[key].append(record)
    return {key: tuple(found) for key, found in index.items()}


def runs(values: Iterable[T], key: Callable[[T], K]) -> list[tuple[K, list[T]]]:
    """Consecutive values sharing a key, in their order: the grouping of an already sorted list."""
    return [(k, list(group)) for k, group in groupby(values, key)]


def group_by_year(entries: Iterable[Entry]) -> list[tuple[int, list[Entry]]]:
    return runs(entries, lambda e: e.plan.year)


def group_by_plan(entries: Iterable[Entry]) -> list[tuple[Plan, list[Entry]]]:
    return [(group[0].plan, group) for _, group in runs(entries, lambda e: e.plan.id)]


def group_by_theme(entries: Iterable[Entry], themes: Iterable[Theme]) -> list[tuple[Theme | None, list[Entry]]]:
    """Entries under each theme that has any (an entry may stand under several), then those with none."""
    groups: dict[Theme | None, list[Entry]] = {theme: [] for theme in themes}
    groups[None] = []
    for entry in entries:
        for theme in entry.themes or (None,):
            groups[theme].append(entry)
    return [(theme, found) for theme, found in groups.items() if found]


@dataclass(frozen=True)
class Corpus:
    vocabulary: Vocabulary
    plans: tuple[Plan, ...]      # year descending, then id
    entries: tuple[Entry, ...]   # year descending, plan id, reading order

    @cached_property
    def by_plan(self) -> dict[str, tuple[Entry, ...]]:
        return grouped(self.entries, lambda e: (e.plan.id,), (p.id for p in self.plans))

    @cached_property
    def by_theme(self) -> dict[str, tuple[Entry, ...]]:
        return grouped(self.entries, lambda e: (t.id for t in e.themes), (t.id for t in self.vocabulary.themes))

    @cached_property
    def owned_by(self) -> dict[str, tuple[Entry, ...]]:
        return grouped(self.entries, lambda e: (d.id for d in e.owners), self._department_ids)

    @cached_property
    def supported_by(self) -> dict[str, tuple[Entry, ...]]:
        return grouped(self.entries, lambda e: (d.id for d in e.support), self._department_ids)

    @cached_property
    def by_year(self) -> dict[int, tuple[Entry, ...]]:
        return grouped(self.entries, lambda e: (e.plan.year,), self.years)

    @cached_property
    def years(self) -> tuple[int, ...]:
        return tuple(dict.fromkeys(p.year for p in self.plans))

    @cached_property
    def plans_by_year(self) -> dict[int, tuple[Plan, ...]]:
        return grouped(self.plans, lambda p: (p.year,), self.years)

    @cached_property
    def plans_by_organisation(self) -> dict[str, tuple[Plan, ...]]:
        return grouped(self.plans, lambda p: (p.organisation,), [o.id for o in self.vocabulary.organisations])

    @cached_property
    def plans_by_organisation_and_year(self) -> dict[tuple[str, int], tuple[Plan, ...]]:
        """Each organisation's plans of each year it published any in, by (organisation id, year)."""
        found: dict[tuple[str, int], list[Plan]] = {}
        for plan in self.plans:
            found.setdefault((plan.organisation, plan.year), []).append(plan)
        return {key: tuple(plans) for key, plans in found.items()}

    @cached_property
    def planned_years(self) -> dict[str, frozenset[int]]:
        """The years each organisation published a plan or breakdown in (not a review), by organisation id."""
        found: dict[str, set[int]] = {}
        for plan in self.plans:
            if commits(plan):
                found.setdefault(plan.organisation, set()).add(plan.year)
        return {organisation: frozenset(years) for organisation, years in found.items()}

    @cached_property
    def departments_by_organisation(self) -> dict[str, tuple[Department, ...]]:
        return grouped(self.vocabulary.departments, lambda d: (d.organisation,),
                       [o.id for o in self.vocabulary.organisations])

    @cached_property
    def counts(self) -> dict[str, int]:
        return {
            "plans": len(self.plans),
            "items": len(self.entries),
            "targets": sum(len(e.item.targets) for e in self.entries),
            "themes": len(self.vocabulary.themes),
            "departments": len(self.vocabulary.departments),
            "organisations": len(self.vocabulary.organisations),
            "years": len(self.years),
        }

    @property
    def _department_ids(self):
        return (d.id for d in self.vocabulary.departments)


def build_corpus(site: Site) -> Corpus:
    files = sorted(site.plans, key=lambda f: plan_order(f.plan))
    entries = tuple(e for f in files for e in entries_of(site.vocabulary, f.plan, f.placed))
    return Corpus(site.vocabulary, tuple(f.plan for f in files), entries)
