"""The outline of a document: numbered parts nested by their numbering styles.

No fixed table says that 一、 is a section and 1. an item.  A style met for the
first time opens a level below the part being read; a style already open
closes the parts below it and continues its own sequence.  So restarting
numbering (items 1. … under each section) and continuous numbering (items
1.–28. across sections) both work, and so does any nesting order.

A numbered-looking line must continue its sequence: the next number, a gap
(reported: text is missing from the source), 1 under a new parent, or the
number after the style's last one anywhere (continuous numbering).  A line
that fits none of these is reported as unsure and kept as text.  Digits with
no punctuation ("27构建…") count only where they are the expected number, and
digits after 、 where a sequence of 1. expects them (3、 after 1．2．), or the
other way round.

Parts that contain parts are sections; the others are items (``draft``
decides).  Points below one item of many ((1) (2) below 1. of 1. 2. 3.) are
made that item's text, so that the items stay in reading order.  Task-table
rows become items under the part being read; a task whose measures (具体措施)
take several rows, its 序号 and 重点任务 written once or merged down, is a part
above them, and so is each task beside it.
A table's category rows are parts over its rows: numbered in
its 序号 column (1 | 深化…, over rows 1.1, 1.2), or restarting at 一、 in a
section of a document numbered 一、 too (a sequence of the table's own).
A table of other columns right below another's rows (考核指标 | 单位 |
2025年目标值 below the tasks) is a section of its own beside the other's
parts, not more rows of the part its last rows went in, as is one below a
note under the rows (备注：…), or one line under that note; so is each sheet
of a workbook after the first (``Sheet``), whatever its columns.

A list of attachments after the items (附件：1.…分解表 / 2.…考核细则: a line
starting 附件 and a colon, and the short numbered lines after it, each naming
a document) is the plan's closing, reported: not the last item's text, where
an owner clause before it would have swallowed it, nor items of their own.
"""

from __future__ import annotations

import re
from collections import Counter
from itertools import takewhile
from dataclasses import dataclass, field, replace
from typing import NamedTuple

from . import tables
from .markers import ARABIC_STYLES, BARE, DECIMAL, GUESSED, KIN, MONTH, SHI, WORD_STYLES, Marker, inline_enumeration
from .markers import is_bullet, match_marker, starts_numbered
from .metadata import CLAUSE_PUNCTUATION, lists_attachments
from .owners import find_owner_clause
from .prose_dates import milestones
from .report import Unsure
from .targets import find_targets
from .textmap import Line, Mapped, joined
from .workbooks import continues_table
from ..numbering import chinese_to_int, int_to_chinese, number_value

TABLE = "table"  # the style of parts read from task-table rows
TASK = "task"    # a table's task whose measures (具体措施) take several rows: a part above them
GROUP = "1\t"    # a table's category row numbered in its 序号 column (1 | 深化医药卫生体制改革)
IN_TABLE = "table "  # before a style: a table's category rows numbered in a sequence of their own (一、学前教育 in 三、)
OTHER_TABLE = "table\n"  # the section of a table of other columns right below another's rows (考核指标 below tasks)
SHEET = "sheet"  # the section of a workbook's sheet
FIRST_SECTION = "一"  # the number of the first section made of a sheet's rows
HEADING_MAX = 30  # characters at most of a numbered line standing as a heading without a colon
_TO_ALL = re.compile(r"(?:全[省市县区局]|各)")  # closing words speak to all: 全县文旅系统将以…, 各牵头单位要…
_NOTE = re.compile(r"(?:注|备注|说明)\s*[0-9０-９]?\s*[：:]")  # a note below a table: 注：完成时限为最迟完成时间…
_TOTAL = re.compile(r"[合总小]\s*计")  # a table's total row: 合计, 总　计, 小计
_TABLE_TITLE = re.compile(r"附?表\s*[0-9０-９一二三四五六七八九十]")  # a table's title: 表2 主要考核指标, 附表1


def _blank_total(line: Line) -> bool:
    """Whether ``line`` is a total row of no values, its words and empty cells (合计\t\t, ``Line.row``)."""
    return line.row is not None and _TOTAL.fullmatch(str(line)) is not None


class Sheet(NamedTuple):
    """A sheet of a workbook of several: the line its lines start at, its name, and the title of its section."""

    line: int
    name: str
    title: str


@dataclass(frozen=True, slots=True)
class Part:
    style: str
    number: str                     # as printed without punctuation
    head: Mapped                    # the numbered line after its number (a table row: its task text)
    lineno: int
    paragraphs: tuple[Mapped, ...] = ()   # unnumbered paragraphs that follow the numbered line
    children: tuple["Part", ...] = ()
    columns: tuple[tuple[str, Mapped], ...] = ()  # table rows: (role, cell)
    line: Mapped | None = None      # the numbered line as printed, number included (None: a table's row)

    def column(self, role: str) -> Mapped | None:
        return dict(self.columns).get(role)


