"""Assemble the plan dict from the outline, and write it as YAML for the curator.

Items get their title (the lead phrase), verbatim text without the owner
clause (nor the 【units】 it may start with), owners and supporting units as stated, a deadline, themes, targets and
the span of the text in the source.  A target's metric is named as
content/metrics.yaml names it where the phrase holds a listed name (see
``metrics``).  Keys follow the field order of
``generator.model`` so that drafts read like curated files.
"""

from __future__ import annotations

import copy
import dataclasses
import re
from dataclasses import dataclass
from itertools import groupby, zip_longest
from typing import Callable, Iterable, Iterator

import yaml

from .. import model
from ..diagnostics import and_joined
from ..labels import KEY_POINTS, KINDS
from ..vocabulary import Vocabulary
from . import dates, tables
from .commitments import numberless
from .metadata import CLAUSE_PUNCTUATION, bare_name
from .markers import PROBLEM
from .metrics import listed_metric
from .owners import OwnerClause, find_owner_clause, item_owners, owners_and_support, split_units
from .prose_dates import Milestone, by_clause, events, milestones, prose_deadline
from .report import Unsure, walk_item_dicts
from .structure import TABLE, Part
from .targets import Skipped, TargetDraft, find_targets
from .textmap import Mapped, joined
from .themes import assign_themes

SCHEMA_COMMENT = "# yaml-language-server: $schema=../plan.schema.json\n"
TITLE_MAX = 40
_SENTENCE_END = re.compile(r"[。！？!?]")
_LEAD_END = re.compile(r"[。！？!?\n]")
LONE_SECTION = "一"  # the number of the one section around the items of a document without sections
# A review's section of work to come: its title names what comes (下一步, 今后, 明年, 下半年, 下阶段, 展望), or a
# year after the review's with a plan (计划, 打算, 思路, 安排, 要点, 重点, 举措, 措施), and nothing of work done
# (情况, 完成, 落实 …): 三、2025年工作计划, 下一步工作重点, 今后工作; not 一、对标年度工作要点，圆满完成各项任务, nor
# 2024年主要工作措施 in a review of 2024.
_COMING = re.compile(r"下一?步|今后|明年|下半年|下阶段|下一年|展望")
_YEAR = re.compile(r"([0-9]{4}|[〇○零一二三四五六七八九]{4})年")
_PLAN_WORD = re.compile(r"计划|打算|思路|安排|要点|重点|举措|措施")
_DONE = re.compile(r"情况|完成|落实|执行|回顾|对标|成效|成绩|进展")
# A review's section of its problems: 存在的问题, 存在问题, 问题与不足, 困难和问题, 存在的不足 (not 存在问题及下一步打算,
# work to come, nor 工作完成情况及存在问题, work done)
_PROBLEMS = re.compile(r"存在的?(?:主要)?(?:问题|不足|困难)|(?:问题|困难|不足)[与和及](?:问题|困难|不足)")
KIND_TITLES = {**KINDS, "plan": KEY_POINTS}  # an untitled plan is titled as the commonest kind of plan is


def ordered(cls, values: dict) -> dict:
    """``values`` in the field order of the model class, without the ones that are None."""
    names = [f.name for f in dataclasses.fields(cls)]
    return {name: values[name] for name in names if values.get(name) is not None}


def lead_phrase(text: str) -> str:
    """The item's lead phrase: its first sentence when that is short, else its first clause (cut at 40).
    A numbered line standing on its own (1.完善疾病预防控制体系, its text on the lines below) ends its sentence."""
    sentence = _LEAD_END.search(text)
    if sentence and sentence.start() <= TITLE_MAX:
        return text[:sentence.start()].strip()
    if len(text) <= TITLE_MAX:
        return text.rstrip("。；;：:，, ")
    clause = CLAUSE_PUNCTUATION.search(text)
    return text[:clause.start() if clause and clause.start() <= TITLE_MAX else TITLE_MAX].strip()


def heading(head: Mapped) -> tuple[str, Mapped]:
    """A section heading's title, and the text after it when the heading line runs on past a sentence."""
    sentence = _SENTENCE_END.search(head.text)
    if sentence and head.text[sentence.end():].strip():
        return head.text[:sentence.start()].strip(), head[sentence.end():].strip()
    return head.text.rstrip("。：:").strip(), head[len(head):]


