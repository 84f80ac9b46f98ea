"""content/dictionary.txt: its format, its one place among the segmentation words, its way into the index."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from generator.cli import main
from generator.load import load_site
from generator.segmentation import DICTIONARY, read_dictionary, remember_cuts, search_words, teach_segmenter
from generator.searchindex import INDEX
from sitefixtures import REPO, index_tokens, make_site_project


def test_the_example_dictionary_is_well_formed_and_holds_no_word_of_the_vocabularies():
    site, diagnostics = load_site(str(REPO))
    assert [d for d in diagnostics if d.path.endswith(DICTIONARY)] == []
    words, _ = read_dictionary(str(REPO / DICTIONARY))
    assert len(words) >= 20 and not set(words) & set(search_words(site.vocabulary))


def test_bad_lines_are_reported_where_they_are(tmp_path):
    path = tmp_path / "dictionary.txt"
    path.write_text("双减\n\n控辍保学 3 n\n58%\n控辍保学\n两个 词\n", encoding="utf-8")
    words, diagnostics = read_dictionary(str(path))
    assert words == {"双减": 1, "控辍保学": 3}
    assert [(d.line, d.severity, d.message.split(":")[0]) for d in diagnostics] == [
        (4, "warning", "'58%'"), (5, "warning", "'控辍保学' is listed twice"),
        (6, "warning", "expected `word [frequency] [tag]`, one entry a line")]


def test_a_dictionary_that_cannot_be_read_is_an_error_naming_it(tmp_path):
    path = tmp_path / "dictionary.txt"
    path.write_bytes("双减\n控辍保学\n".encode("gb18030"))
    words, diagnostics = read_dictionary(str(path))
    assert words == {} and [(d.line, d.severity) for d in diagnostics] == [(1, "error")]
    assert "file is not UTF-8" in diagnostics[0].message
    path.unlink()
    path.mkdir()
    words, [diagnostic] = read_dictionary(str(path))
    assert words == {} and diagnostic.severity == "error" and "cannot read file" in diagnostic.message


def test_plansite_check_warns_of_the_dictionarys_problems_with_their_lines(tmp_path, capsys):
    """A curator's dictionary is checked with the rest: a bad line and a word the vocabularies already teach
    (学前教育, a theme's name in the example) are warnings naming the file and line; the build goes on."""
    root = make_site_project(tmp_path / "project")
    dictionary = root / DICTIONARY
    lines = dictionary.read_text(encoding="utf-8").splitlines()
    dictionary.write_text("\n".join([*lines, "58%", "学前教育"]) + "\n", encoding="utf-8")
    assert main(["--root", str(root), "check"]) == 0
    out = capsys.readouterr().out
    where = os.path.join(str(root), DICTIONARY)
    assert f"{where}:{len(lines) + 1}:1: warning: '58%': only Chinese characters reach jieba" in out
    assert f"{where}:{len(lines) + 2}:1: warning: '学前教育' is already a name or keyword" in out
    assert main(["--root", str(root), "check", "--strict"]) == 1


def test_remembered_cuts_are_jiebas_cuts_until_forgotten():
    import jieba

    texts = ["各县区教育行政部门", "逾期未报", "持续深化课堂教学改革", "逾期未报"]
    cuts = [list(jieba.cut(text)) for text in texts]
    original = jieba.cut
    forget = remember_cuts()
    try:
        assert jieba.cut is not original
        assert [list(jieba.cut(text.encode("utf-8"))) for text in texts] == cuts  # as Material calls it: bytes
        assert [list(jieba.cut(text)) for text in texts] == cuts
        assert list(jieba.cut(texts[0], cut_all=True)) == list(original(texts[0], cut_all=True))
    finally:
        forget()
    assert jieba.cut == original


def test_taught_again_jieba_cuts_as_it_did_the_first_time():
    """As on each rebuild of plansite serve: each word added to jieba adds to the total of its frequencies."""
    import jieba

    site, _ = load_site(str(REPO))
    text = "承担完成省民生工程项目"
    teach_segmenter(site.vocabulary)
    taught = jieba.dt.total, list(jieba.cut(text))
    for _ in range(3):
        jieba.load_userdict(str(REPO / DICTIONARY))  # as Material's search plugin does after the plugin taught jieba
        teach_segmenter(site.vocabulary)
    assert (jieba.dt.total, list(jieba.cut(text))) == taught


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
