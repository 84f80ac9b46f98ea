"""The order of the editions, oldest first: one rule for the 版本记录 (``history.editions``), the alias that
``plansite publish`` moves to the newest edition, and the edition ``plansite retract`` moves it back to.

Two editions whose versions are both ``NUMBERED`` follow one another by number, as mike's version selector lists
them (2024.2 after 2024.1, whichever was tagged last); any other two by the dates of their tags (``draft``
after 2024.1 when it was tagged after it), a numbered edition counting as tagged at the earliest date of its own
tag and those of the numbered editions above it.  So 2024.2, retracted and published again after 2024.3, stays
before 2024.3, and before an edition tagged between the two; and where the numbers rise with the tags' dates the
order is the dates'.  Editions tagged in the same second: numbered ones first, then by name.

An edition with no tag here (one of the site another clone published, whose tag this clone has not fetched) is
placed by its number alone, among the numbered ones; without a number, before every other.
"""

from __future__ import annotations

import re
from datetime import datetime
from typing import Mapping

from mike.versions import Versions

# A version mike lists by its number (2024.2 above 2024.1, whichever was published last); others (draft, o1) it
# lists above them all, by name, which says nothing of which came first.
NUMBERED = re.compile(r"[0-9]")  # (not v3, which mike lists below 2024.1)

FIRST, LAST = (-1,), (1,)  # before and after every date ((0, date))


def edition_order(dates: Mapping[str, datetime | None]) -> list[str]:
    """The versions of ``dates`` ({version: the date of its tag, None when it has none here}), oldest first."""
    numbered = by_number([version for version in dates if NUMBERED.match(version)])
    since, keys = LAST, {}
    for rank, version in reversed(list(enumerate(numbered))):
        if dates[version] is not None:
            since = min(since, (0, dates[version]))
        keys[version] = (since, 0, rank)
    keys.update((version, (FIRST if date is None else (0, date), 1, version))
                for version, date in dates.items() if version not in keys)
    return sorted(dates, key=keys.__getitem__)


def by_number(versions: list[str]) -> list[str]:
    """The ``NUMBERED`` ``versions`` in the order mike's version selector lists them, lowest first."""
    listing = Versions()
    for version in versions:
        listing.add(version)
    return [str(info.version) for info in reversed(list(listing))]