def planning(title: str, year: int | None) -> bool:
    """Whether a section title of a review of ``year`` is the heading of its work to come (``_COMING``)."""
    later = any(year is None or dates.year_number(found.group(1)) > year
                for found in _YEAR.finditer(title))
    return bool((_COMING.search(title) or later and _PLAN_WORD.search(title)) and not _DONE.search(title))


def problems(title: str) -> bool:
    """Whether a section title of a review heads its problems (``_PROBLEMS``), and neither work done nor to do."""
    return bool(_PROBLEMS.search(title)) and not (_COMING.search(title) or _PLAN_WORD.search(title)
                                                  or _DONE.search(title))


def _printed(parts: Iterable[Part]) -> Iterator[Mapped]:
    """The lines of parts as printed, numbers included, with their paragraphs and the parts below them."""
    for part in parts:
        yield part.line or part.head
        yield from part.paragraphs
        yield from _printed(part.children)


class Flow(list):
    """A list written on one line: spans."""


@dataclass(frozen=True)
class Figure:
    """A row of a table of figures folded into an item's text: its baseline cell (2024年), if any, its target's
    (2025年目标), and what ``find_targets`` read in the row as its name and value: its one target, and the numbers
    it did not take."""
    baseline: Mapped | None
    target: Mapped
    read: tuple[list[TargetDraft], list[Skipped]]


# A new project's themes.yaml lists none until the curator writes them: the draft's items then have none.
NO_THEMES = ("content/themes.yaml lists no themes, so no item was given one (an item gets each theme whose keywords "
             "its text holds): write them before importing (a merge keeps a draft's empty themes, as curated)")


