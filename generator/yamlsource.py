"""Read a YAML file into plain data plus the source location of every value.

PyYAML alone loses line numbers and silently keeps the last of two duplicate
keys.  Here the data is built by hand from PyYAML's event stream, in one pass
(``_Reader``), so that every value's position is recorded and duplicate keys
are reported; scalars get the values PyYAML's safe loader gives them, but for numbers YAML 1.1 reads
otherwise than they look (010, 1:20, 0x1F, 1_000, 1:13.5), which stay text as written (``_implicit_tag``).
Most documents are never asked for a location, so ``load`` builds the data alone first and the positions
when they are first asked for, from the text read (a file with a problem is read with them at once).

The same pass screens the stream for what would make the data unsafe to
build: anchors and aliases (the "billion laughs" bomb reuses values),
nesting deeper than ``MAX_DEPTH`` (decoding recurses) and more than ``MAX_VALUES`` values
(memory grows by about a kilobyte per value).  With ``MAX_BYTES`` this
bounds what one file may cost.

A syntax error is reported in PyYAML's words, with advice where the text shows
which slip caused it (``yamlhints``): a full-width colon after a key, a value
starting with a YAML indicator, a key indented otherwise than its siblings.
"""

from __future__ import annotations

import errno
import os
import pickle
import re
import stat
import sys
from dataclasses import dataclass, field
from typing import IO

import yaml

from .diagnostics import Diagnostic, field_path
from .yamlhints import hint, source_line

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

    def value_at(self, path: Path):
        """The value at ``path`` as read, before decoding; None where there is none."""
        value = self.data
        for key in path:
            try:
                value = value[key]
            except (KeyError, IndexError, TypeError):
                return None
        return value

    def key_where(self, path: Path) -> tuple[int, int]:
        """Line and column of the key that holds ``path`` (where a missing field belongs)."""
        return self.key_locations.get(path) or self.where(path)

    def diagnostic(self, path: Path, message: str, severity="error", *, at_key=False) -> Diagnostic:
        line, column = self.key_where(path) if at_key else self.where(path)
        return Diagnostic(self.path, line, column, field_path(path), message, severity)

    def __reduce__(self):
        """Pickled (plan files are read in forked processes) with what it holds (its data and locations, or
        its data and the text to locate them in) as one bytes object, unpickled when first read
        (``__getattr__``).  Most documents are dropped once validated without a location being asked for
        (``load.without_documents``); unpickled, their millions of small objects were most of a large site's
        heap, scattered among the plans' objects where freeing them gave no memory back (10,000 plans: 2.2 GB,
        which each forked renderer then copied as it touched the plans).  A document not yet read again from its
        file (``reread``) stays so."""
        if "_packed" in self.__dict__:
            self._unpack()
        held = {name: self.__dict__[name] for name in _HELD if name in self.__dict__}
        if not held:
            return reread, (self.path,)
        return _received, (self.path, pickle.dumps(held, pickle.HIGHEST_PROTOCOL))

    def __getattr__(self, name: str):
        # Called only for an attribute not set: the fields of a document pickled by ``__reduce__``, of one
        # whose locations are found when first asked for (``load``), or of one to read again from its file
        # (``reread``).
        if name not in _FIELDS:
            raise AttributeError(name)
        self._unpack()
        if name not in self.__dict__:
            text = self.__dict__.pop("_text", None)
            if text is None:
                text, _ = read_text(self.path)
            document, _ = _read(self.path, text, locating=True) if text is not None else (None, [])
            found = (document.data, document.locations, document.key_locations) if document else (None, {}, {})
            for field_name, value in zip(_FIELDS, found):
                self.__dict__.setdefault(field_name, value)  # (data already read stays the object it is)
        return self.__dict__[name]

    def _unpack(self) -> None:
        packed = self.__dict__.pop("_packed", None)
        if packed is not None:
            self.__dict__.update(pickle.loads(packed))


_FIELDS = ("data", "locations", "key_locations")
_HELD = (*_FIELDS, "_text")  # "_text": the text a document's locations are to be found in (``load``)


def reread(path: str) -> Document:
    """The document of the file ``path``, read when a field is first asked for: that of a plan whose model
    came from ``plancache``, and which, like most, may never be asked for a location.  (Were the file
    changed in between, its locations would be those of the new text; unreadable, there are none.)"""
    document = object.__new__(Document)
    document.path = path
    return document


