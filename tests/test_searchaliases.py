"""A department's aliases in its page's own search entry, cut into words as Material cuts a title."""

from __future__ import annotations

from types import SimpleNamespace

from material.plugins.search.plugin import SearchIndex

from generator.searchaliases import named

PAGE = {"location": "departments/pingxiang-shizhi-xuexiao/", "title": "市直学校", "text": "计划中也写作：…"}
INDEX = SearchIndex()


def titled(name: str) -> str:
    """What Material's search plugin makes of a page titled ``name``: its entry's title."""
    index = SearchIndex()
    index.add_entry_from_context(SimpleNamespace(content="<p>正文</p>", toc=[], url="x/", meta={"title": name},
                                                 title=name))
    return index.entries[0]["title"]


def test_a_collectives_alias_is_cut_as_the_text_is_so_that_its_words_still_find_items():
    """Held whole, 市直有关学校 became a word of the index, which Material's worker then looked the query up as:
    the items naming 市直 and 学校 (the text, cut by jieba) were no longer found, only the page."""
    assert named(PAGE, ["市直有关学校"], INDEX) == {**PAGE, "aliases": ["市直\u200b有关\u200b学校"]}


def test_only_the_pages_own_entry_holds_the_aliases():
    section = {"location": "departments/pingxiang-shizhi-xuexiao/#2021", "title": "2021年", "text": ""}
    assert named(section, ["市直有关学校"], INDEX) is section


def test_a_name_written_alone_or_a_number_is_one_alias():
    """A hand-written page's front matter may say ``aliases: 旧的关于页`` (Obsidian's way): its characters, each an
    alias weighed as a title, skewed every query starting with one; ``aliases: 2021`` failed the build."""
    assert named(PAGE, "旧的关于页", INDEX)["aliases"] == [titled("旧的关于页")]
    assert named(PAGE, 2021, INDEX)["aliases"] == ["2021"]


def test_an_alias_is_cut_as_material_cuts_a_title_of_that_name():
    """Material cuts only a title's runs of Chinese (Pingxiang 一中: the space and the Latin stay as they are, 一中
    a word); jieba over the whole name, as the aliases were cut, made words of the space and of （ alone."""
    names = ["市直学校（A校）", "Pingxiang 一中", "市直有关学校"]
    assert named(PAGE, names, INDEX)["aliases"] == [titled(name) for name in names]
