"""The plan format and the vocabularies, as plain typed data.

These dataclasses are the single definition of the YAML formats: the decoder
(``decode.py``) reads YAML into them and the JSON Schema (``schema.py``) is
generated from them.  Field docs live in ``metadata["doc"]``.
"""

from __future__ import annotations

import operator
from dataclasses import dataclass, field
from datetime import date
from typing import Literal, dataclass_transform

WORDS = r"[a-z0-9]+(?:-[a-z0-9]+)*"   # lowercase ascii words joined by single hyphens
SLUG = f"^{WORDS}$"
ITEM_ID = SLUG                        # (the same rule, named for what it checks)

Kind = Literal["plan", "review", "breakdown"]
Comparator = Literal[">=", "<=", "=", ">", "<", "range"]
Status = Literal["未开始", "进行中", "已完成", "未完成", "已调整"]
Better = Literal["higher", "lower"]
DepartmentKind = Literal["科室", "直属单位", "下级部门", "统称", "外单位"]
Level = Literal["", "国家级", "省级", "地市级", "县区级", "乡镇级"]


REQUIRED = object()


@dataclass_transform(field_specifiers=(field,))  # (for type checkers: a record is a dataclass)
def record(cls):
    """A class of the model: a frozen dataclass with slots, pickled as its class and its fields' values.  Plans
    are pickled from the processes that read them and into the plan cache; a frozen dataclass's own pickling
    walks its fields in Python (``dataclasses.fields``), which took twice as long each way."""
    cls = dataclass(frozen=True, slots=True)(cls)
    values = operator.attrgetter(*cls.__slots__)
    arguments = values if len(cls.__slots__) > 1 else lambda self: (values(self),)  # of one name: the value
    cls.__reduce__ = lambda self: (cls, arguments(self))
    return cls


def doc(text: str, default=None, *, pattern: str | None = None, factory=None, **extra):
    """A dataclass field carrying its documentation, and what decoding, the schema and the field reference
    (``decode``, ``schema``, ``fieldref``) check of it besides its type:

    * ``pattern``: a regex a text must match; ``minimum``, ``maximum``: the range of a number;
    * ``printed=True``: a number as the document prints it (一, (一), 1), which YAML may give unquoted;
    * ``refers=True``: the id of an entry of a vocabulary.  Validation checks it against the vocabulary, which
      can name the id to write for an entry's name, so decoding leaves its pattern to the schema.
    * ``blank=False``: a text that may be empty (``''``, none, as when it is left out) but not blank: spaces
      alone would read as given though they say nothing.  (A required text may be neither.)  The rule: every
      optional text a curator writes as a value (a name, a region, a unit, a description, notes, an address, a
      path, evidence) is marked so, since the site shows such a text where it is given (a blank where — or
      nothing would show) and checks treat it as given.  A verbatim text of the source (a plan's preamble and
      closing, a section's or an item's text) is not: its lines of spaces render as nothing, and an item with no
      text is a warning of its own (``validate``).  An entry of a list of texts (``tuple[str, ...]``: owners,
      themes, aliases, keywords …) may be neither empty nor blank, in every list alike: decoding checks each.
    """
    metadata = {"doc": text, **({"pattern": pattern} if pattern else {}), **extra}
    if factory is not None:
        return field(default_factory=factory, metadata=metadata)
    if default is REQUIRED:
        return field(metadata=metadata)
    return field(default=default, metadata=metadata)


# --- vocabularies (content/) -------------------------------------------------

@record
class Organisation:
    """A body that publishes plans, e.g. a city's education bureau."""

    id: str = doc("Stable ascii slug used in URLs; chosen once, never recomputed.", REQUIRED, pattern=SLUG)
    name: str = doc("Full name, e.g. 萍乡市教育局.", REQUIRED)
    region: str = doc("Region it serves, e.g. 江西省萍乡市.", "", blank=False)
    level: Level = doc("Administrative level: 国家级, 省级, 地市级, 县区级 or 乡镇级; '' when unknown.", "")
    notes: str = doc("How the organisation was identified, or why it is unnamed.", "", blank=False)


