"""What changed in the plans between two revisions: a semantic changelog.

``plansite changes REV_A [REV_B]`` (``changetext``) compares the plans of two
revisions (tags, branches, commits); REV_B defaults to ``WORKTREE``, the files
on disk as they are now (a branch or tag literally named WORKTREE cannot be
compared).

Plans are the same plan when they have the same ``id``, wherever their file is.
Items of the same plan are paired in three steps:

1. same item key (its explicit ``id`` or the key derived from its numbering,
   see ``ids.py``) and similar text → the same item, perhaps changed;
2. the items left on both sides are paired by text similarity, best pair first
   (ties: earlier old item, then earlier new item), taking each item once;
3. what is still left was removed (old side) or added (new side).

A pair whose key or section keys differ was *moved*: ``renumbered`` when its
section titles are the same, else moved to another ``section`` (an item with
an explicit id keeps its key wherever it goes).  Every pair of step 2 is a
move, since step 1 would have paired it otherwise.

Sections are paired in three steps too, each taking only sections the steps
before left: (a) the same titles from the top down; (b) sections an item went
from and to, those most items followed first (a section renamed, perhaps
renumbered); (c) the same key and similar title and introductory text (a
section renamed in place whose items all changed).  What is left was added or
removed; a pair whose title or introductory text differs changed.

"Similar" means a :class:`difflib.SequenceMatcher` ratio of at least
``SIMILAR`` (0.6) between the items' (or sections') title and text.

The targets of a paired item are paired too: same text first, then same
metric, comparator and unit (in order); the rest were added or removed.  When
a pair keeps its metric, comparator and unit but not its value, the target was
``raised`` or ``lowered`` by ``delta``, and ``stricter`` says whether that asks
more (higher for ``>=``/``>``, lower for ``<=``/``<``; unknown for ``=``).
Range targets report which bound changed, without a direction.

Some fields hold item references (``REFERENCES``: an item's ``reviews``, a
target's ``evidence``; see ``references``).  A changed plan records the items
its changed references name, each at the revision of the value (``named_before``
from the older plans, ``named_after`` from the newer), so a change can name them
as their plan page prints them; a value that names no item there (a web
address, a broken reference) has none.

The vocabularies of content/ are compared by their entries' ids, which name
pages (``departments/<id>/``) and feeds: an id at one revision only is
``renamed`` when an entry of the same name (a department's: of the same
organisation, followed through its own id's renaming) lost its id and took
it, else ``removed`` or ``added``.  Their other fields are not compared.

``changetext`` tells a changelog in words, for the command and the site.
"""

from __future__ import annotations

import dataclasses
import datetime
import os
import posixpath
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from difflib import SequenceMatcher

from . import yamlsource
from .decode import decode
from .diagnostics import Diagnostic, has_errors
from .gitrepo import Repo
from .ids import Placed, PlacedSection, walk_items, walk_sections
from .labels import CHANGES, numbered
from .load import VOCABULARY_FILES, PlanFile, plan_paths
from .model import Item, Plan, Section, Target
from .project import CONTENT, PLANS
from .references import parse_reference

WORKTREE = "WORKTREE"
SIMILAR = 0.6

# The fields compared, with their labels: every field of the model but those named in ``NOT_COMPARED``
# (tests/test_changes.py holds the two together, so a field added to the format is reported or explained).
PLAN_FIELDS = {"title": "标题", "organisation": "发布机构", "year": "年度", "kind": "类型",
               "published": "发布日期", "source": "来源", "preamble": "总体要求", "notes": "备注", "closing": "结束语"}
ITEM_FIELDS = {"number": "编号", "title": "标题", "text": "正文", "owners": "责任单位", "support": "配合单位",
               "themes": "主题", "deadline": "完成时限", "status": "进展", "reviews": "报告的事项"}
SECTION_FIELDS = {"title": "标题", "text": "导语"}
TARGET_FIELDS = {"text": "原文", "metric": "指标", "comparator": "比较", "value": "数值", "min": "下限",
                 "max": "上限", "unit": "单位", "deadline": "完成时限", "baseline": "基数", "status": "进展",
                 "actual": "实际值", "as_of": "截至", "evidence": "依据"}
