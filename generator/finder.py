"""The item finder (所有事项): the items with their facets, as the JSON files its page filters in the browser.

The page (``templates/finder.md.j2``) holds the form; ``static/finder.js`` loads the data,
fills the form's options, filters the items on every change and keeps the filter in the
page's query string.

The data is split so that no reader downloads every item of a large site:

* ``FINDER_INDEX``, small and loaded first: the facets (organisations, themes,
  departments, states: names once, in vocabulary order, only values some item has)
  and per year its number of items and its file.  Organisations and departments list
  the years they have plans or items in, so the page knows which year files a filter needs.
* one file per year (``year_path``): the year's plans and items.  Items refer to plans,
  themes and departments by id; an item's ``state`` is the state its page counts it in on the
  build day (``tracking.state_label``: 已完成, 已报进展, 逾期未报 or 未到期), null for an
  item of a review (工作总结), which is a report and has no progress of its own.  An item's
  ``deadline`` and each target's are those the plan states (left out where it states none), each
  target with what it asks (``labels.target_summary``: 学前三年毛入园率 ≥ 94.5%).

The page loads a year's file only when the filter needs it (the year chosen; for "all
years", the years of the chosen organisation and department) and keeps it.  Without a
query string it shows the newest year and says so; an address with filters but no year
means all years, as it did when the data was one file.

Departments: a large site has thousands, too many for one list.  The department list
holds the departments of the chosen organisation; with no organisation chosen it holds
every department only if there are at most ``DEPARTMENT_LIST_LIMIT``, otherwise it asks
for an organisation first.  A department an address names is always listed, so links
keep working.
"""

from __future__ import annotations

import json
from datetime import date
from typing import Callable, Iterable

from .corpus import Corpus, Entry
from .labels import target_summary
from .tracking import STATE_LABELS, STATES, item_state, state_label

FINDER_FOLDER = "data/finder"
FINDER_INDEX = f"{FINDER_FOLDER}/index.json"
DEPARTMENT_LIST_LIMIT = 300  # departments listed without an organisation chosen (see above)


def year_file(year: int) -> str:
    """A year's file, relative to the index."""
    return f"{year}.json"


def year_path(year: int) -> str:
    return f"{FINDER_FOLDER}/{year_file(year)}"


def named(records) -> list[dict]:
    return [{"id": r.id, "name": r.name} for r in records]


def newest_first(years: Iterable[int]) -> list[int]:
    return sorted(set(years), reverse=True)


def stated(deadline: date | None) -> dict:
    """The deadline the plan states, as a record's field; none where it states none (most: a tenth of the file)."""
    return {"deadline": deadline.isoformat()} if deadline else {}


def item_record(entry: Entry, url: str, today: date) -> dict:
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
        "targets": [{"text": target_summary(t), **stated(t.deadline)} for t in item.targets],
        **stated(item.deadline),
        "state": state_label(entry, today),
    }


def finder_index(corpus: Corpus, today: date) -> dict:
    """The facets, and per year its number of items and its file (relative to the index)."""
    vocabulary = corpus.vocabulary
    states = {item_state(entry, today) for entry in corpus.entries}
    involved = {d.id: corpus.owned_by[d.id] + corpus.supported_by[d.id] for d in vocabulary.departments}
    return {
        "years": [{"year": year, "items": len(corpus.by_year[year]), "file": year_file(year)}
                  for year in corpus.years],
        "organisations": [{"id": o.id, "name": o.name, "years": newest_first(p.year for p in plans)}
                          for o in vocabulary.organisations if (plans := corpus.plans_by_organisation[o.id])],
        "themes": named(t for t in vocabulary.themes if corpus.by_theme[t.id]),
        "departments": [{"id": d.id, "name": d.name, "organisation": d.organisation,
                         "years": newest_first(e.plan.year for e in involved[d.id])}
                        for d in vocabulary.departments if involved[d.id]],
        "states": [STATE_LABELS[state] for state in STATES if state in states],
    }


def finder_year(corpus: Corpus, year: int, item_url: Callable[[Entry], str], today: date) -> dict:
    """A year's plans and items, their states as of ``today``; ``item_url`` gives an item's address relative
    to the year's file."""
    return {
        "year": year,
        "plans": [{"id": p.id, "title": p.title, "organisation": p.organisation}
                  for p in corpus.plans_by_year[year]],
        "items": [item_record(entry, item_url(entry), today) for entry in corpus.by_year[year]],
    }


def compact_json(data: dict) -> str:
    """Compact UTF-8 JSON (Chinese unescaped: a third of the size)."""
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n"


def index_json(corpus: Corpus, today: date) -> str:
    return compact_json(finder_index(corpus, today))


def year_json(corpus: Corpus, year: int, item_url: Callable[[Entry], str], today: date) -> str:
    return compact_json(finder_year(corpus, year, item_url, today))