@dataclass(frozen=True, slots=True)
class Outline:
    parts: tuple[Part, ...]
    loose: tuple[Mapped, ...]      # unnumbered text before the first numbered line
    closing: tuple[Mapped, ...]    # unnumbered text after the last item, belonging to no item
    unsure: tuple[Unsure, ...]
    # (line number, cell, its column's role) for each cell of text of the table rows, header rows left out: the
    # role of the table whose header is above, None in a row of another width (for ``audit``)
    cells: tuple[tuple[int, str, str | None], ...] = ()


@dataclass
class _Open:
    style: str
    number: str
    value: int
    head: Mapped
    lineno: int
    paragraphs: list[Line] = field(default_factory=list)
    children: list["_Open"] = field(default_factory=list)
    columns: tuple[tuple[str, Mapped], ...] = ()
    line: Mapped | None = None  # the numbered line, number included
    rows: tuple[Line, ...] = ()  # a table row's lines as read: its table's header before its first row

    def column_of(self, role: str) -> Mapped:
        return dict(self.columns)[role]

    def freeze(self) -> Part:
        return Part(self.style, self.number, self.head, self.lineno, tuple(p.text for p in self.paragraphs),
                    tuple(child.freeze() for child in self.children), self.columns, self.line)


class _Reader:
    def __init__(self, year: int, sheets: tuple[Sheet, ...], openings: dict[int, Line]):
        self.year = year  # the plan's, whose milestones keep a paragraph with its item (``_closing_start``)
        self.root = _Open("", "", 0, Mapped("", (), 0), 0)
        self.stack = [self.root]
        self.last: dict[str, _Open] = {}  # the last part of each style, anywhere
        self.table: tables.Header | None = None
        self.header: Line | None = None  # the open table's header row, until its first row is read
        self.table_in: _Open = self.root  # the part the table read last was opened in
        self.closed_by: Line | None = None  # the line read before, if it closed a table (that table's next's title?)
        self.unsure: list[Unsure] = []
        self.attachments: list[Line] = []  # the list of attachments after the items (the plan's closing)
        self.listing = False  # the lines read are still that list's
        self.last_table: tables.Header | None = None  # the table the line in ``closed_by`` closed
        self.notes: list[Line] = []  # notes right below a table (注：…): the plan's closing
        self.cells: list[tuple[int, str, str | None]] = []  # the cells of the table rows read (``Outline.cells``)
        self.sheets = list(sheets)  # the sheets whose lines are still to come
        self.openings = openings  # each sheet's first numbered line, by the line the sheet starts at
        self.sheet: Sheet | None = None  # the sheet being read
        self.totals: list[tuple[Line, _Open | None]] = []  # a table's total rows of no values, each with the row above

    def note(self, line: int, message: str) -> None:
        self.unsure.append(Unsure(line, message))

    def read(self, line: Line) -> None:
        closed_by, self.closed_by = self.closed_by, None
        noted = closed_by is not None and bool(self.notes) and closed_by is self.notes[-1]  # right below a note
        cells = tables.split_cells(self.as_row(line))
        header = tables.header_of(cells) if cells else None
        if cells is not None and header is None and not tables.is_separator(cells):
            self.keep_cells(line.lineno, cells)
        if self.sheets and line.lineno >= self.sheets[0].line:
            self.turn_sheet(line)
        if self.table is not None and self.table_row(line, cells, header):
            return
        if noted and header is not None:  # a table's header below another's note: as if right below its rows
            self.open_table(header, line, None, after=self.last_table)
            return
        self.listing = bool(self.last) and lists_attachments(str(line), self.listing)
        if self.listing:
            self.attachments.append(line)
            return
        listed, self.attachments = self.attachments, []
        for earlier in listed:  # the document goes on: they were no list of attachments after its items
            self.read_numbered(earlier, tables.header(earlier.text))
        self.read_numbered(line, header, closed_by)
        if noted:  # the line below a table's note closes the table as if right below its rows (its next's title?)
            self.closed_by = line

    def as_row(self, line: Line) -> Mapped:
        """The line with the empty cells after its words (``Line.row``) where it is a total (合计\t\t) or a row the
        open table takes (巩固率\t\t, a row of no value) that is no note nor a table's title; else its text: a line
        typed in a workbook's first column (注：…\t\t below a table, 表2 主要考核指标\t\t\t between two) is no row."""
        text = str(line)
        if line.row is None or _blank_total(line):
            return line.row or line.text
        if self.table is None or _NOTE.match(text) or _TABLE_TITLE.match(text):
            return line.text
        return line.row if tables.row(self.table, tables.split_cells(line.row)) is not None else line.text

    def keep_cells(self, lineno: int, cells: list[Mapped]) -> None:
        """Keep the cells of a row of text for ``Outline.cells``, with the roles of the last header read."""
        header = self.table or self.last_table
        roles = header.roles if header is not None and len(cells) == header.width else (None,) * len(cells)
        self.cells.extend((lineno, cell.text, tables.read_as(header, role, cell.text))
                          for cell, role in zip(cells, roles) if cell.text)

    def turn_sheet(self, line: Line) -> None:
        """At the first line of a sheet after another, open the section of its rows (beside the parts read, not in
        them), titled by its ``Sheet.title``; the parts read before, if they are items alone (rows with no task of
        several rows nor category over them), are put in a section of their sheet first, as items do not stand
        beside sections.  The table open stays open: a sheet without a header row goes on with its columns.  A sheet
        whose first numbered line goes on with the numbering of the parts read (三、 after 一、 and 二、 on the sheet
        before, also below a title row, 2025年重点工作任务分解表（续）, or the table's header) is read on as the
        document's: no section of its own."""
        while self.sheets and line.lineno >= self.sheets[0].line:
            sheet = self.sheets.pop(0)
        before, self.sheet = self.sheet, sheet
        if before is None or self.goes_on(self.openings.get(sheet.line, line)):
            return
        parts = self.root.children
        if parts and not any(part.children for part in parts):
            self.root.children = [self.sheet_section(before, FIRST_SECTION, parts[0].head, parts[0].lineno, parts)]
        number = (_next_number(self.root.children[-1].number) or str(len(self.root.children) + 1)) \
            if self.root.children else FIRST_SECTION
        self.open_section(0, self.sheet_section(sheet, number, line.text, line.lineno))

    def goes_on(self, line: Line) -> bool:
        """Whether a line is numbered next after the last of the top-level parts read, in its style."""
        marker = match_marker(str(line))
        last = self.root.children[-1] if self.root.children else None
        return marker is not None and last is not None and marker.style == last.style \
            and marker.value == last.value + 1

    def sheet_section(self, sheet: Sheet, number: str, at: Mapped, lineno: int, parts: list | None = None) -> _Open:
        """The section of a sheet's rows (``parts``), its title standing where ``at`` starts, reported."""
        head = Mapped(sheet.title, (at.source_offset(0),) * len(sheet.title), at.source_offset(0))
        named = "by the sheet's name" if sheet.title == sheet.name else \
            f"as the document (its name {sheet.name} is no title)"
        self.note(lineno, f"the rows of sheet {sheet.name} are read as section {number} of their own, titled {named}: "
                          "check its number and title")
        return _Open(SHEET, number, number_value(number) or 0, head, lineno, children=parts or [])

    def read_numbered(self, line: Line, header: tables.Header | None, closed_by: Line | None = None) -> None:
        """Read a line that is no table's (a part, if it is numbered as one; else a paragraph); ``header``: its
        columns' roles if it is a table's header row.  ``closed_by``: the line read before it, if that line closed
        a table."""
        if header is not None:
            top = self.stack[-1]
            below = closed_by is not None and bool(top.paragraphs) and top.paragraphs[-1] is closed_by
            self.open_table(header, line, top.paragraphs.pop() if below else None)
            return
        marker = match_marker(str(line))
        if marker is not None and self.table is not None:
            marker = self.category(marker, line.lineno)
        if marker is None or marker.style in WORD_STYLES[1:] \
                or marker.style == SHI and inline_enumeration(str(line)) \
                or not self.place(marker, line.text, line.lineno):
            self.paragraph(line)  # 一是…；二是…；三是… in one paragraph are split there (一要, 第一， only there)

    # --- tables ---------------------------------------------------------------------

    def table_row(self, line: Line, cells: list[Mapped] | None, header: tables.Header | None) -> bool:
        """Take the line (its ``cells``, and its ``header`` if it is a header row) as a row of the open table; False
        (closing the table) if it is not one.  The header of another table right below it (of as many columns) opens
        that table; its own again is no row (a table continued on a new page or under a new heading), also with the
        mark of it continued in its first column's header (续表 | 工作任务 | 责任单位 | 完成时限)."""
        if header is not None:
            if _continued(header, self.table):
                return True
            if header != self.table:
                self.open_table(header, line, None, after=self.table)
            else:  # its own again, maybe in other words: the rows below have those columns' names (说明)
                self.table = header
            return True
        if cells is not None and len(cells) == self.table.width:
            if _blank_total(line):
                self.add_total(line)
                return True
            columns = tables.row(self.table, cells)
            if columns is not None:
                self.add_row(columns, line)
            return True
        group = tables.group(self.table, cells) if cells else None
        if group is not None:
            number, title = group
            marker = self.category(Marker(GROUP, number.text, number_value(number.text), 0), line.lineno)
            if not self.place(marker, title, line.lineno):
                self.paragraph(line)
            return True
        if starts_numbered(str(line)):  # a numbered category row spanning the table keeps it open
            return False
        self.table, self.last_table, self.closed_by = None, self.table, line
        if _NOTE.match(str(line)):
            self.notes.append(line)
            return True
        return False

    def open_table(self, header: tables.Header, line: Line, title: Line | None, *,
                   after: tables.Header | None = None) -> None:
        """Open the table of a header row.  Right below the rows of a table of other columns (``after``), or one
        line below them (``title``: 表2 主要考核指标), and with parts read in the part being read (not a heading
        just opened for it: 二、考核指标), the table is a section of its own beside the parts the other's rows
        went in (考核指标 | 单位 | 2025年目标值 below the tasks' last category): titled by that line, else by its
        first column's header."""
        self.table, self.header = header, line
        other = after or (self.last_table if title is not None else None)
        depth = next((depth for depth, part in enumerate(self.stack) if part is self.table_in), None)
        siblings = [part for part in self.table_in.children if part.children]
        if other is None or other.roles == header.roles or depth is None or not self.stack[-1].children \
                or self.table_in is self.root and not siblings:  # (rows alone: the document's one section)
            if title is not None:
                self.stack[-1].paragraphs.append(title)
            self.table_in = self.stack[-1]
            return
        head = title.text if title is not None else tables.split_cells(line.text)[0]
        number = _next_number(self.table_in.children[-1].number) or str(len(siblings) + 1)
        section = _Open(OTHER_TABLE, number, number_value(number) or 0, head, (title or line).lineno)
        self.note(section.lineno, f"a table of other columns below the rows of the table above: read as section "
                                  f"{number} of its own, titled “{head.text}”; check its number and title")
        self.open_section(depth, section)

    def open_section(self, depth: int, section: _Open) -> None:
        """Open a section of a table's rows of its own (a sheet's, or a table's of other columns) in the part at
        ``depth`` of the parts open, after the parts read in it: the parts open below that one are closed."""
        del self.stack[depth + 1:]
        self.stack[depth].children.append(section)
        self.stack.append(section)
        self.table_in = section

    def category(self, marker: Marker, lineno: int) -> Marker:
        """The marker of a table's category row (一、学前教育 spanning the table) in the sequence of its style, where
        that takes it, else in the table's own: its rows restart at 一 inside section 三 of a document numbered 一、
        too.  A number that goes on with both is the document's (四、保障措施 after the table), reported."""
        own = replace(marker, style=IN_TABLE + marker.style)
        style = self.sequence_style(marker)
        depth, previous = self.previous(style) if style else (None, None)
        if style is None or not self.verdict(marker, previous, sibling=depth is not None)[0]:
            return own
        category = self.previous(own.style)[1]
        if category is not None and marker.value == category.value + 1:
            self.note(lineno, f"“{marker.number}” goes on with the document's numbering and with the category rows "
                              f"of the table above (line {category.lineno}): read as the document's; check it is not "
                              "one more of the table's")
        return marker

    def add_row(self, columns: dict[str, Mapped], line: Line) -> None:
        """A row of the open table: an item, or one more measure of the task above (then that task's part)."""
        lineno, rows, self.header = line.lineno, tuple(row for row in (self.header, line) if row), None
        if tables.unread(columns.items()):  # their cells are kept in the row's text, which then runs to them
            columns = {**columns, tables.ROW: line.text}
        parent = self.stack[-1]
        above = parent.children[-1] if parent.children else None
        if above is not None and above.style in (TABLE, TASK) \
                and tables.continues(self.table, columns, dict(above.columns)):
            if above.style == TABLE:
                self.note(above.lineno, f"the row below task {above.number} goes on with it (its 重点任务 written "
                                        "once or merged down): the task is read as a section, each of its rows "
                                        "an item")
                _make_task(above)
            above.children.append(_Open(TABLE, str(len(above.children) + 1), 0, columns["content"], lineno,
                                        columns=tables.measure(columns)))
            return
        number = columns.get("number")
        head = tables.named(columns)
        parent.children.append(_Open(TABLE, number.text if number else str(len(parent.children) + 1),
                                     0, head, lineno, columns=tuple(columns.items()), rows=rows))

    def add_total(self, line: Line) -> None:
        """A total row of no values (合计\t\t): no item, as a total is no indicator; its line goes with the row above,
        should that row's table be folded into an item's text (a table of figures), and is reported otherwise."""
        above = self.stack[-1].children[-1] if self.stack[-1].children else None
        above = above if above is not None and above.style == TABLE else None
        if above is not None:
            above.rows += (line,)
        self.totals.append((line, above))

    # --- numbered lines --------------------------------------------------------------

    def depth_of(self, style: str) -> int | None:
        for depth in range(len(self.stack) - 1, 0, -1):
            if self.stack[depth].style == style:
                return depth
        return None

    def previous(self, style: str) -> tuple[int | None, _Open | None]:
        """The depth of the open part of ``style`` (None if none is open), and the part its next number follows:
        that open part, else the last part of the style anywhere (continuous numbering)."""
        depth = self.depth_of(style)
        return depth, self.stack[depth] if depth is not None else self.last.get(style)

    def kin_style(self, marker: Marker, styles: tuple[str, ...]) -> str | None:
        """The style of ``styles`` whose sequence expects the marker's number next, if any."""
        for style in styles:
            previous = self.previous(style)[1]
            if previous is not None and marker.value == previous.value + 1:
                return style
        return None

    def sequence_style(self, marker: Marker) -> str | None:
        """The style whose sequence the marker continues.  Kin styles are one sequence when a number continues the
        other's: arabic digits, 1. and 1、 (3、 after 1．2．), and a bracket left half open, 二） after （一）; unless
        their own style takes them (a gap in it reported).  Unpunctuated digits (27构建…) and digits whose point
        digits follow (18.65岁及以上…) are a number only where a sequence of arabic digits expects them."""
        if marker.style in GUESSED:
            return self.kin_style(marker, ARABIC_STYLES)
        kin = next((styles for styles in KIN if marker.style in styles), None)
        if kin is not None:
            depth, previous = self.previous(marker.style)
            if not self.verdict(marker, previous, sibling=depth is not None)[0]:  # (a gap is its own sequence's)
                return self.kin_style(marker, kin) or marker.style
        return marker.style

    def place(self, marker: Marker, text: Mapped, lineno: int) -> bool:
        """Open a part for the numbered line, or report why it is not one."""
        if is_bullet(marker):
            return self.place_bullet(marker, text, lineno)
        style = self.sequence_style(marker)
        if style is None:
            return False
        if marker.style == BARE:
            self.note(lineno, f"“{marker.number}” has no punctuation after it; taken as number {marker.number}")
        if marker.style == DECIMAL:
            self.note(lineno, f"“{str(text)[:marker.length + 4]}…” may start with a decimal number; taken as number "
                              f"{marker.number}, which the numbering expects here: check the item's text")
        depth, previous = self.previous(style)
        accepted, message = self.verdict(marker, previous, sibling=depth is not None)
        if message:
            self.note(lineno, message)
        if not accepted:
            return False
        if style == MONTH and style not in self.last:
            self.note(lineno, f"“{text.text}” heads a month of a calendar: its lines are a section titled by it, "
                              f"numbered by its month ({marker.number}), as are the months after it")
        self.open(style, marker, text, lineno, depth)
        return True

    def open(self, style: str, marker: Marker, text: Mapped, lineno: int, depth: int | None) -> None:
        """Open the part of a numbered line: the sibling of the open part at ``depth``, else a level below."""
        if depth is not None:
            del self.stack[depth:]
        part = _Open(style, marker.number, marker.value, text[marker.length:].strip(), lineno, line=text)
        self.stack[-1].children.append(part)
        self.stack.append(part)
        self.last[style] = part

    def place_bullet(self, marker: Marker, text: Mapped, lineno: int) -> bool:
        """Open a part for a line a symbol marks (● 深化理论武装。…): one more beside the part of that symbol open, else
        the first of a level below the part being read.  Below an item naming its own units, a line naming its own
        is one more item beside it, not its point (2.深化“双减”工作。…（责任单位：…） then ◆ 加强作业管理。…（责任单位：…）,
        in 2.'s sequence)."""
        top = self.stack[-1]
        depth = self.depth_of(marker.style)
        if depth is None and _own_line(top) and not top.children and _names_units(top) \
                and find_owner_clause(text.text) is not None:
            if top.number != marker.number:
                self.note(lineno, f"“{marker.number}” marks an item with no number below item {top.number}, both "
                                  "naming their own units: read as one more item beside it, its id numbered by its "
                                  "place; check it is not a point of that item")
            self.open(top.style, replace(marker, value=top.value), text, lineno, len(self.stack) - 1)
            return True
        if depth is None:
            self.note(lineno, f"“{marker.number}” marks items with no number: each line it starts is an item, its id "
                              "numbered by its place")
        value = self.stack[depth].value + 1 if depth is not None else 1
        self.open(marker.style, replace(marker, value=value), text, lineno, depth)
        return True

    def verdict(self, marker: Marker, previous: _Open | None, *, sibling: bool) -> tuple[bool, str | None]:
        """Whether the number continues a sequence, and what to tell the curator about it."""
        value = marker.value
        if previous is None:
            if value == 1 or marker.style == MONTH:  # a school's calendar starts in the month its term does
                return True, None
            if not self.last:
                return True, f"the numbering starts at “{marker.number}”: the beginning may be missing"
            return False, (f"“{marker.number}” looks like a number but continues no sequence; "
                           "kept as text, not as a heading or item")
        expected = previous.value % 12 + 1 if marker.style == MONTH else previous.value + 1  # 一月份 after 十二月份
        if value == expected or (value == 1 and not sibling):
            return True, None
        if value > expected:
            return True, (f"numbering jumps from “{previous.number}” (line {previous.lineno}) to "
                          f"“{marker.number}”: text may be missing from the source")
        return False, (f"“{marker.number}” breaks the sequence after “{previous.number}” (line {previous.lineno}); "
                       "kept as text, not as a heading or item")

    # --- unnumbered text ------------------------------------------------------------------

    def paragraph(self, line: Line) -> None:
        text = line.text
        clauses = inline_enumeration(text.text)
        top = self.stack[-1]
        if not clauses:
            top.paragraphs.append(line)
            return
        starts = [start for start, _ in clauses]
        if starts[0]:
            top.paragraphs.append(Line(text[:starts[0]].strip(), line.lineno))
        for (start, marker), stop in zip(clauses, starts[1:] + [len(text)]):
            segment = text[start:stop].strip()
            if not self.place(marker, segment, line.lineno):
                self.stack[-1].paragraphs.append(Line(segment, line.lineno))

    # --- the end ---------------------------------------------------------------------------

    def finish(self) -> Outline:
        for part in _descendants(self.root):
            _share_points_clause(part)
        closing = tuple(line.text for line in self.notes) + self.detach_closing() \
            + tuple(line.text for line in self.attachments)
        for note in self.notes:
            self.note(note.lineno, "a note below a table (注：…): kept as the plan's `closing`, not as the text of the "
                                   "part its last row is in")
        if self.attachments:
            self.note(self.attachments[0].lineno, "a list of attachments (附件): kept as the plan's `closing`, "
                                                  "not as items or an item's text")
        self.fold_sub_items()
        parts = list(_descendants(self.root))
        for total, above in self.totals:
            if above is None or any(part is above for part in parts):  # (not in a table of figures folded)
                self.note(total.lineno, f"“{total}”, a total row of no values, is no item: a total is no indicator")
        for part in (self.root, *parts):
            _tasks_whole(part)
        root = self.root.freeze()
        return Outline(root.children, root.paragraphs, closing, tuple(self.unsure), tuple(self.cells))

    def detach_closing(self) -> tuple[Mapped, ...]:
        """Paragraphs after the last item: all of them when no other item of its style has paragraphs of its
        own, they do not end with the item's owner clause and the item's line is not a heading; else those below
        the item's owner clause that speak to all (``_closing_start``)."""
        last, depth = self.root, 0
        while last.children:
            last, depth = last.children[-1], depth + 1
        if not depth or not last.paragraphs:
            return ()
        # a top-level part may be a section, whose text is its own, but for closing words below its owner clause
        start, dated = (0, None) if depth > 1 and self.text_alone(last) else _closing_start(last, self.year)
        if dated is not None:
            self.note(last.paragraphs[dated].lineno, f"kept as item {last.number}'s text for its date; it may be the "
                      "plan's closing words: check")
        if start is None:
            return ()
        closing = tuple(p.text for p in last.paragraphs[start:])
        self.note(last.paragraphs[start].lineno, f"the text after item {last.number} reads as the document's "
                  "closing words; it is kept as the plan's `closing`, not as part of the item")
        del last.paragraphs[start:]
        return closing

    def text_alone(self, last: _Open) -> bool:
        """Whether the last item is the only one of its style with paragraphs, they do not end with its owner
        clause and its line is not a heading (1.完善…体系, whose text below is its own)."""
        others = (part for part in _leaves(self.root) if part is not last and part.style == last.style)
        return not any(part.paragraphs for part in others) and not find_owner_clause(last.paragraphs[-1].text.text) \
            and not _heading(last.head.text)

    def fold_sub_items(self) -> None:
        """Sub-items of an item are its text (1.建设…设施。 with （1）…（2）… below, beside 2. and 3. of one line
        each, or alone in its section): a part whose parts are all items is one item when most parts of its style
        have none, and its line reads as an item's, ended by 。 or a colon, not as a heading.  So are the rows of
        a table of figures below an item's line (项目 | 2024年 | 2025年目标 below 6.补充教师。…（责任单位：…）), rows
        naming no units nor deadline; the section of a table of other columns below them (备注：… / 主要指标 / 序号 |
        指标名称 | …) then goes beside the item, after it."""
        parts = list(_descendants(self.root))
        leaves = Counter(part.style for part in parts if not part.children)
        styles = Counter(part.style for part in parts)
        for parent in parts:
            for part in list(parent.children):
                if not part.children or leaves[part.style] * 2 <= styles[part.style]:
                    continue
                figures = list(takewhile(_figures, part.children))
                if (_item_line(part) and all(_sub_item(child) for child in part.children[:-1])
                        and _sub_item(part.children[-1], True)):
                    first, last = part.children[0], part.children[-1]
                    self.fold(part, f"the parts {first.number}–{last.number} below item {part.number}")
                elif figures and _own_line(part) and not _heading(part.head.text) \
                        and all(child.style == OTHER_TABLE for child in part.children[len(figures):]):
                    first, last = figures[0].rows[0], figures[-1].rows[-1]
                    below = part.children[len(figures):]
                    del part.children[len(figures):]
                    self.fold(part, f"the rows of the table below item {part.number} (lines {first.lineno}–"
                                    f"{last.lineno})", "as they name no units and ")
                    at = parent.children.index(part) + 1
                    parent.children[at:at] = below

    def fold(self, part: _Open, parts: str, why: str = "as ") -> None:
        """The lines of the part's parts as its paragraphs, in the order printed: a line below a table's rows (in
        its paragraphs, as rows open no part) stays below them."""
        self.note(part.lineno, f"{parts} are read as its text, {why}most items numbered as it is have none: check "
                               "they are not items of their own")
        folded = [line for child in part.children
                  for line in (*(child.rows or (Line(child.line, child.lineno),)), *child.paragraphs)]
        part.paragraphs = sorted(part.paragraphs + folded, key=lambda line: line.lineno)
        part.children.clear()


