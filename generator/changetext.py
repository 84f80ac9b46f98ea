"""A changelog (``changes.Changelog``) told in words: as lines of text by ``plansite changes``, as runs the site
marks up (``timeline``, the feeds).

A long text that changed shows as its edits with a little context around each (``text_edits``), written
[-removed-]{+inserted+} by the command; other values as ``before → after``.  The command shows an item
reference as the item's plan title, number and title with the reference as written after it
(``示例市教育局2025年工作要点 · 1. 扩大普惠资源（demo-edu-2025#1-1）``), else as written.
"""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass
from difflib import SequenceMatcher
from types import MappingProxyType
from typing import Callable, Mapping

from .changes import (ITEM_FIELDS, PLAN_FIELDS, REFERENCES, SECTION_FIELDS, TARGET_FIELDS, WORKTREE, Changelog,
                      EntryChange, FieldChange, ItemChange, NamedItem, PlanChange, SectionChange, TargetChange,
                      compare_revisions)
from .editionorder import edition_order
from .gitrepo import GitError, Repo, UnknownRevision
from .history import tag_dates
from .labels import CHANGES, COMPARATORS, VALUE_MOVES, VOCABULARIES, amount, difference
from .project import edition_tag, edition_version

LONG = 30  # texts longer than this are shown as inline edits, not whole


# --- text --------------------------------------------------------------------

@dataclass(frozen=True)
class Run:
    """A piece of a line that tells a change: text as it stands, or what an edit of a long text removed or
    inserted.  The command writes the edits as [-removed-]{+inserted+} (``as_text``); the site marks them up,
    and links the name of an item a reference names (``timeline.linked``)."""

    text: str
    edit: str = ""             # "" | removed | inserted
    page: str = ""             # on the site, the page of docs/ its text links to ("" for none)
    anchor: str = ""           # and the anchor on that page


# How a change shows each value of some fields (``field_runs``), by field: a value as a run.
Names = Mapping[str, Callable[[str], Run]]
NO_NAMES: Names = MappingProxyType({})


EDIT_MARKS = {"": "{}", "removed": "[-{}-]", "inserted": "{{+{}+}}"}


def describe(changelog: Changelog) -> list[str]:
    """The changelog as readable lines (Chinese labels), in the changelog's order, the vocabularies' ids before
    the plans; when files were left out, a last line says the comparison is incomplete and how many (each warning
    names one), and no change found is no change among the plans read, not 计划没有变化."""
    lines = [f"比较 {changelog.before} → {changelog.after}"]
    lines.extend(map(describe_entry, changelog.vocabularies))
    for change in changelog.plans:
        lines.extend(describe_plan(change))
    if len(lines) == 1:
        lines.append("所比较的计划没有变化" if changelog.warnings else "计划没有变化")
    if changelog.warnings:
        lines.append(f"比较不完整：略去 {len(changelog.warnings)} 个文件（见 stderr 的 warning）")
    return lines


def describe_entry(change: EntryChange) -> str:
    """A vocabulary's id renamed (部门 基教科：id demo-jijiaoke → demo-jichu), removed or added."""
    vocabulary = VOCABULARIES[change.vocabulary]
    if change.kind == "renamed":
        return f"{vocabulary} {change.name}：id {change.before} → {change.after}"
    return f"{CHANGES[change.kind]}{vocabulary} {change.before or change.after} {change.name}"


def describe_plan(change: PlanChange) -> list[str]:
    """Lines for one plan: a heading, then its field and item changes indented."""
    if change.kind != "changed":
        return [f"{CHANGES[change.kind]}计划 {change.plan} {change.title}（{change.path}）"]
    before, after = labelled(change.named_before), labelled(change.named_after)
    lines = [f"计划 {change.plan} {change.title}"]
    lines.extend("  " + line for line in describe_fields(change.fields, PLAN_FIELDS))
    for section in change.sections:
        lines.append("  " + describe_section(section))
        lines.extend("      " + line for line in describe_fields(section.fields, SECTION_FIELDS))
    for item in change.items:
        lines.append("  " + describe_item(item))
        lines.extend("      " + line for line in describe_fields(item.fields, ITEM_FIELDS, before, after))
        lines.extend("      " + describe_target(t, before, after) for t in item.targets)
    return lines


