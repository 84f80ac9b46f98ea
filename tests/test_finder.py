"""The item finder's data file and page, in the site MkDocs builds from the fixture project."""

from __future__ import annotations

import json
from pathlib import Path
from typing import get_args
from urllib.parse import unquote, urlsplit

import pytest

from generator.finder import FINDER_DATA, NO_STATUS
from generator.model import Status
from sitefixtures import built_corpus, built_site  # noqa: F401  (session fixtures)
from test_site_build import Links, page_file

pytestmark = pytest.mark.site


@pytest.fixture(scope="module")
def data(built_site) -> dict:
    return json.loads((built_site / "site" / FINDER_DATA).read_text(encoding="utf-8"))


def test_every_item_once_with_its_facets(built_corpus, data):
    plans = {p["id"]: p for p in data["plans"]}
    assert len(data["items"]) == len(built_corpus.entries)
    for record, entry in zip(data["items"], built_corpus.entries, strict=True):
        plan = plans[record["plan"]]
        assert (plan["organisation"], plan["year"], plan["title"]) == \
            (entry.plan.organisation, entry.plan.year, entry.plan.title)
        assert (record["number"], record["title"], record["text"]) == \
            (entry.item.number, entry.item.title, entry.item.text)
        assert record["themes"] == [t.id for t in entry.themes]
        assert record["owners"] == [d.id for d in entry.owners]
        assert record["support"] == [d.id for d in entry.support]
        assert record["targets"] == len(entry.item.targets)
        assert record["status"] == (entry.item.status or NO_STATUS)


def test_facets_offer_exactly_the_values_items_have(built_corpus, data):
    entries = built_corpus.entries
    vocabulary = built_corpus.vocabulary
    assert [o["id"] for o in data["organisations"]] == \
        [o.id for o in vocabulary.organisations if any(e.organisation == o for e in entries)]
    assert data["years"] == sorted({e.plan.year for e in entries}, reverse=True)
    assert [t["id"] for t in data["themes"]] == \
        [t.id for t in vocabulary.themes if any(t in e.themes for e in entries)]
    used = {d for e in entries for d in e.owners + e.support}
    assert [(d["id"], d["name"], d["organisation"]) for d in data["departments"]] == \
        [(d.id, d.name, d.organisation) for d in vocabulary.departments if d in used]
    assert data["statuses"] == [s for s in (*get_args(Status), NO_STATUS)
                                if any((e.item.status or NO_STATUS) == s for e in entries)]
    assert len(data["statuses"]) > 1
    names = {r["id"]: r["name"] for facet in ("organisations", "themes", "departments") for r in data[facet]}
    assert names["qa-unit"] == '<img src=y onerror=alert("unit")>科'  # data, kept verbatim


def test_item_addresses_lead_to_the_item_headings(built_site, data):
    site_dir = (built_site / "site").resolve()
    data_url = site_dir / FINDER_DATA
    for record in data["items"]:
        parts = urlsplit(record["url"])
        assert not parts.scheme and not parts.netloc and parts.path.endswith("/"), record["url"]
        page = (data_url.parent / unquote(parts.path) / "index.html").resolve()
        assert page.parent.parent == site_dir / "plans" and page.parent.name == record["plan"]
        assert unquote(parts.fragment) in Links(page.read_text(encoding="utf-8")).ids, record["url"]


def test_finder_page_is_in_the_nav_and_works_without_javascript(built_site):
    home = Links(page_file(built_site, "").read_text(encoding="utf-8"))
    assert "tasks/" in home.links
    html = page_file(built_site, "tasks").read_text(encoding="utf-8")
    page = Links(html)
    assert {"finder", "finder-summary", "finder-results"} <= page.ids
    assert "../data/finder.json" in html and "../assets/plansite/finder.js" in page.links
    noscript = html[html.index("<noscript>"):html.index("</noscript>")]
    assert 'href="../plans/"' in noscript


def test_every_page_loads_the_site_script_and_styles(built_site):
    for path in Path(built_site, "site").rglob("*.html"):
        links = {Path(unquote(urlsplit(link).path)).name for link in Links(path.read_text(encoding="utf-8")).links}
        assert {"finder.js", "site.css"} <= links, path
