"""Pagefind instead of Material's search (``extra.plansite.search: pagefind``): the bundle, the filters, the UI."""

from __future__ import annotations

import gzip
import json
import re
from html import escape, unescape
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from mkdocs.exceptions import Abort

from browserfixtures import browser  # noqa: F401  (module fixture)
from generator import pagefind
from generator.bench.pagefindrun import choose_pagefind, query_list, run_queries
from generator.cli import main
from generator.corpus import build_corpus
from generator.load import load_site
from generator.searchbrowser import served
from sitefixtures import REPO, make_site_project

pytestmark = [pytest.mark.site, pytest.mark.browser]

QUERY = "心理健康"
FILTERS = {"机构", "年度", "主题", "部门"}


@pytest.fixture(scope="module")
def pagefind_site(tmp_path_factory) -> Path:
    root = make_site_project(tmp_path_factory.mktemp("pagefind-project"))
    choose_pagefind(str(root / "mkdocs.yml"))
    with pytest.MonkeyPatch.context() as patch:  # the example site in three parts, as a large site is
        patch.setattr(pagefind, "PAGES_PER_PART", 15)
        assert main(["--root", str(root), "build"]) == 0
    return root


def bundles(site: Path) -> list[Path]:
    return [site / bundle for bundle in pagefind.bundles(str(site))]


def pages_indexed(bundle: Path) -> int:
    return json.loads((bundle / "pagefind-entry.json").read_text(encoding="utf-8"))["languages"]["zh"]["page_count"]


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
    assert [bundle.name for bundle in bundles(site)] == ["pagefind", "pagefind-2", "pagefind-3"]
    assert all(pages_indexed(bundle) > 0 for bundle in bundles(site))
    assert {"pagefind-ui.js", "pagefind-ui.css", "pagefind.js"} <= {p.name for p in (site / "pagefind").iterdir()}


def test_pagefind_indexes_the_pages_material_search_would(pagefind_site):
    site = pagefind_site / "site"
    pages = {str(path.relative_to(site)): path.read_text(encoding="utf-8") for path in site.rglob("*.html")
             if not path.relative_to(site).parts[0].startswith("pagefind")}
    indexed = {name for name, html in pages.items() if "data-pagefind-body" in html}
    left_out = {name for name in pages if name.startswith("themes/") and name.count("/") == 3}  # a theme's years
    assert left_out and not left_out & indexed
    assert {"search.html", "404.html"}.isdisjoint(indexed) and "plans/index.html" in indexed
    assert sum(pages_indexed(bundle) for bundle in bundles(site)) == len(indexed)
    assert sorted(pagefind.pages_to_index(str(site))) == sorted(indexed)
    assert not [name for name in pages if name.startswith(".")]  # the mirror Pagefind read is gone


def write_pages(site: Path, pages: dict[str, str]) -> None:
    for name, body in pages.items():
        (site / name).parent.mkdir(parents=True, exist_ok=True)
        (site / name).write_text(f"<html lang='zh'><body>{body}</body></html>", encoding="utf-8")


def test_only_the_marked_pages_are_given_to_pagefind_or_all_when_none_is(tmp_path):
    write_pages(tmp_path, {"a/index.html": "<main data-pagefind-body>心理健康</main>", "b/index.html": "规划",
                           "404.html": "未找到", "c/data.json": "data-pagefind-body"})
    assert pagefind.pages_to_index(str(tmp_path)) == ["a/index.html"]
    (tmp_path / "a" / "index.html").write_text("<main>心理健康</main>", encoding="utf-8")
    assert pagefind.pages_to_index(str(tmp_path)) == ["404.html", "a/index.html", "b/index.html"]


