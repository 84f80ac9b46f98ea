"""Owner clauses: the units an item names as responsible, at the end of its text.

Plans close an item with a clause such as::

    …用好“学习强国”学习平台。(责任单位:宣教科、组织人事科,各县区教育行政部门、市直学校)
    …扩大普惠资源。（牵头单位：基教科；配合单位：计财科、督导室）
    …提高城乡低保标准。（牵头：社会救助科，配合：区财政局）
    …扩大普惠资源。
    责任单位：基教科、计财科
    完成时限：2025年12月底

A clause is a run of labelled segments ``LABEL:value`` (ASCII or full-width
colon) separated by anything; the label says what its value is (see
``LABELS``).  The run stands either in brackets (ASCII or full-width, nested
brackets allowed inside, as in 各县(市、区)教育局) or on its own at the end,
after a line break or a sentence end, perhaps below a bracketed one (（牵头：…；配合：…） over 完成时限：…: one clause).
Only trailing whitespace and sentence punctuation may follow it.

In brackets, the role may also follow the units as a verb (see ``VERBS``), a
deadline standing as a clause of its own::

    …新增公办学位900个以上。（县教育局牵头，县发改局、县自然资源局配合，2025年8月底前完成）
    …（市住建局、市民政局按职责分工负责）  …（市卫生健康委会同市公安局组织实施: 市公安局 helps）

after a sentence, the units alone, perhaps with a deadline: ``…达到100%。（办公室、医政医管处，长期坚持）``;
and an item may name its owners at its start: ``【区教育局】新建…``.  Without a
label, every name must end like a unit's (``_UNIT_END``, before a bracket ending it: 各镇（街道）), so that a
bracket of prose (（试行）, （含民办）, （2025年底前）, 【典型案例】) stays text.  In a labelled value, units followed
by a verb have its role (责任单位：市城管局，由市住建局配合做好相关工作: 市住建局 helps).  A deadline may end the
units of a value or a segment, after ，；or 、 (（责任科室：食品生产科，2025年6月底前完成）, （餐饮科、长期坚持）); stages
stated one after another are one deadline (2025年6月底前完成初查，10月底前完成复查).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from itertools import chain, pairwise
from typing import Callable

from .dates import is_deadline

# What a label calls the units: 责任单位, 牵头科室, 配合处室, at a county's bureau 责任股室, and at a township's
# government, whose units are offices (经济发展办, 党政综合办), 责任办.
_UNIT_WORDS = ("单位", "部门", "科室", "处室", "股室", "办")

# Label -> role.  Owners are lead or responsible units, support are units that
# help, deadline is the completion date as stated; a leader (a person) is read
# so that the clause parses, and dropped.  Beside a lead (牵头单位), responsible
# units (责任单位) are the ones that help, as in a task table's columns.
LABELS: dict[str, str] = {
    **{f"牵头{unit}": "lead" for unit in ("", *_UNIT_WORDS)},
    **{f"{lead}{unit}": "owners"
       for lead in ("责任", "负责", "主责", "主办", "实施")
       for unit in _UNIT_WORDS},
    **{f"{helper}{unit}": "support"
       for helper in ("配合", "协同", "协办", "协助", "协作", "参与")
       for unit in ("", *_UNIT_WORDS)},
    **dict.fromkeys(("完成时限", "完成时间", "完成期限", "时间节点", "时限要求", "时限", "整改时限", "整改期限"),
                     "deadline"),
    **dict.fromkeys(("责任领导", "牵头领导", "分管领导", "责任人"), "leader"),
}

# Verb -> role, after the units it is said of: 县教育局牵头, 县发改局、县自然资源局配合, 区教育局负责.
VERBS: dict[str, str] = {
    **dict.fromkeys(("牵头", "牵头负责", "牵头落实"), "lead"),
    **dict.fromkeys(("负责", "主责", "负责落实", "负责实施", "具体负责", "具体落实", "具体实施", "组织实施",
                     "按职责分工负责", "按职责负责", "分工负责", "分别负责"), "owners"),
    **dict.fromkeys(("配合", "协同", "协办", "协助", "参与", "配合落实"), "support"),
}

# A label and its colon; longest labels first so 责任人 never shadows 责任单位.
_LABEL = re.compile(
    "(" + "|".join(sorted(LABELS, key=len, reverse=True)) + r")\s*[:：]\s*")

# What may follow a clause: whitespace and sentence punctuation, one character of it, and all of it ending a text.
_TRAILER_CHARACTER = re.compile(r"[\s。；;，,.．]")
_TRAILER = re.compile(rf"{_TRAILER_CHARACTER.pattern}*\Z")

# Where a clause without brackets may begin: the text's start, a line start or
# a sentence end, then the first label.
_BARE_START = re.compile(r"(?:\A|(?<=\n)|(?<=[。；;]))[ \t\u3000]*(?=" + _LABEL.pattern + ")")

# Separators around a segment's value.
_VALUE_EDGES = " \t\r\n\u3000;；。,，.．"

# Units and their verb, the whole of a segment; 由 (by) or 请 (asked of) may lead the units: 由县教育局牵头.
_VERB = "(" + "|".join(sorted(VERBS, key=len, reverse=True)) + ")"
_VERB_SEGMENT = re.compile("(?:由|请)?(.+?)" + _VERB + r"\Z", re.S)
# A verb followed by 、 ends a segment, as a comma would: （人事股牵头、办公室配合、2025年11月底前）.
_VERB_AND_NEXT = re.compile(_VERB + "、")
# Units that act together with others (市卫生健康委会同市公安局、市司法局组织实施): those after it help.
_TOGETHER_WITH = "会同"
# The same in a labelled value, perhaps followed by what the units do: 责任单位：市城管局，由市住建局配合做好相关工作.
_VERB_IN_VALUE = re.compile("(?:由|请)?(.+?)" + _VERB, re.S)

_OPEN, _CLOSE = "(（", ")）"

# What ends the sentence before a bracket of units alone: …达到100%。（医政医管处、科技教育处）
_SENTENCE_END = re.compile(r"[。！？!?；;]\s*\Z")

# Separators between the segments of a clause without labels (split outside brackets only).
_SEGMENT_SEPARATORS = frozenset(",，;；")

# Units named at an item's start: 【区教育局】, 【区发改局、区教育局】.
_LEADING = re.compile(r"\s*【([^【】]+)】")

# Separators between units (split outside brackets only).
UNIT_SEPARATORS = frozenset("、,，;；")

# Conjunctions a list of units may use; split on one only where both sides
# end like a unit, so 文化和旅游局 and 人力资源和社会保障局 stay whole.
_CONJUNCTION = re.compile("以及|和|及|与")

# How unit names end: 科 室 局 中心 学校 部门 …  Used to tell a list
# (基教科和计财科) from a name (教育和体育局).
_UNIT_END = re.compile(
    "(?:科|室|处|股|局|厅|部|委|办|院|校|园|所|站|馆|队|组|会|联|协|团|社|学|中心|单位|部门|"
    "政府|公司|集团|银行|分行|支行|电大|街道|镇街|镇|乡|村|社区|区|县|市)\\Z")
# A bracket ending a unit's name, which the unit's own ending precedes: 各镇（街道）, 各乡镇人民政府（街道办事处）,
# 各村〔社区〕.
_NAME_BRACKET = re.compile(r"[(（〔][^()（）〔〕]*[)）〕]\Z")

# The measure words a short 单位 cell may open with, counting places that end like units (个乡镇, 所学校, 家医院,
# 座场馆); a longer name opening with one is a unit's (家庭教育指导中心).
_MEASURE_WORD = re.compile("[个所家座]")
# Words that after 等 only repeat the kind of the units listed (A、B等单位).
_GENERIC_AFTER_DENG = frozenset(("单位", "部门", "科室", "处室", "学校", "机构"))

# A unit's name of two characters (团委, 工会, 妇联, 党办, 两办, 两委): an office's ending after a character that is no
# measure word, magnitude nor digit (not 万所, 个村, 千处), nor 处 after a numeral (not 一处, 十处: a count of places);
# places that are counted (所, 校, 村, 镇) end none; nor the kind of a unit or of a group counted (科室, 处室, 小组,
# 班组, 社团, 集团: ``_NO_SHORT_UNIT``).
_SHORT_UNIT = re.compile("(?![〇零一二两三四五六七八九十几半多]处)[^个所家座万千百亿每0-9０-９][委会联办科股室处局部队组协团社]")
_NO_SHORT_UNIT = _GENERIC_AFTER_DENG | {"小组", "班组", "社团", "集团"}

# Trailing marks that are not part of a unit's name.
_UNIT_TRAILER = re.compile(r"[。.．等]+\Z")


@dataclass(frozen=True)
class OwnerClause:
    owners: tuple[str, ...]   # lead/responsible units, in stated order
    support: tuple[str, ...]  # supporting (配合/协同/协办) units
    deadline: str             # completion date as stated, '' if none
    start: int                # the clause is text[start:end]; text[:start] is the item without it
    end: int                  # the text's end, but for a clause of lines followed by lines of the item's own
    guessed: bool = False     # the first bracket ending a line, for want of a clause ending the text: to be checked


@dataclass(frozen=True)
class StatedOwners:
    owners: tuple[str, ...]   # as in OwnerClause
    support: tuple[str, ...]
    deadline: str
    start: int                # text[start:end] is the item without its 【units】 and owner clause, and
    end: int
    rest: int                 # text[rest:] what follows the clause's lines, the item's too ('' for most)
    guessed: bool = False     # as in OwnerClause


def find_owner_clause(text: str) -> OwnerClause | None:
    """The owner clause ending ``text``, bracketed or on its own lines; else the first on lines of their own that
    the item's text goes on after, or else the first bracket ending a line (（责任单位：…） over the closing words a
    WeChat article prints below its last item); None if there is none."""
    end = len(text)
    bracketed = _bracketed_clause(text)
    if bracketed is not None:
        return bracketed
    within = None  # the first clause followed by lines of the item's own, if none ends the text
    depth, scanned = 0, 0  # the brackets open where the text was read to (each label reads on from the last)
    for found in _BARE_START.finditer(text):
        depth, scanned = _bracket_depth(text, scanned, found.start(), depth), found.start()
        if depth:  # the 配合： of （牵头：…；配合：…） is the bracket's
            continue
        lines_end = found.end() + _labelled_lines(text[found.end():])
        clause = _read_clause(text[found.end():lines_end], found.end(), lines_end)
        if clause is not None:
            clause = _joined(_clause_ending(text, found.start()), clause)
        if clause is not None and lines_end == end:
            return clause
        within = within or clause
    if within is not None:
        return within
    ending_a_line = next(filter(None, (_clause_ending(text, line.start()) for line in re.finditer(r"\n", text))),
                         None)
    return ending_a_line and replace(ending_a_line, guessed=True)


def _clause_ending(text: str, end: int) -> OwnerClause | None:
    """``_bracketed_clause(text[:end])``, the text not cut unless a bracket ends it: a long item's text is asked
    this at each of its lines."""
    last = end - 1
    while last >= 0 and _TRAILER_CHARACTER.match(text[last]):
        last -= 1
    return _bracketed_clause(text[:end]) if last >= 0 and text[last] in _CLOSE else None


def _bracketed_clause(text: str) -> OwnerClause | None:
    """The clause of the bracket ending ``text``, if it is one."""
    bracketed = _trailing_bracket(text)
    if bracketed is None:
        return None
    start, close = bracketed
    end = len(text)
    labelled = _read_clause(text[start + 1:close], start, end)
    if labelled is not None:
        return labelled
    pieces = _pieces(text[start + 1:close])
    return (_read_verb_clause(pieces, start, end)
            or _SENTENCE_END.search(text, 0, start) and _read_unit_clause(pieces, start, end)
            or None)


def _joined(above: OwnerClause | None, lines: OwnerClause) -> OwnerClause:
    """A clause in brackets with the labelled lines below it (（牵头：市卫生健康委；配合：市教育局） over
    完成时限：2026年11月底前): one clause from the bracket's start; ``lines`` alone when no such bracket is above."""
    if above is None:
        return lines
    return OwnerClause(owners=tuple(dict.fromkeys(above.owners + lines.owners)),
                       support=tuple(dict.fromkeys(above.support + lines.support)),
                       deadline="，".join(filter(None, (above.deadline, lines.deadline))),
                       start=above.start, end=lines.end)


