"""Deadlines an item states in its prose, not in a clause of units nor a 完成时限: …，2025年6月底前完成全部改造。

A milestone is a date of the plan's year, a month or a period (6月底, 年底, 第三季度; not a year alone),
followed by 前 (2025年6月底前, 9月份开学前) or by what is done then (年底建成, 年内实现全覆盖).  It starts something
when 起 or 开始 follows the date, or its clause starts work (9月前开工建设, 启动, 动工) and completes none before.
A date of another year (2024年8月底前 in a plan of 2025, 次年3月底前) or recurring (每年6月底前) is none.  One in a
clause stating a target is the target's (年底前覆盖率达到100%), not the item's: see ``by_clause``.  An event of no
stated day (汛前完成, 开学前, 春节前) is no milestone: see ``events``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Callable

from .dates import ONE_DATE, deadline
from .spans import CLAUSE_BREAKS, clause_end, clause_start

# What a milestone completes (2025年6月底前完成, 年底建成), or starts (9月前开工建设): the start of a period is no
# deadline to meet.
_COMPLETES = "完成|完工|建成|竣工|到位|实现|投用|投入使用|交付|落实|消除|覆盖|达标|办结|上线|通车|封顶|报送|形成"
_STARTS = "启动|开工|动工|开始"
_ADVERBS = "(?:全面|基本|全部|力争|确保|要|均)*"
# A date, then 前 (perhaps of an event: 9月份开学前) or what is done then; not after 每 (每年6月底前), nor 全年, nor
# a span of years (三年内实现, 两年内).
_MILESTONE = re.compile(
    rf"(?<![\d每一二两三四五六七八九十个几])(?<!每年)(?P<date>(?!全年){ONE_DATE})"
    r"(?P<before>(?:(?:秋季|春季)?开学)?(?:之前|以前|前))?"
    rf"{_ADVERBS}(?P<verb>{_COMPLETES}|{_STARTS}|起)?")
_STATED_YEAR = re.compile(r"\d{4}|次|明|翌")  # a year a date states: 2024年8月底, 次年3月, 明年底
# A clause that starts work before it completes any (前市二中…新开工项目开工建设).
_STARTING_CLAUSE = re.compile(rf"^(?:(?!{_COMPLETES}).)*?(?:{_STARTS})")


# An event a deadline is stated by, whose day the plan does not give (汛前完成, 秋季学期开学前完成, 下学期开学前完成,
# 春节前，…, 国庆节前完成, 五一劳动节前完成, 主汛期到来前完成, 雨季来临前完成): the flood season starts when it does in
# the plan's region, a term at its schools, a festival on its own calendar.  Not after a date (9月份开学前 is a
# milestone), nor recurring (每年汛前), nor the name of a thing (做好开学前准备工作): its clause ends after 前, or
# what is completed or done then follows (汛前开展排查, 国庆节前组织开展…).
_EVENTS = ("(?:主|入)?汛期?|雨季|入冬|供暖|(?:(?:秋季|春季)(?:学期)?|[新下本]学期)?开学|寒假|暑假|放假|中考|高考"
           "|春节|元旦|(?:国庆|中秋|端午|清明|五一)节?|(?:五一)?劳动节|两节")
_BY_EVENT = rf"(?:{_EVENTS})(?:到来|来临)?(?:之前|以前|前)"
_DONE_THEN = rf"{_ADVERBS}(?:{_COMPLETES}|组织开展|开展|组织|举办)"
_EVENT = re.compile(rf"(?<![\d月日底末旬份季期每])(?<!每年){_BY_EVENT}(?:(?=[{re.escape(CLAUSE_BREAKS)}]|\Z)|{_DONE_THEN})")
# The event opening the words of a target, before what is done then (国庆节前组织开展“村晚”展演活动30场): when, not
# what is counted (not 做好开学前准备工作, a name).
BY_EVENT_DOING = rf"{_BY_EVENT}(?={_DONE_THEN})"


@dataclass(frozen=True)
class Milestone:
    text: str          # as written: 2025年6月底前完成
    start: int         # where it starts in the item's text
    due: date          # the last day it allows
    starting: bool     # whether it is the day something starts (9月前开工建设), no deadline


def milestones(text: str, year: int, year_of_month: Callable[[int], int] | None) -> list[Milestone]:
    """The milestones of ``text`` (see the module); ``year`` is the plan's, ``year_of_month`` a school year's (see
    ``dates.school_calendar``)."""
    found = []
    for match in _MILESTONE.finditer(text):
        if not (match["before"] or match["verb"]) or _of_another_year(match["date"], year):
            continue
        due = deadline(match["date"], year, year_of_month)
        if due is not None:
            rest = text[match.end("date"):clause_end(text, match.end("date"))]
            starting = match["verb"] in ("起", *_STARTS.split("|")) or bool(_STARTING_CLAUSE.match(rest))
            found.append(Milestone(match.group().strip(), match.start(), due, starting))
    return found


def events(text: str) -> list[re.Match]:
    """The events ``text`` states a deadline by, of no day it gives (see ``_EVENT``): a curator sets the day."""
    return list(_EVENT.finditer(text))


def _of_another_year(written: str, year: int) -> bool:
    stated = _STATED_YEAR.search(written)
    return stated is not None and (not stated.group().isdigit() or int(stated.group()) != year)


def by_clause(text: str, found: list[Milestone], targets: list[tuple[int, int]]) \
        -> tuple[list[Milestone], list[list[Milestone]]]:
    """The milestones ``found`` in ``text`` in no clause of a target, the item's, and for each target,
    ``text[start:end]`` of ``targets``, those in a clause holding it: the target's (2025年6月底前完成已售难交付住房交付
    3200套).  A clause, not its sentence, whose other clauses may have days of their own (汛前完成12座小型水库…的排查，
    5月底前完成防汛物资储备) or none (每月开展文化活动不少于2场，年内实现…达标率100%)."""
    clauses = [(clause_start(text, milestone.start), clause_end(text, milestone.start))
               for milestone in found]
    owned = [[milestone for milestone, (first, last) in zip(found, clauses) if start < last and end > first]
             for start, end in targets]
    return [milestone for milestone in found if not any(milestone in own for own in owned)], owned


def prose_deadline(found: list[Milestone]) -> date | None:
    """The item's deadline its milestones give: the day of the one milestone it states, or of the same milestone
    restated (年底前完成…，年底前实现…); none when it states several days (8月底前竣工投用，9月前开工建设: stages of
    different works, for the curator to weigh), nor when the one day starts something."""
    days = {milestone.due for milestone in found}
    return days.pop() if len(days) == 1 and not any(milestone.starting for milestone in found) else None
