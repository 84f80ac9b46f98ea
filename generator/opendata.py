"""Open data: every item and every target as tables, each plan's YAML, and a description of them all.

``open_data`` returns the files published under ``data/`` ({path in docs/: bytes}):

- ``items.csv`` and ``items.json``: one row per item, in corpus order (in
  items.json, an array of records, one to a line);
- ``targets.csv``: one row per quantitative target;
- ``plans/<plan id>.yaml``: each plan's file, copied byte for byte;
- ``plan.schema.json``: the JSON Schema of the YAML format, beside ``plans/``
  as in the project, so the schema comment heading each plan file
  (``$schema=../plan.schema.json``) resolves on the site too;
- ``datapackage.json``: a Frictionless Data Package naming every file and each
  table's fields with their types.

A table is a tuple of ``Column``s.  The columns of the plan format's own
fields are derived from ``model.py`` (an item's scalar fields, all of a
target's), so the tables and their description follow the format; the rest
(plan, organisation, resolved units and themes, the items a review reports
on, the item's page) are listed here.  ``plansite find`` prints its rows with
these same columns, then the item's state (``find.state_column``).  The
开放数据 page lists every column with its type and meaning in Chinese
(``data_fields``).

CSV files are UTF-8 with a byte order mark, which is what makes Excel read
them as UTF-8 (without it Excel guesses the legacy code page and shows Chinese
as mojibake), with RFC 4180 quoting.  A list is one cell holding a CSV record of
its own with ``;`` between the values (``joined``): a value that is empty or holds
``;``, ``"`` or a line break is put in double quotes, a ``"`` in it doubled, so a
section title or a name with ``;`` in it splits back whole (Python's
``csv.reader([cell], delimiter=";")``; Excel's 分列 with ``;`` and the text
qualifier ``"``); ids and refs, slugs, are never quoted.  Text is
data, not markup: nothing is escaped, except that a free-text cell starting
with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return gets a leading
``'``, so that a spreadsheet shows it as text instead of running it as a
formula (CSV formula injection), and so does one starting with ``'``, so that
dropping one leading ``'`` gives every text back; codes from a fixed list
(comparators such as ``=``) carry no formula and are written exactly.  JSON is written as it is.
"""

from __future__ import annotations

import csv
import dataclasses
import datetime
import io
import json
import re
import types
import typing
from dataclasses import dataclass
from decimal import Decimal
from functools import cached_property, partial
from operator import attrgetter
from typing import Any, Callable, TextIO

from .addresses import DATA
from .builddate import day_start
from .corpus import Corpus, Entry
from .load import Site
from .model import Item, Kind, License, Target
from .references import parse_reference
from .tracking import target_deadline
from .write import Made, copy_of

ITEMS_CSV = f"{DATA}/items.csv"
ITEMS_JSON = f"{DATA}/items.json"
TARGETS_CSV = f"{DATA}/targets.csv"
PACKAGE = f"{DATA}/datapackage.json"
SCHEMA = f"{DATA}/plan.schema.json"
LIST_SEPARATOR = ";"
QUOTED_VALUE = re.compile(rf'\A\Z|[{LIST_SEPARATOR}"\r\n]')  # a list's value that ``joined`` puts in quotes
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
GUARD = "'"
# Text starting with the guard gets one too, so that dropping one leading guard gives every text back
GUARDED_STARTS = (*FORMULA_STARTS, GUARD)
BOM = "\ufeff"

LIST_RULE = (f"Several values are joined with '{LIST_SEPARATOR}', as a CSV record: a value that is empty or holds "
             f"'{LIST_SEPARATOR}', '\"' or a line break is in double quotes, a '\"' in it doubled.")

FILES = {"items.csv": ITEMS_CSV, "items.json": ITEMS_JSON, "targets.csv": TARGETS_CSV,
         "datapackage.json": PACKAGE, "schema": SCHEMA}


def plan_file(plan_id: str) -> str:
    """Where a plan's YAML file is published."""
    return f"{DATA}/plans/{plan_id}.yaml"


def data_path(name: str, key: str | None = None) -> str:
    """Path in docs/ of a download: a name of ``FILES``, or 'plan' and the plan's id."""
    return plan_file(key) if name == "plan" else FILES[name]


