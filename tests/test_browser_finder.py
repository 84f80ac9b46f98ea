"""The item finder (所有事项) in Debian's chromium, operated from the keyboard."""

from __future__ import annotations

import dataclasses
import json
import posixpath
import re
from datetime import date
from pathlib import Path
from urllib.parse import parse_qs, urlencode, urlsplit

import pytest

from browserfixtures import browser  # noqa: F401  (session fixture)
from generator.bench.synth import read_seeds, synthesise
from generator.cli import main
from generator.corpus import build_corpus
from generator.find import Criteria, searched_text, select
from generator.finder import DEPARTMENT_LIST_LIMIT, FINDER_FOLDER, FINDER_INDEX
from generator.labels import target_summary
from generator.load import load_site
from generator.searchbrowser import served
from generator.tracking import STATE_LABELS, item_state
from sitefixtures import REPO, built_corpus, built_site, site_url  # noqa: F401  (session fixtures)

pytestmark = pytest.mark.browser

CONTROLS = ["finder-kw", "finder-org", "finder-year", "finder-theme", "finder-dept", "finder-status",
            "finder-target"]
LABELS = {"finder-kw": "关键词", "finder-org": "发布机构", "finder-year": "年度", "finder-theme": "主题",
          "finder-dept": "部门（负责或配合）", "finder-status": "进展", "finder-target": "只看有量化目标的事项"}
TAB_LIMIT = 60


@pytest.fixture
def page(browser):
    """A fresh page (its own cache) that records script errors and dialogs (none may occur)."""
    context = browser.new_context()
    opened = context.new_page()
    problems = []
    opened.on("pageerror", lambda error: problems.append(error))
    opened.on("dialog", lambda dialog: (problems.append(dialog.message), dialog.dismiss()))
    yield opened
    context.close()
    assert not problems


@pytest.fixture
def requested(page) -> list[str]:
    """The finder's data files the page requests, by name, in order."""
    names = []
    page.on("request", lambda request: names.append(posixpath.basename(urlsplit(request.url).path))
            if f"/{FINDER_FOLDER}/" in request.url else None)
    return names


def involves(entry, department_id: str) -> bool:
    return department_id in {d.id for d in entry.owners + entry.support}


def with_words(corpus, *words: str) -> list:
    """The items ``plansite find WORD …`` lists (the finder shows the same: see
    test_keywords_find_the_items_plansite_find_finds)."""
    return select(corpus, Criteria(words=words))


@pytest.fixture(scope="module")
def department_and_year(built_corpus):
    """A department with items in several years, and one of those years: a filter both facets narrow."""
    for department in built_corpus.vocabulary.departments:
        years = [year for year, entries in built_corpus.by_year.items()
                 if any(involves(e, department.id) for e in entries)]
        if len(years) > 1:
            return department, years[-1]
    pytest.fail("the fixture has no department with items in two years")


@pytest.fixture(scope="module")
def department_and_other_year(built_corpus):
    """A department, a year none of its items is of, and its items: a filter that finds nothing."""
    return next((d, y, found) for d in built_corpus.vocabulary.departments for y in built_corpus.years
                if (found := [e for e in built_corpus.entries if involves(e, d.id)]) and y not in years_of(found))


def expected_links(site_url: str, entries) -> list[str]:
    return [f"{site_url}plans/{e.plan.id}/#{e.anchor}" for e in entries]


def summary(count: int) -> str:
    return f"共 {count} 条事项。"


def loading(years: int, items: int, loaded: int) -> str:
    return f"正在加载 {years} 个年度共 {items} 条事项（已加载 {loaded} 个年度）……"


def open_finder(page, url: str) -> None:
    page.goto(url)
    page.wait_for_function("/^(共|(\\d+年)?没有)/.test(document.getElementById('finder-summary').textContent)")


def wait_for_summary(page, text: str) -> None:
    page.wait_for_function(f"document.getElementById('finder-summary').textContent === {text!r}")


def wait_for_count(page, count: int) -> None:
    wait_for_summary(page, summary(count))


def shown_links(page) -> list[str]:
    return page.eval_on_selector_all("#finder-results a", "links => links.map(a => a.href)")


def focused(page) -> str:
    return page.evaluate("document.activeElement.id")


