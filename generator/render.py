"""Render every page of the site as Markdown, from the model.  Nothing is written here.

``site_files`` returns ``{path relative to docs/: content}``: the generated
pages (str) plus the hand-written files copied as they are (bytes), each made
only when it is written (``write.Files``), so that the pages of a large site
are rendered one at a time, on every core.  ``render_site`` makes them all at
once.  The input must be a site without validation errors (see ``corpus``).

Every text that comes from YAML goes through the ``md`` filter, which makes it
inert: Markdown, HTML, attribute lists and the like come out as visible text.
Templates are files in ``templates/`` and receive ready-made values; links
between pages are relative ``.md`` paths so MkDocs checks them.
"""

from __future__ import annotations

import json
import os
import posixpath
import re
import string
from dataclasses import dataclass
from datetime import date
from functools import cache, lru_cache, partial
from typing import TYPE_CHECKING, Callable, Iterator
from urllib.parse import quote, urlsplit

import jinja2

from .builddate import build_day
from .corpus import Corpus, Entry, build_corpus, group_by_plan, group_by_theme, group_by_year
from .diagnostics import Diagnostic, InputError
from .finder import DEPARTMENT_LIST_LIMIT, FINDER_INDEX, FINDER_PAGE, index_json, year_json, year_path
from .ids import section_anchor, walk_sections
from .labels import CHANGES, COMPARATORS, genre
from .load import Site
from .model import Plan, Section, Target, commits
from .numbering import chinese_to_int
from .opendata import OPEN_DATA_PAGE, SCHEMA, data_path, open_data
from .paging import paginate
from .project import SCHEMA_FILE, hand_written_files
from .searchworker import repaired_worker
from .sitehistory import NO_HISTORY, SiteHistory
from .write import File, Files, content_of, copy_of

if TYPE_CHECKING:
    from .render_targets import Tracking

LISTINGS = ("plans", "themes", "departments", "years", "organisations")
STATIC = "assets/plansite"  # where generator/static/ (the site's own CSS and JavaScript) is published
NEWEST = 5

_TITLE_SAFE = str.maketrans({"<": "＜", ">": "＞", "&": "＆"})
_ATTRIBUTE_SAFE = str.maketrans({"<": "＜", ">": "＞", "&": "＆", '"': "＂"})
DESCRIPTION_MAX = 120  # characters: what a search engine or a chat app's link preview shows of a page
# Unicode categories Cc (control characters; Python-Markdown's own placeholders are \x02/\x03) and Cs
# (lone surrogates).  Regular expressions: a site is millions of values, and scanning for the few
# characters to change runs in C.
_DROPPED = re.compile("[\x00-\x1f\x7f-\x9f\ud800-\udfff]+")
_INERT = {**{c: "\\" + c for c in string.punctuation}, "<": "&lt;", ">": "&gt;", "&": "&amp;"}
_NOT_INERT = re.compile("[" + re.escape(string.punctuation) + "]")


# --- filters: values from YAML into Markdown ---------------------------------

def one_line(value) -> str:
    """``value`` as text on one line: whitespace runs collapsed to a space, control characters dropped."""
    return _DROPPED.sub("", " ".join(str(value).split()))


def md(value) -> str:
    """Inline Markdown that shows ``value`` literally.

    On one line (see ``one_line``), ``< > &`` become HTML entities and every
    other ASCII punctuation character is backslash-escaped (``pymdownx.escapeall``
    makes every such escape valid), so no Markdown, HTML or attribute syntax survives.
    """
    return _NOT_INERT.sub(lambda found: _INERT[found.group()], one_line(value))


def front_matter_title(value) -> str:
    """The ``title:`` line of a page's front matter (YAML; a JSON string is one).

    Material prints ``page.meta.title`` into ``<title>`` and the header without
    escaping, and without it prints the heading's text with entities decoded:
    either way a title such as ``</title><script>`` would become markup.  In
    this title ``< > &`` are replaced by their full-width forms, so it can form
    neither a tag nor an entity.
    """
    return "title: " + json.dumps(one_line(value).translate(_TITLE_SAFE), ensure_ascii=False)


