"""`plansite import`: stdout and -o, refusing to overwrite, --merge, --verify, --add-unknown-owners."""

from __future__ import annotations

import argparse
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml

from generator.cli import build_parser, main
from generator.importer import unknown_owners
from generator.load import load_site
from generator.yamlsource import SPECIAL_FILE
from projects import DEPARTMENTS, ORGANISATIONS, THEMES, write
from test_import_sources import WRAPPED_COPY

FIXTURES = Path(__file__).parent / "fixtures" / "import"
OUTPUT = "plans/2025/demo-edu-2025.yaml"


@pytest.fixture
def project(tmp_path):
    for name, text in (("organisations", ORGANISATIONS), ("departments", DEPARTMENTS), ("themes", THEMES)):
        write(tmp_path, f"content/{name}.yaml", text)
    source = tmp_path / "sources" / "owners.txt"
    source.parent.mkdir()
    source.write_text((FIXTURES / "owners.txt").read_text(encoding="utf-8"), encoding="utf-8")
    return tmp_path


def plansite(project: Path, *args: str) -> int:
    return main(["--root", str(project), *args])


def import_to_file(project: Path, *extra: str) -> int:
    return plansite(project, "import", str(project / "sources" / "owners.txt"), "--org", "demo-edu",
                    "-o", str(project / OUTPUT), *extra)


def merge_into_file(project: Path, source: str = "owners.txt", *extra: str) -> int:
    return plansite(project, "import", str(project / "sources" / source), "-o", str(project / OUTPUT), "--merge",
                    *extra)


def another_document(project: Path) -> Path:
    """A source of another city's plan, beside owners.txt."""
    other = project / "sources" / "other.txt"
    other.write_text("别市教育局2025年工作要点\n一、别的\n1.别的事项。\n", encoding="utf-8")
    return other


def load(project: Path) -> dict:
    return yaml.safe_load((project / OUTPUT).read_text(encoding="utf-8"))


def test_draft_goes_to_stdout_and_the_report_to_stderr(project, capsys):
    assert plansite(project, "import", str(project / "sources" / "owners.txt"), "--org", "demo-edu") == 0
    out, err = capsys.readouterr()
    plan = yaml.safe_load(out)
    assert plan["id"] == "demo-edu-2025" and plan["source"]["file"] == "sources/owners.txt"
    assert "2 sections, 3 items" in err
    assert "line 7: owner “督导室” is not in content/departments.yaml" in err


def test_written_draft_passes_check_but_for_unknown_owners(project, capsys):
    assert import_to_file(project) == 0
    _, diagnostics = load_site(str(project))
    assert {d.message.split("'")[1] for d in diagnostics if d.severity == "error"} == {
        "各县区教育行政部门", "督导室", "体卫艺科"}


def test_an_existing_file_is_never_overwritten_without_merge(project, capsys):
    assert import_to_file(project) == 0
    before = (project / OUTPUT).read_text(encoding="utf-8")
    (project / "sources" / "owners.txt").write_text("一、变了\n1.全部不同。\n", encoding="utf-8")
    assert import_to_file(project) == 2
    assert "refusing to overwrite" in capsys.readouterr().err
    assert (project / OUTPUT).read_text(encoding="utf-8") == before


def test_reimport_keeps_curator_edits_and_takes_source_changes(project, capsys):
    assert import_to_file(project) == 0
    curated = load(project)
    first = curated["sections"][0]["items"][0]
    first["title"] = "扩大学前教育普惠资源"      # a curator edit
    first["themes"] = ["preschool"]
    curated["sections"][1]["items"][0]["owners"] = ["体卫艺科", "基教科"]
    (project / OUTPUT).write_text(yaml.safe_dump(curated, allow_unicode=True, sort_keys=False), encoding="utf-8")

    # the source is republished under a new name: item 2 reworded, an item added before item 3, which is now 4
    old = (project / "sources" / "owners.txt").read_text(encoding="utf-8")
    new = (old.replace("开展幼儿园保育教育质量评估。", "开展幼儿园保育教育质量评估和督导。")
           .replace("  二、心理健康", "  3.加强幼小衔接。推进幼小科学衔接。\n\n  二、心理健康")
           .replace("  3.完善心理健康教育机制", "  4.完善心理健康教育机制"))
    (project / "sources" / "owners-v2.txt").write_text(new, encoding="utf-8")
    capsys.readouterr()
    assert merge_into_file(project, "owners-v2.txt", "--new-source") == 0
    err = capsys.readouterr().err
    merged = load(project)
    one, two = merged["sections"][0]["items"], merged["sections"][1]["items"]
    assert one[0]["title"] == "扩大学前教育普惠资源" and one[0]["themes"] == ["preschool"]  # kept
    assert one[1]["text"].endswith("质量评估和督导。")  # not curated: the new source wins
    assert [i["number"] for i in one] == ["1", "2", "3"] and one[2]["title"] == "加强幼小衔接"  # added
    assert two[0]["owners"] == ["体卫艺科", "基教科"]  # curated item 3, renumbered 4 in the source: still curated
    assert [i["number"] for i in two] == ["4"]
    assert merged["source"]["file"] == "sources/owners-v2.txt"
    assert "item 1-3: new in the source: added" in err
    assert "item 2-3 → 2-4: renumbered in the source" in err
    assert "item 1-2.text: updated from the source" in err


