"""Debian's chromium driven by Playwright, once per test module.

Import the fixture into a test module (``from browserfixtures import browser``), next to
``site_url`` from sitefixtures.  No browser is downloaded: Playwright launches /usr/bin/chromium.
The browser is closed after each module: Playwright's sync API cannot start while another
instance runs, and other modules (search quality) start their own.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import sync_playwright

from generator.searchbrowser import launch


@pytest.fixture(scope="module")
def browser():
    with sync_playwright() as playwright:
        launched = launch(playwright)
        yield launched
        launched.close()
