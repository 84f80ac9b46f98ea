"""Git histories of plans for tests: dated commits of two plans, and two revisions with every kind of change.

Shared by the changelog (test_changes), history (test_history) and site history (test_sitehistory) tests.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from gitrepos import commit, git, init
from projects import PLAN, make_project, write

# --- a commit per date: page dates ----------------------------------------------------

MENTAL = PLAN.replace("demo-edu-2025", "demo-edu-2026").replace("2025", "2026") \
    .replace("themes: [preschool]", "themes: [mental-health, preschool]")

DATES = {"first": "2024-01-10T09:00:00+08:00", "second": "2024-03-05T10:30:00+08:00",
         "themes": "2024-05-01T08:00:00+08:00", "third": "2024-06-20T16:45:00+08:00"}

A = "plans/2025/demo-edu-2025.yaml"
B = "plans/2026/demo-edu-2026.yaml"
THEMES = "content/themes.yaml"


def history_repo(root: Path) -> Path:
    """A commit per date: both plans, then B changed, then the themes, then A changed."""
    init(root)
    make_project(root)
    write(root, B, MENTAL)
    commit(root, "both plans", DATES["first"])
    write(root, B, MENTAL.replace("扩大普惠资源。", "扩大普惠性资源。"))
    commit(root, "B edited", DATES["second"])
    write(root, THEMES, (root / THEMES).read_text(encoding="utf-8") + "  - {id: spare, name: 备用}\n")
    commit(root, "themes", DATES["themes"])
    write(root, A, PLAN.replace("owners: [基教科, 计划财务科]", "owners: [基教科]"))
    commit(root, "A edited", DATES["third"])
    return root


def tag_edition(root: Path, version: str, rev: str, date: str) -> None:
    """Tag ``rev`` as ``plansite publish`` does (an annotated edition/VERSION), dated ``date``."""
    git(root, "tag", "--annotate", "-m", f"Plansite edition {version}", f"edition/{version}", rev, date=date)


# --- two revisions with every kind of change: the changelog ----------------------------

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
AFTER_SECTIONS = [
    ("一", "学前教育", [
        {**SUPPLY, "owners": ["基教科"],
         "targets": [target("公办幼儿园在园幼儿占比提升至60%以上", "公办幼儿园在园幼儿占比", ">=", 60)]},
        {**QUALITY, "text": QUALITY["text"].replace("开展", "深入开展")},
        LAW, PARENTS, DIGITAL]),
    ("二", "心理健康", [
        {**SCREENING, "targets": [target("心理辅导室达标率达到85%", "心理辅导室达标率", ">=", 85)]},
        {**MYOPIA, "targets": [target("近视率控制在48%以内", "近视率", "<=", 48)]}])]
AFTER = plan_yaml("demo-edu-2025", 2025, AFTER_SECTIONS)

# What `plansite changes` reports from the first revision to the second.
EXPECTED_CHANGES = """\
计划 demo-edu-2025 示例市教育局2025年工作要点
  新增 1-5 智慧园所
  删除 1-3 规范收费行为
  移动 1-4 → 1-3 推动地方立法（同节重新编号）
  移动 2-3 → 1-4 家校共育（从「心理健康」移至「学前教育」）
  修改 1-1 扩大普惠资源
      责任单位：基教科、计划财务科 → 基教科
      修改目标「公办幼儿园在园幼儿占比提升至60%以上」：原文 公办幼儿园在园幼儿占比提升至58%以上 → 公办幼儿园在园幼儿占比提升至60%以上；数值 ≥ 58% → 60%（提高 2 个百分点，更严格）
  修改 1-2 提高保教质量
      正文：…园保育教育质量监管,{+深入+}开展幼小科学衔接实验…
  修改 2-1 监测预警
      修改目标「心理辅导室达标率达到85%」：原文 心理辅导室达标率达到90% → 心理辅导室达标率达到85%；数值 ≥ 90% → 85%（降低 5 个百分点，更宽松）
  修改 2-2 防控近视
      修改目标「近视率控制在48%以内」：原文 近视率控制在50%以内 → 近视率控制在48%以内；数值 ≤ 50% → 48%（降低 2 个百分点，更严格）