def tab_until(page, condition: str, what: str) -> None:
    """Press Tab until the JavaScript ``condition`` holds for the focused element."""
    for _ in range(TAB_LIMIT):
        page.keyboard.press("Tab")
        if page.evaluate(f"(element => {condition})(document.activeElement)"):
            return
    pytest.fail(f"Tab never reached {what}")


def tab_to(page, element_id: str) -> None:
    tab_until(page, f"element.id === {element_id!r}", f"#{element_id}")


def choose(page, select_id: str, value: str) -> None:
    """Pick an option of the focused select with the arrow keys, as a keyboard user does."""
    assert focused(page) == select_id
    values = page.eval_on_selector(f"#{select_id}", "s => Array.from(s.options, o => o.value)")
    steps = values.index(value) - values.index(page.input_value(f"#{select_id}"))
    for _ in range(abs(steps)):
        page.keyboard.press("ArrowDown" if steps > 0 else "ArrowUp")
    assert page.input_value(f"#{select_id}") == value


def options(page, select_id: str) -> list[str]:
    return page.eval_on_selector(f"#{select_id}", "s => Array.from(s.options, o => o.value).filter(Boolean)")


def year_file(year: int) -> str:
    return f"{year}.json"


def test_controls_are_labelled_and_in_tab_order(page, site_url):
    open_finder(page, f"{site_url}tasks/")
    for control, label in LABELS.items():
        assert page.get_by_label(label, exact=True).get_attribute("id") == control
    tab_to(page, CONTROLS[0])
    for control in CONTROLS[1:]:
        page.keyboard.press("Tab")
        assert focused(page) == control
    assert page.get_by_role("status").inner_text() == summary(page.locator("#finder-results li").count())


def outline(page) -> tuple[str, float]:
    """The focused element's outline: its style and width in pixels."""
    return page.evaluate("(s => [s.outlineStyle, parseFloat(s.outlineWidth)])"
                         "(getComputedStyle(document.activeElement))")


def test_the_focused_control_is_outlined(page, site_url, department_and_other_year):
    """A keyboard user sees where the focus is: on every control, 清除筛选 and the buttons of an empty answer
    (Material takes the outline off inputs: the keyword field and the checkbox had none)."""
    department, year, _ = department_and_other_year
    open_finder(page, f"{site_url}tasks/?year={year}&dept={department.id}")
    buttons = len(removal_offers(page))
    assert buttons
    tab_to(page, CONTROLS[0])
    for _ in range(len(CONTROLS) + 1 + buttons):
        style, width = outline(page)
        assert style != "none" and width >= 1, (focused(page) or page.evaluate("document.activeElement.textContent"))
        page.keyboard.press("Tab")


def test_filter_by_department_and_year_from_the_keyboard(page, site_url, built_corpus, department_and_year):
    department, year = department_and_year
    expected = [e for e in built_corpus.by_year[year] if involves(e, department.id)]
    of_department = [e for e in built_corpus.entries if involves(e, department.id)]
    assert expected and len(expected) < len(of_department) and len(expected) < len(built_corpus.by_year[year])

    open_finder(page, f"{site_url}tasks/")
    tab_to(page, "finder-year")
    choose(page, "finder-year", str(year))
    tab_to(page, "finder-dept")
    choose(page, "finder-dept", department.id)

    wait_for_count(page, len(expected))
    assert shown_links(page) == expected_links(site_url, expected)
    assert page.get_by_role("status").inner_text() == summary(len(expected))
    state = urlsplit(page.url)
    assert state.path == "/tasks/" and parse_qs(state.query) == {"year": [str(year)], "dept": [department.id]}

    # Only items with targets: the checkbox toggles with Space.
    tab_to(page, "finder-target")
    page.keyboard.press("Space")
    with_targets = [e for e in expected if e.item.targets]
    assert shown_links(page) == expected_links(site_url, with_targets)
    assert parse_qs(urlsplit(page.url).query)["target"] == ["1"]

    # The first result opens its item with Enter.
    tab_until(page, "element.closest('#finder-results') !== null", "the results")
    page.keyboard.press("Enter")
    page.wait_for_url(expected_links(site_url, with_targets)[0])


