"""Advice on a YAML syntax error, where the text shows which slip caused it.

PyYAML (and libyaml, in other words) names the rule of YAML's grammar that
failed; ``hint`` looks at the text around it for the few slips that break
those rules in plan files and vocabularies -- a full-width colon after a key,
a value starting with a YAML indicator, a key indented otherwise than its
siblings, a plain value holding ': ' -- and says what to write instead
(``yamlsource`` adds it to PyYAML's words).
"""

from __future__ import annotations

import functools
import re
from typing import NamedTuple

import yaml

_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_ENDS = (yaml.MappingEndEvent, yaml.SequenceEndEvent)
_STARTS = (yaml.MappingStartEvent, yaml.SequenceStartEvent)


_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")  # what YAML counts lines by


@functools.lru_cache(maxsize=2)
def _line_starts(text: str) -> tuple[int, ...]:
    """Where each line of ``text`` starts: found once for a text whose lines the hints visit many times."""
    return (0, *(found.end() for found in _BREAK.finditer(text)))


def _line_start(text: str, line: int) -> int:
    """Where line ``line`` (counted from 0) of ``text`` starts; the text's length past its end."""
    starts = _line_starts(text)
    return starts[line] if line < len(starts) else len(text)


def source_line(text: str, line: int) -> str:
    """Line ``line`` (counted from 0) of ``text`` without its line break; "" past the end."""
    start = _line_start(text, line)
    end = _BREAK.search(text, start)
    return text[start:end.start() if end else len(text)]


def indentation(text: str, line: int) -> str:
    """The whitespace that starts line ``line`` (counted from 0) of ``text``."""
    return re.match(r"\s*", source_line(text, line)).group()


class Hint(NamedTuple):
    """Advice on a syntax error (none if the text does not show which mistake it is)."""

    text: str = ""
    at: tuple[int, int] | None = None  # where the mistake is (line, column from 0), if not where PyYAML stopped
    where: str = "pending"  # whose path to name: the value being read, the collection holding it ("holder"),
    #                         or the value read last ("read"), which PyYAML took in before it stopped


# A key as plan files and the vocabularies write them (the schemas' field names): how hints tell a key from
# text, which may hold colons.
_KEY = r"[A-Za-z_][A-Za-z0-9_-]*"
# The start of a line holding a key: its indentation, the dashes of sequence entries, the key and its colon.
_KEY_LINE = re.compile(rf"([ \t]*(?:-[ \t]+)*)({_KEY})[ \t]*:(?=[ \t]|\Z)")
# A key's colon as Chinese input methods type it, full-width or followed by a full-width space: YAML reads the
# key and its value as text (``full_width_hint``, the advice for each).
TYPED_COLON = "(\uff1a|:\u3000)"
# A key followed by such a colon.  Only a name such as the formats' fields have (lower case): PISA：测评结果 is text.
_FULL_WIDTH_KEY = re.compile(r"[ \t]*(?:-[ \t]+)*([a-z_][a-z0-9_]*)[ \t]*" + TYPED_COLON + r"(?!.*:(?:[ \t]|\Z))")
# A line holding a key and no value (a comment at most): what follows it, indented, is its value.
_BARE_KEY_LINE = re.compile(rf"{_KEY_LINE.pattern}[ \t]*(?:#.*)?\Z")
# The start of a line holding a sequence entry: its indentation and dash.
_ENTRY_LINE = re.compile(r"([ \t]*)-(?:[ \t]|\Z)")
# Where a value starts on a line: after the dashes of sequence entries and a key, if there is one.
_VALUE_START = re.compile(rf"[ \t]*((?:-[ \t]+)*)(?:({_KEY})[ \t]*:[ \t]+)?")
# What a value follows: a key and its colon, the dash of a sequence entry, or a '[' or ',' in a list.
_VALUE_BEFORE = re.compile(rf"(?:(?:\A|[\s{{,])(?:{_KEY})[ \t]*:|(?:\A|[ \t])-|[\[,])[ \t]*\Z")
# Characters that cannot start a plain value (YAML's indicators, of which > and | only in [] and {}).
_INDICATORS = tuple("@`%>|")
_TAGS_AND_ANCHORS = ("while scanning an alias", "while scanning an anchor", "while scanning a tag",
                     "while parsing a tag")