@dataclass
class Drafter:
    """Turns outline parts into section and item dicts, noting what the curator should check."""

    organisation: str
    year: int
    kind: str
    vocabulary: Vocabulary
    line_of: Callable[[int], int]  # source offset -> line number

    reviewed: int | None = None    # the year a review looks back on, as its source says; None: the plan's year
    year_of_month: Callable[[int], int] | None = None  # a school year's plan: the year of a month (see dates)

    def __post_init__(self):
        self.unsure: list[Unsure] = []
        self.unresolved: dict[str, list[int]] = {}     # owner -> lines
        self.unlisted_metrics: dict[str, tuple[list[int], tuple]] = {}  # metric -> lines, candidates
        self.people: dict[str, list[int]] = {}  # a table's column of people (责任领导): name -> lines
        self.reviewing = self.kind == "review"  # read targets as in a review: not in a review's plan part
        self.units: OwnerClause | None = None  # the units a section states for its items, and their deadline

    def sections(self, parts: tuple[Part, ...], title: str) -> list[dict]:
        """Top-level parts are sections; a document of items only gets one section around them."""
        if not parts:
            self.unsure.append(Unsure(0, "no numbered section or item found (一、 1. （一） 一是…): the draft has "
                                         "no item; check that the source holds the plan's text"))
        if parts and not any(part.children for part in parts):  # a section needs a number: 一, said so
            self.unsure.append(Unsure(parts[0].lineno, f"no sections: the items are put in one section, "
                                                       f"numbered {LONE_SECTION} and titled as the document"))
            return [ordered(model.Section, {"number": LONE_SECTION, "title": title,
                                            "items": [self.item(part) for part in parts]})]
        return [self.section(part) for part in parts]

    def section(self, part: Part) -> dict:
        title, rest = heading(part.head)
        if self.reviewing and part.children and problems(title):
            return self.problems_section(part, title, rest)
        text = joined((p for p in (rest, *part.paragraphs) if p.text), "\n")
        outer, outer_units = self.reviewing, self.units
        # 三、2025年工作计划 in a 2024 工作总结, whatever year the plan is given
        self.reviewing = outer and not planning(title, self.reviewed or self.year)
        title, text, units = self.section_units(part, title, text)
        self.units = units or outer_units
        self.note_targets(f"the title of section {part.number}", part.head[:len(title)])
        self.note_order(part)
        self.note_targets(f"the text of section {part.number}", text)
        section = ordered(model.Section, {
            "number": part.number,
            "title": title,
            "text": text.text or None,
            "sections": [self.section(child) for child in part.children if child.children] or None,
            "items": [self.item(child) for child in part.children if not child.children] or None,
        })
        self.reviewing, self.units = outer, outer_units
        return section

    def problems_section(self, part: Part, title: str, rest: Mapped) -> dict:
        """A review's section of its problems (二、存在的问题 over 1.… 2.…, or 一是…；二是…): they are neither work done
        nor to do, so its parts are its text as printed (the parts of one line on one line), not items, reported."""
        pieces = (piece for piece in (rest, *part.paragraphs, *_printed(part.children)) if piece.text)
        lines = (joined(same, "") for _, same in groupby(pieces, key=lambda piece: self.line_of(piece.origin[0])))
        self.unsure.append(Unsure(part.lineno, f"section {part.number} {title} states the review's problems, neither "
                                               "work done nor to do: its parts are kept as its text, not as items"))
        return ordered(model.Section, {"number": part.number, "title": title, "text": joined(lines, "\n").text})

    def section_units(self, part: Part, title: str, text: Mapped) -> tuple[str, Mapped, OwnerClause | None]:
        """The title and text of a section with items without the owner clause ending its heading
        (一、稳定就业（牵头单位：就业促进科）) or on lines of their own ending its text (牵头单位：就业促进科 below the
        heading), and that clause: the units, and the deadline, of its items that state none (reported)."""
        if not part.children:
            return title, text, None
        on_heading, below = find_owner_clause(title), find_owner_clause(text.text)
        if on_heading is not None and on_heading.start > 0 and on_heading.owners + on_heading.support:
            clause, line, title = on_heading, part.lineno, title[:on_heading.start].strip()
        elif below is not None and below.end == len(text.text) and below.owners + below.support \
                and _starts_a_line(text.text, below.start):
            clause, line, text = below, self.line_of(text.source_offset(below.start)), text[:below.start].strip()
        else:
            return title, text, None
        self.unsure.append(Unsure(line, f"the units stated for section {part.number} "
                                        f"({'、'.join(clause.owners + clause.support)}) are given to each of its "
                                        "items that names none: check they are meant for all of them"))
        return title, text, clause

    def note_order(self, part: Part) -> None:
        """Report the items that follow a section beside them in the source (三、 over 1.…（1）（2）, 2.…①②, 3.…): a
        section's items come before its sections in the plan, so the draft moves them up."""
        first = next((child for child in part.children if child.children), None)
        for child in part.children[part.children.index(first) + 1:] if first else ():
            if not child.children:
                self.unsure.append(Unsure(child.lineno, f"item {child.number} follows section {first.number} in "
                                                        f"section {part.number}: the draft puts a section's items "
                                                        "before its sections, check the order reads right"))

    def note_targets(self, where: str, text: Mapped) -> None:
        """Report the targets a section's own title or text or the preamble states (总体目标: 到2025年新增就业800人以上,
        主要目标：…; 1.每千人口托位数达到4.5个。 over points (1) (2)): only items hold targets.  ``where`` names the
        text: the text of section 一, the preamble."""
        targets, _ = find_targets(text.text, review=self.reviewing)
        for found in targets:
            self.unsure.append(Unsure(self.line_of(text.source_offset(found.start)),
                                      f"{where} states a target, {quoted(found.text)}: "
                                      "only items hold targets, make it an item to keep it"))

    def item(self, part: Part) -> dict:
        if part.style == TABLE:
            return self.table_item(part)
        text = joined((p for p in (part.head, *part.paragraphs) if p.text), "\n")
        stated = item_owners(text.text)
        if stated.guessed and not _table_rows(text.text[stated.rest:]):
            self.unsure.append(Unsure(self.line_of(text.source_offset(stated.rest) - 1),
                                      f"the units of item {part.number} are those of "
                                      f"{quoted(text.text[stated.end:stated.rest])}, which ends this line, not the "
                                      "item's last: check they are its own"))
        text = joined((t for t in (text[stated.start:stated.end].strip(), text[stated.rest:].strip()) if t.text),
                      "\n")
        measures = _measures(part, text)
        read, baselines = (measures, ()) if measures else self.figures(text)
        return self.item_dict(part, lead_phrase(text.text), text, stated.owners, stated.support, stated.deadline,
                              read, baselines)

    def figures(self, text: Mapped) -> tuple[tuple[Mapped, ...], tuple[Figure | None, ...]]:
        """Where the targets of an item's text holding the rows of a table of figures (folded below its line: 项目 |
        2024年 | 2025年目标) are read, and of each the cells of its baseline and target with the targets read in it
        (``Figure``): its prose, then each row stating one target as its name and value (星级饭店（家） | 3 | 4 →
        星级饭店 4家, baseline 3); a row stating none is read as prose, its numbers reported, and the header not at all
        (its years are no targets).  ((), ()) for a text holding no table: read whole."""
        if "\t" not in text.text and "|" not in text.text:
            return (), ()  # no line of cells (``tables.split_cells``), most items' text: not cut into lines
        lines = text.split("\n")
        at, header = next(((index, found) for index, found in enumerate(map(tables.header, lines)) if found),
                          (None, None))
        if header is None:
            return (), ()
        read = [(joined(lines[:at], "\n"), None)]
        for line in lines[at + 1:]:
            columns = tables.row(header, tables.split_cells(line) or [])
            stretch = _figure(columns) if columns and "target" in columns else None
            found = find_targets(stretch.text, review=self.reviewing) if stretch is not None else ([], [])
            read.append((stretch, Figure(columns.get("baseline"), columns["target"], found))
                        if len(found[0]) == 1 else (line, None))
        return tuple(stretch for stretch, _ in read), tuple(baseline for _, baseline in read)

    def table_item(self, part: Part) -> dict:
        """A table's row as an item: its text the content, else the task, else the indicator (指标名称); its targets
        also those of a target column (预期目标: 新建公办幼儿园6所, read apart; 2025年目标值: ≥93%, the indicator's).
        A content column holding a value alone (工作目标: 90%) is the target column of the task's words, and a value
        alone that the text states already (县域内就诊率达到90%以上) is that target, not one more without a metric."""
        task, content, metric, target = (part.column(role) for role in ("task", "content", "metric", "target"))
        target = target or self.target_of_year(part)
        if target is None and task and task.text and content and tables.value_only(content.text):
            target, content = content, None
        bare = target is not None and tables.bare_value(target.text)
        if target:
            target = tables.with_unit(target, part.column("unit"))
        text = content or task or metric
        title = task.text if task and content else metric.text if text is metric else lead_phrase(text.text)
        read = (text,)  # the stretches targets are read in, each apart
        if target and target.text and not (text is not metric and _states(text, target)):
            read = (joined((metric, target), " "),) if text is metric else (text, target)
        units = {role: split_units(cell.text) for role, cell in part.columns
                 if role in ("lead", "owners", "support")}
        owners, support = owners_and_support(*(units.get(role, ()) for role in ("lead", "owners", "support")))
        cell = part.column("deadline")
        item = self.item_dict(part, title, text, owners, support, cell.text if cell else "", read)
        kept = self.with_unread(part, text)  # its themes still those of its own words, not of the cells kept
        item.update(text=kept.text, span=list(kept.span()))
        self.table_baseline(part.lineno, part.number, part.column("baseline"), item["targets"],
                            target if bare else None)
        people = part.column("people")
        if people is not None and people.text:
            self.people.setdefault(people.text, []).append(part.lineno)
        return item

    def with_unread(self, part: Part, text: Mapped) -> Mapped:
        """A row's text, and the cells of the columns the importer does not read (备注: 含过夜游客, 完成情况, 第一季度; see
        ``tables.kept_column``), which no field holds: the row as printed from the first of them and the item's
        words to the last, the cells of other columns printed between named (基教科), reported, else they would be
        lost; not over a person's name (责任人: 张伟), which the plan does not hold, a contact's cell nor a row's class
        or score: then the row's text alone, the cells reported.  The cells of a contact's columns (联系电话) are
        reported, never kept: the site would publish them; those of a row's class or score (类别, 分值) are reported
        as not read, kept in no field."""
        unread = tables.unread(part.columns)
        contacts = self.not_kept(part, unread, tables.contact_column,
                                 "a contact's number or address the site would publish")
        denied = self.not_kept(part, unread, tables.denied_column,
                               "it classifies or scores the row, which a plan does not")
        notes = [(header, cell) for header, cell in unread if tables.kept_column(header)]
        if not notes:
            return text
        held = [text, *(cell for _, cell in notes)]
        kept, first = tables.spanning(part.column(tables.ROW), held), min(held, key=Mapped.span)
        inside = [cell for role, cell in part.columns if role != tables.ROW and cell.text
                  and kept.span()[0] <= cell.span()[0] < kept.span()[1] and cell.span() not in map(Mapped.span, held)]
        private = {cell.span() for cell in (part.column("people"), *(cell for _, cell in contacts + denied)) if cell}
        if any(cell.span() in private for cell in inside):
            self.unsure.append(Unsure(part.lineno, _not_kept(notes, part.number, "a person's name, a contact or a "
                                                             "row's class or score stands between it and the item's "
                                                             "words in the row: put it in the item's text by hand if "
                                                             "it matters")))
            return text
        between = f", with {and_joined([quoted(cell.text) for cell in inside])} printed between" if inside else ""
        self.unsure.append(Unsure(part.lineno, f"{_unread_cells(notes, part.number)}, which the "
                                               "importer does not read: kept in the item's text, which is now its row "
                                               f"as printed from {quoted(first.text)} on{between}; check it"))
        return kept

    def not_kept(self, part: Part, unread: list[tuple[str, Mapped]], column: Callable[[str], bool],
                 why: str) -> list[tuple[str, Mapped]]:
        """The cells of a row's columns not read whose header ``column`` accepts (a contact's, a row's class or
        score), reported as kept in no field, as ``why`` says."""
        cells = [(header, cell) for header, cell in unread if column(header)]
        if cells:
            self.unsure.append(Unsure(part.lineno, _not_kept(cells, part.number, why)))
        return cells

    def table_baseline(self, line: int, number: str, cell: Mapped | None, targets: list[dict],
                       bare: Mapped | None, in_text: bool = False) -> None:
        """The value of a row's baseline cell (its 2024年完成值 or 基数 column; at ``line``, of item ``number``) as
        the baseline of its one target; reported when the row has no target (or several) to hold it.  A number
        alone in the target column (``bare``) below its baseline (孕产妇死亡率 | 8.5 | 8) asks for at most that value,
        as a rate to lower does: read as ≤, reported.  A table's row and a row of a table of figures alike, but a
        cell naming no number (待统计) of a row the item's text holds already (``in_text``: a table of figures') is
        not reported: nothing is lost."""
        value = None if cell is None else tables.number_in(cell.text)
        if cell is None or tables.placeholder(cell.text) or (in_text and value is None):  # (—, /: no value, none lost)
            return
        if value is not None and len(targets) == 1:
            found = targets[0]
            found["baseline"] = value
            if bare is not None and found["comparator"] == ">=" and found["value"] < value:
                found["comparator"] = "<="
                self.unsure.append(Unsure(line, f"target {quoted(bare.text)} of item {number} is below its baseline "
                                                f"{quoted(cell.text)}: read as at most (≤), a value to lower to; "
                                                "check it"))
            return
        why = ("is in its 完成值 or 基数 column but names no one number for its target to start from"
               if value is None else "is the value its target starts from (its 完成值 or 基数 column), but the item "
                                     "has no target of one value to hold it as its baseline")
        self.unsure.append(Unsure(line, f"{quoted(cell.text)} of item {number} {why}: put it in the item's text if "
                                        "it matters"))

    def target_of_year(self, part: Part) -> Mapped | None:
        """Of a row's targets for each year (2024年目标值 | 2025年目标值 | 2026年目标值), the plan's year's, else the
        last; the others reported, as a target holds one value."""
        by_year = tables.yearly_targets(part.columns)
        if not by_year:
            return None
        year = self.year if self.year in by_year else list(by_year)[-1]
        others = "、".join(f"{other}年 {quoted(cell.text)}" for other, cell in by_year.items()
                          if other != year and cell.text)
        if others:
            self.unsure.append(Unsure(part.lineno, f"item {part.number} has a target for each year: {year}'s is read, "
                                                   f"not {others}; put them in its text if they matter"))
        return by_year[year]

    def deadline(self, stated: str, part: Part, prose: list[tuple[Mapped, Milestone]], read: list[Mapped]):
        """The date a stated deadline (完成时限) gives, noting the ones that give none; else (none stated) the date
        the milestones of the item's ``prose`` give, each with the stretch of text it is in, the events the
        stretches ``read`` state one by noted."""
        stated = stated or (self.units.deadline if self.units else "")
        if not stated:
            self.note_events(part, read)
            return self.prose_deadline(part, prose)
        found = dates.deadline(stated, self.year, self.year_of_month)
        if found is None:
            self.unsure.append(Unsure(part.lineno, f"deadline “{stated}” of item {part.number} is not a date"))
        return found

    def prose_deadline(self, part: Part, found: list[tuple[Mapped, Milestone]]):
        """The deadline the milestones ``found`` in an item's prose give (see ``prose_dates``), reported to be
        checked; when they state several days, none, the days reported."""
        due = prose_deadline([milestone for _, milestone in found])
        if found and (due or len({milestone.due for _, milestone in found}) > 1):
            line, stated = self.first_and_all([(stretch, milestone.start, milestone.text)
                                               for stretch, milestone in found])
            self.unsure.append(Unsure(
                line, f"deadline of item {part.number} read from its text, {stated}: check it" if due else
                f"item {part.number} states several deadlines in its text, {stated}: none taken, set it by hand"))
        return due

    def note_events(self, part: Part, read: list[Mapped]) -> None:
        """Reports the events (汛前完成, 开学前, 春节前) an item's text states a deadline by, of no day to read (see
        ``prose_dates.events``); none in a review."""
        found = [] if self.kind == "review" else [(stretch, event.start(), event.group()) for stretch in read
                                                   for event in events(stretch.text)]
        if found:
            line, named = self.first_and_all(found)
            self.unsure.append(Unsure(line, f"item {part.number} states a deadline by an event in its text, {named}: "
                                            "no day read from it, check the item's deadline"))

    def first_and_all(self, found: list[tuple[Mapped, int, str]]) -> tuple[int, str]:
        """For the report of what an item's text states (its milestones, its events: each the stretch it is in,
        where it starts there and its words), the line of the first, and the words of all quoted, each once."""
        stretch, start, _ = found[0]
        return self.line_of(stretch.source_offset(start)), "、".join(dict.fromkeys(quoted(words) for *_, words in found))

    def milestones(self, stretch: Mapped) -> list[Milestone]:
        """The milestones of a stretch of an item's text; none in a review, whose dates are mostly of work done."""
        return [] if self.kind == "review" else milestones(stretch.text, self.year, self.year_of_month)

    def item_dict(self, part: Part, title, text: Mapped, owners, support, stated: str,
                  read: tuple[Mapped, ...] = (), figures: tuple[Figure | None, ...] = ()) -> dict:
        """The item; its targets read in ``read``, the stretches of its text read apart (else the whole text), the
        one target of a stretch that is a row of ``figures`` starting from its baseline cell; its deadline as
        ``stated`` (see ``deadline``), else as its prose states it outside its targets' clauses."""
        if not owners + support and self.units:  # the units its section states
            owners, support = self.units.owners, self.units.support
        for name in (*owners, *support):
            self.check_owner(name, text)
        # each stretch read, its row of figures, its targets, the milestones in no target's clause and each target's
        stretches = []
        for stretch, figure in zip_longest(read or (text,), figures):
            found, skipped = figure.read if figure else find_targets(stretch.text, review=self.reviewing)
            stretches.append((stretch, figure, found, *by_clause(stretch.text, self.milestones(stretch),
                                                                 [(target.start, target.end) for target in found])))
            for skip in skipped:
                self.unsure.append(Unsure(self.line_of(stretch.source_offset(skip.start)),
                                          f"number not taken as a target in item {part.number}: {quoted(skip.text)} "
                                          f"({skip.reason})"))
            for start, end in [] if self.reviewing else numberless(stretch.text, ((t.start, t.end) for t in found)):
                self.unsure.append(Unsure(self.line_of(stretch.source_offset(start)),
                                          f"commitment without a number in item {part.number}: "
                                          f"{quoted(stretch.text[start:end])} (not taken as a target: the curator "
                                          "decides)"))
        deadline = self.deadline(stated, part, [(stretch, milestone) for stretch, _, _, items, _ in stretches
                                                for milestone in items], [stretch for stretch, *_ in stretches])
        targets = []
        for stretch, figure, found, _, owned in stretches:
            drafted = [self.target(target, self.line_of(stretch.source_offset(target.start)),
                                   self.target_deadline(part, stretch, target, own, deadline))
                       for target, own in zip(found, owned)]
            if figure is not None:
                self.table_baseline(self.line_of(stretch.source_offset(0)), part.number, figure.baseline, drafted,
                                    figure.target if tables.bare_value(figure.target.text) else None, in_text=True)
            targets += drafted
        return ordered(model.Item, {
            "number": part.number,
            "title": title,
            "text": text.text,
            "owners": list(owners),
            "support": list(support),
            "themes": list(assign_themes(text.text, self.vocabulary.themes, limit=3)),
            "targets": targets,
            "deadline": deadline,
            "span": list(text.span()),
        })

    def target_deadline(self, part: Part, stretch: Mapped, target, own: list[Milestone], item_deadline):
        """A target's own deadline, where it is not its item's: the end of a later year its sentence names
        (到2030年), else the day of the milestones ``own`` in its clause state (年底前…覆盖率达到100%), reported."""
        due = dates.horizon(stretch.text, target.start, target.end, self.year)
        stated = None if due is not None else prose_deadline(own)
        if stated not in (None, item_deadline):
            due = stated
            self.unsure.append(Unsure(self.line_of(stretch.source_offset(own[0].start)),
                                      f"deadline of target {quoted(target.text)} of item {part.number} read from its "
                                      f"clause, {quoted(own[0].text)}: check it"))
        return _own_deadline(due, item_deadline)

    def target(self, found, line: int, due) -> dict:
        """The target as drafted; ``due`` its own deadline, a later year's end its sentence names (到2030年), if any;
        no baseline (see ``table_baseline``)."""
        if found.note:
            self.unsure.append(Unsure(line, f"target {quoted(found.text)}: {found.note}"))
        values = {name: getattr(found, name)
                  for name in ("text", "metric", "comparator", "value", "min", "max", "unit")}
        values["deadline"] = due
        values["baseline"] = None
        if self.vocabulary.metrics and found.metric:
            values["metric"] = self.metric(found.metric, found.unit, line)
        return ordered(model.Target, values)

    def metric(self, phrase: str, unit: str, line: int) -> str:
        """The metric as content/metrics.yaml names it, if the phrase is close to a listed name (see ``metrics``)."""
        naming = listed_metric(phrase, self.vocabulary, unit)
        if naming.metric is None:
            self.unlisted_metrics.setdefault(phrase, ([], naming.candidates))[0].append(line)
            return phrase
        if not naming.held:
            return phrase
        self.unsure.append(Unsure(line, f"metric “{phrase}” taken as “{naming.metric.name}” ({naming.metric.id})"))
        return naming.metric.name

    def check_owner(self, name: str, text: Mapped) -> None:
        if self.vocabulary.resolve_owner(name, self.organisation) is None:
            self.unresolved.setdefault(name, []).append(self.line_of(text.source_offset(0)))

    def people_notes(self) -> list[Unsure]:
        """Once, at its first line, the people a table's column names (责任领导: 张三), whom no field holds."""
        if not self.people:
            return []
        first = min(lines[0] for lines in self.people.values())
        return [Unsure(first, f"a table's column of people (责任领导, 责任人) names {'、'.join(map(quoted, self.people))}: "
                              "the plan format holds no person, so they are not in the draft")]

    def vocabulary_notes(self) -> list[Unsure]:
        """Owners and metrics the vocabularies do not list, each once, at its first line; no themes at all."""
        themeless = [] if self.vocabulary.themes else [Unsure(0, NO_THEMES)]
        return (themeless
                + [Unsure(lines[0], f"owner “{name}” is not in content/departments.yaml for "
                                    f"{self.organisation} ({len(lines)} item(s), first here)")
                   for name, lines in self.unresolved.items()]
                + [Unsure(lines[0], f"metric “{name}” is not in content/metrics.yaml ({len(lines)} target(s), "
                                    f"first here)" + _could_be(candidates))
                   for name, (lines, candidates) in self.unlisted_metrics.items()])


