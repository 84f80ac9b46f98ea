"""The plansite MkDocs plugin: every build of docs/ searches alike, plansite requires it, memory is let go."""

from __future__ import annotations

import logging
import subprocess
import sys

import pytest

from generator.build import site_config
from generator.fastinline import FastInlineExtension
from generator.labels import SITE_NAME
from generator.project import configured
from generator.searchindex import INDEX
from generator.siteplugin import feed_link
from sitefixtures import index_tokens, make_site_project


@pytest.mark.site
def test_a_plain_mkdocs_build_searches_like_plansite_build(tmp_path):
    """mike builds published editions with ``mkdocs build`` in a process of its own: the plansite plugin
    in mkdocs.yml teaches jieba the vocabulary there too, and writes the index in UTF-8."""
    root = make_site_project(tmp_path / "project")
    assert subprocess.run([sys.executable, "-m", "generator", "--root", str(root), "generate"],
                          capture_output=True).returncode == 0
    built = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet"], cwd=root,
                           capture_output=True, text=True)
    assert built.returncode == 0, built.stderr
    index = (root / "site" / INDEX).read_text(encoding="utf-8")
    assert "基教科" in index_tokens(index)  # jieba alone cuts it 基/教科
    assert "基教科" in index  # written as UTF-8, not as \\uXXXX escapes


def test_plansite_build_refuses_a_configuration_without_the_plugin(tmp_path, capsys):
    from generator.cli import main

    root = make_site_project(tmp_path / "project")
    config = root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace("  - plansite\n", ""), encoding="utf-8")
    assert text != config.read_text(encoding="utf-8")
    assert main(["--root", str(root), "build"]) == 1
    assert "mkdocs.yml: add `- plansite` to `plugins:`" in capsys.readouterr().err
    assert not (root / "site").exists()


@pytest.mark.parametrize("source", ["---\ntitle: 标题甲\n---\n# 正文\n", "# 标题乙\n\n正文\n"])
def test_a_written_page_keeps_its_title_without_its_text(tmp_path, source):
    """The plugin drops a written page's Markdown and HTML (memory); its title stays for later pages."""
    from mkdocs.config import load_config
    from mkdocs.structure.files import File, Files
    from mkdocs.structure.pages import Page

    from generator.siteplugin import PlansitePlugin

    root = make_site_project(tmp_path / "project")
    (root / "docs").mkdir()
    (root / "docs" / "page.md").write_text(source, encoding="utf-8")
    config = load_config(str(root / "mkdocs.yml"))
    file = File("page.md", config.docs_dir, config.site_dir, config.use_directory_urls)
    page = Page(None, file, config)
    page.read_source(config)
    page.render(config, Files([file]))
    title = page.title
    PlansitePlugin().on_post_page("<html>", page=page, config=config)
    assert title in ("标题甲", "标题乙") and page.title == title and page.content is None and not page.markdown


def test_configured_again_the_fast_inline_path_is_added_once(tmp_path):
    """As plansite serve does on each rebuild: the plugin configures the same loaded configuration again."""
    root = make_site_project(tmp_path / "project")
    (root / "docs").mkdir()
    config = site_config(str(root))
    for _ in range(3):
        config.plugins.on_config(config)
    assert sum(isinstance(extension, FastInlineExtension) for extension in config.markdown_extensions) == 1


def preview(root, site_dir):
    """The MkDocs configuration of ``root`` as plansite serve runs it: a dirty session, first built whole."""
    from mkdocs.commands.build import build

    from generator.build import generate

    assert generate(str(root)) is not None
    config = site_config(str(root), site_dir=str(site_dir))
    config.plugins.on_startup(command="serve", dirty=True)
    build(config)
    return config


@pytest.mark.site
def test_a_preview_keeps_the_search_index_as_material_writes_it(tmp_path):
    root = make_site_project(tmp_path / "project")
    preview(root, tmp_path / "site")
    index = (tmp_path / "site" / INDEX).read_text(encoding="utf-8")
    assert "基教科" in index_tokens(index) and "基教科" not in index  # \\uXXXX escapes: not compacted


