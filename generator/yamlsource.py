"""Read a YAML file into plain data plus the source location of every value.

PyYAML alone loses line numbers and silently keeps the last of two duplicate
keys.  Here the file is composed into nodes, then converted by hand so that
every value's position is recorded, duplicate keys are reported, and anchors,
aliases and absurd nesting (the usual YAML bombs) are refused.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field

import yaml

from .diagnostics import Diagnostic, field_path

try:  # the C loader is several times faster; fall back where libyaml is missing
    _Loader = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - depends on the PyYAML build
    _Loader = yaml.SafeLoader

MAX_BYTES = 8 * 1024 * 1024
MAX_DEPTH = 64

Path = tuple  # a path into the document: keys and list indexes


@dataclass
class Document:
    """A YAML file as plain data, with a location for each path into it."""

    path: str
    data: object
    locations: dict[Path, tuple[int, int]] = field(default_factory=dict)
    key_locations: dict[Path, tuple[int, int]] = field(default_factory=dict)

    def where(self, path: Path) -> tuple[int, int]:
        """Line and column of the value at ``path``, or of its nearest parent."""
        while path not in self.locations and path:
            path = path[:-1]
        return self.locations.get(path, (0, 0))

    def key_where(self, path: Path) -> tuple[int, int]:
        """Line and column of the key that holds ``path`` (where a missing field belongs)."""
        return self.key_locations.get(path) or self.where(path)

    def diagnostic(self, path: Path, message: str, severity="error", *, at_key=False) -> Diagnostic:
        line, column = self.key_where(path) if at_key else self.where(path)
        return Diagnostic(self.path, line, column, field_path(path), message, severity)


class _Refused(Exception):
    def __init__(self, node: yaml.Node | None, message: str):
        super().__init__(message)
        self.node = node
        self.message = message


def _mark(node: yaml.Node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


def read_text(path: str) -> tuple[str | None, list[Diagnostic]]:
    """The file's text as UTF-8, or a diagnostic saying why it cannot be read."""
    try:
        size = os.path.getsize(path)
        if size > MAX_BYTES:
            return None, [Diagnostic(path, 0, 0, "", f"file is {size:,} bytes; the limit is {MAX_BYTES:,}")]
        raw = open(path, "rb").read()
    except OSError as exc:
        return None, [Diagnostic(path, 0, 0, "", f"cannot read file: {exc.strerror}")]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        column = exc.start - (before.rfind(b"\n") + 1) + 1
        return None, [Diagnostic(path, line, column, "", "file is not UTF-8 (save it as UTF-8; "
                                 f"byte 0x{raw[exc.start]:02x} cannot be decoded)")]
    return text.removeprefix("\ufeff"), []


def load(path: str, text: str | None = None) -> tuple[Document | None, list[Diagnostic]]:
    """Parse a YAML file; on failure return ``None`` and the diagnostics."""
    if text is None:
        text, problems = read_text(path)
        if text is None:
            return None, problems
    loader = _Loader(text)
    try:
        root = loader.get_single_node()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (0, 0)
        message = " ".join(filter(None, [exc.context, exc.problem])) or str(exc)
        return None, [Diagnostic(path, line, column, "", f"YAML syntax error: {message}")]
    except yaml.YAMLError as exc:
        return None, [Diagnostic(path, 0, 0, "", f"YAML error: {exc}")]
    finally:
        loader.dispose()
    document = Document(path, None)
    if root is None:
        return document, []
    problems: list[Diagnostic] = []
    try:
        document.data = _convert(root, (), document, problems, loader, 0, set())
    except _Refused as exc:
        line, column = _mark(exc.node) if exc.node is not None else (0, 0)
        return None, [Diagnostic(path, line, column, "", exc.message)]
    if any(p.severity == "error" for p in problems):
        return None, problems
    return document, problems


def _convert(node, path, document, problems, loader, depth, seen):
    if depth > MAX_DEPTH:
        raise _Refused(node, f"nesting deeper than {MAX_DEPTH} levels is not allowed")
    if id(node) in seen:  # the composer hands back the anchored node itself for an alias
        raise _Refused(node, "this value is reused through a YAML alias (*name); anchors and aliases are not allowed in plan files")
    seen.add(id(node))
    document.locations[path] = _mark(node)
    if isinstance(node, yaml.MappingNode):
        result = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                raise _Refused(key_node, "mapping keys must be plain strings")
            key = key_node.value
            if key == "<<":
                raise _Refused(key_node, "YAML merge keys (<<) are not allowed in plan files")
            if key in result:
                first = document.key_locations[path + (key,)]
                line, column = _mark(key_node)
                problems.append(Diagnostic(document.path, line, column, field_path(path + (key,)),
                                           f"duplicate key {key!r} (first defined at line {first[0]})"))
                continue
            document.key_locations[path + (key,)] = _mark(key_node)
            result[key] = _convert(value_node, path + (key,), document, problems, loader, depth + 1, seen)
        return result
    if isinstance(node, yaml.SequenceNode):
        return [_convert(child, path + (i,), document, problems, loader, depth + 1, seen)
                for i, child in enumerate(node.value)]
    try:
        return loader.construct_object(node, deep=True)
    except yaml.constructor.ConstructorError as exc:
        raise _Refused(node, f"cannot read value: {exc.problem}") from None