def test_pagefind_is_given_each_chinese_character_and_digit_as_a_word():
    zw = "\u200b"
    page = ('<nav>导航2024</nav><article class="md-content__inner"><h1 id="标题">规划2024年</h1><p>AI教育94.5%，'
            '<a href="/d/" data-pagefind-filter="部门">督导室&amp;&lt;b&gt;"甲"</a></p></article><footer>页脚</footer>')
    apart = pagefind.characters_apart(page)
    assert apart.startswith("<nav>导航2024</nav>") and apart.endswith("</article><footer>页脚</footer>")
    assert f'<h1 id="标题">{zw}规{zw}划{zw}2{zw}0{zw}2{zw}4{zw}年{zw}</h1>' in apart  # tags as they were
    assert f"AI{zw}教{zw}育{zw}9{zw}4{zw}.{zw}5{zw}%" in apart
    [value] = re.findall(r'data-pagefind-filter="部门:([^"]*)"', apart)  # the link's text, whole
    assert unescape(unescape(value)) == escape('督导室&<b>"甲"')  # as Pagefind decodes it, and its UI shows it
    assert apart.replace(zw, "") == page.replace('"部门"', f'"部门:{value}"')
    assert pagefind.characters_apart("<p>没有正文</p>") == "<p>没有正文</p>"
    # full-width figures as the search page folds a query (generator/fullwidth.py)
    assert pagefind.characters_apart("<article><p>占比５８％</p></article>") == \
        f"<article><p>{zw}占{zw}比{zw}5{zw}8{zw}%</p></article>"
    named = '<a data-pagefind-filter="部门">督导室</a>'  # each value once a page, as Pagefind counts pages
    twice = pagefind.characters_apart(f'<article>{named}{named}{named.replace("部门", "主题")}</article>')
    assert re.findall(r'data-pagefind-filter="([^"]*)"', twice) == ["部门:督导室", "主题:督导室"]


QUERIES = {"普惠性": ['"普 惠 性"'], "2小时": ['"2 小 时"'], ' "双减" ': ['"双 减"'], "教": ["教"],
           "基教科 学前教育": ['"基 教 科"', '"学 前 教 育"'], "心理 心理": ['"心 理"'], "94.5%": ["9 4 . 5 %"],
           "STEAM": ["STEAM"], "AI教育": ['"AI 教 育"'], "": [], "５８％": ["5 8 %"], "ＡＩ教育": ['"AI 教 育"']}


def test_the_search_page_asks_each_word_of_a_query_cut_as_the_index_is(browser, pagefind_site):
    with served(str(pagefind_site / "site")) as url:
        page = browser.new_page()
        page.goto(url)
        cut = page.evaluate("""async queries => {
          const {pagefindQuery, queryWords} = await import(
            new URL("assets/javascripts/pagefind-query.js", document.baseURI))
          return queries.map(query => queryWords(query).map(pagefindQuery))
        }""", list(QUERIES))
    assert cut == list(QUERIES.values())


PAGE_DATA = {"raw_content": "\u200b".join("甲督导室乙督导室丙督导"), "url": "/plans/p/", "meta": {"title": "P"},
             "anchors": [{"element": "h3", "id": "item-1", "text": "一", "location": 0},
                         {"element": "h3", "id": "item-2", "text": "二", "location": 4},
                         {"element": "div", "id": "x", "text": "不是标题", "location": 8}],
             "sub_results": ["Pagefind's own"]}


