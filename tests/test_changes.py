"""`plansite changes`: the semantic changelog between two revisions of a real git repository."""

from __future__ import annotations

import json

import pytest
import yaml

from generator.changes import compare_revisions
from generator.cli import main
from gitrepos import commit, git, init
from projects import make_project, write

def target(text, metric, comparator, value):
    return {"text": text, "metric": metric, "comparator": comparator, "value": value, "unit": "%"}


def plan_yaml(plan_id, year, sections):
    """A plan whose items are numbered by their position in each section."""
    return yaml.safe_dump({
        "id": plan_id, "title": f"示例市教育局{year}年工作要点", "organisation": "demo-edu", "year": year,
        "sections": [{"number": number, "title": title,
                      "items": [{"number": str(i), **item} for i, item in enumerate(items, 1)]}
                     for number, title, items in sections]}, allow_unicode=True, sort_keys=False)


SUPPLY = {"title": "扩大普惠资源", "text": "扩大普惠性学前教育资源供给,新建改扩建公办幼儿园12所。",
          "owners": ["基教科", "计划财务科"], "themes": ["preschool"],
          "targets": [target("公办幼儿园在园幼儿占比提升至58%以上", "公办幼儿园在园幼儿占比", ">=", 58)]}
QUALITY = {"title": "提高保教质量", "owners": ["基教科"],
           "text": "加强幼儿园保育教育质量监管,开展幼小科学衔接实验区建设,完善幼儿园质量评估体系。"}
FEES = {"title": "规范收费行为", "text": "严格执行民办园收费公示制度,查处违规收费。"}
LAW = {"title": "推动地方立法", "text": "推动出台地方性法规,完善管理体制和经费保障机制。"}
SCREENING = {"title": "监测预警", "text": "建立学生心理健康监测预警机制,配齐专职心理教师。",
             "targets": [target("心理辅导室达标率达到90%", "心理辅导室达标率", ">=", 90)]}
MYOPIA = {"title": "防控近视", "text": "综合防控儿童青少年近视,加强视力筛查。",
          "targets": [target("近视率控制在50%以内", "近视率", "<=", 50)]}
PARENTS = {"title": "家校共育", "text": "办好家长学校,组织家庭教育指导服务进社区活动。"}
DIGITAL = {"title": "智慧园所", "text": "实施数字化园所建设工程,推进优质数字资源共享。"}

BEFORE = plan_yaml("demo-edu-2025", 2025, [
    ("一", "学前教育", [SUPPLY, QUALITY, FEES, LAW]),
    ("二", "心理健康", [SCREENING, MYOPIA, PARENTS])])
AFTER = plan_yaml("demo-edu-2025", 2025, [
    ("一", "学前教育", [
        {**SUPPLY, "owners": ["基教科"],
         "targets": [target("公办幼儿园在园幼儿占比提升至60%以上", "公办幼儿园在园幼儿占比", ">=", 60)]},
        {**QUALITY, "text": QUALITY["text"].replace("开展", "深入开展")},
        LAW, PARENTS, DIGITAL]),
    ("二", "心理健康", [
        {**SCREENING, "targets": [target("心理辅导室达标率达到85%", "心理辅导室达标率", ">=", 85)]},
        {**MYOPIA, "targets": [target("近视率控制在48%以内", "近视率", "<=", 48)]}])])


def other_plan(plan_id, year):
    return plan_yaml(plan_id, year, [("一", "总体安排", [{"title": "统筹推进", "text": "统筹推进各项工作。"}])])


EXPECTED_TEXT = """\
比较 v1 → v2
计划 demo-edu-2025 示例市教育局2025年工作要点
  新增 1-5 智慧园所
  删除 1-3 规范收费行为
  移动 1-4 → 1-3 推动地方立法(同节重新编号)
  移动 2-3 → 1-4 家校共育(从「心理健康」移至「学前教育」)
  修改 1-1 扩大普惠资源
      责任单位:基教科、计划财务科 → 基教科
      修改目标「公办幼儿园在园幼儿占比提升至60%以上」:原文 公办幼儿园在园幼儿占比提升至58%以上 → 公办幼儿园在园幼儿占比提升至60%以上;数值 >= 58% → 60%(提高 2%,更严格)
  修改 1-2 提高保教质量
      正文:…园保育教育质量监管,{+深入+}开展幼小科学衔接实验…
  修改 2-1 监测预警
      修改目标「心理辅导室达标率达到85%」:原文 心理辅导室达标率达到90% → 心理辅导室达标率达到85%;数值 >= 90% → 85%(降低 5%,更宽松)
  修改 2-2 防控近视
      修改目标「近视率控制在48%以内」:原文 近视率控制在50%以内 → 近视率控制在48%以内;数值 <= 50% → 48%(降低 2%,更严格)
新增计划 demo-edu-2026 示例市教育局2026年工作要点(plans/2026/demo-edu-2026.yaml)
删除计划 old-edu-2024 示例市教育局2024年工作要点(plans/2024/old-edu-2024.yaml)
"""


