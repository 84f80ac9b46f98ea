"""Atom feeds of what the published editions changed: the whole site, each theme, each department.

``feeds/all.xml``, ``feeds/themes/<id>.xml`` and ``feeds/departments/<id>.xml``
in docs/ (RFC 4287).  Each change an edition page lists is one entry (a plan
added or removed or its details changed; an item added, removed, moved or
changed), newest edition first, in the order of its page; a theme's or a
department's feed holds the changes to items filed under the theme or owned or
supported by the department, before or after the change.  Every theme and
department has its feed, empty until an edition concerns it; without editions
every feed is valid and empty.

* Ids are tag URIs (RFC 4151), stable across builds and publishes:
  ``tag:HOST,DATE:PATHeditions/VERSION/PLAN[/KIND/KEY]`` for an entry, where
  DATE is the edition's, and ``tag:HOST,2025:PATHfeeds/…`` for a feed; HOST
  and PATH are those of mkdocs.yml's ``site_url`` (``plansite.invalid`` and
  nothing when it is unset).
* Titles and the author are the site's name, mkdocs.yml's ``site_name``.
* Links are relative to the feed file, as RFC 4287 allows: mike publishes the
  same files in each edition's folder and in the ``latest`` copy, and a
  relative link stays in the folder the reader subscribed to.
* A feed holds the newest ``FEED_ENTRIES`` changes: a reader polls it for
  what is new, and a first edition of a large site would otherwise put every
  plan in it, for good.  版本记录 lists every change of every edition.
* ``updated`` is the edition's date (the latest of its entries' for a feed;
  with no entry, the latest edition date or else the newest page date).
* The XML is built with ElementTree, which escapes every text; characters XML
  1.0 cannot hold (control characters) are dropped.
* ``feeds/sitemap.xml`` is an empty sitemap: Material's scripts take every
  ``<link rel="alternate">`` of a page's head, the feed's too, for a language
  version of the site and fetch the sitemap.xml beside it, which was a 404 on
  every page load.
"""

from __future__ import annotations

import posixpath
import re
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from functools import cache
from urllib.parse import quote, urlsplit

from .addresses import EDITIONS, FEED_ALL, FEEDS, feed_path, page_path, served_url
from .changetext import as_text
from .corpus import Corpus, grouped
from .labels import feed_all_title
from .timeline import EditionView, Line, PlanChanges, Timeline

ATOM = "http://www.w3.org/2005/Atom"
FEED_ID_DATE = "2025"  # the year this id scheme was defined
FEED_ENTRIES = 100  # the newest changes a feed holds
NO_DATE = "1970-01-01T00:00:00Z"
EMPTY_SITEMAP = ('<?xml version="1.0" encoding="UTF-8"?>\n'
                 '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"></urlset>\n')
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]+")


def feeds(corpus: Corpus, timeline: Timeline) -> dict[str, str]:
    """Every feed: {path in docs/: Atom XML}."""
    entries = [(edition, plan, line) for edition in timeline.editions for plan in edition.plans for line in plan.lines]
    vocabulary = corpus.vocabulary
    address = cache(served_url)  # the feeds of one folder share their links
    name = timeline.config.name

    def feed(path: str, title: str, page: str, chosen) -> tuple[str, str]:
        return path, atom(path, title, page, chosen, timeline, address)

    # A line names only themes and departments of the corpus's vocabulary (timeline.relevance), in one pass over
    # the changes, not one per theme or department.
    by_theme = grouped(entries, lambda entry: entry[2].themes, (t.id for t in vocabulary.themes))
    by_department = grouped(entries, lambda entry: entry[2].departments, (d.id for d in vocabulary.departments))
    files = dict([feed(FEED_ALL, feed_all_title(name), page_path(EDITIONS), entries)])
    files.update(feed(feed_path("themes", t.id), f"{name}：主题「{t.name}」的更新", page_path("themes", t.id),
                      by_theme[t.id]) for t in vocabulary.themes)
    files.update(feed(feed_path("departments", d.id),
                      f"{name}：{vocabulary.organisation_by_id[d.organisation].name}{d.name}的更新",
                      page_path("departments", d.id), by_department[d.id])
                 for d in vocabulary.departments)
    files[f"{FEEDS}/sitemap.xml"] = EMPTY_SITEMAP
    return files


