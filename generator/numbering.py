"""Reading the numbers of Chinese documents: 一, 十二, (三), ⑤, 4, 二是; and writing a Chinese numeral."""

from __future__ import annotations

import re

DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5,
          "六": 6, "七": 7, "八": 8, "九": 9}
UNITS = {"十": 10, "百": 100, "千": 1000}
CIRCLED = {chr(0x2460 + i): i + 1 for i in range(20)}  # ① … ⑳

_STRIP = re.compile(r"[\s()（）、.．,，:：是要第]")
_DIGIT_NAMES = {value: name for name, value in DIGITS.items() if name not in "〇两"}


def chinese_to_int(text: str) -> int | None:
    """一 -> 1, 十二 -> 12, 二十 -> 20, 一百零五 -> 105; None if not a Chinese numeral."""
    if not text or any(ch not in DIGITS and ch not in UNITS for ch in text):
        return None
    total, current = 0, 0
    for ch in text:
        if ch in DIGITS:
            current = DIGITS[ch]
        else:
            total += (current or 1) * UNITS[ch]
            current = 0
    return total + current


def int_to_chinese(number: int) -> str:
    """1 -> 一, 10 -> 十, 12 -> 十二, 20 -> 二十, 105 -> 一百零五, up to 999 (``chinese_to_int`` the other way round)."""
    if number < 10:
        return _DIGIT_NAMES[number]
    if number < 20:
        return "十" + (_DIGIT_NAMES[number % 10] if number % 10 else "")
    if number < 100:
        return _DIGIT_NAMES[number // 10] + "十" + (_DIGIT_NAMES[number % 10] if number % 10 else "")
    rest = number % 100
    tail = "" if not rest else ("零" + _DIGIT_NAMES[rest] if rest < 10 else
                                ("一" if rest < 20 else "") + int_to_chinese(rest))
    return _DIGIT_NAMES[number // 100 % 10] + "百" + tail


def number_value(printed: str) -> int | None:
    """The integer a printed number stands for: '(一)' -> 1, '12' -> 12, '③' -> 3, '二是' -> 2, '三要', '第三' -> 3."""
    core = _STRIP.sub("", printed)
    if core.isascii() and core.isdigit():
        return int(core)
    if len(core) == 1 and core in CIRCLED:
        return CIRCLED[core]
    return chinese_to_int(core)
