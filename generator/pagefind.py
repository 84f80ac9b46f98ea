"""Pagefind instead of Material's search, for large sites.

Chosen in mkdocs.yml::

    extra:
      plansite:
        search: pagefind      # default: material

Material's search sends the whole index to every reader (about 3 MB per 100
plans), which does not scale to thousands of plans.  Pagefind indexes the
built HTML into chunks a browser fetches per query, and offers filters: the
plan pages mark their organisation, year, themes and departments with
``data-pagefind-filter`` (see the templates), so results can be narrowed by
each.  The extended Pagefind binary segments Chinese; it comes from PyPI as
``pagefind[extended]`` (the pinned version is ``REQUIREMENT``), run as
``python -m pagefind``.

With Pagefind, Material's search plugin is switched off (no search box in the
header, no search_index.json) and the theme gains a search page, search.html,
with Pagefind's own UI (served from the site's pagefind/ folder, nothing from a
CDN), linked from a bar at the top of every page.  Pagefind is given copies of
the pages with their Chinese cut a character at a time, and the search page cuts
a query the same way (``characters_apart``, ``APART``), asks for each of its
words apart and counts the filters of the pages holding them all itself
(``PAGE_FILTERS``).
"""

from __future__ import annotations

import gzip
import json
import os
import re
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from html import escape, unescape

from mkdocs.exceptions import Abort

from .fullwidth import fold
from .processes import cores

REQUIREMENT = "pagefind[extended]==1.4.0"
THEME = os.path.join(os.path.dirname(__file__), "theme", "pagefind")
SEARCH_PAGE = "search.html"
BUNDLE = "pagefind"
# What is indexed: the article of each page the theme marks data-pagefind-body (theme/pagefind/main.html:
# not the pages Material's search leaves out either), without the listings marked data-search-exclude
# (also left out by Material's search) and without the heading permalinks.  Naming the article as the root
# too makes indexing faster (29 s rather than 34 s at 1,000 plans): Pagefind reads nothing outside it.
ROOT_SELECTOR = "article.md-content__inner"
EXCLUDE_SELECTORS = ("[data-search-exclude]", ".headerlink")
MARK = b"data-pagefind-body"
# A large site is indexed in parts of at most PAGES_PER_PART pages, each a bundle of its own (pagefind/,
# pagefind-2/, …), which the search page merges (Pagefind's mergeIndex: a query runs on every part, the
# results are ranked together, the filters summed).  Pagefind holds a part's pages in memory until it
# writes its bundle (about 0.45 MB a plan page: 4.6 GB for 10,000 plans in one part) and uses one core;
# parts run as many at once as there are cores.  A site is split only when it must be: a query runs once in
# each part.
PAGES_PER_PART = 5_000
PARTS = "plansite-parts.json"  # in the first bundle: the folders of the other parts, for search.html
# Also in the first bundle: the filter values of every indexed page, by Pagefind's id of the page (about 60
# bytes a page).  The search page asks a query a word at a time and keeps the pages holding every word
# (pagefindSearch in assets/javascripts/pagefind-query.js), so it counts the filter values of those pages
# itself, from this file, as Pagefind counts those of its own results.  Pagefind keeps a page's filters in its
# fragment, which the browser loads only for a result shown.
PAGE_FILTERS = "plansite-filters.json"
FRAGMENT = ".pf_fragment"
FRAGMENT_SIGNATURE = b"pagefind_dcd"  # before the JSON of a fragment, inside its gzip
# Chinese is indexed a character at a time.  Pagefind cuts Chinese text into the words of its own dictionary
# and looks a query up in that word list alone, so a term it cut otherwise (普惠性 indexed as 普/惠/性 beside
# 普及, 县管校聘 as four characters) found nothing, or found something only when the index chunk the whole
# query fell into happened to hold its characters: 12 of the 66 known queries found nothing at 1,000 plans.
# So the text Pagefind is given has every Chinese character and digit between zero-width spaces, at which
# Pagefind cuts (they stay invisible in its excerpts), and the search page cuts a query the same way and
# asks for the characters in a row (assets/javascripts/pagefind-query.js).  A filter's value is the text of
# its link (data-pagefind-filter="部门"): it is written into the attribute (部门:督导室), whole, before the
# text is cut.
APART = re.compile("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff0-9]+")
ZERO_WIDTH_SPACE = "\u200b"
TAG = re.compile(r"(<[^>]*>)")
NAMED_FILTER = re.compile(r'data-pagefind-filter="([^":]*)"')