def _measures(part: Part, text: Mapped) -> tuple[Mapped, ...]:
    """Where an item's targets are read: a problem's (问题1：…) in the lines below it, its 整改措施, not in what went
    wrong (中心组专题研讨仅开展2次); () for the whole text of any other item."""
    if part.style != PROBLEM:
        return ()
    below = text.text.find("\n")
    return (text[below + 1 if below >= 0 else len(text.text):],)


def _figure(columns: dict[str, Mapped]) -> Mapped | None:
    """A row of a table of figures as its name and target value, with the unit its 单位 column or the name's bracket
    states: 星级饭店（家） | 3 | 4 → 星级饭店 4家; None when its target cell is empty."""
    name, unit = tables.bracketed_unit(tables.named(columns))
    target = tables.with_unit(columns["target"], columns.get("unit") or unit)
    return joined((name, target), " ") if target.text else None


def _own_deadline(due, item_deadline):
    """A target's deadline where it is not its item's (2026年城镇新增就业3万人 in an item due 2026-12-31: none)."""
    return due if due != item_deadline else None


def _starts_a_line(text: str, offset: int) -> bool:
    """Whether ``text[offset:]`` starts the text or a line of it."""
    before = text[:offset].rstrip(" \t\u3000")
    return not before or before.endswith("\n")