def front_matter_description(value) -> str:
    """The ``description:`` line of a page's front matter: what search engines and link previews show.

    Material prints it, unescaped, into the ``content="…"`` of ``<meta name="description">``, so besides
    ``< > &`` the double quote is replaced by its full-width form.  At most ``DESCRIPTION_MAX`` characters.
    """
    text = one_line(value)
    if len(text) > DESCRIPTION_MAX:
        text = text[:DESCRIPTION_MAX - 1] + "…"
    return "description: " + json.dumps(text.translate(_ATTRIBUTE_SAFE), ensure_ascii=False)


def paragraphs(text: str) -> list[str]:
    """The non-empty lines of a verbatim text, each to be rendered as one paragraph."""
    return [line for line in (md(line) for line in text.splitlines()) if line]


def http_url(url: str) -> str:
    """``url`` percent-encoded for a Markdown link when it is an http(s) address, else ""."""
    if urlsplit(url.strip()).scheme.lower() not in ("http", "https"):
        return ""
    return quote(url.strip(), safe="/:?#[]@!$&'*+,;=%~")


def numbered(number: str, title: str) -> str:
    """A heading as printed: '1. 标题', '一、标题', '(一)标题', '①标题', '一是标题'."""
    if number.isascii() and number.isdigit():
        return f"{number}. {title}"
    if chinese_to_int(number) is not None:
        return f"{number}、{title}"
    return f"{number}{title}"


def quantity(value: float) -> str:
    return str(int(value)) if value == int(value) else repr(value)


def requirement(target: Target) -> str:
    """'≥ 94.5%', '700–800人': what a target asks for."""
    if target.comparator == "range":
        return f"{quantity(target.min)}–{quantity(target.max)}{target.unit}"
    return f"{COMPARATORS[target.comparator]} {quantity(target.value)}{target.unit}"


def filter_attribute(name: str) -> str:
    """The attribute list that makes a link's text a value of a Pagefind filter (see generator/pagefind.py);
    nothing without a filter name."""
    return f'{{ data-pagefind-filter="{name}" }}' if name else ""


def heading_id(anchor: str) -> str:
    """The attribute list that gives a heading its id (``{#`` cannot be written in a template)."""
    return "{#" + anchor + "}"


# --- pages and links -----------------------------------------------------------

def page_path(kind: str, key=None) -> str:
    """Where a page lives in docs/: 'plans/index.md', 'plans/<id>.md', ..."""
    return f"{kind}/{'index' if key is None else key}.md"


def theme_year(theme_id: str, year: int) -> str:
    """The key of a theme's page for one year (``page_path("themes", key)``: themes/<theme>/<year>.md)."""
    return f"{theme_id}/{year}"


@cache
def relative_folder(folder: str, start: str) -> str:
    """``folder`` relative to ``start`` (both folders of docs/; pages share a few, and the items of a page
    its address, so this is cached)."""
    return posixpath.relpath(folder or ".", start or ".")


def relative(this_page: str, target: str, anchor: str = "") -> str:
    """The link from one page of docs/ to another (and an anchor on it)."""
    folder, _, name = target.rpartition("/")  # docs/'s paths are normal: as posixpath.split and dirname
    up = relative_folder(folder, this_page.rpartition("/")[0])
    path = name if up == "." else f"{up}/{name}"
    return f"{path}#{anchor}" if anchor else path


@jinja2.pass_context
def link(context, kind: str, key=None, anchor: str = "") -> str:
    """A link from the page being rendered to a listing (``key`` None) or one of its pages."""
    return relative(context["this_page"], page_path(kind, key), anchor)


# A name or a title is shown on many pages (a department's on each of its items, a plan's on each of its
# items' pages and listings), inert each time: the last few thousand are remembered.
inert_name = lru_cache(maxsize=4096)(md)


def item_title(entry: Entry) -> str:
    """An item's number and title as printed, inert."""
    return inert_name(numbered(entry.item.number, entry.item.title))


# Filters, not macros or globals: Jinja calls a filter directly, a macro or a global through its context
# (a few microseconds a call, and pages make hundreds of thousands of links).
@jinja2.pass_context
def item_url(context, entry: Entry) -> str:
    """The link to an item from the page being rendered."""
    return link(context, "plans", entry.plan.id, entry.anchor)