def hint(exc: yaml.MarkedYAMLError, text: str) -> Hint:
    """Advice on a syntax error.  PyYAML (and libyaml, in other words) names the rule of YAML's grammar that
    failed, which the same few slips break:

    - a tab in a line's indentation, or full-width spaces (YAML indents with ASCII spaces only);
    - a key followed by a full-width colon is text, and the line after it is then out of place;
    - a value starting with a YAML indicator (> | @ ` % * & ! [ {) is not read as text;
    - a key indented more than its siblings continues the value above it, and a plain value holding ': '
      is a key and a value: both are "mapping values are not allowed";
    - a key indented less than its siblings is not in their mapping nor in the one around it;
    - a list's entry indented less than the key it was meant for leaves that key empty.
    """
    problem, context = exc.problem or "", exc.context or ""
    mark, start = exc.problem_mark, exc.context_mark
    stopped = (mark or start).line if mark or start else None  # the line YAML stopped at
    if stopped is not None and "\t" in indentation(text, stopped):
        return Hint("YAML indents with spaces only: replace the tab on this line with spaces")
    wide = _wide_spaces(text, stopped) if stopped is not None else None
    if wide is not None:
        return Hint(f"YAML indents with ASCII spaces only: line {wide + 1} begins with full-width spaces '\u3000', "
                    "which YAML reads as text; replace them with spaces", (wide, 0))
    if mark is None:
        return Hint()
    line = source_line(text, mark.line)
    if problem.startswith("could not find expected ':'") and start:  # a line's key has no ':' after it
        full_width = _FULL_WIDTH_KEY.match(source_line(text, start.line), start.column)
        if full_width and full_width.start() == start.column:
            return Hint(full_width_hint(*full_width.groups()), (start.line, full_width.end() - 1))
        return Hint()
    if problem.startswith("mapping values are not allowed"):
        return _mapping_values_hint(text, mark.line, mark.column)
    if start and start.line == mark.line and _VALUE_BEFORE.search(line, 0, start.column):
        if context == "while scanning a block scalar":  # '>' or '|' then text
            return Hint(_quote_hint(line, start.column, False))
        if context in _TAGS_AND_ANCHORS:  # '*', '&' or '!' then text
            return Hint(_quote_hint(line, start.column, _in_brackets(line[:start.column])))
    if "that cannot start any token" in problem and line[mark.column:mark.column + 1].startswith(_INDICATORS) \
            and _VALUE_BEFORE.search(line, 0, mark.column):
        in_flow = line[mark.column] in ">|" or _in_brackets(line[:mark.column])  # (> and | start a block)
        return Hint(_quote_hint(line, mark.column, in_flow))
    if context in ("while parsing a flow sequence", "while parsing a flow mapping") and start:
        return Hint(_flow_hint(text, start, mark))
    if context.startswith("while parsing a block"):
        if mark.column == len(indentation(text, mark.line)):  # at the start of a line
            return _indentation_hint(text, mark.line, continues=False)
        value = _VALUE_START.match(line)
        written = line[value.end():mark.column].rstrip()  # a list or mapping that ended, then text
        if (value.group(1) or value.group(2)) and written[:1] + written[-1:] in ("[]", "{}") \
                and ": " not in written and line[mark.column] not in "[]{},:>|&*!%@`#'\"?-":
            return Hint(_quote_hint(line, value.end(), False), where="read")
    return Hint()


def _in_brackets(text: str) -> bool:
    """Whether a [ or { opened in ``text`` (a line up to a value) is still open, quoted text left out: a
    value after it ends at the next ','.  (The parser may not have started that list or mapping when it stops;
    one started on a line above is not seen.)"""
    text = re.sub(r"""(?:(?<=[\s\[{,:])|\A)(?:'(?:[^']|'')*'|"(?:[^"\\]|\\.)*")""", "", text)
    return len(re.findall(r"[\[{]", text)) > len(re.findall(r"[\]}]", text))


def full_width_hint(key: str, typed: str = "\uff1a") -> str:
    """The advice for ``key`` ``typed`` with a full-width colon, or with a colon and a full-width space (also
    given by ``decode`` for an unknown field)."""
    if typed != "\uff1a":
        return f"a YAML key's colon is followed by an ASCII space: replace the full-width space after '{key}:' with ' '"
    return f"YAML keys end with an ASCII colon: replace the full-width '\uff1a' after '{key}' with ':'"