def _bracket_depth(text: str, start: int, end: int, depth: int) -> int:
    """How many brackets are open at ``end``, ``depth`` being open at ``start``."""
    for char in text[start:end]:
        depth += (char in _OPEN) - (char in _CLOSE and depth > 0)
    return depth


def _labelled_lines(body: str) -> int:
    """Where the lines of a clause without brackets end: at the first line after its first that is prose, neither
    labelled nor going on with the value above it (此项工作纳入年度考核。 below 完成时限：2025年9月底前 is the
    item's, not part of the deadline; 督导室、人事科 below 责任单位：基教科、计财科、 goes on with its units)."""
    for line in re.finditer(r"\n[ \t\u3000]*", body):
        line_end = body.find("\n", line.end())
        following = body[line.end():line_end if line_end >= 0 else len(body)].strip()
        if following and not _LABEL.match(body, line.end()) and not _goes_on(body[:line.start()], following):
            return line.start()
    return len(body)


def _goes_on(above: str, line: str) -> bool:
    """Whether ``line`` goes on with the value the text ``above`` it ends with: that ends in a separator, or the
    line names units or a deadline and nothing else."""
    bare = line.strip(_VALUE_EDGES)
    return above.rstrip().endswith(tuple(UNIT_SEPARATORS)) or bool(bare) and (
        bool(_named_units(bare)) or is_deadline(bare))