@dataclass(frozen=True)
class Column:
    name: str
    type: str                      # a Table Schema type: string, integer, number, date
    description: str
    value: Callable[[Any], Any]    # row source → value (a list when ``many``)
    many: bool = False
    enum: tuple[str, ...] = ()

    def field(self, *, json_lists: bool = False) -> dict:
        """The Table Schema field; a list column is an array in JSON and a joined string in CSV."""
        kind = "array" if self.many and json_lists else self.type
        described = self.description + (f" {LIST_RULE}" if self.many and not json_lists else "")
        field = {"name": self.name, "type": kind, "description": described}
        if self.enum:
            field["constraints"] = {"enum": list(self.enum)}
        return field

    @cached_property
    def exact(self) -> bool:
        """Whether its text is written exactly in CSV: a code from a fixed list or no free text (see ``cell``)."""
        return bool(self.enum) or self.type != "string"


# --- columns from the model ------------------------------------------------------

_TYPES = {str: "string", int: "integer", float: "number", bool: "boolean", datetime.date: "date"}


def _scalar(hint) -> tuple[str, tuple[str, ...]] | None:
    """The Table Schema type (and enum) of a model field's type hint, or None for lists and records."""
    if typing.get_origin(hint) in (typing.Union, types.UnionType):
        [hint] = [arg for arg in typing.get_args(hint) if arg is not type(None)]
    if typing.get_origin(hint) is typing.Literal:
        return "string", tuple(typing.get_args(hint))
    return (_TYPES[hint], ()) if hint in _TYPES else None


def model_columns(cls, of: str, skip: tuple[str, ...] = ()) -> tuple[Column, ...]:
    """A column for each scalar field of the model class ``cls``; ``of`` is the attribute of a row source that
    holds the record ("item", "target")."""
    hints = typing.get_type_hints(cls)
    columns = []
    for f in dataclasses.fields(cls):
        scalar = _scalar(hints[f.name])
        if scalar and f.name not in skip:
            columns.append(Column(f.name, scalar[0], f.metadata["doc"], attrgetter(f"{of}.{f.name}"),
                                  enum=scalar[1]))
    return tuple(columns)


# --- the tables ---------------------------------------------------------------------

@dataclass(frozen=True)
class TargetRow:
    entry: Entry
    position: int     # 1-based, in the item's order
    target: Target
    metric_id: str    # the listed metric its metric names, "" for none


# A row source's values are read by ``attrgetter``, in C: a table is some 25 columns of tens of thousands of rows.

def key_columns(entry: str = "") -> tuple[Column, ...]:
    """The plan and item a row belongs to (together, an item's key), and the two as one reference; ``entry`` is
    the row source's attribute that holds its ``Entry`` with a dot ("entry."), "" for an entry itself."""
    plan_id, item_key = attrgetter(f"{entry}plan.id"), attrgetter(f"{entry}placed.key")
    return (
        Column("plan", "string", "Id of the plan (its file in plans/).", plan_id),
        Column("item", "string", "Id of the item within its plan; its anchor on the plan's page is item-<id>.",
               item_key),
        Column("ref", "string", "<plan>#<item>, as reviews and evidence refer to the item; one column to join on, "
               "which a spreadsheet keeps as text (it may read an item id such as 1-1 as a date).",
               lambda s: f"{plan_id(s)}#{item_key(s)}"),
    )


def plan_columns(entry: str = "") -> tuple[Column, ...]:
    """What a row's plan is: so that a table is read on its own, without a join (``entry`` as ``key_columns``)."""
    return (
        Column("plan_title", "string", "Title of the plan.", attrgetter(f"{entry}plan.title")),
        Column("organisation", "string", "Id of the organisation that published the plan.",
               attrgetter(f"{entry}organisation.id")),
        Column("organisation_name", "string", "Name of that organisation.", attrgetter(f"{entry}organisation.name")),
        Column("year", "integer", "The year the plan is for.", attrgetter(f"{entry}plan.year")),
        Column("kind", "string", "plan (工作要点/计划), review (工作总结) or breakdown (任务分解).",
               attrgetter(f"{entry}plan.kind"), enum=typing.get_args(Kind)),
    )


def reviewed_refs(entry: Entry) -> list[str]:
    """The refs of the items a review item reports on, written as the ref column writes them."""
    return [str(parse_reference(reference)) for reference in entry.item.reviews]