def _continued(header: tables.Header, table: tables.Header) -> bool:
    """Whether a header row is ``table``'s again as printed where the table breaks over a page, the mark of it
    continued (续表, 续表1, （续表）) in place of its first column's header (序号)."""
    return header.width == table.width and continues_table(header.names[0]) and header.roles[1:] == table.roles[1:]


def _closing_start(part: _Open, year: int) -> tuple[int | None, int | None]:
    """The first of the paragraphs ending the last item that speak to all (全县文旅系统将以…, 各牵头单位要于…) and
    name no units, no target (各学校心理健康教师配备率达到100%。) nor a milestone of the plan's ``year``
    (各集团校要于2025年9月底前完成…: the item's own deadline), below the item's own owner clause (its bracket, or
    lines of units and deadline): the closing words of a document whose items all have paragraphs; None if there
    are none.  Second, the paragraph above them kept for its milestone alone, which may be closing words too
    (全县教育系统要…确保年底前各项任务全面完成。); None if there is none."""
    texts = [p.text.text for p in part.paragraphs]
    start, dated = len(texts), None
    while start and _to_all(texts[start - 1]):
        if milestones(texts[start - 1], year, None):
            dated = start - 1  # it stops the walk by its milestone
            break
        start -= 1

    def below_clause(first: int | None) -> int | None:
        above = joined([part.head, *(p.text for p in part.paragraphs[:first])], "\n").text
        clause = find_owner_clause(above) if first is not None and first < len(texts) else None
        return first if clause is not None and not clause.guessed and not above[clause.end:].strip() else None
    return below_clause(start), below_clause(dated)


