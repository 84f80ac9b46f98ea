"""`plansite changes`: the semantic changelog between two revisions of a real git repository."""

from __future__ import annotations

import dataclasses
import datetime
import json

import pytest

from generator.changes import (ITEM_FIELDS, NOT_COMPARED, PLAN_FIELDS, SECTION_FIELDS, TARGET_FIELDS,
                               compare_revisions, match_items, target_changes)
from generator.changetext import as_text, describe_target, text_edits
from generator.model import Item, Plan, Section, Target
from generator.cli import main
from generator.ids import walk_items
from gitrepos import commit, git, init
from planhistory import (DIGITAL, EXPECTED_CHANGES, FEES, LAW, MYOPIA, PARENTS, QUALITY, REVIEW, SUPPLY, other_plan,
                         plan_yaml, review_yaml, target, two_revisions, with_evidence)
from projects import DEPARTMENTS, THEMES, write

EXPECTED_TEXT = "比较 v1 → v2\n" + EXPECTED_CHANGES


@pytest.fixture
def repo(tmp_path):
    """Two tagged revisions: v1 (BEFORE and a 2024 plan), v2 (AFTER and a 2026 plan)."""
    root = tmp_path / "repo"
    for tag, rev in zip(("v1", "v2"), two_revisions(root)):
        git(root, "tag", tag, rev)
    return root


def run(root, capsys, *args):
    code = main(["--root", str(root), "changes", *args])
    out, err = capsys.readouterr()
    return code, out, err


def incomplete(left_out: int) -> str:
    """The last line of a text changelog that left plan files out."""
    return f"比较不完整：略去 {left_out} 个文件（见 stderr 的 warning）"


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
    assert (items[3]["before"]["number"], items[3]["after"]["number"]) == ("3", "4")  # as printed


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


def test_an_edition_not_tagged_here_is_told_with_the_editions_that_are(repo, capsys):
    """`plansite changes edition/<last>`, as README has curators run it, before anything is published (or in a
    clone that has not fetched the tags), or with the version mistyped: the error says which editions there are."""
    code, _, err = run(repo, capsys, "edition/2025.1")
    assert code == 2
    assert err == ("error: unknown revision 'edition/2025.1': not a tag, branch or commit of this repository; "
                   "no edition is tagged here: `plansite publish` tags each edition it publishes, and "
                   "`git fetch --tags` brings those published from another clone\n")
    for number in range(1, 8):
        git(repo, "tag", f"edition/2024.{number}", "v1")
    code, _, err = run(repo, capsys, "edition/2025.1")
    assert code == 2 and err.endswith(
        "; the editions tagged here (the newest 5 of 7), oldest first: edition/2024.3, edition/2024.4, "
        "edition/2024.5, edition/2024.6, edition/2024.7\n")
    code, _, err = run(repo, capsys, "v0")  # not an edition's name: git's word alone
    assert code == 2 and err.endswith("not a tag, branch or commit of this repository\n")


def test_the_editions_told_for_an_edition_not_tagged_here_are_in_the_sites_order(repo, capsys):
    """2024.2 retracted and published again after 2024.3 stays before it, as the 版本记录 and latest place it
    (``editionorder``): the list of the editions tagged here said 2024.3 was the older, by the tags' dates alone."""
    git(repo, "tag", "-a", "-m", "2024.3", "edition/2024.3", "v1", date="2026-03-01T09:00:00+08:00")
    git(repo, "tag", "-a", "-m", "2024.2", "edition/2024.2", "v1", date="2026-04-01T09:00:00+08:00")
    code, _, err = run(repo, capsys, "edition/2025.1")
    assert code == 2 and err.endswith("; the editions tagged here, oldest first: edition/2024.2, edition/2024.3\n"), err