def _quote_hint(line: str, column: int, in_flow: bool) -> str:
    """Say to quote the value that starts at ``column`` of ``line`` with a YAML indicator, as it would be."""
    key = re.search(rf"(?:\A|[\s{{,])({_KEY})[ \t]*:[ \t]+\Z", line[:column])
    quoted = _quoted(key.group(1) if key else None, _value_text(line, column, in_flow))
    return f"a YAML value starting with '{line[column]}' must be quoted: write {quoted}"


def _value_text(line: str, column: int, in_flow: bool) -> str:
    """The text of the value that starts at ``column`` of ``line``: to the line's end or its comment, or in a
    flow collection to the next ',', ']' or '}'."""
    return re.match(r"[^,\]}]*" if in_flow else r".*?(?=[ \t]+#|\Z)", line[column:]).group().strip()


SHOWN = 60  # a longer value is shown by its start and end, as 'start…end'


def single_quoted(value: str) -> str:
    """``value`` as YAML writes it in single quotes, a ' in it doubled (also what ``decode`` tells to write)."""
    return "'" + value.replace("'", "''") + "'"


def read_as_text(value: str) -> bool:
    """Whether YAML reads ``value``, written plain, as that text: PyYAML's resolver gives it no other implicit type
    (YAML 1.1's number, date, true/false or null: 2025, on, null are not text).  Asked of the resolver, not of
    ``yaml.safe_load``, which fails on some values it takes for numbers (0x_)."""
    return yaml.resolver.Resolver().resolve(yaml.ScalarNode, value, (True, False)) == "tag:yaml.org,2002:str"


def clipped(value: str) -> tuple[str, str]:
    """``value`` as advice shows it, and what to say after it: a long one by its start and end (a line of 100,000
    characters would otherwise be repeated whole), said to be shortened."""
    if len(value) <= SHOWN:
        return value, ""
    return f"{value[:SHOWN * 2 // 3]}…{value[-SHOWN // 3:]}", " (all of the value: it is shortened here)"


def _quoted(key: str | None, value: str) -> str:
    """``key: 'value'`` as YAML quotes it; a long value by its start and end (``clipped``)."""
    shown, said = clipped(value)
    quoted = single_quoted(shown)
    return (f"{key}: {quoted}" if key else quoted) + said


def _flow_hint(text: str, start: yaml.Mark, mark: yaml.Mark) -> str:
    """A list or mapping in [] or {} (from ``start``) that does not go on as YAML expects at ``mark``: a plain
    value in it holds ': ', or, on a later line, the '[' or '{' was not closed (or starts a text value)."""
    line = source_line(text, mark.line)
    if mark.line == start.line:
        entry = re.search(rf"[{{,][ \t]*({_KEY})[ \t]*:[ \t]+([^,{{}}\[\]:]*)\Z", line[:mark.column])
        if line[mark.column:mark.column + 1] != ":" or not entry or not entry.group(2).strip():
            return ""
        value = (entry.group(2) + _value_text(line, mark.column, True)).strip()
        return f"a YAML value containing ': ' must be quoted: write {_quoted(entry.group(1), value)}"
    opening = source_line(text, start.line)
    value = _VALUE_START.fullmatch(opening, 0, start.column)  # the [ or { starts a value in a block
    if not value or not (value.group(1) or value.group(2)):
        return ""
    kind, end = ("list", "]") if opening[start.column] == "[" else ("mapping", "}")
    if not _in_brackets(text[_line_start(text, start.line) + start.column:_line_start(text, mark.line + 1)]):
        return ""  # it ends (on the line YAML stopped at): something else in it is amiss
    hint = f"the '{opening[start.column]}' on line {start.line + 1} starts a {kind} that must end with '{end}'"
    written = _value_text(opening, start.column, False)
    if len(written) == 1 or re.search(r"[,:][ \t]", written) or written.isascii() and " " not in written:
        return hint  # what it holds is data (ids, numbers), not a text
    return f"{hint}; a text value starting with it must be quoted: write {_quoted(value.group(2), written)}"


