"""Proposing themes for an item from the keywords of the theme vocabulary.

Each occurrence of a theme's keyword in the text scores the keyword's length
(a long keyword such as 幼小科学衔接 says more than 学前); themes are ranked by
score, ties in vocabulary order.  Matching ignores letter case (AI, ai).
Pass the item's title and text concatenated to let title words count.
"""

from __future__ import annotations

from typing import Sequence

from ..model import Theme


def assign_themes(text: str, themes: Sequence[Theme], limit: int = 3) -> tuple[str, ...]:
    """Ids of the best-scoring themes (at most ``limit``), best first; () if no keyword occurs."""
    folded = text.casefold()
    scored = [(score, index, theme.id) for index, theme in enumerate(themes)
              if (score := _score(folded, theme)) > 0]
    scored.sort(key=lambda entry: (-entry[0], entry[1]))
    return tuple(theme_id for _, _, theme_id in scored[:limit])


def _score(folded_text: str, theme: Theme) -> int:
    return sum(folded_text.count(keyword.casefold()) * len(keyword)
               for keyword in dict.fromkeys(theme.keywords) if keyword)
