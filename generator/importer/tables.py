"""Task tables (任务分解表): a header row naming the columns, then one row per item.

Rows come as lines with cells separated by tabs (how ``sources`` writes the
tables of Word documents and web pages) or by ``|`` (Markdown-style text).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .owners import lists_units
from .textmap import Mapped, joined, squeezed

# Column role -> header words, most specific first.  A header matches a role
# when the cell equals one of the words or starts with it; else when it ends
# with one (``BY_END``).
ROLES: dict[str, tuple[str, ...]] = {
    "number": ("序号", "编号"),
    "lead": ("牵头单位", "牵头部门", "牵头科室", "牵头处室", "牵头股室", "主责单位"),
    "owners": ("责任单位", "责任部门", "责任科室", "负责单位", "责任处室", "责任股室", "责任主体", "实施单位", "承办单位"),
    "support": ("配合单位", "配合部门", "配合科室", "配合处室", "配合股室", "协办单位", "参与单位", "协同单位",
                "协作单位"),
    "deadline": ("完成时限", "完成时间", "时间节点", "时限要求", "时限", "进度安排", "时间安排"),
    "task": ("工作任务", "重点任务", "主要任务", "任务名称", "工作事项", "重点工作", "工作名称", "任务", "事项", "项目"),
    "content": ("具体内容", "工作内容", "主要内容", "具体措施", "工作措施", "任务内容", "工作目标", "内容", "措施", "举措"),
    # a 考核指标 table's indicator, and the value a row commits to (2025年目标值: its year is left out to match)
    "metric": ("指标名称", "考核指标", "指标内容", "指标"),
    "target": ("目标值", "指标值", "预期目标", "年度目标", "目标任务", "考核目标", "预期值", "量化指标", "目标"),
    # the unit of a row's value (1/10万, ‰, 岁), and the value it starts from (2024年完成值, 基数)
    "unit": ("计量单位", "单位"),
    # people (责任领导: 张三), whom the plan format does not hold: told once, not each cell reported lost
    "people": ("责任领导", "分管领导", "牵头领导", "分管局领导", "责任人", "联系人", "联络员"),
    "baseline": ("完成值", "基数", "基期值", "基准值", "现状值"),
}
_YEAR = re.compile(r"^(\d{4})年度?")
# After a year before the target column's (2024年 | 2025年目标), the words of a column of the value the target starts
# from: what that year reached (2024年实际, 2024年完成值) or the year alone.  Only these, whole: 实际完成情况 is none.
_EARLIER = ("", "实际", "实际值", "完成", "实际完成", "实际完成值")
YEARLY = "target "  # the role of a target column of one year among several (2024年目标值 | 2025年目标值): "target 2024"
UNREAD = "unread "  # before a column's header: the role of a cell of a column the importer does not read (备注)
ROW = "row"  # the role of a row's whole line, its cells between tabs
# Of the columns not read, those whose cells no item's text keeps, as the plan holds no such thing: a row's class or
# score (类别, 分值), a contact's below; the text keeps every other's cells (备注, 完成情况, 第一季度, 资金), for the
# curator to read.
_DENIED_COLUMN = re.compile(r"类别|分类|分值|权重|得分")
# Those of a contact (联系电话, 联系方式, 手机, 邮箱, E-mail, 微信, 座机, 联系地址) or a person (具体负责人, 经办人, 姓名,
# 包保领导, 分管副局长) not among the people's headers, whose cells no draft holds: the site would publish them.
_CONTACT_COLUMN = re.compile(r"电话|联系方式|手机|邮箱|信箱|邮件|e-?mail|微信|qq|传真|座机|地址|号码"
                             r"|(?:人|领导|姓名|[局科处股校院所站部]长)$", re.IGNORECASE)
NAMING = ("task", "content", "metric")  # the columns that name what a row is about, one of them at least
_SEPARATOR_CELL = re.compile(r"^:?-{2,}:?$")
_GROUP_NUMBER = re.compile(r"[0-9]{1,2}|[一二三四五六七八九十]{1,3}")
_VALUE_END = re.compile(r"[0-9０-９]$")
_UNIT_BRACKET = re.compile(r"[（(]([^（）()]{1,4})[）)]$")
_NUMBER = re.compile(r"[0-9]+(?:\.[0-9]+)?")
_BARE_VALUE = re.compile(r"[0-9]+(?:\.[0-9]+)?\s*[%‰]?")
# A cell standing for no value, a dash or a slash (— | / | --): no number was left out.
_PLACEHOLDER = re.compile(r"[\s—–―\-－/／\\]*")
_VALUE_ONLY = re.compile(r"[≥≤>＞<＜=]?\s*[0-9]+(?:\.[0-9]+)?\s*(?:%|‰|[\u4e00-\u9fff]{0,2})(?:以上|以下)?")


@dataclass(frozen=True, slots=True)
class Header:
    roles: tuple[str | None, ...]  # the role of each column (None: a column the importer does not use)
    names: tuple[str, ...] = field(default=(), compare=False)  # each column's header as printed: a table's header
    # again, in other words of the same roles, continues it (``structure._Reader.table_row``)

    @property
    def width(self) -> int:
        return len(self.roles)


def split_cells(line: Mapped) -> list[Mapped] | None:
    """The cells of a table row, or None if the line is not one."""
    text = line.text
    if "\t" in text:
        separator = "\t"
    elif text.count("|") >= 2 or (text.startswith("|") and text.endswith("|")):
        separator = "|"
        if text.startswith("|"):
            line = line[1:]
        if line.text.endswith("|"):
            line = line[:-1]
    else:
        return None
    return [cell.strip() for cell in line.split(separator)]


# The roles a header may be given by its end (具体工作措施, 县级责任单位, 整改时限, 量化目标), in the order of ``ROLES``:
# all but a unit's and a baseline's, whose words end headers of other roles (实施单位 names the units that own a row),
# and people's.
BY_END = tuple(role for role in ROLES if role not in ("unit", "people", "baseline"))


def role_of(cell: str) -> str | None:
    cell = _YEAR.sub("", squeezed(cell))
    for role, words in ROLES.items():
        if any(cell == word or cell.startswith(word) for word in words):
            return role
    return next((role for role in BY_END if any(cell.endswith(word) for word in ROLES[role])), None)


def _roles(cells: list[Mapped]) -> tuple[str | None, ...]:
    """The role of each cell of a header row; target columns of several years (2024年目标值 | 2025年目标值 |
    2026年目标值) each of its year (``YEARLY``), a table giving a row a target for each year; beside a target column
    of one year, a column of an earlier year's value (2024年实际, 2024年) the baseline (``_EARLIER``): the latest
    year's, where no column is the baseline by its words (2024年完成值); those of years before it are not read
    (2023年 | 2024年实际 | 2025年目标)."""
    roles = [role_of(cell.text) for cell in cells]
    years = [_YEAR.match(squeezed(cell.text)) for cell in cells]
    targets = [int(year[1]) for role, year in zip(roles, years) if role == "target" and year]
    if len(targets) > 1:
        roles = [f"{YEARLY}{year[1]}" if role == "target" and year else role for role, year in zip(roles, years)]
    elif targets and "baseline" not in roles:
        earlier = [index for index, (role, year, cell) in enumerate(zip(roles, years, cells))
                   if role is None and year and int(year[1]) < targets[0]
                   and squeezed(cell.text)[year.end():] in _EARLIER]
        if earlier:
            roles[max(earlier, key=lambda index: int(years[index][1]))] = "baseline"
    return tuple(roles)


def yearly_targets(columns: tuple[tuple[str, Mapped], ...]) -> dict[int, Mapped]:
    """The target cells of a row by year, in the order of their columns, of a table giving one for each year."""
    return {int(role[len(YEARLY):]): cell for role, cell in columns if role.startswith(YEARLY)}


def header(line: Mapped) -> Header | None:
    """The column roles if the line is a table header row (see ``header_of``)."""
    cells = split_cells(line)
    return header_of(cells) if cells else None


def header_of(cells: list[Mapped]) -> Header | None:
    """The column roles if the cells of a row are a table's header (two known columns, one of them the task or the
    indicator)."""
    roles = _roles(cells)
    known = [role for role in roles if role]
    if len(known) >= 2 and any(role in known for role in NAMING):
        return Header(roles, tuple(cell.text for cell in cells))
    return None


def is_separator(cells: list[Mapped]) -> bool:
    return all(_SEPARATOR_CELL.match(cell.text) for cell in cells if cell.text) and any(c.text for c in cells)


def row(header_: Header, cells: list[Mapped]) -> dict[str, Mapped] | None:
    """Role -> cell for a row of the table that is not a header row; None if the row is no item (or does not fit
    the header)."""
    if len(cells) != header_.width or is_separator(cells):
        return None
    columns = {read_as(header_, role, cell.text): cell for role, cell in zip(header_.roles, cells) if role}
    if not any(columns.get(role) for role in NAMING):
        return None
    unread = {f"{UNREAD}{name}": cell for role, name, cell in zip(header_.roles, header_.names, cells)
              if role is None and cell.text}
    return columns | unread


def read_as(header_: Header, role: str | None, cell: str) -> str | None:
    """The role a cell of a column is read in: a 单位 column's cell naming units (基教科、教研室), not what a value is
    counted in (所, ‰), gives the row's owners, in a table with no column of them."""
    if role == "unit" and not {"lead", "owners"} & set(header_.roles) and lists_units(cell):
        return "owners"
    return role


