"""A department's aliases in its page's own search entry, cut into words as Material cuts a title."""

from __future__ import annotations

from generator.searchaliases import named

PAGE = {"location": "departments/pingxiang-shizhi-xuexiao/", "title": "市直学校", "text": "计划中也写作：…"}


def test_a_collectives_alias_is_cut_as_the_text_is_so_that_its_words_still_find_items():
    """Held whole, 市直有关学校 became a word of the index, which Material's worker then looked the query up as:
    the items naming 市直 and 学校 (the text, cut by jieba) were no longer found, only the page."""
    assert named(PAGE, ["市直有关学校"]) == {**PAGE, "aliases": ["市直\u200b有关\u200b学校"]}


def test_only_the_pages_own_entry_holds_the_aliases():
    section = {"location": "departments/pingxiang-shizhi-xuexiao/#2021", "title": "2021年", "text": ""}
    assert named(section, ["市直有关学校"]) is section
