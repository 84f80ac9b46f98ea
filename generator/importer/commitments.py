"""Commitments an item states without a number: 零发生, 为零, 全覆盖, 达到省定标准.

They commit to a level no number states (安全事故零发生, 安全责任事故为零, 乡镇监测实现全覆盖, 教职工配备达到省定标准), so
they are no target the importer can draft, yet a curator may make one of them (零发生 and 为零 as = 0 起, 全覆盖 as
≥ 100 %): the report names each for the curator to decide.  Not 全覆盖 before a word it qualifies (构建全覆盖的防范体系,
开展全覆盖检查), nor 零 beginning a word after 为 (转为零售, 视为零星), nor 为零 of 化整为零 or denied by 不, 不能 or 不得
(结余不为零, 不能为零, 不得为零), nor one in the clause of a target that states its number (实现100%全覆盖).
"""

from __future__ import annotations

import re
from typing import Iterable

from .spans import Spans, clause_end, clause_start

_NUMBERLESS = re.compile(r"零(?:发生|事故|伤亡|死亡)|(?<![整不])(?<!不[能得])为零(?=的|[^\u4e00-\u9fff]|\Z)"
                         r"|全覆盖(?![\u4e00-\u9fff])"
                         r"|(?:达到|符合)(?:国家|省定|省级|市定)标准")
_WORDS_MAX = 30  # characters at most quoted of a commitment's words


def numberless(text: str, targets: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """The commitments without a number in ``text``, each outside the clauses of the ``targets`` (start, end): the
    words stating each, from the start of its clause or the end of the one before in it (午餐供应和躺式午休全覆盖 /
    农村义务教育营养改善全覆盖), at most 30 characters."""
    stated = Spans((clause_start(text, start), clause_end(text, end)) for start, end in targets)
    found, after = [], 0
    for commitment in _NUMBERLESS.finditer(text):
        if not stated.overlap(commitment.start(), commitment.end()):
            start = max(clause_start(text, commitment.start()), after, commitment.end() - _WORDS_MAX)
            start += len(text[start:commitment.start()]) - len(text[start:commitment.start()].lstrip("、，,和及与 "))
            found.append((start, commitment.end()))
        after = commitment.end()
    return found
