"""Material's search index written as UTF-8 rather than ASCII escapes.

Material's search plugin writes ``search/search_index.json`` with
``json.dumps``' default ``ensure_ascii=True``: every Chinese character becomes
a six-byte ``\\uXXXX`` escape where UTF-8 needs three, so the index a reader's
browser downloads is about twice the size of the text it holds.  ``compact``
rewrites the file with the same data and ``ensure_ascii=False``.  The search
worker ``fetch``es the file and parses it as JSON, which is always decoded as
UTF-8, so it reads exactly the same documents.
"""

from __future__ import annotations

import json
import os

INDEX = os.path.join("search", "search_index.json")


def compact(site_dir: str) -> tuple[int, int] | None:
    """Rewrite the search index of a built site in UTF-8; its size (before, after), or None without one.

    A lone surrogate (which only an escape can write) leaves the file as it is.
    """
    path = os.path.join(site_dir, INDEX)
    if not os.path.exists(path):
        return None
    with open(path, "rb") as file:
        raw = file.read()
    try:
        compacted = json.dumps(json.loads(raw), ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    except UnicodeEncodeError:
        return len(raw), len(raw)
    with open(path, "wb") as file:
        file.write(compacted)
    return len(raw), len(compacted)


def indexed_text_bytes(site_dir: str) -> int:
    """The UTF-8 size of the text the index holds to be searched: every document's title and text."""
    with open(os.path.join(site_dir, INDEX), encoding="utf-8") as file:
        docs = json.load(file)["docs"]
    return sum(len((doc["title"] + doc["text"]).encode("utf-8")) for doc in docs)
