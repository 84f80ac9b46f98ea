"""Static, accessible SVG drawn at build time: bar charts of targets and progress bars.

The SVG goes inline into the page (a raw HTML block), not into an ``<img>``, so
it can take its colours from Material's CSS custom properties (``--md-*``) and
follows the reader's light or dark scheme; no script draws anything.  Every text
comes from the caller, may come from YAML, and is XML-escaped here, so it can
form no markup.  A chart has a ``<title>`` and a ``<desc>`` (``role="img"``);
the page puts the data table next to it.  Elements carry the numbers they draw
as ``data-*`` attributes.
"""

from __future__ import annotations

import math
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import Sequence
from html import escape

from .labels import quantity
from .templating import one_line

# Material's colours, each with the light scheme's value as fallback.  Material sets no green or red
# of its own outside admonitions; its code highlighting colours are tuned for both schemes.
COLOURS = {
    "bar": "var(--md-typeset-a-color, #4051b5)",
    "text": "var(--md-default-fg-color, rgba(0, 0, 0, 0.87))",
    "axis": "var(--md-default-fg-color--lighter, rgba(0, 0, 0, 0.32))",
    "actual": "var(--md-default-fg-color, rgba(0, 0, 0, 0.87))",
    "done": "var(--md-code-hl-string-color, #1c7d4d)",
    "reported": "var(--md-typeset-a-color, #4051b5)",
    "overdue": "var(--md-code-hl-number-color, #d52a2a)",
    "pending": "var(--md-default-fg-color--lighter, rgba(0, 0, 0, 0.32))",
}

WIDTH = 640
LABEL_WIDTH = 190   # row labels, right-aligned against the bars
VALUE_WIDTH = 110   # value labels after the longest bar
ROW = 26
BAR = 14
TOP = 6
AXIS = 22
FONT = 12
NICE_STEPS = (1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10)


def text(value) -> str:
    """``value`` as character data of an SVG element: one line, no control characters, escaped."""
    return escape(one_line(value), quote=False)


@lru_cache(maxsize=4096)
def number(value: float) -> str:
    """A coordinate or length, short and exact enough.  Remembered: a chart's rows stand at the same heights and
    its bars end at the same few values as other charts' (a site's charts ask some 160,000 times)."""
    return quantity(round(value, 2))


def ems(value: str) -> float:
    """The width of a text in ems: wide (CJK) characters take one, others about half."""
    return sum(1 if unicodedata.east_asian_width(c) in "WF" else 0.55 for c in value)


@lru_cache(maxsize=4096)
def fit(value: str, width: float) -> str:
    """``value`` cut with an ellipsis to at most ``width`` ems.  Remembered: a row's label (a year and an
    organisation) is on many charts, and is measured a character at a time."""
    value = one_line(value)
    if ems(value) <= width:
        return value
    while value and ems(value) > width - 1:
        value = value[:-1]
    return value + "…"


def nice_ceiling(value: float) -> float:
    """The smallest round number (a NICE_STEPS multiple of a power of ten) at least ``value``; 1 for nothing;
    ``value`` itself where no such multiple is a float (above 1.2e308, or in the last powers of ten below 1e-307)."""
    if value <= 0:
        return 1
    exponent = math.floor(math.log10(value))
    # Rounded to 12 digits after the power's own (0.30000000000000004 is 0.3), not to 12 decimals: 1e-13 is no 0.
    steps = (round(step * 10.0 ** exponent, 12 - exponent) for step in NICE_STEPS)
    return next((scale for scale in steps if value <= scale < math.inf), value)


@dataclass(frozen=True)
class Bar:
    """One row of a bar chart."""

    label: str                   # e.g. 2025 XX市教育局
    low: float                   # the solid bar ends here: the value, or a range's lower bound
    high: float                  # a range's upper bound; equal to low otherwise
    value_text: str              # written after the bar, e.g. ≥ 58%
    actual: float | None = None  # drawn as a mark across the bar
    note: str = ""               # more words for the row's tooltip, e.g. 实际 60%


def _style(colour: str, prop: str = "fill") -> str:
    return f'style="{prop}:{COLOURS[colour]}"'


_TEXT, _BAR, _AXIS, _ACTUAL = _style("text"), _style("bar"), _style("axis", "stroke"), _style("actual", "stroke")


