"""Material's search worker with its Chinese query segmentation repaired, published in place of the original.

Material (9.8) cuts a Chinese query into words of the search index before
searching (``segment`` in its ``integrations/search/query/segment``): for each
position of the query it looks for the longest index word starting there, but
its inner loop stops one character before the end of the query
(``for (j = i + 1; j < query.length; j++)``).  A query is therefore never
looked up whole and its last character never belongs to a word: 基教科 is
searched as 基*, 学生资助 as 学生*, 县管校聘 as 县管* 校* (the ``*`` makes each a
prefix, so 基* matches every word starting with 基).  On the query list
(tests/search_queries.yaml) this one bound costs a fifth of the expected items.

``repaired_worker`` returns the installed Material's worker with that bound
made inclusive (``<`` → ``<=``), under the worker's own path in docs/: MkDocs
copies a theme file only when docs/ has no file of that name, so the site
serves the repaired worker and nothing else changes.  When the faulty loop is
not found exactly once (a Material upgrade fixed or rewrote it) this stops the
build, so that the repair is re-checked rather than silently dropped or
misapplied.
"""

from __future__ import annotations

import re
from functools import cache
from importlib import resources

WORKERS = "assets/javascripts/workers"
# The minified loop: for(let o=s+1;o<t.length;o++)t.slice(s,o)in e  (names vary between builds).
FAULTY_LOOP = re.compile(r"for\(let (\w+)=(\w+)\+1;\1<(\w+)\.length;\1\+\+\)\3\.slice\(\2,\1\)in ")


class WorkerChanged(RuntimeError):
    pass


def repair(source: str) -> str:
    """``source`` (the minified worker) with the segmentation loop's bound made inclusive."""
    found = FAULTY_LOOP.findall(source)
    if len(found) != 1:
        raise WorkerChanged(
            f"Material's search worker has {len(found)} copies of the query segmentation loop this project "
            "repairs (expected 1): check whether Material still drops the last character of Chinese queries, "
            "then update or remove generator/searchworker.py")
    return FAULTY_LOOP.sub(lambda m: m.group(0).replace(f"{m[1]}<{m[3]}.length", f"{m[1]}<={m[3]}.length"),
                           source)


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