def item_columns(location: Callable[[Entry], str]) -> tuple[Column, ...]:
    """The columns of items.csv and items.json; ``location`` gives an item's address on the site."""
    return (
        *key_columns(),
        *plan_columns(),
        Column("section", "string", "Title of the section the item stands in.",
               lambda e: e.placed.sections[-1].title if e.placed.sections else ""),
        Column("sections", "string", "Titles of the sections it stands in, outermost first (section is the last): "
               "to group items by a plan's parts at any depth.", lambda e: [s.title for s in e.placed.sections],
               many=True),
        *model_columns(Item, "item", skip=("id",)),
        Column("owners", "string", "Responsible units (责任单位), by the names content/departments.yaml gives them "
               "(a plan's other spellings of a unit are aliases there).", lambda e: [d.name for d in e.owners],
               many=True),
        Column("owner_ids", "string", "Their department ids.", lambda e: [d.id for d in e.owners], many=True),
        Column("support", "string", "Supporting units (配合单位), by name.", lambda e: [d.name for d in e.support],
               many=True),
        Column("support_ids", "string", "Their department ids.", lambda e: [d.id for d in e.support], many=True),
        Column("themes", "string", "Themes, by name.", lambda e: [t.name for t in e.themes], many=True),
        Column("theme_ids", "string", "Their theme ids.", lambda e: [t.id for t in e.themes], many=True),
        Column("reviews", "string", "In a review (kind review): the items this statement reports on, each by its "
               "ref (<plan>#<item>); empty for other items.", reviewed_refs, many=True),
        Column("targets", "integer", "Number of quantitative targets (rows of targets.csv).",
               lambda e: len(e.item.targets)),
        Column("page", "string", "Address of the item on this site, relative to the site's root.", location),
    )


TARGET_COLUMNS = (
    *key_columns("entry."),
    *plan_columns("entry."),
    Column("target", "integer", "Position of the target within its item, from 1.", attrgetter("position")),
    *model_columns(Target, "target"),
    Column("due", "date", "When the target is due: its deadline, else its item's, else the end of the plan's "
           "year (what the site counts 逾期未报 by).",
           lambda row: target_deadline(row.entry.plan, row.entry.item, row.target)),
    Column("metric_id", "string", "Id of the listed metric (content/metrics.yaml) that metric names, by name or "
           "alias; the site's page of it is metrics/<id>/. Empty when it names none.", lambda row: row.metric_id),
)


def target_rows(corpus: Corpus) -> list[TargetRow]:
    def metric_id(target: Target) -> str:
        metric = corpus.vocabulary.resolve_metric(target.metric) if target.metric else None
        return metric.id if metric else ""

    return [TargetRow(entry, position, target, metric_id(target)) for entry in corpus.entries
            for position, target in enumerate(entry.item.targets, 1)]


# --- the columns on the 开放数据 page ---------------------------------------------------

# What each column holds, in the site's language (datapackage.json has the English descriptions); targets.csv
# reads its own text, deadline and status where they differ from an item's.
ITEM_NOTES = {
    "plan": "计划的编号（plans/ 中的文件名）",
    "item": "事项在计划内的编号；在计划页面上的锚点为 item-编号",
    "ref": "计划#事项，即 plan 和 item 合写，用于关联各表",
    "plan_title": "计划的标题",
    "organisation": "发布计划的机构的编号",
    "organisation_name": "该机构的名称",
    "year": "计划的年度",
    "kind": "计划类型：plan（工作要点、工作计划）、review（工作总结）或 breakdown（任务分解）",
    "section": "事项所在部分的标题",
    "sections": "事项所在各级部分的标题，由外到内（最后一个即 section）",
    "number": "原文印的序号（如 一、（一）、1），不含其后的标点",
    "title": "事项的标题",
    "text": "事项的原文",
    "deadline": "原文所写的事项完成时限；未写为空",
    "status": "报告的进展：未开始、进行中、已完成、未完成或已调整；未报告为空",
    "owners": "责任单位，按本站单位名录中的名称",
    "owner_ids": "责任单位的编号",
    "support": "配合单位，按本站单位名录中的名称",
    "support_ids": "配合单位的编号",
    "themes": "主题的名称",
    "theme_ids": "主题的编号",
    "reviews": "工作总结的事项所报告的计划事项，各以其 ref 表示；其他事项为空",
    "targets": "事项的量化目标数（在 targets.csv 中的行数）",
    "page": "事项在本站的地址（相对于站点根目录）",
}
TARGET_NOTES = {
    **ITEM_NOTES,
    "target": "目标在其事项内的序号，从 1 起",
    "text": "表述目标的原文",
    "metric": "指标，照计划的说法",
    "comparator": "比较方式：>=（不低于）、<=（不高于）、=（等于）、>（高于）、<（低于）或 range（区间，见 min 和 max）",
    "value": "目标值（range 以外的比较方式）",
    "min": "下限（range）",
    "max": "上限（range）",
    "unit": "单位，照原文（%、所、人、万人等）",
    "deadline": "原文为该目标所写的完成时限；未写为空（见 due）",
    "baseline": "基数，与目标同单位",
    "actual": "实际达到的值，与目标同单位，截至 as_of",
    "as_of": "actual 和 status 的截至日期",
    "evidence": "进展的依据：工作总结的事项（其 ref）或网址",
    "due": "到期日：目标的完成时限，未写则为事项的，再未写则为计划年度的年底（本站据此计算逾期未报）",
    "metric_id": "本站指标名录中该指标的编号，其页面为 metrics/编号/；不属名录为空",
}
TYPE_NAMES = {"string": "文本", "integer": "整数", "number": "数值", "date": "日期（年-月-日）"}


