"""Read a YAML file into plain data plus the source location of every value.

PyYAML alone loses line numbers and silently keeps the last of two duplicate
keys.  Here the file is composed into nodes, then converted by hand so that
every value's position is recorded and duplicate keys are reported.

Before any node is built, the event stream is screened (``_screen``) for what
would make composing unsafe: anchors and aliases (the "billion laughs" bomb
reuses values), nesting deeper than ``MAX_DEPTH`` (PyYAML's composer
recurses, and its C version overflows the stack on a few hundred thousand
brackets) and more than ``MAX_VALUES`` values (memory grows by about a
kilobyte per value).  With ``MAX_BYTES`` this bounds what one file may cost.
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
MAX_VALUES = 100_000  # the largest curated plan has under 3,000

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
    def __init__(self, node: yaml.Node, path: Path, message: str):
        super().__init__(message)
        self.node = node
        self.path = path
        self.message = message


def _mark(node: yaml.Node | yaml.Event) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


def _line_column(text: str, index: int) -> tuple[int, int]:
    before = text[:index]
    return before.count("\n") + 1, index - (before.rfind("\n") + 1) + 1


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
        valid = raw[: exc.start].decode("utf-8")
        line, column = _line_column(valid, len(valid))
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
        refusal = _screen(text, path)
        if refusal:
            return None, [refusal]
        root = loader.get_single_node()
    except yaml.reader.ReaderError as exc:
        line, column = _line_column(text, max(text.find(chr(exc.character)), 0))
        return None, [Diagnostic(path, line, column, "", f"character U+{exc.character:04X} is not allowed in "
                                 f"YAML ({exc.reason}); remove it")]
    except yaml.MarkedYAMLError as exc:
        return None, [_syntax_error(path, exc, ())]
    except yaml.YAMLError as exc:
        return None, [Diagnostic(path, 0, 0, "", f"YAML error: {exc}")]
    finally:
        loader.dispose()
    document = Document(path, None)
    if root is None:
        return document, []
    problems: list[Diagnostic] = []
    try:
        document.data = _convert(root, (), document, problems, loader)
    except _Refused as exc:
        line, column = _mark(exc.node)
        return None, [Diagnostic(path, line, column, field_path(exc.path), exc.message)]
    if any(p.severity == "error" for p in problems):
        return None, problems
    return document, problems


def _screen(text: str, path: str) -> Diagnostic | None:
    """The first syntax error, anchor, alias, too deep collection or value over the limit, read from the
    event stream.

    Events are read one at a time and not kept, so this costs no stack and no
    memory per value whatever the file holds.  The field path of each event is
    tracked to say where the problem is.
    """
    frames: list[list] = []  # per open collection: [is a mapping, events read in it, current key]
    values = 0
    try:
        for event in yaml.parse(text, Loader=_Loader):
            if isinstance(event, yaml.CollectionEndEvent):
                frames.pop()
                continue
            if not isinstance(event, yaml.NodeEvent):
                continue
            if frames:
                frame = frames[-1]
                if frame[0] and frame[1] % 2 == 0:  # a mapping's even events are its keys
                    frame[2] = event.value if isinstance(event, yaml.ScalarEvent) else "?"
                frame[1] += 1
            values += 1
            problem = _refusal(event, len(frames), values)
            if problem:
                where = tuple(frame[2] if frame[0] else frame[1] - 1 for frame in frames)
                return Diagnostic(path, *_mark(event), field_path(where), problem)
            if isinstance(event, yaml.CollectionStartEvent):
                frames.append([isinstance(event, yaml.MappingStartEvent), 0, None])
    except yaml.MarkedYAMLError as exc:
        return _syntax_error(path, exc, _unfinished(frames))
    return None


def _unfinished(frames: list[list]) -> Path:
    """The path of the value being read when the parser stopped (it has no event yet)."""
    where = [frame[2] if frame[0] else frame[1] - 1 for frame in frames[:-1]]
    if frames:
        is_mapping, count, key = frames[-1]
        if not is_mapping:
            where.append(count)
        elif count % 2:  # after a key: in its value (else between keys: the mapping itself)
            where.append(key)
    return tuple(where)


def _syntax_error(path: str, exc: yaml.MarkedYAMLError, where: Path) -> Diagnostic:
    mark = exc.problem_mark or exc.context_mark
    line, column = (mark.line + 1, mark.column + 1) if mark else (0, 0)
    message = " ".join(filter(None, [exc.context, exc.problem])) or str(exc)
    return Diagnostic(path, line, column, field_path(where), f"YAML syntax error: {message}")


def _refusal(event: yaml.NodeEvent, depth: int, values: int) -> str | None:
    if isinstance(event, yaml.AliasEvent):
        return (f"this value reuses another through the YAML alias *{event.anchor}; anchors and aliases are "
                "not allowed in plan files: write the value out")
    if event.anchor is not None:
        return f"YAML anchors (&{event.anchor}) and aliases are not allowed in plan files: write each value out"
    if isinstance(event, yaml.CollectionStartEvent) and depth >= MAX_DEPTH:
        return f"nesting deeper than {MAX_DEPTH} levels is not allowed"
    if values > MAX_VALUES:
        return f"more than {MAX_VALUES:,} values in one file; split it or remove what is repeated"
    return None


def _convert(node, path, document, problems, loader):
    document.locations[path] = _mark(node)
    if isinstance(node, yaml.MappingNode):
        result = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                raise _Refused(key_node, path, "mapping keys must be plain strings")
            key = key_node.value
            if key == "<<":
                raise _Refused(key_node, path, "YAML merge keys (<<) are not allowed in plan files")
            if key in result:
                first = document.key_locations[path + (key,)]
                line, column = _mark(key_node)
                problems.append(Diagnostic(document.path, line, column, field_path(path + (key,)),
                                           f"duplicate key {key!r} (first defined at line {first[0]})"))
                continue
            document.key_locations[path + (key,)] = _mark(key_node)
            result[key] = _convert(value_node, path + (key,), document, problems, loader)
        return result
    if isinstance(node, yaml.SequenceNode):
        return [_convert(child, path + (i,), document, problems, loader) for i, child in enumerate(node.value)]
    try:
        return loader.construct_object(node, deep=True)
    except yaml.constructor.ConstructorError as exc:
        raise _Refused(node, path, f"cannot read value: {exc.problem}") from None
    except Exception as exc:  # noqa: BLE001 - the safe constructors raise ValueError and others on bad values
        detail = f" ({exc})" if isinstance(exc, ValueError) else ""
        raise _Refused(node, path, f"{node.value!r} is not {_TAG_NAMES.get(node.tag, 'a valid value')}"
                       f"{detail}") from None


_TAG_NAMES = {"tag:yaml.org,2002:timestamp": "a valid date (YYYY-MM-DD)", "tag:yaml.org,2002:int": "an integer",
              "tag:yaml.org,2002:float": "a number", "tag:yaml.org,2002:binary": "valid base64 data"}