def test_a_repository_with_no_commit_yet_is_said_to_have_none(tmp_path, capsys):
    """`plansite changes HEAD` in a project just made (``plansite init`` commits nothing) said HEAD was not a tag,
    branch or commit, as if mistyped: the repository has no commit yet."""
    init(tmp_path)
    code, _, err = run(tmp_path, capsys, "HEAD")
    assert code == 2 and err == ("error: unknown revision 'HEAD': no commit yet in this repository (the first "
                                 "`git commit` makes one)\n")


def test_a_branch_with_no_commit_yet_in_a_repository_with_some_is_said_to_have_none(tmp_path, capsys):
    """On a branch just made with `git switch --orphan`, the repository's other branches having commits, `plansite
    changes HEAD` said the repository had no commit yet: only HEAD was looked at."""
    init(tmp_path)
    commit(tmp_path, "a first commit")
    git(tmp_path, "switch", "--quiet", "--orphan", "fresh")
    code, _, err = run(tmp_path, capsys, "HEAD")
    assert code == 2 and err == ("error: unknown revision 'HEAD': the branch checked out has no commit yet, though "
                                 "the repository has some (the first `git commit` makes one)\n")
    code, _, err = run(tmp_path, capsys, "typo-branch")  # unknown for itself: no word of the branch's commits
    assert code == 2 and err == ("error: unknown revision 'typo-branch': not a tag, branch or commit of this "
                                 "repository\n")


@pytest.mark.parametrize("broken, says", [
    ("id: demo-edu-2026\ntitle: [unclosed\n", "YAML syntax error"),
    (other_plan("demo-edu-2026", 2026).replace("year: 2026", "year: 二〇二六"), "expected an integer"),
])
def test_unreadable_plan_is_left_out_with_a_warning_not_reported_as_removed(repo, capsys, broken, says):
    """A plan whose file has errors is compared on neither side (it was not deleted), and the exit status says
    the changelog is incomplete; a file really deleted is still a removed plan."""
    write(repo, "plans/2026/demo-edu-2026.yaml", broken)
    [other] = [path for path in git(repo, "ls-files", "plans").split() if "2026" not in path and "schema" not in path]
    (repo / other).unlink()
    code, out, err = run(repo, capsys, "v2", "WORKTREE")
    assert code == 1
    assert "warning: left out plans/2026/demo-edu-2026.yaml" in err and says in err
    assert "demo-edu-2026" not in out and "删除计划" in out
    assert out.endswith(f"\n{incomplete(1)}\n")


def test_a_file_left_out_is_counted_and_no_change_found_is_only_among_the_plans_compared(repo, capsys):
    """Stdout alone does not say the plans did not change when the command could not compare them all."""
    write(repo, "plans/2026/demo-edu-2026.yaml", "id: demo-edu-2026\ntitle: [unclosed\n")
    code, out, err = run(repo, capsys, "v2")
    assert (code, out) == (1, f"比较 v2 → WORKTREE\n所比较的计划没有变化\n{incomplete(1)}\n")
    assert err.count("warning: left out") == 1
    commit(repo, "a broken file")
    code, out, err = run(repo, capsys, "HEAD")  # left out at each revision
    assert (code, out.splitlines()[1:]) == (1, ["所比较的计划没有变化", incomplete(2)])
    assert err.count("warning: left out") == 2


def test_a_second_file_with_a_plans_id_is_left_out_with_a_warning(repo, capsys):
    write(repo, "plans/2026/zz-copy.yaml", other_plan("demo-edu-2026", 2026).replace("统筹推进", "全面推进"))
    code, out, err = run(repo, capsys, "v2")
    assert (code, out) == (1, f"比较 v2 → WORKTREE\n所比较的计划没有变化\n{incomplete(1)}\n")
    assert err == ("warning: left out plans/2026/zz-copy.yaml: plan id 'demo-edu-2026' is also in "
                   "plans/2026/demo-edu-2026.yaml\n")


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
                              "  移动 parents → parents 家校共育（从「学前教育」移至「心理健康」）\n")