def type_name(column: Column) -> str:
    """A column's type as the 开放数据 page names it; a list is joined in CSV and an array in JSON."""
    if column.many:
        return (f"{TYPE_NAMES[column.type]}列表（CSV 中以 {LIST_SEPARATOR} 分隔，含 {LIST_SEPARATOR}、双引号或换行的值"
                f"加双引号；JSON 中为数组）")
    return TYPE_NAMES[column.type]


def field_notes(columns: tuple[Column, ...], notes: dict[str, str]) -> list[tuple[str, str, str]]:
    """(name, type, meaning) of each column, for the 开放数据 page."""
    return [(column.name, type_name(column), notes[column.name]) for column in columns]


def data_fields(location: Callable[[Entry], str]) -> dict[str, list[tuple[str, str, str]]]:
    """The columns of items.csv (and items.json) and of targets.csv, as the 开放数据 page lists them."""
    return {"items": field_notes(item_columns(location), ITEM_NOTES),
            "targets": field_notes(TARGET_COLUMNS, TARGET_NOTES)}


# --- writing -------------------------------------------------------------------------

def neutralised(text: str) -> str:
    """``text`` as a spreadsheet shows it, not runs it: a leading ' before a formula's first character, and
    before a ' it starts with, so that the guard is told from the text."""
    return GUARD + text if text.startswith(GUARDED_STARTS) else text


def joined(values: list[str]) -> str:
    """A list as one cell: the values with ``LIST_SEPARATOR`` between them, each that is empty or holds it, a
    double quote or a line break in double quotes (a double quote in it doubled), as a CSV record."""
    return LIST_SEPARATOR.join('"' + value.replace('"', '""') + '"' if QUOTED_VALUE.search(value) else value
                               for value in values)


def cell(column: Column, row) -> str:
    """A CSV cell: numbers as written (94.5, 10), dates ISO, lists joined, free text neutralised, None empty.

    Codes from a fixed list (a comparator such as ``=``) are written exactly: they carry no formula.
    """
    value = column.value(row)
    if type(value) is str:  # most cells, answered first
        return value if column.exact else neutralised(value)
    if value is None:
        return ""
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else format(Decimal(repr(value)), "f")  # not 1e-05
    if isinstance(value, datetime.date):
        return value.isoformat()
    text = joined(value) if column.many else str(value)
    return text if column.exact else neutralised(text)


def write_csv(out: TextIO, columns: tuple[Column, ...], rows, *, bom: bool = False) -> None:
    """The table as CSV (header first, after a byte order mark if ``bom``), written a row at a time."""
    if bom:
        out.write(BOM)
    writer = csv.writer(out)
    writer.writerow(column.name for column in columns)
    writer.writerows([cell(column, row) for column in columns] for row in rows)


def record(columns: tuple[Column, ...], row) -> dict:
    """A row as a JSON-ready record: dates ISO, lists and numbers as they are."""
    def plain(value):
        return value.isoformat() if isinstance(value, datetime.date) else value

    return {column.name: plain(column.value(row)) for column in columns}