def _to_all(text: str) -> bool:
    """Whether a paragraph speaks to all (全县…, 各…), naming no units nor a target."""
    return bool(_TO_ALL.match(text)) and find_owner_clause(text) is None and not find_targets(text)[0]


def _next_number(number: str) -> str | None:
    """The number after a part's whole number: 3 after 2, 四 after 三 (None after 1.2)."""
    if number.isascii() and number.isdigit():
        return str(int(number) + 1)
    value = chinese_to_int(number)
    return int_to_chinese(value + 1) if value else None


def _make_task(row: _Open) -> None:
    """Turn a table's row into the part of its task, the row its first measure (具体措施)."""
    row.children.append(_Open(TABLE, "1", 0, row.column_of("content"), row.lineno,
                              columns=tables.measure(dict(row.columns))))
    row.style, row.head = TASK, row.column_of("task")


def _tasks_whole(parent: _Open) -> None:
    """Beside tasks of several rows, a task of one row is a part of one measure too: a section's items come
    before its sections, so a task left an item would be read before the tasks above it.  Not a row of another
    table, with no task and measure columns (a 考核指标 table below the tasks)."""
    if any(child.style == TASK for child in parent.children):
        for child in parent.children:
            if child.style == TABLE and {"task", "content"} <= dict(child.columns).keys():
                _make_task(child)