def test_an_item_that_keeps_its_number_and_is_alike_stays_itself_before_any_closer_match(repo, capsys):
    """Step 1 of the identity rule comes first: 1-1 reworded is still 1-1, though the new 1-2 is its old text."""
    git(repo, "rm", "--quiet", "plans/2026/demo-edu-2026.yaml", "plans/2025/demo-edu-2025.yaml")
    write(repo, "plans/2025/demo-edu-2025.yaml", plan_yaml("demo-edu-2025", 2025, [("一", "学前教育", [SUPPLY, FEES])]))
    commit(repo, "two items")
    reworded = {"title": SUPPLY["title"], "text": SUPPLY["text"].replace("新建改扩建", "新建")}
    write(repo, "plans/2025/demo-edu-2025.yaml", plan_yaml("demo-edu-2025", 2025, [
        ("一", "学前教育", [reworded, {"title": SUPPLY["title"], "text": SUPPLY["text"]}])]))
    changelog = compare_revisions(str(repo), "HEAD")
    [plan] = changelog.plans
    assert [(i.kind, i.before and i.before.key, i.after and i.after.key) for i in plan.items] == [
        ("added", None, "1-2"), ("removed", "1-2", None), ("changed", "1-1", "1-1")]


def test_an_item_split_in_two_is_moved_once_and_the_other_half_added(repo, capsys):
    """Each earlier item follows one item at most, the most alike; an item like it besides is new."""
    git(repo, "rm", "--quiet", "plans/2026/demo-edu-2026.yaml", "plans/2025/demo-edu-2025.yaml")
    write(repo, "plans/2025/demo-edu-2025.yaml", plan_yaml("demo-edu-2025", 2025, [
        ("一", "学前教育", [SUPPLY]), ("二", "心理健康", [MYOPIA])]))
    commit(repo, "one item")
    halves = [{**SUPPLY, "text": SUPPLY["text"].replace("12所", "8所")},
              {"title": SUPPLY["title"], "text": SUPPLY["text"] + "扩容增位。"}]
    write(repo, "plans/2025/demo-edu-2025.yaml", plan_yaml("demo-edu-2025", 2025, [
        ("一", "学前教育", []), ("二", "心理健康", [MYOPIA, *halves])]))
    code, out, _ = run(repo, capsys, "HEAD")
    assert (code, out) == (0, "比较 HEAD → WORKTREE\n计划 demo-edu-2025 示例市教育局2025年工作要点\n"
                              "  新增 2-3 扩大普惠资源\n"
                              "  移动 1-1 → 2-2 扩大普惠资源（从「学前教育」移至「心理健康」）\n"
                              f"      正文：{SUPPLY['text']} → {halves[0]['text']}\n")


@pytest.mark.parametrize("model, labels", [(Plan, PLAN_FIELDS), (Section, SECTION_FIELDS), (Item, ITEM_FIELDS),
                                           (Target, TARGET_FIELDS)],
                         ids=lambda value: getattr(value, "__name__", ""))
def test_every_field_of_the_format_is_compared_or_said_why_not(model, labels):
    fields = {field.name for field in dataclasses.fields(model)}
    assert set(labels) <= fields
    assert fields - set(labels) <= set(NOT_COMPARED), "compare the new field, or say in NOT_COMPARED why not"