def test_reimport_of_the_same_source_changes_nothing_curated(project, capsys):
    assert import_to_file(project) == 0
    curated = load(project)
    curated["sections"][0]["items"][1]["title"] = "提升幼儿园保教质量"
    curated["sections"][1]["items"][0]["id"] = "mental-health-teachers"  # an explicit id: still the same item
    del curated["sections"][0]["items"][0]  # the curator deleted item 1
    (project / OUTPUT).write_text(yaml.safe_dump(curated, allow_unicode=True, sort_keys=False), encoding="utf-8")
    assert merge_into_file(project) == 0
    assert load(project) == curated


def test_merging_a_file_other_than_the_plans_source_is_refused_unless_said_to_be_a_new_source(project, capsys):
    """Merged into another document's import, every value not curated would take that document's text."""
    assert import_to_file(project) == 0
    before = (project / OUTPUT).read_text(encoding="utf-8")
    another_document(project)
    (project / "sources" / "link.txt").symlink_to(project / "sources" / "owners.txt")
    capsys.readouterr()
    assert merge_into_file(project, "other.txt") == 2
    assert f"{project / OUTPUT}:9:9: error: source.file: {project / OUTPUT} was imported from sources/owners.txt, " \
           "not from sources/other.txt: nothing written." in capsys.readouterr().err
    assert (project / OUTPUT).read_text(encoding="utf-8") == before
    assert merge_into_file(project, "link.txt") == 0  # the same file
    assert (project / OUTPUT).read_text(encoding="utf-8") == before
    assert merge_into_file(project, "other.txt", "--new-source") == 0
    assert load(project)["source"]["file"] == "sources/other.txt"


def test_organisation_id_year_and_kind_given_to_a_merge_are_usage_errors(project, capsys):
    """A merge keeps the file's own: the values given would only have been named in the report."""
    assert import_to_file(project) == 0
    before = (project / OUTPUT).read_text(encoding="utf-8")
    capsys.readouterr()
    with pytest.raises(SystemExit) as exited:
        merge_into_file(project, "owners.txt", "--org", "xiangtan-edu", "--year", "2021", "--kind", "review")
    assert exited.value.code == 2
    assert f"--org, --year, --kind: a merge keeps the organisation, id, year and kind of {project / OUTPUT}" \
        in capsys.readouterr().err
    with pytest.raises(SystemExit):
        merge_into_file(project, "owners.txt", "--id", "foo-2021")
    assert "--id: a merge keeps" in capsys.readouterr().err
    assert (project / OUTPUT).read_text(encoding="utf-8") == before


def test_a_draft_with_the_id_of_another_plan_file_is_refused(project, capsys):
    """`plansite check` would report the duplicate id in the curated file, not in the new draft."""
    assert import_to_file(project) == 0
    capsys.readouterr()
    again = project / "plans" / "2025" / "new.yaml"
    assert plansite(project, "import", str(project / "sources" / "owners.txt"), "-o", str(again)) == 1
    assert f"error: the plan id 'demo-edu-2025' is already used by {project / OUTPUT}: pass --id" \
        in capsys.readouterr().err
    assert not again.exists()
    assert plansite(project, "import", str(project / "sources" / "owners.txt"), "-o", str(again),
                    "--id", "demo-edu-2025-b") == 0
    draft = project / "drafts" / "demo-edu-2025.yaml"  # not below plans/: check does not read it
    assert plansite(project, "import", str(project / "sources" / "owners.txt"), "-o", str(draft)) == 0


def test_the_plan_file_that_has_the_id_is_named_without_a_leading_dot(project, capsys, monkeypatch):
    assert import_to_file(project) == 0
    monkeypatch.chdir(project)
    capsys.readouterr()
    assert main(["--root", ".", "import", "sources/owners.txt", "-o", "plans/2025/new.yaml"]) == 1
    assert f"already used by {OUTPUT}: pass --id" in capsys.readouterr().err


def test_the_folders_a_draft_needs_are_created_and_named(project, capsys):
    typo = project / "plans" / "20255" / "x.yaml"  # a mistyped year
    assert plansite(project, "import", str(project / "sources" / "owners.txt"), "--id", "x", "-o", str(typo)) == 0
    assert f"created folder {project / 'plans' / '20255'}/\n" in capsys.readouterr().err and typo.exists()
    assert import_to_file(project) == 0
    assert f"created folder {project / 'plans' / '2025'}/\n" in capsys.readouterr().err
    assert plansite(project, "import", str(project / "sources" / "owners.txt"), "--id", "y",
                    "-o", str(project / "plans" / "2025" / "y.yaml")) == 0
    assert "created folder" not in capsys.readouterr().err


