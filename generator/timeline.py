"""The site's view of its git history: page dates, editions, plan histories, lines for the feeds.

Pure: built from the corpus and a ``SiteHistory`` (which ``build`` reads, see ``sitehistory``).

Page dates.  A page's date is the newest last-change date of its sources
(``history.page_dates``): a plan page's source is its plan file; a theme,
department or organisation page's are the plan files with items (or plans)
filed under it and the vocabulary file that defines it; a year page's are the
plans of the year; listing pages (the home page, 全部计划, 所有事项, …) and any
other generated page depend on every plan, and listings of a vocabulary on its
file too.  Dates are those of committed changes; edition pages carry their
own dates instead.

Links.  A change of an older edition links the item where it stands now: its
key is followed through the moves of the later editions and of the unpublished
changes.  An item removed since, or in a plan removed since, is named without
a link, so no link of an old edition breaks.  Items named by a reference field
(``changes.REFERENCES``: reviews, evidence) are named as they were at the
revision of the value (their plan's title, their number and title as printed,
as plan pages name the items a review reports on) and linked in the same way:
a value before a change is followed from the revision before it, a value after
from the change's own.  A reference that named no item there is shown as
written.
"""

from __future__ import annotations

import os
import re
from collections import Counter
from dataclasses import dataclass
from datetime import datetime
from typing import Callable, Iterable, Mapping

from .addresses import EDITIONS, LISTINGS, page_path
from .changes import ITEM_FIELDS, PLAN_FIELDS, REFERENCES, SECTION_FIELDS, Changelog, ItemChange, NamedItem, PlanChange
from .changetext import Names, Run, describe_section, field_runs, move_place, target_runs
from .corpus import Corpus
from .history import page_dates
from .ids import item_anchor
from .labels import CHANGES, VALUE_MOVES, numbered
from .load import VOCABULARY_FILES, Site, vocabulary_path
from .model import Department, Organisation, Theme
from .project import SiteConfig
from .sitehistory import NOTHING, Concern, SiteHistory
from .vocabulary import Vocabulary


@dataclass(frozen=True)
class Line:
    """One change as the site shows it: a line on a page, an entry of the feeds."""

    text: str                    # e.g. 修改 1. 扩大普惠资源 (see item_label)
    plan: str                    # plan id
    ref: str                     # which change of the plan: "" for the plan itself, else KIND/ITEM KEY
    anchor: str                  # the item's anchor on its plan page now; "" when there is none
    details: tuple[tuple[Run, ...], ...]  # the fields and targets that changed, a line each (changetext.field_runs)
    themes: frozenset[str]       # ids of the themes it concerns (that exist now)
    departments: frozenset[str]  # ids of the departments it concerns


@dataclass(frozen=True)
class PlanChanges:
    """What changed in one plan."""

    plan: str
    title: str
    kind: str                    # added | removed | changed
    linked: bool                 # the plan has a page now
    headline: Line               # the plan itself: added, removed, or its fields or sections (details) changed
    items: tuple[Line, ...]      # its items, by kind then position

    @property
    def anchor(self) -> str:
        """Where the plan's changes stand on an edition page (plan ids are slugs)."""
        return f"plan-{self.plan}"

    @property
    def lines(self) -> tuple[Line, ...]:
        """The lines worth an entry: the headline unless the plan only changed in its items."""
        shown = self.kind != "changed" or self.headline.details
        return ((self.headline,) if shown else ()) + self.items


@dataclass(frozen=True)
class EditionView:
    version: str
    key: str                     # its page is page_path(EDITIONS, key)
    date: datetime
    previous: str                # the edition before, "" for the first
    summary: str
    plans: tuple[PlanChanges, ...]

    @property
    def page(self) -> str:
        return page_path(EDITIONS, self.key)

    @property
    def day(self) -> str:
        """The day it was published, where it was published (the tag's time zone)."""
        return f"{self.date:%Y-%m-%d}"


@dataclass(frozen=True)
class Timeline:
    status: str                           # as SiteHistory.status
    editions: tuple[EditionView, ...]     # newest first
    unreleased: tuple[PlanChanges, ...]   # since editions[0]
    unreleased_summary: str
    dates: Mapping[str, datetime]         # {generated page in docs/: date}
    config: SiteConfig                    # the site's name and address (mkdocs.yml)

    @property
    def latest(self) -> EditionView | None:
        return self.editions[0] if self.editions else None

    def plan_history(self, plan_id: str) -> list[tuple[EditionView | None, PlanChanges]]:
        """What changed in one plan, newest first; the unpublished changes have no edition (None)."""
        found = [(None, p) for p in self.unreleased if p.plan == plan_id]
        return found + [(e, p) for e in self.editions for p in e.plans if p.plan == plan_id]