def test_progress_reported_between_revisions_is_a_change(repo, capsys):
    """Progress (an item's status; a target's status, actual value, date and evidence) is what changes most
    between editions of a plan in its year; the closing words were not compared either.  Numbers are shown with
    the target's unit, as its item prints them (实际值 （无） → 58.6, without the %, was read as a count)."""
    def plan(item_progress: dict, target_progress: dict, closing: str) -> str:
        supply = {**SUPPLY, **item_progress, "targets": [{**target("公办幼儿园在园幼儿占比提升至58%以上",
                                                                    "公办幼儿园在园幼儿占比", ">=", 58),
                                                           **target_progress}]}
        return plan_yaml("demo-edu-2026", 2026, [("一", "学前教育", [supply])]) + f"closing: {closing}\n"

    write(repo, "plans/2026/demo-edu-2026.yaml", plan({}, {}, "以上工作。"))
    commit(repo, "a plan without progress")
    write(repo, "plans/2026/demo-edu-2026.yaml", plan(
        {"status": "进行中"}, {"status": "已完成", "actual": 58.6, "as_of": datetime.date(2026, 6, 30), "baseline": 55,
         "evidence": "https://example.cn/2026/report"},
        "以上工作，各单位抓好落实。"))
    code, out, _ = run(repo, capsys, "HEAD")
    assert (code, out) == (0, "比较 HEAD → WORKTREE\n计划 demo-edu-2026 示例市教育局2026年工作要点\n"
                              "  结束语：以上工作。 → 以上工作，各单位抓好落实。\n"
                              "  修改 1-1 扩大普惠资源\n"
                              "      进展：（无） → 进行中\n"
                              "      修改目标「公办幼儿园在园幼儿占比提升至58%以上」：基数 （无） → 55%；进展 （无） → 已完成；"
                              "实际值 （无） → 58.6%；截至 （无） → 2026-06-30；依据 （无） → https://example.cn/2026/report\n")


def test_a_changed_date_is_an_iso_date_in_the_json_changelog(repo, capsys):
    def plan(deadline: datetime.date) -> str:
        return plan_yaml("demo-edu-2026", 2026, [("一", "学前教育", [{**SUPPLY, "deadline": deadline}])])

    write(repo, "plans/2026/demo-edu-2026.yaml", plan(datetime.date(2026, 12, 31)))
    commit(repo, "a deadline")
    write(repo, "plans/2026/demo-edu-2026.yaml", plan(datetime.date(2026, 6, 30)))
    code, out, _ = run(repo, capsys, "HEAD", "--format", "json")
    [item] = json.loads(out)["plans"][0]["items"]
    assert code == 0 and item["fields"] == [{"field": "deadline", "before": "2026-12-31", "after": "2026-06-30"}]


def test_sections_renamed_reworded_added_and_removed(repo, capsys):
    """Sections are the same by their titles, by an item that went from one to the other, or by their number
    and similar titles; the rest were added or removed."""
    def plan(sections) -> str:
        return plan_yaml("demo-edu-2026", 2026, sections).replace("  title: 心理健康\n", "  title: 心理健康\n  text: 坚持健康第一。\n")

    write(repo, "plans/2026/demo-edu-2026.yaml", plan([
        ("一", "学前教育", [SUPPLY]), ("二", "心理健康", [MYOPIA]), ("三", "教师队伍", [PARENTS]), ("四", "督导评估", [FEES]),
        ("五", "语言文字工作", [LAW])]))
    commit(repo, "five sections")
    write(repo, "plans/2026/demo-edu-2026.yaml", plan([
        ("一", "学前教育普及普惠", [SUPPLY]),        # renamed in place: its item stayed
        ("二", "家校共育", [PARENTS]),               # 三 教师队伍, renamed and moved up: its item followed
        ("三", "心理健康", [MYOPIA]),                # moved down, its introduction reworded
        ("四", "智慧教育", [DIGITAL]),               # not 四 督导评估: another title, no item followed
        ("五", "语言文字工作推进", [])]).replace("坚持健康第一。", "坚持健康第一，五育并举。"))  # its item gone
    changelog = compare_revisions(str(repo), "HEAD")
    [change] = changelog.plans
    assert [(s.kind, s.before, s.after, [f.field for f in s.fields]) for s in change.sections] == [
        ("added", None, ("智慧教育",), []),
        ("removed", ("督导评估",), None, []),
        ("changed", ("学前教育",), ("学前教育普及普惠",), ["title"]),
        ("changed", ("教师队伍",), ("家校共育",), ["title"]),
        ("changed", ("心理健康",), ("心理健康",), ["text"]),
        ("changed", ("语言文字工作",), ("语言文字工作推进",), ["title"])]
    code, out, _ = run(repo, capsys, "HEAD")
    assert code == 0 and out.splitlines()[2:12] == [
        "  新增节「智慧教育」", "  删除节「督导评估」",
        "  修改节「学前教育普及普惠」", "      标题：学前教育 → 学前教育普及普惠",
        "  修改节「家校共育」", "      标题：教师队伍 → 家校共育",
        "  修改节「心理健康」", "      导语：坚持健康第一。 → 坚持健康第一，五育并举。",
        "  修改节「语言文字工作推进」", "      标题：语言文字工作 → 语言文字工作推进"]


