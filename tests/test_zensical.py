"""Zensical, the Material team's engine that reads mkdocs.yml, builds the generated docs/ as MkDocs does.

The generator writes plain Markdown and never hooks into the engine, so the same docs/ and mkdocs.yml build
on both.  Checked here: a strict build succeeds, it makes the same pages, the item, section and heading
anchors that links and readers rely on are the same, and Zensical's own search finds a department in
Chinese in Debian's chromium.  (The plansite plugin does not run under Zensical: its search is Zensical's,
not Material's index with jieba's segmentation or Pagefind.)
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from generator.searchbrowser import launch, served
from sitefixtures import built_site  # noqa: F401 - a fixture

pytestmark = pytest.mark.site

# The ids a link or a reader may point at: items, sections, and headings (the toc's slugify).
ANCHOR = re.compile(r'<(?:h[1-6]|li|div|section|p|tr)\b[^>]*\bid="([^"]+)"')


@pytest.fixture(scope="module")
def zensical_site(built_site, tmp_path_factory) -> Path:  # noqa: F811 - the fixture above
    """The fixture project's docs/ and mkdocs.yml built by Zensical, strict, in a copy of their own."""
    root = tmp_path_factory.mktemp("zensical")
    shutil.copytree(built_site / "docs", root / "docs")
    shutil.copy(built_site / "mkdocs.yml", root / "mkdocs.yml")
    build = subprocess.run([sys.executable, "-m", "zensical", "build", "--strict"], cwd=root,
                           capture_output=True, text=True, timeout=300)
    assert build.returncode == 0, build.stdout + build.stderr
    return root / "site"


def pages(site: Path) -> set[str]:
    return {path.relative_to(site).as_posix() for path in site.rglob("*.html")}


def anchors(page: Path) -> set[str]:
    return set(ANCHOR.findall(page.read_text(encoding="utf-8")))


def test_zensical_makes_the_pages_mkdocs_makes(built_site, zensical_site):  # noqa: F811
    made = pages(zensical_site)
    assert "plans/xx-edu-2025/index.html" in made and "departments/xx-jijiaoke/index.html" in made
    assert made == pages(built_site / "site")


def test_anchors_are_the_same_on_both_engines(built_site, zensical_site):  # noqa: F811
    plan = "plans/xx-edu-2025/index.html"
    mkdocs_anchors = anchors(built_site / "site" / plan)
    assert any(anchor.startswith("item-") for anchor in mkdocs_anchors)
    assert any(anchor.startswith("sec-") for anchor in mkdocs_anchors)
    for page in sorted(pages(zensical_site)):
        assert anchors(zensical_site / page) == anchors(built_site / "site" / page), page


def test_zensical_search_finds_a_department_in_chinese(zensical_site):
    from playwright.sync_api import sync_playwright

    with served(str(zensical_site)) as url, sync_playwright() as playwright:
        browser = launch(playwright)
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.goto(url)
        page.wait_for_load_state("networkidle")
        page.get_by_role("button", name="查找").click()  # its dialog lives in an open shadow root
        page.get_by_role("combobox", name="Search").fill("基教科")
        results = page.get_by_role("listbox", name="Search results").get_by_role("option")
        results.first.wait_for(timeout=10_000)
        found = results.evaluate_all("options => options.map(option => option.getAttribute('href'))")
        browser.close()
    assert "/departments/xx-jijiaoke/" in found[0], found  # the department's own page comes first