def test_a_shared_address_restores_the_filter(page, browser, site_url, built_corpus, department_and_year):
    department, year = department_and_year
    expected = expected_links(site_url, [e for e in built_corpus.by_year[year] if involves(e, department.id)])
    open_finder(page, f"{site_url}tasks/")
    page.select_option("#finder-dept", department.id)
    page.select_option("#finder-year", str(year))
    shared = page.url

    page.reload()
    open_finder(page, shared)
    assert (page.input_value("#finder-year"), page.input_value("#finder-dept")) == (str(year), department.id)
    assert shown_links(page) == expected and page.url == shared

    other = browser.new_page()
    open_finder(other, shared)
    assert shown_links(other) == expected
    other.close()


def wait_for_query(page, query: dict[str, list[str]]) -> None:
    page.wait_for_function("q => location.search === q", arg=f"?{urlencode(query, doseq=True)}" if query else "")


def test_back_and_forward_step_through_the_filters(page, site_url, built_corpus, department_and_year):
    """Each change of the filter is an entry of the browser's history: Back shows the filter before it (form,
    results and address), Forward the one after; keywords typed in one run (however slowly) are one entry."""
    department, year = department_and_year
    in_year = built_corpus.by_year[year]
    of_both = [e for e in in_year if involves(e, department.id)]
    word = of_both[0].item.title[:2]
    typed = [e for e in of_both if e in with_words(built_corpus, word)]
    views = [({}, built_corpus.by_year[built_corpus.years[0]]), ({"year": [str(year)]}, in_year),
             ({"year": [str(year)], "dept": [department.id]}, of_both),
             ({"year": [str(year)], "dept": [department.id], "kw": [word]}, typed)]

    def shows(view: int) -> None:
        query, entries = views[view]
        wait_for_query(page, query)
        wait_for_count(page, len(entries))
        assert shown_links(page) == expected_links(site_url, entries)
        assert page.input_value("#finder-year") == query.get("year", [str(built_corpus.years[0])])[0]
        assert (page.input_value("#finder-dept"), page.input_value("#finder-kw")) == (
            query.get("dept", [""])[0], query.get("kw", [""])[0])

    open_finder(page, f"{site_url}tasks/")
    page.select_option("#finder-year", str(year))
    shows(1)
    page.select_option("#finder-dept", department.id)
    shows(2)
    for typed_so_far in (word[:1], word):  # each part shown before the next is typed
        page.locator("#finder-kw").press_sequentially(typed_so_far[-1])
        wait_for_query(page, {**views[2][0], "kw": [typed_so_far]})
    shows(3)
    for view in (2, 1, 0):
        page.go_back()
        shows(view)
    assert page.locator("#finder-default-year").is_visible()
    page.go_forward()
    shows(1)
    page.go_forward()
    shows(2)


def test_an_address_with_keywords_shows_the_filtered_items_and_not_the_site_search(page, site_url, built_corpus):
    """The keywords travel as ``kw``: Material's search opens itself for an address with ``q``, over the page."""
    theme = max(built_corpus.vocabulary.themes, key=lambda t: len(built_corpus.by_theme[t.id]))
    matching = with_words(built_corpus, theme.name)
    open_finder(page, f"{site_url}tasks/?year=all&kw={theme.name}")
    wait_for_count(page, len(matching))
    assert page.input_value("#finder-kw") == theme.name
    assert not page.is_checked("#__search")  # Material's search dialog is closed
    page.goto(f"{site_url}tasks/?q={theme.name}")  # what Material does with q (the test's own check)
    page.wait_for_function("document.getElementById('__search').checked")


def test_keywords_typed_in_full_width_find_what_their_ascii_forms_find(page, site_url, built_corpus):
    """A Chinese input method in full-width mode types ５８％ for 58%."""
    matching = with_words(built_corpus, "58%")
    assert matching
    open_finder(page, f"{site_url}tasks/?year=all&kw=５８％")
    wait_for_count(page, len(matching))
    assert shown_links(page) == expected_links(site_url, matching)


def removal_offers(page) -> list[str]:
    """The buttons an empty answer offers, once they are there (after the summary says so)."""
    page.wait_for_function("/结果如下|也没有/.test(document.getElementById('finder-summary').textContent)")
    return page.eval_on_selector_all("#finder-without button", "buttons => buttons.map(b => b.textContent)")