@jinja2.pass_context
def item_link(context, entry: Entry) -> str:
    """A Markdown link to an item, its number and title as the link's text."""
    return f"[{item_title(entry)}]({item_url(context, entry)})"


@jinja2.pass_context
def item_link_in_plan(context, entry: Entry) -> str:
    """A Markdown link to an item, its plan's title, its number and title as the link's text."""
    return f"[{inert_name(entry.plan.title)} · {item_title(entry)}]({item_url(context, entry)})"


@jinja2.pass_context
def plan_link(context, plan: Plan) -> str:
    """A Markdown link to a plan, its title as the link's text."""
    return f"[{inert_name(plan.title)}]({link(context, 'plans', plan.id)})"


@jinja2.pass_context
def name_link(context, record, kind: str) -> str:
    """A Markdown link to the page of a record of a vocabulary (``kind``: its listing), its name as the text."""
    return f"[{inert_name(record.name)}]({link(context, kind, record.id)})"


def url_of(path: str) -> str:
    """The URL a page gets with MkDocs' directory URLs: 'a.md' and 'a/index.md' both give 'a'."""
    stem = posixpath.splitext(path)[0]
    return "" if stem == "index" else stem.removesuffix("/index")


def address_of(path: str) -> str:
    """Where a file of docs/ is served: a page at its URL (``url_of``), any other file at its path."""
    return url_of(path) if path.endswith(".md") else path


def served_url(from_file: str, page: str, anchor: str = "") -> str:
    """The address of a page (and an anchor on it) from a file published as it is, such as a data file."""
    path = relative_folder(url_of(page), from_file.rpartition("/")[0]) + "/"  # a directory URL is a folder
    return f"{path}#{anchor}" if anchor else path


@jinja2.pass_context
def download(context, name: str, key: str | None = None) -> str:
    """A link from the page being rendered to a file of open data (``opendata.data_path``)."""
    return relative(context["this_page"], data_path(name, key))


def item_location(entry: Entry) -> str:
    """An item's address on the site, relative to the site's root: 'plans/<plan id>/#item-<key>'."""
    return f"{url_of(page_path('plans', entry.plan.id))}/#{entry.anchor}"


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


# --- rendering -------------------------------------------------------------------

@cache
def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(os.path.join(os.path.dirname(__file__), "templates")),
        autoescape=False, undefined=jinja2.StrictUndefined,
        trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True,
        # Compiled templates are kept in the user's temporary directory (checked against the source),
        # so a run does not compile them again: that was half of a no-op regeneration.
        bytecode_cache=jinja2.FileSystemBytecodeCache())
    env.filters.update(md=md, front_matter_title=front_matter_title,
                       front_matter_description=front_matter_description, paragraphs=paragraphs,
                       http_url=http_url, requirement=requirement, heading_id=heading_id,
                       filter_attribute=filter_attribute, item_level=item_level, item_title=item_title,
                       item_url=item_url, item_link=item_link, item_link_in_plan=item_link_in_plan,
                       plan_link=plan_link, name_link=name_link, genre=genre, commits=commits,
                       by_year=group_by_year, by_plan=group_by_plan, by_theme=group_by_theme)
    env.globals.update(link=link, download=download, numbered=numbered, theme_year=theme_year, changes=CHANGES)
    return env


def text(template: str, this_page: str, **values) -> str:
    return environment().get_template(template).render(this_page=this_page, **values)


def render(template: str, this_page: str, **values) -> tuple[str, str]:
    """The page ``this_page`` rendered now: (its path, its Markdown)."""
    return this_page, text(template, this_page, **values)


def later(template: str, this_page: str, **values) -> tuple[str, Callable[[], str]]:
    """The page ``this_page`` to be rendered when it is written (see ``write.Files``)."""
    return this_page, partial(text, template, this_page, **values)


def item_level(entry: Entry) -> int:
    """The heading level of an item on its plan page: one below its section's."""
    return min(len(entry.placed.sections) + 2, 6)


