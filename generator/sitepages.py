"""The hand-written files that would take the address of a file the site makes, found by ``plansite check``.

``render.site_files`` finds them among the files it makes (``addresses.taken_addresses``) and stops; ``check``
asks the same function for those files (``render.generated_files``, which makes none of them: each is made when
written), so it reports the same clashes in the same words, of every file: the pages of a theme's or a metric's
year and of a year's targets, the editions' pages, the feeds, the data files.  Editions are known from their git
tags alone (``sitehistory.tagged_history``, one git command), as generation gives a page to each tag's.

That takes the renderers and the cross-index of the plans (about 1 s of CPU at 1,000 plans), so ``check`` takes it only
when a hand-written file stands in one of the folders of docs/ the site makes files in (``addresses.SITE_FOLDERS``):
content/pages/about.md or guide/map.png stand in none, and cost nothing.
"""

from __future__ import annotations

from .addresses import SITE_FOLDERS, address_of, taken_addresses
from .diagnostics import Diagnostic, InputError
from .load import Site
from .project import hand_written_files


def folder_of(path: str) -> str:
    """The first part of the address of a file of docs/: '' for the home page, 'themes' for themes/a/2025.md."""
    return address_of(path).partition("/")[0]


def hand_written_clashes(site: Site) -> list[Diagnostic]:
    """An error for each file of content/pages/ at the address of a file the site makes, in generation's words;
    when the site's files are listed, also each path two of them take (``render.one_each``), where generation
    stops too.  ``site``: loaded without errors, as the cross-index needs."""
    hand_written = hand_written_files(site.root)
    if not any(folder_of(path) in SITE_FOLDERS for path in hand_written):
        return []
    # Imported here: a check that needs neither the renderers nor git's history (most) does not import them.
    from .render import generated_files
    from .sitehistory import tagged_history

    try:
        return taken_addresses(hand_written, generated_files(site, history=tagged_history(site.root)))
    except InputError as error:
        return error.diagnostics
