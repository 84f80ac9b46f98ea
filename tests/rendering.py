"""A whole site rendered in memory, for tests that read its pages."""

from __future__ import annotations

from datetime import date

from generator.load import Site
from generator.render import site_files
from generator.sitehistory import NO_HISTORY, SiteHistory
from generator.write import content_of


def render_site(site: Site, today: date | None = None,
                history: SiteHistory = NO_HISTORY) -> dict[str, str | bytes]:
    """All of docs/ made at once: ``site_files``' files with their contents."""
    return {path: content_of(file) for path, file in site_files(site, today, history).items()}