def _states(text: Mapped, value: Mapped) -> bool:
    """Whether a cell holding a value alone (90%) gives no target the text does not state (县域内就诊率达到90%以上)."""
    number = tables.number_in(value.text) if tables.value_only(value.text) else None
    return number is not None and any(found.value == number for found in find_targets(text.text)[0])


def _table_rows(text: str) -> bool:
    """Whether every line of the text is a table's row (a table of figures below the line its units end)."""
    return all(tables.split_cells(Mapped.of(line)) is not None for line in text.split("\n") if line.strip())


def _unread_cells(cells: list[tuple[str, Mapped]], number: str) -> str:
    """Cells of item ``number``'s row with their columns' headers: “10” of item 1, in column 分值; “学前教育” and
    “10” of item 1, in columns 类别 and 分值."""
    return (f"{and_joined([quoted(cell.text) for _, cell in cells])} of item {number}, in "
            f"column{'s' if len(cells) > 1 else ''} {and_joined([header or '(no header)' for header, _ in cells])}")


def _not_kept(cells: list[tuple[str, Mapped]], number: str, why: str) -> str:
    """The report of cells of columns not read that no field holds, as ``why`` says."""
    return f"{_unread_cells(cells, number)}, which the importer does not read, is in no field of the draft, as {why}"