def _received(path: str, packed: bytes) -> Document:
    """A document as ``Document.__reduce__`` pickled it: its fields are unpickled when first read."""
    document = object.__new__(Document)
    document.path, document._packed = path, packed
    return document


@dataclass
class _Refused:
    """Why the data cannot be built: at which event, and the path of the value."""

    event: yaml.Event
    path: Path
    message: str


def _mark(event: yaml.Event) -> tuple[int, int]:
    return event.start_mark.line + 1, event.start_mark.column + 1


def _line_column(text: str, index: int) -> tuple[int, int]:
    before = text[:index]
    return before.count("\n") + 1, index - (before.rfind("\n") + 1) + 1


def special_file(path: str) -> bool:
    """Whether ``path`` is a FIFO, a socket or a device: reading one waits for a writer, maybe for ever."""
    try:
        mode = os.stat(path).st_mode
    except OSError:  # (opening it says why)
        return False
    return not (stat.S_ISREG(mode) or stat.S_ISDIR(mode))


SPECIAL_FILE = "it is a FIFO, a socket or a device, not a file"  # why ``special_file`` is not read


class SpecialFile(OSError):
    """What ``open_to_read`` raises for a ``special_file``, which it does not open: its ``strerror`` is
    ``SPECIAL_FILE``, so the readers saying why a file cannot be read say it as they say any other reason."""

    def __init__(self, path: str):
        super().__init__(errno.EINVAL, SPECIAL_FILE, path)


def open_to_read(path: str, mode: str = "rb", **options) -> IO:
    """``open(path, mode, **options)`` of a file to be read, but ``SpecialFile`` for a FIFO, a socket or a device:
    how the generator opens each input it reads itself, so that none waits for a writer."""
    if special_file(path):
        raise SpecialFile(path)
    return open(path, mode, **options)


def cannot_read(path: str, why: str) -> Diagnostic:
    """The error of a file that cannot be read, saying why (it concerns the whole file: no line)."""
    return Diagnostic(path, 0, 0, "", f"cannot read file: {why}")


def read_text(path: str) -> tuple[str | None, list[Diagnostic]]:
    """The file's text as UTF-8, or a diagnostic saying why it cannot be read."""
    try:
        with open_to_read(path) as file:
            size = os.fstat(file.fileno()).st_size
            if size > MAX_BYTES:
                return None, [Diagnostic(path, 0, 0, "", f"file is {size:,} bytes; the limit is {MAX_BYTES:,}")]
            raw = file.read()
    except OSError as exc:
        return None, [cannot_read(path, exc.strerror)]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        valid = raw[: exc.start].decode("utf-8")
        line, column = _line_column(valid, len(valid))
        return None, [Diagnostic(path, line, column, "", f"file is not UTF-8 (save it as UTF-8;{encoding_found(raw)} "
                                 f"byte 0x{raw[exc.start]:02x} cannot be decoded)")]
    return text.removeprefix("\ufeff"), []


# The encodings Windows editors save Chinese text in, as Notepad names them: the one a file that is not UTF-8
# reads as is named, to be chosen away from when saving it.
WINDOWS_ENCODINGS = (("utf-16", "UTF-16 (Notepad's Unicode)"), ("gb18030", "GBK (GB18030; Notepad's ANSI)"))


def encoding_found(raw: bytes) -> str:
    """' it reads as …;' naming which of ``WINDOWS_ENCODINGS`` a file that is not UTF-8 is in (UTF-16 by its
    byte order mark), or ''."""
    for encoding, name in WINDOWS_ENCODINGS:
        if encoding == "utf-16" and not raw.startswith((b"\xff\xfe", b"\xfe\xff")):
            continue
        try:
            raw.decode(encoding)
        except UnicodeDecodeError:
            continue
        return f" it reads as {name};"
    return ""


def load(path: str, text: str | None = None) -> tuple[Document | None, list[Diagnostic]]:
    """Parse a YAML file (or ``text``, as that file's); on failure return ``None`` and the diagnostics.

    The data is built first without locations, which most documents are never asked for: they are found in
    the text, kept, when first asked for (``Document.__getattr__``).  A file with anything to report is read
    again at once with its locations, which the report needs.
    """
    if text is None:
        text, problems = read_text(path)
        if text is None:
            return None, problems
    document, _ = _read(path, text, locating=False)  # (its only problems are those that stop it: None)
    if document is None:
        return _read(path, text, locating=True)
    del document.locations, document.key_locations
    document._text = text
    return document, []


