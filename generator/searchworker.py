"""Material's search worker, repaired and reading short addresses, published in place of the original.

Material (9.8) cuts a Chinese query into words of the search index before
searching (``segment`` in its ``integrations/search/query/segment``): for each
position of the query it looks for the longest index word starting there, but
its inner loop stops one character before the end of the query
(``for (j = i + 1; j < query.length; j++)``).  A query is therefore never
looked up whole and its last character never belongs to a word: 基教科 is
searched as 基*, 学生资助 as 学生*, 县管校聘 as 县管* 校* (the ``*`` makes each a
prefix, so 基* matches every word starting with 基).  On the query list
(tests/search_queries.yaml) this one bound costs a fifth of the expected items.

The built index writes a section's address by its anchor alone (``#item-1-1``,
see ``searchindex``).  Before the worker maps addresses to entries
(``setupSearchDocumentMap`` in its ``integrations/search/config``), an address
starting with ``#`` gets back the page address of the entry before it: the
worker then searches, groups and links the addresses Material wrote.  An index
Material wrote itself (a preview) is read the same: its only such addresses are
the home page's sections (``#如何检索``), after the home page's own entry ("").

``repaired_worker`` returns the installed Material's worker with that bound
made inclusive (``<`` → ``<=``) and the addresses completed, under the worker's
own path in docs/: MkDocs copies a theme file only when docs/ has no file of
that name, so the site serves the repaired worker and nothing else changes.
When the faulty loop or the document map is not found exactly once (a Material
upgrade fixed or rewrote it) this stops the build, so that the repair is
re-checked rather than silently dropped or misapplied.
"""

from __future__ import annotations

import re
from functools import cache
from importlib import resources

WORKERS = "assets/javascripts/workers"
# The minified loop: for(let o=s+1;o<t.length;o++)t.slice(s,o)in e  (names vary between builds).
FAULTY_LOOP = re.compile(r"for\(let (\w+)=(\w+)\+1;\1<(\w+)\.length;\1\+\+\)\3\.slice\(\2,\1\)in ")
# The document map's loop, where a statement may begin: for(let r of t){let[n]=r.location.split("#")
DOCUMENT_MAP = re.compile(r'(?<=[;{])for\(let (\w+) of \w+\)\{let\[\w+\]=\1\.location\.split\("#"\)')
_PAGE = "plansitePage"  # in the repaired worker: the page address of the entry before


class WorkerChanged(RuntimeError):
    pass


def _once(pattern: re.Pattern, source: str, what: str, check: str) -> None:
    found = len(pattern.findall(source))
    if found != 1:
        raise WorkerChanged(
            f"Material's search worker has {found} copies of {what} this project repairs (expected 1): "
            f"check {check}, then update or remove generator/searchworker.py")


def _inclusive(loop: re.Match) -> str:
    return loop[0].replace(f"{loop[1]}<{loop[3]}.length", f"{loop[1]}<={loop[3]}.length")


def _completing(loop: re.Match) -> str:
    entry, page = f"{loop[1]}.location", _PAGE
    complete = f'{entry}[0]=="#"&&({entry}={page}+{entry});{page}={entry}.split("#")[0];'
    return f'let {page}="";' + loop[0].replace("{", "{" + complete, 1)


def reading_anchors(source: str) -> str:
    """``source`` (the minified worker) completing the addresses the index gives by their anchors."""
    _once(DOCUMENT_MAP, source, "the document map's loop", "whether Material still maps an address to its entry so")
    return DOCUMENT_MAP.sub(_completing, source)


def repair(source: str) -> str:
    """``source`` (the minified worker) with the segmentation loop's bound made inclusive, reading anchors."""
    _once(FAULTY_LOOP, source, "the query segmentation loop",
          "whether Material still drops the last character of Chinese queries")
    return reading_anchors(FAULTY_LOOP.sub(_inclusive, source))


def material_worker() -> tuple[str, str]:
    """The search worker of the Material installed here: its path in the site and its source."""
    folder = resources.files("material").joinpath("templates", *WORKERS.split("/"))
    [worker] = [entry for entry in folder.iterdir() if re.fullmatch(r"search\.\w+\.min\.js", entry.name)]
    return f"{WORKERS}/{worker.name}", worker.read_text(encoding="utf-8")


@cache
def repaired_worker() -> dict[str, bytes]:
    """{path in docs/: repaired worker} for the Material installed here."""
    path, source = material_worker()
    return {path: repair(source).encode("utf-8")}
