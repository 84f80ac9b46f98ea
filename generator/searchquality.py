"""Search quality, measured: realistic queries and the items a reader must find with them.

The query list (``tests/search_queries.yaml``) pairs what staff and the public
type into the search box (双减, 基教科, 58%) with the items that answer it,
named ``<plan id>#<item key>``.  ``load_cases`` reads it like every other input
(located errors; every item must exist in the corpus); ``evaluate`` takes the
results Material's search returned for each query (see ``searchbrowser``) and
counts an expected item as found when its section is among the ``top``
best-scored documents.  Material shows those same documents grouped by page,
best page first; scores are what order them.
"""

from __future__ import annotations

from dataclasses import dataclass

from .addresses import item_location
from .corpus import Corpus
from .diagnostics import Diagnostic, did_you_mean
from .load import load_document
from .model import REQUIRED, doc


@dataclass(frozen=True, slots=True)
class QueryCase:
    """One query and the items that must answer it."""

    query: str = doc("What a reader types into the search box.", REQUIRED)
    expect: tuple[str, ...] = doc("Items that must be among the top results, as `<plan id>#<item key>`.", REQUIRED)
    note: str = doc("Why these items answer the query (for the reader of the list).", "")


@dataclass(frozen=True, slots=True)
class QueryFile:
    """tests/search_queries.yaml."""

    top: int = doc("How many of the best-scored results count as found.", 10, minimum=1, maximum=100)
    queries: tuple[QueryCase, ...] = doc("The queries.", ())


def item_locations(corpus: Corpus) -> dict[str, str]:
    """Every item's name in the query list (``plan#key``) → its document location in Material's search index."""
    return {f"{e.plan.id}#{e.placed.key}": item_location(e) for e in corpus.entries}


def load_cases(path: str, corpus: Corpus) -> tuple[QueryFile | None, list[Diagnostic]]:
    """The query list, checked: queries unique (decoding finds them non-empty), every expected item an item of
    the corpus."""
    diagnostics: list[Diagnostic] = []
    document, cases = load_document(path, QueryFile, diagnostics)
    if cases is None:
        return None, diagnostics
    known = item_locations(corpus)
    seen: set[str] = set()
    for i, case in enumerate(cases.queries):
        where = ("queries", i)
        if case.query and case.query in seen:  # (a blank one is an error of decoding: a required field)
            diagnostics.append(document.diagnostic(where + ("query",), f"{case.query!r} is listed twice"))
        seen.add(case.query)
        if not case.expect:
            diagnostics.append(document.diagnostic(where + ("expect",), "name at least one item"))
        for j, name in enumerate(case.expect):
            if name not in known:
                diagnostics.append(document.diagnostic(
                    where + ("expect", j), f"no item {name!r}{did_you_mean(name, known)}"))
    return cases, diagnostics


def ranking(groups: list[list[dict]]) -> list[str]:
    """Document locations of one search result, best score first.

    ``groups`` is Material's result (``items``: per page, its matching documents);
    the page document Material adds with score 0 to a group it did not match is
    no hit.  Equal scores keep Material's order.
    """
    hits = [doc for group in groups for doc in group if doc["score"] > 0]
    return [doc["location"] for doc in sorted(hits, key=lambda doc: -doc["score"])]


@dataclass(frozen=True)
class Outcome:
    """How one query did: the rank (1-based) of each expected item, None when not in the top results."""

    case: QueryCase
    ranks: tuple[int | None, ...]

    @property
    def found(self) -> int:
        return sum(rank is not None for rank in self.ranks)

    @property
    def missed(self) -> list[str]:
        return [name for name, rank in zip(self.case.expect, self.ranks) if rank is None]


@dataclass(frozen=True)
class Evaluation:
    top: int
    outcomes: tuple[Outcome, ...]

    @property
    def expected(self) -> int:
        return sum(len(o.ranks) for o in self.outcomes)

    @property
    def found(self) -> int:
        return sum(o.found for o in self.outcomes)

    @property
    def hit_rate(self) -> float:
        """Expected items found among the top results, over all expected items."""
        return self.found / self.expected if self.expected else 1.0

    @property
    def answered(self) -> int:
        """Queries whose expected items were all found."""
        return sum(o.found == len(o.ranks) for o in self.outcomes)


def evaluate(cases: QueryFile, rankings: dict[str, list[str]], corpus: Corpus) -> Evaluation:
    """Score each query's ranking (``ranking`` of its result) against its expected items."""
    locations = item_locations(corpus)
    outcomes = []
    for case in cases.queries:
        best = rankings[case.query][:cases.top]
        ranks = tuple(best.index(locations[name]) + 1 if locations[name] in best else None
                      for name in case.expect)
        outcomes.append(Outcome(case, ranks))
    return Evaluation(cases.top, tuple(outcomes))
