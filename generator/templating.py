"""What every page is rendered with: the Jinja2 environment and its filters.

Every text that comes from YAML goes through the ``md`` filter, which makes it
inert: Markdown, HTML, attribute lists and the like come out as visible text
(a line telling a long text's edits goes through ``runs_md``, which makes each
piece inert so and marks the edits with ``<del>`` and ``<ins>``).
Templates are files in ``templates/`` and receive ready-made values; links
between pages are relative ``.md`` paths (``link``, from ``addresses``) so MkDocs
checks them.  ``render`` and ``later`` render a template as one page of docs/,
now or when the page is written.
"""

from __future__ import annotations

import json
import operator
import os
import re
import string
from functools import cache, lru_cache, partial
from typing import TYPE_CHECKING, Callable
from urllib.parse import quote

import jinja2

from .addresses import page_path, relative, theme_year
from .commitments import Commitment
from .corpus import Entry, group_by_plan, group_by_theme, group_by_year
from .labels import CHANGES, genre, numbered, reached_as_of, requirement, target_summary
from .model import Plan, commits
from .opendata import data_path
from .references import is_web_address
from .uptodate import code_digest

if TYPE_CHECKING:  # (render_targets renders with this module)
    from .render_targets import TargetProgress

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
_SPACES = re.compile(r"\s+")
EDIT_ELEMENTS = {"removed": "del", "inserted": "ins"}  # site.css labels them for screen readers


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
    return _inert(one_line(value))


def _inert(text: str) -> str:
    """``text`` with every punctuation mark escaped and ``< > &`` as HTML entities (see ``md``)."""
    return _NOT_INERT.sub(lambda found: _INERT[found.group()], text)


def runs_md(runs, this_page: str) -> str:
    """Inline Markdown of a line that tells a change (``changetext.Run``s) on the page ``this_page``: each run's
    text inert as ``md`` makes it, what an edit removed in ``<del>`` and what it inserted in ``<ins>``, a run
    with a page a link to it.  Whitespace is collapsed as ``one_line`` does, but a space where one run meets
    the next is kept."""
    parts = []
    for run in runs:
        text = _inert(_DROPPED.sub("", _SPACES.sub(" ", run.text)))
        tag = EDIT_ELEMENTS.get(run.edit)
        text = f"[{text}]({relative(this_page, run.page, run.anchor)})" if run.page else text
        parts.append(f"<{tag}>{text}</{tag}>" if tag else text)
    return "".join(parts).strip(" ")


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


def blocks(text: str) -> list[str]:
    """A plan's, a section's or an item's text as Markdown blocks: its non-empty lines as ``paragraphs``, but two or
    more lines in a row of at least two tab-separated cells each (a table of figures the importer folds into the
    text above it: ``类别\t2024年\t2025年``) one table, headed by the first of them."""
    if "\t" not in text:
        return paragraphs(text)
    found, lines, rows = [], [], []
    for line in text.splitlines() + [""]:
        cells = [md(cell) for cell in line.rstrip().split("\t")] if "\t" in line else []
        if sum(map(bool, cells)) > 1:
            lines.append(line)
            rows.append(cells)
            continue
        found.extend([_table(rows)] if len(rows) > 1 else paragraphs("\n".join(lines)))
        found.extend(paragraphs(line))
        lines, rows = [], []
    return found


def _table(rows: list[list[str]]) -> str:
    """A Markdown table of ``rows`` of inert cells (``md``), headed by the first, every row as wide as the
    widest."""
    width = max(map(len, rows))
    rows = [[*row, *[""] * (width - len(row))] for row in rows]
    rows.insert(1, ["---"] * width)
    return "\n".join("| " + " | ".join(row) + " |" for row in rows)


def http_url(url: str) -> str:
    """``url`` percent-encoded for a Markdown link when it is an http(s) address, else ""."""
    if not is_web_address(url):
        return ""
    return quote(url.strip(), safe="/:?#[]@!$&'*+,;=%~")


def filter_attribute(name: str) -> str:
    """The attribute list that makes a link's text a value of a Pagefind filter (see generator/pagefind.py);
    nothing without a filter name."""
    return f'{{ data-pagefind-filter="{name}" }}' if name else ""


def heading_id(anchor: str) -> str:
    """The attribute list that gives a heading its id (``{#`` cannot be written in a template)."""
    return "{#" + anchor + "}"


# --- pages and links -----------------------------------------------------------

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


def names(records) -> str:
    """The names of records of a vocabulary, inert, joined by 、."""
    return "、".join(inert_name(record.name) for record in records)


@jinja2.pass_context
def name_links(context, records, kind: str, facet: str = "") -> str:
    """``name_link``s to ``records``, joined by 、, each a value of the Pagefind filter ``facet`` (if any)."""
    attribute = filter_attribute(facet)
    return "、".join(name_link(context, record, kind) + attribute for record in records)