@record
class Department:
    """A unit that owns or supports items: a 科室, a 直属单位, a 下级部门, a collective (统称), or a body outside the
    organisation that its plans name as owner or support (外单位)."""

    id: str = doc("Stable ascii slug used in URLs.", REQUIRED, pattern=SLUG)
    name: str = doc("Name as plans write it, e.g. 基教科.", REQUIRED)
    organisation: str = doc("Id of the organisation the unit belongs to.", REQUIRED, pattern=SLUG, refers=True)
    kind: DepartmentKind = doc("科室, 直属单位, 下级部门, 统称 (a collective such as 各县区教育行政部门) or 外单位 (a body "
                               "outside the organisation that its plans name, such as 县公安局).", "科室")
    full_name: str = doc("Full official name, e.g. 基础教育科.", "", blank=False)
    aliases: tuple[str, ...] = doc("Other spellings plans use for this unit.", ())


@record
class Theme:
    """A policy area items are filed under, e.g. 学前教育."""

    id: str = doc("Stable ascii slug used in URLs.", REQUIRED, pattern=SLUG)
    name: str = doc("Display name (名称).", REQUIRED)
    description: str = doc("One or two sentences shown on the theme page.", "", blank=False)
    keywords: tuple[str, ...] = doc("Words that make the importer propose this theme for an item.", ())


@record
class Metric:
    """A measure targets are stated in, e.g. 公办幼儿园在园幼儿占比, lined up across plans and years."""

    id: str = doc("Stable ascii slug used in URLs.", REQUIRED, pattern=SLUG)
    name: str = doc("Canonical name, e.g. 公办幼儿园在园幼儿占比.", REQUIRED)
    aliases: tuple[str, ...] = doc("Other names targets use for the same measure, e.g. 公办园在园幼儿占比.", ())
    unit: str = doc("Unit targets on this metric are stated in: %, 所, 人, 小时 …", "", blank=False)
    better: Better = doc("Which values are more ambitious: higher (入园率) or lower (大班额比例).", "higher")
    description: str = doc("What is measured, where the name leaves doubt.", "", blank=False)


@record
class OrganisationFile:
    """content/organisations.yaml."""

    organisations: tuple[Organisation, ...] = doc("All organisations.", ())


@record
class DepartmentFile:
    """content/departments.yaml."""

    departments: tuple[Department, ...] = doc("All departments (owners).", ())


@record
class ThemeFile:
    """content/themes.yaml."""

    themes: tuple[Theme, ...] = doc("All themes.", ())


@record
class MetricFile:
    """content/metrics.yaml."""

    metrics: tuple[Metric, ...] = doc("All metrics.", ())


@record
class License:
    """Terms on which the site's data may be reused."""

    name: str = doc("SPDX identifier or short name, e.g. CC-BY-4.0.", REQUIRED)
    title: str = doc("As readers see it, e.g. 知识共享署名 4.0 国际许可协议（CC BY 4.0）.", REQUIRED)
    path: str = doc("Address of the licence's text (http or https).", REQUIRED)


@record
class SiteFile:
    """content/site.yaml (optional): what holds for the whole site."""

    data_license: License | None = doc("The licence of the open data (data/), named in datapackage.json and on "
                                       "the 开放数据 page; without it none is stated.", None)


# --- plans (plans/) ----------------------------------------------------------

