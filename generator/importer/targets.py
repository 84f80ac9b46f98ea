"""Quantitative targets in an item's text: 学前三年毛入园率达到94.5%以上 -> 学前三年毛入园率 >= 94.5 %.

What is read
------------
A *quantity* is a number followed by a unit: Arabic (94.5, 3000, 1,000) or
Chinese (两, 十二) numbers, 百分之九十, tenths (三成以上, a rate); ranges 700-800, 700～800, 700至800;
units %, 所, 个, 人, 名, 节, 次, 项, 小时/个小时, 分钟, 学时, 人次, 批次, 吨, 立方米,
微克/立方米, 千瓦, 岁 …, with a scale (万人, 亿元, 万平方米, 万吨) and the period of a
rate (5万立方米/日, 300吨/天; 3万吨每日 -> 万吨/日) or what it is per (800元/生,
8平方米/人, 300元/人次, 500元/人/年, 800元/生·年; not /年度), a rate per so many people (孕产妇死亡率10/10万 ->
10, /10万; 1/万); after Arabic digits the scale alone where no word but 以上 … follows it in
its clause (1000万以上 -> 1000, 万; 500万棵 is a number without a unit).  Values
are ints when whole, else floats; the unit is kept as written (9.5万人 -> 9.5, 万人), but
人民币 is 元 (8亿人民币, 8亿元人民币 -> 亿元).

Comparator, the first rule that applies:

1. a range -> ``range`` (min, max);
2. a qualifier after the unit: 以上 -> ``>=``; 以下/以内/之内, and 内 after a
   time unit -> ``<=`` (so "2小时内…发布权威信息" is a deadline: at most 2
   hours); 余/多 before the unit (300余人) -> ``>``; 左右 -> ``=``;
3. the comparator word nearest before the number in its clause:
   不低于/不少于/至少/达到/达/提升至/提高到/保持/力争/实现/确保/保障 … -> ``>=``
   ("达到X" means at least X: a level to reach, not to hit exactly);
   超过/高于/多于 -> ``>``; 不超过/控制在/降至/最多 … -> ``<=``; 低于/少于 -> ``<``;
   为 -> ``=``;
4. otherwise a rate (%, ‰, /10万) -> ``>=`` (a stated level is a floor), and any
   other count -> ``=``: plain counts of things to do (创建30所, 评选200个,
   新增30个, 培训6000人) are exact.

Metric: the noun phrase before the number in its clause, without the
comparator word and without leading adverbs, modal and light verbs (将, 力争,
确保, 全面, 开展, 面向…开展 …); content verbs stay (新招聘补充教师,
创建…示范校).  For counts the words after the unit are appended (新建1所公办
专门学校 -> 新建公办专门学校).  In 将A与B…融合 the metric is read from B alone
(将…规范化行动与每天开设1节体育课…高效融合 -> 每天开设体育课).  Rates listed with 、 before one value give one
target each (课后服务学校覆盖率、学生有意愿参与率100%; also with 和).  A change without what changes is of the
target before it in its sentence (…达到32%，较2020年提高10个百分点 -> …较2020年提高).  Things listed before 各 (each)
and one value give one target each (新建、改建农村公路各50公里 -> 新建农村公路, 改建农村公路).  Values listed after 分别
(respectively) go with the names listed before it, in order, with the words those share (高血压、糖尿病患者规范管理率分别达到65%、60%以上 ->
高血压患者规范管理率 >= 65 %, 糖尿病患者规范管理率 >= 60 %); where the names do not pair with the values, each
value gets the whole phrase, the comparator and what the sum is per, and a ``note`` asks the curator to pair
them.  A sum per person and period stated right before its number has them in its unit (每人每月900元 ->
900, 元/人/月), like 900元/人/月.  '' when no words remain.  Numbers that name something are words of the
metric: a base year (二氧化碳排放较2020年下降18% -> 二氧化碳排放较2020年下降), a number before words
(12345热线工单满意率, 2型糖尿病患者), a date saying which things are counted (改造2000年底前建成的老旧小区86个), a
quantity naming the rate or the things counted after it (2小时内报告率100% -> 2小时内报告率 >= 100 %; 50万元以上的村达到200个),
the places of the whole (全县18个乡镇…配备率).  A comparator word starting a word is none (保障性住房).

Not targets (returned as ``Skipped`` with a reason when they look numeric):
document numbers (白洮教〔2025〕1号), titles in 《》, quoted names and slogans
(“12991”, “两个只增不减”), slogans and model names (四个100%, 三个百分之百, 1+X,
3+2, 一校一品, 一生一策), dates, years and year ranges (2025年, 2月26日, 12月底,
2026-2035年), durations in years (15年以上), anniversaries and ages (100周年, 6周岁), the age of a group
(3岁以下婴幼儿, 三岁以下, 65岁及以上老年人, 80周岁以上老年人, 年满65岁、, 40岁的骨干教师; 岁 is a unit only for an age
ending its clause, in a life expectancy, 人均预期寿命80岁, an age, 平均年龄为28岁, or right after a comparator
that states a level, 达到80岁), the group an item is aimed at (以全县500多名教师为主要对象),
ordinals (第28届, 第三批), grades (3A级旅游景区, 4A景区: part of the metric's words),
redacted numbers (X亿元, XX所), the period of a rate (每两周1次: 两周), counts
of things just listed (“A”“B”四项计划, 等四部门; not “无废细胞”60个), the number of places of the whole
(全县18个乡镇), the base year of a change (较2020年), numbers without a unit
(20D, 2.0), and Chinese numerals outside a counting context: one (一批, 一个)
is an article and is dropped silently; others need 每, a counting comparator
(至少, 不少于, 以上 …) or, except with 个 (四个自信), a counting verb right
before them (掌握两项).

Review mode (``review=True``, for 工作总结): sentences report what was
achieved, so a quantity is a target only if its sentence looks forward
(力争, 争取, 拟, 预计, 计划…, 下一步, 明年, 将继续 …, or a year later than the
first year the text names) and its clause states no past result (已, 了).
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable
from dataclasses import dataclass

from ..numbering import chinese_to_int
from .metadata import CLAUSE_PUNCTUATION
from .prose_dates import BY_EVENT_DOING
from .spans import CLAUSE_BREAKS, SENTENCE_BREAKS, Disjoint, Spans, clause_end, clause_start


@dataclass(frozen=True)
class TargetDraft:
    text: str                # the verbatim phrase, text == input[start:end]
    metric: str              # what is measured, '' if unclear
    comparator: str          # ">=", "<=", "=", ">", "<" or "range"
    value: float | None      # all comparators but "range"
    min: float | None        # "range" only
    max: float | None        # "range" only
    unit: str                # %, 所, 万人, 小时 … (个小时 → 小时, ％ → %: see CANONICAL_UNITS)
    start: int
    end: int
    note: str = ""           # what the curator should check about it, '' for nothing


@dataclass(frozen=True)
class Skipped:
    """A number deliberately not read as a target, with the reason (for the import report)."""

    text: str
    reason: str
    start: int
    end: int


# --- the pieces of a quantity ------------------------------------------------

_CN_DIGITS = "零〇一二两三四五六七八九十百千"

# An Arabic number (1,000 or 94.5), not the tail of a longer number or word (IPv6).
_ARABIC = r"(?<![\d.．A-Za-z])(?:\d{1,3}(?:,\d{3})+(?!\d)|\d+(?:\.\d+)?)"

# A Chinese number, not the tail of a longer one.  万 and 亿 are scales of the unit.
_CHINESE = rf"(?<![{_CN_DIGITS}])[{_CN_DIGITS}]+"

_NUMBER = rf"(?:{_ARABIC}|{_CHINESE})"

# Between the bounds of a range: 700-800, 700～800, 700至800.
_RANGE_SEPARATOR = r"\s*(?:-|－|—|–|~|～|〜|至|到)\s*"

# Counted units, longest first so 个小时 wins over 个 and 人次 over 人.
BASE_UNITS = tuple(sorted((
    "平方公里", "平方米", "个百分点", "百分点", "个工作日", "工作日", "个小时", "个月",
    "人次", "批次", "家次", "户次", "场次", "台次", "学时", "课时", "小时", "分钟", "学分", "公里",
    "所", "个", "人", "名", "台", "节", "次", "项", "间", "家", "支", "套", "门", "篇", "场",
    "期", "批", "处", "件", "本", "册", "张", "条", "座", "栋", "户", "班", "种", "类", "位",
    "辆", "块", "份", "首", "亩", "亩次", "米", "天", "周", "秒", "倍", "元", "株",
    "部(?![门署分长委件级])",  # 电梯150部, not 3部门, 部署
    "吨", "立方米", "微克/立方米", "毫克/升", "毫克/立方米", "千瓦时", "千瓦", "岁", "人民币", "元人民币", "头", "斤",
), key=len, reverse=True))
# Units only after Arabic digits (能繁母猪存栏12万头, 粮食产量28亿斤): after a Chinese numeral they are words (抓两头,
# 一头雾水, 半斤八两), dropped silently.
_AFTER_DIGITS = ("头", "斤")
_BASE = "(?:" + "|".join(BASE_UNITS) + ")"
_PERCENT = "[%％‰]"
_UNIT = rf"(?:[万亿千]?{_BASE}|{_PERCENT})"
# The period of a rate after its unit: 5万立方米/日, 300吨/天, 2亿千瓦时每年 (每 only where the clause ends);
# also, after a slash, the pupil, person or person-visit it is counted per, and a period after that, after a slash
# or a middle dot: 800元/生, 8平方米/人, 300元/人次, 500元/人/年, 800元/生·年.  Not the 年 of 年度 (10万平方米/年度计划).
_PERIOD_WORD = r"(?:小时|日|天|周|月|年)(?!度)"
_MIDDLE_DOTS = "·・•‧"
_PERIOD = rf"[/／]{_PERIOD_WORD}"
_PER = (rf"[/／](?:生|人次|人)(?:[/／{_MIDDLE_DOTS}]{_PERIOD_WORD})?|{_PERIOD}"
        r"|每(?:小时|日|天|周|月|年)(?=(?:以上|以下|以内|左右)?(?:[^\u4e00-\u9fff]|\Z))")

# What a rate is counted per, after a slash: 10/10万 (per 100,000 people), 1/万; 人 or 人口 after it is read along.
_POPULATIONS = ("万", "1万", "10万", "十万", "100万", "百万", "千")
_POPULATION = "[/／](?P<population>" + "|".join(sorted(_POPULATIONS, key=len, reverse=True)) + ")(?:人口|人)?"

# Spellings of one unit, so the same measure lines up across plans (the phrase keeps the original).
CANONICAL_UNITS = {"个小时": "小时", "个工作日": "工作日", "％": "%"}
# The same for a unit word under a scale: 8亿人民币 and 8亿元人民币 are 8亿元 (not 8亿人 and 民币 in the metric).
_CANONICAL_BASES = {"人民币": "元", "元人民币": "元"}

# Rate-like units: a stated level is a floor and no words follow them into the metric.
RATE_UNITS = frozenset(("%", "％", "‰", "成", "个百分点", "百分点", *("/" + p for p in _POPULATIONS)))
# Units no words follow into the metric: rates, and an age reached (人均预期寿命达到80岁的目标).
_MEASURE_UNITS = RATE_UNITS | {"岁"}

# Qualifiers after the unit.  Bare 内 only after a time unit (2小时内).
_AFTER = r"及以上|以上|以下|以内|之内|左右|(?<=[时钟天日周月秒])内"
_LOWER_BOUNDS = ("以上", "及以上")
_UPPER_BOUNDS = ("以下", "以内", "之内", "内")

# A quantity: 百分之九十 | number [range] [scale] [余/多] unit, then a qualifier; 成 (tenths: 三成以上) only where
# nothing but a qualifier follows it in its clause (not 一成不变).  After Arabic digits, 万 or 亿
# with no unit word is the unit where nothing but a qualifier follows it in its clause (1000万以上。, 惠及2000万，)
# or it is a sum put to a use (资金1.2亿用于…); before any other word (3万公顷, 1万字) the number is one
# without a unit, so that no measure word not listed as a unit is glued into the metric.
_LARGE_ENDS = r"(?=(?:以上|以下|以内|左右)?(?:[^\u4e00-\u9fff]|\Z)|用于)"
_QUANTITY = re.compile(rf"""
    (?:
        百分之(?P<percent_words>{_NUMBER})
      | (?P<first>{_NUMBER})
        (?:{_PERCENT}?{_RANGE_SEPARATOR}(?P<second>{_NUMBER}))?
        (?:
            (?P<scale>[万亿千])?(?P<approx>余|多)?(?P<base>{_BASE})(?P<per>{_PER})?
          | (?P<percent>{_PERCENT})
          | (?P<tenths>成){_LARGE_ENDS}
          | {_POPULATION}
          | (?<=\d)(?P<large>[万亿])(?P<large_approx>余|多)?{_LARGE_ENDS}
        )
    )
    (?P<after>{_AFTER})?