def _read(path: str, text: str, locating: bool) -> tuple[Document | None, list[Diagnostic]]:
    """Parse ``text``, the file ``path``'s; ``locating``: with a location for every value (see ``load``)."""
    loader = _Loader(text)
    try:
        return _Reader(path, loader, text, locating).read()
    except yaml.reader.ReaderError as exc:
        line, column = _line_column(text, max(text.find(chr(exc.character)), 0))
        return None, [Diagnostic(path, line, column, "", f"character U+{exc.character:04X} is not allowed in "
                                 f"YAML ({exc.reason}); remove it")]
    except yaml.YAMLError as exc:
        return None, [Diagnostic(path, 0, 0, "", f"YAML error: {exc}")]
    finally:
        loader.dispose()


class _Open:
    """A mapping or sequence whose events are being read."""

    __slots__ = ("is_mapping", "count", "key", "value", "path", "next_key", "next_path")

    def __init__(self, is_mapping: bool, value: dict | list | None, path: Path):
        self.is_mapping = is_mapping
        self.count = 0         # events read in it (a mapping's even events are its keys)
        self.key = None        # the current key, as screening names it ("?" for a key that is no scalar)
        self.value = value     # the dict or list being built; None when its content is not kept
        self.path = path
        self.next_key = None   # a mapping's key whose value comes next,
        self.next_path = None  # and that value's path (None: the value is not kept)