@record
class Target:
    """A quantitative commitment stated in an item."""

    text: str = doc("The verbatim phrase that states the target.", REQUIRED)
    metric: str = doc("What is measured, e.g. 公办幼儿园在园幼儿占比.", "", blank=False)
    comparator: Comparator = doc("How the value is to be met; 'range' uses min and max.", ">=")
    value: float | None = doc("Target value (all comparators but 'range').", None)
    min: float | None = doc("Lower bound (comparator 'range').", None)
    max: float | None = doc("Upper bound (comparator 'range').", None)
    unit: str = doc("Unit as written: %, 所, 人, 万人, 亿元 …", "", blank=False)
    deadline: date | None = doc("When the target is due; when omitted, the item's deadline, else the end of "
                                "the plan's year.", None)
    baseline: float | None = doc("The value the target starts from (基数), in the target's unit.", None)
    status: Status | None = doc("Progress: 未开始, 进行中, 已完成, 未完成 or 已调整; none reported when omitted.", None)
    actual: float | None = doc("The value reached, in the target's unit, as of 'as_of'.", None)
    as_of: date | None = doc("The date 'actual' and 'status' were reported for.", None)
    evidence: str = doc("Where the progress is reported: a review item as <plan id>#<item id> "
                        "(e.g. xx-edu-2025-review#1-2) or an http(s) address.", "", blank=False)


@record
class Item:
    """A numbered task of a plan."""

    number: str = doc("Number as printed, without the punctuation after it (、 . ．): 1, (一), 一是, ①.", REQUIRED,
                      printed=True)
    title: str = doc("The lead phrase of the item.", REQUIRED)
    text: str = doc("The full text, verbatim.", "")
    id: str = doc("Stable id within the plan; derived from the numbering when omitted.", "", pattern=ITEM_ID)
    owners: tuple[str, ...] = doc("Responsible units as stated, in order: names, aliases or department ids.", ())
    support: tuple[str, ...] = doc("Supporting (配合/协同) units.", ())
    themes: tuple[str, ...] = doc("Theme ids.", ())
    targets: tuple[Target, ...] = doc("Quantitative commitments.", ())
    deadline: date | None = doc("Completion date, if the plan states one.", None)
    status: Status | None = doc("Progress: 未开始, 进行中, 已完成, 未完成 or 已调整; none reported when omitted.", None)
    reviews: tuple[str, ...] = doc("In a review plan (kind review): the items this statement reports on, "
                                   "each as <plan id>#<item id>, e.g. xx-edu-2025#2-1.", ())
    span: tuple[int, ...] = doc("Provenance: [start, end) character offsets of the text in source.file.", ())


@record
class Section:
    """A themed part of a plan (一、…), holding items and/or nested sections."""

    number: str = doc("Number as printed, without punctuation: 一, (一).", REQUIRED, printed=True)
    title: str = doc("Section heading.", REQUIRED)
    text: str = doc("Introductory paragraph under the heading, verbatim.", "")
    sections: tuple["Section", ...] = doc("Nested sections.", ())
    items: tuple[Item, ...] = doc("Items of this section.", ())


@record
class Source:
    """Where the plan's text was published."""

    url: str = doc("Where the text was published (http or https).", "", blank=False)
    file: str = doc("Path of the source text, relative to the project folder (`plansite import` records even an "
                    "absolute SOURCE so).", "", blank=False)


@record
class Plan:
    """One published document (工作要点, 工作计划, 任务分解, 工作总结): one YAML file in plans/."""

    id: str = doc("Lowercase ascii slug, unique across plans, used in URLs.", REQUIRED, pattern=SLUG)
    title: str = doc("Title of the document.", REQUIRED)
    organisation: str = doc("Id from content/organisations.yaml.", REQUIRED, pattern=SLUG, refers=True)
    year: int = doc("The year the plan is for.", REQUIRED, minimum=1949, maximum=2100)
    kind: Kind = doc("plan (工作要点/计划), review (工作总结) or breakdown (任务分解).", "plan")
    published: date | None = doc("Publication date.", None)
    source: Source = doc("Where the text comes from.", factory=Source)
    preamble: str = doc("总体思路 / 总体要求 text.", "")
    notes: str = doc("Curator remarks: gaps in the source, how organisation and year were identified.", "",
                     blank=False)
    sections: tuple[Section, ...] = doc("Top-level sections.", ())
    closing: str = doc("Closing words after the last item (e.g. 在推进上述工作的同时…), verbatim.", "")


def commits(plan: Plan) -> bool:
    """Whether the plan's items are commitments (a plan or a breakdown), not reports on them (a review)."""
    return plan.kind != "review"
