"""Dates as plans write them: 2025年2月26日, 二〇二五年二月二十六日, and deadlines such as 2025年6月底前."""

from __future__ import annotations

import calendar
import re
from datetime import date
from itertools import chain
from typing import Callable

from ..numbering import DIGITS, chinese_to_int
from .spans import SENTENCE_BREAKS, clause_start

_DATE = re.compile(r"^(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日$")
_CHINESE_DATE = re.compile(r"^([〇○零一二三四五六七八九]{4})年([一二三四五六七八九十]{1,2})月([一二三四五六七八九十]{1,3})日$")
# The year of a date: four digits, or the year after the plan's (次年3月底前, 明年底, 翌年); the 年 of 年底, 年末 and
# 年内 after it is theirs (2026年底, ``_YEAR_END``); not the 年内 of 2025年内蒙古 (``_WITHIN``).
_WITHIN = "内(?!蒙古)"
_YEAR_END = "(?=年(?:[底末]|" + _WITHIN + "))"
_YEAR_OF = (r"(?:(?P<year>\d{4})\s*(?:" + _YEAR_END + r"|年\s*)|(?P<next>次|明|翌)" + _YEAR_END
            + r"|(?P<next_year>次年|明年|翌年)\s*)?")
_DEADLINE = re.compile(_YEAR_OF + r"(?P<month>\d{1,2})\s*月份?(?:\s*(?P<day>\d{1,2})\s*日|(?P<part>上旬|中旬|下旬|初|中|底|末))?")
# A date in digits, 2025.9.30 (2025/9/30, 2025-09-30), or a month's part: 2025.6底, 2025.6中旬.
_NUMERIC_DATE = re.compile(r"(?P<year>\d{4})\s*[./-]\s*(?P<month>\d{1,2})"
                           r"(?:\s*[./-]\s*(?P<day>\d{1,2})(?!\d)|(?P<part>上旬|中旬|下旬|初|中|底|末))")
_YEAR_ONLY = re.compile(_YEAR_OF + "(?P<period>年底|年末|年" + _WITHIN + "|全年|上半年|下半年|一季度|二季度|三季度|四季度|第[一二三四]季度)")
_PERIOD_END = {"年底": (12, 31), "年末": (12, 31), "年内": (12, 31), "全年": (12, 31), "上半年": (6, 30), "下半年": (12, 31),
               "一季度": (3, 31), "二季度": (6, 30), "三季度": (9, 30), "四季度": (12, 31),
               "第一季度": (3, 31), "第二季度": (6, 30), "第三季度": (9, 30), "第四季度": (12, 31)}
_PART_OF_MONTH = {"上旬": 10, "初": 10, "中旬": 20, "中": 20}
# A date as ``deadline`` reads it (``_NUMERIC_DATE``, ``_DEADLINE``, ``_YEAR_ONLY``), unnamed so that it may be
# repeated.
_DATES = (_NUMERIC_DATE, _DEADLINE, _YEAR_ONLY)
ONE_DATE = "(?:" + re.sub(r"\(\?P<\w+>", "(?:", "|".join(pattern.pattern for pattern in _DATES)) + ")"
# A deadline and nothing else, as a clause of units states it: 2025年8月底前完成, 年底前, 6月30日前到位, 2025年底,
# 次年3月底前完成验收 (what is completed, in a few words), 11月份, dates listed or a span (2025年4月、10月各开展一次,
# 3月至11月), stages (分两个阶段：6月底前完成申报), the date a rule takes effect (2025年7月1日起执行, which ``deadline``
# reads as no deadline), or the standing or recurring tasks a 完成时限 may name (长期, 长期坚持, 持续推进, 常态化开展,
# 每季度通报一次), perhaps from a year on (2024年起持续推进).  Not a year alone (2025年), nor 2025年底前的目标.
_DEADLINE_PHRASE = re.compile(
    r"(?:分[两二三四]个?阶段[:：]?)?(?:于|在|自|从)?" + ONE_DATE + "(?:[、和至到]" + ONE_DATE + ")*"
    r"(?:之前|以前|前|起|开始)?(?:各?(?:完成|完工|建成|到位|落实|执行|施行|实施|开展)[\u4e00-\u9fff]{0,4})?"
    r"|(?:\d{4}\s*年(?:起|开始)，?)?(?:长期|持续|常态化)(?:坚持|推进|开展|实施|进行)?"
    r"|每(?:月|季度|半年|年|周|旬)[\u4e00-\u9fff]{0,6}")
# A school year (2025—2026学年) and its term, in a plan's title: see ``school_calendar``.
_SCHOOL_YEAR = re.compile(r"(?P<first>\d{4})\s*[-—–~～至到]\s*\d{4}\s*学年度?(?P<spring>第二学期|下学期|春季学期)?")
# After a date, what makes it the start of a period (2025年7月1日起执行, 3月起至12月), not a day to finish by.
_STARTING = re.compile(r"\s*(?:起(?![草步])|开始)")


def year_number(written: str) -> int:
    """A year written in four digits, Arabic or Chinese (二〇二五, with ○ for 〇 as some texts have it)."""
    return int(written) if written.isdigit() else int("".join(str(DIGITS[ch]) for ch in written.replace("○", "〇")))