def test_a_page_found_lists_each_section_holding_a_word_of_the_query(browser, pagefind_site):
    with served(str(pagefind_site / "site")) as url:
        page = browser.new_page()
        page.goto(url)
        answers = page.evaluate("""async ([data, queries]) => {
          const {pagefindResult} = await import(new URL("assets/javascripts/pagefind-query.js", document.baseURI))
          return queries.map(query => pagefindResult(structuredClone(data), query).sub_results)
        }""", [PAGE_DATA, ["督导室", "督导 室", "督导室 丙", "丙督导室", "乙督导室"]])
    one_word, two_words, one_a_section, nowhere, in_one_section = answers
    assert [(s["url"], s["title"], s["locations"], s["excerpt"]) for s in one_word] == [
        ("/plans/p/#item-1", "一", [1, 2, 3], "甲<mark>督</mark><mark>导</mark><mark>室</mark>乙督导室丙督导"),
        ("/plans/p/#item-2", "二", [5, 6, 7], "乙<mark>督</mark><mark>导</mark><mark>室</mark>丙督导")]
    assert [(s["url"], s["locations"], s["excerpt"]) for s in two_words] == [
        ("/plans/p/#item-1", [1, 2, 3], "甲<mark>督</mark><mark>导</mark><mark>室</mark>乙督导室丙督导"),
        ("/plans/p/#item-2", [5, 6, 7, 9, 10],
         "乙<mark>督</mark><mark>导</mark><mark>室</mark>丙<mark>督</mark><mark>导</mark>")]
    assert [(s["url"], s["locations"]) for s in one_a_section] == [("/plans/p/#item-1", [1, 2, 3]),
                                                                   ("/plans/p/#item-2", [5, 6, 7, 8])]
    assert nowhere == in_one_section == ["Pagefind's own"]  # held nowhere; one word in one section


_SEARCH_WORDS = """async queries => {
  const api = await import(new URL("assets/javascripts/plansite-pagefind/pagefind.js", document.baseURI))
  const pagefind = await import(new URL("pagefind/pagefind.js", document.baseURI))  // Pagefind's own
  const {queryWords, pagefindQuery, filterCounts} = await import(
    new URL("assets/javascripts/pagefind-query.js", document.baseURI))
  const parts = await (await fetch(new URL("pagefind/plansite-parts.json", document.baseURI))).json()
  for (const part of parts) await api.mergeIndex(new URL(part + "/", document.baseURI).pathname)
  const every = await api.filters()
  const filtersOfPages = await (await fetch(new URL("pagefind/plansite-filters.json", document.baseURI))).json()
  const [year] = Object.keys(every["年度"])
  const answers = []
  for (const query of queries) {
    const found = await api.search(query)
    const pages = await Promise.all(found.results.map(result => result.data()))
    const words = await Promise.all(queryWords(query).map(async word => (await api.search(word)).results))
    const allInYear = await api.search(query, {filters: {"年度": [year]}})
    answers.push({query, ids: found.results.map(result => result.id), scores: found.results.map(r => r.score),
                  urls: pages.map(page => page.url), filters: pages.map(page => page.filters),
                  counts: found.filters, words: words.map(results => results.map(result => result.id)),
                  year, inYear: allInYear.results.map(result => result.id)})
  }
  const pagefinds = await pagefind.filters()  // loads every filter: Pagefind counts each from now on
  for (const answer of answers) {
    const inYear = await pagefind.search(pagefindQuery(queryWords(answer.query)[0]), {filters: {"年度": [year]}})
    answer.oneWord = [filterCounts(inYear.results.map(result => result.id), filtersOfPages), inYear.filters]
  }
  return {every, pagefinds, answers}
}"""


def test_a_query_of_several_words_finds_the_pages_holding_each_word_and_counts_their_filters(browser,
                                                                                             pagefind_site):
    """Each word is asked apart (in a row) and the pages holding all of them are kept; the filter counts are
    those of the pages kept, as Pagefind counts its own results."""
    site = pagefind_site / "site"
    queries = ["基教科 学前教育", "心理健康 目标", "学前教育 基教科 普惠", "心理健康 没有这个词"]
    with served(str(site)) as url:
        page = browser.new_page()
        page.goto(url)
        found = page.evaluate(_SEARCH_WORDS, queries)
    every = found["every"]
    assert every == found["pagefinds"]  # every value's pages, as Pagefind counts them
    for answer in found["answers"]:
        assert len(set(answer["ids"])) == len(answer["ids"])
        assert set(answer["ids"]) == set.intersection(*map(set, answer["words"])), answer["query"]
        assert answer["scores"] == sorted(answer["scores"], reverse=True)
        for address in answer["urls"]:
            text = re.sub(r"<[^>]+>", "", (site / unquote(address).strip("/") / "index.html").read_text("utf-8"))
            assert all(word in text for word in answer["query"].split()), (answer["query"], address)
        counted = {name: {value: 0 for value in values} for name, values in every.items()}
        for filters in answer["filters"]:
            for name, values in filters.items():
                for value in set(values):
                    counted[name][value] += 1
        assert answer["counts"] == counted, answer["query"]
        in_year = {page for page, filters in zip(answer["ids"], answer["filters"]) if answer["year"] in
                   filters.get("年度", [])}
        assert set(answer["inYear"]) == in_year, answer["query"]  # a filter chosen: the pages kept that have it
        ours, pagefinds = answer["oneWord"]  # the same counting for a word, a filter chosen, as Pagefind's
        assert ours == pagefinds and sum(pagefinds["年度"].values()), answer["query"]
    sizes = [len(answer["ids"]) for answer in found["answers"]]
    assert all(sizes[:3]) and not sizes[3] and any(answer["inYear"] for answer in found["answers"])
    assert all(len(answer["ids"]) < min(map(len, answer["words"])) for answer in found["answers"][:2])