@pytest.mark.site
def test_a_build_after_a_preview_in_the_same_process_compacts_the_search_index(tmp_path):
    """MkDocs keeps one plansite plugin for every configuration a process loads: plansite build starts it
    for a build, as ``mkdocs build`` does, and a preview that ran before leaves it nothing of a preview's."""
    from generator.cli import main

    root = make_site_project(tmp_path / "project")
    preview(root, tmp_path / "preview")
    assert main(["--root", str(root), "build"]) == 0
    assert "基教科" in (root / "site" / INDEX).read_text(encoding="utf-8")  # UTF-8, not \\uXXXX escapes


@pytest.mark.site
def test_dirty_rebuilds_of_a_preview_keep_its_pagefind_index(tmp_path):
    from mkdocs.commands.build import build

    from generator.bench.pagefindrun import choose_pagefind

    root = make_site_project(tmp_path / "project")
    choose_pagefind(str(root / "mkdocs.yml"))
    config = preview(root, tmp_path / "site")
    entry = tmp_path / "site" / "pagefind" / "pagefind-entry.json"
    indexed = entry.stat().st_mtime_ns
    build(config, dirty=True)
    assert entry.stat().st_mtime_ns == indexed
    (tmp_path / "site" / "pagefind").rename(tmp_path / "pagefind-before")
    build(config, dirty=True)  # no index to keep: indexed again
    assert entry.is_file()


@pytest.mark.parametrize("departments, warned", [("departments: []\n", False), ("departments: [\n", True)])
def test_the_plugin_warns_of_content_it_cannot_read_not_of_a_list_left_empty(tmp_path, caplog, departments, warned):
    """A warning fails a strict build: an empty list of departments (a new project) must not; a broken file does."""
    from generator.siteplugin import PlansitePlugin

    root = make_site_project(tmp_path / "project")
    (root / "content" / "departments.yaml").write_text(departments, encoding="utf-8")
    (root / "docs").mkdir()
    config = site_config(str(root))
    with caplog.at_level(logging.WARNING, logger="mkdocs.plugins.plansite"):
        PlansitePlugin().on_config(config)
    assert any("content/ has" in record.message for record in caplog.records) == warned


def test_every_pages_head_names_the_feed_after_the_site():
    """The <link> to the feed of every change was titled 教育工作计划公开库：全部更新 whatever the site's name."""
    assert feed_link("plans/a-2025/", "萍乡卫健<工作>计划库") == (
        '<link rel="alternate" type="application/atom+xml" title="萍乡卫健&lt;工作&gt;计划库：全部更新" '
        'href="../../feeds/all.xml">')


@pytest.mark.parametrize("line", ["", "site_name: ''\n", "site_name: '  '\n"])
def test_a_site_without_a_name_is_named_alike_by_generation_and_by_the_plugin(tmp_path, line):
    """Generation named a site whose site_name is blank 工作计划公开库, but the plugin titled the feed's <link>
    "：全部更新", and Material's <title> was empty: MkDocs took the blank name as it was.  MkDocs refuses a
    mkdocs.yml with no site_name at all (generation names it all the same)."""
    root = make_site_project(tmp_path / "project")
    (root / "docs").mkdir()
    config_file = root / "mkdocs.yml"
    text = config_file.read_text(encoding="utf-8")
    config_file.write_text(text.replace("site_name: 教育工作计划公开库\n", line), encoding="utf-8")
    assert configured(str(config_file)).name == SITE_NAME
    if line:
        from mkdocs.structure.files import File
        from mkdocs.structure.pages import Page

        config = site_config(str(root))
        config.plugins.on_config(config)
        assert config.site_name == SITE_NAME
        head = config.plugins.on_post_page("<head></head>", page=Page(None, File("index.md", config.docs_dir,
                                           config.site_dir, True), config), config=config)
        assert f'title="{SITE_NAME}：全部更新"' in head