def _share_points_clause(parent: _Open) -> None:
    """The owner clause ending the points of one paragraph below a heading ((七)树立正确选人用人导向 over
    一是…；二是…；三是…。（责任部门：组织人事股）, or on lines of their own below it) is the heading's, of each point, not
    the last point's alone: it is moved to the heading's own text, whose units ``draft`` gives each of its items that
    names none (reported).  So is a clause on a line of its own below points each on a line of its own (一是…；
    / 二是…。 / （责任单位：…）), but not one ending the last of them, which may be that point's alone.  Not when
    another point names its own, nor below an item's line, whose points may be its text."""
    points = parent.children
    if not points or not _own_line(parent) or not _heading(parent.head.text) or any(
            point.style not in WORD_STYLES or point.children for point in points):
        return
    if any(_names_units(point) for point in points[:-1]):
        return
    last = points[-1]
    clause = find_owner_clause(last.head.text)
    if clause is not None and clause.end == len(last.head) and clause.start > 0 \
            and all(point.lineno == last.lineno for point in points):
        parent.paragraphs.append(Line(last.head[clause.start:].strip(), last.lineno))
        last.head = last.head[:clause.start].strip()
        return
    while last.paragraphs and _whole_clause(last.paragraphs[0].text.text):
        parent.paragraphs.append(last.paragraphs.pop(0))


