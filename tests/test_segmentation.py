"""content/dictionary.txt: its format, its one place among the segmentation words, its way into the index."""

from __future__ import annotations

import subprocess
import sys

import pytest

from generator.load import load_site
from generator.segmentation import DICTIONARY, read_dictionary, search_words
from generator.searchindex import INDEX
from sitefixtures import REPO, index_tokens, make_site_project


def test_the_dictionary_is_well_formed():
    words, diagnostics = read_dictionary(str(REPO / DICTIONARY))
    assert diagnostics == []
    assert len(words) >= 20


def test_no_word_is_both_in_the_dictionary_and_in_the_vocabularies():
    site, _ = load_site(str(REPO))
    words, _ = read_dictionary(str(REPO / DICTIONARY))
    assert set(words) & set(search_words(site.vocabulary)) == set()


def test_bad_lines_are_reported_where_they_are(tmp_path):
    path = tmp_path / "dictionary.txt"
    path.write_text("双减\n\n控辍保学 3 n\n58%\n控辍保学\n两个 词\n", encoding="utf-8")
    words, diagnostics = read_dictionary(str(path))
    assert words == ["双减", "控辍保学"]
    assert [(d.line, d.message.split(":")[0]) for d in diagnostics] == [
        (4, "'58%'"), (5, "'控辍保学' is listed twice"), (6, "expected `word [frequency] [tag]`, one entry a line")]


@pytest.mark.site
def test_the_dictionary_makes_its_words_whole_wherever_plansite_runs(tmp_path):
    """Built from another directory, each in a fresh process (jieba keeps what it learns)."""
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    tokens = {}
    for name, dictionary in (("with", "毛入园率\n"), ("without", "")):
        root = make_site_project(tmp_path / name)
        (root / DICTIONARY).write_text(dictionary, encoding="utf-8")
        built = subprocess.run([sys.executable, "-m", "generator", "--root", str(root), "build"],
                               cwd=elsewhere, capture_output=True, text=True)
        assert built.returncode == 0, built.stderr
        tokens[name] = index_tokens((root / "site" / INDEX).read_text(encoding="utf-8"))
    assert "毛入园率" in tokens["with"]
    assert "毛入园率" not in tokens["without"] and "入园率" in tokens["without"]


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