def chosen(config) -> bool:
    """Does mkdocs.yml ask for Pagefind (``extra.plansite.search: pagefind``)?"""
    return ((config.extra or {}).get("plansite") or {}).get("search", "material") == "pagefind"


def configure(config, search) -> None:
    """Switch Material's search plugin (``search``, None without it) off and add the search page with Pagefind's
    UI to the theme (whose folder, ``THEME``, the plansite plugin puts before Material's)."""
    if search is not None:
        search.config.enabled = False
    config.theme.static_templates.add(SEARCH_PAGE)


def command(pages_dir: str, bundle_dir: str) -> list[str]:
    arguments = ["--site", pages_dir, "--output-path", bundle_dir, "--root-selector", ROOT_SELECTOR, "--quiet"]
    for selector in EXCLUDE_SELECTORS:
        arguments += ["--exclude-selectors", selector]
    return [sys.executable, "-m", "pagefind", *arguments]


def index(site_dir: str) -> str:
    """Index a built site into ``site_dir``/pagefind (and pagefind-2/, … for a large site: ``parts``);
    a summary of the bundles (Abort when Pagefind fails).

    Pagefind is given only the pages it would index (``pages_to_index``): it parses every page it is
    given, and the others are two fifths of a large site's pages (a quarter of its indexing time)."""
    pages = pages_to_index(site_dir)
    shares = parts(pages)
    bundles = [BUNDLE, *(f"{BUNDLE}-{number}" for number in range(2, len(shares) + 1))]
    with ThreadPoolExecutor(min(cores(), len(shares))) as pool:  # threads that wait for Pagefind processes
        failures = [failure for failure in pool.map(lambda share, bundle: run(site_dir, share, bundle),
                                                    shares, bundles) if failure]
    if failures:
        raise Abort(failures[0])
    with open(os.path.join(site_dir, BUNDLE, PARTS), "w", encoding="utf-8") as file:
        json.dump(bundles[1:], file)
    with open(os.path.join(site_dir, BUNDLE, PAGE_FILTERS), "w", encoding="utf-8") as file:
        json.dump(filters_of_pages(os.path.join(site_dir, bundle) for bundle in bundles), file,
                  ensure_ascii=False, separators=(",", ":"))
    files, size = index_size(site_dir)
    return f"{len(pages):,} pages in {len(shares)} part(s), {files:,} files, {size:,} bytes"


