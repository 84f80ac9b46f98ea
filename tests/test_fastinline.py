"""Python-Markdown's inline fast path (generator/fastinline.py): the same HTML, with less work."""

from __future__ import annotations

import functools
import re
import string
from pathlib import Path

import markdown
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown.extensions import Extension
from markdown.inlinepatterns import BacktickInlineProcessor, DelimiterProcessor, SimpleTagInlineProcessor
from markdown.treeprocessors import InlineProcessor
from mkdocs.config import load_config
from mkdocs.structure.files import get_files
from mkdocs.structure.pages import Page

from generator.fastinline import KNOWN, FastInlineExtension, FastInlineProcessor, triggers
from generator.siteplugin import PlansitePlugin
from sitefixtures import built_site  # noqa: F401  (session fixture)

REPO = Path(__file__).resolve().parent.parent


@functools.cache
def site_extensions() -> tuple[list, dict]:
    """The Markdown extensions of mkdocs.yml (and MkDocs' defaults: toc, tables, fenced_code), configured."""
    # docs_dir: any existing folder (docs/ is generated, so a fresh clone has none)
    config = load_config(str(REPO / "mkdocs.yml"), docs_dir=str(REPO / "content"))
    return list(config.markdown_extensions), dict(config.mdx_configs)


EXTENSION_SETS = {"mkdocs.yml": site_extensions, "Python-Markdown alone": lambda: ([], {})}


def converter(extensions: str, fast: bool) -> markdown.Markdown:
    listed, configs = EXTENSION_SETS[extensions]()
    return markdown.Markdown(extensions=listed + [FastInlineExtension()] * fast, extension_configs=configs)


# Text that exercises every inline pattern, the block syntax around it and Python-Markdown's placeholders.
CHARACTERS = "计划任务完成教育部门年度目标。，、；：！？（）《》“”　\x02\x03\u00a0" + string.printable
FRAGMENTS = ["  \n", "\\\n", "**", "__", "`", "``", "\\`", "\\\\`", "[链接](a.md)", "![图](b.png)", "[甲][1]",
             "\n\n[1]: c.md", "<b>", "</b>", "<a@b.cn>", "<https://e.cn>", "<!-- 注 -->", "&amp;", "&#26159;",
             "{: .c }", "{#id}", "\x02klzzwxh:0000\x03", "\x02wzxhzdk:0\x03", "\n# ", "\n- ", "\n1. ", "\n> ",
             "\n    ", "\n!!! note\n    ", "\n| 甲 | 乙 |\n| --- | --- |\n| ", '<div markdown="1">\n']
TEXTS = st.lists(st.sampled_from(CHARACTERS) | st.sampled_from(FRAGMENTS), max_size=60).map("".join)


@pytest.mark.parametrize("extensions", EXTENSION_SETS)
@settings(max_examples=400, deadline=None)
@given(text=TEXTS)
def test_the_same_html_for_any_text(extensions, text):
    assert converter(extensions, fast=True).convert(text) == converter(extensions, fast=False).convert(text)


@pytest.mark.parametrize("key", KNOWN, ids=lambda key: f"{key[0].__name__}:{key[1][:20]}")
@settings(max_examples=200, deadline=None)
@given(text=TEXTS)
def test_a_known_pattern_matches_no_text_without_its_triggers(key, text):
    _, expression, flags = key
    while any(needle in text for needle in KNOWN[key]):  # removing one may make another ("  " + "  \n" + "\n")
        for needle in KNOWN[key]:
            text = text.replace(needle, "")
    assert re.compile(expression, flags).search(text) is None


@pytest.fixture
def tried(monkeypatch) -> list[tuple[type, str]]:
    """Each inline pattern tried on a text (its class, the text), from now on."""
    calls: list[tuple[type, str]] = []
    apply = InlineProcessor._InlineProcessor__applyPattern

    def counted(self, pattern, data, *args):
        calls.append((type(pattern), data))
        return apply(self, pattern, data, *args)

    monkeypatch.setattr(InlineProcessor, "_InlineProcessor__applyPattern", counted)
    return calls