def test_a_draft_written_to_a_file_is_named_after_the_report(project, capsys):
    """The report, of many lines, ended without saying where the draft went: a curator looked for the file."""
    draft = project / "plans" / "2025" / "x.yaml"
    assert plansite(project, "import", str(project / "sources" / "owners.txt"), "--id", "x", "-o", str(draft)) == 0
    assert capsys.readouterr().err.endswith(f"\nwrote {draft}\n") and draft.exists()
    assert plansite(project, "import", str(project / "sources" / "owners.txt"), "-o", str(draft), "--merge") == 0
    assert "wrote" not in capsys.readouterr().err  # a merge that changes nothing leaves the file as it was


def test_verify_lists_items_that_no_longer_match_their_source(project, capsys):
    assert import_to_file(project) == 0
    source = str(project / "sources" / "owners.txt")
    capsys.readouterr()
    assert plansite(project, "import", source, "--verify", str(project / OUTPUT)) == 0
    items = sum(len(section["items"]) for section in load(project)["sections"])
    assert capsys.readouterr().err == (f"0 error(s), 0 warning(s)\n"
                                       f"{items} of {items} item(s) match the source at their spans\n")
    plan = load(project)
    plan["sections"][1]["items"][0]["text"] = plan["sections"][1]["items"][0]["text"].replace("心理辅导室", "心理咨询室")
    (project / OUTPUT).write_text(yaml.safe_dump(plan, allow_unicode=True, sort_keys=False), encoding="utf-8")
    capsys.readouterr()
    assert plansite(project, "import", source, "--verify", str(project / OUTPUT)) == 1
    out, err = capsys.readouterr()
    assert "item 2-3 no longer matches the source" in out and "the item has “咨询室" in out
    assert "item 1-1" not in out
    assert err.endswith(f"\n{items - 1} of {items} item(s) match the source at their spans\n")


def test_verify_against_a_file_other_than_the_plans_source_says_which_file_the_plan_names(project, capsys):
    assert import_to_file(project) == 0
    other = another_document(project)
    capsys.readouterr()
    assert plansite(project, "import", "--verify", str(other), str(project / OUTPUT)) == 1
    out = capsys.readouterr().out
    assert out.startswith(f"{project / OUTPUT}:9:9: warning: source.file: the plan was imported from "
                          "sources/owners.txt, not from sources/other.txt: ")
    assert "item 1-1 no longer matches the source" in out
    assert plansite(project, "import", "--verify", str(project / "sources" / "owners.txt"), str(project / OUTPUT)) == 0
    assert "warning" not in capsys.readouterr().out


@pytest.mark.parametrize("order", ["--verify SOURCE PLAN", "SOURCE --verify PLAN"])
def test_verify_takes_source_and_plan_in_either_order(project, capsys, order):
    assert import_to_file(project) == 0
    paths = {"SOURCE": str(project / "sources" / "owners.txt"), "PLAN": str(project / OUTPUT)}
    plan = load(project)
    plan["sections"][0]["items"][0]["text"] = "改写过的事项。"
    (project / OUTPUT).write_text(yaml.safe_dump(plan, allow_unicode=True, sort_keys=False), encoding="utf-8")
    capsys.readouterr()
    assert plansite(project, "import", *(paths.get(word, word) for word in order.split())) == 1
    assert "item 1-1 no longer matches the source" in capsys.readouterr().out


@pytest.mark.parametrize("args", [["--verify"], ["--verify", "a.txt"], ["--verify", "a.txt", "b.yaml", "c.yaml"], []])
def test_verify_without_its_two_paths_is_a_usage_error(project, capsys, args):
    with pytest.raises(SystemExit) as exited:
        plansite(project, "import", *args)
    assert exited.value.code == 2
    assert "--verify SOURCE PLAN.yaml" in capsys.readouterr().err