def test_an_item_found_twice_unchanged_is_paired_with_the_first_copy():
    """Its own number now holds another item: the copy at the earlier place is the item, the later one added."""
    same = {"title": "扩大普惠资源", "text": "新建公办幼儿园5所。"}
    old = (Section(number="一", title="学前教育", items=(Item(number="1", **same),)),)
    new = (Section(number="一", title="学前教育", items=(Item(number="1", title="课后服务", text="全面开展课后服务。"),
                                                      Item(number="2", **same), Item(number="3", **same))),)
    pairs, removed, added = match_items(list(walk_items(old)), list(walk_items(new)))
    assert [(a.key, b.key) for a, b in pairs] == [("1-1", "1-2")]
    assert (removed, [b.key for b in added]) == ([], ["1-1", "1-3"])


def test_targets_pair_by_text_then_by_metric_and_only_a_like_for_like_value_has_a_direction():
    enrolment = Target("毛入园率达到90%", "毛入园率", ">=", 90, unit="%")
    classes = Target("大班额比例5%以内", "大班额比例", "<=", 5, unit="%")
    dropouts = Target("辍学率1%以下", "辍学率", "<=", 1, unit="%")
    training = Target("培训教师100至200人", "培训", "range", min=100, max=200, unit="人")
    before = (Target("办好人民满意的教育"), enrolment, Target("新建幼儿园10所", "新建幼儿园", ">=", 10, unit="所"),
              classes, dropouts, training)
    after = (Target("新建幼儿园12所", "新建幼儿园", ">=", 12, unit="所"),  # reworded: paired by its metric
             enrolment,                                                  # unchanged, in another place
             dataclasses.replace(classes, comparator="<", value=4),       # another comparator: no direction
             dataclasses.replace(dropouts, value=0.5),                    # lowered, and so asks more
             dataclasses.replace(training, max=300),                      # a range: no direction
             Target("办好人民满意教育"),                                   # reworded, no metric: another target
             Target("覆盖率50%", "覆盖率", ">=", 50, unit="%"))
    changes = target_changes(before, after)
    assert [(c.kind, (c.before or {}).get("text"), (c.after or {}).get("text"), list(c.fields), c.direction,
             c.delta, c.stricter) for c in changes] == [
        ("removed", "办好人民满意的教育", None, [], "", None, None),
        ("changed", "大班额比例5%以内", "大班额比例5%以内", ["comparator", "value"], "", None, None),
        ("changed", "辍学率1%以下", "辍学率1%以下", ["value"], "lowered", -0.5, True),
        ("changed", "培训教师100至200人", "培训教师100至200人", ["max"], "", None, None),
        ("changed", "新建幼儿园10所", "新建幼儿园12所", ["text", "value"], "raised", 2, True),
        ("added", None, "办好人民满意教育", [], "", None, None),
        ("added", None, "覆盖率50%", [], "", None, None)]
    assert [describe_target(c) for c in changes] == [
        "删除目标：办好人民满意的教育", "修改目标「大班额比例5%以内」：比较 <= → <；数值 5% → 4%",
        "修改目标「辍学率1%以下」：数值 ≤ 1% → 0.5%（降低 0.5 个百分点，更严格）", "修改目标「培训教师100至200人」：上限 200人 → 300人",
        "修改目标「新建幼儿园12所」：原文 新建幼儿园10所 → 新建幼儿园12所；数值 ≥ 10所 → 12所（提高 2所，更严格）",
        "新增目标：办好人民满意教育", "新增目标：覆盖率50%"]


