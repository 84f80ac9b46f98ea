"""No payload runs in a reader's browser: the payload site in Debian's chromium, scripts and search included.

The static check (test_injection) compares files; this one runs the site's own
scripts too, which build markup from data (search results from the search
index, the item finder from its JSON): one page of every kind is opened, the
search box is used and the finder filtered with payload text, and no alert
may open and no element may carry an inline event handler.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from browserfixtures import browser  # noqa: F401  (module fixture)
from generator.searchbrowser import served
from payloadproject import payload_projects  # noqa: F401  (session fixture)
from payloads import PAYLOADS

pytestmark = pytest.mark.browser

HANDLERS = "[onerror],[onload]:not(body),[onclick],[onmouseover],[onfocus],[onanimationstart]"
QUERIES = ["alert", "script", "javascript"]


def pages_to_open(payload_site: Path, neutral_site: Path) -> list[str]:
    """The home page and every top-level page (listings, and pages such as the item finder that render
    data in the browser), and of each kind of page the first that shows text from the input (its HTML
    differs from the neutral build's)."""
    chosen: dict[str, str] = {}
    for path in sorted(payload_site.rglob("index.html")):
        relative = path.relative_to(payload_site)
        folder = relative.parent.as_posix()
        if "/" not in folder:
            chosen[folder] = "" if folder == "." else folder + "/"
        elif path.read_bytes() != (neutral_site / relative).read_bytes():
            chosen.setdefault(folder.split("/")[0] + "/…", folder + "/")
    return sorted(chosen.values())


@pytest.fixture(scope="module")
def payload_url(payload_projects):
    with served(str(payload_projects[0] / "site")) as url:
        yield url


def test_no_payload_runs_in_any_page(browser, payload_projects, payload_url):
    page = browser.new_page()
    alerts: list[str] = []
    page.on("dialog", lambda dialog: (alerts.append(f"{page.url}: {dialog.message}"), dialog.dismiss()))
    visited = pages_to_open(*(root / "site" for root in payload_projects))
    assert len(visited) > 10
    for path in visited:
        page.goto(payload_url + path, wait_until="networkidle")
        assert page.locator(HANDLERS).count() == 0, path
    for query in QUERIES + PAYLOADS[:3]:
        search = page.locator("input.md-search__input")
        search.click()
        search.fill(query)
        search.press("End")  # Material searches on keyup
        page.wait_for_timeout(300)
        assert page.locator(HANDLERS).count() == 0, query
    assert alerts == []