def test_unknown_owners_are_added_to_the_vocabulary_with_stable_ids(project, capsys):
    assert import_to_file(project, "--add-unknown-owners") == 0
    departments = yaml.safe_load((project / "content" / "departments.yaml").read_text(encoding="utf-8"))
    added = departments["departments"][2:]
    assert [(d["id"], d["name"], d["kind"]) for d in added] == [
        ("demo-edu-unit-1", "各县区教育行政部门", "统称"), ("demo-edu-unit-2", "督导室", "科室"),
        ("demo-edu-unit-3", "体卫艺科", "科室")]
    assert DEPARTMENTS.strip() in (project / "content" / "departments.yaml").read_text(encoding="utf-8")
    _, diagnostics = load_site(str(project))
    assert [d for d in diagnostics if d.severity == "error"] == []
    # `check` asks for the made-up ids to be renamed before publishing (they become page addresses), once for
    # the file, at the first, naming each with its line: one warning each buried a real error among 25
    made_up = [d for d in diagnostics if "plansite import made up" in d.message]
    lines = [line for line, text in enumerate((project / "content" / "departments.yaml").read_text(
        encoding="utf-8").splitlines(), 1) if "-unit-" in text]
    assert [(d.line, d.field, d.severity) for d in made_up] == [(lines[0], "departments[2].id", "warning")]
    assert made_up[0].message.startswith(f"3 ids plansite import made up: demo-edu-unit-1 (line {lines[0]}), "
                                         f"demo-edu-unit-2 (line {lines[1]}), demo-edu-unit-3 (line {lines[2]}): "
                                         "rename each ")


def test_unknown_owners_of_clauses_without_labels_are_added_too(project, capsys):
    source = project / "sources" / "owner_styles.txt"
    source.write_text((FIXTURES / "owner_styles.txt").read_text(encoding="utf-8"), encoding="utf-8")
    assert plansite(project, "import", str(source), "--org", "demo-edu", "-o", str(project / OUTPUT),
                    "--add-unknown-owners") == 0
    departments = yaml.safe_load((project / "content" / "departments.yaml").read_text(encoding="utf-8"))
    assert [d["name"] for d in departments["departments"][2:]] == ["督导室", "体卫艺科", "教研室"]


def test_an_output_path_that_cannot_be_a_file_is_refused_with_its_reason(project, capsys):
    (project / "plans" / "2025").mkdir(parents=True)
    assert plansite(project, "import", str(project / "sources" / "owners.txt"), "--org", "demo-edu",
                    "-o", str(project / "plans" / "2025")) == 2
    assert f"{project / 'plans' / '2025'} is a folder: give the draft's file" in capsys.readouterr().err
    assert plansite(project, "import", str(project / "sources" / "owners.txt"), "--org", "demo-edu",
                    "-o", str(project / "sources" / "owners.txt" / "x.yaml")) == 1
    assert f"error: cannot write {project / 'sources' / 'owners.txt' / 'x.yaml'}: " in capsys.readouterr().err
    assert list((project / "plans" / "2025").iterdir()) == []


@pytest.mark.parametrize("name, content", [("empty.txt", ""), ("blank.txt", "  \n\n\t\n"),
                                           ("empty.html", "<html><body><nav>首页</nav></body></html>")])
def test_a_source_without_text_is_an_error_not_an_empty_draft(project, capsys, name, content):
    source = project / "sources" / name
    source.write_text(content, encoding="utf-8")
    assert plansite(project, "import", str(source), "--org", "demo-edu", "--year", "2025",
                    "-o", str(project / OUTPUT)) == 1
    assert f"{source}: error: no text to import" in capsys.readouterr().err
    assert not (project / OUTPUT).exists()


def test_a_source_of_another_year_than_the_plan_is_said(project, capsys):
    """--year, or the curated file a source is merged into, against the year the source's title gives."""
    assert import_to_file(project) == 0
    capsys.readouterr()
    assert plansite(project, "import", str(project / "sources" / "owners.txt"), "--org", "demo-edu",
                    "--year", "2021") == 0
    assert "line 1: the source is of 2025, the plan of 2021" in capsys.readouterr().err
    plan = project / OUTPUT
    plan.write_text(plan.read_text(encoding="utf-8").replace("year: 2025", "year: 2024"), encoding="utf-8")
    assert merge_into_file(project) == 0
    assert "line 1: the source is of 2025, the plan of 2024" in capsys.readouterr().err


def test_a_source_another_organisation_published_is_said(project, capsys):
    """--org against the organisation the source names itself as (its title here)."""
    write(project, "content/organisations.yaml", ORGANISATIONS + "  - {id: other-edu, name: 别处县教育局}\n")
    assert plansite(project, "import", str(project / "sources" / "owners.txt"), "--org", "other-edu") == 0
    assert "line 1: the source reads as demo-edu's (示例市教育局), the plan is other-edu's" in capsys.readouterr().err
    assert plansite(project, "import", str(project / "sources" / "owners.txt"), "--org", "demo-edu") == 0
    assert "reads as" not in capsys.readouterr().err


def departments_file(project: Path) -> str:
    return (project / "content" / "departments.yaml").read_text(encoding="utf-8")