@pytest.mark.parametrize("comparator, value, direction, stricter", [
    (">=", 95, "raised", True), (">", 95, "raised", True), ("<=", 95, "raised", False), ("<", 95, "raised", False),
    ("=", 95, "raised", None), (">", 85, "lowered", False), ("<", 85, "lowered", True)])
def test_a_value_raised_or_lowered_asks_more_as_its_comparator_says(comparator, value, direction, stricter):
    before = Target("比例90%", "比例", comparator, 90, unit="%")
    [change] = target_changes((before,), (dataclasses.replace(before, value=value),))
    assert (change.direction, change.stricter) == (direction, stricter)


@pytest.mark.parametrize("before, after, unit, shown", [
    (1000000, 2500000, "人", "数值 ≥ 1000000人 → 2500000人（提高 1500000人，更严格）"),  # not 1.5e+06人
    (58, 60.1, "%", "数值 ≥ 58% → 60.1%（提高 2.1 个百分点，更严格）"),  # not 2.1000000000000014
    (0.5, 0.25, "万人", "数值 ≥ 0.5万人 → 0.25万人（降低 0.25万人，更宽松）")])
def test_by_how_much_a_value_moved_is_written_as_its_values_are(before, after, unit, shown):
    target = Target("培训人数", "培训人数", ">=", before, unit=unit)
    [change] = target_changes((target,), (dataclasses.replace(target, value=after),))
    assert describe_target(change) == f"修改目标「培训人数」：{shown}"


LONG_TEXT = "各县区要加强组织领导，建立健全工作机制，确保各项任务落到实处，并按时报送工作进展。"


@pytest.mark.parametrize("old, new, shown", [
    ("建立健全", "完善", "各县区要加强组织领导，[-建立健全-]{+完善+}工作机制，确保各项任…"),
    ("各县区要", "", "[-各县区要-]加强组织领导，建立健…"),
    ("确保各项任务落到实处，", "确保任务落实，", "…立健全工作机制，确保[-各项-]任务落[-到-]实[-处-]，并按时报送工作进展。"),
    ("按时", "每月", "…各项任务落到实处，并[-按时-]{+每月+}报送工作进展。"),
    ("并按时报送工作进展。", "", "…保各项任务落到实处，[-并按时报送工作进展。-]"),
])
def test_a_long_text_shows_each_edit_inline_with_ten_characters_of_context(old, new, shown):
    assert as_text(text_edits(LONG_TEXT, LONG_TEXT.replace(old, new))) == shown


def test_themes_are_a_set_a_reorder_alone_is_no_change_but_owners_keep_their_order(repo, capsys):
    """An item's themes are what it is filed under: their order means nothing.  Its owners are as stated, in
    order, so a reorder of them is a change."""
    def plan(themes, owners) -> str:
        return plan_yaml("demo-edu-2026", 2026, [("一", "学前教育", [{**SUPPLY, "themes": themes, "owners": owners}])])

    write(repo, "plans/2026/demo-edu-2026.yaml", plan(["preschool", "mental-health"], ["基教科", "计财科"]))
    commit(repo, "two themes")
    write(repo, "plans/2026/demo-edu-2026.yaml", plan(["mental-health", "preschool"], ["基教科", "计财科"]))
    assert run(repo, capsys, "HEAD") == (0, "比较 HEAD → WORKTREE\n计划没有变化\n", "")
    write(repo, "plans/2026/demo-edu-2026.yaml", plan(["mental-health", "preschool", "preschool"], ["计财科", "基教科"]))
    code, out, _ = run(repo, capsys, "HEAD")
    assert (code, out.splitlines()[2:]) == (0, ["  修改 1-1 扩大普惠资源", "      责任单位：基教科、计财科 → 计财科、基教科"])
    write(repo, "plans/2026/demo-edu-2026.yaml", plan(["mental-health"], ["基教科", "计财科"]))
    code, out, _ = run(repo, capsys, "HEAD")
    assert (code, out.splitlines()[2:]) == (0, ["  修改 1-1 扩大普惠资源", "      主题：preschool、mental-health → mental-health"])