NOT_COMPARED = {
    "id": "a plan's and an item's identity: see the module docstring",
    "sections": "a plan's sections and items are compared one by one (section_changes, item_changes)",
    "items": "a section's items are compared one by one (item_changes)",
    "number": "a section's number makes its key, by which section_changes pairs what titles do not",
    "targets": "an item's targets are compared one by one (target_changes)",
    "span": "provenance: where an item's text stands in the source file, not what it says",
}
# Fields whose values are a set in meaning, however the YAML orders them: an item is filed under its themes
# (the site lists it under each, once), so themes reordered are no change.  Owners are as stated, in order.
UNORDERED = {"themes"}
# Fields whose values are item references, <plan id>#<item id> (an evidence may be a web address instead).
REFERENCES = {"reviews", "evidence"}
KIND_ORDER = tuple(CHANGES)
VOCABULARY_KINDS = ("renamed", "removed", "added")  # the order a vocabulary's changes are listed in
STRICTER_WHEN_RAISED = {">=": True, ">": True, "<=": False, "<": False}


# --- the changelog as data ---------------------------------------------------

@dataclass(frozen=True)
class FieldChange:
    field: str
    before: object  # JSON-ready values: lists, dicts, strings, numbers, ISO dates
    after: object


@dataclass(frozen=True)
class TargetChange:
    """A target of a paired item that was added, removed or changed."""

    kind: str                  # added | removed | changed
    before: dict | None        # the target as plain data; None when added
    after: dict | None         # None when removed
    fields: tuple[str, ...] = ()   # changed: which of TARGET_FIELDS
    direction: str = ""        # raised | lowered: the value moved, metric, comparator and unit the same
    delta: float | None = None     # after - before, with a direction
    stricter: bool | None = None   # with a direction: does it ask more? None for '='


@dataclass(frozen=True)
class ItemRef:
    """An item as it stands at one revision."""

    key: str                    # its id within the plan (anchor item-<key>)
    title: str
    sections: tuple[str, ...]   # section titles from the top down to the item's own
    number: str                 # as printed (the site names an item so, the command by its key)


@dataclass(frozen=True)
class NamedItem:
    """The item a reference names at one revision."""

    plan: str                   # plan id
    plan_title: str
    item: ItemRef

    @property
    def label(self) -> str:
        """'示例市教育局2025年工作要点 · 1. 扩大普惠资源': its plan's title, its number and title as printed."""
        return f"{self.plan_title} · {numbered(self.item.number, self.item.title)}"


@dataclass(frozen=True)
class ItemChange:
    kind: str                  # added | removed | moved | changed
    before: ItemRef | None     # None when added
    after: ItemRef | None      # None when removed
    move: str = ""             # moved only: renumbered (same sections) | section (other section)
    fields: tuple[FieldChange, ...] = ()
    targets: tuple[TargetChange, ...] = ()


@dataclass(frozen=True)
class SectionChange:
    kind: str                          # added | removed | changed
    before: tuple[str, ...] | None     # its title and those of the sections it stands in, from the top down;
    after: tuple[str, ...] | None      # None when added (before) or removed (after)
    fields: tuple[FieldChange, ...] = ()


@dataclass(frozen=True)
class PlanChange:
    kind: str                  # added | removed | changed
    plan: str                  # plan id
    title: str
    path: str                  # file at the newer revision (older when removed)
    fields: tuple[FieldChange, ...] = ()
    items: tuple[ItemChange, ...] = ()  # by kind (added, removed, moved, changed), then position
    sections: tuple[SectionChange, ...] = ()  # by kind (added, removed, changed), then position
    # {reference as written: the item it names} for the references among its changes that name one, at the
    # older revision (the values before) and at the newer (after)
    named_before: dict[str, NamedItem] = field(default_factory=dict)
    named_after: dict[str, NamedItem] = field(default_factory=dict)


@dataclass(frozen=True)
class EntryChange:
    """An id of a vocabulary's entry at one revision only."""

    vocabulary: str            # a key of ``load.VOCABULARY_FILES``: organisations, departments, themes, metrics
    kind: str                  # renamed (the same name, another id) | removed | added
    name: str                  # the entry's name (the newer one's when renamed)
    before: str                # its id at the older revision; "" when added
    after: str                 # "" when removed