def test_nothing_in_the_year_chosen_offers_every_year(page, site_url, built_corpus):
    """The answer is often another year's: an empty year says so and offers to look in every year, saying how
    many items that finds; and to drop the keyword, keeping the year."""
    newest, older = built_corpus.years[0], built_corpus.years[-1]
    in_newest = "\n".join(map(searched_text, built_corpus.by_year[newest]))
    word = next(w for e in built_corpus.by_year[older] for w in (e.item.text[i:i + 4] for i in range(20))
                if len(w) == 4 and w.lower() not in in_newest)
    matching = with_words(built_corpus, word)
    open_finder(page, f"{site_url}tasks/?year={newest}&kw={word}")
    wait_for_summary(page, f"{newest}年没有符合条件的事项。去掉其中一个条件的结果如下：")
    assert removal_offers(page) == [f"去掉“年度：{newest}年”，共 {len(matching)} 条",
                                     f"去掉“关键词：{word}”，共 {len(built_corpus.by_year[newest])} 条"]
    page.get_by_role("button", name=f"去掉“年度：{newest}年”").click()
    wait_for_count(page, len(matching))
    assert shown_links(page) == expected_links(site_url, matching) and removal_offers_gone(page)
    assert parse_qs(urlsplit(page.url).query) == {"year": ["all"], "kw": [word]}
    assert focused(page) == "finder-year"  # the button is gone: the control it changed has the focus


def removal_offers_gone(page) -> bool:
    return page.locator("#finder-without li").count() == 0


def test_nothing_matches_says_what_each_filter_takes_away(page, site_url, built_corpus, department_and_other_year):
    """As ``plansite find`` notes: a department and a year of none of its items, each removable from the keyboard;
    a count of 0 is not offered, and one filter alone offers nothing (without it is everything)."""
    department, year, of_department = department_and_other_year
    theme = next(t for t in built_corpus.vocabulary.themes if (of_theme := built_corpus.by_theme[t.id])
                 and not any(involves(e, department.id) or e.plan.year == year for e in of_theme))
    open_finder(page, f"{site_url}tasks/?year={year}&dept={department.id}")
    in_year = built_corpus.by_year[year]
    assert removal_offers(page) == [f"去掉“年度：{year}年”，共 {len(of_department)} 条",
                                     f"去掉“部门（负责或配合）：{department.name}”，共 {len(in_year)} 条"]
    assert page.get_by_role("status").inner_text() == f"{year}年没有符合条件的事项。去掉其中一个条件的结果如下："

    tab_until(page, "element.closest('#finder-without') !== null", "the first offer")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    wait_for_count(page, len(in_year))
    assert focused(page) == "finder-dept" and page.input_value("#finder-dept") == ""
    assert parse_qs(urlsplit(page.url).query) == {"year": [str(year)]}

    open_finder(page, f"{site_url}tasks/?year={year}&dept={department.id}&theme={theme.id}")
    assert removal_offers(page) == []
    nothing = f"{year}年没有符合条件的事项。去掉其中任何一个条件也没有符合的事项。"
    assert page.get_by_role("status").inner_text() == nothing
    open_finder(page, f"{site_url}tasks/?year=all&kw=没有这样的词语")
    assert page.get_by_role("status").inner_text() == "没有符合条件的事项。" and removal_offers_gone(page)


def build_day(page) -> date:
    """The day the finder's page says progress is as of."""
    said = re.search(r"进展截至本站构建之日 (\d{4}-\d\d-\d\d)", page.locator("article").inner_text())
    return date.fromisoformat(said.group(1))


def result_lines(page, line: int) -> list[str]:
    """Each result's ``line``-th line below its title (0: plan and number, 1: state, owners …, 2: targets), or ''."""
    script = "(items, line) => items.map(li => li.querySelectorAll('p')[line]?.textContent ?? '')"
    return page.eval_on_selector_all("#finder-results li", script, line)


def targets_shown(entry) -> str:
    """What a result says its item's targets ask: 目标：学前三年毛入园率 ≥ 94.5%（完成时限 2025-06-30）；…"""
    said = [target_summary(t) + (f"（完成时限 {t.deadline.isoformat()}）" if t.deadline else "")
            for t in entry.item.targets]
    return f"目标：{'；'.join(said)}" if said else ""