def named(columns: dict[str, Mapped]) -> Mapped:
    """What a row is about: its task, else its content, else its indicator."""
    return next(columns[role] for role in NAMING if columns.get(role))


def continues(header_: Header, columns: dict[str, Mapped], above: dict[str, Mapped]) -> bool:
    """Whether a row goes on with the task of the row above, as one more of its measures (具体措施): its 重点任务
    written once (the cell left empty below it) or merged down the rows (a Word cell, repeated in each), and no
    number of its own."""
    if not ("task" in header_.roles and "content" in header_.roles and columns["content"].text):
        return False
    return all(not columns[role].text or columns[role].text == above[role].text
               for role in ("number", "task") if role in header_.roles)


def measure(columns: dict[str, Mapped]) -> tuple[tuple[str, Mapped], ...]:
    """The columns of a row as one measure of its task: without the task's number and name."""
    return tuple((role, cell) for role, cell in columns.items() if role not in ("number", "task"))


def group(header_: Header, cells: list[Mapped]) -> tuple[Mapped, Mapped] | None:
    """The number and title of a category row whose title spans the columns after its 序号 (1 | 深化医药卫生体制改革,
    its cells merged in Word): fewer cells than the header, its number in the 序号 column, one other cell of text."""
    filled = [cell for cell in cells if cell.text]
    if len(cells) >= header_.width or header_.roles[0] != "number" or len(filled) != 2 or filled[0] is not cells[0]:
        return None
    return (filled[0], filled[1]) if _GROUP_NUMBER.fullmatch(filled[0].text) else None