def describe_section(change: SectionChange) -> str:
    return f"{CHANGES[change.kind]}节「{' / '.join(change.after or change.before)}」"


def describe_item(change: ItemChange) -> str:
    label = CHANGES[change.kind]
    if change.kind == "moved":
        a, b = change.before, change.after
        return f"{label} {a.key} → {b.key} {b.title}（{move_place(change)}）"
    item = change.after or change.before
    return f"{label} {item.key} {item.title}"


def move_place(change: ItemChange) -> str:
    """Where a moved item went: renumbered in its section, or from which section to which."""
    if change.move == "renumbered":
        return "同节重新编号"
    return f"从「{' / '.join(change.before.sections)}」移至「{' / '.join(change.after.sections)}」"


def labelled(named: Mapping[str, NamedItem]) -> Names:
    """How the command shows the values of the ``REFERENCES`` fields: a reference that names an item (in
    ``named``) as the item's label with the reference after it, anything else as written."""
    def name(value: str) -> Run:
        found = named.get(value)
        return Run(f"{found.label}（{value}）" if found else value)

    return dict.fromkeys(REFERENCES, name)


def describe_fields(changes: tuple[FieldChange, ...], labels: dict[str, str], before: Names = NO_NAMES,
                    after: Names = NO_NAMES) -> list[str]:
    return [as_text(runs) for runs in field_runs(changes, labels, before, after)]


def field_runs(changes: tuple[FieldChange, ...], labels: dict[str, str], before: Names = NO_NAMES,
               after: Names = NO_NAMES) -> list[tuple[Run, ...]]:
    """A line for each field that changed: ``label：before → after``, or a long text's edits inline.

    ``before`` and ``after`` say how to show the values of some fields at the older and the newer revision
    (ids, for the site: the names of the records they stand for; item references, see ``labelled``): a field
    in them is shown value by value through its function, never as edits."""
    lines = []
    for c in changes:
        label = Run(f"{labels[c.field]}：")
        if c.field not in before and isinstance(c.before, str) and isinstance(c.after, str) \
                and max(len(c.before), len(c.after)) > LONG:
            lines.append((label, *text_edits(c.before, c.after)))
        else:
            lines.append((label, *change_runs(c.field, c.before, c.after, before, after)))
    return lines


def change_runs(name: str, old, new, before: Names, after: Names) -> tuple[Run, ...]:
    """'before → after': the values a field ``name`` had, each shown as ``before`` and ``after`` say."""
    return (*value_runs(old, before.get(name)), Run(" → "), *value_runs(new, after.get(name)))


def value_runs(value, name: Callable[[str], Run] | None) -> tuple[Run, ...]:
    """A field's value as runs: as ``show`` writes it, or each string of it through ``name``."""
    if name is None or not value:
        return (Run(show(value)),)
    values = value if isinstance(value, list) else [value]
    return tuple(run for n, v in enumerate(values) for run in ((Run("、"),) if n else ()) + (name(v),))


def text_edits(before: str, after: str, context: int = 10) -> tuple[Run, ...]:
    """The edits of a long text as runs: what it removed and inserted, with a little context around each."""
    runs = []
    opcodes = SequenceMatcher(None, before, after, autojunk=False).get_opcodes()
    for n, (tag, i1, i2, j1, j2) in enumerate(opcodes):
        if tag != "equal":
            runs += [Run(before[i1:i2], "removed")] if i2 > i1 else []
            runs += [Run(after[j1:j2], "inserted")] if j2 > j1 else []
            continue
        same = before[i1:i2]
        head = same[:context] if n else ""
        tail = same[-context:] if n < len(opcodes) - 1 else ""
        runs.append(Run(same if len(same) <= len(head) + len(tail) + 1 else head + "…" + tail))
    return tuple(runs)


def as_text(runs: tuple[Run, ...]) -> str:
    """A line of runs as plain text: the edits as [-removed-]{+inserted+}."""
    return "".join(EDIT_MARKS[run.edit].format(run.text) for run in runs)


def show(value) -> str:
    """A field's value as a change shows it."""
    if value is None or value == "" or value == []:
        return "（无）"
    if isinstance(value, list):
        return "、".join(show(v) for v in value)
    if isinstance(value, dict):  # a target or a source
        return value.get("text") or value.get("url") or value.get("file") or json.dumps(value, ensure_ascii=False)
    return str(value)


