"""Render every page of the site as Markdown, from the model.  Nothing is written here.

``site_files`` returns ``{path relative to docs/: content}``: the generated
pages (str) plus the files copied as they are (bytes), the site's own (its CSS,
JavaScript and the plan format's schema) and the hand-written ones, each made
only when it is written (``write.Files``), so that the pages of a large site
are rendered one at a time, on every core.  The input must be a site without
validation errors (see ``corpus``).
This module renders the plan, theme, department, year and organisation pages
and the listings; ``render_targets`` the pages of targets, ``historypages``
those that need git's history, ``opendata`` the data files.  All render with
``templating``; where the pages live and how they link is ``addresses``.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import date
from functools import partial
from typing import Callable, Iterator

from .addresses import (FINDER_PAGE, LISTINGS, OPEN_DATA_PAGE, STATIC, item_location, page_path, relative,
                        served_url, taken_addresses, theme_year)
from .builddate import build_day
from .corpus import Corpus, Entry, build_corpus, group_by_year
from .diagnostics import Diagnostic, InputError
from .finder import DEPARTMENT_LIST_LIMIT, FINDER_INDEX, index_json, year_json, year_path
from .historypages import appended, with_history, with_page_dates
from .ids import section_anchor, walk_sections
from .load import Site
from .model import Plan, Section
from .opendata import SCHEMA, data_fields, open_data
from .paging import paginate
from .project import DOCS, hand_written_files, published_schema
from .render_targets import Tracking, target_pages
from .searchworker import repaired_worker
from .sitehistory import NO_HISTORY, SiteHistory
from .templating import NEWEST, later, text
from .write import File, Made, copy_of, read_bytes


@dataclass(frozen=True)
class SectionHeading:
    section: Section
    level: int
    anchor: str


def outline(sections: tuple[Section, ...], entries: Iterator[Entry]) -> Iterator[SectionHeading | Entry]:
    """A plan's body in reading order: each section's heading (## for a top-level one), its items' entries, its
    subsections.  ``entries`` are the plan's entries in ``walk_items`` order, which walks the sections so."""
    for placed in walk_sections(sections):
        depth = len(placed.section_keys)
        yield SectionHeading(placed.section, min(depth + 1, 6), section_anchor(placed.section_keys[-1]))
        for _ in placed.section.items:
            yield next(entries)


def by_year_and_role(owned: tuple[Entry, ...], supported: tuple[Entry, ...]) -> list[tuple[int, list]]:
    """A department's items per year (descending), as [(year, [("owned"|"supported", entries)])]."""
    years: dict[int, dict[str, list[Entry]]] = {}
    for role, entries in (("owned", owned), ("supported", supported)):
        for entry in entries:
            years.setdefault(entry.plan.year, {}).setdefault(role, []).append(entry)
    return [(year, list(years[year].items())) for year in sorted(years, reverse=True)]


PLAN_LIST_LIMIT = 300  # plans listed one by one on the plans index; beyond, each year's page lists them


def plan_page(corpus: Corpus, tracking: Tracking, plan: Plan) -> tuple[str, Callable[[], str]]:
    entries = corpus.by_plan[plan.id]
    return later("plan.md.j2", page_path("plans", plan.id), plan=plan, entries=entries, tracking=tracking,
                 organisation=corpus.vocabulary.organisation_by_id[plan.organisation],
                 body=list(outline(plan.sections, iter(entries))))


def render_pages(corpus: Corpus, tracking: Tracking, site_name: str) -> Made:
    """Every generated page but those of targets (``render_targets``), with its path relative to docs/; the home
    page is headed ``site_name``."""
    vocabulary = corpus.vocabulary
    pages = [later("index.md.j2", "index.md", corpus=corpus, newest=corpus.plans[:NEWEST], site_name=site_name)]
    # The departments index lists its departments as the finder does (up to its limit), the plans index its plans.
    pages += [later(f"{kind}.md.j2", page_path(kind), corpus=corpus, department_limit=DEPARTMENT_LIST_LIMIT,
                    plan_limit=PLAN_LIST_LIMIT) for kind in LISTINGS]
    pages += [plan_page(corpus, tracking, plan) for plan in corpus.plans]
    pages += [later("theme.md.j2", page_path("themes", t.id), corpus=corpus, tracking=tracking, theme=t,
                    entries=corpus.by_theme[t.id]) for t in vocabulary.themes]
    pages += [later("theme_year.md.j2", page_path("themes", part.key), corpus=corpus, theme=t, year=year,
                    entries=in_year, part=part)
              for t in vocabulary.themes for year, in_year in group_by_year(corpus.by_theme[t.id])
              for part in paginate(theme_year(t.id, year), in_year)]
    pages += [later("department.md.j2", page_path("departments", d.id), corpus=corpus, tracking=tracking,
                    department=d,
                    organisation=vocabulary.organisation_by_id[d.organisation],
                    owned=corpus.owned_by[d.id], supported=corpus.supported_by[d.id],
                    years=by_year_and_role(corpus.owned_by[d.id], corpus.supported_by[d.id]))
              for d in vocabulary.departments]
    pages += [later("year.md.j2", page_path("years", year), corpus=corpus, year=year,
                    plans=corpus.plans_by_year[year], entries=corpus.by_year[year])
              for year in corpus.years]
    pages += [later("organisation.md.j2", page_path("organisations", o.id), corpus=corpus, organisation=o,
                    plans=corpus.plans_by_organisation[o.id],
                    departments=corpus.departments_by_organisation[o.id])
              for o in vocabulary.organisations]
    pages += finder_pages(corpus, tracking)
    return pages


def finder_pages(corpus: Corpus, tracking: Tracking) -> Made:
    """The item finder's page, its index and a data file per year (see finder.py), progress as of the build day."""
    def from_year_file(entry: Entry) -> str:  # the item's address as its year's data file links it
        return served_url(year_path(entry.plan.year), page_path("plans", entry.plan.id), entry.anchor)

    today = tracking.today
    page = later("finder.md.j2", FINDER_PAGE, corpus=corpus, tracking=tracking,
                 data=relative(FINDER_PAGE, FINDER_INDEX), department_limit=DEPARTMENT_LIST_LIMIT)
    years = [(year_path(year), partial(year_json, corpus, year, from_year_file, today)) for year in corpus.years]
    return [page, (FINDER_INDEX, partial(index_json, corpus, today)), *years]


def site_copies(root: str) -> dict[str, str]:
    """The files the site itself publishes as they are: {path in docs/: source path}; the plan format's schema and
    generator/static/ (its own CSS and JavaScript)."""
    found = {}
    if schema := published_schema(root):
        found[SCHEMA] = schema
    static = os.path.join(os.path.dirname(__file__), "static")
    found.update((f"{STATIC}/{name}", os.path.join(static, name)) for name in sorted(os.listdir(static)))
    return found


def one_each(root: str, made: Made) -> dict[str, File]:
    """The generated files by path; InputError naming each path two of them take, and what makes both (one
    would silently replace the other)."""
    pages: dict[str, File] = {}
    clashes = []
    for path, file in made:
        if path in pages:
            clashes.append(Diagnostic(os.path.join(root, DOCS, path), 0, 0, "", (
                f"two generated files take this path, one would replace the other: {made_by(pages[path])} and "
                f"{made_by(file)}")))
        pages.setdefault(path, file)
    if clashes:
        raise InputError(clashes)
    return pages


def made_by(file: File) -> str:
    """What makes a generated file, as a message names it: its page template, the file it copies, or the function
    that makes it."""
    while isinstance(file, partial) and file.func is appended:  # a page with history sections appended
        file = file.args[0]
    if not isinstance(file, partial):  # its content, made beforehand (a feed), or a function
        return getattr(file, "__qualname__", "content made beforehand")
    if file.func is text:
        return f"the template {file.args[0]}"
    if file.func is read_bytes:
        return f"a copy of {file.args[0]}"
    return f"{file.func.__module__}.{file.func.__qualname__}"


def generated_files(site: Site, today: date | None = None, history: SiteHistory = NO_HISTORY) -> dict[str, File]:
    """Every file of docs/ the site makes, its own copies (``site_copies``) included, by path, each made when it is
    written (see ``write.Files``), so listing them renders no page (it reads and repairs Material's search worker,
    whose path names its hash: ``searchworker.repaired_worker``, once a process, 4-8 ms): the one list of the
    addresses the site takes (``sitepages``); InputError when two of them take one path (``one_each``).  ``today``
    and ``history``: see ``site_files``."""
    corpus = build_corpus(site)
    tracking = Tracking(corpus, today or build_day())
    data_page = later("opendata.md.j2", OPEN_DATA_PAGE, corpus=corpus, license=site.settings.data_license,
                      fields=data_fields(item_location))
    made = [*render_pages(corpus, tracking, history.config.name), *target_pages(tracking),
            *open_data(site, corpus, item_location, tracking.today), data_page, *repaired_worker().items()]
    copies = [(target, copy_of(source)) for target, source in site_copies(site.root).items()]
    return one_each(site.root, [*with_history(made, site, corpus, history), *copies])


def site_files(site: Site, today: date | None = None, history: SiteHistory = NO_HISTORY) -> dict[str, File]:
    """All of docs/, each file made when it is written (see ``write.Files``): the files the site makes
    (``generated_files``) and content/pages/ copied whole (``project.hand_written_files``); InputError when two
    files the site makes take one path (``one_each``) or a hand-written file takes the address of one.

    ``today`` (default: ``builddate.build_day()``) is the date progress is shown as of: what is overdue.
    ``history`` (default: none) is what git says: page dates, editions, feeds (see ``historypages``).
    """
    pages = generated_files(site, today, history)
    hand_written = hand_written_files(site.root)
    if clashes := taken_addresses(hand_written, pages):
        raise InputError(clashes)
    pages.update((target, copy_of(source)) for target, source in hand_written.items())
    return with_page_dates(pages, {page: path for page, path in hand_written.items() if page.endswith(".md")},
                           history)
