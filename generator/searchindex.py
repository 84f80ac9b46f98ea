"""Material's search index written as UTF-8 rather than ASCII escapes.

Material's search plugin writes ``search/search_index.json`` with
``json.dumps``' default ``ensure_ascii=True``: every Chinese character becomes
a six-byte ``\\uXXXX`` escape where UTF-8 needs three, so the index a reader's
browser downloads is about twice the size of the text it holds.  ``compact``
rewrites the file with each run of escapes replaced by the characters it
stands for (``"``, ``\\`` and control characters stay escaped, as JSON
requires).  The search worker ``fetch``es the file and parses it as JSON,
which is always decoded as UTF-8, so it reads the same documents.

Material writes a page's entries one after the other, its own first (without
an anchor: ``plans/x/``), then its sections (``plans/x/#item-1-1``).  A section
is written with its anchor alone (``#item-1-1``): the search worker the site
publishes (``searchworker``) puts back the page's address, the entry's before
it, so it searches and links the same addresses (the site's own anchors).  On
the example site a section's page address was a sixth of the index beyond its
text.

The file is rewritten a chunk at a time, without parsing it: at 10,000 plans
the index is 400 MB, and parsing it took more memory than the rest of the
build.  A chunk ends where an entry begins (``{"location":``, which the text
of an entry holds only escaped, ``{\\"location\\":``), so that neither an
escape nor an address is cut.  A run of escapes is decoded with the
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
_ENTRY = '{"location":'
# An entry's address: its page's (no #: JSON never escapes it) and its anchor, escapes kept as they are.
_ADDRESS = re.compile(r'\{"location":"((?:[^"\\#]|\\.)*)((?:[^"\\]|\\.)*)"')
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


class _Anchors:
    """Each entry's address without its page's when the entry before it is of the same page."""

    def __init__(self):
        self.page = ""  # the page of the entry before (none yet: the home page's address, "")

    def __call__(self, match: re.Match) -> str:
        page, anchor = match.groups()
        shown = anchor if anchor and page == self.page else page + anchor
        self.page = page
        return f'{_ENTRY}"{shown}"'


def of_build(config):
    """Material's search index of this build (its entries so far), if its search plugin is on; else None."""
    search = config.plugins.get("material/search")
    return search.search_index if search is not None and search.config.enabled else None


def compact(site_dir: str) -> tuple[int, int] | None:
    """Rewrite the search index of a built site in UTF-8, sections' addresses by their anchors; its size
    (before, after), or None without one."""
    path = os.path.join(site_dir, INDEX)
    if not os.path.exists(path):
        return None
    rewritten = path + ".utf-8"
    anchors = _Anchors()
    with open(path, encoding="utf-8") as source, open(rewritten, "w", encoding="utf-8") as target:
        pending = ""
        while chunk := source.read(CHUNK):
            pending += chunk
            cut = max(0, pending.rfind(_ENTRY))
            target.write(fold(_ESCAPES.sub(_unescape, _ADDRESS.sub(anchors, pending[:cut]))))
            pending = pending[cut:]
        target.write(fold(_ESCAPES.sub(_unescape, _ADDRESS.sub(anchors, pending))))
    before = os.path.getsize(path)
    os.replace(rewritten, path)
    return before, os.path.getsize(path)


def documents(site_dir: str) -> list[dict]:
    """The entries of a built site's index with their whole addresses, as the search worker reads them."""
    with open(os.path.join(site_dir, INDEX), encoding="utf-8") as file:
        docs = json.load(file)["docs"]
    page = ""
    for doc in docs:
        if doc["location"].startswith("#"):
            doc["location"] = page + doc["location"]
        page = doc["location"].split("#", 1)[0]
    return docs


def indexed_text_bytes(site_dir: str) -> int:
    """The UTF-8 size of the text the index holds to be searched: every document's title and text."""
    return sum(len((doc["title"] + doc["text"]).encode("utf-8")) for doc in documents(site_dir))