class _Reader:
    """One pass over the event stream that screens it and builds the data, with its locations when ``locating``.

    Screening looks at every event of every document, and what it refuses (see
    ``_refusal``), like a syntax error, is reported before anything found while
    building: the first problem of the data (``_Refused``) stops the building,
    not the screening.  Only the first document is built; a second one is an
    error once the whole stream has passed screening.
    """

    def __init__(self, path: str, loader, text: str, locating: bool):
        self.loader = loader
        self._build = self._build_located if locating else self._build_data
        self.text = text  # read again only to explain a syntax error
        self.document = Document(path, None)
        self.problems: list[Diagnostic] = []
        self.refused: _Refused | None = None
        self.documents = 0
        self.another: yaml.Event | None = None  # the start of a second document
        self.building = True  # until something is refused or a second document starts

    def read(self) -> tuple[Document | None, list[Diagnostic]]:
        path = self.document.path
        problem = self._screen_and_build()
        if problem:
            return None, [problem]
        if self.another is not None:  # what PyYAML's composer says of it
            return None, [_syntax_error(path, yaml.composer.ComposerError(
                "expected a single document in the stream", None, "but found another document",
                self.another.start_mark), self.text)]
        if self.refused:
            return None, [Diagnostic(path, *_mark(self.refused.event), field_path(self.refused.path),
                                     self.refused.message)]
        if any(p.severity == "error" for p in self.problems):
            return None, self.problems
        return self.document, self.problems

    def _screen_and_build(self) -> Diagnostic | None:
        """The first syntax error, anchor, alias, too deep collection or value over the limit.

        Events are read one at a time and not kept, so screening costs no stack
        and no memory per value whatever the file holds.
        """
        frames: list[_Open] = []
        values = 0
        get_event = self.loader.get_event
        try:
            while True:
                event = get_event()
                kind = type(event)
                if kind in _ENDS:
                    frames.pop()
                    continue
                if kind not in _NODES:
                    if kind is yaml.StreamEndEvent:
                        return None
                    self._boundary(event)
                    continue
                parent = frames[-1] if frames else None
                if parent is not None:
                    if parent.is_mapping and parent.count % 2 == 0:
                        parent.key = event.value if kind is yaml.ScalarEvent else "?"
                    parent.count += 1
                values += 1
                # Aliases have an anchor too: most events need no closer look.
                if event.anchor is not None or values > MAX_VALUES or len(frames) >= MAX_DEPTH:
                    problem = _refusal(event, len(frames), values)
                    if problem:
                        where = field_path(_screened_path(frames))
                        return Diagnostic(self.document.path, *_mark(event), where, problem)
                opened = self._build(event, kind, parent)
                if opened is not None:
                    frames.append(opened)
        except yaml.MarkedYAMLError as exc:
            return _syntax_error(self.document.path, exc, self.text, frames)

    def _boundary(self, event: yaml.Event) -> None:
        """Note where a second document starts (a stream start or a document end needs nothing)."""
        if type(event) is yaml.DocumentStartEvent:
            self.documents += 1
            if self.documents == 2:
                self.another = event
                self.building = False

    def _build_data(self, event: yaml.NodeEvent, kind: type, parent: _Open | None) -> _Open | None:
        """Add the value ``event`` starts to the data, without its path or location; the new collection, if it
        starts one.  Anything a key has to report stops the building (``load`` reads the file again with its
        locations, to report it)."""
        if not self.building or parent is not None and parent.value is None:
            return _skipped(kind)
        if parent is not None and parent.is_mapping and parent.count % 2:
            key = sys.intern(event.value) if kind is yaml.ScalarEvent else None
            if key is None or key == "<<" or key in parent.value:
                self._refuse(event, (), "a key to report")
                return _skipped(kind)
            parent.next_key = key
            return None
        if kind is yaml.ScalarEvent:
            self._attach(parent, self._scalar(event, ()))
            return None
        opened = _Open(kind is yaml.MappingStartEvent, {} if kind is yaml.MappingStartEvent else [], ())
        self._attach(parent, opened.value)
        return opened

    def _build_located(self, event: yaml.NodeEvent, kind: type, parent: _Open | None) -> _Open | None:
        """Add the value ``event`` starts to the data, with its location; the new collection, if it starts
        one."""
        if not self.building or parent is not None and parent.value is None:
            return _skipped(kind)
        if parent is None:
            path = ()
        elif parent.is_mapping:
            if parent.count % 2:
                return self._key(event, kind, parent)
            path = parent.next_path
            if path is None:  # the value of a duplicate key
                return _skipped(kind)
        else:
            path = parent.path + (parent.count - 1,)
        self.document.locations[path] = _mark(event)
        if kind is yaml.ScalarEvent:
            self._attach(parent, self._scalar(event, path))
            return None
        opened = _Open(kind is yaml.MappingStartEvent, {} if kind is yaml.MappingStartEvent else [], path)
        self._attach(parent, opened.value)
        return opened

    def _key(self, event: yaml.NodeEvent, kind: type, mapping: _Open) -> _Open | None:
        """Take a mapping's key: refuse it, report it as a duplicate or expect its value."""
        mapping.next_path = None
        if kind is not yaml.ScalarEvent:
            self._refuse(event, mapping.path, "mapping keys must be plain strings")
            return _skipped(kind)
        key = sys.intern(event.value)  # the same few keys in every file: kept once, pickled once
        if key == "<<":
            self._refuse(event, mapping.path, "YAML merge keys (<<) are not allowed in plan files")
            return None
        located = mapping.path + (key,)
        if key in mapping.value:
            first = self.document.key_locations[located]
            self.problems.append(Diagnostic(self.document.path, *_mark(event), field_path(located),
                                            f"duplicate key {key!r} (first defined at line {first[0]})"))
        else:
            self.document.key_locations[located] = _mark(event)
            mapping.next_key, mapping.next_path = key, located
        return None

    def _refuse(self, event: yaml.Event, path: Path, message: str) -> None:
        self.refused = _Refused(event, path, message)
        self.building = False

    def _attach(self, parent: _Open | None, value) -> None:
        if parent is None:
            self.document.data = value
        elif parent.is_mapping:
            parent.value[parent.next_key] = value
        else:
            parent.value.append(value)

    def _scalar(self, event: yaml.ScalarEvent, path: Path):
        """The value of a scalar, as PyYAML's composer and safe constructor would make it."""
        tag = event.tag
        if tag is None or tag == "!":
            tag = _implicit_tag(event.value) if event.implicit[0] else _STR
        if tag == _STR:
            return event.value
        node = yaml.ScalarNode(tag, event.value, event.start_mark, event.end_mark, event.style)
        try:
            return self.loader.construct_object(node, deep=True)
        except yaml.constructor.ConstructorError as exc:
            self._refuse(event, path, f"cannot read value: {exc.problem}")
        except Exception as exc:  # noqa: BLE001 - the safe constructors raise ValueError and others on bad values
            if tag == _TIMESTAMP and isinstance(exc, ValueError):  # a date that does not exist (2025-13-01): the
                return event.value  # text as written, which decoding reports where a date goes, reading on
            detail = f" ({exc})" if isinstance(exc, ValueError) else ""
            self._refuse(event, path, f"{event.value!r} is not {_TAG_NAMES.get(tag, 'a valid value')}{detail}")
        return None


def _skipped(kind: type) -> _Open | None:
    """A collection read but not kept, if ``kind`` starts one."""
    return _Open(kind is yaml.MappingStartEvent, None, ()) if kind in _STARTS else None


