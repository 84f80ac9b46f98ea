"""The site's history from real git: page dates, 本版更新, 编辑历史 and Atom feeds; shallow clones degrade."""

from __future__ import annotations

import html
import os
import re
import subprocess
import time
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from generator.build import generate
from generator.changes import compare_revisions
from generator.changetext import describe
from generator.cli import main
from generator.diagnostics import has_errors
from generator.load import load_site
from generator.sitehistory import cached_editions, keep_used_last, mark_used, read_site_history
from generator.templating import md
from gitrepos import commit, git, git_commands, init
from planhistory import (A, AFTER_SECTIONS, B, DATES, DIGITAL, EXPECTED_CHANGES, LAW, QUALITY, REVIEW, SITE_EDITIONS,
                         SUPPLY, history_repo, other_plan, plan_yaml, review_yaml, tag_edition, two_revisions,
                         with_evidence)
from projects import ORGANISATIONS, THEMES as THEMES_YAML, make_project, write
from rendering import render_site
from sitefixtures import built_site, make_site_project  # noqa: F401  (session fixture)

ATOM = "{http://www.w3.org/2005/Atom}"
EDITION_DATES = {"2025.1": "2025-01-15T10:00:00+08:00", "2025.2": "2025-03-01T09:30:00+08:00",
                 "2025.3": "2025-04-01T08:00:00+08:00"}
TITLE_2025 = "示例市教育局2025年工作要点"
PAYLOAD = '<script>alert("feed")</script> ]]> &amp; \x01end'
# site_url as the repository's mkdocs.yml sets it, and a Python tag the reader of site_url must pass over
MKDOCS_YML = """\
site_name: 示例
site_url: !ENV [PLANSITE_SITE_URL, ""]
markdown_extensions:
  - toc:
      slugify: !!python/object/apply:pymdownx.slugs.slugify {kwds: {case: lower}}
"""


def generated(root: Path) -> dict[str, str]:
    """docs/ as ``plansite generate`` renders it, with the history read as it reads it."""
    site, diagnostics = load_site(str(root))
    assert not has_errors(diagnostics)
    return render_site(site, history=read_site_history(str(root), site, str(root / "mkdocs.yml")))


def shown(markdown: str) -> str:
    """Inline Markdown made by the ``md`` filter, as the reader sees it."""
    return html.unescape(re.sub(r"\\(.)", r"\1", markdown))