def test_a_chinese_query_finds_the_items_holding_it_in_a_row(browser, pagefind_site):
    """A known query of one word finds, as sub-results, every item holding it (not only the first of a page),
    and only pages holding its characters in a row, as typed."""
    corpus = build_corpus(load_site(str(pagefind_site))[0])
    queries = [case.query for case in query_list(str(REPO)).queries if re.fullmatch(r"\w+", case.query)]
    answers = run_queries(str(pagefind_site / "site"), queries, every_result=True, browser=browser)
    held = 0
    for answer in answers:
        for location in {location.split("#")[0] for location in answer["locations"]}:
            text = re.sub(r"<[^>]+>", "", (pagefind_site / "site" / location.strip("/") / "index.html")
                          .read_text(encoding="utf-8"))
            assert answer["query"] in text, (answer["query"], location)
        holding = {f"/plans/{e.plan.id}/#{e.anchor}" for e in corpus.entries
                   if answer["query"] in e.item.title + e.item.text}
        assert holding <= set(answer["locations"]), answer["query"]
        held += len(holding)
    assert held


def test_the_bundle_gives_the_pages_their_urls_in_the_site(tmp_path):
    write_pages(tmp_path, {"plans/p1/index.html": "<article class='md-content__inner' data-pagefind-body>"
                                                  "<h1>心理健康教育</h1></article>",
                           "themes/t/index.html": "<article class='md-content__inner'>心理健康</article>"})
    assert pagefind.index(str(tmp_path)).startswith("1 pages in 1 part(s), ")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["pagefind", "plans", "themes"]  # no mirror left
    assert fragments(tmp_path / "pagefind") == [b"/plans/p1/"]
    assert pagefind.bundles(str(tmp_path)) == ["pagefind"]


def fragments(bundle: Path) -> list[bytes]:
    """The URL of each page in a bundle."""
    pages = [gzip.decompress(path.read_bytes()) for path in (bundle / "fragment").iterdir()]
    return sorted(page[page.index(b'"url":"') + 7:].split(b'"')[0] for page in pages)


def test_a_large_site_is_indexed_in_parts_each_page_in_one(tmp_path, monkeypatch):
    article = "<article class='md-content__inner' data-pagefind-body><h1>规划{}</h1></article>"
    write_pages(tmp_path, {f"plans/p{n}/index.html": article.format(n) for n in range(5)})
    monkeypatch.setattr(pagefind, "PAGES_PER_PART", 2)
    assert pagefind.index(str(tmp_path)).startswith("5 pages in 3 part(s), ")
    assert pagefind.bundles(str(tmp_path)) == ["pagefind", "pagefind-2", "pagefind-3"]
    found = [fragments(tmp_path / bundle) for bundle in ("pagefind", "pagefind-2", "pagefind-3")]
    assert found == [[b"/plans/p0/", b"/plans/p3/"], [b"/plans/p1/", b"/plans/p4/"], [b"/plans/p2/"]]


