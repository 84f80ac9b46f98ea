"""The comments a curator wrote in a plan file, which a merge, writing the file anew from its data, would drop."""

from __future__ import annotations

import re

import yaml

from .draft import SCHEMA_COMMENT

_BLOCK_HEADER = re.compile(r"[|>][-+0-9]*[ \t]+(#)")  # a block scalar's first line: | or >, then a comment


def comments(text: str) -> list[tuple[int, str]]:
    """(line, comment) for each comment of the YAML ``text``, but the schema comment the importer writes at its
    head.  A '#' outside every token of the YAML starts a comment, and so does one after a block scalar's | or >
    (inside the scalar's token)."""
    starts, position = [], 0
    for token in yaml.scan(text, Loader=yaml.SafeLoader):
        start, end = token.start_mark.index, token.end_mark.index
        header = _BLOCK_HEADER.match(text, start) if getattr(token, "style", None) in ("|", ">") else None
        starts += _starts(text, position, start) + ([header.start(1)] if header else [])
        position = max(position, end)
    starts += _starts(text, position, len(text))
    lines = [(text.count("\n", 0, i) + 1, text[i:].split("\n", 1)[0].rstrip()) for i in sorted(set(starts))]
    return [(line, comment) for line, comment in lines if (line, comment) != (1, SCHEMA_COMMENT.strip())]


def _starts(text: str, start: int, end: int) -> list[int]:
    """Where comments start between ``start`` and ``end``, which hold no token (a comment runs to its line's
    end)."""
    found = []
    index = text.find("#", start, end)
    while index != -1:
        found.append(index)
        line_end = text.find("\n", index, end)
        index = -1 if line_end == -1 else text.find("#", line_end, end)
    return found
