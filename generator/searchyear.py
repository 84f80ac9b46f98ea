"""An item's entry in Material's search index carries its plan's year.

Material's search plugin makes an entry of each section of a page: a plan page
has its own (titled with the plan's title, which names the year:
洮北区教育局2025年工作要点) and one for each item, holding the item's own
words.  So in 学前教育 2025 the year matched only the plans' titles; Material
ranks a page's own entry above its sections, and a section below the best
entry of its page is folded under "more on this page": 2025's plans came
first with their items about 学前教育 folded, and the first item shown was
another year's.

The plansite plugin (``siteplugin``) therefore appends ``· 2025年`` to the
title of each item's entry, cut as jieba cuts the plan's title (2025 and 年 are
words), as the plan page's front matter gives the year (``YEAR``).  The title,
not the text: Material counts a word of a title a thousand times one of the
text, as it counts the year in the plan's title.  A result shows the title,
so an item found shows its year.  14 bytes an item, and the text indexed grows
alike (``searchindex.indexed_text_bytes``).
"""

from __future__ import annotations

from .ids import item_anchor

YEAR = "year"  # a plan page's front matter: its plan's year
_ITEM = "#" + item_anchor("")


def dated(entry: dict, year: int) -> dict:
    """A search index entry with the plan's ``year`` at the end of its title when it is an item's."""
    if _ITEM not in entry["location"]:
        return entry
    return {**entry, "title": f"{entry['title']} · {year}\u200b年"}
