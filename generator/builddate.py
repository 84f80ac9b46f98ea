"""The dates a build depends on, made reproducible.

Two dates go into a build; everything else in docs/ and site/ follows from
the input alone:

* **The build day**, as of which progress is shown (what is overdue; pages
  with progress state it): ``build_day``, the day of ``SOURCE_DATE_EPOCH``
  when it is set (https://reproducible-builds.org/specs/source-date-epoch/),
  else the day the build runs.
* **MkDocs' build date**, in sitemap.xml only: every page's ``<lastmod>`` and
  the timestamp in the header of sitemap.xml.gz (both only when ``site_url``
  is set, as it is for publishing).  MkDocs takes it from ``SOURCE_DATE_EPOCH``
  too; ``plansite build`` sets that, unless the environment does, to the time
  of the newest commit that changed plans/ or content/
  (``reproducible_date``), so the sitemap says when the content last changed
  rather than on which day it was built.  Edits not yet committed do not move
  it; outside a git repository it is the day of the build.

So two builds of the same input on the same day, or with the same
``SOURCE_DATE_EPOCH``, are byte-identical.
"""

from __future__ import annotations

import contextlib
import os
from datetime import date, datetime, time, timezone
from typing import Iterator

from .gitrepo import GitError, Repo
from .project import SOURCES

VARIABLE = "SOURCE_DATE_EPOCH"


def build_day() -> date:
    """The day progress is shown as of: ``SOURCE_DATE_EPOCH``'s (UTC) when set, else today."""
    epoch = os.environ.get(VARIABLE)
    return datetime.fromtimestamp(int(epoch), timezone.utc).date() if epoch else date.today()


def day_start(day: date) -> datetime:
    """The first instant of the build day ``day``, in the time zone ``build_day`` reads days in: UTC with
    ``SOURCE_DATE_EPOCH``, else the local one (2025-12-05T00:00:00+08:00 in China, not 00:00 UTC, 08:00 there: a
    time still to come when built at 02:00)."""
    start = datetime.combine(day, time())
    return start.replace(tzinfo=timezone.utc) if os.environ.get(VARIABLE) else start.astimezone()


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