@jinja2.pass_context
def metric_link(context, commitment: Commitment) -> str:
    """What a commitment's target measures: a ``name_link`` to its listed metric, else the metric as the target
    words it, inert (— for none)."""
    if commitment.metric:
        return name_link(context, commitment.metric, "metrics")
    return md(commitment.target.metric or "—")


def target_phrases(targets) -> str:
    """An item's targets in a line of a listing: each one's ``target_summary`` (its metric, else its words, and
    its requirement), inert, joined by ；."""
    return "；".join(md(target_summary(target)) for target in targets)


@jinja2.pass_context
def item_lines(context, entries, owners: bool = True) -> str:
    """Items in a listing, a line each: its link, its owners (with ``owners``), and its targets and deadline inline
    (one list item: Python-Markdown's cost grows with the elements it makes, a nested list doubled a listing's).
    A filter, not a macro: a theme's year and a department list their items a call per plan."""
    lines = []
    for entry in entries:
        item = entry.item
        line = "- " + item_link(context, entry)
        if owners and entry.owners:
            line += " — 责任单位：" + names(entry.owners)
        if item.targets:
            line += " · 目标：" + target_phrases(item.targets)
        if item.deadline:
            line += " · 完成时限：" + md(item.deadline.isoformat())
        lines.append(line + "\n")
    return "".join(lines)


def requirement_cell(progress: TargetProgress) -> str:
    """What a target asks for, inert, with the plan's baseline (基数) when it states one."""
    cell = md(requirement(progress.commitment.target))
    return f"{cell}（基数 {md(progress.baseline)}）" if progress.baseline else cell


@jinja2.pass_context
def progress_cell(context, progress: TargetProgress) -> str:
    """How a target stands: its status, the actual value reported (and as of when), and a link to the
    evidence, a review's item or a web page."""
    cell, target = md(progress.status), progress.commitment.target
    if target.actual is not None:
        cell += " · " + reached_as_of(target, md)
    if progress.evidence:
        cell += f" · [依据]({item_url(context, progress.evidence)})"
    elif progress.evidence_url:
        cell += f" · [依据]({progress.evidence_url})"
    return cell


@jinja2.pass_context
def download(context, name: str, key: str | None = None) -> str:
    """A link from the page being rendered to a file of open data (``opendata.data_path``)."""
    return relative(context["this_page"], data_path(name, key))


# --- rendering -------------------------------------------------------------------

class CompiledTemplates(jinja2.FileSystemBytecodeCache):
    """Compiled templates, kept (in the user's temporary directory) so that a run does not compile them again:
    that was half of a no-op regeneration.  One is used only while both its template's source and the code
    (``code``, a digest of it) are as when it was compiled: Jinja compiles a filter's call by what the filter
    is (given the context or not), so a filter changed under an unchanged template needs it compiled again."""

    def __init__(self, code: str, directory: str | None = None):
        super().__init__(directory)
        self.code = code

    def get_source_checksum(self, source: str) -> str:
        return super().get_source_checksum(f"{self.code}\0{source}")


@cache
def environment() -> jinja2.Environment:
    """The templates' environment, one a process.  Each template is checked against its file when a page loads it
    (Jinja's ``auto_reload``): ``plansite serve`` generates a small project in its own process, and a template
    edited meanwhile must show (not checking saved 0.03 s at 1,000 plans, PERFORMANCE.md)."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(os.path.join(os.path.dirname(__file__), "templates")),
        autoescape=False, undefined=jinja2.StrictUndefined,
        trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True,
        bytecode_cache=CompiledTemplates(code_digest()))
    env.filters.update(md=md, runs_md=runs_md, front_matter_title=front_matter_title,
                       front_matter_description=front_matter_description, paragraphs=paragraphs, blocks=blocks,
                       http_url=http_url, requirement=requirement, heading_id=heading_id,
                       filter_attribute=filter_attribute, item_level=item_level, item_title=item_title,
                       item_url=item_url, item_link=item_link, item_link_in_plan=item_link_in_plan,
                       plan_link=plan_link, name_link=name_link, name_links=name_links, names=names,
                       metric_link=metric_link, item_lines=item_lines,
                       requirement_cell=requirement_cell, progress_cell=progress_cell, genre=genre, commits=commits,
                       distinct=distinct,
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


def distinct(values, attribute: str) -> set:
    """The different values of ``attribute`` (dotted, as ``map(attribute=…)`` takes it) among ``values``: Jinja's
    ``map`` and ``unique`` take a few microseconds a value, and a metric's pages go over its every target."""
    return set(map(operator.attrgetter(attribute), values))


def item_level(entry: Entry) -> int:
    """The heading level of an item on its plan page: one below its section's."""
    return min(len(entry.placed.sections) + 2, 6)