def _mapping_values_hint(text: str, line: int, column: int) -> Hint:
    """The ':' at ``column`` of ``line`` follows a plain value: one started on that line (it holds ': '), or
    on one above, which the line continues (the key is indented too far, or a full-width colon above)."""
    source = source_line(text, line)
    key = _KEY_LINE.match(source)
    if key and key.end() - 1 < column:  # key: text: more
        value = _value_text(source, _VALUE_START.match(source).end(), False)
        if value[:1] in ("'", '"'):  # a quoted text, then ': '
            return Hint("a quoted YAML value ends at its closing quote: put all of the value inside the quotes")
        if _continued(text, line, len(key.group(1))):  # the value goes on below: no one line to write
            return Hint("a YAML value containing ': ' must be quoted, all of its lines")
        return Hint(f"a YAML value containing ': ' must be quoted: write {_quoted(key.group(2), value)}")
    if re.search(r":[ \t]", source[:column]):
        return Hint("a YAML value containing ': ' must be quoted")
    if key and key.end() - 1 == column:  # a key that continues the plain value above
        return _indentation_hint(text, line, continues=True)
    return Hint("a key must be aligned with the keys of its siblings, and a value containing ': ' must be quoted")


def _indentation_hint(text: str, line: int, continues: bool) -> Hint:
    """A key at the start of ``line`` that is not where YAML expects one: a full-width colon on the line above
    made that a plain value (the one read last), or the key is not indented as its siblings.  ``continues``:
    the line goes on with a plain value above it (it is indented more than that value's key)."""
    key = _KEY_LINE.match(source_line(text, line))
    if not key or key.group(1).strip():  # (a key after a dash: not told)
        return Hint()
    above = _line_above(text, line)
    full_width = _FULL_WIDTH_KEY.match(source_line(text, above)) if above is not None else None
    if full_width:
        return Hint(full_width_hint(*full_width.groups()), (above, full_width.end() - 1), "read")
    indent = len(key.group(1))
    out_of_line = _out_of_line_above(text, line, indent) or _entries_out_of_line_above(text, line, indent)
    if out_of_line:
        return out_of_line
    blocks = _open_blocks(text, line)
    columns = [column for mapping, column in blocks if mapping]
    if continues:  # its siblings are the keys of the mapping whose value it goes on with
        neighbours = [blocks[-1][1]] if blocks and blocks[-1][0] and blocks[-1][1] < indent else []
    elif indent in columns:
        neighbours = []
    else:  # of the mapping it is deeper than or of the one it is less deep than (the keys above it): the nearer
        neighbours = [c for c in (min((c for c in columns if c > indent), default=None),
                                  max((c for c in columns if c < indent), default=None)) if c is not None]
        neighbours.sort(key=lambda c: (abs(c - indent), -c))
    neighbours = [c for c in neighbours if _reindented_reads_on(text, line, c)]
    if not neighbours:
        return Hint()
    return Hint(f"YAML nests by indentation: align the key '{key.group(2)}' with the keys of its siblings at "
                 + " or ".join(f"column {c + 1}" for c in neighbours), where="holder")


def _wide_spaces(text: str, line: int) -> int | None:
    """``line`` or the line above it, if it is a key indented with full-width spaces (as Chinese input methods
    type a space): YAML takes them for text, and stops at that line or at the next.  (A text's own lines may
    begin with them, as Chinese paragraphs do.)"""
    for candidate in (line, _line_above(text, line)):
        source = source_line(text, candidate) if candidate is not None else ""
        written = source.lstrip(" \u3000")
        if "\u3000" in source[:len(source) - len(written)] and _KEY_LINE.match(written):
            return candidate
    return None


def _continued(text: str, line: int, indent: int) -> bool:
    """Whether the plain value on ``line`` goes on below it: the next line is indented more than ``indent``
    (the value's key) and holds no key."""
    below = source_line(text, line + 1)
    return bool(below.strip()) and len(below) - len(below.lstrip(" ")) > indent and not _KEY_LINE.match(below)


def _reindented_reads_on(text: str, lines: int | range, column: int, past: int | None = None) -> bool:
    """Whether the text, with the line ``lines`` (or each of them) indented to ``column``, reads past line
    ``past`` (by default the last of them): advice to indent them so is then advice that works."""
    lines = range(lines, lines + 1) if isinstance(lines, int) else lines
    past = lines[-1] if past is None else past
    indented = "".join(" " * column + text[_line_start(text, at):_line_start(text, at + 1)].lstrip(" ")
                       for at in lines)
    moved = text[:_line_start(text, lines[0])] + indented + text[_line_start(text, lines[-1] + 1):]
    loader = _LOADER(moved)
    try:
        while loader.get_event() is not None:
            pass
    except yaml.MarkedYAMLError as error:
        stopped = error.problem_mark or error.context_mark
        return stopped is None or stopped.line > past
    finally:
        loader.dispose()
    return True


