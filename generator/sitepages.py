"""The pages the site makes that are known from the model's ids alone, and the hand-written files that would take
the address of a page the site makes.

``render.site_files`` finds a hand-written file taking a generated page's address among every file it makes;
``plansite check`` cannot list those without the cross-index and the renderers (as long again as the check), so
it looks among ``known_pages``: the pages every site makes and the page of each plan, theme, department,
organisation, metric and year, at ``addresses.page_path`` as the renderers place them.  Both report a clash
with ``taken_addresses``, in the same words.
"""

from __future__ import annotations

from typing import Iterable

from .addresses import EDITIONS, FINDER_PAGE, LISTINGS, OPEN_DATA_PAGE, address_of, page_path
from .diagnostics import Diagnostic
from .load import Site

HOME = "index.md"
# The pages made whatever the model holds: the home page, the listings, the targets' and the metrics' indexes
# (``render_targets``), the editions' (``historypages``), the finder and the open data page.
FIXED_PAGES = (HOME, *(page_path(kind) for kind in (*LISTINGS, "targets", "metrics", EDITIONS)), FINDER_PAGE,
               OPEN_DATA_PAGE)
# The vocabularies each of whose entries has a page, at page_path(kind, id).
PAGED = ("organisations", "departments", "themes", "metrics")


def known_pages(site: Site) -> list[str]:
    """The paths in docs/ of the pages the site makes that its ids name: ``FIXED_PAGES``, a page per plan, per
    entry of the ``PAGED`` vocabularies and per year a plan is of.  Not those that need the cross-index (a
    theme's or a metric's page of a year, the targets' of a year), nor those of git's history (an edition's)."""
    years = dict.fromkeys(p.plan.year for p in site.plans)
    return [*FIXED_PAGES, *(page_path("plans", p.plan.id) for p in site.plans),
            *(page_path(kind, entry.id) for kind in PAGED for entry in getattr(site.vocabulary, kind)),
            *(page_path("years", year) for year in years)]


def taken_addresses(copied: dict[str, str], made: Iterable[str]) -> list[Diagnostic]:
    """An error for each file published as it is (``copied``: {path in docs/: source path}) whose address is
    that of one of the pages ``made`` (paths in docs/): one of the two would replace the other."""
    taken = {address_of(path) for path in made}
    return [Diagnostic(source, 0, 0, "", f"the site makes /{address_of(target)} itself; rename this file")
            for target, source in copied.items() if address_of(target) in taken]