def by_year_and_role(owned: tuple[Entry, ...], supported: tuple[Entry, ...]) -> list[tuple[int, list]]:
    """A department's items per year (descending), as [(year, [("owned"|"supported", entries)])]."""
    years: dict[int, dict[str, list[Entry]]] = {}
    for role, entries in (("owned", owned), ("supported", supported)):
        for entry in entries:
            years.setdefault(entry.plan.year, {}).setdefault(role, []).append(entry)
    return [(year, list(years[year].items())) for year in sorted(years, reverse=True)]


def plan_page(corpus: Corpus, tracking: Tracking, plan: Plan) -> tuple[str, Callable[[], str]]:
    entries = corpus.by_plan[plan.id]
    return later("plan.md.j2", page_path("plans", plan.id), plan=plan, entries=entries, tracking=tracking,
                 organisation=corpus.vocabulary.organisation_by_id[plan.organisation],
                 body=list(outline(plan.sections, iter(entries))))


def render_pages(corpus: Corpus, tracking: Tracking) -> Files:
    """Every generated page but those of targets (``render_targets``), by path relative to docs/."""
    vocabulary = corpus.vocabulary
    pages = [later("index.md.j2", "index.md", corpus=corpus, newest=corpus.plans[:NEWEST])]
    pages += [later(f"{kind}.md.j2", page_path(kind), corpus=corpus) for kind in LISTINGS]
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
    pages += finder_pages(corpus)
    return dict(pages)


def finder_pages(corpus: Corpus) -> list[tuple[str, Callable[[], str]]]:
    """The item finder's page, its index and a data file per year (see finder.py)."""
    def from_year_file(entry: Entry) -> str:  # the item's address as its year's data file links it
        return served_url(year_path(entry.plan.year), page_path("plans", entry.plan.id), entry.anchor)

    page = later("finder.md.j2", FINDER_PAGE, corpus=corpus, data=relative(FINDER_PAGE, FINDER_INDEX),
                 department_limit=DEPARTMENT_LIST_LIMIT)
    years = [(year_path(year), partial(year_json, corpus, year, from_year_file)) for year in corpus.years]
    return [page, (FINDER_INDEX, partial(index_json, corpus)), *years]


def copied_files(root: str) -> dict[str, str]:
    """Files published as they are: {path in docs/: source path}; content/pages/ whole (``hand_written_files``)."""
    found = hand_written_files(root)
    schema = os.path.join(root, SCHEMA_FILE)
    if os.path.exists(schema):
        found[SCHEMA] = schema
    static = os.path.join(os.path.dirname(__file__), "static")
    found.update((f"{STATIC}/{name}", os.path.join(static, name)) for name in sorted(os.listdir(static)))
    return found


def site_files(site: Site, today: date | None = None, history: SiteHistory = NO_HISTORY) -> dict[str, File]:
    """All of docs/, each file made when it is written (see ``write.Files``): generated pages and copied
    files; InputError when a copied file takes a generated name.

    ``today`` (default: ``builddate.build_day()``) is the date progress is shown as of: what is overdue.
    ``history`` (default: none) is what git says: page dates, editions, feeds (see ``historypages``).
    """
    from .historypages import with_history  # these render with this module's helpers
    from .render_targets import Tracking, target_pages

    corpus = build_corpus(site)
    tracking = Tracking(corpus, today or build_day())
    data_page, render_data_page = later("opendata.md.j2", OPEN_DATA_PAGE, corpus=corpus,
                                        license=site.settings.data_license)
    pages = {**render_pages(corpus, tracking), **target_pages(tracking), **open_data(site, corpus, item_location),
             data_page: render_data_page, **repaired_worker()}
    pages = with_history(pages, site, corpus, history)
    copied = copied_files(site.root)
    taken = {address_of(path) for path in pages}
    clashes = [Diagnostic(source, 0, 0, "", f"the site makes /{address_of(target)} itself; rename this file")
               for target, source in copied.items() if address_of(target) in taken]
    if clashes:
        raise InputError(clashes)
    pages.update((target, copy_of(source)) for target, source in copied.items())
    return pages


def render_site(site: Site, today: date | None = None,
                history: SiteHistory = NO_HISTORY) -> dict[str, str | bytes]:
    """All of docs/ made at once, in memory: ``site_files``' files with their contents."""
    return {path: content_of(file) for path, file in site_files(site, today, history).items()}