PLAIN_PAGE = ("# 二〇二四年工作要点\n\n全面加强党的领导，2024 年完成 35 项任务。\n\n"
              "| 任务 | 期限 |\n| --- | --- |\n| 建设 | 12 月 |\n")


@pytest.mark.parametrize("extensions", EXTENSION_SETS)
def test_a_text_meets_only_the_patterns_it_holds_needles_of(extensions, tried):
    md = converter(extensions, fast=True)
    assert isinstance(md.treeprocessors["inline"], FastInlineProcessor)
    assert triggers(md.inlinePatterns) is not None  # every registered pattern is known
    html = md.convert(PLAIN_PAGE)
    assert tried == []
    assert converter(extensions, fast=False).convert(PLAIN_PAGE) == html
    # without the fast path, every text meets every pattern, the first of which is the backtick's
    assert (BacktickInlineProcessor, "全面加强党的领导，2024 年完成 35 项任务。") in tried

    tried.clear()
    assert "<strong>加强</strong>" in md.convert("全面**加强**党的领导")
    assert {kind for kind, _ in tried} == {DelimiterProcessor}  # not the links', the escapes', the HTML's …
    tried.clear()
    assert '<a href="a.md">甲</a>' in md.convert("[甲](a.md)，见 [乙](b.md)")
    assert {kind for kind, _ in tried} <= {key[0] for key, needles in KNOWN.items() if needles == ("[",)}


class TildeExtension(Extension):
    """``~~text~~`` as <del>: an inline pattern the fast path does not know."""

    def extendMarkdown(self, md):  # noqa: N802
        md.inlinePatterns.register(SimpleTagInlineProcessor(r"(~~)(.+?)~~", "del"), "del", 65)


class TildeDelimiterExtension(Extension):
    """``~text~`` as <del>, through the delimiters of ``em_strong``: its expression becomes one not known."""

    def extendMarkdown(self, md):  # noqa: N802
        md.delimiters.add("~", "del")


@pytest.mark.parametrize("other", [TildeExtension, TildeDelimiterExtension])
def test_an_unknown_inline_pattern_turns_the_fast_path_off(other, tried):
    md = markdown.Markdown(extensions=[FastInlineExtension(), other()])  # registered after the fast path
    assert triggers(md.inlinePatterns) is None
    html = md.convert("删除~~这个~~词")
    assert "<del>" in html and tried
    assert html == markdown.Markdown(extensions=[other()]).convert("删除~~这个~~词")


def test_another_inline_processor_is_left_in_place():
    class Own(InlineProcessor):
        pass

    class OwnExtension(Extension):
        def extendMarkdown(self, md):  # noqa: N802
            md.treeprocessors.register(Own(md), "inline", 20)

    md = markdown.Markdown(extensions=[OwnExtension(), FastInlineExtension()])
    assert type(md.treeprocessors["inline"]) is Own


def test_the_treeprocessors_keep_their_order():
    kinds = {fast: [type(item) for item in converter("mkdocs.yml", fast).treeprocessors] for fast in (True, False)}
    assert kinds[True] == [FastInlineProcessor if kind is InlineProcessor else kind for kind in kinds[False]]


@pytest.mark.site
def test_every_page_of_the_site_is_converted_alike(built_site):  # noqa: F811
    """Every page of the fixture site (its YAML full of markup), through MkDocs' Page.render, with the
    configuration the plansite plugin makes and without the fast path."""
    config = load_config(str(built_site / "mkdocs.yml"))
    PlansitePlugin().on_config(config)
    fast = list(config.markdown_extensions)
    plain = [extension for extension in fast if not isinstance(extension, FastInlineExtension)]
    assert len(plain) == len(fast) - 1  # the plugin adds it
    files = get_files(config)
    pages = list(files.documentation_pages())
    assert pages
    for file in pages:
        html = []
        for extensions in (plain, fast):
            config.markdown_extensions = extensions
            page = Page(None, file, config)
            page.read_source(config)
            page.render(config, files)
            html.append(page.content)
        assert html[0] == html[1], file.src_uri