新增计划 demo-edu-2026 示例市教育局2026年工作要点（plans/2026/demo-edu-2026.yaml）
删除计划 old-edu-2024 示例市教育局2024年工作要点（plans/2024/old-edu-2024.yaml）
"""


# A review reporting on the items of demo-edu-2025, and the target of 1-1 whose progress it reports: the fields
# that hold item references.
REVIEW = "plans/2025/demo-edu-2025-review.yaml"


def review_yaml(reviews: list[str]) -> str:
    """The review demo-edu-2025-review (示例市教育局2025年工作总结): one item, reporting on ``reviews``."""
    item = {"title": "普惠资源持续扩大", "text": "新建幼儿园12所。", "reviews": reviews}
    return plan_yaml("demo-edu-2025-review", 2025, [("一", "学前教育", [item])]).replace("工作要点", "工作总结") \
        + "kind: review\n"


def with_evidence(evidence: str) -> dict:
    """SUPPLY with its target's progress reported at ``evidence``."""
    return {**SUPPLY, "targets": [{**SUPPLY["targets"][0], "evidence": evidence}]}


def other_plan(plan_id, year):
    return plan_yaml(plan_id, year, [("一", "总体安排", [{"title": "统筹推进", "text": "统筹推进各项工作。"}])])


def two_revisions(root: Path) -> tuple[str, str]:
    """Commit BEFORE with a 2024 plan, then AFTER with a 2026 plan instead; return both commits."""
    init(root)
    make_project(root, BEFORE, A)
    write(root, "plans/2024/old-edu-2024.yaml", other_plan("old-edu-2024", 2024))
    first = commit(root, "v1")
    write(root, A, AFTER)
    (root / "plans/2024/old-edu-2024.yaml").unlink()
    write(root, B, other_plan("demo-edu-2026", 2026))
    return first, commit(root, "v2")


# --- the site fixture's editions -------------------------------------------------------

QA_PLAN = "plans/2025/qa-edu-2025.yaml"
XX_PLAN = "plans/2025/xx-edu-2025.yaml"
QA_TITLE = "title: '[x](javascript:alert(1))'"
OLD_QA_TITLE = """title: '旧标题</a><script>alert("edition")</script>]]>'"""
OLD_TEXT = ("开展心理健康教育示范学校建设。", "开展心理健康教育特色学校创建。")  # item 3's, in 2024.1 and since
FINANCE = ("themes: [preschool]\n        targets:", "themes: [preschool, finance]\n        targets:")  # item 1's
SITE_EDITIONS = {"2024.1": "2025-01-15T10:00:00+08:00", "2024.2": "2025-03-01T09:30:00+08:00"}


def replace(root: Path, path: str, old: str, new: str) -> None:
    text = (root / path).read_text(encoding="utf-8")
    assert old in text, f"{path} no longer has {old!r}"
    (root / path).write_text(text.replace(old, new), encoding="utf-8")


def site_editions(root: Path) -> Path:
    """Give a copy of the site fixture a history: edition 2024.1 with an older title (markup, ``]]>``),
    a lower target, an item's text worded otherwise and two items with a theme less, edition 2024.2 with the
    fixture's title, target, text and themes but another item title, and the fixture's files as they are on
    disk (unpublished changes since 2024.2)."""
    init(root)
    replace(root, QA_PLAN, QA_TITLE, OLD_QA_TITLE)
    replace(root, XX_PLAN, "value: 94.5", "value: 93")
    replace(root, XX_PLAN, "title: 提升保教质量", "title: 提高保教质量")
    replace(root, XX_PLAN, OLD_TEXT[1], OLD_TEXT[0])
    replace(root, XX_PLAN, FINANCE[1], FINANCE[0])
    replace(root, QA_PLAN, "themes: [qa-theme, mental-health]", "themes: [mental-health]")
    commit(root, "edition 2024.1", SITE_EDITIONS["2024.1"])
    tag_edition(root, "2024.1", "HEAD", SITE_EDITIONS["2024.1"])
    replace(root, QA_PLAN, OLD_QA_TITLE, QA_TITLE)
    replace(root, XX_PLAN, "value: 93", "value: 94.5")
    replace(root, XX_PLAN, OLD_TEXT[0], OLD_TEXT[1])
    replace(root, XX_PLAN, FINANCE[0], FINANCE[1])
    replace(root, QA_PLAN, "themes: [mental-health]", "themes: [qa-theme, mental-health]")
    commit(root, "edition 2024.2", SITE_EDITIONS["2024.2"])
    tag_edition(root, "2024.2", "HEAD", SITE_EDITIONS["2024.2"])
    replace(root, XX_PLAN, "title: 提高保教质量", "title: 提升保教质量")
    return root