def _whole_clause(text: str) -> bool:
    """Whether the whole text is an owner clause (责任部门：计划财务股、机关党委)."""
    clause = find_owner_clause(text)
    return clause is not None and clause.start == 0 and not text[clause.end:].strip()


def _own_line(part: _Open) -> bool:
    """Whether the part is a numbered line of the document's own (not a table row nor a clause of 一是…)."""
    return part.line is not None and part.style not in WORD_STYLES


def _names_units(part: _Open) -> bool:
    """Whether the part's line or text names its units (an owner clause)."""
    return find_owner_clause(joined([part.head, *(p.text for p in part.paragraphs)], "\n").text) is not None


def _item_line(part: _Open) -> bool:
    """A numbered line read as an item's, not a heading's: ended by a sentence's stop or a colon."""
    return _own_line(part) and part.head.text.rstrip().endswith(("。", "：", ":"))


def _sub_item(part: _Open, last: bool = False) -> bool:
    """Whether the part reads as a point of the item above it: a line of its own with no parts below it, and no
    owners of its own but for the last point (the owners of the whole item)."""
    return _own_line(part) and not part.children and (last or not _names_units(part))


def _figures(part: _Open) -> bool:
    """Whether the part is a row of a table of figures: no parts below it, no units nor deadline in it."""
    return part.style == TABLE and not part.children and not any(
        cell.text for role, cell in part.columns if role in ("lead", "owners", "support", "deadline"))