def item_owners(text: str) -> StatedOwners:
    """The units and deadline an item states: at its start (【区教育局】, its owners) and in the clause ending it
    (or ending its lines but those after it).  ``text[start:end]`` and ``text[rest:]`` are the item without them
    (the whole text when it states none)."""
    leading = _LEADING.match(text)
    lead = _named_units(leading.group(1)) if leading else ()
    head = leading.end() if lead else 0
    clause = find_owner_clause(text[head:])
    if clause is None:
        return StatedOwners(owners=lead, support=(), deadline="", start=head, end=len(text), rest=len(text))
    return StatedOwners(owners=tuple(dict.fromkeys(lead + clause.owners)), support=clause.support,
                        deadline=clause.deadline, start=head, end=head + clause.start, rest=head + clause.end,
                        guessed=clause.guessed)


def owners_and_support(lead: tuple[str, ...], responsible: tuple[str, ...],
                       helping: tuple[str, ...]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Owners and supporting units: beside a lead (牵头单位) the responsible units (责任单位) help."""
    return (lead, responsible + helping) if lead else (responsible, helping)


def split_units(text: str) -> tuple[str, ...]:
    """Unit names of a list, in order, without empties or repeats.

    Splits on 、 , ， ; ； and whitespace outside brackets; on 和/及/与/以及 only
    between two unit-like names; ``X等Y`` gives X and Y (Y dropped when it
    only names the kind, as in 等单位); trailing 。 and 等 are stripped.
    """
    units: list[str] = []
    for piece in _split_outside_brackets(text, _separates_units):
        for part in _split_conjunctions(piece):
            for unit in _split_deng(part):
                unit = _UNIT_TRAILER.sub("", unit).strip()
                if unit and unit not in units:
                    units.append(unit)
    return tuple(units)


def _trailing_bracket(text: str) -> tuple[int, int] | None:
    """Offsets of the opening and closing bracket of a bracketed group ending the text."""
    close = _TRAILER.search(text).start() - 1
    if close < 0 or text[close] not in _CLOSE:
        return None
    depth = 0
    for index in range(close, -1, -1):
        if text[index] in _CLOSE:
            depth += 1
        elif text[index] in _OPEN:
            depth -= 1
            if depth == 0:
                return index, close
    return None


def _read_clause(body: str, start: int, end: int) -> OwnerClause | None:
    """A clause from a run of labelled segments; None unless ``body`` is exactly such a run."""
    labels = _LABEL.finditer(body)  # read as far as needed: a long text's prose ends the run soon
    first = next(labels, None)
    if first is None or body[:first.start()].strip(_VALUE_EDGES):
        return None
    found = _found()
    for label, following in pairwise(chain([first], labels, [None])):
        value = body[label.end():following.start() if following else len(body)].strip(_VALUE_EDGES)
        if "。" in value:  # prose, not a list of units
            return None
        for role, units in _labelled_units(LABELS[label.group(1)], value):
            found[role].append(units)
    return _clause(found, start, end)


def _labelled_units(role: str, value: str) -> list[tuple[str, str]]:
    """The units of a labelled value by role: those of the label, but for units followed by a verb that says
    another, perhaps with what they do after it (责任单位：市城管局，由市住建局配合做好相关工作: 市住建局 helps)."""
    if role not in ("lead", "owners", "support"):
        return [(role, value)]
    pieces = _pieces(value)
    found = [("deadline", deadline) for _, deadline in pieces if deadline]
    for piece, _ in pieces:
        verb = None if _named_units(piece) else _VERB_IN_VALUE.match(piece)
        if verb and _named_units(verb.group(1)):
            found.append((VERBS[verb.group(2)], verb.group(1)))
        elif piece:
            found.append((role, piece))
    return found


def _pieces(body: str) -> list[tuple[str, str]]:
    """The segments of a value or of a clause without labels (split at ，；, and at 、 after a verb), each as its
    words and the deadline ending them, after a 、 or as the whole segment ('' for none): 食品生产科，2025年6月底前完成
    -> (食品生产科, ''), ('', 2025年6月底前完成); 餐饮科、2025年10月前完成 -> (餐饮科, 2025年10月前完成); 2025年4月、
    10月各开展一次 -> ('', 2025年4月、10月各开展一次)."""
    pieces = []
    for segment in _split_outside_brackets(_VERB_AND_NEXT.sub(r"\1，", body), _SEGMENT_SEPARATORS.__contains__):
        segment = segment.strip(_VALUE_EDGES)
        words, _, last = segment.rpartition("、")
        last = last.strip(_VALUE_EDGES)
        pieces.append(("", segment) if is_deadline(segment) else
                      (words.strip(_VALUE_EDGES), last) if is_deadline(last) else (segment, ""))
    return pieces


def _read_verb_clause(pieces: list[tuple[str, str]], start: int, end: int) -> OwnerClause | None:
    """A clause of units each followed by their verb (``VERBS``) and perhaps a deadline, in segments (``_pieces``);
    None unless every segment is one of these, at least one names units, and every name ends like a unit's."""
    found = _found(pieces)
    for segment, _ in pieces:
        units = _VERB_SEGMENT.match(segment)
        head, together, helpers = units.group(1).partition(_TOGETHER_WITH) if units else ("", "", "")
        if together and _named_units(head) and _named_units(helpers):
            found[VERBS[units.group(2)]].append(head)
            found["support"].append(helpers)
        elif units and _named_units(units.group(1)):
            found[VERBS[units.group(2)]].append(units.group(1))
        elif segment:
            return None
    return _clause(found, start, end) if found["lead"] or found["owners"] or found["support"] else None


def _read_unit_clause(pieces: list[tuple[str, str]], start: int, end: int) -> OwnerClause | None:
    """A bracket of units alone after a sentence, perhaps with a deadline (（办公室、医政医管处，长期坚持）), in segments
    (``_pieces``): the owners; None unless every segment is units or a deadline, at least one names units, and every
    name ends like a unit's and is longer than a character (not the 市、区 of 各县（市、区）)."""
    found = _found(pieces)
    for segment, _ in pieces:
        units = _named_units(segment)
        if units and min(map(len, units)) > 1:
            found["owners"].append(segment)
        elif segment:
            return None
    return _clause(found, start, end) if found["owners"] else None


def _found(pieces: list[tuple[str, str]] = ()) -> dict[str, list[str]]:
    """The values of a clause by role: the deadlines of its ``pieces`` (see ``_pieces``), no other found yet."""
    return {"lead": [], "owners": [], "support": [], "deadline": [d for _, d in pieces if d], "leader": []}


def _clause(found: dict[str, list[str]], start: int, end: int) -> OwnerClause:
    """The clause of the values found by role: its units split, its deadlines joined (2025年6月底前完成初查，10月底前完成复查:
    stages of one deadline)."""
    owners, support = owners_and_support(*(split_units("、".join(found[role]))
                                           for role in ("lead", "owners", "support")))
    return OwnerClause(
        owners=owners,
        support=support,
        deadline="，".join(found["deadline"]),
        start=start,
        end=end,
    )


def _named_units(text: str) -> tuple[str, ...]:
    """The units a list without a label names; none unless every name ends like a unit's (``_UNIT_END``)."""
    names = split_units(text)
    return names if all(map(_ends_like_unit, names)) else ()


def lists_units(text: str) -> bool:
    """Whether a text names units alone (基教科、教研室, 基教科/计财科, 家庭教育指导中心), not what a value is counted in
    (所, 处, 万元, 所（园）, 人/校, 个/所, 个乡镇, 所学校): each name, split on ``/`` too, a unit's (``_unit_name``)."""
    names = _named_units(text)
    return bool(names) and all(_unit_name(part) for name in names for part in name.split("/"))


def _unit_name(name: str) -> bool:
    """Whether a name is a unit's: three characters at least without a bracket ending it, ending like a unit's and,
    of four at most, not opening with a measure word (个乡镇, 所学校; ``_MEASURE_WORD``); or of two, an office's
    (团委, 工会; ``_SHORT_UNIT``), not the kind of one (科室; ``_NO_SHORT_UNIT``)."""
    bare = _NAME_BRACKET.sub("", name)
    return len(bare) >= 3 and _ends_like_unit(name) and not (len(bare) <= 4 and _MEASURE_WORD.match(bare)) \
        or bare == name and bool(_SHORT_UNIT.fullmatch(bare)) and bare not in _NO_SHORT_UNIT


def _ends_like_unit(name: str) -> bool:
    """Whether a name ends like a unit's (``_UNIT_END``), before any bracket ending it (各镇（街道）)."""
    return bool(_UNIT_END.search(_NAME_BRACKET.sub("", name)))


def _split_outside_brackets(text: str, separates: Callable[[str], bool]) -> list[str]:
    """Split on the characters ``separates`` tells that stand outside brackets."""
    pieces, current, depth = [], [], 0
    for char in text:
        depth += (char in _OPEN) - (char in _CLOSE and depth > 0)
        if depth == 0 and separates(char):
            pieces.append("".join(current))
            current = []
        else:
            current.append(char)
    pieces.append("".join(current))
    return [p for p in pieces if p]


def _separates_units(char: str) -> bool:
    return char in UNIT_SEPARATORS or char.isspace()


def _split_conjunctions(piece: str) -> list[str]:
    """Split ``A和B`` where A and B both end like unit names."""
    if not _ends_like_unit(piece):
        return [piece]
    parts, start = [], 0
    for found in _CONJUNCTION.finditer(piece):
        left = piece[start:found.start()]
        if len(left) >= 2 and _ends_like_unit(left) and found.end() < len(piece):
            parts.append(left)
            start = found.end()
    parts.append(piece[start:])
    return parts


def _split_deng(part: str) -> list[str]:
    """``X等Y`` -> [X, Y] where X ends like a unit name (not 高等教育科); Y dropped if generic."""
    for index in (i for i, char in enumerate(part) if char == "等"):
        left, right = part[:index], _UNIT_TRAILER.sub("", part[index + 1:])
        if _UNIT_END.search(left):
            return [left] + ([right] if right and right not in _GENERIC_AFTER_DENG else [])
    return [part]
