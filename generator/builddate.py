"""The one date MkDocs stamps on a build, made reproducible.

MkDocs writes the build date into site/ in one place: sitemap.xml, as every
page's ``<lastmod>`` and as the timestamp in the header of sitemap.xml.gz
(both only when ``site_url`` is set, as it is for publishing).  Everything
else in site/ follows from the input alone, so this date is all that makes two
builds of the same input differ.

MkDocs takes the date from ``SOURCE_DATE_EPOCH`` when it is set
(https://reproducible-builds.org/specs/source-date-epoch/).  ``plansite
build`` sets it, unless the environment already does, to the time of the
newest commit that changed plans/ or content/: builds of one commit are then
byte-identical, and the sitemap says when the content last changed rather
than on which day it was built.  Edits not yet committed do not move the date.
Outside a git repository the date stays MkDocs' own: the day of the build.
"""

from __future__ import annotations

import contextlib
import os
from typing import Iterator

from .gitrepo import GitError, Repo

VARIABLE = "SOURCE_DATE_EPOCH"
SOURCES = ("plans", "content")


def last_change(root: str) -> str | None:
    """The commit time (Unix seconds, as text) of the newest commit that changed the sources, if git knows it."""
    try:
        return Repo(root).git("log", "-1", "--format=%ct", "--", *SOURCES).strip() or None
    except GitError:
        return None


@contextlib.contextmanager
def reproducible_date(root: str) -> Iterator[None]:
    """Run the block with ``SOURCE_DATE_EPOCH`` set to ``last_change`` (unless it is set already)."""
    epoch = None if VARIABLE in os.environ else last_change(root)
    if epoch is None:
        yield
        return
    os.environ[VARIABLE] = epoch
    try:
        yield
    finally:
        del os.environ[VARIABLE]
