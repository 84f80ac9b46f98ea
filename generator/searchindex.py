"""Material's search index written as UTF-8 rather than ASCII escapes.

Material's search plugin writes ``search/search_index.json`` with
``json.dumps``' default ``ensure_ascii=True``: every Chinese character becomes
a six-byte ``\\uXXXX`` escape where UTF-8 needs three, so the index a reader's
browser downloads is about twice the size of the text it holds.  ``compact``
rewrites the file with each run of escapes replaced by the characters it
stands for (``"``, ``\\`` and control characters stay escaped, as JSON
requires).  The search worker ``fetch``es the file and parses it as JSON,
which is always decoded as UTF-8, so it reads the same documents.

The file is rewritten a chunk at a time, without parsing it: at 10,000 plans
the index is 400 MB, and parsing it took more memory than the rest of the
build.  A chunk ends only where no escape can be cut: before a backslash with
no other backslash in the 12 characters before it (an escape, or a surrogate
pair of two, is at most 12 characters).  A run of escapes is decoded with the
``unicode_escape`` codec, and kept so when it stands for characters JSON holds
as they are (Chinese, nearly always); any other run goes through ``json``,
which escapes again what must be (1.8 s instead of 3.3 s for the 76 MB index of
1,000 plans, the same bytes).  Full-width digits, letters, ％ and ． are written
in ASCII (``fullwidth``), as the search field folds what a reader types.
"""

from __future__ import annotations

import json
import os
import re

from .fullwidth import fold

INDEX = os.path.join("search", "search_index.json")
CHUNK = 1 << 24  # characters read at a time
_LONGEST_ESCAPE = 12  # a surrogate pair, as in \ud83d\ude00
# An escaped backslash, or a run of \uXXXX escapes; scanned from the left, so the backslash of an escaped
# backslash never starts an escape of its own.
_ESCAPES = re.compile(r"\\\\|(?:\\u[0-9a-fA-F]{4})+")
_SURROGATE = re.compile(r"\\u[dD][89abcdefABCDEF]")
# Characters json.dumps(ensure_ascii=False) writes as they are: not a control character, a quote or a backslash
# (written escaped), nor a surrogate (one of a pair, which only json.loads joins).
_AS_IT_IS = re.compile(r'[^\x00-\x1f"\\\ud800-\udfff]*')


def _unescape(match: re.Match) -> str:
    escaped = match.group()
    if escaped == "\\\\":
        return escaped
    text = escaped.encode("ascii").decode("unicode_escape")
    if _AS_IT_IS.fullmatch(text):  # most runs: Chinese, which JSON holds as it is
        return text
    text = json.dumps(json.loads(f'"{escaped}"'), ensure_ascii=False)[1:-1]
    if _SURROGATE.search(escaped):
        try:
            text.encode("utf-8")
        except UnicodeEncodeError:  # a lone surrogate, which only an escape can write
            return escaped
    return text


def _cut(text: str) -> int:
    """The last position in ``text`` where a chunk may end (0: none, read on)."""
    at = len(text)
    while at > 0:
        backslash = text.rfind("\\", max(0, at - _LONGEST_ESCAPE), at)
        if backslash < 0:
            return at
        at = backslash
    return 0


def compact(site_dir: str) -> tuple[int, int] | None:
    """Rewrite the search index of a built site in UTF-8; its size (before, after), or None without one."""
    path = os.path.join(site_dir, INDEX)
    if not os.path.exists(path):
        return None
    rewritten = path + ".utf-8"
    with open(path, encoding="utf-8") as source, open(rewritten, "w", encoding="utf-8") as target:
        pending = ""
        while chunk := source.read(CHUNK):
            pending += chunk
            cut = _cut(pending)
            target.write(fold(_ESCAPES.sub(_unescape, pending[:cut])))
            pending = pending[cut:]
        target.write(fold(_ESCAPES.sub(_unescape, pending)))
    before = os.path.getsize(path)
    os.replace(rewritten, path)
    return before, os.path.getsize(path)


def indexed_text_bytes(site_dir: str) -> int:
    """The UTF-8 size of the text the index holds to be searched: every document's title and text."""
    with open(os.path.join(site_dir, INDEX), encoding="utf-8") as file:
        docs = json.load(file)["docs"]
    return sum(len((doc["title"] + doc["text"]).encode("utf-8")) for doc in docs)