def test_unknown_owners_are_not_added_for_an_unknown_organisation_or_from_a_broken_vocabulary(project, capsys):
    """With departments.yaml unreadable every unit would seem unknown (each existing one added again), and
    with a mistyped --org the departments would belong to no organisation: refused, nothing written."""
    before = departments_file(project)
    assert plansite(project, "import", str(project / "sources" / "owners.txt"), "--org", "demo-eud",
                    "-o", str(project / OUTPUT), "--add-unknown-owners") == 1
    assert "error: --add-unknown-owners: the organisation 'demo-eud' is not in content/organisations.yaml " \
           "(did you mean 'demo-edu'?)" in capsys.readouterr().err
    (project / "content" / "departments.yaml").write_text(before + "  - [\n", encoding="utf-8")
    assert import_to_file(project, "--add-unknown-owners") == 1
    assert "error: --add-unknown-owners: content/ has errors (above)" in capsys.readouterr().err
    assert departments_file(project) == before + "  - [\n" and not (project / OUTPUT).exists()


def test_unknown_owners_outside_the_organisation_are_added_as_bodies_outside_it(project, capsys):
    """Another government's departments (县公安局, 市卫生健康委) or a company are not units of the bureau: not filed
    as its 科室 but as 外单位, and said so; `check` then passes, where no kind fitted them and it failed for each.  A
    collective (各县区人民政府) is a 统称 of the bureau's, as curated content files 各县区教育行政部门; its own 机关党委
    is a unit of its own."""
    source = project / "sources" / "outside.txt"
    source.write_text("示例市教育局2025年工作要点\n一、校园安全\n1.整治校园周边环境。（牵头单位：督导室；配合单位：县公安局、"
                      "市财政局、市卫生健康委、各县区人民政府、东湖燃气公司）\n2.加强党的建设。（责任单位：机关党委）\n",
                      encoding="utf-8")
    assert plansite(project, "import", str(source), "--org", "demo-edu", "-o", str(project / OUTPUT),
                    "--add-unknown-owners") == 0
    departments = yaml.safe_load(departments_file(project))["departments"][2:]
    assert [(d["name"], d["kind"]) for d in departments] == [
        ("督导室", "科室"), ("县公安局", "外单位"), ("市财政局", "外单位"), ("市卫生健康委", "外单位"),
        ("各县区人民政府", "统称"), ("东湖燃气公司", "外单位"), ("机关党委", "科室")]
    err = capsys.readouterr().err
    assert f"added 7 department(s) to {project / 'content' / 'departments.yaml'}: " in err
    assert "of them, as bodies outside 示例市教育局, of kind 外单位: 县公安局, 市财政局, 市卫生健康委, 东湖燃气公司 " \
           "(if one is a unit of 示例市教育局's, give it its kind)\n" in err
    assert plansite(project, "check") == 0
    assert capsys.readouterr().err.startswith("0 error(s), ")


@pytest.mark.parametrize("organisation, names, found", [
    ("莲花县文化广电新闻出版旅游局", ["县文化市场综合执法大队", "城东分局", "治安大队", "校团委", "关工委", "机关党委", "县公安局",
                          "市卫生健康委"],
     ["县文化市场综合执法大队", "城东分局", "治安大队", "县公安局", "市卫生健康委"]),
    ("某市教育局（2024年工作要点）", ["某市教育局", "市教育局", "教育局", "育局", "市财政局"], ["育局", "市财政局"]),
    ("某市教育局（2024年（修订）工作要点）", ["市教育局", "教育局", "市财政局"], ["市财政局"]),
    ("县教育局", ["财政局", "人社局", "城管执法局", "公安分局", "市场监管局", "县公安局", "消防支队", "教研室"],
     ["财政局", "人社局", "城管执法局", "公安分局", "市场监管局", "县公安局", "消防支队"]),
    ("江北区民政局", ["区消防救援大队", "区民政局", "民政局", "社会救助科"], ["区消防救援大队"])])
def test_names_ending_like_a_body_are_named_unless_the_organisations_own(organisation, names, found):
    """A name ending like a body's (局, 委, 大队, 支队, 公司 …) may be another government's (财政局, 人社局, 公安分局
    have no 县/市/区 before them; 区消防救援大队 is no unit of 江北区民政局): named for the curator, not filed as a 科室
    nobody is told of; the organisation's own name, with or without its place, is its own; committees are its own."""
    assert unknown_owners.outside(names, organisation) == found


def anonymous_source(project: Path) -> Path:
    """A source that names no organisation (某市 identifies nothing)."""
    anonymous = project / "sources" / "anonymous.txt"
    anonymous.write_text("某市2025年工作要点\n一、甲\n1.子一。\n", encoding="utf-8")
    return anonymous


@pytest.mark.parametrize("source", ["anonymous.txt", "missing.txt"])
def test_an_import_that_fails_writes_nothing_on_stdout_where_the_draft_goes(project, capsys, source):
    anonymous_source(project)
    assert plansite(project, "import", str(project / "sources" / source)) == 1
    out, err = capsys.readouterr()
    assert out == "" and f"{project / 'sources' / source}: error: " in err


