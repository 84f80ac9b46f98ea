"""Full-width digits, Latin letters, ％ and ． as their ASCII forms, as the site's search sees them.

A Chinese input method in full-width mode types ５８％ for 58%, and some plans print their figures so.  Search
folds both sides alike: the index Material's search reads (``searchindex``), `plansite find` (``find``), and in
the browser the search field and the finder's keywords (``plansiteFold`` in ``static/a11y.js``, the same table
in JavaScript).  Chinese punctuation (，。：（）) is left as it is.
"""

from __future__ import annotations

_FULL_WIDTH = {code: code - 0xFEE0 for code in (0xFF05, 0xFF0E, *range(0xFF10, 0xFF1A), *range(0xFF21, 0xFF3B),
                                                  *range(0xFF41, 0xFF5B))}


def fold(text: str) -> str:
    return text.translate(_FULL_WIDTH)
