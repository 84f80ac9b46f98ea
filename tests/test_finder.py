"""The item finder's data files and page, in the site MkDocs builds from the fixture project."""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from generator.finder import DEPARTMENT_LIST_LIMIT, FINDER_FOLDER, FINDER_INDEX
from generator.labels import target_summary
from generator.model import commits
from generator.tracking import STATE_LABELS, STATES
from sitefixtures import built_corpus, built_site  # noqa: F401  (session fixtures)
from test_site_build import Links, page_file

pytestmark = pytest.mark.site


def read_json(path: Path):
    return json.loads(path.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def index(built_site) -> dict:
    return read_json(built_site / "site" / FINDER_INDEX)


@pytest.fixture(scope="module")
def year_files(built_site, index) -> dict[int, dict]:
    """Each year's file, as the index names it."""
    folder = (built_site / "site" / FINDER_INDEX).parent
    return {year["year"]: read_json(folder / year["file"]) for year in index["years"]}


def test_the_index_lists_every_year_with_its_count_and_file(built_site, built_corpus, index):
    assert len(built_corpus.years) > 1
    assert index["years"] == [{"year": year, "items": len(built_corpus.by_year[year]), "file": f"{year}.json"}
                              for year in built_corpus.years]
    assert sum(year["items"] for year in index["years"]) == len(built_corpus.entries)
    published = {path.name for path in (built_site / "site" / FINDER_FOLDER).iterdir()}
    assert published == {"index.json", *(year["file"] for year in index["years"])}
    assert "items" not in index and "plans" not in index


def test_each_year_file_holds_exactly_the_items_of_its_year(built_corpus, year_files):
    for year, data in year_files.items():
        entries = built_corpus.by_year[year]
        assert data["year"] == year
        assert [(p["id"], p["title"], p["organisation"]) for p in data["plans"]] == \
            [(p.id, p.title, p.organisation) for p in built_corpus.plans_by_year[year]]
        plans = {p["id"] for p in data["plans"]}
        assert len(data["items"]) == len(entries)
        for record, entry in zip(data["items"], entries, strict=True):
            assert record["plan"] == entry.plan.id and record["plan"] in plans
            assert (record["number"], record["title"], record["text"]) == \
                (entry.item.number, entry.item.title, entry.item.text)
            assert record["themes"] == [t.id for t in entry.themes]
            assert record["owners"] == [d.id for d in entry.owners]
            assert record["support"] == [d.id for d in entry.support]
            assert record["targets"] == [{"text": target_summary(t)} | ({"deadline": t.deadline.isoformat()}
                                                                       if t.deadline else {})
                                         for t in entry.item.targets]
            assert record.get("deadline") == (entry.item.deadline and entry.item.deadline.isoformat())


def years_of(entries) -> list[int]:
    return sorted({e.plan.year for e in entries}, reverse=True)


def test_facets_offer_exactly_the_values_items_have_and_their_years(built_corpus, index):
    entries = built_corpus.entries
    vocabulary = built_corpus.vocabulary
    assert [(o["id"], o["years"]) for o in index["organisations"]] == \
        [(o.id, years_of(e for e in entries if e.organisation == o))
         for o in vocabulary.organisations if any(e.organisation == o for e in entries)]
    assert any(len(o["years"]) < len(index["years"]) for o in index["organisations"])
    assert [t["id"] for t in index["themes"]] == \
        [t.id for t in vocabulary.themes if any(t in e.themes for e in entries)]
    involving = {d: [e for e in entries if d in e.owners + e.support] for d in vocabulary.departments}
    assert [(d["id"], d["name"], d["organisation"], d["years"]) for d in index["departments"]] == \
        [(d.id, d.name, d.organisation, years_of(involving[d])) for d in vocabulary.departments if involving[d]]
    names = {r["id"]: r["name"] for facet in ("organisations", "themes", "departments") for r in index[facet]}
    assert names["qa-unit"] == '<img src=y onerror=alert("unit")>科'  # data, kept verbatim


SUMMARY = re.compile(r"事项 (\d+) 条：已完成 (\d+) 条，已报进展 (\d+) 条，逾期未报 (\d+) 条，未到期 (\d+) 条")


def test_progress_is_the_state_the_plan_pages_count(built_site, built_corpus, index, year_files):
    """进展 offers the states every page counts, not the reported statuses and 未报告进展 (which every item without
    a status had, overdue or not, and the items of a 工作总结 too): an item's state is the one its plan page counts
    it in, and an item of a review (a report) has none, as the pages count none."""
    labels = [STATE_LABELS[state] for state in STATES]
    records = [record for data in year_files.values() for record in data["items"]]
    assert index["states"] == [label for label in labels if any(r["state"] == label for r in records)]
    assert len(index["states"]) >= 3  # the fixture has items done, reported and overdue
    for plan in built_corpus.plans:
        states = Counter(record["state"] for record in records if record["plan"] == plan.id)
        page = page_file(built_site, "plans", plan.id).read_text(encoding="utf-8")
        counted = SUMMARY.search(page)
        if not commits(plan):
            assert set(states) == {None} and counted is None, plan.id
            continue
        assert None not in states, plan.id
        done, reported, overdue, pending = (states[label] for label in labels)
        assert tuple(map(int, counted.groups())) == \
            (len(built_corpus.by_plan[plan.id]), done, reported, overdue, pending), plan.id
    finder = page_file(built_site, "tasks").read_text(encoding="utf-8")
    assert re.search(r"进展截至本站构建之日 \d{4}-\d\d-\d\d，与各页相同", finder)


def test_item_addresses_lead_to_the_item_headings(built_site, year_files):
    site_dir = (built_site / "site").resolve()
    folder = (site_dir / FINDER_INDEX).parent
    for data in year_files.values():
        for record in data["items"]:
            parts = urlsplit(record["url"])
            assert not parts.scheme and not parts.netloc and parts.path.endswith("/"), record["url"]
            page = (folder / unquote(parts.path) / "index.html").resolve()
            assert page.parent.parent == site_dir / "plans" and page.parent.name == record["plan"]
            assert unquote(parts.fragment) in Links(page.read_text(encoding="utf-8")).ids, record["url"]


def test_finder_page_is_in_the_nav_and_works_without_javascript(built_site):
    home = Links(page_file(built_site, "").read_text(encoding="utf-8"))
    assert "tasks/" in home.links
    html = page_file(built_site, "tasks").read_text(encoding="utf-8")
    page = Links(html)
    assert {"finder", "finder-summary", "finder-results"} <= page.ids
    assert "../data/finder/index.json" in html and "../assets/plansite/finder.js" in page.links
    assert f'data-department-limit="{DEPARTMENT_LIST_LIMIT}"' in html
    noscript = html[html.index("<noscript>"):html.index("</noscript>")]
    assert 'href="../plans/"' in noscript


def test_every_page_loads_the_site_script_and_styles(built_site):
    for path in Path(built_site, "site").rglob("*.html"):
        links = {Path(unquote(urlsplit(link).path)).name for link in Links(path.read_text(encoding="utf-8")).links}
        assert {"finder.js", "site.css"} <= links, path
