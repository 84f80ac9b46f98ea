"""``plansite find``: the items of plans/ that match facets and words, as a table, JSON or CSV.

Facets are the item finder's (organisation, year, theme, department, has a
target, status); several values of one facet are alternatives, different
facets must all hold.  A status is an item's state on the build day as the
site counts it (``tracking.item_state``: 已完成, 已报进展, 逾期未报, 未到期) or
the status it reports (进行中 …); items of a review (工作总结) are reports and
match no status.  Organisations, themes and departments may be named by
id or by name (departments also by full name or alias); a department matches
the items it owns (责任单位) or supports (配合单位).  Words are the finder's keywords
(``static/finder.js``: ``prepare`` and ``matches``): each is split at spaces, and every
part must occur, ignoring case (lower case, as JavaScript's ``toLowerCase``), in the item's
title or text, its plan's title, its organisation's name, or the name of one of its owners,
supporting units or themes (substrings, as they are: Chinese has no spaces to split on).
``searched_text`` is that text.

``select`` is the filter, a pure function of the corpus; ``resolve`` turns the
names given on the command line into ids.  JSON and CSV rows are those of the
open data (``opendata.item_columns``), so a script gets the same fields from
the command line as from the site, and then ``state``: the state the status
facet matches (逾期未报 …), as the table's 进展 and the finder's results show it;
empty (null in JSON) for an item of a review.  The open data has no such column.
CSV into an empty file (``> found.csv``, what a spreadsheet opens) starts with the
open data's byte order mark; into a pipe or a terminal it has none (``starts_a_file``).
"""

from __future__ import annotations

import os
import stat
import sys
import typing
import unicodedata
from dataclasses import dataclass, field, fields, replace
from functools import cached_property
from datetime import date
from typing import Iterable

from .addresses import item_location
from .builddate import build_day
from .corpus import Corpus, Entry, build_corpus
from .diagnostics import did_you_mean, has_errors, print_diagnostics
from .labels import reached_as_of, target_summary
from .load import load_site, vocabulary_path
from .model import Item, Plan, Status, Target
from .fullwidth import fold
from .opendata import Column, item_columns, write_csv, write_records
from .tracking import STATE_LABELS, item_state, state_label, target_deadline
from .vocabulary import normalise_name

STATUSES = typing.get_args(Status)
# --status: the states the site counts, then the statuses reported within 已报进展 (已完成 is a state)
STATUS_CHOICES = (*STATE_LABELS.values(), *(s for s in STATUSES if s not in STATE_LABELS.values()))
TITLE_WIDTH = 40
STATE_COLUMN = "state"  # what JSON and CSV add to the open data's columns
LISTED = 25  # the records an unknown organisation, theme or department is answered with, at most


@dataclass(frozen=True)
class Criteria:
    """What items must have; an empty facet allows everything."""

    organisations: frozenset[str] = frozenset()   # ids
    years: frozenset[int] = frozenset()
    themes: frozenset[str] = frozenset()          # ids
    departments: frozenset[str] = frozenset()     # ids; owner or support
    statuses: frozenset[str] = frozenset()        # states (逾期未报 …) or reported statuses (进行中 …)
    has_target: bool = False
    words: tuple[str, ...] = ()
    today: date = field(default_factory=build_day)  # the day states are as of (what is overdue)

    @cached_property
    def terms(self) -> tuple[str, ...]:
        """The words to look for, in lower case: each split at spaces, as the finder splits its keywords (once
        for a search, not once an item)."""
        return tuple(term for word in self.words for term in fold(word).lower().split())


def has_status(entry: Entry, criteria: Criteria) -> bool:
    """Whether the item's state on ``criteria.today``, or the status it reports, is one of ``criteria.statuses``;
    an item of a review has neither."""
    state = item_state(entry, criteria.today)
    return state is not None and not criteria.statuses.isdisjoint({STATE_LABELS[state], entry.item.status})


