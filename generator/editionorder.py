"""The order of the editions, oldest first: one rule for the 版本记录 (``history.editions``), the alias that
``plansite publish`` moves to the newest edition, and the edition ``plansite retract`` moves it back to.

Two editions whose versions are both ``NUMBERED`` follow one another by number, as mike's version selector lists
them (2024.2 after 2024.1, whichever was tagged last); any other two by the dates of their tags (``draft``
after 2024.1 when it was tagged after it), a numbered edition counting as tagged at the earliest date of its own
tag and those of the numbered editions above it.  So 2024.2, retracted and published again after 2024.3, stays
before 2024.3, and before an edition tagged between the two; and where the numbers rise with the tags' dates the
order is the dates'.  Editions tagged in the same second (git keeps no finer date: their dates have whole
seconds) go by ancestry: one whose commit descends from another's is the later (``Tagged.after``); others (on one
commit), numbered ones first, then by name.

An edition with no tag here (one of the site another clone published, whose tag this clone has not fetched)
counts as tagged just before the one a publish has just tagged: it was on the site before it.  Otherwise (a
retract) it is placed by its number alone, among the numbered ones; without a number, before every other.
"""

from __future__ import annotations

import re
from collections import defaultdict
from datetime import datetime
from typing import Callable, Iterable, Mapping, NamedTuple

from mike.versions import Versions

# A version mike lists by its number (2024.2 above 2024.1, whichever was published last); others (draft, o1) it
# lists above them all, by name, which says nothing of which came first.
NUMBERED = re.compile(r"[0-9]")  # (not v3, which mike lists below 2024.1)

FIRST, LAST = (-1,), (1,)  # before and after every date ((0, date, after, 0))


class Tagged(NamedTuple):
    """When an edition was tagged: its tag's date, and of the editions tagged in that second how many its commit
    descends from (``tagged``)."""
    date: datetime
    after: int = 0


def tagged(tags: Iterable[tuple[str, datetime, str]], descends: Callable[[str, str], bool]) -> dict[str, Tagged]:
    """{version: Tagged} of edition tags given as (version, date, commit); ``descends(commit, other)``: whether
    ``commit`` descends from ``other`` (git's ``merge-base --is-ancestor``), asked only of tags of one second."""
    seconds = defaultdict(list)
    for version, date, commit in tags:
        seconds[date].append((version, commit))
    return {version: Tagged(date, sum(other != commit and descends(commit, other) for _, other in group))
            for date, group in seconds.items() for version, commit in group}


def edition_order(dates: Mapping[str, Tagged | None], newest: str | None = None) -> list[str]:
    """The versions of ``dates`` ({version: when its tag was made, None when it has none here}), oldest first;
    ``newest``: the version ``plansite publish`` has just tagged, after every version with no tag here."""
    stamps = {version: stamp(date, dates, newest) for version, date in dates.items()}
    numbered = by_number([version for version in dates if NUMBERED.match(version)])
    since, keys = LAST, {}
    for rank, version in reversed(list(enumerate(numbered))):
        if stamps[version] is not None:
            since = min(since, stamps[version])
        keys[version] = (since, 0, rank)
    keys.update((version, (FIRST if when is None else when, 1, version))
                for version, when in stamps.items() if version not in keys)
    return sorted(dates, key=keys.__getitem__)


def stamp(date: Tagged | None, dates: Mapping[str, Tagged | None], newest: str | None) -> tuple | None:
    """When a version counts as tagged, for ``edition_order``: (0, its tag's date, its rank by ancestry in that
    second, 0); one with no tag here (``date`` None) just before the ``newest``, having been on the site before it,
    or None without one (placed by its number alone, or first)."""
    if date is None:
        return None if newest is None else (0, *dates[newest], -1)
    return (0, *date, 0)


def by_number(versions: list[str]) -> list[str]:
    """The ``NUMBERED`` ``versions`` in the order mike's version selector lists them, lowest first."""
    listing = Versions()
    for version in versions:
        listing.add(version)
    return [str(info.version) for info in reversed(list(listing))]
