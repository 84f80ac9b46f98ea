"""The real site, built by MkDocs + Material from the fixture project."""

from __future__ import annotations

import html
import json
import os
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from generator.cli import main
from generator.write import STAGING_PREFIX
from generator.corpus import build_corpus
from generator.load import load_site
from generator.searchindex import INDEX, documents
from sitefixtures import built_site, make_site_project  # noqa: F401  (session fixture)

pytestmark = pytest.mark.site


class Links(HTMLParser):
    """The element ids of a page, every address it refers to, its scripts and event handlers."""

    def __init__(self, text: str):
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.links: list[str] = []
        self.scripts = 0
        self.handlers: list[str] = []
        self.feed(text)
        self.close()

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if attrs.get("id"):
            self.ids.add(attrs["id"])
        for name in ("href", "src"):
            if attrs.get(name) is not None:
                self.links.append(attrs[name])
        self.scripts += tag == "script"
        self.handlers += [f"<{tag} {name}>" for name in attrs if name.startswith("on")]


@pytest.fixture(scope="module")
def site(built_site):
    loaded, diagnostics = load_site(str(built_site))
    assert diagnostics == []
    return loaded


@pytest.fixture(scope="module")
def pages(built_site) -> dict[Path, Links]:
    return {path.resolve(): Links(path.read_text(encoding="utf-8")) for path in (built_site / "site").rglob("*.html")}


@pytest.fixture(scope="module")
def search_index(built_site) -> dict:
    """The built index, its sections' addresses whole (as the search worker reads them)."""
    index = json.loads((built_site / "site" / INDEX).read_text(encoding="utf-8"))
    return {**index, "docs": documents(str(built_site / "site"))}


def page_file(built_site: Path, *parts: str) -> Path:
    return built_site.joinpath("site", *parts, "index.html")


def test_a_page_for_every_plan_theme_department_year_and_organisation(built_site, site):
    corpus = build_corpus(site)
    expected = [("plans", p.id) for p in corpus.plans] + [("years", str(y)) for y in corpus.years]
    expected += [("themes", t.id) for t in site.vocabulary.themes]
    expected += [("departments", d.id) for d in site.vocabulary.departments]
    expected += [("organisations", o.id) for o in site.vocabulary.organisations]
    for kind in ("plans", "themes", "departments", "years", "organisations"):
        expected.append((kind,))
    missing = [parts for parts in expected if not page_file(built_site, *parts).is_file()]
    assert not missing
    assert (built_site / "site" / "about" / "index.html").is_file()
    assert (built_site / "site" / "data" / "plan.schema.json").is_file()


def test_a_metrics_address_trimmed_to_metrics_is_a_page_linking_every_metric(built_site, site, pages):
    """/metrics/xueqian-ruyuanlv/ trimmed to /metrics/ gave the 404 page; the list of metrics was at /targets/."""
    index = page_file(built_site, "metrics").resolve()
    linked = {(index.parent / unquote(link)).resolve() for link in pages[index].links}  # pages' folders
    assert {page_file(built_site, "metrics", m.id).parent.resolve() for m in site.vocabulary.metrics} <= linked
    assert page_file(built_site, "targets").parent.resolve() in linked and len(site.vocabulary.metrics) > 1


FULL_WIDTH = str.maketrans('<>&"', "＜＞＆＂")  # how a description keeps to its attribute (the fixture has payloads)


def description(page: Path) -> str:
    [content] = re.findall(r'<meta name="description" content="([^"]*)">', page.read_text(encoding="utf-8"))
    return html.unescape(content)


def test_each_plan_theme_department_year_organisation_and_metric_page_describes_itself(built_site, site):
    """Search engines and chat apps' link previews show a page's description: the site's says nothing of it."""
    corpus = build_corpus(site)
    subjects = [(("plans", p.id), site.vocabulary.organisation_by_id[p.organisation].name) for p in corpus.plans]
    subjects += [(("years", str(y)), f"{y}年") for y in corpus.years]
    subjects += [(("themes", t.id), t.name) for t in site.vocabulary.themes]
    subjects += [(("departments", d.id), d.full_name or d.name) for d in site.vocabulary.departments]
    subjects += [(("organisations", o.id), o.name) for o in site.vocabulary.organisations]
    subjects += [(("metrics", m.id), m.name) for m in site.vocabulary.metrics]
    assert len(subjects) > 20
    for parts, subject in subjects:
        said = description(page_file(built_site, *parts))
        assert subject.translate(FULL_WIDTH) in said and len(said) <= 120, (parts, said)
    site_description = description(page_file(built_site))
    assert site_description and all(description(page_file(built_site, kind)) == site_description
                                    for kind in ("plans", "themes", "departments"))