def searched_text(entry: Entry) -> str:
    """What words are looked for in (see above), in lower case and folded, as the finder's ``prepare`` joins it."""
    names = [d.name for d in entry.owners + entry.support] + [t.name for t in entry.themes]
    fields = [entry.item.title, entry.item.text, entry.plan.title, entry.organisation.name, *names]
    return fold("\n".join(fields)).lower()


def has_words(entry: Entry, terms: Iterable[str]) -> bool:
    text = searched_text(entry)
    return all(term in text for term in terms)


def matches(entry: Entry, criteria: Criteria) -> bool:
    item = entry.item
    units = {d.id for d in entry.owners + entry.support}
    return ((not criteria.organisations or entry.organisation.id in criteria.organisations)
            and (not criteria.years or entry.plan.year in criteria.years)
            and (not criteria.themes or any(t.id in criteria.themes for t in entry.themes))
            and (not criteria.departments or not units.isdisjoint(criteria.departments))
            and (not criteria.statuses or has_status(entry, criteria))
            and (not criteria.has_target or bool(item.targets))
            and (not criteria.terms or has_words(entry, criteria.terms)))


def select(corpus: Corpus, criteria: Criteria) -> list[Entry]:
    """The items of the corpus that meet ``criteria``, in corpus order."""
    return [entry for entry in corpus.entries if matches(entry, criteria)]


# Each facet of ``Criteria`` as the command line names it, and its value when it allows everything (its default).
OPTIONS = {"organisations": "--org", "years": "--year", "themes": "--theme", "departments": "--department",
           "statuses": "--status", "has_target": "--has-target", "words": "the words"}
ALLOWS_ALL = {facet.name: facet.default for facet in fields(Criteria) if facet.name in OPTIONS}


def without_each(corpus: Corpus, criteria: Criteria) -> list[str]:
    """For an answer that is empty, what each facet given takes away: how many items match all the others
    (``--year`` with ``--department``: the unit has items, of other years).  Nothing for one facet alone."""
    given = [facet for facet, allows_all in ALLOWS_ALL.items() if getattr(criteria, facet) != allows_all]
    if len(given) < 2:
        return []
    return [f"without {OPTIONS[facet]}: {len(select(corpus, replace(criteria, **{facet: ALLOWS_ALL[facet]})))}"
            for facet in given]


def known_names(record, attributes: tuple[str, ...]) -> set[str]:
    """The id of a vocabulary record and its names under ``attributes`` (a name, or a tuple of aliases), with
    spacing and brackets folded as plans' owners are (``normalise_name``)."""
    names = {record.id}
    for attribute in attributes:
        value = getattr(record, attribute)
        names.update(value if isinstance(value, tuple) else [value])
    return set(map(normalise_name, names)) - {""}


def listing(records: list, facet: str, source: str) -> str:
    """What the records of ``source`` are, for a value that names none: id and name, one to a line, the first
    ``LISTED`` of them, then how many more there are."""
    if not records:
        return f"{source} lists no {facet}"
    shown = records[:LISTED]
    columns = max(width(record.id) for record in shown)
    lines = [f"{source} lists {len(records):,} (id, name):",
             *(f"  {pad(record.id, columns)}  {record.name}" for record in shown)]
    if len(records) > len(shown):
        lines.append(f"  … and {len(records) - len(shown):,} more there")
    return "\n".join(lines)


def resolve(values: Iterable[str], vocabulary_records: Iterable, facet: str, attributes: tuple[str, ...],
            source: str) -> tuple[frozenset[str], list[str]]:
    """The ids of the records ``values`` name (by id or by any of ``attributes``), and what named none: with the
    closest names (first those holding it whole), or, where no name is close, followed by the records of
    ``source`` (once for the facet)."""
    records = list(vocabulary_records)
    known = {record.id: known_names(record, attributes) for record in records}
    everything = set().union(*known.values())
    found: set[str] = set()
    problems = []
    listed = False
    for value in values:
        folded = normalise_name(value)
        hits = {id_ for id_, names in known.items() if folded in names}
        if not hits:
            # the names holding it whole (某市教育局 of 某市教育局（2024年工作要点）), which difflib finds too far
            holding = sorted((name for name in everything if folded and folded in name), key=lambda n: (len(n), n))
            suggestion = did_you_mean(value, everything, holding)
            problem = f"no {facet} {value!r}{suggestion}"
            if not (suggestion or listed):
                problem, listed = f"{problem}; {listing(records, facet, source)}", True
            problems.append(problem)
        found |= hits
    return frozenset(found), problems