@dataclass(frozen=True)
class Changelog:
    before: str                # the revisions as given
    after: str
    plans: tuple[PlanChange, ...]   # by plan id
    warnings: tuple[str, ...] = ()  # files (plans, vocabularies) that could not be read and were left out
    vocabularies: tuple[EntryChange, ...] = ()  # by vocabulary (VOCABULARY_FILES' order), kind, then id

    def as_dict(self) -> dict:
        return dataclasses.asdict(self)


# --- reading plans at a revision --------------------------------------------

def read_plans(root: str, rev: str) -> tuple[dict[str, PlanFile], list[str], set[str]]:
    """The plans of ``rev`` (or of the work tree for ``WORKTREE``) by id, warnings, and the paths of the files
    left out because they have errors.

    Plan paths are relative to ``root``; a file with errors is left out with a
    warning naming them; of two plans with one id the first file wins.
    """
    if rev == WORKTREE:
        sources = {os.path.relpath(path, root).replace(os.sep, "/"): None for path in plan_paths(root)}
        label = ""
    else:
        sources = {path: text for path, text in Repo(root).files(rev, PLANS).items()
                   if path.endswith((".yaml", ".yml"))}
        label = f"{rev}:"
    plans: dict[str, PlanFile] = {}
    warnings, broken = [], set()
    for path, text in sorted(sources.items()):
        document, plan, problem = read_file(root, label, path, text, Plan, "a plan")
        if problem:
            warnings.append(problem)
            broken.add(path)
        elif plan.id in plans:
            warnings.append(f"left out {label}{path}: plan id {plan.id!r} is also in {plans[plan.id].path}")
        else:
            plans[plan.id] = PlanFile(path, plan, document)
    return plans, warnings, broken


def read_file(root: str, label: str, path: str, text: str | None, cls: type, what: str):
    """(document, value, "") of the YAML file ``path`` decoded as ``cls`` (``what`` it is, as a warning names
    it): ``text`` as read from git at the revision ``label`` names, or the file on disk (None); with errors,
    (None, None, a warning naming them)."""
    diagnostics: list[Diagnostic] = []
    document, problems = yamlsource.load(os.path.join(root, path) if text is None else label + path, text)
    diagnostics.extend(problems)
    value = decode(cls, document, diagnostics) if document is not None else None
    if value is not None and not has_errors(diagnostics):
        return document, value, ""
    errors = [str(d) for d in diagnostics if d.severity == "error"] or [f"{label}{path}: not {what}"]
    return None, None, f"left out {label}{path}: " + "; ".join(errors)


def read_vocabularies(root: str, rev: str) -> tuple[dict[str, tuple], list[str]]:
    """The entries of each vocabulary of ``rev`` (or of the work tree for ``WORKTREE``) by its name in
    ``VOCABULARY_FILES`` (none where its file is missing), and warnings: a file with errors is left out."""
    paths = {name: posixpath.join(CONTENT, file) for name, (file, _) in VOCABULARY_FILES.items()}
    if rev == WORKTREE:
        sources = {path: None for path in paths.values() if os.path.isfile(os.path.join(root, path))}
    else:
        sources = Repo(root).files(rev, *paths.values())
    entries, warnings = {}, []
    for name, path in paths.items():
        if path not in sources:
            entries[name] = ()
            continue
        _, file, problem = read_file(root, "" if rev == WORKTREE else f"{rev}:", path, sources[path],
                                     VOCABULARY_FILES[name][1], f"a list of {name}")
        if problem:
            warnings.append(problem)
        else:
            entries[name] = getattr(file, name)
    return entries, warnings


def compare_revisions(root: str, before: str, after: str = WORKTREE) -> Changelog:
    """The changelog from ``before`` to ``after``; raises ``GitError`` for an unknown revision."""
    plans, old_warnings, new_warnings = plan_changes(root, before, after)
    old_entries, old_left_out = read_vocabularies(root, before)
    new_entries, new_left_out = read_vocabularies(root, after)
    return Changelog(before, after, plans, tuple(old_warnings + old_left_out + new_warnings + new_left_out),
                     vocabulary_changes(old_entries, new_entries))