# A target's fields that are numbers in its unit, shown with it as the site shows them (实际值 （无） → 93.6%).
AMOUNTS = ("value", "min", "max", "baseline", "actual")


def target_amount(target: dict, name: str) -> str:
    """The number ``name`` of a target (a field of ``AMOUNTS``) with the target's unit, or （无）."""
    return amount(target[name], target["unit"]) or show(None)


def describe_target(change: TargetChange, before: Names = NO_NAMES, after: Names = NO_NAMES) -> str:
    return as_text(target_runs(change, before, after))


def target_runs(change: TargetChange, before: Names = NO_NAMES, after: Names = NO_NAMES) -> tuple[Run, ...]:
    """A target added, removed or changed as a line of runs; ``before`` and ``after`` as for ``field_runs``."""
    if change.kind != "changed":
        return (Run(f"{CHANGES[change.kind]}目标：{show(change.before or change.after)}"),)
    a, b = change.before, change.after
    runs = [Run(f"修改目标「{b['text']}」：")]
    for n, name in enumerate(change.fields):
        runs += [Run("；")] if n else []
        if name == "value" and change.direction:
            verb = VALUE_MOVES[change.direction]
            strict = {True: "，更严格", False: "，更宽松", None: ""}[change.stricter]
            unit = b["unit"]
            sign = COMPARATORS.get(b["comparator"], b["comparator"])
            runs.append(Run(f"{TARGET_FIELDS[name]} {sign} {amount(a['value'], unit)} → {amount(b['value'], unit)}"
                            f"（{verb} {difference(change.delta, unit)}{strict}）"))
        elif name in AMOUNTS:
            runs.append(Run(f"{TARGET_FIELDS[name]} {target_amount(a, name)} → {target_amount(b, name)}"))
        else:
            runs += [Run(f"{TARGET_FIELDS[name]} "), *change_runs(name, a[name], b[name], before, after)]
    return tuple(runs)


# --- command -----------------------------------------------------------------

SHOWN_EDITIONS = 5  # an unknown edition's error names at most this many of those tagged


def cmd_changes(args) -> int:
    try:
        changelog = compare_revisions(args.root, args.before, args.after)
    except GitError as exc:
        said = editions_tagged(args.root, exc.revision) if isinstance(exc, UnknownRevision) else ""
        print(f"error: {exc}{said}", file=sys.stderr)
        return 2
    for warning in changelog.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    if args.format == "json":
        json.dump(changelog.as_dict(), sys.stdout, ensure_ascii=False, indent=2)
        print()
    else:
        print("\n".join(describe(changelog)))
    return 1 if changelog.warnings else 0  # incomplete: a file left out


def editions_tagged(root: str, revision: str) -> str:
    """After an edition's tag that is not here (``plansite changes edition/<last>``), the editions that are: the
    version was mistyped, or nothing is published yet, or the clone has not fetched the tags."""
    if edition_version(revision) == revision:  # no edition's tag
        return ""
    tags = [edition_tag(version) for version in edition_order(tag_dates(Repo(root)))]
    if not tags:
        return ("; no edition is tagged here: `plansite publish` tags each edition it publishes, and "
                "`git fetch --tags` brings those published from another clone")
    newest = tags[-SHOWN_EDITIONS:]
    more = f" (the newest {len(newest)} of {len(tags)})" if len(tags) > len(newest) else ""
    return f"; the editions tagged here{more}, oldest first: {', '.join(newest)}"


def register(commands) -> None:
    parser = commands.add_parser("changes", help="list what changed in the plans (and the vocabularies' ids) "
                                                 "between two revisions")
    parser.add_argument("before", metavar="REV_A", help="the older revision: a tag, branch or commit")
    parser.add_argument("after", metavar="REV_B", nargs="?", default=WORKTREE,
                        help=f"the newer revision, or {WORKTREE} for the files on disk (default)")
    parser.add_argument("--format", choices=["text", "json"], default="text",
                        help="text (default: in words, for people) or json (the changes as data)")
    parser.set_defaults(run=cmd_changes)