def write_records(out: TextIO, columns: tuple[Column, ...], rows) -> None:
    """The table as a JSON array of records, a record to a line, written a record at a time: a reader or a
    diff goes through it by line, and ``json`` writes it with its C encoder (indented, it uses the
    Python one: items.json of 1,000 plans took 0.9 s)."""
    separator = "[\n"
    for row in rows:
        out.write(separator + json.dumps(record(columns, row), ensure_ascii=False))
        separator = ",\n"
    out.write("[]\n" if separator == "[\n" else "\n]\n")


def utf8(write: Callable[[TextIO], None]) -> bytes:
    """What ``write`` writes to a text stream, in UTF-8: encoded as it is written, so a large site's data
    file is never also held as one string (items.json of 10,000 plans: 344 MB)."""
    buffer = io.BytesIO()
    text = io.TextIOWrapper(buffer, encoding="utf-8", newline="")
    write(text)
    text.flush()
    text.detach()
    return buffer.getvalue()


def json_text(value) -> str:
    return json.dumps(value, ensure_ascii=False, indent=1) + "\n"


def csv_resource(name: str, path: str, title: str, columns: tuple[Column, ...], primary_key: list[str],
                 **extra) -> dict:
    return {"name": name, "path": path, "profile": "tabular-data-resource", "title": title,
            "format": "csv", "mediatype": "text/csv", "encoding": "utf-8",
            "schema": {"fields": [column.field() for column in columns], "primaryKey": primary_key, **extra}}


def datapackage(corpus: Corpus, columns: tuple[Column, ...], license: License | None,
                created: datetime.date) -> dict:
    """The Frictionless Data Package describing every file of data/ (paths relative to it), under ``license``,
    made on the day ``created`` (the build day, written as its first instant, so that rebuilds of one day are
    byte-identical)."""
    relative = len(DATA) + 1
    key = ["plan", "item"]
    return {
        "profile": "data-package",
        "name": "plansite-plans",
        "title": "教育工作计划：事项与量化目标",
        "created": day_start(created).isoformat(),
        **({"licenses": [{"name": license.name, "path": license.path, "title": license.title}]} if license else {}),
        "description": "Every item of every plan on this site, its quantitative targets, and each plan as "
                       "curated in YAML (format: " + SCHEMA[relative:] + "). CSV files are UTF-8 with a byte order "
                       "mark; a text cell starting with = + - @, a tab or a carriage return is prefixed with "
                       "' so that spreadsheets do not run it as a formula, and so is one starting with ': drop one "
                       "leading ' to get the text. A list column: " + LIST_RULE,
        "resources": [
            csv_resource("items", ITEMS_CSV[relative:], "全部事项", columns, key),
            {"name": "items-json", "path": ITEMS_JSON[relative:], "profile": "tabular-data-resource",
             "title": "全部事项（JSON）", "format": "json", "mediatype": "application/json", "encoding": "utf-8",
             "schema": {"fields": [column.field(json_lists=True) for column in columns], "primaryKey": key}},
            csv_resource("targets", TARGETS_CSV[relative:], "全部量化目标", TARGET_COLUMNS, [*key, "target"],
                         foreignKeys=[{"fields": key, "reference": {"resource": "items", "fields": key}}]),
            *({"name": f"plan-{plan.id}", "path": plan_file(plan.id)[relative:], "profile": "data-resource",
               "title": plan.title, "format": "yaml", "mediatype": "application/yaml", "encoding": "utf-8",
               "description": f"The plan as curated; its format: {SCHEMA[relative:]}"} for plan in corpus.plans),
        ],
    }


def open_data(site: Site, corpus: Corpus, location: Callable[[Entry], str], today: datetime.date) -> Made:
    """Every file of data/, each made when it is written (see ``write.Files``); ``location`` gives an item's
    address on the site, relative to its root; ``today``, the build day, is when the package was created."""
    columns = item_columns(location)
    writers = {
        ITEMS_CSV: lambda out: write_csv(out, columns, corpus.entries, bom=True),
        ITEMS_JSON: lambda out: write_records(out, columns, corpus.entries),
        TARGETS_CSV: lambda out: write_csv(out, TARGET_COLUMNS, target_rows(corpus), bom=True),
        PACKAGE: lambda out: out.write(json_text(datapackage(corpus, columns, site.settings.data_license, today))),
    }
    return [*((path, partial(utf8, writer)) for path, writer in writers.items()),
            *((plan_file(plan_source.plan.id), copy_of(plan_source.path)) for plan_source in site.plans)]