def listed(page: str, after: str = "", until: str = "\n## ") -> list[tuple[int, str, str]]:
    """(depth, text as shown, address of its first link or "") of each list line of a page's Markdown,
    between the first ``after`` and the next ``until``."""
    part = page.split(after, 1)[1] if after else page
    part = part.split(until, 1)[0] if until in part else part
    found = []
    for indent, content in re.findall(r"^( *)- (.*)$", part, re.M):
        link = re.match(r"\[(.*?)\]\(([^()\s]+)\)", content)
        text = content.replace(link[0], link[1]) if link else content
        found.append((len(indent) // 4, shown(text), link[2] if link else ""))
    return found


# How the site says what `plansite changes` says of the items of EXPECTED_CHANGES and of the second revision
# without 推动地方立法 (``without_law``): items named as printed (number and title), not by their keys; a long
# text's edits marked up.
ON_THE_SITE = {
    "新增 1-5 智慧园所": "新增 5. 智慧园所", "删除 1-3 规范收费行为": "删除 3. 规范收费行为",
    "移动 1-4 → 1-3 推动地方立法（同节重新编号）": "移动 3. 推动地方立法（同节重新编号，原编号 4）",
    "移动 2-3 → 1-4 家校共育（从「心理健康」移至「学前教育」）": "移动 4. 家校共育（从「心理健康」移至「学前教育」，原编号 3）",
    "修改 1-1 扩大普惠资源": "修改 1. 扩大普惠资源", "修改 1-2 提高保教质量": "修改 2. 提高保教质量",
    "修改 2-1 监测预警": "修改 1. 监测预警", "修改 2-2 防控近视": "修改 2. 防控近视",
    "正文：…园保育教育质量监管,{+深入+}开展幼小科学衔接实验…": "正文：…园保育教育质量监管,<ins>深入</ins>开展幼小科学衔接实验…",
    "删除 1-3 推动地方立法": "删除 3. 推动地方立法",
    "移动 1-4 → 1-3 家校共育（同节重新编号）": "移动 3. 家校共育（同节重新编号，原编号 4）",
    "移动 1-5 → 1-4 智慧园所（同节重新编号）": "移动 4. 智慧园所（同节重新编号，原编号 5）",
}


def on_the_site(lines: list[tuple[int, str]]) -> list[tuple[int, str]]:
    return [(depth, ON_THE_SITE.get(text, text)) for depth, text in lines]


def changelog_lines(text: str) -> list[tuple[int, str]]:
    """(depth, text) of the item and detail lines of ``plansite changes`` output (one changed plan)."""
    return [(0 if len(line) - len(line.lstrip()) == 2 else 1, line.strip())
            for line in text.splitlines() if line.startswith("  ")]


def date_of(page: str) -> str:
    [day] = re.findall(r"^最后更新：(\d{4}-\d\d-\d\d)$", page, re.M)
    return day


@pytest.fixture
def editions_repo(tmp_path):
    """Editions 2025.1 and 2025.2 of the changelog tests' two revisions (planhistory.two_revisions)."""
    root = tmp_path / "repo"
    for version, rev in zip(("2025.1", "2025.2"), two_revisions(root)):
        tag_edition(root, version, rev, EDITION_DATES[version])
    return root


def without_law(root: Path) -> None:
    """On disk, the second revision without the item 推动地方立法 (1-3): the two after it move up."""
    number, title, items = AFTER_SECTIONS[0]
    write(root, A, plan_yaml("demo-edu-2025", 2025,
                             [(number, title, [i for i in items if i is not LAW]), *AFTER_SECTIONS[1:]]))


# --- page dates ---------------------------------------------------------------------

def test_page_dates_follow_the_commits_of_their_sources(tmp_path, monkeypatch):
    root = history_repo(tmp_path / "repo")
    pages = generated(root)
    day = {name: date[:10] for name, date in DATES.items()}
    assert date_of(pages["plans/demo-edu-2025.md"]) == day["third"]
    assert date_of(pages["plans/demo-edu-2026.md"]) == day["second"]
    assert date_of(pages["themes/preschool.md"]) == day["third"]  # both plans file items under it
    # only the 2026 plan has mental-health items; themes.yaml changed after it
    assert date_of(pages["themes/mental-health.md"]) == day["themes"]
    assert date_of(pages["index.md"]) == day["third"]

    write(root, "plans/2026/demo-edu-2026.yaml",
          (root / "plans/2026/demo-edu-2026.yaml").read_text(encoding="utf-8") + "notes: 补充说明。\n")
    commit(root, "B noted", "2024-08-08T08:00:00+08:00")
    monkeypatch.chdir(root)  # a relative root names the same files
    pages = generated(Path("."))
    assert date_of(pages["themes/mental-health.md"]) == date_of(pages["plans/demo-edu-2026.md"]) == "2024-08-08"
    assert date_of(pages["plans/demo-edu-2025.md"]) == day["third"]


def test_a_hand_written_page_is_dated_by_the_last_commit_of_its_file(tmp_path):
    """content/pages/ is published as written, with 最后更新 at its foot as a generated page has; a page not yet
    committed has no date, and a file other than a page is copied as it is."""
    root = history_repo(tmp_path / "repo")
    write(root, "content/pages/guide/howto.md", "# 操作指南\n\n先检索，再核对原文。\n\n\n")
    write(root, "content/pages/guide/notes.txt", "说明\n")
    commit(root, "a guide", "2024-09-09T09:00:00+08:00")
    write(root, "content/pages/draft.md", "# 草稿\n")
    pages = generated(root)
    assert pages["guide/howto.md"].startswith("# 操作指南\n\n先检索，再核对原文。\n\n<div class=\"plansite-page-facts\"")
    assert date_of(pages["guide/howto.md"]) == "2024-09-09"
    assert pages["guide/notes.txt"] == "说明\n".encode() and pages["draft.md"] == "# 草稿\n".encode()


def test_without_history_pages_have_no_dates_and_the_build_says_why_once(tmp_path, capsys):
    plain = tmp_path / "plain"
    make_project(plain)
    assert main(["--root", str(plain), "generate"]) == 0
    assert capsys.readouterr().err.count("is not in a git repository") == 1
    assert not [p for p in (plain / "docs").rglob("*.md") if "最后更新" in p.read_text(encoding="utf-8")]


def test_before_the_first_commit_pages_have_no_dates_and_the_build_says_why_once(tmp_path, capsys):
    """`plansite init` commits nothing: a generation then left out 最后更新 without a word."""
    new = init(tmp_path / "new")
    make_project(new)
    assert main(["--root", str(new), "generate"]) == 0
    assert capsys.readouterr().err.count("note: page dates (最后更新) omitted: no commit yet") == 1
    assert not [p for p in (new / "docs").rglob("*.md") if "最后更新" in p.read_text(encoding="utf-8")]
    assert "尚未发布任何版本" in (new / "docs" / "editions" / "index.md").read_text(encoding="utf-8")


@pytest.mark.site
def test_shallow_clone_builds_without_dates_and_says_why_once(tmp_path, capsys):
    origin = init(make_site_project(tmp_path / "origin"))
    commit(origin, "plans")
    shallow = tmp_path / "shallow"
    subprocess.run(["git", "clone", "--quiet", "--depth", "1", f"file://{origin}", str(shallow)],
                   check=True, capture_output=True)
    assert main(["--root", str(shallow), "build"]) == 0
    err = capsys.readouterr().err
    assert err.count("shallow clone") == 1 and "git fetch --unshallow" in err
    assert not [p for p in (shallow / "docs").rglob("*.md") if "最后更新" in p.read_text(encoding="utf-8")]
    assert "版本记录从略" in (shallow / "docs" / "editions" / "index.md").read_text(encoding="utf-8")


# --- editions -----------------------------------------------------------------------

def test_edition_page_lists_exactly_what_changed(editions_repo):
    pages = generated(editions_repo)
    page = pages["editions/2025.2.md"]
    assert "与上一版 2025\\.1 相比：新增计划 1 份、删除计划 1 份、修改计划 1 份；" \
           "事项新增 1 条、删除 1 条、移动 2 条、修改 4 条；目标数值提高 1 项、降低 2 项。" in page
    items = listed(page, "{ #plan-demo-edu-2025")
    assert [(depth, text) for depth, text, _ in items] == on_the_site(changelog_lines(EXPECTED_CHANGES))
    plan = "../plans/demo-edu-2025.md"
    assert [link for depth, _, link in items if depth == 0] == [
        f"{plan}#item-1-5", "", f"{plan}#item-1-3", f"{plan}#item-1-4",
        f"{plan}#item-1-1", f"{plan}#item-1-2", f"{plan}#item-2-1", f"{plan}#item-2-2"]
    assert f"## [{TITLE_2025}](../plans/demo-edu-2025.md) {{ #plan-demo-edu-2025" in shown(page)
    assert listed(page, "{ #plan-demo-edu-2026") == [(0, "新增计划", "")]
    assert listed(page, "{ #plan-old-edu-2024") == [(0, "删除计划", "")]
    assert "## 示例市教育局2024年工作要点 { #plan-old-edu-2024" in shown(page)  # removed: no page to link

    assert listed(pages["editions/2025.1.md"], "<div", "</div>") == [(0, "新增计划", ""), (0, "新增计划", "")]
    index = pages["editions/index.md"]
    assert "未发布的更改" not in index  # the files on disk are the last edition
    assert listed(index, "| --- |", "\n\n") == []
    assert re.findall(r"^\| \[(.+?)\]\((.+?)\) \| (.+?) \|", index, re.M) == [
        ("2025\\.2", "2025.2.md", "2025-03-01"), ("2025\\.1", "2025.1.md", "2025-01-15")]
    assert "当前版本 [2025\\.2](editions/2025.2.md)（2025-03-01 发布）" in pages["index.md"]


def test_links_follow_items_to_where_they_stand_now(editions_repo):
    without_law(editions_repo)
    pages = generated(editions_repo)
    plan = "../plans/demo-edu-2025.md"
    links = {text: link for depth, text, link in listed(pages["editions/2025.2.md"], "{ #plan-demo-edu-2025")
             if depth == 0}
    assert links["新增 5. 智慧园所"] == f"{plan}#item-1-4"
    assert links["移动 3. 推动地方立法（同节重新编号，原编号 4）"] == ""  # removed since
    assert links["移动 4. 家校共育（从「心理健康」移至「学前教育」，原编号 3）"] == f"{plan}#item-1-3"

    unreleased = listed(pages["editions/index.md"], "{ #plan-demo-edu-2025")
    expected = describe(compare_revisions(str(editions_repo), "edition/2025.2"))
    assert [(d, text) for d, text, _ in unreleased] == on_the_site(changelog_lines("\n".join(expected)))
    assert [link for _, _, link in unreleased] == ["", f"{plan}#item-1-3", f"{plan}#item-1-4"]

    history = listed(pages["plans/demo-edu-2025.md"], "{ #edit-history")
    editions = [(text, link) for depth, text, link in history if depth == 0]
    assert editions == [("未发布的更改", "../editions/index.md#unreleased"),
                        ("2025.2 版（2025-03-01）", "../editions/2025.2.md#plan-demo-edu-2025"),
                        ("2025.1 版（2025-01-15）", "../editions/2025.1.md#plan-demo-edu-2025")]
    assert history[1:4] == [(1, text, link.removeprefix("../plans/")) for _, text, link in unreleased]
    assert history[-1] == (1, "新增计划", "")


def test_an_older_edition_checked_out_to_be_published_again_has_no_unpublished_changes(editions_repo):
    """plansite publish 2025.1 again (to rebuild it or move the alias to it) builds from its commit: its plans
    are that edition's, not changes since the later edition 2025.2 (it undone) waiting to be published."""
    git(editions_repo, "checkout", "--quiet", "--detach", "edition/2025.1")
    pages = generated(editions_repo)
    assert "未发布的更改" not in pages["editions/index.md"] and "未发布的更改" not in pages["plans/demo-edu-2025.md"]
    git(editions_repo, "checkout", "--quiet", "main")
    assert "未发布的更改" not in generated(editions_repo)["editions/index.md"]  # 2025.2 is the commit checked out
    without_law(editions_repo)
    assert "未发布的更改" in generated(editions_repo)["editions/index.md"]


# --- feeds --------------------------------------------------------------------------

def entries(xml: str) -> list[tuple[str, str, str]]:
    """(title, updated, link) of each entry of a valid Atom feed."""
    feed = ET.fromstring(xml)
    assert feed.tag == f"{ATOM}feed"
    assert all(feed.find(ATOM + name) is not None for name in ("id", "title", "updated", "author"))
    found = feed.findall(f"{ATOM}entry")
    ids = [e.findtext(f"{ATOM}id") for e in found]
    assert len(set(ids)) == len(ids) and all(i.startswith("tag:") for i in ids)
    return [(e.findtext(f"{ATOM}title"), e.findtext(f"{ATOM}updated"), e.find(f"{ATOM}link").get("href"))
            for e in found]


def test_feeds_hold_the_changes_that_concern_them(editions_repo):
    pages = generated(editions_repo)
    second, first = EDITION_DATES["2025.2"], EDITION_DATES["2025.1"]
    items = [text for depth, text in on_the_site(changelog_lines(EXPECTED_CHANGES)) if depth == 0]
    everything = entries(pages["feeds/all.xml"])
    assert [(title, date) for title, date, _ in everything] == (
        [(f"{TITLE_2025}：{text}", second) for text in items]
        + [("新增计划：示例市教育局2026年工作要点", second), ("删除计划：示例市教育局2024年工作要点", second),
           (f"新增计划：{TITLE_2025}", first), ("新增计划：示例市教育局2024年工作要点", first)])
    assert [link for *_, link in everything] == [
        "../plans/demo-edu-2025/#item-1-5", "../editions/2025.2/#plan-demo-edu-2025",
        "../plans/demo-edu-2025/#item-1-3", "../plans/demo-edu-2025/#item-1-4",
        "../plans/demo-edu-2025/#item-1-1", "../plans/demo-edu-2025/#item-1-2",
        "../plans/demo-edu-2025/#item-2-1", "../plans/demo-edu-2025/#item-2-2",
        "../plans/demo-edu-2026/", "../editions/2025.2/#plan-old-edu-2024",
        "../plans/demo-edu-2025/", "../editions/2025.1/#plan-old-edu-2024"]

    def titles(path):
        return [title for title, *_ in entries(pages[path])]

    supply, quality = f"{TITLE_2025}：修改 1. 扩大普惠资源", f"{TITLE_2025}：修改 2. 提高保教质量"
    assert titles("feeds/themes/preschool.xml") == [supply, f"新增计划：{TITLE_2025}"]
    # 计划财务科 (an alias of 计财科) owned 1-1 before this edition
    assert titles("feeds/departments/demo-jicaike.xml") == [supply, f"新增计划：{TITLE_2025}"]
    assert titles("feeds/departments/demo-jijiaoke.xml") == [supply, quality, f"新增计划：{TITLE_2025}"]
    assert titles("feeds/themes/mental-health.xml") == []
    assert "[订阅本主题的更新（Atom）](../feeds/themes/preschool.xml)" in pages["themes/preschool.md"]
    assert "[订阅本部门的更新（Atom）](../feeds/departments/demo-jicaike.xml)" in pages["departments/demo-jicaike.md"]


def test_a_feed_is_updated_when_its_newest_entry_was_though_a_higher_edition_is_listed_first(editions_repo):
    """2025.1 retracted and published again after 2025.2: its entries come after 2025.2's (editionorder), and
    their date, the latest, is the feeds' (an empty one's too)."""
    git(editions_repo, "tag", "--delete", "edition/2025.1")
    tag_edition(editions_repo, "2025.1", "HEAD~1", EDITION_DATES["2025.3"])
    pages = generated(editions_repo)
    dates = [date for _, date, _ in entries(pages["feeds/all.xml"])]
    assert dates[0] == EDITION_DATES["2025.2"] and dates[-1] == EDITION_DATES["2025.3"]
    for path in ("feeds/all.xml", "feeds/themes/mental-health.xml"):
        assert ET.fromstring(pages[path]).findtext(f"{ATOM}updated") == EDITION_DATES["2025.3"], path


def test_a_feed_is_updated_when_the_entries_it_holds_were_not_when_those_it_leaves_out_were(editions_repo,
                                                                                           monkeypatch):
    """2025.1 published again after 2025.2, and a feed holding one entry, 2025.2's: its date was 2025.1's, of an
    entry the feed left out."""
    git(editions_repo, "tag", "--delete", "edition/2025.1")
    tag_edition(editions_repo, "2025.1", "HEAD~1", EDITION_DATES["2025.3"])
    monkeypatch.setattr("generator.feeds.FEED_ENTRIES", 1)
    feed = generated(editions_repo)["feeds/all.xml"]
    assert [date for _, date, _ in entries(feed)] == [EDITION_DATES["2025.2"]]
    assert ET.fromstring(feed).findtext(f"{ATOM}updated") == EDITION_DATES["2025.2"]


def test_a_feed_holds_the_newest_changes(editions_repo, monkeypatch):
    """A first edition of 1,000 plans put 1,000 entries in the feeds, for good."""
    everything = entries(generated(editions_repo)["feeds/all.xml"])
    monkeypatch.setattr("generator.feeds.FEED_ENTRIES", 3)
    assert entries(generated(editions_repo)["feeds/all.xml"]) == everything[:3]


def test_feeds_escape_what_the_plans_say(editions_repo, monkeypatch):
    number, title, items = AFTER_SECTIONS[0]
    write(editions_repo, A, plan_yaml("demo-edu-2025", 2025, [
        (number, title, [{**i, "title": PAYLOAD} if i is DIGITAL else i for i in items]), *AFTER_SECTIONS[1:]]))
    tag_edition(editions_repo, "2025.3", commit(editions_repo, "payload"), EDITION_DATES["2025.3"])
    write(editions_repo, "mkdocs.yml", MKDOCS_YML)
    monkeypatch.setenv("PLANSITE_SITE_URL", "https://example.org/plans/")
    pages = generated(editions_repo)
    xml = pages["feeds/all.xml"]
    assert "<script" not in xml and "]]>" not in xml and "\x01" not in xml
    [injected] = [title for title, *_ in entries(xml) if "alert" in title]
    assert injected.endswith(PAYLOAD.replace("\x01", ""))
    ids = re.findall(r"<id>(.*?)</id>", xml)
    assert ids[0] == "tag:example.org,2025:plans/feeds/all.xml"
    assert "tag:example.org,2025-04-01:plans/editions/2025.3/demo-edu-2025/added/1-5" in ids
    edition = pages["editions/2025.3.md"]
    assert "<script" not in edition and "&lt;script&gt;alert" in edition


def test_without_editions_the_feeds_are_valid_and_empty(tmp_path):
    pages = generated(history_repo(tmp_path / "repo"))
    feeds = [path for path in pages if path.startswith("feeds/") and path != "feeds/sitemap.xml"]
    assert sorted(feeds) == sorted(["feeds/all.xml", "feeds/themes/preschool.xml", "feeds/themes/mental-health.xml",
                                    "feeds/themes/spare.xml", "feeds/departments/demo-jijiaoke.xml",
                                    "feeds/departments/demo-jicaike.xml"])
    assert all(entries(pages[path]) == [] for path in feeds)
    assert "尚未发布任何版本" in pages["editions/index.md"] and "编辑历史" not in pages["plans/demo-edu-2025.md"]


# --- cost ---------------------------------------------------------------------------

def test_generation_without_a_new_edition_reads_no_revision(editions_repo, monkeypatch):
    assert generate(str(editions_repo)) is not None  # reads the editions and caches them
    commands = git_commands(monkeypatch)
    assert generate(str(editions_repo), force=True) is not None  # a whole generation, not the up-to-date check
    assert commands.count("log") == 1 and not {"ls-tree", "cat-file"} & set(commands)
    assert len(commands) <= 7  # two of them for the inputs of ``uptodate``

    tag_edition(editions_repo, "2025.3", "HEAD", EDITION_DATES["2025.3"])
    commands.clear()
    assert generate(str(editions_repo)) is not None
    assert commands.count("ls-tree") == 3  # a new tag: the plans at each of the three tags read again, once
    assert "2025-04-01 发布" in (editions_repo / "docs" / "editions" / "2025.3.md").read_text(encoding="utf-8")


def test_the_editions_cached_for_some_versions_are_not_those_of_all(editions_repo):
    """publish shows the editions of the site it publishes to, in its order, a build every tag's: each reads its
    own, the cache keyed by the tags read in their order (a site with every tag in the build's order shares the
    build's)."""
    for shown, versions in ((["2025.1"], ["2025.1"]), (None, ["2025.1", "2025.2"]), (["2025.2"], ["2025.2"]),
                            (["2025.1", "2025.2"], ["2025.1", "2025.2"]), (["2025.2", "2025.1"], ["2025.2", "2025.1"])):
        records, _ = cached_editions(str(editions_repo), shown)
        assert [record.edition.version for record in records] == versions


def test_the_editions_of_the_two_sets_of_tags_used_last_are_kept(editions_repo, monkeypatch):
    """A build's (every tag) and a publish's (the site's editions up to its own): one replaced the other, so a
    build after a publish that showed fewer read the plans at every tag again.  A third set read puts out the one
    used longest ago."""
    root = str(editions_repo)
    for shown in (["2025.1"], None, ["2025.1"], ["2025.2"]):  # the third uses the first again
        cached_editions(root, shown)
    commands = git_commands(monkeypatch)
    for shown in (["2025.1"], ["2025.2"]):
        cached_editions(root, shown)
    assert not {"ls-tree", "cat-file"} & set(commands), commands
    records, _ = cached_editions(root, None)  # put out by ["2025.2"]: read again
    assert "ls-tree" in commands and [record.edition.version for record in records] == ["2025.1", "2025.2"]


def test_the_files_used_last_are_kept_whatever_the_clock_says(tmp_path):
    """Uses in a row can share a tick of the file system's clock (some ms), and a clock set back reads an earlier
    time than a file already has: told by the clock's time alone, the file used last could be put out, and a build
    read the plans at every tag again (test_the_editions_of_the_two_sets… failed so 3 runs in 12).  Here f's time
    of change is ahead of the clock, as another use's within the same tick is."""
    for name in "abcdef":
        (tmp_path / f"{name}.pickle").write_bytes(b"")
    ahead = time.time_ns() + 60 * 10**9
    os.utime(tmp_path / "f.pickle", ns=(ahead, ahead))
    for name in "abcdea":
        files = mark_used(str(tmp_path), str(tmp_path / f"{name}.pickle"))
    keep_used_last(files, 2)
    assert sorted(path.name for path in tmp_path.iterdir()) == ["a.pickle", "e.pickle"]


def test_the_single_cache_file_of_the_editions_before_is_removed_when_the_cache_is_saved(editions_repo):
    """Before a file for each set of tags, the editions were cached in .git/plansite/editions.pickle: left there,
    unread, in every clone for good."""
    former = editions_repo / ".git" / "plansite" / "editions.pickle"
    former.parent.mkdir()
    former.write_bytes(b"the editions, as cached before")
    cached_editions(str(editions_repo), None)
    assert not former.exists() and len(list((former.parent / "editions").iterdir())) == 1


# --- the built site -------------------------------------------------------------------

@pytest.mark.site
def test_built_site_serves_the_history(built_site):
    site = built_site / "site"
    for version in SITE_EDITIONS:
        assert (site / "editions" / version / "index.html").is_file()
    assert entries((site / "feeds" / "all.xml").read_text(encoding="utf-8"))
    home = (site / "index.html").read_text(encoding="utf-8")
    assert 'href="editions/"' in home and "最后更新：" in home
    edition = (site / "editions" / "2024.2" / "index.html").read_text(encoding="utf-8")
    # an item's text reworded: what was removed and inserted are elements, their text as it was
    detail = "正文：…。 开展心理健康教育<del>示范</del><ins>特色</ins>学校<ins>创</ins>建<del>设</del>。"
    assert re.findall(r"<li>(正文：.*?)</li>", edition) == [detail]
    assert f"<li>{detail}</li>" in (site / "plans" / "xx-edu-2025" / "index.html").read_text(encoding="utf-8")
    # themes added to two items: named as on their pages (a name with markup shown as text)
    assert [html.unescape(line) for line in re.findall(r"<li>(主题：.*?)</li>", edition)] == [
        '主题：心理健康 → 主题</a><script>alert("theme")</script>、心理健康', "主题：学前教育 → 学前教育、经费保障"]


def test_a_renamed_section_is_listed_with_its_plan(editions_repo):
    number, _, items = AFTER_SECTIONS[0]
    write(editions_repo, A, plan_yaml("demo-edu-2025", 2025, [(number, "学前教育普及普惠", items), *AFTER_SECTIONS[1:]]))
    index = generated(editions_repo)["editions/index.md"]
    assert listed(index, "{ #plan-demo-edu-2025") == [
        (0, "修改节「学前教育普及普惠」；标题：学前教育 → 学前教育普及普惠", "")]


# --- what a change says -----------------------------------------------------------------

def edition_pair(root: Path, first: list, second: list, on_disk: list | None = None) -> Path:
    """Editions 2025.1 and 2025.2 of the plan demo-edu-2025 with the sections ``first`` and ``second``
    (as ``plan_yaml`` takes them), and ``on_disk`` (else ``second``) as the files on disk."""
    init(root)
    make_project(root, plan_yaml("demo-edu-2025", 2025, first), A)
    for version, sections in (("2025.1", first), ("2025.2", second)):
        write(root, A, plan_yaml("demo-edu-2025", 2025, sections))
        tag_edition(root, version, commit(root, version), EDITION_DATES[version])
    write(root, A, plan_yaml("demo-edu-2025", 2025, second if on_disk is None else on_disk))
    return root


def test_themes_reordered_are_no_change_on_the_site_as_in_the_changelog(tmp_path):
    def sections(supply_themes, quality_themes):
        return [("一", "学前教育", [{**SUPPLY, "themes": supply_themes}, {**QUALITY, "themes": quality_themes}])]

    root = edition_pair(tmp_path / "repo", sections(["preschool", "mental-health"], ["preschool"]),
                        sections(["mental-health", "preschool"], ["preschool"]),
                        sections(["mental-health", "preschool"], ["mental-health", "preschool"]))
    assert describe(compare_revisions(str(root), "edition/2025.1", "edition/2025.2"))[1:] == ["计划没有变化"]
    pages = generated(root)
    assert "与上一版 2025\\.1 相比：计划没有变化。" in pages["editions/2025.2.md"]
    history = listed(pages["plans/demo-edu-2025.md"], "{ #edit-history")
    assert [text for depth, text, _ in history if depth == 0] == ["未发布的更改", "2025.1 版（2025-01-15）"]
    assert history[1:3] == [(1, "修改 2. 提高保教质量", "demo-edu-2025.md#item-1-2"),
                            (2, "主题：学前教育 → 心理健康、学前教育", "")]


def test_a_long_texts_edits_are_marked_up_on_the_site_and_bracketed_in_the_changelog_and_feeds(tmp_path):
    edited = {**QUALITY, "text": QUALITY["text"].replace("开展", "<b>深入</b>推进")}
    root = edition_pair(tmp_path / "repo", [("一", "学前教育", [SUPPLY, QUALITY])], [("一", "学前教育", [SUPPLY, edited])])
    assert describe(compare_revisions(str(root), "edition/2025.1", "edition/2025.2"))[2:] == [
        "  修改 1-2 提高保教质量", "      正文：…园保育教育质量监管,[-开展-]{+<b>深入</b>推进+}幼小科学衔接实验区建…"]
    pages = generated(root)
    # the text inert as everywhere (md), only the edits' markers elements
    marked = f"{md('正文：…园保育教育质量监管,')}<del>开展</del><ins>{md('<b>深入</b>推进')}</ins>幼小科学衔接实验区建…"
    assert f"\n    - {marked}\n" in pages["editions/2025.2.md"]
    assert f"\n        - {marked}\n" in pages["plans/demo-edu-2025.md"].split("{ #edit-history")[1]
    feed = ET.fromstring(pages["feeds/all.xml"])
    assert feed.find(f"{ATOM}entry/{ATOM}content").text.splitlines()[1:] == [
        "正文：…园保育教育质量监管,[-开展-]{+<b>深入</b>推进+}幼小科学衔接实验区建…"]


def test_changes_name_themes_units_and_organisations_as_the_site_does(tmp_path):
    """Themes and organisations are ids in the plans, and a unit may be written as its department's id: the
    site names them as its pages do (an id the vocabulary no longer has as it is); the command shows the ids."""
    root = init(tmp_path / "repo")
    themes = THEMES_YAML + "  - {id: spare, name: 备用}\n"
    make_project(root, plan_yaml("demo-edu-2025", 2025, [("一", "学前教育", [
        {**SUPPLY, "themes": ["preschool", "spare"], "owners": ["基教科"]}])]), A)
    write(root, "content/themes.yaml", themes)
    write(root, "content/organisations.yaml", ORGANISATIONS + "  - {id: other-edu, name: 另一市教育局}\n")
    write(root, B, other_plan("demo-edu-2026", 2026))
    tag_edition(root, "2025.1", commit(root, "2025.1"), EDITION_DATES["2025.1"])
    write(root, A, plan_yaml("demo-edu-2025", 2025, [("一", "学前教育", [
        {**SUPPLY, "themes": ["preschool", "mental-health"], "owners": ["demo-jijiaoke", "计财科"]}])]))
    write(root, B, other_plan("demo-edu-2026", 2026).replace("organisation: demo-edu", "organisation: other-edu"))
    tag_edition(root, "2025.2", commit(root, "2025.2"), EDITION_DATES["2025.2"])
    write(root, "content/themes.yaml", THEMES_YAML)  # spare is gone

    assert describe(compare_revisions(str(root), "edition/2025.1", "edition/2025.2"))[1:] == [
        "计划 demo-edu-2025 示例市教育局2025年工作要点", "  修改 1-1 扩大普惠资源",
        "      责任单位：基教科 → demo-jijiaoke、计财科", "      主题：preschool、spare → preschool、mental-health",
        "计划 demo-edu-2026 示例市教育局2026年工作要点", "  发布机构：demo-edu → other-edu"]
    pages = generated(root)
    page = pages["editions/2025.2.md"]
    assert [(depth, text) for depth, text, _ in listed(page, "{ #plan-demo-edu-2025")] == [
        (0, "修改 1. 扩大普惠资源"), (1, "责任单位：基教科 → 基教科、计财科"), (1, "主题：学前教育、spare → 学前教育、心理健康")]
    assert listed(page, "{ #plan-demo-edu-2026") == [(0, "发布机构：示例市教育局 → 另一市教育局", "")]
    history = listed(pages["plans/demo-edu-2026.md"], "{ #edit-history")
    assert history[1] == (1, "发布机构：示例市教育局 → 另一市教育局", "")


def test_references_name_the_items_as_the_site_does_and_link_them_where_they_stand_now(tmp_path):
    """An item's reviews and a target's evidence name items as they were at the revision of the value (plan
    title, number and title as printed), linked where the item stands now; an item gone since is named plainly.
    The command and the feeds name them so too (the command with the reference after the name)."""
    root = init(tmp_path / "repo")
    make_project(root, plan_yaml("demo-edu-2025", 2025, [("一", "学前教育", [with_evidence(""), QUALITY])]), A)
    write(root, REVIEW, review_yaml(["demo-edu-2025#1-1"]))
    tag_edition(root, "2025.1", commit(root, "2025.1"), EDITION_DATES["2025.1"])
    evidence = with_evidence("demo-edu-2025-review#1-1")
    write(root, A, plan_yaml("demo-edu-2025", 2025, [("一", "学前教育", [evidence, QUALITY])]))
    write(root, REVIEW, review_yaml(["demo-edu-2025#1-1", "demo-edu-2025#1-2"]))
    tag_edition(root, "2025.2", commit(root, "2025.2"), EDITION_DATES["2025.2"])
    # since: 提高保教质量 removed, 扩大普惠资源 moved down to 1-2 behind a new item, the review follows it
    write(root, A, plan_yaml("demo-edu-2025", 2025, [("一", "学前教育", [DIGITAL, evidence])]))
    write(root, REVIEW, review_yaml(["demo-edu-2025#1-2"]))
    pages = generated(root)

    def details(page: str, plan: str) -> list[str]:
        part = page.split(f"{{ #plan-{plan} ", 1)[1].split("\n## ", 1)[0]
        return [shown(line.strip()) for line in part.splitlines() if line.startswith("    - ")]

    plan, review = "[示例市教育局2025年工作要点 · {}](../plans/demo-edu-2025.md#item-1-2)", \
        "[示例市教育局2025年工作总结 · 1. 普惠资源持续扩大](../plans/demo-edu-2025-review.md#item-1-1)"
    edition = pages["editions/2025.2.md"]
    assert details(edition, "demo-edu-2025") == [f"- 修改目标「公办幼儿园在园幼儿占比提升至58%以上」：依据 （无） → {review}"]
    supply = plan.format("1. 扩大普惠资源")
    assert details(edition, "demo-edu-2025-review") == [
        f"- 报告的事项：{supply} → {supply}、示例市教育局2025年工作要点 · 2. 提高保教质量"]
    assert details(pages["editions/index.md"], "demo-edu-2025-review") == [
        f"- 报告的事项：{supply}、示例市教育局2025年工作要点 · 2. 提高保教质量 → {plan.format('2. 扩大普惠资源')}"]
    history = pages["plans/demo-edu-2025-review.md"].split("{ #edit-history", 1)[1]
    assert f"报告的事项：{supply.replace('../plans/', '')} → " in shown(history)

    content = ET.fromstring(pages["feeds/all.xml"]).findall(f"{ATOM}entry/{ATOM}content")
    assert "报告的事项：示例市教育局2025年工作要点 · 1. 扩大普惠资源 → 示例市教育局2025年工作要点 · 1. 扩大普惠资源、" \
           "示例市教育局2025年工作要点 · 2. 提高保教质量" in [line for c in content for line in c.text.splitlines()]