@pytest.fixture
def repo(tmp_path):
    """Two tagged revisions: v1 (BEFORE and a 2024 plan), v2 (AFTER and a 2026 plan)."""
    root = init(tmp_path / "repo")
    make_project(root, BEFORE, "plans/2025/demo-edu-2025.yaml")
    write(root, "plans/2024/old-edu-2024.yaml", other_plan("old-edu-2024", 2024))
    commit(root, "v1")
    git(root, "tag", "v1")
    write(root, "plans/2025/demo-edu-2025.yaml", AFTER)
    (root / "plans/2024/old-edu-2024.yaml").unlink()
    write(root, "plans/2026/demo-edu-2026.yaml", other_plan("demo-edu-2026", 2026))
    commit(root, "v2")
    git(root, "tag", "v2")
    return root


def run(root, capsys, *args):
    code = main(["--root", str(root), "changes", *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_text_changelog(repo, capsys):
    code, out, err = run(repo, capsys, "v1", "v2")
    assert (code, err) == (0, "")
    assert out == EXPECTED_TEXT


def test_json_changelog(repo, capsys):
    code, out, _ = run(repo, capsys, "v1", "v2", "--format", "json")
    assert code == 0
    data = json.loads(out)
    assert [(p["kind"], p["plan"]) for p in data["plans"]] == [
        ("changed", "demo-edu-2025"), ("added", "demo-edu-2026"), ("removed", "old-edu-2024")]
    items = data["plans"][0]["items"]
    summary = [(i["kind"], i["move"], (i["before"] or {}).get("key"), (i["after"] or {}).get("key"),
                [f["field"] for f in i["fields"]]) for i in items]
    assert summary == [
        ("added", "", None, "1-5", []),
        ("removed", "", "1-3", None, []),
        ("moved", "renumbered", "1-4", "1-3", []),
        ("moved", "section", "2-3", "1-4", []),
        ("changed", "", "1-1", "1-1", ["owners"]),
        ("changed", "", "1-2", "1-2", ["text"]),
        ("changed", "", "2-1", "2-1", []),
        ("changed", "", "2-2", "2-2", []),
    ]
    targets = {i["after"]["key"]: [(t["kind"], t["direction"], t["delta"], t["stricter"], t["fields"])
                                   for t in i["targets"]] for i in items if i["targets"]}
    assert targets == {
        "1-1": [("changed", "raised", 2, True, ["text", "value"])],
        "2-1": [("changed", "lowered", -5, False, ["text", "value"])],
        "2-2": [("changed", "lowered", -2, True, ["text", "value"])],
    }
    assert items[3]["before"]["sections"] == ["心理健康"] and items[3]["after"]["sections"] == ["学前教育"]


def test_worktree_is_the_default_and_unknown_revisions_are_errors(repo, capsys):
    code, out, _ = run(repo, capsys, "v2")
    assert (code, out) == (0, "比较 v2 → WORKTREE\n计划没有变化\n")
    write(repo, "plans/2026/demo-edu-2026.yaml",
          other_plan("demo-edu-2026", 2026).replace("统筹推进各项工作。", "统筹推进全年各项工作。"))
    changelog = compare_revisions(str(repo), "v2")
    [plan] = changelog.plans
    [item] = plan.items
    assert (plan.plan, item.kind, item.after.key, [f.field for f in item.fields]) == (
        "demo-edu-2026", "changed", "1-1", ["text"])
    code, _, err = run(repo, capsys, "v0", "v2")
    assert code == 2 and "unknown revision 'v0'" in err


def test_unreadable_plan_is_left_out_with_a_warning(repo, capsys):
    write(repo, "plans/2026/demo-edu-2026.yaml", "id: demo-edu-2026\ntitle: [unclosed\n")
    code, out, err = run(repo, capsys, "v2", "WORKTREE")
    assert code == 0
    assert "warning: left out plans/2026/demo-edu-2026.yaml" in err and "YAML syntax error" in err
    assert "删除计划 demo-edu-2026" in out


def test_item_with_explicit_id_moved_to_another_section(repo, capsys):
    git(repo, "rm", "--quiet", "plans/2026/demo-edu-2026.yaml", "plans/2025/demo-edu-2025.yaml")
    with_id = {**PARENTS, "id": "parents"}
    write(repo, "plans/2025/demo-edu-2025.yaml", plan_yaml("demo-edu-2025", 2025, [
        ("一", "学前教育", [SUPPLY, with_id]), ("二", "心理健康", [MYOPIA])]))
    commit(repo, "explicit id")
    write(repo, "plans/2025/demo-edu-2025.yaml", plan_yaml("demo-edu-2025", 2025, [
        ("一", "学前教育", [SUPPLY]), ("二", "心理健康", [MYOPIA, with_id])]))
    code, out, _ = run(repo, capsys, "HEAD")
    assert (code, out) == (0, "比较 HEAD → WORKTREE\n计划 demo-edu-2025 示例市教育局2025年工作要点\n"
                              "  移动 parents → parents 家校共育(从「学前教育」移至「心理健康」)\n")