def parts(pages: list[str]) -> list[list[str]]:
    """``pages`` dealt out to the fewest parts of at most PAGES_PER_PART pages."""
    count = max(1, -(-len(pages) // PAGES_PER_PART))
    return [pages[start::count] for start in range(count)]


def run(site_dir: str, pages: list[str], bundle: str) -> str:
    """Index ``pages`` of ``site_dir`` into the bundle folder ``bundle``; what went wrong, or ""."""
    with mirrored(site_dir, pages) as pages_dir:
        try:
            result = subprocess.run(command(pages_dir, os.path.join(site_dir, bundle)), capture_output=True,
                                    text=True)
        except OSError as error:
            return f"cannot run Pagefind: {error}"
    if result.returncode == 0:
        return ""
    if "No module named pagefind" in result.stderr:
        return f"Pagefind is not installed: pip install '{REQUIREMENT}'"
    return f"Pagefind failed: {result.stderr.strip() or result.stdout.strip()}"


def filters_of_pages(bundle_dirs) -> dict:
    """The filter values of every page in the bundles: ``{"values": [[filter, value], …], "pages": {page id:
    [index in values, …]}}``, each value of a page once, as Pagefind counts them."""
    named = {}
    for bundle_dir in bundle_dirs:
        fragments = os.path.join(bundle_dir, "fragment")
        for name in sorted(os.listdir(fragments)):
            path = os.path.join(fragments, name)
            with open(path, "rb") as file:
                data = gzip.decompress(file.read())
            if not data.startswith(FRAGMENT_SIGNATURE):  # read as Pagefind 1.4 writes them
                raise Abort(f"{path}: not a page's fragment as {REQUIREMENT} writes it; is another Pagefind "
                            "installed?")
            fragment = json.loads(data.removeprefix(FRAGMENT_SIGNATURE))
            named[name.removesuffix(FRAGMENT)] = {(filter, value) for filter, values in fragment["filters"].items()
                                                  for value in values}
    values = sorted(set().union(*named.values()))  # in Pagefind's order, so its UI lists them the same way
    index = {value: at for at, value in enumerate(values)}
    return {"values": values, "pages": {page: sorted(index[value] for value in held) for page, held in named.items()}}


def pages_to_index(site_dir: str) -> list[str]:
    """The HTML pages of a built site Pagefind indexes, relative to ``site_dir``: those marked
    data-pagefind-body or, as Pagefind has it, every page when none is marked."""
    pages = sorted(os.path.relpath(os.path.join(here, name), site_dir)
                   for here, _, names in os.walk(site_dir) for name in names if name.endswith(".html"))
    marked = []
    for page in pages:
        with open(os.path.join(site_dir, page), "rb") as file:
            if MARK in file.read():
                marked.append(page)
    return marked or pages


def apart(run: re.Match) -> str:
    """A run of Chinese characters and digits with a zero-width space before, between and after them."""
    return ZERO_WIDTH_SPACE + ZERO_WIDTH_SPACE.join(run[0]) + ZERO_WIDTH_SPACE


def characters_apart(html: str) -> str:
    """A page with each Chinese character and digit of its article's text between zero-width spaces (see
    ``APART``), and the value of each filter named by its element's text written into its attribute, once: a
    plan page names a department or theme for each of its items, and Pagefind counts a page once for each time
    it names a value (at 10,000 plans its UI showed 学前教育 (18937) beside the 6,889 results of 普惠性)."""
    start, end = html.find("<article"), html.rfind("</article>")
    if start < 0 or end < start:
        return html
    parts = TAG.split(html[start:end])  # text, tag, text, tag, …, text
    named_before = set()
    for at in range(0, len(parts), 2):
        if at and (named := NAMED_FILTER.search(parts[at - 1])):
            # Pagefind 1.4 decodes a filter's value twice (from the attribute as from the text), its UI writes
            # the value into the page as HTML, and a value with a double quote matches nothing when filtered
            # on.  So the text is escaped once for the UI (quotes too) and twice for the decoding: a name with
            # markup (<img onerror=…>, from YAML) is shown as text, never run, and every value can be chosen.
            value = escape(escape(escape(unescape(parts[at]))))
            attribute = "" if (named[1], value) in named_before else f'data-pagefind-filter="{named[1]}:{value}"'
            named_before.add((named[1], value))
            parts[at - 1] = parts[at - 1][:named.start()] + attribute + parts[at - 1][named.end():]
        parts[at] = APART.sub(apart, fold(parts[at]))  # (５８％ as 58%, as the search page folds a query)
    return html[:start] + "".join(parts) + html[end:]


@contextmanager
def mirrored(site_dir: str, pages: list[str]):
    """A folder holding only ``pages`` of ``site_dir``, at their paths (so Pagefind gives them the same URLs),
    each with its characters apart (``characters_apart``).  It is made inside ``site_dir`` (one file system;
    a build that stops half-way leaves nothing in the project) and removed afterwards."""
    with tempfile.TemporaryDirectory(prefix=".pagefind-pages-", dir=site_dir) as mirror:
        for page in pages:
            source, target = os.path.join(site_dir, page), os.path.join(mirror, page)
            os.makedirs(os.path.dirname(target), exist_ok=True)
            with open(source, encoding="utf-8") as read, open(target, "w", encoding="utf-8") as write:
                write.write(characters_apart(read.read()))
        yield mirror


def bundles(site_dir: str) -> list[str]:
    """The folders of a built site's Pagefind index: pagefind/ and the other parts it lists."""
    with open(os.path.join(site_dir, BUNDLE, PARTS), encoding="utf-8") as file:
        return [BUNDLE, *json.load(file)]


def index_size(site_dir: str) -> tuple[int, int]:
    """Number of files and bytes of a site's Pagefind index, every part of it."""
    sizes = [folder_size(os.path.join(site_dir, bundle)) for bundle in bundles(site_dir)]
    return sum(files for files, _ in sizes), sum(size for _, size in sizes)


def folder_size(folder: str) -> tuple[int, int]:
    """Number of files and bytes below ``folder``."""
    sizes = [os.path.getsize(os.path.join(here, name)) for here, _, names in os.walk(folder) for name in names]
    return len(sizes), sum(sizes)