def test_each_result_shows_its_targets_and_the_deadline_stated(page, site_url, built_corpus):
    """“What do 基教科 owe, with which targets?”: each result of 只看有量化目标的事项 says what its targets ask, and
    by when where the plan says; its details the item's deadline where the plan states one."""
    with_targets = [e for e in built_corpus.entries if e.item.targets]
    assert any(e.item.deadline for e in with_targets)  # (the fixture's targets state none of their own)
    open_finder(page, f"{site_url}tasks/?year=all&target=1")
    assert shown_links(page) == expected_links(site_url, with_targets)
    assert result_lines(page, 2) == [targets_shown(e) for e in with_targets]
    deadlines = [re.search(r"完成时限：(\S+?)(?: · |$)", line) for line in result_lines(page, 1)]
    assert [found and found.group(1) for found in deadlines] == \
        [e.item.deadline and e.item.deadline.isoformat() for e in with_targets]


def states_shown(page) -> list[str | None]:
    """The state each result says, in words, first of its details (进展：逾期未报 · 责任单位：…); None for none."""
    details = result_lines(page, 1)
    return [(found := re.match(r"进展：(\S+?)(?: · |$)", line)) and found.group(1) for line in details]


def test_each_result_says_its_state_in_words(page, site_url, built_corpus):
    """Unfiltered, the list says which items are overdue; an item of a review has no state and says none."""
    open_finder(page, f"{site_url}tasks/?year=all")
    today = build_day(page)
    expected = [STATE_LABELS.get(item_state(e, today)) for e in built_corpus.entries]
    assert {"逾期未报", None} <= set(expected)
    assert states_shown(page) == expected


def test_filter_by_status(page, site_url, built_corpus):
    """进展 offers the states the pages count (已完成, 已报进展, 逾期未报, 未到期), not the reported statuses with
    未报告进展 (every item without a status, a 工作总结's too); items of a review are in no state.  Each result
    found confirms the state chosen."""
    open_finder(page, f"{site_url}tasks/?year=all")
    today = build_day(page)
    by_state = {label: [e for e in built_corpus.entries if item_state(e, today) == state]
                for state, label in STATE_LABELS.items()}
    offered = [label for label in by_state if by_state[label]]
    assert options(page, "finder-status") == offered and len(offered) >= 3
    for label in offered:
        page.select_option("#finder-status", label)
        assert shown_links(page) == expected_links(site_url, by_state[label])
        assert set(states_shown(page)) == {label}
    assert sum(len(entries) for entries in by_state.values()) < len(built_corpus.entries)  # reviews: no state
    assert parse_qs(urlsplit(page.url).query) == {"year": ["all"], "status": [offered[-1]]}
    open_finder(page, f"{site_url}tasks/?year=all&status=未报告进展")  # an old address: no such filter now
    assert page.input_value("#finder-status") == ""
    wait_for_count(page, len(built_corpus.entries))


def test_keywords_narrow_and_data_text_stays_text(page, site_url, built_corpus):
    hostile = next(d for d in built_corpus.vocabulary.departments if "<" in d.name)
    expected = [e for e in built_corpus.entries if involves(e, hostile.id)]
    open_finder(page, f"{site_url}tasks/?year=all")
    assert page.locator("#finder-dept option", has_text=hostile.name).get_attribute("value") == hostile.id
    page.select_option("#finder-dept", hostile.id)
    assert shown_links(page) == expected_links(site_url, expected)
    assert hostile.name in page.locator("#finder-results").inner_text()
    assert page.locator("#finder-results img, #finder-results script").count() == 0

    # Two words, each to be found somewhere in the item (a theme name, a word of the text).
    theme = max(built_corpus.vocabulary.themes, key=lambda t: len(built_corpus.by_theme[t.id]))
    words = [theme.name, built_corpus.by_theme[theme.id][0].item.text[:2]]
    page.select_option("#finder-dept", "")
    page.fill("#finder-kw", f" {words[0]} {words[1]} ")
    matching = with_words(built_corpus, *words)
    assert 0 < len(matching) < len(built_corpus.by_theme[theme.id])
    wait_for_count(page, len(matching))
    assert shown_links(page) == expected_links(site_url, matching)
    assert parse_qs(urlsplit(page.url).query) == {"year": ["all"], "kw": [" ".join(words)]}

    # Clearing the filter returns to the page's default view: the newest year.
    page.get_by_role("button", name="清除筛选").click()
    wait_for_count(page, len(built_corpus.by_year[built_corpus.years[0]]))
    assert urlsplit(page.url).query == "" and page.input_value("#finder-year") == str(built_corpus.years[0])
    assert page.locator("#finder-default-year").is_visible()