def test_every_internal_link_and_anchor_resolves(built_site, pages):
    site_dir = (built_site / "site").resolve()
    broken = []
    checked = 0
    for path, page in pages.items():
        for link in page.links:
            parts = urlsplit(link)
            if parts.scheme or parts.netloc:
                assert parts.scheme in ("http", "https"), f"{path}: {link}"
                continue
            # 404.html links from the site root: it is served for any missing address.
            base = site_dir if parts.path.startswith("/") else path.parent
            target = (base / unquote(parts.path).lstrip("/")).resolve() if parts.path else path.resolve()
            if target.is_dir():
                target = target / "index.html"
            checked += 1
            if site_dir not in target.parents or not target.is_file():
                broken.append(f"{path.relative_to(site_dir)}: {link} (no file)")
            elif parts.fragment and unquote(parts.fragment) not in pages[target].ids:
                broken.append(f"{path.relative_to(site_dir)}: {link} (no anchor)")
    assert checked > 500 and not broken, "\n".join(broken)


def test_every_page_lets_a_feed_reader_find_the_sites_feed(built_site):
    """Given any page's address, a feed reader found no feed: the feeds were only links in some pages' text."""
    site_dir = built_site / "site"
    feed = (site_dir / "feeds" / "all.xml").resolve()
    for path in site_dir.rglob("index.html"):
        found = re.findall(r'<link rel="alternate" type="application/atom\+xml" title="([^"]+)" href="([^"]+)">',
                           path.read_text(encoding="utf-8"))
        assert [title for title, _ in found] == ["教育工作计划公开库：全部更新"], path
        assert (path.parent / found[0][1]).resolve() == feed, path


def test_heading_anchors_are_stable(pages):
    """No heading is told apart by the toc's counter (``_1``), whose meaning shifts as headings come and go;
    a department's lists are addressed by year and role, not by their counts."""
    numbered = sorted(f"{path.name}: {anchor}" for path, page in pages.items() for anchor in page.ids
                      if re.search(r"_[0-9]+$", anchor) and not anchor.startswith("__"))  # Material's own
    assert not numbered, numbered
    department = next(page for path, page in pages.items() if path.parent.name == "xx-jijiaoke")
    assert {"2024-owned", "2025-owned"} <= department.ids


def test_no_page_carries_markup_from_yaml(built_site, pages):
    """The fixture's YAML is full of markup; the built pages have only Material's own."""
    assert len({page.scripts for page in pages.values()}) == 1
    assert not [f"{path}: {page.handlers}" for path, page in pages.items() if page.handlers]
    for path in pages:
        head = path.read_text(encoding="utf-8").split("</head>")[0]
        [title] = re.findall(r"<title>(.*?)</title>", head, re.S)
        assert "<" not in title and "&" not in title, (path, title)
    qa_plan = page_file(built_site, "plans", "qa-edu-2025").read_text(encoding="utf-8")
    assert "&lt;/title&gt;&lt;script&gt;alert(2)&lt;/script&gt;" in qa_plan


def plain(text: str) -> str:
    """Search index text as a reader sees it: no tags, no segmentation marks, no entities."""
    return html.unescape(re.sub(r"<[^>]+>", "", text)).replace("\u200b", "")


def test_the_themes_english_labels_are_chinese_or_gone(built_site):
    """The ¶ of every heading is titled in Chinese, and the footer does not say "Made with Material"."""
    home = page_file(built_site).read_text(encoding="utf-8")
    assert 'title="本节链接"' in home and "Permanent link" not in home
    assert "Made with" not in home and "本节链接" in page_file(built_site, "about").read_text(encoding="utf-8")
    assert '"provider": "mike"' not in home  # no versions.json to ask for outside a published edition
    missing = (built_site / "site" / "404.html").read_text(encoding="utf-8")
    assert "<h1>404 · 页面不存在</h1>" in missing and "Not found" not in missing
    assert '或回到<a href="/.">首页</a>' in missing  # on a phone the navigation is in a closed drawer