def _line_above(text: str, line: int) -> int | None:
    """The nearest line above ``line`` that holds more than a comment; None at the top."""
    above = line - 1
    while above >= 0 and re.match(r"[ \t]*(?:#|\Z)", source_line(text, above)):
        above -= 1
    return above if above >= 0 else None


def _out_of_line_above(text: str, line: int, indent: int) -> Hint | None:
    """The key above ``line`` that is out of line, when ``line`` (a key at ``indent``) is where it belongs: the
    one key line indented less than ``indent`` between ``line`` and the nearest key line above at ``indent``,
    its sibling.  A key indented too little ends its mapping, so YAML stops at a key below it -- the next, or
    one many lines down when what follows it reads as its value.  Said only when indenting that key to
    ``indent`` lets YAML read past ``line``."""
    shallower, above = [], _line_above(text, line)
    while above is not None:
        key = _KEY_LINE.match(source_line(text, above))
        if key and len(key.group(1)) <= indent:
            if len(key.group(1)) == indent:
                break  # the sibling (the first key of a list's entry, after its dash, too)
            shallower.append((above, key))
        above = _line_above(text, above)
    if above is None or len(shallower) != 1 or shallower[0][1].group(1).strip():  # (a key after a dash: not told)
        return None
    culprit, key = shallower[0]
    if not _reindented_reads_on(text, culprit, indent, line):
        return None
    return Hint(f"YAML nests by indentation: the key '{key.group(2)}' on line {culprit + 1} is not aligned with "
                f"its siblings: indent it to column {indent + 1}, as the lines around it",
                (culprit, len(key.group(1))), "holder")


def _entries_out_of_line_above(text: str, line: int, indent: int) -> Hint | None:
    """The list entries on the lines right above ``line`` (a key at ``indent``), when they are indented less than
    the key with no value above them, a sibling of that key (``themes:``, then ``- party-building`` less
    indented, then ``support:``): that key's value is then empty, the entries join the list around it, and YAML
    stops at ``line``.  Said only when indenting their dashes to the key's column (where YAML allows them) lets
    YAML read past ``line``."""
    first = line
    while first > 0 and _ENTRY_LINE.match(source_line(text, first - 1)):
        first -= 1
    entries = [_ENTRY_LINE.match(source_line(text, at)) for at in range(first, line)]
    key = _BARE_KEY_LINE.match(source_line(text, first - 1)) if entries and first > 0 else None
    if not key or len(key.group(1)) != indent or any(len(entry.group(1)) >= indent for entry in entries) \
            or not _reindented_reads_on(text, range(first, line), indent, line):
        return None
    which = (f"list entry on line {first + 1} is indented less than the key '{key.group(2)}' above it, so it is"
             if len(entries) == 1 else f"list entries on lines {first + 1}–{line} are indented less than the key "
             f"'{key.group(2)}' above them, so they are")
    return Hint(f"YAML nests by indentation: the {which} not in its value: indent each '-' to column {indent + 1} "
                "or further", (first, len(entries[0].group(1))), "holder")


def _open_blocks(text: str, line: int) -> list[tuple[bool, int]]:
    """The collections still open at the start of ``line`` as the text before it is read on its own, innermost
    last: whether each is a mapping in a block (not in {}), and its column (of its keys, or of its dashes);
    [] if that text cannot be read."""
    prefix = text[:_line_start(text, line)]
    loader = _LOADER(prefix)
    opened: list[tuple[bool, int]] = []  # (block mapping?, column) of each collection open
    try:
        while True:
            event = loader.get_event()
            if event is None or isinstance(event, _ENDS) and event.start_mark.line >= line:
                break  # what the end of the text closes is open at the start of the line
            if isinstance(event, _STARTS):
                opened.append((isinstance(event, yaml.MappingStartEvent) and not event.flow_style,
                               event.start_mark.column))
            elif isinstance(event, _ENDS):
                opened.pop()
    except yaml.YAMLError:
        return []
    finally:
        loader.dispose()
    return opened