def _descendants(part: _Open):
    for child in part.children:
        yield child
        yield from _descendants(child)


def _heading(text: str) -> bool:
    """Whether an item's numbered line reads as a heading: a colon ends it (2.强化督导考核：), or it is short and
    ends in no bracket (1.完善疾病预防控制体系); and no punctuation of a sentence or clause stands in it.  A longer
    line, one ending in its units' brackets or one of clauses (4.加强校园安全管理，确保师生平安) is a whole item."""
    lead = text.rstrip()
    colon = lead.endswith(("：", ":"))
    lead = lead.rstrip("：:")
    return ((colon or len(lead) <= HEADING_MAX and not lead.endswith(("）", ")")))
            and not CLAUSE_PUNCTUATION.search(lead))


def _leaves(part: _Open):
    if not part.children:
        yield part
    for child in part.children:
        yield from _leaves(child)


def outline(lines: list[Line], year: int, sheets: tuple[Sheet, ...] = ()) -> Outline:
    """Read the body lines (after ``metadata`` took the title, preamble and signature) of a plan of ``year``;
    ``sheets``: those of a workbook of several, each a section of its own."""
    reader = _Reader(year, sheets, _openings(lines, sheets))
    for line in lines:
        reader.read(line)
    return reader.finish()


def _openings(lines: list[Line], sheets: tuple[Sheet, ...]) -> dict[int, Line]:
    """The first numbered line of each sheet, by the line the sheet starts at: what tells whether the sheet goes
    on with the numbering of the one before, the lines above it (a title row) numbering nothing."""
    starts = [sheet.line for sheet in sheets]
    openings: dict[int, Line] = {}
    for line in lines:
        start = next((s for s in reversed(starts) if s <= line.lineno), None)
        if start is not None and start not in openings and match_marker(str(line)) is not None:
            openings[start] = line
    return openings
