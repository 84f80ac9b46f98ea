"""Searching the built site in Debian's chromium, the way a reader does."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from browserfixtures import browser  # noqa: F401  (session fixture)
from generator.corpus import build_corpus
from generator.labels import numbered
from generator.load import load_site
from generator.searchbrowser import search
from generator.templating import item_level
from sitefixtures import built_site, site_url  # noqa: F401  (session fixtures)

pytestmark = pytest.mark.browser

QUERY = "心理健康"


def test_search_leads_to_the_item(browser, built_site, site_url):
    site, _ = load_site(str(built_site))
    items = {(e.plan.id, e.anchor): e for e in build_corpus(site).entries}
    page = browser.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(error))
    page.goto(site_url)

    search = page.locator("input.md-search__input")
    search.click()
    search.fill(QUERY)  # as a paste, dictation or an input method puts text in: no key is released in the field
    first_result = page.locator(".md-search-result__list > li.md-search-result__item").first
    first_result.wait_for(timeout=15000)

    section_links = [link.get_attribute("href") for link in first_result.locator("a.md-search-result__link").all()
                     if "#" in link.get_attribute("href")]
    assert section_links, first_result.inner_html()
    target = urlsplit(section_links[0])
    assert target.path.startswith("/plans/") and target.fragment.startswith("item-"), section_links[0]
    plan_id = target.path.strip("/").split("/")[1]
    entry = items[(plan_id, target.fragment)]
    shown = " ".join([entry.item.title, entry.item.text, *(t.name for t in entry.themes)])
    assert QUERY in shown

    first_result.locator(f'a.md-search-result__link[href="{section_links[0]}"]').click()
    page.wait_for_url(f"**/plans/{plan_id}/**")
    heading = page.locator(f"h{item_level(entry)}#{target.fragment}")
    heading.wait_for()
    assert heading.is_visible()
    assert heading.inner_text().rstrip("¶").strip() == numbered(entry.item.number, entry.item.title)
    assert not errors


def test_a_query_typed_in_full_width_is_searched_in_its_ascii_form(browser, site_url):
    """A Chinese input method in full-width mode types ５８％ for 58%, which the index holds only as 58%."""
    page = browser.new_page()
    page.goto(site_url)
    search = page.locator("input.md-search__input")
    search.click()
    search.press_sequentially("５８％")  # typed, key by key
    page.locator(".md-search-result__list > li.md-search-result__item").first.wait_for(timeout=15000)
    assert search.input_value() == "58%"
    assert "58%" in page.locator(".md-search-result__list").inner_text()
    page.close()


def test_a_departments_full_name_finds_its_page_first(browser, site_url):
    """Staff type a unit's official name (基础教育科, 计划财务科): jieba cut it (基础教育/科), so the query was
    looked up as 基础* 基础教育* 教育科, and the unit's page came last, after every item naming 基础教育.  Then a page
    naming the full name once (关于本站) came first: the unit's page, a listing boosted down, held it in its text
    alone; its heading now says it (基教科（基础教育科）)."""
    page = browser.new_page()
    page.goto(site_url)
    for full_name, department in (("基础教育科", "xx-jijiaoke"), ("计划财务科", "xx-jicaike")):
        [first, *_] = search(page, [full_name])[full_name]
        assert first[0]["location"] == f"departments/{department}/", (full_name, first)
    page.close()


def test_a_year_in_the_query_brings_that_years_items_first(browser, built_site, site_url):
    """Staff asking 学前教育 2025 want 2025's items about 学前教育.  An item's entry did not carry its plan's year:
    2025 matched only the titles of 2025's plans, shown first with their items folded under "more on this page",
    so the first item shown was another year's."""
    site, _ = load_site(str(built_site))
    items = {(e.plan.id, e.anchor): e for e in build_corpus(site).entries}
    page = browser.new_page()
    page.goto(site_url)
    search = page.locator("input.md-search__input")
    search.click()
    search.fill("学前教育 2025")
    page.locator(".md-search-result__list > li.md-search-result__item").first.wait_for(timeout=15000)
    shown = [urlsplit(link.get_attribute("href")) for link in page.locator(
        ".md-search-result__list > li > a.md-search-result__link").all()]  # not those folded in <details>
    shown_items = [items[(url.path.strip("/").split("/")[1], url.fragment)] for url in shown
                   if url.path.startswith("/plans/") and url.fragment.startswith("item-")]
    assert shown_items
    first = shown_items[0]
    assert first.plan.year == 2025, [(e.plan.id, e.anchor) for e in shown_items]
    assert "学前教育" in " ".join([first.item.title, first.item.text, *(t.name for t in first.themes)])
    page.close()


def test_a_departments_alias_finds_its_page_first(browser, site_url):
    """Plans write some units by other names (基础教育处 for 基教科): the department page said so in its text alone
    (计划中也写作：…), and, a listing boosted down, came after the items naming any part of the alias.  Its aliases
    are a field of its search entry now, scored as its title is and not shown."""
    page = browser.new_page()
    page.goto(site_url)
    [first, *_] = search(page, ["基础教育处"])["基础教育处"]
    assert first[0]["location"] == "departments/xx-jijiaoke/", first
    page.close()


def test_a_metrics_alias_finds_its_page_first(browser, site_url):
    """Targets write some measures by other names (学前教育毛入园率 for 学前三年毛入园率): the metric page said so in
    its text alone (也写作：…) and, a listing boosted down, came after the items naming the alias's words, not
    among the first five.  Its aliases are a field of its search entry now, as a department's are."""
    page = browser.new_page()
    page.goto(site_url)
    [first, *_] = search(page, ["学前教育毛入园率"])["学前教育毛入园率"]
    assert first[0]["location"] == "metrics/preschool-gross-enrolment/", first
    page.close()
