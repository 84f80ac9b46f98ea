"""Merging a re-import into a curated plan: three ways, items matched by identity, never losing curated values.

The last tests merge new editions of seed 001 (made here from its text) into its curated plan, as a curator
would: `plansite import SOURCE -o plans/2021/pingxiang-edu-2021.yaml --merge`."""

from __future__ import annotations

import copy
import re
import shutil
from pathlib import Path

import pytest
import yaml

from generator.cli import main
from generator.importer.merge import merge
from generator.importer.report import walk_item_dicts
from generator.load import load_site
from projects import SEEDS


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


def test_a_source_now_saying_what_the_curator_wrote_is_no_change():
    mine = copy.deepcopy(BASE)
    mine["sections"][0]["items"][1] = item("2", "全面提升保教质量。")  # curated: title and text
    merged = merge(mine, BASE, plan(item("1", "扩大普惠资源。"), item("2", "全面提升保教质量。"), item("3", "加强幼小衔接。")))
    assert (merged.plan, merged.changes) == (mine, ())


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


def test_the_fields_of_the_file_stay_in_its_order_and_a_new_one_goes_after_the_field_it_follows():
    """A curator's id: written under the title stayed there only until a merge wrote the file in the model's order;
    a field only the source gives now (a deadline) goes where an import puts it."""
    mine = copy.deepcopy(BASE)
    first = mine["sections"][0]["items"][0]
    mine["sections"][0]["items"][0] = {"number": "1", "title": first["title"], "id": "puhui", "text": first["text"],
                                       "themes": []}
    new = plan(item("1", "扩大普惠资源。", deadline="2025-06-30"), item("2", "提升保教质量。"), item("4", "新增一项。"),
               item("3", "加强幼小衔接。"))
    merged = merge(mine, BASE, new)
    assert list(merged.plan["sections"][0]["items"][0]) == ["number", "title", "id", "text", "themes", "deadline"]
    assert list(merged.plan) == list(mine)


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


def test_an_item_moved_to_another_section_keeps_its_curated_values():
    base = {"id": "demo-edu-2025", "title": "示例", "sections": [
        {"number": "一", "title": "甲", "items": [item("1", "扩大普惠资源。"), item("2", "提升保教质量。")]},
        {"number": "二", "title": "乙", "items": [item("3", "加强幼小衔接。")]}]}
    mine = copy.deepcopy(base)
    mine["sections"][0]["items"][1]["themes"] = ["preschool"]
    new = copy.deepcopy(base)
    new["sections"][1]["items"].insert(0, new["sections"][0]["items"].pop())
    merged = merge(mine, base, new)
    first, second = merged.plan["sections"]
    assert [i["text"] for i in first["items"]] == ["扩大普惠资源。"]
    assert [(i["text"], i["themes"]) for i in second["items"]] == [("提升保教质量。", ["preschool"]), ("加强幼小衔接。", [])]
    assert merged.changes == ("item 1-2 → 2-2: moved to section 2 in the source",)


def test_a_section_inserted_in_the_source_takes_its_number_and_the_items_after_it_theirs():
    """Sections are matched by number: 二 takes the new 二's title, and the new 三 (the old 二) is added, holding
    the old 二's item with its curated values."""
    base = {"id": "demo-edu-2025", "title": "示例", "sections": [
        {"number": "一", "title": "甲", "items": [item("1", "扩大普惠资源。")]},
        {"number": "二", "title": "乙", "items": [item("2", "加强幼小衔接。")]}]}
    mine = copy.deepcopy(base)
    mine["sections"][1]["items"][0]["owners"] = ["基教科"]
    new = copy.deepcopy(base)
    new["sections"][1:] = [{"number": "二", "title": "丙", "items": [item("2", "新增一项工作。")]},
                           {"number": "三", "title": "乙", "items": [item("3", "加强幼小衔接。")]}]
    merged = merge(mine, base, new)
    assert [(s["number"], s["title"], [(i["number"], i["text"], i.get("owners")) for i in s["items"]])
            for s in merged.plan["sections"]] == [
        ("一", "甲", [("1", "扩大普惠资源。", None)]),
        ("二", "丙", [("2", "新增一项工作。", None)]),
        ("三", "乙", [("3", "加强幼小衔接。", ["基教科"])])]
    assert merged.changes == ("section 2.title: updated from the source", "item 2-2: new in the source: added",
                              "section 3: new in the source: added", "item 2-2 → 3-3: moved to section 3 in the source")