def test_references_are_named_as_the_items_they_name_at_their_revision_with_the_reference_after(repo, capsys):
    """An item's reviews and a target's evidence hold item references: each is shown as the item its revision
    has (the plan's title, the item's number and title as printed), the reference after it; a value that
    names no item at its revision (a web address, an item the plan lacks) as written."""
    def plan(evidence: str) -> str:
        return plan_yaml("demo-edu-2025", 2025, [("一", "学前教育", [with_evidence(evidence), QUALITY])])

    write(repo, "plans/2025/demo-edu-2025.yaml", plan("https://example.cn/report"))
    write(repo, REVIEW, review_yaml(["demo-edu-2025#1-1", "demo-edu-2025#9-9"]))
    commit(repo, "a review")
    write(repo, "plans/2025/demo-edu-2025.yaml", plan("demo-edu-2025-review#1-1"))
    write(repo, REVIEW, review_yaml(["demo-edu-2025#1-2"]))
    code, out, _ = run(repo, capsys, "HEAD")
    assert (code, out.splitlines()[1:]) == (0, [
        "计划 demo-edu-2025 示例市教育局2025年工作要点", "  修改 1-1 扩大普惠资源",
        "      修改目标「公办幼儿园在园幼儿占比提升至58%以上」：依据 https://example.cn/report → "
        "示例市教育局2025年工作总结 · 1. 普惠资源持续扩大（demo-edu-2025-review#1-1）",
        "计划 demo-edu-2025-review 示例市教育局2025年工作总结", "  修改 1-1 普惠资源持续扩大",
        "      报告的事项：示例市教育局2025年工作要点 · 1. 扩大普惠资源（demo-edu-2025#1-1）、demo-edu-2025#9-9 → "
        "示例市教育局2025年工作要点 · 2. 提高保教质量（demo-edu-2025#1-2）"])
    code, out, _ = run(repo, capsys, "HEAD", "--format", "json")
    plans = {p["plan"]: p for p in json.loads(out)["plans"]}
    assert (plans["demo-edu-2025"]["named_before"], list(plans["demo-edu-2025"]["named_after"])) == (
        {}, ["demo-edu-2025-review#1-1"])
    review = plans["demo-edu-2025-review"]
    assert list(review["named_before"]) == ["demo-edu-2025#1-1"]
    assert review["named_after"] == {"demo-edu-2025#1-2": {
        "plan": "demo-edu-2025", "plan_title": "示例市教育局2025年工作要点",
        "item": {"key": "1-2", "title": "提高保教质量", "sections": ["学前教育"], "number": "2"}}}


def test_items_of_identical_text_are_paired_without_comparing_every_pair(monkeypatch):
    """An item inserted at the top renumbers all the rest: each is paired with its identical self at once, as the
    comparison would pair it, not by comparing it with every item left (quadratic: 600 items took 15 s)."""
    from generator import changes
    from generator.ids import Placed

    def placed(position, key, text):
        return Placed(Item(number=key, title=text[:4], text=text), f"1-{key}", (), ("1",), (), position)

    texts = ["".join(chr(0x4E00 + (n * 211 + k * 1009) % 20000) for k in range(20)) for n in range(200)]  # unalike
    old = [placed(i, str(i + 1), text) for i, text in enumerate(texts)]
    new = [placed(0, "1", "新增的一项工作任务。")] + [placed(i + 1, str(i + 2), t) for i, t in enumerate(texts)]
    compared = []
    real = changes.SequenceMatcher

    class Counting(real):
        def real_quick_ratio(self):  # the first look at every pair the comparison makes
            compared.append(1)
            return super().real_quick_ratio()

    monkeypatch.setattr(changes, "SequenceMatcher", Counting)
    pairs, removed, added = changes.match_items(old, new)
    assert sorted((a.key, b.key) for a, b in pairs) == sorted((f"1-{i + 1}", f"1-{i + 2}") for i in range(200))
    assert removed == [] and [b.key for b in added] == ["1-1"]
    assert len(compared) <= 2 * len(old)  # step 1's checks of the same key, not 200 × 201