_ENDS = (yaml.MappingEndEvent, yaml.SequenceEndEvent)
_STARTS = (yaml.MappingStartEvent, yaml.SequenceStartEvent)
_NODES = (yaml.ScalarEvent, yaml.AliasEvent, *_STARTS)
_STR = "tag:yaml.org,2002:str"
_TIMESTAMP = "tag:yaml.org,2002:timestamp"
_INT = "tag:yaml.org,2002:int"
_FLOAT = "tag:yaml.org,2002:float"
_PLAIN_DECIMAL = re.compile(r"[-+]?(?:0|[1-9][0-9]*)\Z")
_ODD_FLOAT = re.compile(r"[:_]")

# PyYAML's implicit resolvers (YAML 1.1 bool, int, float, null, timestamp ...) by the first character of a
# plain scalar, followed by those for any character, as ``Resolver.resolve`` tries them.
_ANY_FIRST = _Loader.yaml_implicit_resolvers.get(None, [])
_RESOLVERS = {first: resolvers + _ANY_FIRST for first, resolvers in _Loader.yaml_implicit_resolvers.items()}


def _implicit_tag(value: str) -> str:
    """The tag PyYAML's resolver gives a plain scalar (path resolvers are not used by the safe loaders), but
    for a number YAML 1.1 reads otherwise than it looks: an integer not in plain decimal (010 is 8, 1:20 is
    80, 0x1F, 1_000) and a number in base 60 or with underscores (1:13.5 is 73.5) stay text as written."""
    for tag, pattern in _RESOLVERS.get(value[:1], _ANY_FIRST):
        if pattern.match(value):
            odd = not _PLAIN_DECIMAL.match(value) if tag == _INT else tag == _FLOAT and _ODD_FLOAT.search(value)
            return _STR if odd else tag
    return _STR


def _unfinished(frames: list[_Open], pending: bool = True) -> Path:
    """The path of the value being read when the parser stopped (it has no event yet); with ``pending`` false,
    of the collection holding it."""
    where = list(_screened_path(frames[:-1]))
    if frames and pending:
        last = frames[-1]
        if not last.is_mapping:
            where.append(last.count)
        elif last.count % 2:  # after a key: in its value (else between keys: the mapping itself)
            where.append(last.key)
    return tuple(where)


def _screened_path(frames: list[_Open]) -> Path:
    """The path screening names for the last event read in ``frames``."""
    return tuple(frame.key if frame.is_mapping else frame.count - 1 for frame in frames)


def _syntax_error(path: str, exc: yaml.MarkedYAMLError, text: str, frames: list[_Open] = ()) -> Diagnostic:
    """PyYAML's words for a syntax error, with advice where the text shows which mistake it is
    (``yamlhints.hint``), and the path of the value being read when the parser stopped."""
    mark = exc.problem_mark or exc.context_mark
    line, column = (mark.line + 1, mark.column + 1) if mark else (0, 0)
    message = " ".join(filter(None, [exc.context, exc.problem])) or str(exc)
    where = _unfinished(frames, pending=not _after_scalar(exc, text))
    advice = hint(exc, text)
    if advice.text:
        message += f" ({advice.text})"
    if advice.at:
        line, column = advice.at[0] + 1, advice.at[1] + 1
    if advice.where == "read" and frames and frames[-1].count:  # (else what was read last is no value)
        where = _screened_path(frames)
    elif advice.where == "holder":
        where = _unfinished(frames, pending=False)
    return Diagnostic(path, line, column, field_path(where), f"YAML syntax error: {message}")


def _after_scalar(exc: yaml.MarkedYAMLError, text: str) -> bool:
    """Whether the error is on a line after the plain scalar being read (a value or an entry), which that line
    cannot continue: libyaml names the scalar (its context) when a tab indents the next line too little, but
    the line holds no more of it; the collection holding the scalar is where the error is."""
    start, mark = exc.context_mark, exc.problem_mark
    if exc.problem != "found a tab character that violates indentation" or not start or not mark:
        return False
    before = source_line(text, start.line)[:start.column]
    return mark.line > start.line and re.search(r"[:-][ \t]+\Z", before) is not None


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


_TAG_NAMES = {"tag:yaml.org,2002:int": "an integer", "tag:yaml.org,2002:float": "a number",
              "tag:yaml.org,2002:binary": "valid base64 data"}