def atom(path: str, title: str, page: str, entries: Sequence[tuple[EditionView, PlanChanges, Line]],
         timeline: Timeline, address=served_url) -> str:
    """The feed at ``path`` (in docs/) about ``page``, holding the first ``FEED_ENTRIES`` of ``entries`` (newest
    first).

    ``address(from_file, page, anchor)`` is the relative address of a page (``addresses.served_url``).
    """
    folder = posixpath.dirname(path) + "/"
    authority, base = tag_authority(timeline.config.url)
    feed = ET.Element("feed", xmlns=ATOM)  # children are unqualified: in the default namespace
    add(feed, "id", f"tag:{authority},{FEED_ID_DATE}:{base}{path}")
    add(feed, "title", title)
    held = entries[:FEED_ENTRIES]
    add(feed, "updated", feed_updated(held, timeline))
    add(feed, "link", rel="self", type="application/atom+xml", href=posixpath.basename(path))
    add(feed, "link", rel="alternate", type="text/html", href=address(folder, page, ""))
    author = add(feed, "author")
    add(author, "name", timeline.config.name)
    for edition, plan, line in held:
        entry = add(feed, "entry")
        add(entry, "id", f"tag:{authority},{edition.date:%Y-%m-%d}:{base}{entry_path(edition, line)}")
        add(entry, "title", line.text if line is plan.headline else f"{plan.title}：{line.text}")
        add(entry, "updated", edition.date.isoformat())
        add(entry, "link", rel="alternate", type="text/html", href=entry_link(folder, edition, plan, line, address))
        about = f"{edition.version} 版（{edition.date:%Y-%m-%d}）·{plan.title}"
        add(entry, "content", "\n".join((about, *map(as_text, line.details))), type="text")
    ET.indent(feed)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(feed, encoding="unicode") + "\n"


def add(parent: ET.Element, tag: str, text: str | None = None, **attributes: str) -> ET.Element:
    element = ET.SubElement(parent, tag, attributes)
    if text is not None:
        element.text = _NOT_XML.sub("", text)
    return element


def tag_authority(site_url: str) -> tuple[str, str]:
    """(host, path prefix) of the tag URIs: from ``site_url``, or a name nobody owns when it is unset."""
    parts = urlsplit(site_url)
    if not parts.hostname:
        return "plansite.invalid", ""
    path = parts.path.strip("/")
    return parts.hostname, f"{path}/" if path else ""


def entry_path(edition: EditionView, line: Line) -> str:
    path = "/".join(quote(part, safe="") for part in (EDITIONS, edition.version, line.plan))
    return f"{path}/{line.ref}" if line.ref else path


def entry_link(folder: str, edition: EditionView, plan: PlanChanges, line: Line, address) -> str:
    """The item where it stands now, else the plan's page, else the plan's changes on the edition page."""
    if line.anchor:
        return address(folder, page_path("plans", line.plan), line.anchor)
    if plan.linked and line is plan.headline:
        return address(folder, page_path("plans", line.plan), "")
    return address(folder, edition.page, plan.anchor)


def feed_updated(entries, timeline: Timeline) -> str:
    """The newest date of the editions of the ``entries`` a feed holds (not of those it leaves out; the order of
    editions, ``editionorder``, need not follow their dates: 2024.2 published again after 2024.3 comes before it);
    with none, of every edition's, or else of the pages'."""
    dates = [edition.date for edition, _, _ in entries] or [edition.date for edition in timeline.editions]
    if dates:
        return max(dates).isoformat()
    return max(timeline.dates.values()).isoformat() if timeline.dates else NO_DATE
