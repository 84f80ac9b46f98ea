"""Merging a re-import into a curated plan: three ways, by item number, never losing curated values."""

from __future__ import annotations

import copy

from generator.importer.merge import merge


def plan(*items: dict) -> dict:
    return {"id": "demo-edu-2025", "title": "示例", "sections": [{"number": "一", "title": "甲", "items": list(items)}]}


def item(number: str, text: str, **fields) -> dict:
    return {"number": number, "title": text[:4], "text": text, "themes": [], **fields}


BASE = plan(item("1", "扩大普惠资源。"), item("2", "提升保教质量。"), item("3", "加强幼小衔接。"))


def test_uncurated_changes_are_applied_and_curated_values_kept():
    mine = copy.deepcopy(BASE)
    mine["sections"][0]["items"][0]["themes"] = ["preschool"]  # curated
    mine["sections"][0]["items"][1]["text"] = "提升保教质量（已核对）。"  # curated, and changed in the source too
    new = plan(item("1", "扩大普惠性资源。"), item("2", "全面提升保教质量。"), item("3", "加强幼小衔接。"))
    merged = merge(mine, BASE, new)
    first, second, third = merged.plan["sections"][0]["items"]
    assert first["text"] == "扩大普惠性资源。" and first["themes"] == ["preschool"]
    assert second["text"] == "提升保教质量（已核对）。"
    assert third == BASE["sections"][0]["items"][2]
    assert "item 1-1.text: updated from the source" in merged.changes
    assert any(c.startswith("item 1-2.text: kept the curated value") for c in merged.changes)


def test_items_gone_from_the_source_go_only_when_nothing_in_them_was_curated():
    mine = copy.deepcopy(BASE)
    mine["sections"][0]["items"][2]["themes"] = ["preschool"]
    new = plan(item("1", "扩大普惠资源。"))
    merged = merge(mine, BASE, new)
    assert [i["number"] for i in merged.plan["sections"][0]["items"]] == ["1", "3"]
    assert "item 1-2: removed (gone from the source)" in merged.changes
    assert "item 1-3: gone from the source but curated: kept" in merged.changes


def test_new_items_are_added_in_place_and_deleted_ones_stay_deleted():
    mine = copy.deepcopy(BASE)
    del mine["sections"][0]["items"][1]  # the curator deleted item 2
    new = plan(item("1", "扩大普惠资源。"), item("2", "提升保教质量。"), item("4", "新增一项。"), item("3", "加强幼小衔接。"))
    merged = merge(mine, BASE, new)
    assert [i["number"] for i in merged.plan["sections"][0]["items"]] == ["1", "4", "3"]
    assert merged.changes == ("item 1-4: new in the source: added",)


def test_items_of_one_number_are_all_kept():
    """Two items numbered 1 (the second given an id, as plansite check asks): the second was lost, unreported."""
    mine = plan(item("1", "扩大普惠资源。"), item("1", "另一项。", id="extra"))
    base = new = plan(item("1", "扩大普惠资源。"))
    merged = merge(mine, base, new)
    assert merged.plan == mine and merged.changes == ()
    twice = plan(item("1", "扩大普惠资源。"), item("1", "另一项。"))
    merged = merge(twice, twice, plan(item("1", "扩大普惠资源。"), item("1", "另一项（修订）。")))
    assert [i["text"] for i in merged.plan["sections"][0]["items"]] == ["扩大普惠资源。", "另一项（修订）。"]
    assert merged.changes == ("item 1-1 (2).title: updated from the source",
                              "item 1-1 (2).text: updated from the source")