def test_vocabulary_ids_renamed_added_and_removed_are_listed_in_text_and_json(repo, capsys):
    """基教科's id renamed moved its pages (departments/<id>/ and its feed), which the changelog did not say: an id
    whose entry keeps its name is renamed (old → new), another id is removed or added."""
    write(repo, "content/departments.yaml", DEPARTMENTS.replace("demo-jijiaoke", "demo-jichu-jiaoyuke")
          .replace("id: demo-jicaike\n    name: 计财科", "id: demo-caiwu\n    name: 财务科"))
    write(repo, "content/themes.yaml", THEMES + "  - {id: finance, name: 经费保障}\n")
    code, out, err = run(repo, capsys, "v2")
    assert (code, err) == (0, "")
    assert out == ("比较 v2 → WORKTREE\n"
                   "部门 基教科：id demo-jijiaoke → demo-jichu-jiaoyuke\n"
                   "删除部门 demo-jicaike 计财科\n"
                   "新增部门 demo-caiwu 财务科\n"
                   "新增主题 finance 经费保障\n")
    code, out, _ = run(repo, capsys, "v2", "--format", "json")
    assert json.loads(out)["vocabularies"] == [
        {"vocabulary": "departments", "kind": "renamed", "name": "基教科", "before": "demo-jijiaoke",
         "after": "demo-jichu-jiaoyuke"},
        {"vocabulary": "departments", "kind": "removed", "name": "计财科", "before": "demo-jicaike", "after": ""},
        {"vocabulary": "departments", "kind": "added", "name": "财务科", "before": "", "after": "demo-caiwu"},
        {"vocabulary": "themes", "kind": "added", "name": "经费保障", "before": "", "after": "finance"}]


def test_a_department_whose_organisation_was_renamed_too_is_still_renamed(repo):
    """The organisation's id renamed too, its unit of the same name, now of the new id, is still that unit."""
    for path in ("content/organisations.yaml", "content/departments.yaml", "plans/2025/demo-edu-2025.yaml",
                 "plans/2026/demo-edu-2026.yaml"):
        text = (repo / path).read_text(encoding="utf-8")
        (repo / path).write_text(text.replace("organisation: demo-edu", "organisation: shifan-edu")
                                 .replace("id: demo-edu\n", "id: shifan-edu\n"), encoding="utf-8")
    text = (repo / "content/departments.yaml").read_text(encoding="utf-8")
    write(repo, "content/departments.yaml", text.replace("demo-jijiaoke", "shifan-jijiaoke"))
    changelog = compare_revisions(str(repo), "v2")
    assert [(c.vocabulary, c.kind, c.before, c.after) for c in changelog.vocabularies] == [
        ("organisations", "renamed", "demo-edu", "shifan-edu"),
        ("departments", "renamed", "demo-jijiaoke", "shifan-jijiaoke")]


def test_a_vocabulary_file_with_errors_is_left_out_with_a_warning_and_counted(repo, capsys):
    write(repo, "content/themes.yaml", "themes: [unclosed\n")
    code, out, err = run(repo, capsys, "v2")
    assert (code, out) == (1, f"比较 v2 → WORKTREE\n所比较的计划没有变化\n{incomplete(1)}\n")
    assert err.startswith("warning: left out content/themes.yaml: ") and "YAML syntax error" in err