def test_organisation_is_guessed_from_the_text_or_asked_for(project, capsys):
    assert plansite(project, "import", str(project / "sources" / "owners.txt")) == 0
    assert yaml.safe_load(capsys.readouterr().out)["organisation"] == "demo-edu"  # the title names 示例市教育局
    anonymous = anonymous_source(project)
    assert plansite(project, "import", str(anonymous)) == 1
    assert "pass --org ID (its id in content/organisations.yaml, or a new id to add there)" \
        in capsys.readouterr().err


def test_the_organisation_that_signs_is_named_when_none_listed_is_it(project, capsys):
    source = project / "sources" / "signed.txt"
    source.write_text("2025年工作要点\n一、甲\n1.子一。\n某县卫生健康局\n2025年3月1日\n", encoding="utf-8")
    assert plansite(project, "import", str(source)) == 1
    assert "line 4 signs it 某县卫生健康局, a name no organisation in content/organisations.yaml has; pass --org ID" \
        in capsys.readouterr().err


def test_a_signature_several_organisations_have_or_too_short_to_tell_is_said_so(project, capsys):
    write(project, "content/organisations.yaml", ORGANISATIONS + "  - id: other-edu\n    name: 另一市教育局\n"
                                                                 "    region: 示例省另一市\n    level: 地市级\n")
    source = project / "sources" / "signed.txt"
    source.write_text("2025年工作要点\n一、甲\n1.子一。\n市教育局\n2025年3月1日\n", encoding="utf-8")
    assert plansite(project, "import", str(source)) == 1
    assert "line 4 signs it 市教育局, a name several organisations in content/organisations.yaml have: " \
           "示例市教育局 (demo-edu), 另一市教育局 (other-edu); pass --org ID" in capsys.readouterr().err
    source.write_text("2025年工作要点\n一、甲\n1.子一。\n教育局\n2025年3月1日\n", encoding="utf-8")
    assert plansite(project, "import", str(source)) == 1
    assert "line 4 signs it 教育局, too short a name to tell which organisation it is; pass --org ID" \
        in capsys.readouterr().err


FORWARDED = {
    # a listed bureau forwards a document of an author not listed: the author's signature is asked about
    "not the forwarder's": ("示例市教育局关于转发《某省教育厅2025年工作要点》的通知\n各县（区）教育局：\n"
                            "现将《某省教育厅2025年工作要点》转发给你们，请认真贯彻执行。\n示例市教育局\n2025年3月5日\n"
                            "2025年工作要点\n一、甲\n1.子一。\n某省教育厅\n2025年2月20日\n", 1,
                            "line 9 signs it 某省教育厅, a name no organisation in content/organisations.yaml has"),
    # the notice's text names the author: it is guessed (only the notice's title and signature are left out)
    "named in the notice's text": ("示例市教育局办公室关于转发《2025年全市教育工作要点》的通知\n各科室：\n"
                                   "现将示例市教育局《2025年全市教育工作要点》转发给你们，请认真贯彻执行。\n"
                                   "示例市教育局办公室\n2025年3月5日\n2025年全市教育工作要点\n一、甲\n1.子一。\n", 0,
                                   "\norganisation: demo-edu\n"),
}


@pytest.mark.parametrize("case", FORWARDED)
def test_the_organisation_of_a_forwarded_document_is_its_authors(project, capsys, case):
    text, code, says = FORWARDED[case]
    source = project / "sources" / "forwarded.txt"
    source.write_text(text, encoding="utf-8")
    assert plansite(project, "import", str(source)) == code
    draft, report = capsys.readouterr()
    assert says in (report if code else draft)


def test_a_new_organisation_is_imported_and_said_to_be_added(project, capsys):
    """A body's first plan may come before its organisation is listed: the draft is written, and the report
    says what `plansite check` will say (with a did-you-mean for a mistyped id)."""
    anonymous = anonymous_source(project)
    assert plansite(project, "import", str(anonymous), "--org", "shan-county-health") == 0
    out, err = capsys.readouterr()
    assert yaml.safe_load(out)["organisation"] == "shan-county-health"
    assert "organisation 'shan-county-health' is not in content/organisations.yaml: add it there, " \
           "or `plansite check` reports the plan's organisation as unknown" in err
    assert plansite(project, "import", str(anonymous), "--org", "demo-eud") == 0
    assert "'demo-eud' is not in content/organisations.yaml (did you mean 'demo-edu'?): add it" \
        in capsys.readouterr().err


@pytest.mark.parametrize("option, value, message", [
    ("--id", "萍乡 2021", "'萍乡 2021' is not a safe id"), ("--id", "", "argument --id: must not be empty"),
    ("--org", "示例市教育局", "argument --org: '示例市教育局' is no organisation id"),  # its name
    ("--year", "21", "21 is out of range (1949–2100)"),
    ("--year", "二〇二一", "invalid year value: '二〇二一'"),
    ("--merge", None, "--merge merges into the file given by -o PATH"),
    ("--new-source", None, "--new-source says what --merge merges: it goes with -o PATH --merge"),
    ("--drop-comments", None, "--drop-comments lets --merge drop the comments of the file it merges into")])