def with_unit(value: Mapped, unit: Mapped | None) -> Mapped:
    """A row's value with the unit of its 单位 column where it states none: 3 | ‰ → 3‰, 8 | 1/10万 → 8/10万 (per
    100,000: the 1 is the unit's), 40 | 人 → 40人."""
    if unit is None or not unit.text or not _VALUE_END.search(value.text):
        return value
    return joined((value, unit[len(unit.text) - len(unit_written(unit.text)):]), "")


def bracketed_unit(name: Mapped) -> tuple[Mapped, Mapped | None]:
    """A row's name and the unit a bracket ending it states for its values: 星级饭店（家） → 星级饭店, 家; the name
    and None when no short bracket of no units ends it (学前教育（含民办） is no unit, but read as one and reported)."""
    found = _UNIT_BRACKET.search(name.text)
    if found is None or lists_units(found[1]):
        return name, None
    return name[:found.start()].strip(), name[found.start(1):found.end(1)]


def unread(columns: tuple[tuple[str, Mapped], ...]) -> list[tuple[str, Mapped]]:
    """The header and cell of each column of a row the importer does not read (备注: 含过夜游客)."""
    return [(role[len(UNREAD):], cell) for role, cell in columns if role.startswith(UNREAD)]


def kept_column(header: str) -> bool:
    """Whether a column not read is one whose cells an item's text keeps: neither a contact's nor a row's class or
    score (see ``_DENIED_COLUMN``)."""
    return not contact_column(header) and not denied_column(header)


def denied_column(header: str) -> bool:
    """Whether a column not read classifies or scores its rows (类别, 分值), whose cells no draft holds."""
    return bool(_DENIED_COLUMN.search(squeezed(header)))


def contact_column(header: str) -> bool:
    """Whether a column not read is one of contacts or persons (联系电话, 电　话, 具体负责人), whose cells no draft
    holds."""
    return bool(_CONTACT_COLUMN.search(squeezed(header)))


def spanning(row: Mapped, cells: list[Mapped]) -> Mapped:
    """The stretch of a row's line from the first of its ``cells`` to the end of the last, as printed."""
    starts = [row.origin.index(cell.origin[0]) for cell in cells]
    return row[min(starts):max(start + len(cell) for start, cell in zip(starts, cells))]


def unit_written(unit: str) -> str:
    """A 单位 cell as it follows a value: 1/10万 → /10万."""
    return unit[1:] if unit.startswith("1/") else unit


def number_in(cell: str) -> int | float | None:
    """The number a cell of values states (28.1% → 28.1, 79 → 79), None if it states no single one."""
    numbers = _NUMBER.findall(cell)
    if len(numbers) != 1:
        return None
    value = float(numbers[0])
    return int(value) if value.is_integer() else value


def placeholder(cell: str) -> bool:
    """Whether a cell holds a dash or a slash alone (—, /), standing for no value."""
    return bool(_PLACEHOLDER.fullmatch(cell))


def bare_value(cell: str) -> bool:
    """Whether a cell holds a number alone (8, 3‰, 95%): no sign nor word says whether it is a floor or a ceiling."""
    return bool(_BARE_VALUE.fullmatch(cell.strip()))


def value_only(cell: str) -> bool:
    """Whether a cell holds a value alone, no words naming what it measures: 90%, ≥95%, 2个."""
    return bool(_VALUE_ONLY.fullmatch(cell.strip()))
