"""The one order of editions (版本记录, the alias of publish and retract): numbers, then the tags' dates.

The cases with real tags are in test_history (the 版本记录) and test_publish (the alias); here, those a clone
meets without the tags of the site's editions, and tags made in the same second."""

from __future__ import annotations

from datetime import datetime

from generator.editionorder import Tagged, edition_order, tagged

DATES = [datetime.fromisoformat(f"2024-0{month}-01T09:00:00+08:00") for month in (1, 2, 3)]
JAN, FEB, MAR = (Tagged(date) for date in DATES)


def test_numbered_editions_go_by_number_and_the_others_by_date_the_numbered_counting_from_the_oldest_above():
    assert edition_order({"2024.3": FEB, "2024.1": JAN, "draft": MAR, "2024.2": MAR}) == [
        "2024.1", "2024.2", "2024.3", "draft"]
    assert edition_order({"2024.1": JAN, "draft": FEB, "2024.2": MAR}) == ["2024.1", "draft", "2024.2"]
    assert edition_order({"2024.10": MAR, "2024.9": JAN}) == ["2024.9", "2024.10"]  # numbers, not text
    assert edition_order({"v3": JAN, "2024.1": FEB}) == ["v3", "2024.1"]  # v3 is no number mike compares


def test_an_edition_not_tagged_here_goes_by_its_number_alone_or_first():
    assert edition_order({"2024.1": JAN, "2024.2": None, "draft": FEB, "2024.3": MAR}) == [
        "2024.1", "draft", "2024.2", "2024.3"]
    assert edition_order({"draft": MAR, "2024.9": None}) == ["draft", "2024.9"]
    assert edition_order({"2024.1": JAN, "o1": None}) == ["o1", "2024.1"]


def test_editions_tagged_in_the_same_second_go_by_ancestry_then_the_numbered_first_then_by_name():
    assert edition_order({"draft": JAN, "2024.2": JAN, "beta": JAN, "2024.1": JAN}) == [
        "2024.1", "2024.2", "beta", "draft"]
    assert edition_order({"2024.1": Tagged(DATES[0], 1), "draft": JAN}) == ["draft", "2024.1"]
    assert edition_order({"2024.1": Tagged(DATES[0], 1), "draft": JAN}, newest="2024.1") == ["draft", "2024.1"]


def test_an_edition_tagged_in_the_same_second_as_others_is_after_those_its_commit_descends_from():
    """Tags of one second, on commits a, then b, then c (b's child) and b again: git's dates cannot order them."""
    parents = {"b": "a", "c": "b"}

    def descends(commit, other):
        while commit in parents:
            commit = parents[commit]
            if commit == other:
                return True
        return False

    when = DATES[0]
    found = tagged([("2024.2", when, "c"), ("draft", when, "a"), ("2024.1", when, "b"), ("beta", when, "b"),
                    ("o1", DATES[1], "a")], descends)
    assert found == {"2024.2": Tagged(when, 3), "draft": Tagged(when, 0), "2024.1": Tagged(when, 1),
                     "beta": Tagged(when, 1), "o1": Tagged(DATES[1], 0)}
    assert edition_order(found) == ["draft", "2024.1", "beta", "2024.2", "o1"]


def test_an_edition_not_tagged_here_is_just_before_the_edition_just_tagged():
    assert edition_order({"2024.1": None, "2024.2": None, "draft": JAN}, newest="draft") == [
        "2024.1", "2024.2", "draft"]
    assert edition_order({"2024.1": None, "o1": None, "2024.3": JAN}, newest="2024.3") == ["2024.1", "o1", "2024.3"]
    assert edition_order({"2024.5": None, "2024.3": JAN}, newest="2024.3") == ["2024.3", "2024.5"]  # by number
    assert edition_order({"o1": None, "2024.1": JAN, "draft": Tagged(DATES[0], 1)}, newest="draft") == [
        "2024.1", "o1", "draft"]