def test_a_fragment_pagefind_wrote_otherwise_is_named_in_the_error(tmp_path):
    fragments = tmp_path / "pagefind" / "fragment"
    fragments.mkdir(parents=True)
    (fragments / "zh_1.pf_fragment").write_bytes(gzip.compress(b'{"url": "/a/", "filters": {}}'))
    with pytest.raises(Abort, match=r"zh_1\.pf_fragment: not a page's fragment as pagefind\[extended\]==1\.4\.0"):
        pagefind.filters_of_pages([str(tmp_path / "pagefind")])
    page = {"url": "/a/", "filters": {"年度": ["2024年", "2024年"]}}
    (fragments / "zh_1.pf_fragment").write_bytes(gzip.compress(b"pagefind_dcd" + json.dumps(page).encode()))
    assert pagefind.filters_of_pages([str(tmp_path / "pagefind")]) == {"values": [("年度", "2024年")],
                                                                       "pages": {"zh_1": [0]}}


def test_a_site_is_split_in_the_fewest_parts_that_keep_within_their_size():
    pages = [f"p{n}" for n in range(12_001)]
    assert [len(part) for part in pagefind.parts(pages[:5_000])] == [5_000]
    assert [len(part) for part in pagefind.parts(pages[:5_001])] == [2_501, 2_500]
    assert [len(part) for part in pagefind.parts(pages)] == [4_001, 4_000, 4_000]
    assert sorted(sum(pagefind.parts(pages), [])) == sorted(pages)


def test_search_page_finds_items_and_filters_them(browser, pagefind_site):
    site, _ = load_site(str(pagefind_site))
    corpus = build_corpus(site)
    items = {(e.plan.id, e.anchor): e for e in corpus.entries}
    with served(str(pagefind_site / "site")) as url:
        page = browser.new_page()
        errors, requests, dialogs = [], [], []
        page.on("pageerror", lambda error: errors.append(error))
        page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
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
        for name in FILTERS:  # every value shown, names from YAML with markup in them as text
            page.locator(".pagefind-ui__filter-name", has_text=name).click()
        labels = {label.rsplit(" (", 1)[0] for label in texts(page, ".pagefind-ui__filter-label")}
        names = [record.name for records in (corpus.vocabulary.organisations, corpus.vocabulary.departments)
                 for record in records]
        assert {name for name in names if "<" in name} <= labels
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
        assert not errors and not dialogs
        assert all(request.startswith(url) for request in requests)  # nothing from a CDN


def test_the_search_page_asks_a_query_of_several_words_a_word_at_a_time(browser, pagefind_site):
    """The search page's UI loads Pagefind's API through pagefindSearch (which fetches the pages' filters for a
    query of several words): the pages it lists hold each word, and their excerpts mark both words."""
    site = pagefind_site / "site"
    with served(str(site)) as url:
        page = browser.new_page()
        errors, requests = [], []
        page.on("pageerror", lambda error: errors.append(error))
        page.on("request", lambda request: requests.append(urlsplit(request.url).path))
        page.goto(f"{url}search.html?q=普惠性 目标")
        page.wait_for_function("() => document.querySelectorAll('.pagefind-ui__result-excerpt mark').length",
                               timeout=15000)
        page.wait_for_function("() => document.querySelectorAll('.pagefind-ui__filter-name').length", timeout=15000)
        marked = "".join(texts(page, ".pagefind-ui__result-excerpt mark"))
        addresses = {urlsplit(href).path for href in hrefs(page)}
        assert not errors
    assert f"/{pagefind.BUNDLE}/{pagefind.PAGE_FILTERS}" in requests
    assert set("普惠性目标") <= set(marked)
    assert addresses
    for address in addresses:
        text = re.sub(r"<[^>]+>", "", (site / unquote(address).strip("/") / "index.html").read_text("utf-8"))
        assert "普惠性" in text and "目标" in text, address
