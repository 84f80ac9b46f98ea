"""Where pages live in docs/ and how one page links another.

A page's path in docs/ is ``page_path(kind, key)`` (a listing's ``key`` is None); the keys of a theme's and a
metric's pages for one year are ``theme_year`` and ``metric_year``; the feeds are ``FEED_ALL`` and
``feed_path``.  Links between pages are relative ``.md`` paths (``relative``), so MkDocs checks them; a file
published as it is (a data file, a feed) links a page at the URL MkDocs serves it at (``url_of``,
``served_url``).  Anchors on a page are made in ``ids``.
"""

from __future__ import annotations

import posixpath
from functools import cache
from typing import TYPE_CHECKING, Iterable

from .diagnostics import Diagnostic

if TYPE_CHECKING:  # (the plansite plugin finds the feed here without loading the model's cross-index)
    from .corpus import Entry

LISTINGS = ("plans", "themes", "departments", "years", "organisations")
LISTING_KEY = "index"  # the key of a listing's own page (``page_path(kind)``): no entry of the kind may have it
FEEDS = "feeds"
FEED_ALL = f"{FEEDS}/all.xml"  # the feed of every change
FINDER_PAGE = "tasks/index.md"  # the item finder (``finder``)
DATA = "data"  # the open data files (``opendata``)
OPEN_DATA_PAGE = f"{DATA}/index.md"  # the page describing them
STATIC = "assets/plansite"  # where generator/static/ (the site's own CSS and JavaScript) is published
EDITIONS = "editions"  # docs/editions/index.md lists the editions; docs/editions/<version>.md each (``timeline``)


def page_path(kind: str, key=None) -> str:
    """Where a page lives in docs/: 'plans/index.md', 'plans/<id>.md', ..."""
    return f"{kind}/{LISTING_KEY if key is None else key}.md"


def theme_year(theme_id: str, year: int) -> str:
    """The key of a theme's page for one year (``page_path("themes", key)``: themes/<theme>/<year>.md)."""
    return f"{theme_id}/{year}"


def feed_path(kind: str, key: str) -> str:
    """Where the feed of a theme or a department lives in docs/: 'feeds/themes/<id>.xml'."""
    return f"{FEEDS}/{kind}/{key}.xml"


def metric_year(metric_id: str, year: int) -> str:
    """The key of a metric's page for one year (``page_path("metrics", key)``: metrics/<metric>/<year>.md)."""
    return f"{metric_id}/{year}"


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


def url_of(path: str) -> str:
    """The URL a page gets with MkDocs' directory URLs: 'a.md' and 'a/index.md' both give 'a'."""
    stem = posixpath.splitext(path)[0]
    return "" if stem == "index" else stem.removesuffix("/index")


def address_of(path: str) -> str:
    """Where a file of docs/ is served: a page at its URL (``url_of``), an index.html at its folder's (where MkDocs
    writes the page of that URL: 'a/index.html' is 'a', as 'a.md' is), any other file at its path."""
    return url_of(path) if path.endswith(".md") or posixpath.basename(path) == "index.html" else path


def served_url(from_file: str, page: str, anchor: str = "") -> str:
    """The address of a page (and an anchor on it) from a file published as it is, such as a data file."""
    path = relative_folder(url_of(page), from_file.rpartition("/")[0]) + "/"  # a directory URL is a folder
    return f"{path}#{anchor}" if anchor else path


def item_location(entry: Entry) -> str:
    """An item's address on the site, relative to the site's root: 'plans/<plan id>/#item-<key>'."""
    return f"{url_of(page_path('plans', entry.plan.id))}/#{entry.anchor}"


def taken_addresses(copied: dict[str, str], made: Iterable[str]) -> list[Diagnostic]:
    """An error for each file published as it is (``copied``: {path in docs/: source path}) whose address is
    that of one of the files ``made`` (paths in docs/): one of the two would replace the other."""
    taken = {address_of(path) for path in made}
    return [Diagnostic(source, 0, 0, "", f"the site makes /{address_of(target)} itself; rename this file")
            for target, source in copied.items() if address_of(target) in taken]