def plan_changes(root: str, before: str, after: str = WORKTREE) -> tuple[tuple[PlanChange, ...], list[str], list[str]]:
    """The changes of the plans from ``before`` to ``after`` (no vocabulary is read), and the warnings of reading
    each (``read_plans``); raises ``GitError`` for an unknown revision."""
    old, old_warnings, old_broken = read_plans(root, before)
    new, new_warnings, new_broken = read_plans(root, after)
    # a plan whose file has errors on one side is compared on neither: it was not added or removed
    old = {plan_id: plan for plan_id, plan in old.items() if plan.path not in new_broken}
    new = {plan_id: plan for plan_id, plan in new.items() if plan.path not in old_broken}
    return compare(old, new), old_warnings, new_warnings


def vocabulary_changes(before: dict[str, tuple], after: dict[str, tuple]) -> tuple[EntryChange, ...]:
    """The ids renamed, removed and added in each vocabulary read at both revisions (``read_vocabularies``), as
    the module docstring says."""
    changes: list[EntryChange] = []
    organisations: dict[str, str] = {}  # {old id: new id} of the organisations renamed
    for name in VOCABULARY_FILES:
        if name not in before or name not in after:
            continue  # left out at one revision: not compared
        old_ids, new_ids = {entry.id for entry in before[name]}, {entry.id for entry in after[name]}
        came: dict[tuple[str, str], list] = defaultdict(list)
        for entry in after[name]:
            if entry.id not in old_ids:
                came[(entry.name, getattr(entry, "organisation", ""))].append(entry)
        found = []
        for entry in before[name]:
            if entry.id in new_ids:
                continue
            organisation = getattr(entry, "organisation", "")
            same = came[(entry.name, organisations.get(organisation, organisation))]
            if same:
                found.append(EntryChange(name, "renamed", entry.name, entry.id, same.pop(0).id))
            else:
                found.append(EntryChange(name, "removed", entry.name, entry.id, ""))
        found += [EntryChange(name, "added", entry.name, "", entry.id) for left in came.values() for entry in left]
        if name == "organisations":
            organisations = {c.before: c.after for c in found if c.kind == "renamed"}
        changes += sorted(found, key=lambda c: (VOCABULARY_KINDS.index(c.kind), c.before or c.after))
    return tuple(changes)


# --- comparing ---------------------------------------------------------------

def compare(before: dict[str, PlanFile], after: dict[str, PlanFile]) -> tuple[PlanChange, ...]:
    """Plan by plan (sorted by id), what changed from ``before`` to ``after``; unchanged plans are left out
    (a plan equal on both sides before its items are paired, which is where the time would go)."""
    changes = []
    for plan_id in sorted(before.keys() | after.keys()):
        old, new = before.get(plan_id), after.get(plan_id)
        if old is not None and new is not None and old.plan == new.plan:
            continue
        if old is None or new is None:
            kind, file = ("added", new) if old is None else ("removed", old)
            changes.append(PlanChange(kind, plan_id, file.plan.title, file.path))
            continue
        fields = field_changes(old.plan, new.plan, PLAN_FIELDS)
        matched = match_items(list(walk_items(old.plan.sections)), list(walk_items(new.plan.sections)))
        items = item_changes(*matched)
        sections = section_changes(old.plan, new.plan, matched[0])
        if fields or items or sections:
            changes.append(PlanChange("changed", plan_id, new.plan.title, new.path, fields, items, sections,
                                      named_items(referenced(items, "before"), before),
                                      named_items(referenced(items, "after"), after)))
    return tuple(changes)


def referenced(items: tuple[ItemChange, ...], side: str) -> set[str]:
    """The values of the ``REFERENCES`` fields that changed among ``items``, on one side (before or after)."""
    values = [getattr(f, side) for i in items for f in i.fields if f.field in REFERENCES]
    values += [getattr(t, side)[name] for i in items for t in i.targets for name in t.fields if name in REFERENCES]
    return {v for value in values for v in (value if isinstance(value, list) else [value])}


