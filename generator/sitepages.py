"""The hand-written files that would take the address of a file the site makes, found by ``plansite check``.

``render.site_files`` finds them among the files it makes (``addresses.taken_addresses``) and stops; ``check`` asks
the same function for those files (``render.generated_files``: see there what listing them costs), so it reports the
same clashes in the same words, of every file: the pages of a theme's or a metric's year and of a year's targets,
the editions' pages, the feeds, the data files, the site's own copies of its CSS, JavaScript and the plan format's
schema (``render.site_copies``). Editions are known from their git tags alone (``sitehistory.tagged_history``, one
git command), as generation gives a page to each tag's.

That takes the renderers and the cross-index of the plans (about 1 s of CPU at 1,000 plans), so ``check`` takes it
only when a hand-written file stands in one of the folders of docs/ the site makes files in (``SITE_FOLDERS``):
content/pages/about.md, guide/map.png or assets/images/logo.png stand in none, and cost nothing.
"""

from __future__ import annotations

from .addresses import DATA, EDITIONS, FEEDS, FINDER_PAGE, LISTINGS, STATIC, address_of, taken_addresses, url_of
from .diagnostics import Diagnostic, InputError
from .load import Site
from .project import hand_written_files
from .searchworker import WORKERS

# The folders of docs/ the site makes files in, by their addresses ("" for the home page alone): the listings',
# the targets' and the metrics' (a page each, and those of their entries and years), the editions', the finder's,
# the data files', the feeds', the site's own CSS and JavaScript's and Material's search worker's (``searchworker``).
# Tested to hold every file the site makes.
SITE_FOLDERS = ("", *LISTINGS, "targets", "metrics", EDITIONS, url_of(FINDER_PAGE), DATA, FEEDS, STATIC, WORKERS)


def under(address: str, folder: str) -> bool:
    """Whether ``address`` is the ``folder``'s own or one below it."""
    return address == folder or address.startswith(f"{folder}/")


def in_site_folder(path: str) -> bool:
    """Whether the file ``path`` of docs/ stands in one of ``SITE_FOLDERS``."""
    address = address_of(path)
    return any(under(address, folder) for folder in SITE_FOLDERS)


def hand_written_clashes(site: Site) -> list[Diagnostic]:
    """An error for each file of content/pages/ at the address of a file the site makes, in generation's words;
    when the site's files are listed, also each path two of them take (``render.one_each``), where generation
    stops too.  ``site``: loaded without errors, as the cross-index needs."""
    hand_written = hand_written_files(site.root)
    if not any(map(in_site_folder, hand_written)):
        return []
    # Imported here: a check that needs neither the renderers nor git's history (most) does not import them.
    from .render import generated_files
    from .sitehistory import tagged_history

    try:
        return taken_addresses(hand_written, generated_files(site, history=tagged_history(site.root)))
    except InputError as error:
        return error.diagnostics
