"""The item finder (所有任务): every item with its facets, as the JSON its page filters in the browser.

The page (``templates/finder.md.j2``) holds the form; ``static/finder.js`` loads this file,
fills the form's options, filters the items on every change and keeps the filter in the
page's query string.  Facets list only values some item has, in vocabulary order.  Items
refer to plans, organisations, themes and departments by id; names are given once, in
the facet lists.  An item's status is its reported ``status`` or NO_STATUS.
"""

from __future__ import annotations

import json
from typing import Callable, get_args

from .corpus import Corpus, Entry
from .model import Status

FINDER_PAGE = "tasks/index.md"
FINDER_DATA = "data/finder.json"
NO_STATUS = "未报告进展"  # the status facet's value for items without a reported status


def named(records) -> list[dict]:
    return [{"id": r.id, "name": r.name} for r in records]


def item_record(entry: Entry, url: str) -> dict:
    item = entry.item
    return {
        "plan": entry.plan.id,
        "number": item.number,
        "title": item.title,
        "text": item.text,
        "url": url,
        "themes": [t.id for t in entry.themes],
        "owners": [d.id for d in entry.owners],
        "support": [d.id for d in entry.support],
        "targets": len(item.targets),
        "status": item.status or NO_STATUS,
    }


def finder_data(corpus: Corpus, item_url: Callable[[Entry], str]) -> dict:
    """The facets and every item; ``item_url`` gives an item's address relative to the data file."""
    vocabulary = corpus.vocabulary
    items = [item_record(entry, item_url(entry)) for entry in corpus.entries]
    statuses = {record["status"] for record in items}
    return {
        "organisations": named(o for o in vocabulary.organisations if corpus.plans_by_organisation[o.id]),
        "years": list(corpus.years),
        "themes": named(t for t in vocabulary.themes if corpus.by_theme[t.id]),
        "departments": [{"id": d.id, "name": d.name, "organisation": d.organisation}
                        for d in vocabulary.departments if corpus.owned_by[d.id] or corpus.supported_by[d.id]],
        "statuses": [status for status in (*get_args(Status), NO_STATUS) if status in statuses],
        "plans": [{"id": p.id, "title": p.title, "organisation": p.organisation, "year": p.year}
                  for p in corpus.plans],
        "items": items,
    }


def finder_json(corpus: Corpus, item_url: Callable[[Entry], str]) -> str:
    """``finder_data`` as compact UTF-8 JSON (Chinese unescaped: a third of the size)."""
    return json.dumps(finder_data(corpus, item_url), ensure_ascii=False, separators=(",", ":")) + "\n"