def parse_date(text: str) -> date | None:
    """A full date standing alone: 2025年2月26日 or 二〇二五年二月二十六日."""
    found = _DATE.match(text)
    if found:
        numbers = [int(g) for g in found.groups()]
    else:
        found = _CHINESE_DATE.match(text)
        if not found:
            return None
        numbers = [year_number(found.group(1)), chinese_to_int(found.group(2)), chinese_to_int(found.group(3))]
    try:
        return date(*numbers)
    except (TypeError, ValueError):
        return None


def school_calendar(title: str) -> Callable[[int], int] | None:
    """For the plan of a school year or term its title names (2025—2026学年第一学期工作计划), the year of a month
    stated without its year: August to December in the school year's first (before and in the autumn term), January
    to July in its second, and all of a second term (第二学期, 下学期, 春季学期) in the second; None for any other
    plan, whose dates are of its own year."""
    found = _SCHOOL_YEAR.search(title)
    if found is None:
        return None
    first = int(found["first"])
    return lambda month: first + 1 if found["spring"] or month < 8 else first


def deadline(text: str, year: int, year_of_month: Callable[[int], int] | None = None) -> date | None:
    """The last day a stated deadline allows: 2025年6月底前 -> 2025-06-30, 年底前 -> <year>-12-31, 2025.9.30, 2025.6底.
    Of several dates the latest: 2025年3月至12月 -> 2025-12-31, 上半年完成排查，下半年完成整治 -> <year>-12-31, a
    year stated holding for the dates after it.

    ``year`` is the plan's year, used when the text names none, but for a month's when ``year_of_month`` gives its
    year (a school year's, see ``school_calendar``: 1月20日前 in the first term of 2025—2026 -> 2026-01-20); 次年
    (明年, 翌年) is the year after it: 次年3月底前 -> <year + 1>-03-31.  A date followed by 起 or 开始 starts a
    period and allows no last day (2025年7月1日起执行 gives None, 2025年3月起至12月 2025-12-31).  Texts such as
    长期坚持 or 持续推进 give None.
    """
    days, plan_year, said = [], year, None  # said: the year the text states, holding for the dates after it
    for found in sorted(chain(*(pattern.finditer(text) for pattern in _DATES)),
                        key=lambda found: found.start()):
        stated = found.groupdict()
        said = int(found["year"]) if found["year"] else (
            plan_year + 1 if stated.get("next") or stated.get("next_year") else said)
        if _STARTING.match(text, found.end()):
            continue
        month = stated.get("month")
        year = said or (year_of_month(int(month)) if year_of_month and month else plan_year)
        try:
            days.append(_last_day(found, year))
        except ValueError:
            pass
    return max(days, default=None)


def _last_day(found: re.Match, year: int) -> date:
    """The last day one date of a deadline allows (see ``deadline``); ValueError if there is no such day."""
    if found.re is _YEAR_ONLY:
        return date(year, *_PERIOD_END[found["period"]])
    month = int(found["month"])
    if found["day"]:
        return date(year, month, int(found["day"]))
    return date(year, month, _PART_OF_MONTH.get(found["part"] or "", calendar.monthrange(year, month)[1]))


def is_deadline(text: str) -> bool:
    """Whether ``text`` states a deadline and nothing else (see ``_DEADLINE_PHRASE``)."""
    return _DEADLINE_PHRASE.fullmatch(text) is not None


# A later year a target is stated for, before it in its sentence: 到2030年…达到85%, 2030年提高到35%, “十五五”期间 (the
# 15th five-year plan's, to 2030), “十五五”末; not the base year of a change (较2025年下降3%)
_HORIZON = re.compile(r"(?<![较比])(?P<year>20\d\d)\s*年|“?十(?P<plan>[一二三四五六七八九])五”?(?:规划)?(?:期间|末|时期)")
_TITLE = re.compile(r"《[^《》]*》")  # a document's title: its years are its name's (《2030年前碳达峰行动方案》)
_ELEVENTH_PLAN_END = 2010  # the 11th five-year plan ran 2006–2010, each after it five years more


def horizon(text: str, start: int, end: int, year: int) -> date | None:
    """The end of the later year than ``year`` a target, ``text[start:end]``, is stated for, by the last year its
    sentence names before its end (到2030年，覆盖人口比例达到85% -> 2030-12-31), or the day it names in that year
    (2026年3月底前建成 -> 2026-03-31, 2026年上半年 -> 2026-06-30), not in a document's title (《2030年前…方案》); None
    for the plan's year or none."""
    sentence = clause_start(text, start, SENTENCE_BREAKS)
    titles = [title.span() for title in _TITLE.finditer(text, sentence, end)]
    named = [found for found in _HORIZON.finditer(text, sentence, end)
             if not any(first < found.start() < last for first, last in titles)]
    if not named:
        return None
    last = named[-1]
    until = int(last["year"]) if last["year"] else _ELEVENTH_PLAN_END + 5 * (DIGITS[last["plan"]] - 1)
    if until <= year:
        return None
    dated = last["year"] and (_DEADLINE.match(text, last.start()) or _YEAR_ONLY.match(text, last.start()))
    try:
        return _last_day(dated, until) if dated and dated["year"] else date(until, 12, 31)
    except ValueError:  # no such day (2026年2月30日): the year's end
        return date(until, 12, 31)