def test_values_a_plan_file_could_not_hold_and_a_merge_without_a_file_are_usage_errors(project, capsys, option, value,
                                                                                      message):
    with pytest.raises(SystemExit) as exited:
        plansite(project, "import", str(project / "sources" / "owners.txt"), "--org", "demo-edu", option,
                 *([] if value is None else [value]))
    assert exited.value.code == 2 and message in capsys.readouterr().err


def test_unknown_owners_seed_a_departments_file_that_lists_none_yet(project, capsys):
    """A new project's `departments: []` is only a warning, so the first import can fill it."""
    (project / "content" / "departments.yaml").write_text("departments: []\n", encoding="utf-8")
    assert import_to_file(project, "--add-unknown-owners") == 0
    departments = yaml.safe_load((project / "content" / "departments.yaml").read_text(encoding="utf-8"))
    assert [d["id"] for d in departments["departments"]] == [f"demo-edu-unit-{n}" for n in range(1, 6)]
    _, diagnostics = load_site(str(project))
    assert [d for d in diagnostics if d.severity == "error"] == []


def test_a_text_whose_line_wraps_were_repaired_says_so_in_the_report_and_in_verify(project, capsys):
    copy = project / "sources" / "copy.txt"
    copy.write_text("\n".join(WRAPPED_COPY), encoding="utf-8")
    assert plansite(project, "import", str(copy), "--org", "demo-edu", "-o", str(project / OUTPUT)) == 0
    said = "the text reads as a copy of a PDF, its lines broken mid-sentence: 6 line(s) joined"
    report = capsys.readouterr().err
    assert f"    {said}" in report and "2 items" in report
    assert plansite(project, "import", "--verify", str(copy), str(project / OUTPUT)) == 0
    assert f"{copy}: warning: {said}" in capsys.readouterr().out


def test_a_text_of_its_own_lines_is_not_said_to_be_repaired(project, capsys):
    assert import_to_file(project) == 0
    assert "copy of a PDF" not in capsys.readouterr().err


@pytest.mark.parametrize("name", ["fifo.txt", "fifo.docx", "fifo.pdf"])
def test_a_fifo_as_the_source_is_reported_not_waited_for(project, capsys, name):
    # Reading a FIFO waits for a writer: import and --verify hung on one given as the source.
    assert import_to_file(project) == 0
    source = project / "sources" / name
    os.mkfifo(source)
    capsys.readouterr()
    for extra in ([], ["--verify", str(project / OUTPUT)]):
        assert plansite(project, "import", str(source), "--org", "demo-edu", *extra) == 1
        said = capsys.readouterr()  # (import says it on stderr, --verify on stdout)
        assert f"{source}: error: cannot read file: {SPECIAL_FILE}" in said.err + said.out


def test_the_help_names_every_format_import_reads_and_those_it_refuses(capsys):
    """`plansite import --help` named .txt .html .docx .pdf only, after .xlsx was read and .doc .xls refused."""
    from generator.importer.sources import OLDER_FORMATS, READERS

    with pytest.raises(SystemExit):
        main(["import", "--help"])
    usage = capsys.readouterr().out
    commands = next(action for action in build_parser()._actions if isinstance(action, argparse._SubParsersAction))
    summary = next(action.help for action in commands._choices_actions if action.dest == "import")
    assert [suffix for suffix in (*READERS, *OLDER_FORMATS) if suffix not in usage] == []
    assert [suffix for suffix in READERS if suffix not in summary and suffix not in (".text", ".htm")] == []


def test_a_draft_below_plans_not_named_after_its_id_is_said_so(project, capsys):
    """README's `-o plans/2025/ORG-2025.yaml` drew `file name should be ORG-2025-breakdown.yaml` from
    `plansite check` for a 任务分解表, its id being <org>-<year>-breakdown: the import says so at once."""
    assert import_to_file(project) == 0 and "note:" not in capsys.readouterr().err
    draft = project / "drafts" / "x.yaml"  # not below plans/: check does not read it
    assert plansite(project, "import", str(project / "sources" / "owners.txt"), "-o", str(draft)) == 0
    assert "note:" not in capsys.readouterr().err
    named = project / "plans" / "2025" / "demo-edu-2025-tasks.yaml"
    assert plansite(project, "import", str(project / "sources" / "owners.txt"), "--kind", "breakdown",
                    "-o", str(named)) == 0
    assert (f"note: {named} holds the plan demo-edu-2025-breakdown: `plansite check` asks for its file to be named "
            "demo-edu-2025-breakdown.yaml (rename it, or write id: demo-edu-2025-tasks in it)\n"
            ) in capsys.readouterr().err


