"""Pagefind instead of Material's search (``extra.plansite.search: pagefind``): the bundle, the filters, the UI."""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from browserfixtures import browser  # noqa: F401  (module fixture)
from generator.bench.pagefindrun import choose_pagefind
from generator.cli import main
from generator.corpus import build_corpus
from generator.load import load_site
from generator.searchbrowser import served
from sitefixtures import make_site_project

pytestmark = [pytest.mark.site, pytest.mark.browser]

QUERY = "心理健康"
FILTERS = {"机构", "年度", "主题", "部门"}


@pytest.fixture(scope="module")
def pagefind_site(tmp_path_factory) -> Path:
    root = make_site_project(tmp_path_factory.mktemp("pagefind-project"))
    choose_pagefind(str(root / "mkdocs.yml"))
    assert main(["--root", str(root), "build"]) == 0
    return root


def texts(page, selector: str) -> list[str]:
    """The texts of the elements ``selector`` finds, read at once: Pagefind's UI replaces them as results arrive
    (reading them one by one could wait for an element that is gone)."""
    return [text.strip() for text in page.eval_on_selector_all(selector, "found => found.map(e => e.textContent)")]


def hrefs(page) -> list[str]:
    return page.eval_on_selector_all("a.pagefind-ui__result-link", "found => found.map(a => a.getAttribute('href'))")


def test_pagefind_replaces_material_search(pagefind_site):
    site = pagefind_site / "site"
    assert not (site / "search" / "search_index.json").exists()
    home = (site / "index.html").read_text(encoding="utf-8")
    assert 'data-md-component="search"' not in home and 'href="search.html"' in home
    entry = json.loads((site / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
    assert entry["languages"]["zh"]["page_count"] > 0
    assert {"pagefind-ui.js", "pagefind-ui.css", "pagefind.js"} <= {p.name for p in (site / "pagefind").iterdir()}


def test_pagefind_indexes_the_pages_material_search_would(pagefind_site):
    site = pagefind_site / "site"
    pages = {str(path.relative_to(site)): path.read_text(encoding="utf-8") for path in site.rglob("*.html")
             if not path.is_relative_to(site / "pagefind")}
    indexed = {name for name, html in pages.items() if "data-pagefind-body" in html}
    left_out = {name for name in pages if name.startswith("themes/") and name.count("/") == 3}  # a theme's years
    assert left_out and not left_out & indexed
    assert {"search.html", "404.html"}.isdisjoint(indexed) and "plans/index.html" in indexed
    entry = json.loads((site / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
    assert entry["languages"]["zh"]["page_count"] == len(indexed)


def test_search_page_finds_items_and_filters_them(browser, pagefind_site):
    site, _ = load_site(str(pagefind_site))
    corpus = build_corpus(site)
    items = {(e.plan.id, e.anchor): e for e in corpus.entries}
    with served(str(pagefind_site / "site")) as url:
        page = browser.new_page()
        errors, requests = [], []
        page.on("pageerror", lambda error: errors.append(error))
        page.on("request", lambda request: requests.append(request.url))
        page.goto(f"{url}search.html?q={QUERY}")
        page.locator(".pagefind-ui__result").first.wait_for(timeout=15000)
        # Results fill in one by one (and their sub-results, which carry the item anchors, later).
        page.wait_for_function("() => Array.from(document.querySelectorAll('a.pagefind-ui__result-link'))"
                               ".some(a => (a.getAttribute('href') || '').includes('#item-'))", timeout=15000)

        links = [urlsplit(href) for href in hrefs(page)]
        found = [items[(link.path.strip("/").split("/")[1], unquote(link.fragment))] for link in links
                 if link.path.startswith("/plans/") and link.fragment.startswith("item-")]
        assert found and all(QUERY in " ".join([e.item.title, e.item.text, *(t.name for t in e.themes)])
                             for e in found)

        # The filters are listed once their data arrived, after the first results.
        page.wait_for_function("n => document.querySelectorAll('.pagefind-ui__filter-name').length >= n",
                               arg=len(FILTERS), timeout=15000)
        assert set(texts(page, ".pagefind-ui__filter-name")) == FILTERS
        page.locator(".pagefind-ui__filter-name", has_text="机构").click()
        organisation = found[0].organisation.name
        page.locator(".pagefind-ui__filter-label", has_text=organisation).click()

        def organisations_shown() -> set[str]:
            plans = {urlsplit(href).path.strip("/").split("/")[1] for href in hrefs(page) if href.startswith("/plans/")}
            return {corpus.vocabulary.organisation_by_id[p.organisation].name for p in corpus.plans if p.id in plans}

        for _ in range(100):  # the filtered results replace the list asynchronously: up to 10 s
            if organisations_shown() == {organisation}:
                break
            page.wait_for_timeout(100)
        assert organisations_shown() == {organisation}
        assert not errors
        assert all(request.startswith(url) for request in requests)  # nothing from a CDN