def build_timeline(site: Site, corpus: Corpus, history: SiteHistory, pages: Iterable[str]) -> Timeline:
    """The timeline of a site whose generated pages are ``pages`` (paths in docs/)."""
    now = {(e.plan.id, e.placed.key) for e in corpus.entries}
    records = history.editions
    # the key moves of each changelog, oldest first: those from the nth on lead an item of its older revision
    # to now, those after it an item of its newer revision
    steps = [key_moves(r.edition.changes) for r in records]
    steps += [key_moves(history.unreleased)] if history.unreleased else []
    keys = edition_keys(r.edition.version for r in records)
    names = vocabulary_names(corpus.vocabulary)
    views = []
    for n, record in enumerate(records):
        changelog = record.edition.changes
        views.append(EditionView(
            record.edition.version, keys[record.edition.version], record.edition.date,
            records[n - 1].edition.version if n else "", summary(changelog.plans),
            tuple(plan_changes(change, plan_concern, item_concerns, steps[n:], now, corpus, names)
                  for change, plan_concern, item_concerns in zip(changelog.plans, record.plans, record.items))))
    unreleased = history.unreleased.plans if history.unreleased else ()
    return Timeline(history.status, tuple(reversed(views)),
                    tuple(plan_changes(c, NOTHING, (NOTHING,) * len(c.items), steps[-1:], now, corpus, names)
                          for c in unreleased),
                    summary(unreleased), dated_pages(site, corpus, history.source_dates, pages), history.config)


# --- changes as lines --------------------------------------------------------------

def plan_changes(change: PlanChange, plan_concern: Concern, item_concerns: tuple[Concern, ...], steps,
                 now: set, corpus: Corpus, names: Names) -> PlanChanges:
    """One plan's changes as lines, each with what it concerns; ``steps`` (its changelog's key moves and
    those after) lead the item keys of its older revision to now, ``steps[1:]`` those of its newer;
    ``names`` name the ids (``vocabulary_names``)."""
    label = {"added": "新增计划", "removed": "删除计划", "changed": "修改计划信息"}[change.kind]
    before = {**names, **linked(change.named_before, steps, now)}
    after = {**names, **linked(change.named_after, steps[1:], now)}
    details = field_runs(change.fields, PLAN_FIELDS, before, after) + [
        (Run(describe_section(section)), *(run for line in field_runs(section.fields, SECTION_FIELDS)
                                           for run in (Run("；"), *line)))
        for section in change.sections]
    headline = Line(f"{label}：{change.title}", change.plan, "", "", tuple(details),
                    *relevance(corpus.vocabulary, plan_concern))
    items = []
    for item, concern in zip(change.items, item_concerns):
        key = follow(change.plan, item.after.key, steps[1:]) if item.after else None
        details = field_runs(item.fields, ITEM_FIELDS, before, after) + [target_runs(t, before, after)
                                                                        for t in item.targets]
        ref = f"{item.kind}/{(item.after or item.before).key}"
        items.append(Line(item_label(item), change.plan, ref, item_anchor(key) if (change.plan, key) in now else "",
                          tuple(details), *relevance(corpus.vocabulary, concern)))
    return PlanChanges(change.plan, change.title, change.kind, change.plan in corpus.by_plan, headline, tuple(items))


def item_label(change: ItemChange) -> str:
    """'修改 1. 扩大普惠资源': an item's change, the item named as its plan page prints it (its number and
    title), where ``plansite changes`` names it by its key; a move says where from and the number it had."""
    item = change.after or change.before
    label = f"{CHANGES[change.kind]} {numbered(item.number, item.title)}"
    if change.kind != "moved":
        return label
    a, b = change.before, change.after
    return f"{label}（{move_place(change)}{f'，原编号 {a.number}' if a.number != b.number else ''}）"


def linked(named: Mapping[str, NamedItem], steps, now: set) -> Names:
    """How a change names the values of the ``REFERENCES`` fields at one revision: the item a reference named
    there (``named``) by its label, linked where ``steps`` lead it if it is in the site ``now``; anything else
    as written."""
    def name(value: str) -> Run:
        found = named.get(value)
        if found is None:
            return Run(value)
        key = follow(found.plan, found.item.key, steps)
        if (found.plan, key) not in now:
            return Run(found.label)
        return Run(found.label, page=page_path("plans", found.plan), anchor=item_anchor(key))

    return dict.fromkeys(REFERENCES, name)


def vocabulary_names(vocabulary: Vocabulary) -> Names:
    """How a change names the ids of the vocabularies, as the site's pages do: a theme or an organisation by
    its name, and a unit written as a department's id by the department's name (a unit written by its name
    or an alias stays as written).  An id the vocabulary no longer has is shown as it is."""
    def named(records: Mapping[str, Organisation | Department | Theme]) -> Callable[[str], Run]:
        return lambda key: Run(records[key].name if key in records else key)

    units = named(vocabulary.department_by_id)
    return {"organisation": named(vocabulary.organisation_by_id), "themes": named(vocabulary.theme_by_id),
            "owners": units, "support": units}


