"""Pagefind instead of Material's search, for large sites.

Chosen in mkdocs.yml::

    extra:
      plansite:
        search: pagefind      # default: material

Material's search sends the whole index to every reader (about 3 MB per 100
plans), which does not scale to thousands of plans.  Pagefind indexes the
built HTML into chunks a browser fetches per query, and offers filters: the
plan pages mark their organisation, year, themes and departments with
``data-pagefind-filter`` (see the templates), so results can be narrowed by
each.  The extended Pagefind binary segments Chinese; it comes from PyPI as
``pagefind[extended]`` (the pinned version is ``REQUIREMENT``), run as
``python -m pagefind``.

With Pagefind, Material's search plugin is switched off (no search box in the
header, no search_index.json) and the theme gains a search page, search.html,
with Pagefind's own UI (served from the site's pagefind/ folder, nothing from a
CDN), linked from a bar at the top of every page.
"""

from __future__ import annotations

import os
import subprocess
import sys

from mkdocs.exceptions import Abort

REQUIREMENT = "pagefind[extended]==1.4.0"
THEME = os.path.join(os.path.dirname(__file__), "theme", "pagefind")
SEARCH_PAGE = "search.html"
BUNDLE = "pagefind"
# What is indexed: the article of each page the theme marks data-pagefind-body (theme/pagefind/main.html:
# not the pages Material's search leaves out either), without the listings marked data-search-exclude
# (also left out by Material's search) and without the heading permalinks.  Naming the article as the root
# too makes indexing faster (29 s rather than 34 s at 1,000 plans): Pagefind reads nothing outside it.
ROOT_SELECTOR = "article.md-content__inner"
EXCLUDE_SELECTORS = ("[data-search-exclude]", ".headerlink")


def chosen(config) -> bool:
    """Does mkdocs.yml ask for Pagefind (``extra.plansite.search: pagefind``)?"""
    return ((config.extra or {}).get("plansite") or {}).get("search", "material") == "pagefind"


def configure(config) -> None:
    """Switch Material's search off and add the search page with Pagefind's UI to the theme."""
    search = config.plugins.get("material/search")
    if search is not None:
        search.config.enabled = False
    if THEME not in config.theme.dirs:  # configured again on each rebuild of plansite serve
        config.theme.dirs.insert(1 if config.theme.custom_dir else 0, THEME)  # a project's own overrides win
    config.theme.static_templates.add(SEARCH_PAGE)


def command(site_dir: str) -> list[str]:
    arguments = ["--site", site_dir, "--output-subdir", BUNDLE, "--root-selector", ROOT_SELECTOR, "--quiet"]
    for selector in EXCLUDE_SELECTORS:
        arguments += ["--exclude-selectors", selector]
    return [sys.executable, "-m", "pagefind", *arguments]


def index(site_dir: str) -> str:
    """Index a built site into ``site_dir``/pagefind; a summary of the bundle (Abort when Pagefind fails)."""
    try:
        result = subprocess.run(command(site_dir), capture_output=True, text=True)
    except OSError as error:
        raise Abort(f"cannot run Pagefind: {error}") from None
    if result.returncode != 0:
        missing = "No module named pagefind" in result.stderr
        raise Abort(f"Pagefind is not installed: pip install '{REQUIREMENT}'" if missing
                    else f"Pagefind failed: {result.stderr.strip() or result.stdout.strip()}")
    files, size = folder_size(os.path.join(site_dir, BUNDLE))
    return f"{files:,} files, {size:,} bytes"


def folder_size(folder: str) -> tuple[int, int]:
    """Number of files and bytes below ``folder``."""
    sizes = [os.path.getsize(os.path.join(here, name)) for here, _, names in os.walk(folder) for name in names]
    return len(sizes), sum(sizes)