def criteria_from(args, corpus: Corpus) -> tuple[Criteria, list[str]]:
    vocabulary = corpus.vocabulary

    def named(values: list[str], facet: str, attributes: tuple[str, ...]) -> tuple[frozenset[str], list[str]]:
        vocabulary_name = f"{facet}s"
        return resolve(values, getattr(vocabulary, vocabulary_name), facet, attributes,
                       vocabulary_path(args.root, vocabulary_name))

    organisations, p1 = named(args.org, "organisation", ("name",))
    themes, p2 = named(args.theme, "theme", ("name",))
    departments, p3 = named(args.department, "department", ("name", "full_name", "aliases"))
    criteria = Criteria(organisations, frozenset(args.year), themes, departments, frozenset(args.status),
                        args.has_target, tuple(args.words))
    return criteria, p1 + p2 + p3


# --- output --------------------------------------------------------------------------

def width(text: str) -> int:
    """Columns ``text`` takes in a terminal: wide (Chinese) characters take two."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def clip(text: str, columns: int) -> str:
    """``text`` cut to ``columns`` terminal columns, with … where it was cut."""
    if width(text) <= columns:
        return text
    kept = ""
    for character in text:
        if width(kept + character) > columns - 1:
            break
        kept += character
    return kept + "…"


def pad(text: str, columns: int) -> str:
    return text + " " * (columns - width(text))


def target_line(plan: Plan, item: Item, target: Target) -> str:
    """'目标：学前三年毛入园率 ≥ 94.5%（完成时限 2025-06-30） · 进行中 · 实际 93.6%（2025-06-30）': what a target asks
    for, and by when, the year's end where the plan states no deadline (said so, as on the site); then its progress
    as the plan records it, as the site's table of targets shows it: status, actual value and its date."""
    deadline = f"完成时限 {target_deadline(plan, item, target)}"
    if not (target.deadline or item.deadline):
        deadline += "，原文未写，按文件年度年底计"
    return " · ".join(filter(None, [f"目标：{target_summary(target)}（{deadline}）", target.status,
                                    reached_as_of(target)]))


def state_column(today: date) -> Column:
    """The column JSON and CSV add to the open data's: the item's state on ``today``."""
    return Column(STATE_COLUMN, "string", "The item's state on the build day, as the site counts it; empty for an "
                  "item of a review.", lambda entry: state_label(entry, today), enum=tuple(STATE_LABELS.values()))


def units(entry: Entry) -> str:
    """'基教科 · 配合单位：计财科': the units that own the item, then those that support it, as the finder's results name
    them (a department's items are those it owns or supports)."""
    owners = "、".join(d.name for d in entry.owners)
    support = "、".join(d.name for d in entry.support)
    return " · ".join(filter(None, [owners, support and f"配合单位：{support}"]))


def table(entries: list[Entry], today: date) -> str:
    """One line per item: year, plan, item, state on ``today`` (blank for an item of a review), title (clipped),
    owners and supporting units; below it a line per target, under the title."""
    header = ("年度", "计划", "事项", "进展", "标题", "责任单位")
    rows = [(str(e.plan.year), e.plan.id, e.placed.key, state_label(e, today) or "", clip(e.item.title, TITLE_WIDTH),
             units(e)) for e in entries]
    widths = [max(width(row[i]) for row in [header, *rows]) for i in range(len(header) - 1)]
    title = header.index("标题")
    indent = " " * (sum(widths[:title]) + 2 * title)

    def line(row: tuple[str, ...]) -> str:
        return "  ".join([*(pad(cell, w) for cell, w in zip(row, widths)), row[-1]]).rstrip()

    lines = [line(header)]
    for entry, row in zip(entries, rows):
        lines.append(line(row))
        lines += [indent + target_line(entry.plan, entry.item, t) for t in entry.item.targets]
    return "\n".join(lines)