def test_search_index_holds_whole_chinese_words(search_index):
    separator = re.compile(search_index["config"]["separator"])  # a JavaScript regex Python reads too
    tokens = {token for doc in search_index["docs"] for field in ("title", "text")
              for token in separator.split(re.sub(r"<[^>]+>", " ", doc[field]))}
    assert {"学前教育", "心理健康"} <= tokens
    # Vocabulary names jieba would cut (基/教科, 校园/安全) are kept whole.
    assert {"基教科", "校园安全"} <= tokens


def test_each_item_is_one_search_section_of_its_plan_page(site, search_index):
    locations = [doc["location"] for doc in search_index["docs"]]
    by_location = {doc["location"]: doc for doc in search_index["docs"]}
    for entry in build_corpus(site).entries:
        location = f"plans/{entry.plan.id}/#{entry.anchor}"
        assert locations.count(location) == 1
        assert entry.item.title in plain(by_location[location]["title"])


def test_an_items_search_entry_ends_with_its_plans_year(site, search_index):
    """学前教育 2025 matched 2025 only in the plans' titles (see generator/searchyear.py); a section or a page
    keeps its title."""
    by_location = {doc["location"]: doc for doc in search_index["docs"]}
    corpus = build_corpus(site)
    for entry in corpus.entries:
        assert by_location[f"plans/{entry.plan.id}/#{entry.anchor}"]["title"].endswith(
            f" · {entry.plan.year}\u200b年")
    others = [doc["title"] for location, doc in by_location.items() if "#item-" not in location]
    assert any(title.startswith("XX") for title in others)  # the plans' own
    assert not [title for title in others if re.search(r" · [0-9]+\u200b年$", title)]


def test_closing_words_are_a_section_of_their_own(site, search_index):
    by_location = {doc["location"]: doc for doc in search_index["docs"]}
    closing = [plan_file.plan for plan_file in site.plans if plan_file.plan.closing]
    assert closing
    for plan in closing:
        assert plan.closing in plain(by_location[f"plans/{plan.id}/#closing"]["text"])
        others = [doc for location, doc in by_location.items()
                  if location.startswith(f"plans/{plan.id}/") and not location.endswith("#closing")]
        assert not [doc["location"] for doc in others if plan.closing in plain(doc["text"])]


def test_listing_pages_contribute_no_item_text(site, search_index):
    entries = build_corpus(site).entries
    plan_pages = tuple(f"plans/{e.plan.id}/" for e in entries)
    listings = [doc for doc in search_index["docs"] if not doc["location"].startswith(plan_pages)]
    assert {doc["location"] for doc in listings} >= {"", "plans/", "themes/mental-health/", "years/2025/"}
    for doc in listings:
        shown = plain(doc["title"] + " " + doc["text"])
        for entry in entries:
            assert entry.item.title not in shown, (doc["location"], entry.item.title)
            for line in entry.item.text.splitlines():
                assert line.strip() not in shown, (doc["location"], line)


def test_failed_build_leaves_the_previous_site(tmp_path, capsys):
    root = make_site_project(tmp_path)
    assert main(["--root", str(root), "build"]) == 0
    before = {p: p.read_bytes() for p in (root / "site").rglob("*") if p.is_file()}

    about = root / "content" / "pages" / "about.md"
    about.write_text(about.read_text(encoding="utf-8") + "\n[不存在的事项](plans/xx-edu-2025.md#item-9-9)\n",
                     encoding="utf-8")
    assert main(["--root", str(root), "build"]) == 1
    assert "does not contain an anchor '#item-9-9'" in capsys.readouterr().err
    assert {p: p.read_bytes() for p in (root / "site").rglob("*") if p.is_file()} == before
    assert not [name for name in os.listdir(root) if name.startswith(STAGING_PREFIX)]