def named_items(values: set[str], plans: dict[str, PlanFile]) -> dict[str, NamedItem]:
    """{value: the item of ``plans`` it names} for the ``values`` that are references to an item there."""
    found, keys = {}, {}
    for value in sorted(values):
        reference = parse_reference(value)
        if reference is None or reference.plan not in plans:
            continue
        plan = plans[reference.plan].plan
        if plan.id not in keys:
            keys[plan.id] = {placed.key: placed for placed in walk_items(plan.sections)}
        placed = keys[plan.id].get(reference.item)
        if placed is not None:
            found[value] = NamedItem(plan.id, plan.title, ref(placed))
    return found


def section_changes(old: Plan, new: Plan, item_pairs: list[tuple[Placed, Placed]]) -> tuple[SectionChange, ...]:
    """The sections added, removed and changed (title, introductory text), paired as the module docstring says;
    ``item_pairs`` are the plan's items paired (``match_items``)."""
    before = {placed.path: placed for placed in walk_sections(old.sections)}
    after = {placed.path: placed for placed in walk_sections(new.sections)}
    by_titles, by_key = defaultdict(list), defaultdict(list)
    for b in after.values():
        by_titles[section_titles(b)].append(b.path)
        by_key[b.section_keys].append(b.path)
    followed = Counter((a.path[:-2], b.path[:-2]) for a, b in item_pairs)  # an item's path ends in items, j
    candidates = [  # (step, how many items followed, old section, new section)
        *((1, 0, a.path, path) for a in before.values() for path in by_titles[section_titles(a)]),
        *((2, -count, *paths) for paths, count in followed.items()),
        *((3, 0, a.path, path) for a in before.values() for path in by_key[a.section_keys]
          if similarity(a.section, after[path].section) >= SIMILAR)]
    pairs = {}
    for _, _, a, b in sorted(candidates):
        if a in before and b in after:
            pairs[b] = (before.pop(a), after.pop(b))
    changed = [(a, b, field_changes(a.section, b.section, SECTION_FIELDS)) for _, (a, b) in sorted(pairs.items())]
    return (tuple(SectionChange("added", None, section_titles(b)) for b in after.values())
            + tuple(SectionChange("removed", section_titles(a), None) for a in before.values())
            + tuple(SectionChange("changed", section_titles(a), section_titles(b), fields)
                    for a, b, fields in changed if fields))


def item_changes(pairs: list[tuple[Placed, Placed]], removed: list[Placed], added: list[Placed]
                 ) -> tuple[ItemChange, ...]:
    """The items of a plan added, removed, moved and changed, from ``match_items``."""
    found = [(KIND_ORDER.index("added"), p.position, ItemChange("added", None, ref(p))) for p in added]
    found += [(KIND_ORDER.index("removed"), p.position, ItemChange("removed", ref(p), None)) for p in removed]
    for a, b in pairs:
        moved = (a.key, a.section_keys) != (b.key, b.section_keys)
        fields = field_changes(a.item, b.item, {f: l for f, l in ITEM_FIELDS.items() if not (moved and f == "number")})
        targets = target_changes(a.item.targets, b.item.targets)
        if moved or fields or targets:
            kind = "moved" if moved else "changed"
            move = ("renumbered" if section_titles(a) == section_titles(b) else "section") if moved else ""
            found.append((KIND_ORDER.index(kind), b.position, ItemChange(kind, ref(a), ref(b), move, fields, targets)))
    return tuple(change for *_, change in sorted(found, key=lambda f: f[:2]))


def match_items(old: list[Placed], new: list[Placed]):
    """(pairs, removed, added) by the identity rule of the module docstring."""
    pairs = []
    by_key: dict[str, Placed] = {}
    for placed in new:
        by_key.setdefault(placed.key, placed)
    matched_new = set()
    left_old = []
    for a in old:
        b = by_key.get(a.key)
        if b is not None and b.position not in matched_new and similarity(a.item, b.item) >= SIMILAR:
            pairs.append((a, b))
            matched_new.add(b.position)
        else:
            left_old.append(a)
    left_old = _pair_identical(left_old, [b for b in new if b.position not in matched_new], pairs, matched_new)
    left_new = [b for b in new if b.position not in matched_new]
    candidates = []
    for b in left_new:
        matcher = SequenceMatcher(None, autojunk=False)
        matcher.set_seq2(identity_text(b.item))  # SequenceMatcher caches facts about seq2
        for a in left_old:
            matcher.set_seq1(identity_text(a.item))
            if matcher.real_quick_ratio() >= SIMILAR and matcher.quick_ratio() >= SIMILAR:
                ratio = matcher.ratio()
                if ratio >= SIMILAR:
                    candidates.append((-ratio, a.position, b.position, a, b))
    taken_old, taken_new = set(), set()
    for _, i, j, a, b in sorted(candidates, key=lambda c: c[:3]):
        if i not in taken_old and j not in taken_new:
            pairs.append((a, b))
            taken_old.add(i)
            taken_new.add(j)
    removed = [a for a in left_old if a.position not in taken_old]
    added = [b for b in left_new if b.position not in taken_new]
    return pairs, removed, added