def bar_chart(chart_id: str, title: str, description: str, bars: Sequence[Bar], unit: str) -> str:
    """A horizontal bar chart from zero, one row per bar, with an axis in ``unit``."""
    top = max([b.high for b in bars] + [b.actual for b in bars if b.actual is not None], default=0)
    scale = nice_ceiling(top)
    plot = WIDTH - LABEL_WIDTH - VALUE_WIDTH
    height = TOP + ROW * len(bars) + AXIS

    def x(value: float) -> float:
        return LABEL_WIDTH + max(value, 0) / scale * plot

    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" class="plansite-chart" id="{chart_id}" '
             f'viewBox="0 0 {WIDTH} {height}" width="{WIDTH}" height="{height}" '
             f'style="max-width:100%;height:auto" role="img" aria-labelledby="{chart_id}-title {chart_id}-desc" '
             f'data-scale="{number(scale)}" font-size="{FONT}">',
             f'<title id="{chart_id}-title">{text(title)}</title>',
             f'<desc id="{chart_id}-desc">{text(description)}</desc>']
    axis_y = TOP + ROW * len(bars)
    for tick in (0, scale / 2, scale):
        parts.append(f'<line x1="{number(x(tick))}" y1="{TOP}" x2="{number(x(tick))}" y2="{axis_y}" '
                     f'{_AXIS} stroke-width="1"/>')
        parts.append(f'<text x="{number(x(tick))}" y="{axis_y + 16}" text-anchor="middle" {_TEXT}>'
                     f'{text(number(tick) + unit)}</text>')
    for row, bar in enumerate(bars):
        y = TOP + row * ROW + (ROW - BAR) / 2
        middle = number(y + BAR / 2 + FONT / 3)
        actual = "" if bar.actual is None else f' data-actual="{number(bar.actual)}"'
        tooltip = " ".join(filter(None, (bar.label, bar.value_text, bar.note)))
        parts.append(f'<g class="plansite-chart__bar" data-low="{number(bar.low)}" data-high="{number(bar.high)}"'
                     f'{actual}><title>{text(tooltip)}</title>')
        parts.append(f'<text x="{LABEL_WIDTH - 8}" y="{middle}" text-anchor="end" {_TEXT}>'
                     f'{text(fit(bar.label, (LABEL_WIDTH - 12) / FONT))}</text>')
        parts.append(f'<rect class="plansite-chart__value" x="{LABEL_WIDTH}" y="{number(y)}" '
                     f'width="{number(x(bar.low) - LABEL_WIDTH)}" height="{BAR}" {_BAR}/>')
        if bar.high > bar.low:
            parts.append(f'<rect class="plansite-chart__range" x="{number(x(bar.low))}" y="{number(y)}" '
                         f'width="{number(x(bar.high) - x(bar.low))}" height="{BAR}" {_BAR} '
                         'fill-opacity="0.4"/>')
        if bar.actual is not None:
            at = number(x(bar.actual))
            parts.append(f'<line class="plansite-chart__actual" x1="{at}" y1="{number(y - 3)}" '
                         f'x2="{at}" y2="{number(y + BAR + 3)}" '
                         f'{_ACTUAL} stroke-width="3"/>')
        parts.append(f'<text class="plansite-chart__label" x="{number(x(max(bar.high, bar.actual or 0)) + 6)}" '
                     f'y="{middle}" {_TEXT}>{text(bar.value_text)}</text>')
        parts.append("</g>")
    parts.append("</svg>")
    return "\n".join(parts)


def progress_bar(chart_id: str, segments: Sequence[tuple[str, str, int]], width: int = 320,
                 height: int = 14) -> str:
    """A stacked bar of counts: ``segments`` are (colour name, label, count), drawn left to right.

    The bar is decorative (``aria-hidden``): the page states the same counts as text next to it.
    """
    total = sum(count for _, _, count in segments)
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" class="plansite-progress__bar" id="{chart_id}" '
             f'viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
             'style="max-width:100%;height:auto" '
             f'aria-hidden="true" data-total="{total}">',
             f'<rect x="0" y="0" width="{width}" height="{height}" {_style("pending")} fill-opacity="0.3"/>']
    start = 0.0
    for colour, label, count in segments:
        if not count:
            continue
        size = width * count / total
        parts.append(f'<rect x="{number(start)}" y="0" width="{number(size)}" height="{height}" {_style(colour)} '
                     f'data-count="{count}"><title>{text(label)} {count}</title></rect>')
        start += size
    parts.append("</svg>")
    return "\n".join(parts)
