"""The policy terms the search index keeps whole: content/dictionary.txt.

Material's search plugin cuts Chinese text into words with jieba when it builds
the index, and a reader finds a word only if it was cut out whole (a query is
matched against the index's words).  Two sources teach jieba: the vocabularies
(department names and aliases, theme names and keywords; ``build.search_words``)
and content/dictionary.txt, for the policy terms that are none of these
(五育并举, 校长负责制, 毛入园率).  A word has one place: the tests refuse a
dictionary word the vocabularies already teach.

The dictionary is jieba's user dictionary (``word [freq] [tag]`` per line; a
word alone gets the frequency that keeps it whole), read by Material through
the search plugin's ``jieba_dict_user`` in mkdocs.yml.  Material opens that path
relative to the working directory; ``anchor_dictionaries`` makes it relative to
mkdocs.yml, as MkDocs' own paths are, so ``plansite --root DIR build`` works from
anywhere.  Only runs of Chinese characters reach jieba, so a word with any other
character could never apply.
"""

from __future__ import annotations

import os
import re

from .diagnostics import Diagnostic

DICTIONARY = os.path.join("content", "dictionary.txt")
_ENTRY = re.compile(r"(?P<word>\S+)(?: (?P<freq>[0-9]+))?(?: (?P<tag>[a-z]+))?")
_CHINESE = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")


def read_dictionary(path: str) -> tuple[list[str], list[Diagnostic]]:
    """The words of a jieba user dictionary, in order, and what is wrong with its lines (blank lines are skipped)."""
    words: list[str] = []
    diagnostics: list[Diagnostic] = []
    with open(path, encoding="utf-8") as file:
        for number, line in enumerate(file, 1):
            line = line.strip()
            if not line:
                continue
            entry = _ENTRY.fullmatch(line)
            if entry is None:
                problem = "expected `word [frequency] [tag]`, one entry a line"
            elif not _CHINESE.fullmatch(entry["word"]):
                problem = f"{entry['word']!r}: only Chinese characters reach jieba, so this word would never apply"
            elif entry["word"] in words:
                problem = f"{entry['word']!r} is listed twice"
            else:
                words.append(entry["word"])
                continue
            diagnostics.append(Diagnostic(path, number, 1, "", problem))
    return words, diagnostics


def anchor_dictionaries(config) -> None:
    """Make the search plugin's jieba dictionary paths in a loaded MkDocs ``config`` relative to mkdocs.yml."""
    search = config.plugins.get("material/search")
    if search is None:
        return
    folder = os.path.dirname(os.path.abspath(config.config_file_path))
    for option in ("jieba_dict", "jieba_dict_user"):
        path = search.config.get(option)
        if path and not os.path.isabs(path):
            search.config[option] = os.path.join(folder, path)
