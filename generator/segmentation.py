"""The words the search index keeps whole: the vocabularies' names and content/dictionary.txt.

Material's search plugin cuts Chinese text into words with jieba when it builds
the index, and a reader finds a word only if it was cut out whole (a query is
matched against the index's words).  Two sources teach jieba: the vocabularies
(department names, full names and aliases, theme names and keywords; ``search_words``,
taught by ``teach_segmenter``) and content/dictionary.txt, for the policy terms
that are none of these (五育并举, 校长负责制, 师德师风).  A word has one place:
``plansite check`` warns of a dictionary word the vocabularies already teach, as of
a line jieba would misread (``dictionary_problems``).  Both are
applied by the plansite MkDocs plugin (``siteplugin``), so every process that
builds the site segments alike: ``plansite build``, a plain ``mkdocs build``
and mike's builds of published editions.

The dictionary is jieba's user dictionary (``word [freq] [tag]`` per line; a
word alone gets the frequency that keeps it whole), read by Material through
the search plugin's ``jieba_dict_user`` in mkdocs.yml.  Material opens that path
relative to the working directory; ``anchor_dictionaries`` makes it relative to
mkdocs.yml, as MkDocs' own paths are, so ``plansite --root DIR build`` works from
anywhere.  Only runs of Chinese characters reach jieba, so a word with any other
character could never apply.

Material cuts each run of Chinese characters on its own, and a site repeats
many runs (labels such as 逾期未报 and 完成时限, names of units and themes, set
phrases): during a build ``remember_cuts`` makes jieba cut each distinct run
once.
"""

from __future__ import annotations

import functools
import logging
import os
import re
from typing import Callable

from .diagnostics import Diagnostic
from .project import CONTENT
from .yamlsource import read_text
from .vocabulary import Vocabulary

DICTIONARY = os.path.join(CONTENT, "dictionary.txt")
_ENTRY = re.compile(r"(?P<word>\S+)(?: (?P<freq>[0-9]+))?(?: (?P<tag>[a-z]+))?")
_CHINESE = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
CUTS_KEPT = 1 << 15  # distinct texts whose cut is remembered (the most recently used), some 20 MB at most


def read_dictionary(path: str) -> tuple[dict[str, int], list[Diagnostic]]:
    """The words of a jieba user dictionary, in order, each with its line, and what is wrong with its lines
    (warnings: jieba reads such a line without a word, or with a word that never applies; blank lines are
    skipped), or with the file (an error: not UTF-8, unreadable)."""
    words: dict[str, int] = {}
    text, diagnostics = read_text(path)  # an error when it cannot be read as UTF-8: jieba could not read it
    for number, line in enumerate((text or "").splitlines(), 1):
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
            words[entry["word"]] = number
            continue
        diagnostics.append(Diagnostic(path, number, 1, "", problem, "warning"))
    return words, diagnostics


def dictionary_problems(path: str, vocabulary: Vocabulary) -> list[Diagnostic]:
    """What is wrong with the dictionary at ``path`` (content/dictionary.txt, optional), as warnings: its lines
    (``read_dictionary``) and its words that the vocabularies already teach (a word has one place)."""
    if not os.path.exists(path):
        return []
    words, diagnostics = read_dictionary(path)
    taught = set(search_words(vocabulary))
    diagnostics += [Diagnostic(path, line, 1, "", f"{word!r} is already a name or keyword in the vocabularies "
                               "(content/themes.yaml, content/departments.yaml): list it in one place only",
                               "warning") for word, line in words.items() if word in taught]
    return diagnostics


def anchor_dictionaries(search_config, folder: str) -> None:
    """Make the jieba dictionary paths in the ``search_config`` of Material's search plugin relative to
    ``folder``, mkdocs.yml's."""
    for option in ("jieba_dict", "jieba_dict_user"):
        path = search_config.get(option)
        if path and not os.path.isabs(path):
            search_config[option] = os.path.join(folder, path)


def search_words(vocabulary: Vocabulary) -> list[str]:
    """Words the search index must keep whole: theme names and keywords, and the names, full names
    and aliases of units (基教科, 基础教育科, 体卫艺科).  A full name kept whole is still found by a word
    it starts with (基础教育, a prefix); cut (基础教育/科), it was not found by itself, as staff type it.
    Collectives (各县区教育行政部门) are left to jieba, which cuts them into words people search for
    (行政部门)."""
    names = [n for t in vocabulary.themes for n in (t.name, *t.keywords)]
    names += [n for d in vocabulary.departments if d.kind != "统称" for n in (d.name, d.full_name, *d.aliases)]
    return sorted({n.strip() for n in names if n.strip()})


def teach_segmenter(vocabulary: Vocabulary) -> None:
    """Make jieba, which Material's search plugin uses in this process, keep the vocabulary's names whole.

    Search queries are split on spaces only, so a name jieba cuts in two (基教科 → 基/教科)
    could not be found by typing it.

    jieba is first put back as it was before this process taught it anything: each word it
    learns adds to the total of its frequencies, so a second build in one process (a rebuild of
    ``plansite serve``) would otherwise cut some texts differently (民生工程项目).
    """
    import jieba

    jieba.setLogLevel(logging.WARNING)
    _untaught(jieba.dt)
    for word in search_words(vocabulary):
        jieba.add_word(word)


@functools.cache
def _dictionary(tokenizer) -> tuple[dict[str, int], int]:
    """``tokenizer``'s word frequencies and their total before this process taught it any word."""
    tokenizer.check_initialized()
    return dict(tokenizer.FREQ), tokenizer.total


def _untaught(tokenizer) -> None:
    frequencies, total = _dictionary(tokenizer)
    tokenizer.FREQ, tokenizer.total = dict(frequencies), total


def remember_cuts() -> Callable[[], None]:
    """Make ``jieba.cut`` (in its default mode) remember the cut of each text, until the returned function,
    which restores it, is called.

    For the length of one build, once every dictionary is loaded: a word jieba learned afterwards would not
    change a cut it remembers.
    """
    import jieba

    original = jieba.cut

    @functools.lru_cache(maxsize=CUTS_KEPT)
    def cut_text(text: str) -> tuple[str, ...]:
        return tuple(original(text))

    def cut(sentence, cut_all=False, HMM=True, use_paddle=False):
        if cut_all or not HMM or use_paddle:
            return original(sentence, cut_all, HMM, use_paddle)
        return iter(cut_text(sentence.decode("utf-8") if isinstance(sentence, bytes) else sentence))

    def forget() -> None:
        jieba.cut = original

    jieba.cut = cut
    return forget
