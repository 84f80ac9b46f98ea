"""Long listings cut into pages (generator/paging.py): a year's targets, a theme's items of a year."""

from __future__ import annotations

import re
from collections import namedtuple
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from generator import paging
from generator.bench.synth import read_seeds, synthesise
from generator.cli import main
from generator.corpus import build_corpus, group_by_year
from generator.load import load_site
from generator.paging import paginate
from generator.render_targets import Tracking
from rendering import render_site

ROOT = Path(__file__).resolve().parent.parent
TODAY = date(2025, 6, 1)
LIMIT = 10  # rows per page in these tests: the synthetic project's listings run to a few pages

Row = namedtuple("Row", "plan n")
Plan = namedtuple("Plan", "id")


def rows_of(sizes: list[int]) -> list[Row]:
    """Rows of consecutive plans, ``sizes[i]`` rows for plan i."""
    return [Row(Plan(f"p{i}"), n) for i, size in enumerate(sizes) for n in range(size)]


@given(st.lists(st.integers(1, 12), min_size=1, max_size=30), st.integers(1, 20))
def test_pages_hold_every_row_once_in_order_and_never_split_a_plan(sizes, limit):
    rows = rows_of(sizes)
    parts = paginate("2025", rows, limit)
    assert [row for part in parts for row in part.rows] == rows
    assert [part.key for part in parts] == ["2025"] + [f"2025-{n}" for n in range(2, len(parts) + 1)]
    assert all(part.keys == parts[0].keys and part.paged == (len(parts) > 1) for part in parts)
    for part in parts:
        assert rows[part.first - 1:part.last] == part.rows
        plans = {row.plan.id for row in part.rows}
        assert len(part.rows) <= limit or len(plans) == 1
    for before, after in zip(parts, parts[1:]):
        assert before.rows[-1].plan != after.rows[0].plan  # a plan's rows stay together
        assert len(before.rows) + sum(row.plan == after.rows[0].plan for row in after.rows) > limit  # full


def test_a_listing_that_fits_is_one_page_under_its_own_key():
    (part,) = paginate("2025", rows_of([3, 4]), 7)
    assert (part.key, part.number, part.paged, part.first, part.last) == ("2025", 1, False, 1, 7)


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory):
    """A synthetic project: its tracking, its pages with the default page size and with ``LIMIT`` rows."""
    root = tmp_path_factory.mktemp("paged")
    synthesise(read_seeds(str(ROOT)), str(root), 30)
    site, _ = load_site(str(root))
    whole = render_site(site, today=TODAY)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(paging, "ROWS_PER_PAGE", LIMIT)
        paged = render_site(site, today=TODAY)
    return Tracking(build_corpus(site), TODAY), whole, paged


def body_rows(page: str) -> list[str]:
    return [line for line in page.splitlines() if line.startswith("| [")]


def pager(page: str) -> str:
    lines = [line for line in page.splitlines() if line.startswith("共分 ")]
    assert len(lines) == 2 and lines[0] == lines[1]  # above and below the listing
    return lines[0]


def listed(folder: str, page: str) -> list[str]:
    """The rows of a listing page: a table's for targets, a list's for items."""
    return body_rows(page) if folder == "targets/" else re.findall(r"^- \[.*$", page, re.M)


def check_listing(paged: dict, whole: dict, folder: str, key: str, rows: int, title: str) -> int:
    """The pages of one listing against its single page: the same rows, each page linking all the others;
    the number of pages."""
    count = 1 + sum(bool(re.fullmatch(rf"{re.escape(folder + key)}-\d+\.md", path)) for path in paged)
    keys = [key] + [f"{key}-{n}" for n in range(2, count + 1)]
    if count == 1:
        page = whole[folder + key + ".md"]
        assert paged[folder + key + ".md"] == page and "共分" not in page
        return 1
    found, first = [], 1
    for number, this in enumerate(keys, 1):
        page = paged[folder + this + ".md"]
        assert f'title: "{title}{f"（第 {number} 页）" if number > 1 else ""}"' in page
        rows_here = listed(folder, page)
        line = pager(page)
        assert line.startswith(f"共分 {count} 页，本页为第 {first}–{first + len(rows_here) - 1} ")
        assert f"**第 {number} 页**" in line
        assert re.findall(r"\[第 (\d+) 页\]\(([^)]+)\)", line) == [
            (str(n), f"{other.rpartition('/')[2]}.md") for n, other in enumerate(keys, 1) if n != number]
        found += rows_here
        first += len(rows_here)
    assert len(found) == rows
    assert found == listed(folder, whole[folder + key + ".md"])  # the pages share a folder, so their links
    return count


def test_a_years_targets_are_paged(synthetic):
    tracking, whole, paged = synthetic
    pages = [check_listing(paged, whole, "targets/", str(year), len(rows), f"{year}年的目标")
             for year, rows in tracking.by_year]
    assert max(pages) > 2
    year = tracking.by_year[pages.index(max(pages))][0]
    assert "点击表头可以在本页内按其他列排序" in paged[f"targets/{year}-2.md"]


def test_a_themes_items_of_a_year_are_paged(synthetic):
    tracking, whole, paged = synthetic
    corpus = tracking.corpus
    pages = [check_listing(paged, whole, "themes/", f"{theme.id}/{year}", len(entries), f"{theme.name} · {year}年")
             for theme in corpus.vocabulary.themes for year, entries in group_by_year(corpus.by_theme[theme.id])]
    assert max(pages) > 2 and min(pages) == 1


def test_only_the_paged_listings_change(synthetic):
    _, whole, paged = synthetic
    changed = {path for path in whole if whole[path] != paged[path]} | (paged.keys() - whole.keys())
    assert changed and all(re.fullmatch(r"targets/\d+(-\d+)?\.md|themes/[^/]+/\d+(-\d+)?\.md", path)
                           for path in changed)
    assert whole.keys() <= paged.keys()


@pytest.mark.site
def test_the_paged_site_builds_with_every_link_resolved(tmp_path, monkeypatch):
    """MkDocs (strict: every link and anchor checked) builds the pages; they reach each other."""
    synthesise(read_seeds(str(ROOT)), str(tmp_path), 6)
    monkeypatch.setattr(paging, "ROWS_PER_PAGE", 10)
    assert main(["--root", str(tmp_path), "build"]) == 0
    second = sorted((tmp_path / "site" / "targets").glob("*-2/index.html"))
    assert second
    html = second[0].read_text(encoding="utf-8")
    year = second[0].parent.name.removesuffix("-2")
    assert f'href="../{year}/"' in html and "第 2 页" in html