# --- new editions of seed 001 merged into its curated plan ------------------------------------------------------

ROOT = Path(__file__).parent.parent
PLAN = "plans/2021/pingxiang-edu-2021.yaml"
SEED = "001_c460e3aed4eaef8f.txt"
ITEM_LINE = re.compile(r"^(\s*)(\d+)\.", re.M)
INSERTED = "  2.全面开展新增宣讲活动。组织开展新时代宣讲活动,覆盖全市中小学。(责任单位:宣教科)\n\n"
APPENDED = "\n  32.切实做好新增测试工作。各单位要按要求完成新增测试任务,确保测试覆盖率达到95%以上。(责任单位:秘书科)\n"
seeds = pytest.mark.skipif(not (SEEDS / SEED).is_file(), reason=f"the seed texts are not at {SEEDS}")


def edition(seed: str, name: str) -> str:
    """A new edition of the seed: 'inserted', a new item 2 with every later item renumbered (numbering runs on
    through the sections), or 'appended', a new item 32 after the last."""
    if name == "inserted":
        renumbered = ITEM_LINE.sub(lambda m: f"{m[1]}{int(m[2]) + 1}." if int(m[2]) >= 2 else m[0], seed)
        return renumbered.replace("  3.切实强化宣传教育引导", INSERTED + "  3.切实强化宣传教育引导", 1)
    end = seed.index("\n", seed.index("  31.不断抓好常态化疫情防控")) + 1
    return seed[:end] + APPENDED + seed[end:]


@pytest.fixture
def pingxiang(tmp_path) -> Path:
    """The project's content and seed 001's curated plan, the seeds beside it (as its source.file says), and
    the two new editions in sources/."""
    project = tmp_path / "project"
    shutil.copytree(ROOT / "content", project / "content")
    (project / PLAN).parent.mkdir(parents=True)
    shutil.copy(ROOT / PLAN, project / PLAN)
    (tmp_path / "shared").mkdir()
    (tmp_path / "shared" / "seeds").symlink_to(SEEDS)
    (project / "sources").mkdir()
    seed = (SEEDS / SEED).read_text(encoding="utf-8")
    for name in ("inserted", "appended"):
        (project / "sources" / f"{name}.txt").write_text(edition(seed, name), encoding="utf-8")
    return project


def import_into_plan(project: Path, source: str, *extra: str) -> int:
    return main(["--root", str(project), "import", str(source), "-o", str(project / PLAN), "--merge", *extra])


def curated(project: Path) -> dict:
    return yaml.safe_load((project / PLAN).read_text(encoding="utf-8"))