""", re.X)

# Arabic numbers anywhere: those not part of a quantity or a masked span are reported.
_BARE_NUMBER = re.compile(_ARABIC)


# --- what is not a target ----------------------------------------------------

_YEAR_SUFFIX = r"(?:[底初末]|中旬|上旬|下旬)?(?:前|以前|之前)?"

# What is masked: quantities overlapping a mask are not targets, and a mask
# that looks numeric is reported once, under the first reason listed.  A mask
# that is a number of its own (a date, a redacted count) also bounds the words
# read around a quantity; one that is a name (“双师型”, 第三批) may stand inside
# a metric.
@dataclass(frozen=True)
class _Negative:
    reason: str
    pattern: re.Pattern
    is_number: bool
    unless: Callable[[str, re.Match], bool] | None = None  # a match it is true of is no mask
    reported: bool = True  # listed among the numbers not read (not a point's number: （1） is plainly none)


# After an age that ends its clause (人均预期寿命达到80岁。, 平均年龄35岁左右, …80岁的目标); anything else after it
# makes it a group's (40岁的骨干教师, 3岁以下婴幼儿, 65岁（含）以上, 3岁、6岁儿童).
_AGE_ENDS_CLAUSE = re.compile(r"\s*(?:左右)?(?:的(?:目标|水平))?(?:[，,；;。！？!?\n]|\Z)")


def _age_is_the_measure(text: str, age: re.Match) -> bool:
    """人均预期寿命80岁, 平均年龄为28岁, 达到80岁: 岁 measures a life expectancy, an age or a level to reach,
    not the age of a group, where the age ends its clause."""
    if not _AGE_ENDS_CLAUSE.match(text, age.end()):
        return False
    lead = text[clause_start(text, age.start()):age.start()].rstrip()
    word = _comparator_word(lead)
    level = word is not None and word.end() == len(lead) and (
        word.group(2) == "达" or word.group(1) is not None)
    return "寿命" in lead or "年龄" in lead or level


_NEGATIVES: tuple[_Negative, ...] = (
    # 白洮教〔2025〕1号
    _Negative("document number", re.compile(
        r"[\u4e00-\u9fff]{0,8}[〔\[［【(（]\s*\d{4}\s*[〕\]］】)）]\s*\d+\s*号"), True),
    # 《教育强国建设规划纲要(2026-2035年)》
    _Negative("title of a law, plan or document", re.compile(r"《[^《》\n]*》|〈[^〈〉\n]*〉"), False),
    # 四个100%, 三个百分之百
    _Negative("slogan or model name", re.compile(
        r"[一二两三四五六七八九十]+个\s*(?:100\s*[%％]|百分之百)"), False),
    # 1+X, 3+2, 2+2+2
    _Negative("slogan or model name", re.compile(
        r"(?<![0-9A-Za-z])[0-9A-Za-z]+(?:\s*[+＋]\s*[0-9A-Za-z]+)+"), False),
    # 一校一品, 一生一策, 五位一体: single numerals each before one other character (not 每两周一次)
    _Negative("slogan or model name", re.compile(
        rf"(?<!每)(?:[一二两三四五六七八九十](?![{_CN_DIGITS}])[\u4e00-\u9fff]){{2,}}"), False),
    # “12991”, “两个只增不减”
    _Negative("inside quotation marks (a name or slogan)", re.compile(
        r"“[^“”\n]{0,80}”|「[^「」\n]{0,80}」|『[^『』\n]{0,80}』|‘[^‘’\n]{0,80}’|\"[^\"\n]{0,30}\""), False),
    # 较2020年下降18%: the year a change is counted from, part of the metric's words
    _Negative("base year of a change", re.compile(r"(?<=[较比])\s*\d{4}\s*(?:年度|年)"), False),
    # 全县18个乡镇（街道）…配备率达到100%: how many places there are where the item is carried out
    _Negative("the number of places of the whole (全县18个乡镇)", re.compile(
        rf"(?<=全[省市县区])\s*{_ARABIC}\s*个(?=县|市|区|乡镇|乡|镇|街道|村|社区)"), False),
    # 2026-2035年
    _Negative("date or year", re.compile(r"(?<!\d)\d{4}\s*[-—–~～至到]\s*\d{4}\s*(?:学年|年)?"), True),
    # 2025年, 2025年12月底, 2024年8月底前
    _Negative("date or year", re.compile(
        rf"(?<!\d)\d{{4}}\s*(?:年度|学年|年)(?:\s*\d{{1,2}}\s*月份?(?:\s*\d{{1,2}}\s*日)?)?{_YEAR_SUFFIX}"), True),
    # 2月26日, 12月底
    _Negative("date or year", re.compile(rf"(?<![\d.])\d{{1,2}}\s*月份?(?:\s*\d{{1,2}}\s*日)?{_YEAR_SUFFIX}"), True),
    # 2025-06-30
    _Negative("date or year", re.compile(r"(?<!\d)\d{4}[-./]\d{1,2}[-./]\d{1,2}(?!\d)"), True),
    # 改造2000年底前建成的老旧小区86个: a date saying which things are meant, part of the metric's words (the date
    # itself is reported as one)
    _Negative("date naming what is counted", re.compile(
        r"(?<!\d)\d{4}\s*年[底初末]?(?:以前|之前|前|以后|之后|后|以来)[\u4e00-\u9fff]{1,4}?的"), False),
    # 从教15年以上, 5年内
    _Negative("duration in years", re.compile(
        r"(?<![\d.])\d+(?:\.\d+)?\s*个?(?:学年|年)(?:以上|以下|以内|之内|内)?"), True),
    # 建党100周年, 6周岁
    _Negative("anniversary or age", re.compile(r"(?<![\d.])\d+\s*(?:周年|周岁)"), True),
    # 3岁以下婴幼儿, 三岁以下, 0-6岁、7-14岁儿童, 年满65岁、, 80周岁以上: the age of a group (not 人均预期寿命80岁,
    # 达到80岁)
    _Negative("age of a group", re.compile(
        rf"(?<![\d.{_CN_DIGITS}])(?:\d+|[{_CN_DIGITS}]+)(?:\s*[-—–~～至到]\s*(?:\d+|[{_CN_DIGITS}]+))?"
        r"\s*周?岁(?:及以上|以上|以下)?"), False, _age_is_the_measure),
    # 3A级旅游景区, 4A景区, ４Ａ级 (full-width): a grade, part of the metric's words (as 三甲医院 is)
    _Negative("grade", re.compile(r"(?<![\dA-Za-z.])[1-5１-５]\s*[AＡ](?:级)?(?![A-Za-zＡ-Ｚａ-ｚ])"), False,
              reported=False),
    # 2025 standing alone (not 2000人, 2000万)
    _Negative("date or year", re.compile(rf"(?<![\d.])(?:19|20)\d{{2}}(?![\d.])(?!\s*(?:{_UNIT}|[万亿]|余|多))"), True),
    # 以全县500多名教师为主要对象: who an item is aimed at, no commitment (培训教师500名 is one)
    _Negative("the group an item is aimed at (以…为对象)", re.compile(
        r"(?<![可所予加得足难用是之])以(?![上下内外及后前来往便免])[^，,。；;：:！？!?\n]{1,30}?"
        r"为[\u4e00-\u9fff]{0,4}?对象"), False),
    # 第28届, 第三批, 第四期
    _Negative("ordinal", re.compile(rf"第\s*{_NUMBER}(?:\s*(?:{_BASE}|届|轮|季|章|条|款|阶段))?"), False),
    # （1）新建社区养老服务站10个: the number of a point in an item's text
    _Negative("number of a point in a list", re.compile(r"[(（]\s*\d{1,2}\s*[)）]"), True, reported=False),
    # X亿元, XX所, X个
    _Negative("redacted number", re.compile(rf"(?<![A-Za-z])[XxＸｘ]+\s*{_UNIT}"), True),
)

# A masked span is reported only if it looks numeric.
_LOOKS_NUMERIC = re.compile(rf"\d|{_PERCENT}|百分之|[{_CN_DIGITS}]{_UNIT}|[XxＸｘ]\s*{_UNIT}")


# --- context in the clause ---------------------------------------------------

# Comparator words before the number, to the comparator they mean.
_COMPARATOR_WORDS: dict[str, str] = {
    **dict.fromkeys(("不低于", "不少于", "不小于", "不下于", "至少", "最少", "最低", "达到", "提升至", "提升到",
                     "提高至", "提高到", "增加到", "增加至", "增至", "增长到", "增长至", "扩大到", "扩大至",
                     "上升到", "上升至", "保持在", "保持", "稳定在", "巩固在", "维持在", "力争", "实现", "确保", "保障", "保证",
                     "≥"), ">="),
    **dict.fromkeys(("超过", "高于", "多于", "大于"), ">"),
    **dict.fromkeys(("不超过", "不高于", "不多于", "不大于", "最多", "至多", "控制在", "降至", "降到",
                     "降低到", "降低至", "下降到", "下降至", "压缩到", "压缩至", "压减到", "压减至",
                     "减少到", "减少至", "缩短到", "缩短至", "≤"), "<="),
    **dict.fromkeys(("低于", "少于", "小于", "不足"), "<"),
}
# One-character verbs that compare only right before the number (not 达 in 达标率).
_FINAL_COMPARATOR_WORDS = {"达": ">=", "到": ">=", "至": ">=", "为": "="}
# Words that compare counts, the only comparators that make a Chinese numeral a quantity.
_COUNTING_WORDS = frozenset(("不低于", "不少于", "不小于", "不下于", "至少", "最少", "超过", "多于",
                             "不超过", "不多于", "最多", "至多", "少于"))
_MODAL = "(?:必须|应当|需要|要|应|须|需)?"
# Not the first characters of a word: 保障性住房, 实现率.
_COMPARATOR = re.compile(
    _MODAL + "(?:(" + "|".join(sorted(_COMPARATOR_WORDS, key=len, reverse=True)) + ")(?![性率])"
    + "|(" + "|".join(_FINAL_COMPARATOR_WORDS) + r")(?=\s*\Z))")

# Verbs after which a Chinese numeral counts something (掌握两项运动技能).
_COUNTING_VERB = re.compile(
    "(?:掌握|开设|开放|开足|上好|新建|建成|建设|创建|培养|评选|遴选|认定|招聘|招收|配备|新增|增加|"
    "选派|开展|举办|组织|参加|接受|安排|完成|设立|设置)\\s*\\Z")

# Adverbs, modal and light verbs that open a lead but are no part of the metric;
# a prepositional phrase before a light verb (面向农村偏远地区开展) goes too.
_LEAD_FLUFF = re.compile(
    r"\A(?:(?:面向|针对|为|向)[^，,。；;]*?(?=开展|组织|进行|举办)"
    r"|将|把|并|且|其中|同时|确保|力争|争取|努力|大力|积极|全面|持续|进一步|加快|切实|扎实|着力|稳步|深入"
    r"|不断|继续|全力|下一步|今后|开展|组织|进行|举办|做好|即(?!时)"
    rf"|{BY_EVENT_DOING}"  # and the event it is done by (国庆节前组织开展…), no day the metric counts
    r"|[\u2460-\u2473])+")  # and the number of a measure: ②年内培育A级旅游景区2家
# Words between the metric and the number that belong to neither (上下午各30分钟, …配备率、安装率均达到100%; not
# the 均 of 平均, 人均, 生均), nor the bracket a value restated in opens (快检室实现全覆盖（100%）).
_LEAD_TAIL = re.compile(r"(?:各|(?<=[率例比重])均|约|共计|合计|总计|[(（])\s*\Z")
# 各 (each) right before the number: the value is of each thing listed before it (新建、改建农村公路各50公里).
_EACH = re.compile(r"各\s*\Z")
# Separators and conjunctions between a previous quantity and this lead, or after a trailing phrase.
_LEAD_JOINERS = re.compile(r"\A(?:[、\s]|以及|和(?!谐)|及(?!时|早|格)|与|并)+")  # not of 和谐工业园区, 及时, 及格率
# 将/把 A 与 B…融合: the quantity belongs to B, after the last 与/和/同 of the lead, when a verb of joining
# follows it in the clause (将体育与健康课程开课率提升至100% has no B).
_JOINED_OBJECT = re.compile(r"(?:将|把).*(?:与|和|同)")
_JOINING_VERB = re.compile(r"融合|结合|衔接|整合|贯通|挂钩|并重|同步")
_TRAIL_JOINERS = re.compile(r"(?:[、\s]|以及|和|及|与|并)+\Z")
# Where the words after a count stop before the next quantity; not at the 及 of a word (涉及居民1.2万户, 普及, 惠及).
_TRAIL_LIST_JOINER = re.compile(r"[、和与]|(?<![涉普惠危波顾])及")
# Rates listed with 、 before one value: each gets the value.
_RATE_NOUN = re.compile(r"(?:率|比例|占比|比重)\Z")
_CJK = re.compile(r"[\u4e00-\u9fff]")
# A、B分别达到X、Y: the values, joined as listed, go with the names listed before 分别, in order.
_RESPECTIVELY = "分别"
_LIST_JOINER = re.compile(r"\s*(?:、|和|以及|及)\s*")
_NAME_SEPARATORS = re.compile(r"、|和")
# A change with no subject: 较2020年提高, 比上年增长, 同比增长.
_NO_SUBJECT = re.compile(r"(?:较|比|同比)")
# What a change stated of the names before 分别 is counted from, ending them: 较2024年, 比上年, 同比.
_CHANGE_BASE = re.compile(r"(?:(?:较|比)(?:\d{4}\s*年度?|上年|去年|上一年)|同比)\Z")
# Whom a shared tail is of, where it starts: 高血压、2型糖尿病患者规范管理率.
_TAIL_HEAD = re.compile(r"患者|人群|儿童|老年人|学生|居民|家庭|群众|妇女")
# Where a qualifier of a name listed before a shared tail ends (城区、农村义务教育阶段…: 城区 and 农村 each end one).
_QUALIFIER = re.compile(r"(?:城区|城市|城镇|县城|市区|农村|乡村|乡镇|小学|初中|高中|公办|民办|男生|女生)\Z")
# The note on names listed before a shared tail where the words they share are a guess.
_UNSURE_TAIL = ("the names listed in “{}” may share the words the last ends with: the metric of each is a guess, "
                "check it")
# An age qualifying whom a tail is of (100周岁及以上老年人), however long: no cap on the last name's length.
_AGE = re.compile(r"(?:周岁|岁)(?:及以上|以上)?\Z")
# 每人每月900元: a sum per person (pupil, person-visit) and period, the words right before the number.
_PER_BEFORE_NUMBER = re.compile(r"每(人次|人|生)(?:每(小时|日|天|周|月|年))?\s*\Z")

# What comes right before a quantity that is the period of a rate (每两周) or
# counts what was just listed (“A”“B”四项, 等四部门).
_PERIOD_BEFORE = re.compile(r"每\s*\Z")
_LISTED_BEFORE = re.compile(r"[”》」』\"]\s*[、和及与]?\s*[“《「『\"][^“”《》「」『』\"\n]{0,30}[”》」』\"]\s*\Z|等\s*\Z")
_LISTED_WINDOW = 40  # characters before a quantity looked at for a list

# Review mode: forward-looking words, and past results in the clause.
_FORWARD = re.compile(
    r"力争|争取|拟|预计|下一步|明年|来年|今后|未来|新的一年|计划(?=[在于到将要]|年内|\d)"
    r"|将(?=要|会|继续|进一步|持续|全力|着力|重点|大力|加快|深入|全面|努力|积极|切实|不断|力争|争取|"
    r"推动|推进|实现|启动|开展|完成|建成|新建|新增|达到)")
_PAST = re.compile(r"已|(?<![为除])了(?!解)")
_YEAR = re.compile(r"(?<!\d)(\d{4})\s*年")


@dataclass(frozen=True)
class _Quantity:
    start: int
    end: int
    first: float | None
    second: float | None
    unit: str
    approx: str
    after: str
    chinese: bool

    @classmethod
    def of(cls, found: re.Match) -> "_Quantity":
        if found["percent_words"]:
            first, second, unit = found["percent_words"], None, "%"
        else:
            first, second = found["first"], found["second"]
            base = found["base"] and _CANONICAL_BASES.get(found["base"], found["base"])
            unit = (found["percent"] or found["tenths"] or found["large"]
                    or found["population"] and "/" + found["population"]
                    or (found["scale"] or "") + base + _per(found["per"]))
        return cls(found.start(), found.end(), _value(first), _value(second) if second else None,
                   unit, found["approx"] or found["large_approx"] or "", found["after"] or "",
                   not any(ch.isdigit() for ch in first))


# A line break inside a sentence (a hard wrap), which a target's words run across: 新增公办学位 / 900个以上.  The
# line before it is prose, its clauses punctuated (not a heading: 1.推进学校标准化建设), and it breaks between two
# characters of words, the line after no row of a table (类别\t2024年\t2025年 under an item whose 。 went with its
# owners' clause).  Read as a joiner of the same length, so that offsets stay the text's.
_HARD_WRAP = re.compile(r"(?<=[\u4e00-\u9fff0-9A-Za-z%])\n(?=[\u4e00-\u9fff0-9][^\t\n]*(?:\n|$))")
_JOINER = "\u2060"


def _joined_wraps(text: str) -> str:
    def join(wrap: re.Match) -> str:
        line = text[text.rfind("\n", 0, wrap.start()) + 1:wrap.start()]
        return _JOINER if CLAUSE_PUNCTUATION.search(line) else wrap.group()
    return _HARD_WRAP.sub(join, text)


def find_targets(text: str, *, review: bool = False) -> tuple[list[TargetDraft], list[Skipped]]:
    """Targets stated in ``text`` and the numbers deliberately not read, both in text order; a target's words
    may run across a line of prose broken mid-sentence."""
    unwrapped = _joined_wraps(text)
    if unwrapped == text:
        return _find_targets(text, review)
    targets, skipped = _find_targets(unwrapped, review)
    return ([dataclasses.replace(t, text=text[t.start:t.end], metric=t.metric.replace(_JOINER, ""))
             for t in targets], [dataclasses.replace(s, text=text[s.start:s.end]) for s in skipped])


def _find_targets(text: str, review: bool) -> tuple[list[TargetDraft], list[Skipped]]:
    masks = [(m.start(), m.end(), negative) for negative in _NEGATIVES for m in negative.pattern.finditer(text)
             if not (negative.unless and negative.unless(text, m))]
    skipped = _reported_masks(text, masks)
    masked = Spans((s, e) for s, e, _ in masks)
    quantities = [q for q in map(_Quantity.of, _QUANTITY.finditer(text)) if not masked.overlap(q.start, q.end)]
    naming = {q for q, following in zip(quantities, quantities[1:]) if _names_the_next(text, q, following)}
    # Numbers a lead or a trailing phrase never crosses: not the period in 每两周1次, nor Chinese
    # numerals, mostly words (城市一类幼儿园); Chinese counts that are targets bound as targets.  Nor a number
    # in a name (较2020年, 《…2025年…》), or one naming the measure of the target after it (2小时内报告率100%).
    names = Spans((s, e) for s, e, negative in masks if not negative.is_number)
    bounds = [(s, e) for s, e, negative in masks if negative.is_number and not names.overlap(s, e)]
    bounds += [(q.start, q.end) for q in quantities if not (q.chinese or _is_period(text, q) or q in naming)]
    covered = Spans([(s, e) for s, e, _ in masks] + [(q.start, q.end) for q in quantities])
    glued = []  # numbers before words, which a lead may cross (2型糖尿病患者, 12345热线), not what a count counts (8片)
    for number in _BARE_NUMBER.finditer(text):
        if not covered.overlap(number.start(), number.end()):
            skipped.append(Skipped(number.group(), "a number without a unit", number.start(), number.end()))
            (glued if _CJK.match(text, number.end()) else bounds).append((number.start(), number.end()))
    years = [int(y) for y in _YEAR.findall(text)]
    first_year = min(years, default=None)

    limits, trailing_limits = Spans(bounds), Spans(bounds + glued)
    targets: list[TargetDraft] = []
    floor = 0  # where the words read before the next quantity may start
    for index, quantity in enumerate(quantities):
        if quantity.start < floor:  # read already, in the words after the target before it (0所百分之九)
            continue
        floor = limits.last_end(quantity.start, floor)
        reason = "names the measure of the target after it" if quantity in naming else \
            _rejection(text, quantity, floor, review, first_year)
        if reason is None:
            chain = _respective_chain(text, quantities, index, floor, review, first_year)
            drafts = _drafts(text, chain, floor, trailing_limits)
            targets.extend(_with_subject(text, targets[-1], drafts) if targets else drafts)
            floor = max([floor] + [draft.end for draft in drafts])
        elif reason:
            skipped.append(Skipped(text[quantity.start:quantity.end], reason, quantity.start, quantity.end))
    skipped.sort(key=lambda s: (s.start, s.end))
    return targets, skipped


# --- helpers -----------------------------------------------------------------

def _respective_chain(text: str, quantities: list[_Quantity], index: int, floor: int, review: bool,
                      first_year: int | None) -> list[_Quantity]:
    """The quantity at ``index``, and when its lead says 分别 (respectively) the targets listed right after it
    with 、/和/及 (分别达到65%、60%以上)."""
    chain = [quantities[index]]
    if _RESPECTIVELY not in _lead(text, chain[0], floor)[1]:
        return chain
    for quantity in quantities[index + 1:]:
        if not _LIST_JOINER.fullmatch(text, chain[-1].end, quantity.start) \
                or _rejection(text, quantity, chain[-1].end, review, first_year) is not None:
            break
        chain.append(quantity)
    return chain


def _with_subject(text: str, before: TargetDraft, drafts: list[TargetDraft]) -> list[TargetDraft]:
    """A change stated without what changes, in the sentence of a target before it, is of that target's metric:
    居民健康素养水平达到32%，较2020年提高10个百分点 -> 居民健康素养水平较2020年提高; so is a rate no words name, as of a
    later year (再生水利用率达到28%，2030年提高到35% -> 再生水利用率), noted (not a count: 组建教育集团15个，2025年达到25个
    may count the groups formed or all of them)."""
    if len(drafts) != 1 or not before.metric or any(ch in SENTENCE_BREAKS for ch in text[before.end:drafts[0].start]):
        return drafts
    if not drafts[0].metric and drafts[0].unit == before.unit and before.unit in RATE_UNITS:
        return [dataclasses.replace(drafts[0], metric=before.metric, note=_METRIC_BEFORE.format(before.metric))]
    if _NO_SUBJECT.match(drafts[0].metric):
        return [dataclasses.replace(drafts[0], metric=before.metric + drafts[0].metric)]
    return drafts


def _names_the_next(text: str, quantity: _Quantity, following: _Quantity) -> bool:
    """Whether a quantity is part of the name of the rate stated after it in its clause (2小时内报告率100%,
    15分钟生活圈覆盖率达到80%), or of what is counted after it (50万元以上的村达到200个)."""
    between = text[quantity.end:following.start]
    word = _comparator_word(between)
    if word is not None and word.end() == len(between.rstrip()):
        between = between[:word.start()]
    return (not any(ch in CLAUSE_BREAKS for ch in between) and _CJK.match(between) is not None
            and (between.startswith("的") or following.unit in RATE_UNITS and quantity.unit not in RATE_UNITS
                 and _RATE_NOUN.search(between.rstrip()) is not None))


def _value(number: str) -> float | None:
    """94.5 -> 94.5, 1,000 -> 1000, 两 -> 2; ints when whole."""
    if number[0].isdigit():
        value = float(number.replace(",", ""))
        return int(value) if value.is_integer() else value
    return chinese_to_int(number)


def _per(period: str | None) -> str:
    """The period of a rate as the unit writes it: 每日 -> /日, ／年 -> /年, /人／年 -> /人/年, /生・年 -> /生·年;
    '' for none."""
    if not period:
        return ""
    return "/" + period[1:].replace("／", "/").translate(str.maketrans(_MIDDLE_DOTS, "·" * len(_MIDDLE_DOTS)))


def _reported_masks(text: str, masks) -> list[Skipped]:
    """Masks that look numeric, each stretch of text reported once (the first reason wins)."""
    reported: list[Skipped] = []
    taken = Disjoint()
    for start, end, negative in masks:
        if negative.reported and _LOOKS_NUMERIC.search(text, start, end) and not taken.overlap(start, end):
            reported.append(Skipped(text[start:end], negative.reason, start, end))
            taken.add(start, end)
    return reported


def _just_before(text: str, quantity: _Quantity) -> str:
    return text[max(0, quantity.start - 4):quantity.start]


def _is_period(text: str, quantity: _Quantity) -> bool:
    return bool(_PERIOD_BEFORE.search(_just_before(text, quantity)))


def _lead(text: str, quantity: _Quantity, floor: int) -> tuple[int, str]:
    """Start and text of the words before the quantity in its clause, after any earlier number."""
    start = max(floor, clause_start(text, quantity.start))
    joiners = _LEAD_JOINERS.match(text[start:quantity.start])
    start += joiners.end() if joiners else 0
    joined = _JOINED_OBJECT.match(text, start, quantity.start)
    if joined and _JOINING_VERB.search(text, quantity.end, clause_end(text, quantity.end)):
        start = joined.end()
    return start, text[start:quantity.start]


def _comparator_word(lead: str) -> re.Match | None:
    """The comparator word nearest before the number."""
    found = None
    for found in _COMPARATOR.finditer(lead):
        pass
    return found


def _qualifies_removed(text: str, quantity: _Quantity) -> bool:
    """A value bounded by 以上/以下 right before the noun it qualifies (56人以上大班额, 5万元以下的薄弱村), after 消除 or
    清零 in its clause, or before 清零 (…大班额全部清零): it defines what is removed."""
    lead = text[clause_start(text, quantity.start):quantity.start]
    return quantity.after in _LOWER_BOUNDS + ("以下",) and bool(_CJK.match(text, quantity.end)) \
        and ("消除" in lead or "清零" in lead or "清零" in text[quantity.end:clause_end(text, quantity.end)])


def _rejection(text: str, quantity: _Quantity, floor: int, review: bool, first_year: int | None) -> str | None:
    """Why the quantity is no target: a reason, '' to drop it silently, None if it is one."""
    if _is_period(text, quantity):
        return "period of a rate (每…)"
    if _LISTED_BEFORE.search(text, max(0, quantity.start - _LISTED_WINDOW), quantity.start):
        return "counts the items just listed"
    if _qualifies_removed(text, quantity):
        return "defines what its clause removes, no commitment"
    if quantity.chinese and quantity.unit.endswith(_AFTER_DIGITS):
        return ""
    if quantity.chinese and quantity.unit not in RATE_UNITS and not _counts(text, quantity, floor):
        return "" if quantity.first == 1 else "Chinese numeral outside a counting context (part of a name?)"
    if review and not _forward_looking(text, quantity, first_year):
        return "past result (review)"
    return None


def _counts(text: str, quantity: _Quantity, floor: int) -> bool:
    """A Chinese numeral counts after 每, with a counting comparator, or (not for 个) after a counting verb."""
    _, lead = _lead(text, quantity, floor)
    word = _comparator_word(lead)
    if "每" in lead or quantity.approx or quantity.after in _UPPER_BOUNDS + _LOWER_BOUNDS \
            or (word and word.group(1) in _COUNTING_WORDS):
        return True
    return quantity.first != 1 and quantity.unit != "个" and bool(_COUNTING_VERB.search(lead))


def _forward_looking(text: str, quantity: _Quantity, first_year: int | None) -> bool:
    """Review mode: the sentence looks ahead and the clause reports nothing done."""
    clause = text[clause_start(text, quantity.start):clause_end(text, quantity.end)]
    if _PAST.search(clause):
        return False
    sentence = text[clause_start(text, quantity.start, SENTENCE_BREAKS):
                    clause_end(text, quantity.end, SENTENCE_BREAKS)]
    later = first_year is not None and any(int(y) > first_year for y in _YEAR.findall(sentence))
    return later or bool(_FORWARD.search(sentence))


def _comparator(quantity: _Quantity, word: re.Match | None) -> str:
    if quantity.second is not None:
        return "range"
    if quantity.after in _LOWER_BOUNDS:
        return ">="
    if quantity.after in _UPPER_BOUNDS:
        return "<="
    if quantity.approx:
        return ">"
    if quantity.after == "左右":
        return "="
    if word:
        return _COMPARATOR_WORDS.get(word.group(1)) or _FINAL_COMPARATOR_WORDS[word.group(2)]
    return ">=" if quantity.unit in RATE_UNITS else "="


def _trailing(text: str, quantity: _Quantity, bounds: Spans) -> str:
    """Words after a count naming what is counted (新建1所公办专门学校), up to the clause end.

    When another number follows in the clause, they stop at the last 、/和/及
    before it, which leads the next quantity (评选30所农村优质学校和50所特色学校).
    """
    if quantity.unit in _MEASURE_UNITS:
        return ""
    ends = clause_end(text, quantity.end)
    following = bounds.next_start(quantity.end)
    following = following if following is not None and following < ends else None
    words = text[quantity.end:ends if following is None else following]
    joiners = list(_TRAIL_LIST_JOINER.finditer(words)) if following is not None else []
    if joiners:
        words = words[:joiners[-1].start()]
    for bracket in "(（":
        words = words.split(bracket)[0]
    return _TRAIL_JOINERS.sub("", words)


def _core(lead: str, word: re.Match | None) -> str:
    """The lead without comparator, fluff and tail."""
    core = lead[:word.start()] + lead[word.end():] if word else lead
    return _LEAD_TAIL.sub("", _LEAD_FLUFF.sub("", core)).strip()


def _metrics(core: str, trailing: str) -> list[str]:
    """The metric(s) of one value: the core plus what a count counts; rates listed with 、 or 和 each."""
    parts = _NAME_SEPARATORS.split(core)
    if not trailing and len(parts) > 1 and all(_RATE_NOUN.search(p) for p in parts):
        return parts
    return [_metric(core + trailing)]


def _each(core: str, trailing: str) -> tuple[list[str], str]:
    """Things listed with 、 or 和 before 各 (each) and one value: the metric of each, with the words the names share
    (新建、改建农村公路各50公里 -> 新建农村公路, 改建农村公路; 宫颈癌和乳腺癌筛查各3万人 -> 宫颈癌筛查, 乳腺癌筛查); the
    whole when a name is a single character (市、县各3人); and the note when the words shared are a guess."""
    names = _NAME_SEPARATORS.split(core)
    if len(names) < 2 or min(map(len, names)) < 2:
        return [_metric(core + trailing)], ""
    named, sure = _parallel_tail(names)
    return [_metric(name + trailing) for name in named], "" if sure else _UNSURE_TAIL.format(core)


def _parallel_tail(names: list[str]) -> tuple[list[str], bool]:
    """Names listed before a shared tail (see ``_shared_tail``), where the tail starts after the last name's
    character that ends the first name, a word of the same kind (宫颈癌、乳腺癌筛查: 筛查 after 癌)."""
    at = names[-1].find(names[0][-1], 0, len(names[-1]) - 1)
    if at < 0:
        return _shared_tail(names)
    return [name + names[-1][at + 1:] for name in names[:-1]] + [names[-1]], True


def _metric(words: str) -> str:
    return words.strip() if _CJK.search(words) else ""


def _respective_metrics(core: str, trailing: str, count: int) -> tuple[list[str], str]:
    """A、B分别达到X、Y: the metric of each of ``count`` values, and a note for the curator when the names before
    分别 do not pair with the values (城乡低保标准分别提高到900元、720元: each gets the whole)."""
    names, _, measure = core.rpartition(_RESPECTIVELY)
    base = _CHANGE_BASE.search(names)  # 事故起数和死亡人数较2024年分别下降: 较2024年 is of each
    names, measure = (names[:base.start()], base.group() + measure) if base else (names, measure)
    named, sure = _shared_tail(_NAME_SEPARATORS.split(names)) if names else ([], True)
    named = [names] * count if named is None else named  # the whole list as printed, each (a guess)
    if len(named) == count:
        return [_metric(name + measure + trailing) for name in named], "" if sure else \
            _UNSURE_TAIL.format(names + measure)
    whole = _metric(names + measure + trailing)
    return [whole] * count, (f"{count} values stated 分别 (respectively) of “{names + measure}”: "
                             "the metric of each is a guess, pair them by hand")


def _shared_tail(names: list[str]) -> tuple[list[str] | None, bool]:
    """Names listed before a shared tail, each with it: 高血压、糖尿病患者规范管理率 -> 高血压患者规范管理率,
    糖尿病患者规范管理率; and whether the tail is sure.  It starts after as many characters as the name before the
    last has where these and the names before each end a qualifier (城区、农村义务教育阶段留守儿童关爱覆盖率 ->
    城区义务教育阶段…; 城镇、农村低保家庭… -> 城镇低保家庭…); else at whom it is of (高血压、2型糖尿病患者… -> 2型糖尿病
    before 患者) when that leaves it half of the last name at least, or after an age, however long (80—89周岁、100周岁
    及以上老年人高龄津贴 -> 80—89周岁老年人高龄津贴).  Else it is a guess: names as they are where whom it is of comes
    late (None: each the whole list as printed, 主城区和农村义务教育阶段…, not 主城区务教育阶段… nor 主城区 alone), after those characters
    where nothing names whom; sure after them where the last's ends as each name before does (县道、乡道、村道养护补助标准,
    省级、市级示范校).  Names that are measures of their own (课后服务覆盖率、学生参与率; 城镇新增就业、失业人员再就业) as
    they are."""
    if len(names) < 2 or any(_RATE_NOUN.search(name) for name in names[:-1]):
        return names, True
    last, short = names[-1], len(names[-2])
    head = _TAIL_HEAD.search(last, 1)
    aged = head is not None and _AGE.search(last, 0, head.start()) is not None
    qualified = all(_QUALIFIER.search(name) for name in names[:-1] + [last[:short]])
    early = head is not None and not qualified and (aged or 2 * head.start() <= len(last))
    cut = head.start() if early else short
    if not aged and 2 * cut > len(last):
        return names, True  # (城镇新增就业、失业人员再就业: no short qualifiers before a shared tail, each a name of its own)
    tailed = [name + last[cut:] for name in names[:-1]] + [last]
    parallel = all(name[-1:] == last[cut - 1] for name in names[:-1])  # 县道、乡道、村道养护…: cut after 道, as each ends
    if early or qualified or parallel:
        return tailed, True
    return (None if head else tailed), False


def _per_person(lead: str, unit: str) -> tuple[str, str]:
    """每人每月900元: the person and period a sum in ``unit`` is stated per, right before its number, go into its
    unit, as in 900元/人/月: the lead without them, and what the unit gets (/人/月; '' for nothing)."""
    per = _PER_BEFORE_NUMBER.search(lead)
    if per is None or unit in RATE_UNITS or "/" in unit:
        return lead, ""
    return lead[:per.start()], "".join("/" + p for p in per.groups() if p)


# The note on a value no words before it name (2024年组建教育集团15个，2025年达到25个: a year and a verb).
_NO_METRIC = "no words before its value name what it measures: write its metric by hand"
# The note on such a value after another target in its sentence, whose metric it is given.
_METRIC_BEFORE = "no words before its value name what it measures: it is taken for the target's before it, “{}”: check"


def _drafts(text: str, chain: list[_Quantity], floor: int, bounds: Spans) -> list[TargetDraft]:
    """One draft per metric (several where rates listed with 、 share the value), or one per value of a list
    stated 分别 (``chain``), the first with the note on their pairing."""
    start, lead = _lead(text, chain[0], floor)
    trailing = [_trailing(text, quantity, bounds) for quantity in chain]
    lead, per = _per_person(lead, chain[0].unit)
    word = _comparator_word(lead)
    core = _core(lead, word)
    if len(chain) > 1:
        metrics, note = _respective_metrics(core, trailing[-1], len(chain))
        shares = [[metric] for metric in metrics]
    elif _EACH.search(lead[:word.start()] if word else lead):
        each, note = _each(core, trailing[0])
        shares = [each]
    else:
        shares, note = [_metrics(core.replace(_RESPECTIVELY, ""), trailing[0])], ""
    after = chain[-1].after  # 分别达到65%、60%以上: 以上 is said of each
    drafts = []
    for index, (quantity, metrics) in enumerate(zip(chain, shares)):
        unit = CANONICAL_UNITS.get(quantity.unit, quantity.unit) + per
        comparator = _comparator(dataclasses.replace(quantity, after=quantity.after or after), word)
        ranged = comparator == "range"
        begin = start if index == 0 else quantity.start
        end = quantity.end + len(trailing[index])
        drafts += [TargetDraft(
            text=text[begin:end], metric=metric, comparator=comparator,
            value=None if ranged else quantity.first,
            min=quantity.first if ranged else None, max=quantity.second if ranged else None,
            unit=unit, start=begin, end=end, note=("" if index else note) or ("" if metric else _NO_METRIC),
        ) for metric in metrics]
    return drafts