def starts_a_file(stream) -> bool:
    """Whether ``stream`` writes into an empty regular file (``> items.csv``), not a pipe, a terminal or after
    what a file holds: a file a spreadsheet may open, which the byte order mark makes it read as UTF-8."""
    try:
        status = os.fstat(stream.fileno())
    except (OSError, ValueError):  # no file behind it (io.UnsupportedOperation: a test's captured output)
        return False
    return stat.S_ISREG(status.st_mode) and status.st_size == 0


def cmd_find(args) -> int:
    site, diagnostics = load_site(args.root)
    if has_errors(diagnostics):
        return print_diagnostics(diagnostics)
    corpus = build_corpus(site)
    criteria, problems = criteria_from(args, corpus)
    if problems:
        for problem in problems:
            print(f"error: {problem}", file=sys.stderr)
        return 2
    missing = sorted(set(args.year) - set(corpus.years))
    if missing:  # not an error (a year may have no plan yet), but what makes the answer empty
        print(f"note: no plan is of {', '.join(map(str, missing))} (the plans' years: "
              f"{', '.join(map(str, corpus.years))})", file=sys.stderr)
    found = select(corpus, criteria)
    if not found and (counts := without_each(corpus, criteria)):
        print(f"note: no item matches all of these; {', '.join(counts)} item(s)", file=sys.stderr)
    columns = (*item_columns(item_location), state_column(criteria.today))
    if args.format != "table":  # data for programs: UTF-8 (as JSON must be) whatever the terminal's encoding
        sys.stdout.reconfigure(encoding="utf-8")
    if args.format == "json":
        write_records(sys.stdout, columns, found)
    elif args.format == "csv":
        write_csv(sys.stdout, columns, found, bom=starts_a_file(sys.stdout))  # as the open data's, for Excel
    else:
        if found:
            print(table(found, criteria.today))
        print(f"{len(found)} item(s)", file=sys.stderr)
    return 0


def register(commands) -> None:
    parser = commands.add_parser(
        "find", help="list the items that match facets and words (a table, JSON or CSV)",
        description="List the items of plans/ that match every facet given and contain every word, as the "
                    "site's item finder does. A facet given several times matches any of its values.")
    parser.add_argument("words", nargs="*", metavar="WORD",
                        help="words that must all occur, in any case, in the item's title or text, its plan's title, "
                             "its organisation's name or the name of one of its units or themes")
    parser.add_argument("--org", action="append", default=[], metavar="ORG",
                        help="organisation id or name, e.g. pingxiang-edu or 萍乡市教育局")
    parser.add_argument("--year", action="append", default=[], type=int, help="the year of the plan")
    parser.add_argument("--theme", action="append", default=[], help="theme id or name, e.g. mental-health or 心理健康")
    parser.add_argument("--department", action="append", default=[], metavar="DEPT",
                        help="a unit that owns or supports the item: id, name, full name or alias, e.g. 基教科")
    parser.add_argument("--has-target", action="store_true", help="only items with a quantitative target")
    parser.add_argument("--status", action="append", default=[], choices=STATUS_CHOICES,
                        help="progress as the site counts it on the build day (已完成, 已报进展: a status other "
                             "than 已完成 reported, 逾期未报, 未到期), or the status reported; items of a review "
                             "have none")
    parser.add_argument("--format", choices=["table", "json", "csv"], default="table",
                        help=f"table (default, for people), json or csv: the columns of the open data's items.csv, "
                             f"then {STATE_COLUMN} (the item's state on the build day, as the table's 进展)")
    parser.set_defaults(run=cmd_find)