def curate(project: Path, edit) -> dict:
    """Edit the plan file's data with ``edit`` and write it back; its data as edited."""
    plan = curated(project)
    edit(plan)
    (project / PLAN).write_text(yaml.safe_dump(plan, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return plan


def what_they_say(plan: dict) -> list[dict]:
    """The items without their numbers and spans (where they stand in the source)."""
    return [{k: v for k, v in i.items() if k not in ("number", "span")} for i in walk_item_dicts(plan["sections"])]


def errors(project: Path) -> list[str]:
    _, diagnostics = load_site(str(project))
    return [str(d) for d in diagnostics if d.severity == "error"]


@seeds
def test_an_item_inserted_in_a_new_edition_leaves_curated_values_with_their_renumbered_items(pingxiang, capsys):
    """Matched by number, the new item 2 took item 2's curated themes, and every later item the values of the
    item before it; a curated item was kept beside its renumbered self (five duplicates)."""
    def edit(plan):
        first = plan["sections"][0]["items"]
        assert first[1]["title"] == "切实强化宣传教育引导"
        first[1]["themes"] = ["party-building", "teachers"]
        del plan["sections"][-1]["items"][-2]  # the curator deleted item 30 (renumbered 31 in the new edition)
    before = curate(pingxiang, edit)
    capsys.readouterr()
    assert import_into_plan(pingxiang, pingxiang / "sources" / "inserted.txt", "--new-source") == 0
    err = capsys.readouterr().err
    after = curated(pingxiang)
    items = list(walk_item_dicts(after["sections"]))
    assert [(i["number"], i["title"]) for i in items[:4]] == [
        ("1", "切实强化思想理论武装"), ("2", "全面开展新增宣讲活动"), ("3", "切实强化宣传教育引导"), ("4", "全面加强基层党建工作")]
    assert items[2]["themes"] == ["party-building", "teachers"] and "teachers" not in items[1]["themes"]
    assert what_they_say(after)[:1] + what_they_say(after)[2:] == what_they_say(before)  # every curated value
    assert [i["number"] for i in items] == [str(n) for n in range(1, 19)] + [str(n) for n in range(24, 31)] + ["32"]
    assert "item 1-2 → 1-3: renumbered in the source" in err and "item 7-31 → 7-32: renumbered in the source" in err
    assert "item 1-2: new in the source: added" in err
    assert "kept" not in err and "brought back" not in err and ".span:" not in err  # spans follow their text
    assert err.count("renumbered in the source") == len(items) - 2  # all but items 1 and 2
    assert f"{PLAN}: {len(items)} change(s)" in err  # and source.file, item 2
    assert errors(pingxiang) == []


@seeds
def test_a_merge_that_changes_nothing_leaves_the_file_as_it_was(pingxiang, capsys):
    """The file was written anew: its comments dropped, a curated id moved to where the importer puts it."""
    text = (pingxiang / PLAN).read_text(encoding="utf-8")
    text = text.replace("- number: 一\n", "- number: 一\n  # 待核实：原文此处标题不清\n", 1)
    text = text.replace("  - number: '1'\n", "  - id: study\n    number: '1'\n", 1)
    (pingxiang / PLAN).write_text(text, encoding="utf-8")
    assert import_into_plan(pingxiang, pingxiang.parent / "shared" / "seeds" / SEED) == 0
    assert "0 change(s)" in capsys.readouterr().err
    assert (pingxiang / PLAN).read_text(encoding="utf-8") == text


@seeds
def test_a_merge_that_would_drop_the_curators_comments_is_refused_unless_told_to_drop_them(pingxiang, capsys):
    text = (pingxiang / PLAN).read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../plan.schema.json\n")  # the importer's: not counted
    text = text.replace("- number: 一\n", "- number: 一\n  # 待核实：原文此处标题不清\n", 1)
    text = text.replace("year: 2021\n", "year: 2021  # 据正文\n", 1)
    (pingxiang / PLAN).write_text(text, encoding="utf-8")
    capsys.readouterr()
    assert import_into_plan(pingxiang, pingxiang / "sources" / "appended.txt", "--new-source") == 1
    err = capsys.readouterr().err
    assert f"{pingxiang / PLAN}:5: # 据正文\n{pingxiang / PLAN}:14: # 待核实：原文此处标题不清\n" in err
    assert "holds 2 comment(s) (above), which the merge would drop" in err and "--drop-comments" in err
    assert (pingxiang / PLAN).read_text(encoding="utf-8") == text
    assert import_into_plan(pingxiang, pingxiang / "sources" / "appended.txt", "--new-source", "--drop-comments") == 0
    written = (pingxiang / PLAN).read_text(encoding="utf-8")
    assert "待核实" not in written and "据正文" not in written and "切实做好新增测试工作" in written


@seeds
@pytest.mark.parametrize("name", ["appended", "inserted"])
def test_a_new_source_merged_when_the_old_one_is_gone_adds_the_new_items_and_names_the_new_source(pingxiang, capsys,
                                                                                                 name):
    """With the old source gone, the new import served as base: item 32 was taken as deleted by the curator, and
    source.file as curated."""
    def edit(plan):
        plan["source"]["file"] = "../shared/seeds/gone.txt"
    before = curate(pingxiang, edit)
    capsys.readouterr()
    assert import_into_plan(pingxiang, pingxiang / "sources" / f"{name}.txt", "--new-source") == 0
    err = capsys.readouterr().err
    assert "note: the file's source ../shared/seeds/gone.txt is gone" in err
    after = curated(pingxiang)
    assert after["source"]["file"] == f"sources/{name}.txt" and "source.file: updated from the source" in err
    added = "切实做好新增测试工作" if name == "appended" else "全面开展新增宣讲活动"
    said = what_they_say(after)
    assert [i["title"] for i in said if i not in what_they_say(before)] == [added]  # all else as curated
    assert len(said) == len(what_they_say(before)) + 1 and "new in the source: added" in err
    first, last = {"appended": ((1, 17), (23, 32)), "inserted": ((1, 18), (24, 32))}[name]  # 18–22 are missing
    assert [i["number"] for i in walk_item_dicts(after["sections"])] == [
        str(n) for start, end in (first, last) for n in range(start, end + 1)]
    assert errors(pingxiang) == []