def finder_keywords(site: Path) -> list[str]:
    """Keywords from the finder's own data: every name its index lists and every plan title of its year files,
    as written and with its case swapped, and each with the next as two words."""
    index = json.loads((site / FINDER_INDEX).read_text(encoding="utf-8"))
    years = [json.loads((site / FINDER_FOLDER / year["file"]).read_text(encoding="utf-8")) for year in index["years"]]
    names = [r["name"] for facet in ("organisations", "themes", "departments") for r in index[facet]]
    names += [plan["title"] for year in years for plan in year["plans"]]
    pairs = [f"{first} {second}" for first, second in zip(names, names[1:])]
    return list(dict.fromkeys([*names, *map(str.swapcase, names), *pairs]))


def test_keywords_find_the_items_plansite_find_finds(page, site_url, built_site, built_corpus):
    """``plansite find WORD`` lists what the finder shows for the keyword WORD: items are found by the names of
    their plan, organisation, units and themes as by their own words, in any case, several words all."""
    keywords = finder_keywords(built_site / "site")
    open_finder(page, f"{site_url}tasks/?year=all")
    for keyword in keywords:
        page.fill("#finder-kw", keyword)
        page.dispatch_event("#finder-kw", "change")  # at once, not after the typing delay
        page.wait_for_function("kw => new URLSearchParams(location.search).get('kw') === kw", arg=keyword.strip())
        assert shown_links(page) == expected_links(site_url, with_words(built_corpus, keyword)), keyword
    assert len(keywords) > 30

def years_of(entries) -> list[int]:
    return sorted({e.plan.year for e in entries}, reverse=True)


def test_opens_on_the_newest_year_and_says_so(page, requested, site_url, built_corpus):
    newest = built_corpus.years[0]
    open_finder(page, f"{site_url}tasks/")
    assert page.input_value("#finder-year") == str(newest)
    assert page.locator("#finder-default-year").is_visible()
    assert shown_links(page) == expected_links(site_url, built_corpus.by_year[newest])
    assert not page.locator("#finder-more").is_visible()  # every result is shown: nothing more to show
    assert requested == ["index.json", year_file(newest)] and urlsplit(page.url).query == ""

    page.select_option("#finder-year", "all")
    wait_for_count(page, len(built_corpus.entries))
    assert shown_links(page) == expected_links(site_url, built_corpus.entries)
    assert not page.locator("#finder-default-year").is_visible()
    assert sorted(requested) == sorted(["index.json", *map(year_file, built_corpus.years)])
    assert parse_qs(urlsplit(page.url).query) == {"year": ["all"]}

    # A year loaded once is kept.
    page.select_option("#finder-year", str(newest))
    assert shown_links(page) == expected_links(site_url, built_corpus.by_year[newest])
    assert len(requested) == 1 + len(built_corpus.years)


def test_an_address_of_an_older_year_loads_that_year_only(page, requested, site_url, built_corpus):
    year = built_corpus.years[-1]
    assert year != built_corpus.years[0]
    open_finder(page, f"{site_url}tasks/?year={year}")
    assert shown_links(page) == expected_links(site_url, built_corpus.by_year[year])
    assert requested == ["index.json", year_file(year)]
    assert not page.locator("#finder-default-year").is_visible()


def test_an_address_with_filters_but_no_year_means_every_year(page, site_url, built_corpus, department_and_year):
    """Links made when the finder had one data file keep their meaning."""
    department, _ = department_and_year
    expected = [e for e in built_corpus.entries if involves(e, department.id)]
    open_finder(page, f"{site_url}tasks/?dept={department.id}")
    assert page.input_value("#finder-year") == "all"
    assert shown_links(page) == expected_links(site_url, expected)
    assert parse_qs(urlsplit(page.url).query) == {"year": ["all"], "dept": [department.id]}
    assert not page.locator("#finder-default-year").is_visible()


def test_every_year_of_an_organisation_loads_only_its_years(page, requested, site_url, built_corpus):
    organisation, expected = next((o, found) for o in built_corpus.vocabulary.organisations
                                  if 0 < len(years_of(found := [e for e in built_corpus.entries
                                                                if e.organisation == o]))
                                  < len(built_corpus.years))
    open_finder(page, f"{site_url}tasks/?year=all&org={organisation.id}")
    assert shown_links(page) == expected_links(site_url, expected)
    assert sorted(requested) == sorted(["index.json", *map(year_file, years_of(expected))])


