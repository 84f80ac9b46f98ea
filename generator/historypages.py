"""The site's history as pages: 版本记录, 本版更新, 编辑历史, page dates and feed links.

``with_history`` takes the generated pages (path and page) and returns them with

* ``editions/index.md`` (版本记录, in the nav, so always there): the unpublished
  changes, the published editions and the feeds to subscribe to;
* ``editions/<version>.md`` (本版更新) for each edition: what changed since the
  edition before, plan by plan, item by item;
* the Atom feeds (``feeds``);
* sections appended to pages: on a plan page its 编辑历史; on the home page the
  newest edition in brief; at the foot of every page with a date its date
  (最后更新), and on the home, theme and department pages the link to their feed.

``with_page_dates`` appends the date to the hand-written pages (content/pages/),
which are added after ``with_history``.

Appending keeps the page templates free of history; every text from the plans
goes through ``md`` in the templates (``_changes.md.j2`` and the pages here), or
``runs_md`` where a line tells a long text's edits.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime
from functools import partial
from typing import Mapping

from .addresses import EDITIONS, FEED_ALL, feed_path, page_path, relative
from .corpus import Corpus
from .feeds import feeds
from .history import page_dates
from .load import Site
from .templating import NEWEST, render
from .sitehistory import SiteHistory
from .timeline import build_timeline
from .write import File, Files, Made, content_of

HISTORY_PAGE = page_path(EDITIONS)


def with_history(pages: Made, site: Site, corpus: Corpus, history: SiteHistory) -> Made:
    """``pages`` with the history pages and feeds added and the history sections appended (when a page is
    made: see ``write.Files``)."""
    timeline = build_timeline(site, corpus, history, [path for path, _ in pages])
    made = [*pages, *(render("edition.md.j2", e.page, edition=e, feed=relative(e.page, FEED_ALL))
                      for e in timeline.editions),
            render("editions.md.j2", HISTORY_PAGE, timeline=timeline, feeds=feed_links(corpus)),
            *feeds(corpus, timeline).items()]
    additions: dict[str, list[str]] = defaultdict(list)
    for plan in corpus.plans:
        changes = timeline.plan_history(plan.id)
        if changes:
            additions[page_path("plans", plan.id)].append(
                render("_plan_history.md.j2", page_path("plans", plan.id), history=changes)[1])
    if timeline.latest:
        lines = [(plan, line) for plan in timeline.latest.plans for line in plan.lines]
        additions["index.md"].append(render("_latest_edition.md.j2", "index.md", edition=timeline.latest,
                                            lines=lines[:NEWEST], more=len(lines) > NEWEST)[1])
    subscriptions = page_feeds(corpus)
    for page in sorted(timeline.dates.keys() | subscriptions.keys()):
        additions[page].append(page_facts(page, timeline.dates.get(page), *subscriptions.get(page, ("", ""))))
    return [(path, partial(appended, file, additions[path]) if path in additions else file) for path, file in made]


def with_page_dates(pages: Files, sources: Mapping[str, str], history: SiteHistory) -> dict[str, File]:
    """``pages`` with 最后更新 at the foot of each page of ``sources`` ({page: the one file it is a copy of, named
    as ``load`` names files}) that git has a date for."""
    dates = page_dates(history.source_dates, {page: [source] for page, source in sources.items()})
    result = dict(pages)
    result.update((page, partial(appended, pages[page], [page_facts(page, date)])) for page, date in dates.items())
    return result


def page_facts(page: str, date: datetime | None, label: str = "", feed: str = "") -> str:
    """The foot of a page: when its sources last changed (最后更新), and the link to its feed (``label``)."""
    return render("_page_facts.md.j2", page, date=f"{date:%Y-%m-%d}" if date else "", label=label,
                  feed=relative(page, feed) if feed else "")[1]


def appended(page: File, parts: list[str]) -> str:
    """The Markdown page ``page`` (text, or a hand-written page's UTF-8 bytes) with ``parts`` appended, a blank
    line before each."""
    content = content_of(page)
    text = content.decode("utf-8") if isinstance(content, bytes) else content
    return "\n".join([text.rstrip("\n") + "\n", *parts])


def page_feeds(corpus: Corpus) -> dict[str, tuple[str, str]]:
    """{page: (label, feed)}: the pages that link to their feed at the foot."""
    found = {"index.md": ("订阅全部更新", FEED_ALL)}
    found.update((page_path("themes", t.id), ("订阅本主题的更新", feed_path("themes", t.id)))
                 for t in corpus.vocabulary.themes)
    found.update((page_path("departments", d.id), ("订阅本部门的更新", feed_path("departments", d.id)))
                 for d in corpus.vocabulary.departments)
    return found


def feed_links(corpus: Corpus) -> dict:
    """The feeds as the 版本记录 page lists them, with links relative to it."""
    vocabulary = corpus.vocabulary
    return {
        "all": relative(HISTORY_PAGE, FEED_ALL),
        "themes": [(t, relative(HISTORY_PAGE, feed_path("themes", t.id))) for t in vocabulary.themes],
        "departments": [(o, [(d, relative(HISTORY_PAGE, feed_path("departments", d.id)))
                             for d in corpus.departments_by_organisation[o.id]])
                        for o in vocabulary.organisations if corpus.departments_by_organisation[o.id]],
    }