def _pair_identical(old: list[Placed], new: list[Placed], pairs: list, matched_new: set) -> list[Placed]:
    """Pair the items of identical title and text first, as step 2 would (a ratio of 1, the earlier old item
    first, with the earlier new one), but without comparing every pair: after a renumbering most items are
    left to step 2, which is quadratic.  The old items left."""
    waiting: dict[str, list[Placed]] = {}
    for b in new:
        waiting.setdefault(identity_text(b.item), []).append(b)
    left = []
    for a in old:
        same = waiting.get(identity_text(a.item))
        if same:
            b = same.pop(0)
            pairs.append((a, b))
            matched_new.add(b.position)
        else:
            left.append(a)
    return left


def identity_text(item: Item | Section) -> str:
    return f"{item.title}\n{item.text}"


def similarity(a: Item | Section, b: Item | Section) -> float:
    """How alike two items are, or two sections: by their title and text."""
    return SequenceMatcher(None, identity_text(a), identity_text(b), autojunk=False).ratio()


def section_titles(placed: Placed | PlacedSection) -> tuple[str, ...]:
    return tuple(section.title for section in placed.sections)


def ref(placed: Placed) -> ItemRef:
    return ItemRef(placed.key, placed.item.title, section_titles(placed), placed.item.number)


def field_changes(old, new, fields: dict[str, str]) -> tuple[FieldChange, ...]:
    return tuple(FieldChange(name, plain(getattr(old, name)), plain(getattr(new, name)))
                 for name in fields if not same_value(name, getattr(old, name), getattr(new, name)))


def same_value(field: str, old, new) -> bool:
    """Whether a field says the same at both revisions: equal values, or the same set of an ``UNORDERED`` field."""
    return old == new or (field in UNORDERED and set(old) == set(new))


def plain(value):
    """A model value as JSON-ready data."""
    if dataclasses.is_dataclass(value):
        return {f.name: plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, tuple):
        return [plain(v) for v in value]
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value


def target_changes(old: tuple[Target, ...], new: tuple[Target, ...]) -> tuple[TargetChange, ...]:
    """The targets removed, changed and added, paired as the module docstring says."""
    pairs, left_old, left_new = [], list(old), list(new)
    for same in (lambda t: t.text, lambda t: (t.metric, t.comparator, t.unit) if t.metric else None):
        for a in list(left_old):
            b = next((b for b in left_new if same(b) is not None and same(b) == same(a)), None)
            if b is not None:
                pairs.append((a, b))
                left_old.remove(a)
                left_new.remove(b)
    changes = [TargetChange("removed", plain(a), None) for a in left_old]
    changes += [changed_target(a, b) for a, b in pairs if a != b]
    changes += [TargetChange("added", None, plain(b)) for b in left_new]
    return tuple(changes)


def changed_target(a: Target, b: Target) -> TargetChange:
    fields = tuple(name for name in TARGET_FIELDS if getattr(a, name) != getattr(b, name))
    comparable = (a.metric, a.comparator, a.unit) == (b.metric, b.comparator, b.unit) and a.comparator != "range"
    if not (comparable and "value" in fields and a.value is not None and b.value is not None):
        return TargetChange("changed", plain(a), plain(b), fields)
    raised = b.value > a.value
    stricter = STRICTER_WHEN_RAISED.get(a.comparator)
    return TargetChange("changed", plain(a), plain(b), fields, "raised" if raised else "lowered",
                        round(b.value - a.value, 10), None if stricter is None else stricter == raised)