def key_moves(changelog: Changelog) -> dict[str, dict[str, str | None] | None]:
    """{plan id: {item key before: key after, None when removed}}; None for a plan added or removed
    (no key from before belongs to it after).  Keys not listed stay as they are."""
    return {p.plan: {i.before.key: i.after.key if i.after else None for i in p.items if i.before}
            if p.kind == "changed" else None for p in changelog.plans}


def follow(plan: str, key: str, steps) -> str | None:
    """Where the item ``key`` of ``plan`` stands after the ``steps`` (``key_moves``), or None if gone."""
    for moves in steps:
        if plan in moves:
            if moves[plan] is None:
                return None
            key = moves[plan].get(key, key)
            if key is None:
                return None
    return key


def relevance(vocabulary: Vocabulary, concern: Concern) -> tuple[frozenset[str], frozenset[str]]:
    """The ids of the themes and departments of the current vocabulary that ``concern`` names."""
    themes = frozenset(t for t in concern.themes if t in vocabulary.theme_by_id)
    units = (vocabulary.resolve_owner(name, organisation) for organisation, name in concern.units)
    return themes, frozenset(d.id for d in units if d is not None)


def summary(plans: tuple[PlanChange, ...]) -> str:
    """'新增计划 1 份、修改计划 1 份；事项新增 2 条、修改 1 条；目标数值提高 1 项', or '计划没有变化'."""
    plan_kinds = Counter(p.kind for p in plans)
    item_kinds = Counter(i.kind for p in plans for i in p.items)
    directions = Counter(t.direction for p in plans for i in p.items for t in i.targets if t.direction)
    whole = [f"{CHANGES[k]}计划 {plan_kinds[k]} 份" for k in ("added", "removed", "changed") if plan_kinds[k]]
    items = [f"{CHANGES[k]} {item_kinds[k]} 条" for k in CHANGES if item_kinds[k]]
    targets = [f"{label} {directions[d]} 项" for d, label in VALUE_MOVES.items() if directions[d]]
    parts = [prefix + "、".join(found) for prefix, found in (("", whole), ("事项", items), ("目标数值", targets)) if found]
    return "；".join(parts) or "计划没有变化"


def edition_keys(versions: Iterable[str]) -> dict[str, str]:
    """{version: the name of its page}: the version itself where it is a plain file name, else a safe
    spelling of it (made unique with the edition's number)."""
    keys: dict[str, str] = {}
    taken = {"index"}
    for n, version in enumerate(versions, 1):
        key = re.sub(r"[^0-9A-Za-z._-]", "-", version).lstrip(".") or "edition"
        key = f"{key}-{n}" if key in taken else key
        keys[version] = key
        taken.add(key)
    return keys


# --- page dates -----------------------------------------------------------------

def dated_pages(site: Site, corpus: Corpus, dates: Mapping[str, datetime], pages: Iterable[str]) -> dict:
    """{page: date} for the generated Markdown pages whose sources have dates (see the module docstring)."""
    if not dates:
        return {}
    plan_file = {f.plan.id: os.path.normpath(f.path) for f in site.plans}
    vocabulary = {name: vocabulary_path(site.root, name) for name in VOCABULARY_FILES}
    everything = set(plan_file.values()) | set(vocabulary.values())

    def plans_of(entries) -> set[str]:
        return {plan_file[e.plan.id] for e in entries}

    sources = {page_path("plans", plan_id): {path} for plan_id, path in plan_file.items()}
    sources.update((page_path("themes", t.id), plans_of(corpus.by_theme[t.id]) | {vocabulary["themes"]})
                   for t in corpus.vocabulary.themes)
    sources.update((page_path("departments", d.id), plans_of(corpus.owned_by[d.id] + corpus.supported_by[d.id])
                    | {vocabulary["departments"]}) for d in corpus.vocabulary.departments)
    sources.update((page_path("organisations", o.id), {plan_file[p.id] for p in corpus.plans_by_organisation[o.id]}
                    | {vocabulary["organisations"]}) for o in corpus.vocabulary.organisations)
    sources.update((page_path("years", year), {plan_file[p.id] for p in plans})
                   for year, plans in corpus.plans_by_year.items())
    all_plans = set(plan_file.values())
    sources["index.md"] = all_plans
    sources.update((page_path(kind), all_plans | ({vocabulary[kind]} if kind in vocabulary else set()))
                   for kind in LISTINGS)
    generated = [p for p in pages if p.endswith(".md") and not p.startswith(f"{EDITIONS}/")]
    return page_dates(dates, {page: sources.get(page, everything) for page in generated})
