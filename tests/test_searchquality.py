"""The query list's format, its checks against the corpus, and scoring (no browser)."""

from __future__ import annotations

import pytest

from generator.corpus import build_corpus
from generator.diagnostics import has_errors
from generator.load import load_site
from generator.searchquality import evaluate, item_locations, load_cases, ranking
from projects import make_project, write


@pytest.fixture
def corpus(tmp_path):
    make_project(tmp_path)
    site, diagnostics = load_site(str(tmp_path))
    assert not has_errors(diagnostics)
    return build_corpus(site)


def test_items_are_named_by_plan_and_key(corpus):
    assert item_locations(corpus) == {"demo-edu-2025#1-1": "plans/demo-edu-2025/#item-1-1"}


def test_the_query_list_is_checked_against_the_corpus(tmp_path, corpus):
    path = write(tmp_path, "queries.yaml", """\
        top: 5
        queries:
          - {query: 普惠, expect: [demo-edu-2025#1-1]}
          - {query: 普惠, expect: [demo-edu-2025#1-2]}
          - {query: ' ', expect: []}
          - {query: 学前, expect: [demo-edu-2025#1-1], nots: x}
        """)
    cases, diagnostics = load_cases(str(path), corpus)
    assert cases.top == 5
    assert [(d.line, d.field, d.message) for d in diagnostics] == [
        (5, "queries[2].query", "must not be empty: a required field needs a value"),
        (6, "queries[3].nots", "unknown field (did you mean 'note'?)"),
        (4, "queries[1].query", "'普惠' is listed twice"),
        (4, "queries[1].expect[0]", "no item 'demo-edu-2025#1-2' (did you mean 'demo-edu-2025#1-1'?)"),
        (5, "queries[2].expect", "name at least one item"),
    ]


def test_ranking_orders_hits_by_score_and_drops_pages_added_without_a_match():
    groups = [[{"location": "a/#x", "score": 5.0}, {"location": "a/", "score": 0}],
              [{"location": "b/", "score": 7.0}, {"location": "b/#y", "score": 5.0}]]
    assert ranking(groups) == ["b/", "a/#x", "b/#y"]


def test_an_item_is_found_only_among_the_top_results(tmp_path, corpus):
    path = write(tmp_path, "queries.yaml", """\
        top: 2
        queries:
          - {query: 普惠, expect: [demo-edu-2025#1-1]}
          - {query: 占比, expect: [demo-edu-2025#1-1]}
        """)
    cases, _ = load_cases(str(path), corpus)
    item = "plans/demo-edu-2025/#item-1-1"
    evaluation = evaluate(cases, {"普惠": ["themes/preschool/", item], "占比": ["plans/", "years/", item]}, corpus)
    assert [o.ranks for o in evaluation.outcomes] == [(2,), (None,)]
    assert (evaluation.found, evaluation.expected, evaluation.answered) == (1, 2, 1)
    assert evaluation.outcomes[1].missed == ["demo-edu-2025#1-1"]