def test_a_new_projects_empty_vocabularies_are_told_as_the_import_concerns_them(project, capsys):
    """Import printed check's `lists no departments` before the import that --add-unknown-owners filled them
    with, and `lists no themes` without saying that the draft's items were given none."""
    for name in ("departments", "themes"):
        (project / "content" / f"{name}.yaml").write_text(f"{name}: []\n", encoding="utf-8")
    assert import_to_file(project, "--add-unknown-owners") == 0
    err = capsys.readouterr().err
    assert "lists no departments" not in err and "warning" not in err
    assert "\n    content/themes.yaml lists no themes, so no item was given one" in err
    write(project, "content/themes.yaml", THEMES)
    assert plansite(project, "import", str(project / "sources" / "owners.txt"), "--id", "x") == 0
    assert "lists no themes" not in capsys.readouterr().err


# `plansite import` (the arguments after argv[3]) pausing at a moment (argv[3]) for the test to stop it there: with
# a file's new text staged beside it (plan: the draft, departments: content/departments.yaml), or once the draft is
# written, before the unknown owners are added.
PAUSED_IMPORT = """
import os, sys, time
import generator.importer.unknown_owners as unknown_owners
from generator.cli import main

paused, moment = sys.argv[1], sys.argv[2]

def pause():
    open(paused, "w").close()
    time.sleep(600)

def replace(staged, target, replace=os.replace):
    if os.path.basename(target) == {"plan": "demo-edu-2025.yaml", "departments": "departments.yaml"}.get(moment):
        pause()
    replace(staged, target)

def append_departments(*args, append=unknown_owners.append_departments):
    if moment == "draft written":
        pause()
    append(*args)

os.replace, unknown_owners.append_departments = replace, append_departments
sys.exit(main(sys.argv[3:]))
"""


def stopped_import(project: Path, moment: str, *args: str) -> tuple[int, str]:
    """`plansite import` with ``args`` stopped by SIGTERM at ``moment`` (see ``PAUSED_IMPORT``): its exit status
    and the last line it printed."""
    paused = project / "paused"
    process = subprocess.Popen([sys.executable, "-c", PAUSED_IMPORT, str(paused), moment, "--root", str(project),
                                "import", *args], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    while not paused.exists():
        assert process.poll() is None, process.communicate()[1]
        time.sleep(0.01)
    process.send_signal(signal.SIGTERM)
    _, err = process.communicate(timeout=60)
    assert "Traceback" not in err
    return process.returncode, err.splitlines()[-1]


def files(project: Path) -> dict[str, bytes]:
    return {str(path.relative_to(project)): path.read_bytes() for path in sorted(project.rglob("*"))
            if path.is_file() and path.name != "paused"}


DRAFT_WRITTEN = "after {project}/{output} was written whole; {project}/content/departments.yaml is as it was"


@pytest.mark.parametrize("moment, said, written", [
    ("plan", "", ()), ("draft written", DRAFT_WRITTEN, (OUTPUT,)), ("departments", DRAFT_WRITTEN, (OUTPUT,))])
def test_an_import_stopped_by_sigterm_leaves_every_file_whole_and_says_what_it_wrote(project, moment, said,
                                                                                      written):
    """Stopped while it writes the draft or adds the unknown owners, an import leaves each file as it was or whole
    (nothing staged left beside them), and says which it wrote.  (Stopped once the draft was written, it said
    "interrupted" only.)"""
    before = files(project)
    source = str(project / "sources" / "owners.txt")
    code, last = stopped_import(project, moment, source, "--org", "demo-edu", "-o", str(project / OUTPUT),
                                "--add-unknown-owners")
    said = said.format(project=project, output=OUTPUT)
    assert (code, last) == (130, f"plansite import: interrupted{' ' if said else ''}{said}")
    after = files(project)
    assert {name: data for name, data in after.items() if name not in written} == before
    assert sorted(set(after) - set(before)) == sorted(written)
    if written:  # the draft, whole: the import of the same source to stdout
        assert plansite(project, "import", source, "--org", "demo-edu") == 0


def test_a_merge_stopped_by_sigterm_leaves_the_curated_plan_as_it_was(project, capsys):
    assert import_to_file(project) == 0
    curated = project / OUTPUT
    curated.write_text(curated.read_text(encoding="utf-8").replace("title: ", "title: 修订 ", 1), encoding="utf-8")
    source = project / "sources" / "owners-v2.txt"
    source.write_text((project / "sources" / "owners.txt").read_text(encoding="utf-8").replace(
        "开展幼儿园保育教育质量评估。", "开展督导。"), encoding="utf-8")
    before = files(project)
    code, last = stopped_import(project, "plan", str(source), "-o", str(curated), "--merge", "--new-source")
    assert (code, last, files(project)) == (130, "plansite import: interrupted", before)
