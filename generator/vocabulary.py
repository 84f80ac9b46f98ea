"""The curated vocabularies (organisations, departments, themes, metrics) and lookups over them."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property
from typing import Iterable

from .model import Department, Metric, Organisation, Theme


def normalise_name(name: str) -> str:
    """Owner names as plans print them, with spacing and full-width brackets folded."""
    return "".join(name.split()).replace("（", "(").replace("）", ")")


def placeholder_id(organisation: str, number: int) -> str:
    """The id ``plansite import --add-unknown-owners`` gives a unit it adds (no pinyin to make a better one)."""
    return f"{organisation}-unit-{number}"


def placeholder_number(department_id: str, organisation: str) -> int | None:
    """N of a placeholder id ``<organisation>-unit-N`` (see ``placeholder_id``), else None."""
    found = re.fullmatch(rf"{re.escape(organisation)}-unit-(\d+)", department_id)
    return int(found.group(1)) if found else None


def entries_named(entries: Iterable, name: str) -> list:
    """The entries (organisations, themes) whose ``name`` is ``name``, spacing and full-width brackets aside."""
    return [entry for entry in entries if normalise_name(entry.name) == normalise_name(name)]


@dataclass(frozen=True)
class Vocabulary:
    organisations: tuple[Organisation, ...] = ()
    departments: tuple[Department, ...] = ()
    themes: tuple[Theme, ...] = ()
    metrics: tuple[Metric, ...] = ()

    @cached_property
    def organisation_by_id(self) -> dict[str, Organisation]:
        return {o.id: o for o in self.organisations}

    @cached_property
    def department_by_id(self) -> dict[str, Department]:
        return {d.id: d for d in self.departments}

    @cached_property
    def theme_by_id(self) -> dict[str, Theme]:
        return {t.id: t for t in self.themes}

    @cached_property
    def metric_by_id(self) -> dict[str, Metric]:
        return {m.id: m for m in self.metrics}

    @cached_property
    def _metric_by_name(self) -> dict[str, Metric]:
        index: dict[str, Metric] = {}
        for metric in self.metrics:
            for name in (metric.name, *metric.aliases):
                index.setdefault(normalise_name(name), metric)
        return index

    def resolve_metric(self, name: str) -> Metric | None:
        """The metric a target's ``metric`` names, by name or alias (spacing and full-width brackets ignored)."""
        return self._metric_by_name.get(normalise_name(name))

    def metric_names(self) -> list[str]:
        """Every name a metric may be written as (for suggestions)."""
        return list(self._metric_by_name)

    @cached_property
    def _department_by_name(self) -> dict[tuple[str, str], Department]:
        index: dict[tuple[str, str], Department] = {}
        for department in self.departments:
            for name in department_names(department):
                index.setdefault((department.organisation, normalise_name(name)), department)
        return index

    def resolve_owner(self, owner: str, organisation: str) -> Department | None:
        """The department of the organisation an owner string names: its id, name, full name or alias."""
        by_id = self.department_by_id.get(owner)
        if by_id is not None and by_id.organisation == organisation:
            return by_id
        return self._department_by_name.get((organisation, normalise_name(owner)))

    def organisations_naming(self, owner: str) -> list[str]:
        """The organisations that have a department by this id, name or alias, in content order."""
        name = normalise_name(owner)
        by_id = self.department_by_id.get(owner)
        return list(dict.fromkeys([*([by_id.organisation] if by_id else []),
                                   *(org for (org, known) in self._department_by_name if known == name)]))

    def owner_names(self, organisation: str) -> list[str]:
        """Every name an owner of this organisation may be written as, as ``resolve_owner`` reads it: its
        departments' names, full names and aliases, and their ids (for suggestions)."""
        return [*(name for (org, name) in self._department_by_name if org == organisation),
                *(d.id for d in self.departments if d.organisation == organisation)]


def department_names(department: Department) -> tuple[str, ...]:
    names = (department.name, department.full_name, *department.aliases)
    return tuple(n for n in names if n)