def test_every_year_says_first_how_many_items_it_loads(page, site_url, built_corpus):
    years, items = len(built_corpus.years), len(built_corpus.entries)
    held = []
    page.route(f"**/{FINDER_FOLDER}/20*.json", lambda route: held.append(route))
    page.goto(f"{site_url}tasks/?year=all")
    wait_for_summary(page, loading(years, items, 0))
    while len(held) < years:
        page.wait_for_timeout(20)
    assert page.get_attribute("#finder-results", "aria-busy") == "true"
    assert page.locator("#finder-results li").count() == 0
    held[0].continue_()
    wait_for_summary(page, loading(years, items, 1))
    for route in held[1:]:
        route.continue_()
    wait_for_count(page, items)
    assert page.get_attribute("#finder-results", "aria-busy") is None


def with_department_limit(page, limit: int) -> None:
    """Serve the finder's page as if the site had more departments than ``limit`` allows to list at once."""
    def replace(route):
        response = route.fetch()
        body = response.text().replace(f'data-department-limit="{DEPARTMENT_LIST_LIMIT}"',
                                       f'data-department-limit="{limit}"')
        route.fulfill(response=response, body=body)

    page.route(lambda url: urlsplit(url).path == "/tasks/", replace)


def involved_departments(corpus, organisation_id: str) -> list[str]:
    return [d.id for d in corpus.vocabulary.departments if d.organisation == organisation_id
            and any(involves(e, d.id) for e in corpus.entries)]


def test_many_departments_are_listed_by_organisation(page, site_url, built_corpus, department_and_year):
    department, _ = department_and_year
    with_department_limit(page, 1)
    open_finder(page, f"{site_url}tasks/?year=all")
    assert options(page, "finder-dept") == []
    assert page.locator("#finder-dept option").inner_text() == "全部部门（按部门筛选请先选择发布机构）"

    page.select_option("#finder-org", department.organisation)
    assert options(page, "finder-dept") == involved_departments(built_corpus, department.organisation)
    page.select_option("#finder-dept", department.id)
    expected = [e for e in built_corpus.entries if e.organisation.id == department.organisation
                and involves(e, department.id)]
    wait_for_count(page, len(expected))
    assert expected and shown_links(page) == expected_links(site_url, expected)

    # Another organisation: its own departments, and the department chosen before is dropped.
    other = next(o for o in options(page, "finder-org") if o != department.organisation)
    page.select_option("#finder-org", other)
    assert options(page, "finder-dept") == involved_departments(built_corpus, other)
    assert page.input_value("#finder-dept") == ""

    # An address naming a department keeps it, listed and chosen.
    open_finder(page, f"{site_url}tasks/?year=all&dept={department.id}")
    assert options(page, "finder-dept") == [department.id]
    assert page.input_value("#finder-dept") == department.id
    assert shown_links(page) == expected_links(site_url, [e for e in built_corpus.entries
                                                          if involves(e, department.id)])


SYNTHETIC_PLANS = 12  # three a year: four years


@pytest.fixture(scope="module")
def several_years(tmp_path_factory):
    """A synthetic project (generator.bench.synth) spanning several years, built and served: (corpus, URL)."""
    root = tmp_path_factory.mktemp("several-years")
    synthesise(read_seeds(str(REPO)), str(root), SYNTHETIC_PLANS)
    assert main(["--root", str(root), "build"]) == 0
    site, diagnostics = load_site(str(root))
    assert diagnostics == []
    with served(str(Path(root, "site"))) as url:
        yield build_corpus(site), url


def test_a_site_of_several_years(page, requested, several_years):
    corpus, url = several_years
    assert len(corpus.years) >= 4
    open_finder(page, f"{url}tasks/")
    assert shown_links(page) == expected_links(url, corpus.by_year[corpus.years[0]])
    for year in corpus.years[1:]:
        page.select_option("#finder-year", str(year))
        wait_for_count(page, len(corpus.by_year[year]))
        assert shown_links(page) == expected_links(url, corpus.by_year[year])
    assert requested == ["index.json", *map(year_file, corpus.years)]

    page.select_option("#finder-year", "all")
    shown = 200  # finder.js PAGE_SIZE
    assert len(corpus.entries) > shown
    wait_for_summary(page, f"共 {len(corpus.entries)} 条事项，显示前 {shown} 条。")
    page.get_by_role("button", name="显示更多").click()
    wait_for_count(page, len(corpus.entries))
    assert shown_links(page) == expected_links(url, corpus.entries)