def quoted(text: str) -> str:
    """``text`` in “ ” for the report, unless it is quoted already (“四个自信”, not ““四个自信””)."""
    return text if text.startswith("“") and text.endswith("”") else f"“{text}”"


def _could_be(metrics) -> str:
    return "; could be " + " or ".join(f"“{m.name}” ({m.id})" for m in metrics) if metrics else ""


def plan_dict(*, plan_id: str, title: str, organisation: str, year: int, kind: str, published, source_file: str,
              preamble: str, notes: str, sections: list[dict], closing: str) -> dict:
    return ordered(model.Plan, {
        "id": plan_id,
        "title": title,
        "organisation": organisation,
        "year": year,
        "kind": kind,
        "published": published,
        "source": ordered(model.Source, {"url": "", "file": source_file}),
        "preamble": preamble,
        "notes": notes,
        "sections": sections,
        "closing": closing,
    })


def composed_title(organisation: model.Organisation | None, year: int, kind: str) -> str:
    """A title for a document that prints none: 湘潭市教育局2025年工作要点."""
    name = bare_name(organisation.name) if organisation else ""
    return f"{name}{year}年{KIND_TITLES[kind]}"


class _Dumper(yaml.SafeDumper):
    def ignore_aliases(self, data) -> bool:
        """Values shared in the draft (a day several targets are due) are written out each time, never as &id001."""
        return True


def _string(dumper: yaml.SafeDumper, value: str):
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _string)
_Dumper.add_representer(Flow, lambda dumper, value: dumper.represent_sequence(
    "tag:yaml.org,2002:seq", value, flow_style=True))


def dump(plan: dict) -> str:
    """The plan as YAML: block style (spans on one line), Chinese unescaped, long lines unwrapped."""
    plan = copy.deepcopy(plan)
    for item in walk_item_dicts(plan.get("sections") or []):
        if "span" in item:
            item["span"] = Flow(item["span"])
    body = yaml.dump(plan, Dumper=_Dumper, allow_unicode=True, sort_keys=False, default_flow_style=False,
                     width=1 << 30, indent=2)
    return SCHEMA_COMMENT + body
