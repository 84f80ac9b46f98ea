"""A department's or a metric's other names count in search as its title does, unseen.

Plans write some units by other names (department.aliases: 市直有关学校 for
市直学校).  The department page says so in its text (计划中也写作：…), but a
listing's page is boosted down (``search.boost: 0.1``), so the items and the
pages that named any part of an alias came first: 市直有关学校 found its page
third.  The other places weighed: the heading, where the aliases would clutter
the page (and a visually hidden part of it would still be read out and shown
as the result's title); the page's description, which Material does not
index; its ``tags``, which Material counts a million times a word of the text
and shows under the result.

The search index therefore has a field of its own, ``aliases``, counted as a
title is (Material's default boost for titles, 1e3), and a page's own entry
(its address has no anchor) holds the aliases its front matter lists
(``ALIASES``: a department page's, and a metric page's, whose text says 也写作：…,
as targets write 学前教育毛入园率 for 学前三年毛入园率).  Material's search worker indexes
every field the index's configuration lists and shows a result's title, text
and tags only, so the aliases find the page and the result reads as before,
the text still saying 计划中也写作：…  Each alias is cut into words by Material's own
code, as it cuts a title (its search index's ``_segment_chinese``: jieba's
words of each run of Chinese, joined by \u200b, a separator of the search): a
unit's alias is a word jieba keeps whole (``segmentation.search_words``), a
collective's is cut as in the text (市直/有关/学校), so that a query is looked up in
the same words everywhere and still finds the items naming them.
"""

from __future__ import annotations

ALIASES = "aliases"  # a page's front matter, and the field of the search index
FIELD = {"boost": 1e3}  # a title's, as Material's search plugin sets it


def add_field(fields: dict) -> None:
    """Material's search fields (its plugin's ``fields`` option, before the plugin reads it) with the aliases';
    a project's mkdocs.yml may weigh it otherwise."""
    fields.setdefault(ALIASES, dict(FIELD))


def named(entry: dict, aliases, index) -> dict:
    """A search index entry with the page's ``aliases`` (its front matter's, ``listed``) when it is the page's
    own, each cut as Material's search ``index`` cuts a title."""
    if "#" in entry["location"]:
        return entry
    return {**entry, ALIASES: [index._segment_chinese(alias) for alias in listed(aliases)]}


def listed(aliases) -> list[str]:
    """A front matter's aliases as names: a list's items, or one name written alone (``aliases: 旧名``, as a
    hand-written page may have them, Obsidian's way), never the characters of a name, nor a number unread."""
    if isinstance(aliases, (list, tuple)):
        return [str(alias) for alias in aliases if alias is not None]
    return [] if aliases is None else [str(aliases)]