def test_without_javascript_the_page_points_to_the_listings(browser, site_url):
    """The lists of items that need no script: by plan, by department (with targets and deadlines), by theme and by
    year; not the site's search, which needs JavaScript too."""
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{site_url}tasks/")
    assert not page.locator("#finder").is_visible()
    note = page.locator("article p", has_text="筛选需要浏览器启用 JavaScript")
    assert "站内搜索也是" in note.inner_text()
    for name, path in [("按计划", "plans/"), ("按部门", "departments/"), ("按主题", "themes/"), ("按年度", "years/")]:
        note.get_by_role("link", name=name, exact=True).click()
        page.wait_for_url(f"{site_url}{path}")
        page.go_back()
    context.close()


FACETS = {"org": "organisations", "year": "years", "theme": "themes", "dept": "departments", "status": "statuses"}


def option_names(page, select_id: str) -> dict[str, tuple[str, str]]:
    """Each option of a select but the first (every value): its name and its text, shown and read."""
    return {value: (name, text) for value, name, text in page.eval_on_selector(
        f"#{select_id}", "s => Array.from(s.options, o => [o.value, o.dataset.name, o.text]).slice(1)")}


def with_count(name: str, count: int) -> str:
    """An option's name with its count: in brackets, or after a dot when the name ends in brackets already."""
    return f"{name} · {count}" if name.endswith(("）", ")")) else f"{name}（{count}）"


def test_each_option_says_how_many_items_it_gives_with_the_other_filters(page, site_url, built_corpus):
    """基教科（12）: how many items choosing an option shows, the other filters as they are, counted in the data
    loaded; an option whose items are not loaded (another year's) says no count."""
    theme = next(t for t in built_corpus.vocabulary.themes
                 if len({e.plan.year for e in built_corpus.entries if t in e.themes}) > 1)
    open_finder(page, f"{site_url}tasks/?year=all&theme={theme.id}")
    base = Criteria(themes=frozenset({theme.id}), today=build_day(page))
    counted = 0
    for name, facet in FACETS.items():
        for value, (option, shown) in option_names(page, f"finder-{name}").items():
            chosen = dataclasses.replace(base, **{facet: frozenset({int(value) if name == "year" else value})})
            assert shown == with_count(option, len(select(built_corpus, chosen))), (name, value)
            counted += 1
    assert counted > 10
    org = built_corpus.vocabulary.organisations[0]
    of_org = len(select(built_corpus, dataclasses.replace(base, organisations=frozenset({org.id}))))
    assert page.get_by_role("option", name=with_count(org.name, of_org), exact=True, include_hidden=True).count() == 1

    newest, older = max(built_corpus.years), min(built_corpus.years)
    open_finder(page, f"{site_url}tasks/?year={newest}")
    years = option_names(page, "finder-year")
    assert years[str(newest)][1] == f"{newest}年（{len(built_corpus.by_year[newest])}）"
    assert years[str(older)] == (f"{older}年", f"{older}年")  # its file is not loaded


def test_a_name_ending_in_brackets_has_its_count_after_a_dot_not_in_a_second_pair(page, site_url, built_corpus):
    """洮北区教育局（体育局）（12） read as two asides: the count follows the name after a dot instead."""
    org = next(o for o in built_corpus.vocabulary.organisations if o.name.endswith("）"))
    open_finder(page, f"{site_url}tasks/?year=all")
    of_org = sum(e.organisation.id == org.id for e in built_corpus.entries)
    assert option_names(page, "finder-org")[org.id] == (org.name, f"{org.name} · {of_org}")


def test_the_years_an_empty_answer_loads_are_counted_in_the_options(page, site_url, built_corpus,
                                                                    department_and_other_year):
    """A department and a year of none of its items: the offer to drop the year loads the department's years, and
    the year list then counts them as the offer does, instead of naming those years alone beside it."""
    department, year, of_department = department_and_other_year
    open_finder(page, f"{site_url}tasks/?year={year}&dept={department.id}")
    assert removal_offers(page)[0] == f"去掉“年度：{year}年”，共 {len(of_department)} 条"
    years = option_names(page, "finder-year")
    for other in years_of(of_department):
        count = sum(e.plan.year == other for e in of_department)
        assert years[str(other)] == (f"{other}年", f"{other}年（{count}）")
