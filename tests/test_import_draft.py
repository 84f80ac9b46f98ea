"""The draft: items with titles, verbatim text, owners, spans, and the YAML written (importer stage 5)."""

from __future__ import annotations

import dataclasses
from datetime import date
from pathlib import Path

import docx
import pytest

from generator import yamlsource
from generator.decode import decode
from generator.importer import draft
from generator.importer.pipeline import Settings, import_source
from generator.importer.report import walk_item_dicts
from generator.load import load_vocabulary
from generator.model import Item, Plan
from projects import demo_vocabulary, write

FIXTURES = Path(__file__).parent / "fixtures" / "import"


@pytest.fixture
def vocabulary(tmp_path):
    return demo_vocabulary(tmp_path)


def imported(path: Path, vocabulary, **settings):
    result = import_source(str(path), Settings(organisation="demo-edu", **settings), vocabulary)
    assert result.errors == ()
    return result


def items(plan: dict) -> list[dict]:
    return list(walk_item_dicts(plan["sections"]))


def test_items_keep_their_whole_text_without_the_owner_clause(vocabulary):
    first, second, third = items(imported(FIXTURES / "owners.txt", vocabulary).plan)
    assert first["title"] == "扩大普惠资源"
    assert first["text"] == "扩大普惠资源。新建公办幼儿园5所，公办幼儿园在园幼儿占比达到58%以上。"
    assert first["owners"] == ["基教科", "计划财务科", "各县区教育行政部门"]  # as stated, alias included
    assert (second["owners"], second["support"], second["deadline"]) == (["基教科"], ["督导室"], date(2025, 10, 31))
    assert third["text"] == "完善心理健康教育机制。加强心理辅导室建设。\n每所学校至少配备1名专职心理教师。"
    assert third["owners"] == ["体卫艺科"]


def test_units_stated_in_brackets_without_labels_are_owners_and_leave_the_text(vocabulary):
    result = imported(FIXTURES / "owner_styles.txt", vocabulary)
    first, second, third, fourth, fifth = items(result.plan)
    assert (first["title"], first["text"], first["owners"]) == (
        "新建、改扩建中小学幼儿园6所，新增学位3000个", "新建、改扩建中小学幼儿园6所，新增学位3000个。", ["基教科"])
    assert first["targets"][0]["metric"] == "新建、改扩建中小学幼儿园"  # 【基教科】 is no part of the metric
    assert result.source_text[first["span"][0]:first["span"][1]] == first["text"]
    assert (second["text"], second["owners"], second["support"], second["deadline"]) == (
        "扩大普惠性资源。新增公办学位900个以上。", ["基教科"], ["计财科", "督导室"], date(2025, 8, 31))
    assert (third["owners"], third["deadline"]) == (["计划财务科"], date(2025, 12, 31))
    assert not [u for u in result.unsure if "date or year" in u.message]  # the deadline is read, not skipped
    assert (fourth["text"], fourth["owners"], fourth["support"]) == (
        "完善心理健康教育机制。每所学校至少配备1名专职心理教师。", ["体卫艺科"], ["教研室"])
    assert (fifth["text"], fifth["owners"]) == ("修订学生心理健康管理办法（试行）", [])


def test_themes_and_targets_are_proposed(vocabulary):
    first, _, third = items(imported(FIXTURES / "owners.txt", vocabulary).plan)
    assert "preschool" in first["themes"] and "mental-health" in third["themes"]
    assert any(t["comparator"] == ">=" and t["value"] == 58 and t["unit"] == "%" for t in first["targets"])


def test_spans_point_into_the_source_as_read(tmp_path, vocabulary):
    path = tmp_path / "owners.txt"  # with a byte-order mark and Windows line ends
    path.write_bytes(b"\xef\xbb\xbf" + (FIXTURES / "owners.txt").read_bytes().replace(b"\n", b"\r\n"))
    result = imported(path, vocabulary)
    for item in items(result.plan):
        start, end = item["span"]
        first_line = item["text"].split("\n")[0]
        assert result.source_text[start:start + len(first_line)] == first_line
        assert "".join(result.source_text[start:end].split()) == "".join(item["text"].split())


def test_unknown_owners_are_reported_with_their_line(vocabulary):
    result = imported(FIXTURES / "owners.txt", vocabulary)
    notes = {u.message.split("”")[0].split("“")[1]: u.line for u in result.unsure if "not in content" in u.message}
    assert notes == {"各县区教育行政部门": 5, "督导室": 7, "体卫艺科": 11}


def test_a_document_without_sections_gets_one_around_its_items(tmp_path, vocabulary):
    path = tmp_path / "flat.txt"
    path.write_text("示例市教育局2025年工作要点\n1.扩大普惠资源。\n2.提升保教质量。\n", encoding="utf-8")
    plan = imported(path, vocabulary).plan
    assert [(s["number"], s["title"], [i["number"] for i in s["items"]]) for s in plan["sections"]] == [
        ("一", "示例市教育局2025年工作要点", ["1", "2"])]
    draft_path = tmp_path / "flat.yaml"
    draft_path.write_text(draft.dump(plan), encoding="utf-8")
    document, problems = yamlsource.load(str(draft_path))
    decode(Plan, document, problems)
    assert problems == []  # the draft is a valid plan: a section's number is required


def test_a_text_without_numbered_parts_is_reported_as_giving_no_item(tmp_path, vocabulary):
    path = tmp_path / "title.txt"
    path.write_text("示例市教育局2025年工作要点\n全年工作围绕立德树人展开。\n", encoding="utf-8")
    result = imported(path, vocabulary)
    assert result.plan["sections"] == []
    assert any(u.message.startswith("no numbered section or item found") for u in result.unsure)


def test_a_line_below_an_items_owner_clause_stays_in_its_text(tmp_path, vocabulary):
    path = tmp_path / "lines.txt"
    path.write_text("示例市教育局2025年工作任务分解\n一、学前教育\n1.扩大普惠资源。\n牵头单位：基教科；完成时限：2025年9月底前\n"
                    "此项工作纳入年度考核。\n2.提升保教质量。\n", encoding="utf-8")
    [first, _] = items(imported(path, vocabulary).plan)
    assert (first["text"], first["owners"], first["deadline"]) == (
        "扩大普惠资源。\n此项工作纳入年度考核。", ["基教科"], date(2025, 9, 30))


def test_units_stated_once_for_a_section_are_each_of_its_items_that_names_none(tmp_path, vocabulary):
    path = tmp_path / "sections.txt"
    path.write_text("示例市教育局2025年重点工作任务分解方案\n一、学前教育\n牵头单位：基教科\n责任单位：计财科、督导室\n"
                    "完成时限：2025年12月底前\n1.扩大普惠资源。\n2.提升保教质量。（责任单位：督导室）\n"
                    "二、教师队伍（牵头单位：人事科）\n（一）师德建设\n1.开展师德专项整治。\n"
                    "三、校园安全\n坚持安全第一。\n1.开展隐患排查。\n", encoding="utf-8")
    result = imported(path, vocabulary)
    sections = result.plan["sections"]
    assert [s.get("text") for s in sections] == [None, None, "坚持安全第一。"]
    assert sections[1]["title"] == "教师队伍"
    assert [(i["owners"], i["support"], i.get("deadline")) for i in items(result.plan)] == [
        (["基教科"], ["计财科", "督导室"], date(2025, 12, 31)),  # beside a lead the responsible units help
        (["督导室"], [], date(2025, 12, 31)),                     # an item's own units are its
        (["人事科"], [], None),                                    # a section's units hold in its sections
        ([], [], None)]
    assert [u.line for u in result.unsure if "units stated for section" in u.message] == [3, 8]


def test_a_target_stated_in_a_section_text_is_reported(tmp_path, vocabulary):
    path = tmp_path / "goals.txt"
    path.write_text("示例市教育局2025年工作要点\n一、总体目标\n到2025年，新建公办幼儿园6所。\n二、主要任务\n"
                    "1.扩大普惠资源。\n", encoding="utf-8")
    result = imported(path, vocabulary)
    assert [(u.line, u.message) for u in result.unsure if "section 一" in u.message] == [
        (3, "the text of section 一 states a target, “新建公办幼儿园6所”: only items hold targets, make it an item "
            "to keep it")]


def test_a_target_stated_in_the_preamble_is_reported(tmp_path, vocabulary):
    path = tmp_path / "goals.txt"
    path.write_text("示例市教育局2025年工作要点\n2025年是“十四五”收官之年。主要目标：学前三年毛入园率达到92%以上，"
                    "新建公办幼儿园6所。\n一、主要任务\n1.扩大普惠资源。\n", encoding="utf-8")
    result = imported(path, vocabulary)
    assert result.plan["preamble"].startswith("2025年是")
    assert sorted((u.line, u.message) for u in result.unsure if "preamble" in u.message) == [
        (2, f"the preamble states a target, “{target}”: only items hold targets, make it an item to keep it")
        for target in ("学前三年毛入园率达到92%以上", "新建公办幼儿园6所")]


def test_a_deadline_after_the_units_is_the_items_deadline(tmp_path, vocabulary):
    path = tmp_path / "deadlines.txt"
    path.write_text("示例市教育局2025年工作要点\n一、主要任务\n"
                    "1.开展校园食品安全检查，覆盖率达到100%。（责任科室：体卫艺科，2025年6月底前完成）\n"
                    "2.提高学生资助标准。\n责任单位：计财科\n完成时限：2025年9月1日起执行\n", encoding="utf-8")
    result = imported(path, vocabulary)
    first, second = items(result.plan)
    assert (first["owners"], first["deadline"]) == (["体卫艺科"], date(2025, 6, 30))
    assert second["owners"] == ["计财科"] and "deadline" not in second  # a start is no deadline
    assert any("“2025年9月1日起执行”" in u.message for u in result.unsure)


@pytest.mark.parametrize("term, days", [
    ("第一学期", [date(2025, 9, 10), date(2026, 1, 20), date(2025, 12, 31), date(2026, 1, 31)]),
    ("第二学期", [date(2026, 9, 10), date(2026, 1, 20), date(2025, 12, 31), date(2026, 1, 31)]),
])
def test_a_school_terms_months_are_of_the_calendar_year_they_fall_in(tmp_path, vocabulary, term, days):
    path = tmp_path / "school.txt"
    path.write_text(f"示例县实验中学2025—2026学年{term}工作计划\n一、主要工作\n"
                    "1.完成学籍注册。（责任部门：教务处，9月10日前完成）\n"
                    "2.组织期末考试。（责任部门：教务处，1月20日前）\n"
                    "3.完成校舍维修。（责任部门：总务处，年底前完成）\n"    # a period: the plan's year
                    "4.做好寒假安全教育。（责任部门：政教处，2026年1月底前）\n", encoding="utf-8")
    plan = imported(path, vocabulary, year=2025).plan
    assert [item["deadline"] for item in items(plan)] == days


def test_the_owner_clause_ending_a_paragraphs_points_below_a_heading_is_each_points(tmp_path, vocabulary):
    path = tmp_path / "party.txt"
    path.write_text("示例县教育局2025年党建工作要点\n一、加强干部队伍建设\n（一）树立正确选人用人导向\n"
                    "一是坚持好干部标准；二是推进校长职级制改革；三是建立优秀年轻干部库。（责任部门：基教科）\n"
                    "（二）加强党建工作经费保障\n一是落实基层党组织工作经费；二是用好党费。\n责任部门：计财科、督导室\n"
                    "（三）加强宣传\n一是讲好教育故事（责任部门：办公室）；二是做好舆情处置。（责任部门：基教科）\n"
                    "各学校要结合实际制定本单位计划。\n", encoding="utf-8")
    result = imported(path, vocabulary)
    assert [(item["number"], item.get("owners")) for item in items(result.plan)] == [
        ("一是", ["基教科"]), ("二是", ["基教科"]), ("三是", ["基教科"]),
        ("一是", ["计财科", "督导室"]), ("二是", ["计财科", "督导室"]),
        ("一是", ["办公室"]), ("二是", ["基教科"])]  # a point naming its own: the last clause is the last point's
    sections = result.plan["sections"][0]["sections"]
    assert [section.get("text") for section in sections] == [None, None, None]
    assert items(result.plan)[-2]["text"] == "讲好教育故事"
    assert result.plan["closing"] == "各学校要结合实际制定本单位计划。"
    assert sum("are given to each of its items" in u.message for u in result.unsure) == 2


def test_the_problems_of_a_rectification_plan_are_its_items(tmp_path, vocabulary):
    """问题1：… with its 整改措施, 责任领导 (a person, dropped), 责任股室 and 整改时限 below, under headings by field; its
    targets are those of its measures."""
    path = tmp_path / "rectification.txt"
    path.write_text("示例县教育局党组关于巡察反馈意见整改工作方案\n一、问题清单及整改措施\n（一）理论学习方面\n"
                    "问题1：理论学习中心组学习流于形式，2025年专题研讨仅开展2次。\n整改措施：全年开展专题研讨不少于6次。\n"
                    "责任领导：王建华\n"
                    "责任股室：办公室\n整改时限：2026年3月底前\n"
                    "问题2：文旅融合发展用力不足。\n整改措施：年内培育A级旅游景区2家。\n责任领导：陈丽萍\n"
                    "责任股室：旅游发展股、产业股\n整改时限：2026年12月底前\n"
                    "（二）从严治党方面\n问题3：“三重一大”决策制度执行不严格。\n整改措施：修订集体决策实施办法。\n"
                    "责任领导：李志强\n责任股室：财务股\n整改时限：立行立改\n", encoding="utf-8")
    drafted = items(imported(path, vocabulary, year=2026).plan)
    found = [(item["number"], item["title"], item["owners"], item.get("deadline")) for item in drafted]
    assert found == [("1", "理论学习中心组学习流于形式，2025年专题研讨仅开展2次", ["办公室"], date(2026, 3, 31)),
                     ("2", "文旅融合发展用力不足", ["旅游发展股", "产业股"], date(2026, 12, 31)),
                     ("3", "“三重一大”决策制度执行不严格", ["财务股"], None)]
    # what went wrong (仅开展2次) states no target: the 整改措施 below it do
    assert [[(t["metric"], t["value"]) for t in item["targets"]] for item in drafted] == [
        [("全年开展专题研讨", 6)], [("年内培育A级旅游景区", 2)], []]


def test_a_target_of_a_later_year_is_due_at_its_end(tmp_path, vocabulary):
    """In the first year of a five-year plan, 到2030年 and “十五五”期间 targets beside the year's own: each is due
    at the end of the year its sentence names, not at the plan's; the year's own and a base year (较2025年) give none."""
    path = tmp_path / "water.txt"
    path.write_text("示例市水利局2026年工作要点\n一、供水保障\n"
                    "1.新增农村供水人口8.6万人。到2030年，农村规模化供水工程覆盖人口比例达到85%。\n"
                    "2.争取上级资金12亿元以上，“十五五”期间累计争取上级资金60亿元。\n"
                    "3.2026年新开工项目不少于15个，用水量较2025年下降3%。\n"
                    "4.到2030年，新建水厂3座。（责任科室：规划计划科，2030年底前完成）\n", encoding="utf-8")
    targets = [(target["value"], target.get("deadline")) for item in items(imported(path, vocabulary, year=2026).plan)
               for target in item["targets"]]
    assert targets == [(8.6, None), (85, date(2030, 12, 31)), (12, None), (60, date(2030, 12, 31)),
                       (15, None), (3, None), (3, None)]  # the last is due when its item is


def test_a_target_of_a_later_years_month_is_due_then(tmp_path, vocabulary):
    """2026年3月底前建成 in a 2025 plan: the target is due on the day its sentence names, not at that year's end,
    which it would be given later than the text allows."""
    path = tmp_path / "schools.txt"
    path.write_text("示例市教育局2025年工作要点\n一、义务教育\n1.推进义务教育，2026年3月底前建成标准化学校10所。\n"
                    "2.2026年上半年新建幼儿园5所，2027年6月20日前新增学位800个。\n3.2026年2月30日前改造校舍3栋。\n",
                    encoding="utf-8")
    targets = [(target["value"], target.get("deadline")) for item in items(imported(path, vocabulary, year=2025).plan)
               for target in item["targets"]]
    assert targets == [(10, date(2026, 3, 31)), (5, date(2026, 6, 30)), (800, date(2027, 6, 20)),
                       (3, date(2026, 12, 31))]  # no such day: the year's end


def test_a_year_in_a_documents_title_is_no_targets_year(tmp_path, vocabulary):
    """落实《2030年前碳达峰行动方案》 names a document: its target, this year's, is due when its item is, not 2030."""
    path = tmp_path / "carbon.txt"
    path.write_text("示例市发改委2025年工作要点\n一、节能降碳\n1.落实《2030年前碳达峰行动方案》，单位地区生产总值能耗下降3%。\n"
                    "2.对标《“十五五”规划纲要》，新建充电桩200个，到2027年新建充电桩500个。\n", encoding="utf-8")
    targets = [(target["value"], target.get("deadline")) for item in items(imported(path, vocabulary, year=2025).plan)
               for target in item["targets"]]
    assert targets == [(3, None), (200, None), (500, date(2027, 12, 31))]


def test_a_review_reads_the_targets_of_its_plan_for_the_next_year(tmp_path, vocabulary):
    path = tmp_path / "review.txt"
    path.write_text("示例市教育局2024年工作总结\n一、2024年工作回顾\n一是新建学校3所。\n二、统筹安排，推进改革\n"
                    "一是交流教师200人。\n三、2025年工作计划\n一是新建学校5所。\n", encoding="utf-8")
    plan = imported(path, vocabulary).plan
    assert plan["kind"] == "review"
    assert [[t["text"] for t in item["targets"]] for item in items(plan)] == [[], [], ["新建学校5所"]]


def test_values_stated_respectively_that_pair_with_no_names_are_reported(tmp_path, vocabulary):
    path = tmp_path / "plan.txt"
    path.write_text("示例县民政局2025年工作要点\n一、兜底民生\n1.提高城乡低保标准。城乡低保标准分别提高到每人每月900元、720元。\n",
                    encoding="utf-8")
    result = imported(path, vocabulary)
    assert [(t["metric"], t["comparator"], t["value"], t["unit"]) for t in items(result.plan)[0]["targets"]] == [
        ("城乡低保标准", ">=", 900, "元/人/月"), ("城乡低保标准", ">=", 720, "元/人/月")]
    assert [(u.line, u.message) for u in result.unsure if "分别" in u.message] == [
        (3, "target “城乡低保标准分别提高到每人每月900元”: 2 values stated 分别 (respectively) of “城乡低保标准”: "
            "the metric of each is a guess, pair them by hand")]


def test_a_review_section_whose_title_only_mentions_a_plan_holds_past_results(tmp_path, vocabulary):
    path = tmp_path / "review.txt"
    path.write_text("示例市教育局2024年工作总结\n一、对标年度工作要点，完成各项任务\n一是新建学校3所。\n"
                    "二、下一步工作打算\n一是新建学校5所。\n", encoding="utf-8")
    plan = imported(path, vocabulary).plan
    assert [[t["text"] for t in item["targets"]] for item in items(plan)] == [[], ["新建学校5所"]]


@pytest.mark.parametrize("year", [None, 2024, 2025])
def test_a_review_reads_its_plan_for_the_next_year_whatever_year_the_plan_is_given(tmp_path, vocabulary, year):
    """A 2024 review with its plan for 2025, imported as the plan of 2025 (--year 2025) too: the plan part is
    judged against the year the source reviews, not the plan's year."""
    path = tmp_path / "review.txt"
    path.write_text("示例区教育局2024年工作总结和2025年工作打算\n一、2024年工作完成情况\n"
                    "（一）学位供给持续扩大。全年新增学位3200个。\n二、2025年工作打算\n"
                    "（一）扩大优质教育资源供给。新建学校3所，集团化办学覆盖率达到85%。\n", encoding="utf-8")
    result = imported(path, vocabulary, year=year)
    assert [[t["text"] for t in item["targets"]] for item in items(result.plan)] == [
        [], ["新建学校3所", "集团化办学覆盖率达到85%"]]
    assert [u.message for u in result.unsure if "past result" in u.message] == [
        "number not taken as a target in item (一): “3200个” (past result (review))"]


def test_a_reviews_parts_numbered_di_yi_bu_fen_are_its_sections_and_its_plan_is_read_as_one(tmp_path, vocabulary):
    """第一部分 2024年工作总结 / 第二部分 2025年工作计划, each with its own （一）…: the second part's points
    were no sequence's, kept as the text of the review's last item with their targets read as past results."""
    path = tmp_path / "review.txt"
    path.write_text("示例区教育局2024年工作总结及2025年工作计划\n第一部分　2024年工作总结\n"
                    "（一）学位供给持续扩大。全年新增学位3200个。\n（二）教师队伍不断加强。招聘教师120名。\n"
                    "第二部分　2025年工作计划\n（一）扩大优质教育资源供给。新建学校3所。（责任单位：基教科）\n"
                    "（二）加强教师队伍建设。招聘教师150名以上。（责任单位：人事科）\n", encoding="utf-8")
    result = imported(path, vocabulary, year=2024)
    assert [(s["number"], s["title"], [(i["number"], i.get("owners"), [t["text"] for t in i["targets"]])
                                       for i in s["items"]]) for s in result.plan["sections"]] == [
        ("一", "2024年工作总结", [("(一)", [], []), ("(二)", [], [])]),
        ("二", "2025年工作计划", [("(一)", ["基教科"], ["新建学校3所"]), ("(二)", ["人事科"], ["招聘教师150名以上"])])]
    assert result.plan["title"] == "示例区教育局2024年工作总结及2025年工作计划"


def test_a_commitment_without_a_number_is_reported_not_taken_as_a_target(tmp_path, vocabulary):
    """零发生, 全覆盖 and 达到省定标准 commit to a level no number states: each gave no target and no report line; now
    reported for the curator to decide, as a number not taken is.  Not 全覆盖 qualifying a word after it (全覆盖的…,
    全覆盖检查), one in a target's clause (实现100%全覆盖), nor one of a review's work done."""
    path = tmp_path / "plan.txt"
    path.write_text("某县教育局2025年工作要点\n一、主要任务\n"
                    "1.安全生产。较大及以上安全事故零发生，乡镇监测实现全覆盖、村级网格全覆盖。（责任单位：安全股）\n"
                    "2.优化师资配置。幼儿园教职工配备达到省定标准，构建全覆盖的防范体系，开展全覆盖检查，实现100%全覆盖。\n",
                    encoding="utf-8")
    result = imported(path, vocabulary)
    assert [[t["text"] for t in item["targets"]] for item in items(result.plan)] == [[], ["实现100%"]]
    assert [(u.line, u.message) for u in result.unsure if "without a number" in u.message] == [
        (3, f"commitment without a number in item 1: “{words}” (not taken as a target: the curator decides)")
        for words in ("较大及以上安全事故零发生", "乡镇监测实现全覆盖", "村级网格全覆盖")] + [
        (4, "commitment without a number in item 2: “幼儿园教职工配备达到省定标准” (not taken as a target: the curator "
            "decides)")]
    path.write_text("某县教育局2025年工作总结\n一、工作完成情况\n1.安全生产。安全事故零发生，监测实现全覆盖。\n",
                    encoding="utf-8")
    assert not [u for u in imported(path, vocabulary).unsure if "without a number" in u.message]


def test_a_level_of_zero_stated_as_wei_ling_is_a_commitment_without_a_number(tmp_path, vocabulary):
    """安全责任事故为零 and 校园欺凌发生率为零 commit to zero as 零发生 does: they went unreported, where 零发生 was
    named for the curator.  Not 零 beginning a word (零星, 零售)."""
    path = tmp_path / "plan.txt"
    path.write_text("某县教育局2025年工作要点\n一、主要任务\n"
                    "1.安全生产。确保安全责任事故为零，校园欺凌发生率为零。（责任单位：安全股）\n"
                    "2.规范收费。零星收费项目一律清理，转为零售的教辅不得进校。\n", encoding="utf-8")
    result = imported(path, vocabulary)
    assert [(u.line, u.message) for u in result.unsure if "without a number" in u.message] == [
        (3, f"commitment without a number in item 1: “{words}” (not taken as a target: the curator decides)")
        for words in ("确保安全责任事故为零", "校园欺凌发生率为零")]
    path.write_text("某县教育局2025年工作要点\n一、主要任务\n1.安全生产。确保安全事故为零（责任单位：安全股）\n"
                    "2.防溺水。力争实现学生溺水死亡为零的目标。\n", encoding="utf-8")  # (ending the item's text; before 的)
    assert [(u.line, u.message) for u in imported(path, vocabulary).unsure if "without a number" in u.message] == [
        (line, f"commitment without a number in item {line - 2}: “{words}” (not taken as a target: the curator "
               "decides)") for line, words in ((3, "确保安全事故为零"), (4, "力争实现学生溺水死亡为零"))]


def test_wei_ling_in_hua_zheng_wei_ling_or_denied_is_no_commitment(tmp_path, vocabulary):
    """不得化整为零 (splitting a purchase to dodge a tender) and 结余不为零 (a balance not zero) were reported as
    commitments to zero: 为零 after 整 is the idiom's, after 不 (不能, 不得) denied."""
    path = tmp_path / "plan.txt"
    path.write_text("某县教育局2025年工作要点\n一、主要任务\n"
                    "1.规范采购管理。严格执行政府采购制度，不得化整为零、规避公开招标，杜绝化整为零的做法。（责任单位：计财股）\n"
                    "2.加强资金监管。确保专项资金结余不为零，周转金余额不能为零、不得为零。（责任单位：计财股）\n",
                    encoding="utf-8")
    assert not [u for u in imported(path, vocabulary).unsure if "without a number" in u.message]


def test_a_school_calendars_months_are_sections_of_its_items(tmp_path, vocabulary):
    """A 行事历 by month (九月份： over 1.… 2.…, then 十月份：…, 十二月份： and 一月份： of the next year): the first
    month's lines were items, the later months' lines the text below its last item, then the plan's closing.  Each
    month is a section titled by it, numbered by its month."""
    months = ["九月份：", "1.新生入学教育及军训（第1周）", "2.完成学籍注册（9月25日前）", "十月份：", "1.秋季田径运动会（第7周）",
                "十二月份：", "1.九年级第一次模拟考试（第15周）", "一月份：", "1.学期总结及教师考核（1月20日前）"]
    path = tmp_path / "school.txt"
    path.write_text("\n".join(["清河县实验中学2025—2026学年第一学期工作计划", "一、主要工作", "1.加强师德师风建设。",
                               "2.做好毕业年级备考工作。", "二、工作行事历", *months]), encoding="utf-8")
    result = imported(path, vocabulary, year=2025)
    calendar = result.plan["sections"][1]
    assert calendar["title"] == "工作行事历" and "items" not in calendar
    assert [(month["number"], month["title"], len(month["items"])) for month in calendar["sections"]] == [
        ("9", "九月份", 2), ("10", "十月份", 1), ("12", "十二月份", 1), ("1", "一月份", 1)]
    assert {item["title"]: item.get("deadline") for item in items(result.plan)[2:]} == {
        "新生入学教育及军训（第1周）": None, "完成学籍注册（9月25日前）": date(2025, 9, 25), "秋季田径运动会（第7周）": None,
        "九年级第一次模拟考试（第15周）": None, "学期总结及教师考核（1月20日前）": date(2026, 1, 20)}
    assert not [u for u in result.unsure if "sequence" in u.message or "closing" in u.message]
    assert [u.line for u in result.unsure if "month" in u.message] == [6]


@pytest.mark.parametrize("problems, text", [
    ("1.城乡教育资源配置仍不均衡。\n2.教师队伍结构性缺编问题突出。\n",
     "1.城乡教育资源配置仍不均衡。\n2.教师队伍结构性缺编问题突出。"),
    ("主要是：一是优质资源总量不足；二是教师缺口约80人；\n三是信息化水平还有差距。\n",
     "主要是：一是优质资源总量不足；二是教师缺口约80人；\n三是信息化水平还有差距。")], ids=["numbered", "points"])
def test_a_reviews_section_of_problems_keeps_them_as_its_text_not_items(tmp_path, vocabulary, problems, text):
    """存在的问题 in a 工作总结: neither work done nor a commitment, each problem was an item; now the section's
    text, as printed, reported.  A section of problems and work to come (存在问题及下一步打算) is read as a plan."""
    path = tmp_path / "review.txt"
    path.write_text("某县教育局2025年工作总结\n一、工作完成情况\n1.学前教育普及普惠。学前三年毛入园率达到92%。\n"
                    "二、存在的问题\n" + problems + "三、存在问题及下一步打算\n1.推进学前教育扩容。新增学位500个。\n",
                    encoding="utf-8")
    result = imported(path, vocabulary)
    sections = result.plan["sections"]
    assert (sections[1]["title"], sections[1].get("text"), sections[1].get("items")) == ("存在的问题", text, None)
    assert [[t["text"] for t in item["targets"]] for item in items(result.plan)] == [[], ["新增学位500个"]]
    assert [u.line for u in result.unsure if "problems" in u.message] == [4]
    assert not [u for u in result.unsure if "in no field" in u.message]


@pytest.mark.parametrize("title", [
    "三、2025年工作计划", "下一步工作打算", "存在问题及下一步打算", "下步工作打算", "2025年主要工作打算",
    "2025年教育工作计划", "下一步工作思路和举措", "2025年工作计划及措施", "下半年工作打算", "下阶段工作计划",
    "今后一个时期的工作打算", "2025年工作思路及重点任务", "2025年上半年工作计划", "明年工作安排", "二〇二五年工作要点",
    "2025年展望", "下一步工作重点", "下一步工作", "今后工作", "明年工作重点"])
def test_a_review_section_about_work_to_come_is_named_so(title):
    assert draft.planning(title, 2024)


@pytest.mark.parametrize("title", [
    "一、对标年度工作要点，圆满完成各项任务", "2024年工作开展情况", "2024年工作计划执行情况", "二、统筹安排，推进改革",
    "2024年工作回顾", "一、2024年重点工作完成情况", "按照年度计划推进改革", "2024年主要工作措施",
    "聚焦2024年工作要点，全力推进", "2024年计划免疫工作", "2023年工作计划"])
def test_a_review_section_about_work_done_is_not(title):
    assert not draft.planning(title, 2024)


@pytest.mark.parametrize("text, title", [
    ("深化党的全面领导。深入贯彻习近平总书记关于教育的重要论述。", "深化党的全面领导"),
    ("以创新党建活动形式为切入点,开启教育发展新征程。严格落实制度。", "以创新党建活动形式为切入点,开启教育发展新征程"),
    ("加强作风建设", "加强作风建设"),
    ("持续推进校园安全专项整治行动，加强学校安全风险防控体系建设，健全完善校园安全隐患排查机制。",
     "持续推进校园安全专项整治行动"),
    ("改善乡村学校办学条件\n新建学校2所，改造旱厕10处。", "改善乡村学校办学条件"),  # a heading line, its text below
])
def test_title_is_the_lead_phrase(text, title):
    assert draft.lead_phrase(text) == title


def test_yaml_is_block_style_unwrapped_and_decodes_as_a_plan(tmp_path, vocabulary):
    plan = imported(FIXTURES / "owners.txt", vocabulary, year=2025).plan
    text = draft.dump(plan)
    assert text.startswith("# yaml-language-server: $schema=../plan.schema.json\n")
    assert "\\u" not in text and "{" not in text  # unicode as is, block style
    long_text = items(plan)[0]["text"]
    assert f"text: {long_text}\n" in text  # one line, however long
    assert f"span: [{items(plan)[0]['span'][0]}, {items(plan)[0]['span'][1]}]" in text
    assert list(plan) == [f.name for f in dataclasses.fields(Plan) if f.name in plan]
    assert list(items(plan)[0]) == [f.name for f in dataclasses.fields(Item) if f.name in items(plan)[0]]

    path = tmp_path / "draft.yaml"
    path.write_text(text, encoding="utf-8")
    document, problems = yamlsource.load(str(path))
    decoded = decode(Plan, document, problems)
    assert problems == [] and decoded.sections[1].items[0].owners == ("体卫艺科",)


def test_a_word_task_table_without_headings_gives_items_with_owners(tmp_path, vocabulary):
    document = docx.Document()
    document.add_paragraph("示例市教育局2025年重点工作任务分解表")
    table = document.add_table(rows=3, cols=5)
    rows = [("序号", "工作任务", "牵头单位", "配合单位", "完成时限"),
            ("1", "扩大普惠资源，新建公办幼儿园5所。", "基教科", "计财科、督导室", "2025年6月底前"),
            ("2", "加强心理健康教育，配齐心理教师。", "体卫艺科", "", "持续推进")]
    for row, values in zip(table.rows, rows):
        for cell, value in zip(row.cells, values):
            cell.text = value
    path = tmp_path / "breakdown.docx"
    document.save(path)
    result = imported(path, vocabulary)
    plan = result.plan
    assert plan["kind"] == "breakdown" and plan["id"] == "demo-edu-2025-breakdown"
    first, second = items(plan)
    assert (first["number"], first["title"], first["owners"], first["support"], first["deadline"]) == (
        "1", "扩大普惠资源，新建公办幼儿园5所", ["基教科"], ["计财科", "督导室"], date(2025, 6, 30))
    assert first["text"] == result.source_text[first["span"][0]:first["span"][1]] == "扩大普惠资源，新建公办幼儿园5所。"
    assert "deadline" not in second
    assert any("“持续推进”" in u.message for u in result.unsure)


INDICATOR_TABLES = """示例市教育局2025年考核指标及任务分解方案
一、主要考核指标
序号\t指标名称\t2025年目标值\t责任单位\t完成时限
1\t学前三年毛入园率\t≥93%\t基教科\t2025年9月底前
2\t新增公办学位数\t3200个\t计财科、基教科\t2025年8月底前
二、重点任务分解
序号|重点任务|预期目标|牵头单位|完成时限
1|实施学前教育普惠扩容工程，新建、改扩建公办幼儿园|新建公办幼儿园6所|基教科|2025年8月底前
2|深化课后服务提质行动|课后服务覆盖率保持100%|基教科|长期坚持
"""


def test_a_tables_target_column_gives_its_rows_targets_and_an_indicators_row_is_an_item_of_it(tmp_path, vocabulary):
    """指标名称|2025年目标值 rows are items of their indicator with its value as target (the table was section text, its
    units and deadlines lost); a 预期目标 cell beside a task is the task's target, not run on from its last clause (it
    was dropped without a word).  The item's text stays the cell at its span."""
    path = tmp_path / "indicators.txt"
    path.write_text(INDICATOR_TABLES, encoding="utf-8")
    result = imported(path, vocabulary)
    assert [(i["title"], i["owners"], str(i.get("deadline")), [(t["metric"], t["comparator"], t["value"], t["unit"])
             for t in i["targets"]]) for i in items(result.plan)] == [
        ("学前三年毛入园率", ["基教科"], "2025-09-30", [("学前三年毛入园率", ">=", 93, "%")]),
        ("新增公办学位数", ["计财科", "基教科"], "2025-08-31", [("新增公办学位数", "=", 3200, "个")]),
        ("实施学前教育普惠扩容工程，新建、改扩建公办幼儿园", ["基教科"], "2025-08-31", [("新建公办幼儿园", "=", 6, "所")]),
        ("深化课后服务提质行动", ["基教科"], "None", [("课后服务覆盖率", ">=", 100, "%")])]
    assert [i["text"] == result.source_text[slice(*i["span"])] for i in items(result.plan)] == [True] * 4
    assert result.plan["sections"][0].get("text") is None


UNITS_AND_BASELINES = """示例县卫生健康局2025年考核指标
一、主要考核指标
指标名称\t单位\t2024年完成值\t2025年目标值\t责任股室
孕产妇死亡率\t1/10万\t8.5\t8\t妇幼健康股
婴儿死亡率\t‰\t3.2\t3\t妇幼健康股
家庭医生签约人数\t人\t1200\t1500人\t基层卫生股
人均预期寿命\t岁\t79.1\t\t规划财务股
"""


def test_a_unit_column_is_the_unit_of_the_value_beside_it_and_a_completed_value_its_baseline(tmp_path, vocabulary):
    """指标名称 | 单位 | 2024年完成值 | 2025年目标值: 8 beside 1/10万 was “a number without a unit”, the 2024 value
    reported lost; a value with no target to start from is reported as what it is."""
    path = tmp_path / "units.txt"
    path.write_text(UNITS_AND_BASELINES, encoding="utf-8")
    result = imported(path, vocabulary, year=2025)
    assert [[(t["text"], t["value"], t["unit"], t.get("baseline")) for t in i["targets"]]
            for i in items(result.plan)] == [[("孕产妇死亡率 8/10万", 8, "/10万", 8.5)], [("婴儿死亡率 3‰", 3, "‰", 3.2)],
                                             [("家庭医生签约人数 1500人", 1500, "人", 1200)], []]
    assert [u.message for u in result.unsure if "79.1" in u.message or "number not taken" in u.message
            or "in no field" in u.message] == [
        "“79.1” of item 4 is the value its target starts from (its 完成值 or 基数 column), but the item has no "
        "target of one value to hold it as its baseline: put it in the item's text if it matters"]


def test_a_dash_or_a_slash_in_a_baseline_column_is_no_value_and_not_reported(tmp_path, vocabulary):
    """A baseline cell of — or / stands for no value: it was reported as a value the item had no target to hold,
    though it has one; a cell of words (待统计) is reported as naming no number, but in a table of figures, whose row
    the item's text holds as printed, where nothing is lost.  A table's row and a row of a table of figures alike."""
    path = tmp_path / "dashes.txt"
    path.write_text(UNITS_AND_BASELINES.replace("\t8.5\t", "\t—\t").replace("\t3.2\t", "\t/\t")
                    .replace("\t1200\t", "\t待统计\t"), encoding="utf-8")
    result = imported(path, vocabulary, year=2025)
    assert [[(t["value"], t.get("baseline")) for t in i["targets"]] for i in items(result.plan)] == [
        [(8, None)], [(3, None)], [(1500, None)], []]
    assert [u.message for u in result.unsure if "基数" in u.message] == [
        "“待统计” of item 3 is in its 完成值 or 基数 column but names no one number for its target to start from: put "
        "it in the item's text if it matters",
        "“79.1” of item 4 is the value its target starts from (its 完成值 or 基数 column), but the item has no "
        "target of one value to hold it as its baseline: put it in the item's text if it matters"]
    path.write_text("示例县文广新旅局2025年工作要点\n一、文旅产业\n1.实施项目攻坚。（责任单位：产业股）\n2.提升旅游接待能力。\n"
                    "项目\t2024年\t2025年目标\n旅游收入（亿元）\t—\t12\n星级饭店（家）\t／\t4\n接待游客（万人次）\t待统计\t580\n"
                    "3.做好文物安全。（责任单位：文物股）\n", encoding="utf-8")
    result = imported(path, vocabulary, year=2025)
    assert [(t["metric"], t["value"], t.get("baseline")) for t in items(result.plan)[1]["targets"]] == [
        ("旅游收入", 12, None), ("星级饭店", 4, None), ("接待游客", 580, None)]
    assert "接待游客（万人次）\t待统计\t580" in items(result.plan)[1]["text"]  # in the item's text: not reported
    assert [u.message for u in result.unsure if "基数" in u.message] == []


def test_an_earlier_years_actual_value_is_the_baseline_of_the_years_target(tmp_path, vocabulary):
    """指标名称 | 2024年实际 | 2025年目标: the 2024 values were reported lost, where 2024年完成值 gives the baseline;
    so do 2024年实际值, 2024年完成 and the year alone.  A column of the target's own year (2025年实际, in a review) or
    of words other than these (2024年实际完成情况) is not read, as before (its cells kept in the item's text)."""
    for header, baselines in (("2024年实际", [91, 99.4]), ("2024年实际值", [91, 99.4]), ("2024年完成", [91, 99.4]),
                              ("2024年", [91, 99.4]), ("2025年实际", [None, None]),
                              ("2024年实际完成情况", [None, None])):
        path = tmp_path / "actual.txt"
        path.write_text(f"示例县教育局2025年工作要点\n一、主要指标\n序号\t指标名称\t{header}\t2025年目标\t责任股室\n"
                        "1\t学前三年毛入园率\t91%\t92%\t基教科\n2\t义务教育巩固率\t99.4%\t99.5%\t基教科\n",
                        encoding="utf-8")
        result = imported(path, vocabulary, year=2025)
        assert [[(t["value"], t.get("baseline")) for t in i["targets"]] for i in items(result.plan)] == [
            [(92, baselines[0])], [(99.5, baselines[1])]], header
        assert len([u for u in result.unsure if "does not read" in u.message]) == (2 if baselines[0] is None else 0)


def test_of_several_earlier_years_columns_the_latest_is_the_baseline_the_others_not_read(tmp_path, vocabulary):
    """2023年 | 2024年实际 | 2025年目标: 2024's value is the baseline and 2023's column is not read, as a 备注 is (both
    were read as the baseline, 2023's cell reported lost); beside 2024年完成值, which is the baseline by its words, an
    earlier year's column is not read either (its cell was lost silently)."""
    for header in ("2023年\t2024年实际", "2023年\t2024年完成值", "2023年实际\t2024年"):
        path = tmp_path / "years.txt"
        path.write_text(f"示例县教育局2025年工作要点\n一、主要指标\n序号\t指标名称\t{header}\t2025年目标\t责任股室\n"
                        "1\t学前三年毛入园率\t90%\t91%\t92%\t基教科\n", encoding="utf-8")
        result = imported(path, vocabulary, year=2025)
        [item] = items(result.plan)
        assert [(t["value"], t.get("baseline")) for t in item["targets"]] == [(92, 91)], header
        assert "90%" in item["text"], header
        assert [u.message for u in result.unsure if "90%" in u.message and "in no field" in u.message] == [], header


def tourism_plan(folder: Path, below: str) -> Path:
    """A plan of three items whose second, 2.提升旅游接待能力。新增床位300张。, has the lines ``below`` (a table of
    figures) below its line."""
    path = folder / "figures.txt"
    path.write_text("示例县文广新旅局2025年工作要点\n一、文旅产业\n1.实施项目攻坚。全年储备项目20个。（责任单位：产业股）\n"
                    f"2.提升旅游接待能力。新增床位300张。\n{below}3.做好文物安全。（责任单位：文物股）\n", encoding="utf-8")
    return path


def test_the_rows_of_a_table_of_figures_in_an_items_text_give_its_targets_with_their_baselines(tmp_path, vocabulary):
    """A table of figures folded into an item's text (项目 | 2024年 | 2025年目标 below 2.提升旅游接待能力。): a row naming
    its unit in brackets is a target, its earlier year's value the baseline (星级饭店（家） | 3 | 4 → 星级饭店 = 4 家,
    baseline 3); a row of no unit is read as prose, its numbers reported; the header's years are no targets, and no
    longer reported, one line a year.  The text stays as printed."""
    table = "项目\t2024年\t2025年目标\n星级饭店（家）\t3\t4\n等级民宿(家)\t12\t17\n培训学时\t60\t72\n"
    result = imported(tourism_plan(tmp_path, table), vocabulary, year=2025)
    second = items(result.plan)[1]
    assert second["text"] == "提升旅游接待能力。新增床位300张。\n" + table.rstrip("\n")
    assert [(t["metric"], t["comparator"], t["value"], t["unit"], t.get("baseline")) for t in second["targets"]] == [
        ("新增床位", "=", 300, "张", None), ("星级饭店", "=", 4, "家", 3), ("等级民宿", "=", 17, "家", 12)]
    assert [u.message for u in result.unsure if "number not taken" in u.message] == [
        f"number not taken as a target in item 2: “{number}” (a number without a unit)" for number in ("60", "72")]


def test_a_total_row_with_empty_cells_after_its_words_is_a_row_of_its_table(tmp_path, vocabulary):
    """合计 with its values left empty (合计\t\t, a line's tabs after its words) ended the table: in a table of figures,
    the rows below it were read as prose (等级民宿's 12 and 17 reported, no target) and put before the table in the
    item's text; in a table of indicators, the row below it was its section's text, not an item.  It is one more row
    of its table, and so are the rows below it; being no indicator, it is no item of its own (it was one, of no
    target, numbering the row below it 3): reported, not lost."""
    table = "项目\t2024年\t2025年目标\n星级饭店（家）\t3\t4\n合计\t\t\n等级民宿(家)\t12\t17\n"
    result = imported(tourism_plan(tmp_path, table), vocabulary, year=2025)
    second = items(result.plan)[1]
    assert second["text"] == "提升旅游接待能力。新增床位300张。\n" + table.replace("合计\t\t", "合计").rstrip("\n")
    assert [u.line for u in result.unsure if "the rows of the table below item 2 (lines 5–8)" in u.message] == [4]
    assert not [u for u in result.unsure if "合计" in u.message]  # (in the item's text)
    assert [(t["metric"], t["value"], t.get("baseline")) for t in second["targets"]] == [
        ("新增床位", 300, None), ("星级饭店", 4, 3), ("等级民宿", 17, 12)]
    indicators = tmp_path / "indicators.txt"
    indicators.write_text("示例县教育局2025年工作要点\n一、主要指标\n指标名称\t2025年目标值\t责任股室\n"
                          "学前三年毛入园率\t92%\t基教科\n合计\t\t\n义务教育巩固率\t99%\t基教科\n二、保障\n1.加强领导。\n",
                          encoding="utf-8")
    result = imported(indicators, vocabulary, year=2025)
    assert "text" not in result.plan["sections"][0]
    assert [(i["number"], i["title"], [t["value"] for t in i["targets"]]) for i in items(result.plan)] == [
        ("1", "学前三年毛入园率", [92]), ("2", "义务教育巩固率", [99]), ("1", "加强领导", [])]
    assert [(u.line, u.message) for u in result.unsure if "合计" in u.message] == [
        (5, "“合计”, a total row of no values, is no item: a total is no indicator")]


def test_a_total_row_of_no_values_in_a_tables_first_column_is_no_item_and_is_reported(tmp_path, vocabulary):
    """A total of no values is no indicator nor task: it was an item of no targets (合计 in a column of the rows'
    names, numbering the row below it 3), or lost (小计 in a 序号 column, reported lost twice).  It is no item and is
    reported, once; the rows below it are the table's."""
    path = tmp_path / "tasks.txt"
    path.write_text("示例县教育局2025年工作要点\n一、重点任务\n序号\t工作任务\t责任单位\n1\t推进学校建设\t基教科\n"
                    "小　计\t\t\n2\t加强师资培训\t基教科\n", encoding="utf-8")
    result = imported(path, vocabulary, year=2025)
    assert [(i["number"], i["title"]) for i in items(result.plan)] == [("1", "推进学校建设"), ("2", "加强师资培训")]
    assert [(u.line, u.message) for u in result.unsure if "计" in u.message] == [
        (5, "“小　计”, a total row of no values, is no item: a total is no indicator")]


def test_a_line_below_a_table_of_figures_in_an_items_text_stays_below_it(tmp_path, vocabulary):
    """A line of prose below the rows of a table of figures folded into an item's text (以上数据为预计数。) was put
    above the table, before the rows it follows, so the item's span ended at the last row and --verify found the
    fresh import not matching its source.  The text is as printed."""
    table = "项目\t2024年\t2025年目标\n星级饭店（家）\t3\t4\n等级民宿(家)\t12\t17\n"
    result = imported(tourism_plan(tmp_path, f"{table}以上数据为预计数。\n"), vocabulary, year=2025)
    second = items(result.plan)[1]
    assert second["text"] == f"提升旅游接待能力。新增床位300张。\n{table}以上数据为预计数。"
    assert result.source_text[slice(*second["span"])] == second["text"]
    assert [t["metric"] for t in second["targets"]] == ["新增床位", "星级饭店", "等级民宿"]


def test_the_cells_of_a_column_not_read_kept_in_an_items_text_give_it_no_themes(tmp_path, vocabulary):
    """A 备注 cell kept in its row's text (含民办幼儿园), with the units between (学前教育中心): the item's themes are
    those of its own words, not of the cells kept for the curator; its span runs to the cell, as --verify reads."""
    path = tmp_path / "notes.txt"
    path.write_text("示例市教育局2025年工作要点\n一、重点任务\n序号\t工作任务\t责任单位\t备注\n"
                    "1\t开展教师全员培训\t学前教育中心\t含民办幼儿园\n", encoding="utf-8")
    result = imported(path, vocabulary, year=2025)
    [item] = items(result.plan)
    assert (item["text"], item["themes"]) == ("开展教师全员培训\t学前教育中心\t含民办幼儿园", [])
    assert result.source_text[slice(*item["span"])] == item["text"]


def test_the_cells_of_columns_not_read_but_contacts_and_classes_are_kept_in_an_items_text(tmp_path, vocabulary):
    """Of the columns the importer does not read, notes (备注, 说明) and any other (进展情况, 第一季度: a review's work
    done, a plan's quarters, reported lost since only notes were kept) are kept in the item's text, reported; a
    contact's (联系电话) never, the site would publish it (13800001111 was), reported, nor notes beyond it; a row's
    class or score (类别, 分值) neither, reported as not read."""
    rows = ("类别\t序号\t工作任务\t牵头单位\t备注\t说明\t第一季度\t分值\t联系电话",
            "学前教育\t1\t扩大普惠资源\t基教科\t需财政保障\t含民办园\t完成选址\t10\t13800001111",
            "\t2\t提升保教质量\t教研室\t\t\t\t5\t0791-1234567", "序号\t工作任务\t联系电话\t进展情况",
            "3\t推进集团化办学\t13900002222\t全年")
    (tmp_path / "columns.txt").write_text("\n".join(("示例县教育局2025年工作要点", "一、重点任务", *rows)), encoding="utf-8")
    result = imported(tmp_path / "columns.txt", vocabulary, year=2025)
    assert [i["text"] for i in items(result.plan)] == [rows[1][rows[1].index("扩大"):rows[1].index("\t10")],
                                                       "提升保教质量", "推进集团化办学"]
    assert sorted((u.line, u.message) for u in result.unsure
                  if "does not read" in u.message or "lost" in u.message) == [
        (4, "“13800001111” of item 1, in column 联系电话, which the importer does not read, is in no field of the "
            "draft, as a contact's number or address the site would publish"),
        (4, "“学前教育” and “10” of item 1, in columns 类别 and 分值, which the importer does not read, is in no field "
            "of the draft, as it classifies or scores the row, which a plan does not"),
        (4, "“需财政保障”, “含民办园” and “完成选址” of item 1, in columns 备注, 说明 and 第一季度, which the importer does "
            "not read: kept in the item's text, which is now its row as printed from “扩大普惠资源” on, with “基教科” "
            "printed between; check it"),
        (5, "“0791-1234567” of item 2, in column 联系电话, which the importer does not read, is in no field of the "
            "draft, as a contact's number or address the site would publish"),
        (5, "“5” of item 2, in column 分值, which the importer does not read, is in no field of the draft, as it "
            "classifies or scores the row, which a plan does not"),
        (7, "“13900002222” of item 3, in column 联系电话, which the importer does not read, is in no field of the "
            "draft, as a contact's number or address the site would publish"),
        (7, "“全年” of item 3, in column 进展情况, which the importer does not read, is in no field of the draft, as "
            "a person's name, a contact or a row's class or score stands between it and the item's words in the row: "
            "put it in the item's text by hand if it matters")]
    assert all("1380000" not in i["text"] for i in items(result.plan))


def test_a_contacts_column_is_told_by_its_header_spaced_or_in_latin_letters(tmp_path, vocabulary):
    """电　话 (spaced to fill the column), E-mail, 微信, QQ head columns of contacts too: 电　话's 13800001111 was put
    in the item's text, which the site publishes."""
    rows = ("序号\t工作任务\t牵头单位\t电　话\tE-mail\t微信\tQQ\t备　注",
            "1\t提升保教质量。\t教研室\t13800001111\tli@example.cn\tli_wx\t10001\t需财政保障")
    (tmp_path / "phone.txt").write_text("\n".join(("示例县教育局2025年工作要点", "一、重点任务", *rows)), encoding="utf-8")
    result = imported(tmp_path / "phone.txt", vocabulary, year=2025)
    assert [i["text"] for i in items(result.plan)] == ["提升保教质量。"]
    assert [u.message for u in result.unsure if "10001" in u.message or "需财政保障" in u.message] == [
        "“13800001111”, “li@example.cn”, “li_wx” and “10001” of item 1, in columns 电　话, E-mail, 微信 and QQ, which "
        "the importer does not read, is in no field of the draft, as a contact's number or address the site would "
        "publish",
        "“需财政保障” of item 1, in column 备　注, which the importer does not read, is in no field of the draft, as a "
        "person's name, a contact or a row's class or score stands between it and the item's words in the row: put it "
        "in the item's text by hand if it matters"]


@pytest.mark.parametrize("header, cell", [("具体负责人", "张伟"), ("经办人", "李娜"), ("姓名", "王芳"), ("包保领导", "赵强"),
                                          ("分管副局长", "钱进"), ("电子信箱", "li@example.cn"), ("座机", "8123456"),
                                          ("联系地址", "人民路1号")])
def test_a_persons_or_a_contacts_cell_is_not_kept_in_an_items_text(tmp_path, vocabulary, header, cell):
    """Every column not read is kept in its item's text but contacts and people: a person's column by another name
    than the people's headers (具体负责人), or a contact's (电子信箱), put 张伟 in the text the site publishes."""
    rows = (f"序号\t工作任务\t责任单位\t{header}\t完成时限", f"1\t推进学前教育普惠发展。\t基教科\t{cell}\t2025年12月")
    (tmp_path / "person.txt").write_text("\n".join(("示例县教育局2025年工作要点", "一、重点任务", *rows)), encoding="utf-8")
    result = imported(tmp_path / "person.txt", vocabulary, year=2025)
    assert [i["text"] for i in items(result.plan)] == ["推进学前教育普惠发展。"]
    assert any(cell in u.message and "in no field" in u.message for u in result.unsure)


def test_a_cell_of_a_column_not_read_beyond_a_liaisons_a_contacts_or_a_score_is_not_kept_over_it(tmp_path, vocabulary):
    """联络员 | E-mail | 备注 put 王芳\twangfang@example.cn in the item's text, unnamed by the report, to keep the 备注;
    a 分值 between (10) was kept unnamed too: the 备注 is now reported as in no field, the text the task alone."""
    rows = ("序号\t工作任务\t牵头单位\t联络员\tE-mail\t备注", "1\t扩大普惠资源。\t基教科\t王芳\twangfang@example.cn\t需财政保障",
            "序号\t工作任务\t分值\t说明", "2\t提升保教质量。\t10\t含民办园")
    (tmp_path / "liaison.txt").write_text("\n".join(("示例县教育局2025年工作要点", "一、重点任务", *rows)),
                                          encoding="utf-8")
    result = imported(tmp_path / "liaison.txt", vocabulary, year=2025)
    assert [i["text"] for i in items(result.plan)] == ["扩大普惠资源。", "提升保教质量。"]
    assert sorted((u.line, u.message) for u in result.unsure if "需财政保障" in u.message or "含民办园" in u.message) == [
        (4, "“需财政保障” of item 1, in column 备注, which the importer does not read, is in no field of the draft, as "
            "a person's name, a contact or a row's class or score stands between it and the item's words in the row: "
            "put it in the item's text by hand if it matters"),
        (6, "“含民办园” of item 2, in column 说明, which the importer does not read, is in no field of the draft, as "
            "a person's name, a contact or a row's class or score stands between it and the item's words in the row: "
            "put it in the item's text by hand if it matters")]


def test_a_cell_of_a_column_not_read_beyond_a_persons_name_is_reported_not_kept_over_it(tmp_path, vocabulary):
    """序号 | 工作任务 | 责任人 | 责任单位 | 备注: keeping the 备注 in the row's text would put the person's name (张伟) in
    the draft, which holds no person: the item's text is its task alone, the cell reported as in no field."""
    path = tmp_path / "people.txt"
    path.write_text("示例市教育局2025年工作要点\n一、重点任务\n序号\t工作任务\t责任人\t责任单位\t备注\n"
                    "1\t评选县级骨干教师50名。\t张伟\t人事科\t教师节前\n", encoding="utf-8")
    result = imported(path, vocabulary, year=2025)
    assert [i["text"] for i in items(result.plan)] == ["评选县级骨干教师50名。"]
    assert [u.message for u in result.unsure if "教师节前" in u.message] == [
        "“教师节前” of item 1, in column 备注, which the importer does not read, is in no field of the draft, as a "
        "person's name, a contact or a row's class or score stands between it and the item's words in the row: put it "
        "in the item's text by hand if it matters"]


def test_a_number_alone_below_its_baseline_is_a_ceiling_and_reported(tmp_path, vocabulary):
    """孕产妇死亡率 | 8.5 | 8: a rate to lower, read as ≥ 8/10万 (any rise met it); a number below its baseline
    asks for at most that value.  A value stated with its sign (≥1500人), or above its baseline, keeps its own."""
    path = tmp_path / "units.txt"
    path.write_text(UNITS_AND_BASELINES.replace("\t1500人\t", "\t≥1100人\t"), encoding="utf-8")
    result = imported(path, vocabulary, year=2025)
    assert [[t["comparator"] for t in i["targets"]] for i in items(result.plan)] == [["<="], ["<="], [">="], []]
    assert [u.message for u in result.unsure if "below its baseline" in u.message] == [
        f"target “{value}” of item {number} is below its baseline “{baseline}”: read as at most (≤), a value to "
        "lower to; check it" for value, number, baseline in (("8/10万", 1, "8.5"), ("3‰", 2, "3.2"))]

def test_a_number_alone_below_its_baseline_in_a_table_of_figures_is_a_ceiling_and_reported(tmp_path, vocabulary):
    """The rows of a table of figures folded into an item's text follow the rule of a table's row: 孕产妇死亡率（/10万）
    | 8.5 | 8 is at most 8 (was ≥ 8, unreported); a value with its sign (≥580) or above its baseline keeps its own."""
    path = tmp_path / "figures.txt"
    table = ("项目\t2024年\t2025年目标\n孕产妇死亡率（/10万）\t8.5\t8\n接待游客（万人次）\t600\t≥580\n"
             "星级饭店（家）\t3\t4\n")
    path.write_text(f"示例县文广新旅局2025年工作要点\n一、文旅产业\n1.实施项目攻坚。（责任单位：产业股）\n2.提升旅游接待能力。\n"
                    f"{table}3.做好文物安全。（责任单位：文物股）\n", encoding="utf-8")
    result = imported(path, vocabulary, year=2025)
    assert [(t["metric"], t["comparator"], t["value"], t["baseline"]) for t in items(result.plan)[1]["targets"]] == [
        ("孕产妇死亡率", "<=", 8, 8.5), ("接待游客", ">=", 580, 600), ("星级饭店", "=", 4, 3)]
    assert [(u.line, u.message) for u in result.unsure if "baseline" in u.message] == [
        (6, "target “8” of item 2 is below its baseline “8.5”: read as at most (≤), a value to lower to; check it")]


def test_a_unit_column_naming_units_gives_the_rows_owners_not_the_unit_of_its_value(tmp_path, vocabulary):
    """序号 | 工作任务 | 目标值 | 单位 | 完成时限 with 基教科 under 单位: the unit responsible for the row, not what its value
    counts (its cells were lost, reported, and a bare value read 8基教科, a target); a 单位 of 所 or ‰ is still
    the value's.  So are names of two characters, 团委, 工会 (were read as what the value counts, 6团委); a measure
    of two, 万所, is still the value's unit."""
    path = tmp_path / "units.txt"
    path.write_text("示例市教育局2025年重点工作任务\n一、学前教育\n序号\t工作任务\t目标值\t单位\t完成时限\n"
                    "1\t新建公办幼儿园\t8\t基教科\t2025年8月底前\n2\t开展保育教育质量评估\t\t计财科、教研室\t2025年12月底前\n"
                    "3\t新增公办学位\t540\t个\t2025年9月底前\n4\t组织青年志愿服务\t\t团委\t2025年5月底前\n"
                    "5\t关爱留守儿童\t\t工会、妇联\t2025年6月底前\n6\t新增学位\t1.2\t万所\t2025年9月底前\n", encoding="utf-8")
    result = imported(path, vocabulary, year=2025)
    assert [(i["owners"], [(t["text"], t["unit"]) for t in i["targets"]]) for i in items(result.plan)] == [
        (["基教科"], []), (["计财科", "教研室"], []), ([], [("540个", "个")]), (["团委"], []), (["工会", "妇联"], []),
        ([], [("1.2万所", "万所")])]
    assert [u.message for u in result.unsure if "in no field" in u.message or "“8" in u.message] == [
        "number not taken as a target in item 1: “8” (a number without a unit)"]


def test_a_unit_column_counting_places_is_the_unit_of_its_value_not_the_rows_owners(tmp_path, vocabulary):
    """A 单位 cell that ends like a unit's name but counts what the value counts (所（园）, 人/校, 个/所, 个乡镇, 个社区,
    所学校) is the value's unit, as before units were read from the column: it was read as the row's owner, its value
    reported a number without a unit (the （园） of 6所 is still reported lost)."""
    path = tmp_path / "units.txt"
    rows = (("新建公办幼儿园", "6", "所（园）"), ("师生比", "15", "人/校"), ("配备心理教师", "20", "个/所"),
            ("建成综合文化站", "12", "个乡镇"), ("建成儿童之家", "30", "个社区"), ("创建特色学校", "5", "所学校"))
    path.write_text("示例市教育局2025年工作要点\n一、主要指标\n序号|指标名称|目标值|单位|完成时限\n" + "".join(
        f"{number}|{metric}|{value}|{unit}|2025年12月底前\n" for number, (metric, value, unit) in enumerate(rows, 1)),
        encoding="utf-8")
    result = imported(path, vocabulary, year=2025)
    assert [(i["owners"], [t["text"].split()[-1] for t in i["targets"]]) for i in items(result.plan)] == [
        ([], ["6所"]), ([], ["15人/校"]), ([], ["20个/所"]), ([], ["12个乡镇"]), ([], ["30个社区"]), ([], ["5所学校"])]


def test_a_unit_column_naming_units_split_by_a_slash_or_opening_like_a_measure_is_the_rows_owners(tmp_path, vocabulary):
    """基教科/计财科 (units split by ``/``) and 家庭教育指导中心 (opening with 家, but no short measure) name the row's
    owners: read as units of measure, the names were reported lost and 30家庭教育指导中心 made a target."""
    path = tmp_path / "units.txt"
    path.write_text("示例市教育局2025年工作要点\n一、主要指标\n序号|指标名称|目标值|单位|完成时限\n"
                    "1|新建公办幼儿园|6|基教科/计财科|2025年12月底前\n2|建立家长学校|30|家庭教育指导中心|2025年12月底前\n",
                    encoding="utf-8")
    result = imported(path, vocabulary, year=2025)
    assert [(i["owners"], i["targets"]) for i in items(result.plan)] == [
        (["基教科/计财科"], []), (["家庭教育指导中心"], [])]


def test_a_sentence_to_all_below_the_last_items_units_stating_a_milestone_is_the_items_own(tmp_path, vocabulary):
    """各集团校要于2025年9月底前完成章程修订。 below the last item's bracket of units speaks to all, but states the item's
    deadline: it was the plan's closing, and the item lost its deadline without a word."""
    path = tmp_path / "plan.txt"
    path.write_text("示例市教育局2025年工作要点\n一、义务教育\n1.扩大优质资源\n新建学校2所。（责任单位：计财科）\n"
                    "2.推进集团化办学\n组建教育集团3个。（责任单位：基教科）\n各集团校要于2025年9月底前完成章程修订。\n",
                    encoding="utf-8")
    result = imported(path, vocabulary, year=2025)
    last = items(result.plan)[-1]
    assert (result.plan["closing"], last["owners"], str(last["deadline"]), last["text"].endswith("完成章程修订。")) == (
        "", ["基教科"], "2025-09-30", True)


def test_units_taken_from_a_bracket_ending_a_line_above_the_items_last_are_reported(tmp_path, vocabulary):
    """For want of a clause ending it, an item's units are those of the first bracket ending one of its lines (the
    closing words of an article below): a guess the report now names, with the bracket, for the curator to check.
    Labelled lines the item's text goes on after (责任单位：… over 此项工作…) are no guess, nor a bracket above the rows
    of a table of figures only, the item's text too."""
    path = tmp_path / "plan.txt"
    path.write_text("示例市教育局2025年工作要点\n一、学前教育\n1.扩大普惠资源。新建公办幼儿园5所。（责任单位：计财科）\n"
                    "2.提升保教质量\n开展幼儿园保育教育质量评估。（责任单位：基教科）\n各地要高度重视，确保取得实效。\n"
                    "3.推进集团化办学。\n责任单位：计财科\n此项工作纳入年度考核。\n"
                    "4.补充教师。招聘新教师120名。（责任单位：基教科）\n项目\t2024年\t2025年目标\n新教师（名）\t100\t120\n",
                    encoding="utf-8")
    result = imported(path, vocabulary, year=2025)
    assert [(i["owners"], i["text"].count("\t")) for i in items(result.plan)] == [
        (["计财科"], 0), (["基教科"], 0), (["计财科"], 0), (["基教科"], 4)]
    assert [(u.line, u.message) for u in result.unsure if "units of item" in u.message] == [
        (5, "the units of item 2 are those of “（责任单位：基教科）”, which ends this line, not the item's last: check "
            "they are its own")]


LEADERS = """示例县教育局2025年重点工作任务分解表
序号\t重点任务\t责任领导\t责任单位\t完成时限
1\t新建公办幼儿园2所\t张建国\t基教科\t2025年8月底前
2\t开展教师全员培训\t李红梅\t计财科\t2025年12月底前
3\t完成校舍安全排查\t张建国\t基教科\t2025年6月底前
"""


def test_a_column_of_people_is_told_once_not_each_name_reported_lost(tmp_path, vocabulary):
    """A 责任领导 column named a person in each row, each reported as a cell no field holds, a line a row: the plan
    format holds no person, which one line now says, naming them all."""
    path = tmp_path / "leaders.txt"
    path.write_text(LEADERS, encoding="utf-8")
    result = imported(path, vocabulary, year=2025)
    assert [i["owners"] for i in items(result.plan)] == [["基教科"], ["计财科"], ["基教科"]]
    assert [(u.line, u.message) for u in result.unsure if "张建国" in u.message or "李红梅" in u.message] == [
        (3, "a table's column of people (责任领导, 责任人) names “张建国”、“李红梅”: the plan format holds no person, "
            "so they are not in the draft")]


VALUE_TARGETS = """示例县卫生健康局2025年重点工作任务清单
一、深化医药卫生体制改革
序号\t工作任务\t责任股室\t完成时限\t工作目标
1\t推进紧密型县域医共体建设，县域内就诊率达到90%以上。\t医政医管股\t2025年12月底前\t90%
2\t开展爱国卫生运动，创建省级卫生乡镇2个。\t爱卫办\t第三季度\t2
3\t提升基层医疗服务能力。\t基层卫生股\t年底前\t85%
"""


def test_a_work_goal_column_holding_a_value_alone_is_the_target_of_the_tasks_words(tmp_path, vocabulary):
    """工作目标 90% beside 县域内就诊率达到90%以上 was the item's text (the task's words its title) and a target with no
    metric; a value the task's words do not state stays a target of its own, its metric to be written."""
    path = tmp_path / "goals.txt"
    path.write_text(VALUE_TARGETS, encoding="utf-8")
    result = imported(path, vocabulary, year=2025)
    assert [(i["title"], i["text"], [(t["metric"], t["value"], t["unit"]) for t in i["targets"]])
            for i in items(result.plan)] == [
        ("推进紧密型县域医共体建设，县域内就诊率达到90%以上", "推进紧密型县域医共体建设，县域内就诊率达到90%以上。",
         [("县域内就诊率", 90, "%")]),
        ("开展爱国卫生运动，创建省级卫生乡镇2个", "开展爱国卫生运动，创建省级卫生乡镇2个。", [("创建省级卫生乡镇", 2, "个")]),
        ("提升基层医疗服务能力", "提升基层医疗服务能力。", [("", 85, "%")])]
    assert [i["text"] == result.source_text[slice(*i["span"])] for i in items(result.plan)] == [True] * 3
    assert [u.message for u in result.unsure if "in no field" in u.message or "number not taken" in u.message
            or "no words before" in u.message] == [
        "target “85%”: no words before its value name what it measures: write its metric by hand"]


YEARLY_TARGETS = """示例市教育局考核指标
一、主要考核指标
序号\t指标名称\t2024年目标值\t2025年目标值\t2026年目标值\t责任单位
1\t学前三年毛入园率\t90%\t93%\t95%\t基教科
2\t普惠性幼儿园覆盖率\t85%\t88%\t\t基教科
"""


def test_a_table_of_targets_by_year_gives_the_plans_years_else_the_last_and_reports_the_others(tmp_path, vocabulary):
    """2024年目标值 | 2025年目标值 | 2026年目标值: only the last column was read, the others dropped without a word."""
    path = tmp_path / "yearly.txt"
    path.write_text(YEARLY_TARGETS, encoding="utf-8")
    for year, values, reported in ((2025, [93, 88], ["2024年 “90%”、2026年 “95%”", "2024年 “85%”"]),
                                   (2027, [95], ["2024年 “90%”、2025年 “93%”", "2024年 “85%”、2025年 “88%”"])):
        result = imported(path, vocabulary, year=year)
        assert [t["value"] for i in items(result.plan) for t in i["targets"]] == values
        assert [u.message.split(" is read, not ")[1].split(";")[0] for u in result.unsure
                if "has a target for each year" in u.message] == reported
        assert not [u for u in result.unsure if "in no field of the draft" in u.message]


METRICS = """\
metrics:
  - {id: pilots, name: 省级普惠性民办幼儿园扶持试点, unit: 个, better: higher}
  - {id: public-share, name: 公办幼儿园在园幼儿占比, unit: '%', better: higher}
  - {id: retention, name: 巩固率, unit: '%', better: higher}
  - {id: first-class, name: 创建城市一类幼儿园, unit: 所, better: higher}
  - {id: compulsory-distinctive, name: 义务教育特色学校, unit: 所, better: higher}
  - {id: high-distinctive, name: 普通高中特色学校, unit: 所, better: higher}
"""
METRIC_SOURCE = """\
示例市教育局2025年工作要点
一、学前教育
1.扩大普惠资源。做好全市5个省级普惠性民办幼儿园扶持试点工作，公办幼儿园在园幼儿占比达到58%以上。
2.控辍保学。原建档立卡学生巩固率达到98%，创建5所省级示范性幼儿园,10所城市一类幼儿园。
3.特色发展。特色学校达到20所，新建校园足球学校10所，新建校园足球学校5所。
"""


def metric_import(tmp_path, vocabulary):
    path = tmp_path / "metrics.txt"
    path.write_text(METRIC_SOURCE, encoding="utf-8")
    result = imported(path, vocabulary)
    return [t["metric"] for item in items(result.plan) for t in item["targets"]], sorted(result.unsure)


def test_a_metric_phrase_close_to_one_listed_name_is_named_as_listed_and_the_rest_reported(tmp_path, vocabulary):
    write(tmp_path, "content/metrics.yaml", METRICS)
    problems = []
    vocabulary = dataclasses.replace(vocabulary, metrics=load_vocabulary(str(tmp_path), problems)[0].metrics)
    assert problems == [] and len(vocabulary.metrics) == 6
    metrics, unsure = metric_import(tmp_path, vocabulary)
    # a listed name holding the phrase or held by it, at least half of it, is taken; 巩固率 is under half of
    # 原建档立卡学生巩固率, and 特色学校 is as close to two metrics: both left as read
    assert metrics == ["省级普惠性民办幼儿园扶持试点", "公办幼儿园在园幼儿占比", "原建档立卡学生巩固率",
                       "创建省级示范性幼儿园", "创建城市一类幼儿园", "特色学校", "新建校园足球学校", "新建校园足球学校"]
    notes = [(u.line, u.message) for u in unsure if "metric" in u.message]
    assert notes == [
        (3, "metric “全市省级普惠性民办幼儿园扶持试点工作” taken as “省级普惠性民办幼儿园扶持试点” (pilots)"),
        (4, "metric “创建省级示范性幼儿园” is not in content/metrics.yaml (1 target(s), first here)"),
        (4, "metric “原建档立卡学生巩固率” is not in content/metrics.yaml (1 target(s), first here)"),
        (4, "metric “城市一类幼儿园” taken as “创建城市一类幼儿园” (first-class)"),
        (5, "metric “新建校园足球学校” is not in content/metrics.yaml (2 target(s), first here)"),
        (5, "metric “特色学校” is not in content/metrics.yaml (1 target(s), first here); could be "
            "“义务教育特色学校” (compulsory-distinctive) or “普通高中特色学校” (high-distinctive)"),
    ]


def test_a_metric_phrase_sharing_most_of_a_name_in_order_and_its_unit_is_named_as_listed(tmp_path, vocabulary):
    """每学年实施心理普查 holds no listed name and none holds it, but 每学年心理普查 of 每学年心理普查次数 is there in
    order; 每天开设体育课 shares as much with 每天体育课时长, which is in another unit (分钟), so it is not taken."""
    write(tmp_path, "content/metrics.yaml", """\
metrics:
  - {id: screenings, name: 每学年心理普查次数, unit: 次}
  - {id: pe-time, name: 每天体育课时长, unit: 分钟}
""")
    vocabulary = dataclasses.replace(vocabulary, metrics=load_vocabulary(str(tmp_path), [])[0].metrics)
    path = tmp_path / "alike.txt"
    path.write_text("示例市教育局2025年工作要点\n一、体育与健康\n1.身心健康。每学年实施1次心理普查，每天开设1节体育课。\n",
                    encoding="utf-8")
    result = imported(path, vocabulary)
    assert [t["metric"] for item in items(result.plan) for t in item["targets"]] == ["每学年心理普查次数", "每天开设体育课"]
    assert (3, "metric “每学年实施心理普查” taken as “每学年心理普查次数” (screenings)") in [
        (u.line, u.message) for u in result.unsure]


def test_a_listed_name_with_another_qualifier_is_not_taken_for_a_metric_phrase(tmp_path, vocabulary):
    """Another level (市级 against 省级, or none) or batch (第四批), or other words in one place (公办 against 普特融合,
    助餐 against 课后, 幼儿园 against 校 at the end): no metric rather than a wrong one.  A level both say, and a
    measure at the end of a name (次数), are no difference."""
    write(tmp_path, "content/metrics.yaml", """\
metrics:
  - {id: provincial-model, name: 创建省级示范性幼儿园, unit: 所}
  - {id: inclusive, name: 新建普特融合幼儿园, unit: 所}
  - {id: after-school, name: 义务教育课后服务学校覆盖率, aliases: [课后服务学校覆盖率], unit: '%'}
  - {id: party-model, name: 创建市级党建示范校, unit: 所}
  - {id: reform-model, name: 遴选第四批课堂改革示范校, unit: 所}
  - {id: lessons, name: 每两周心理健康课次数, unit: 次}
""")
    vocabulary = dataclasses.replace(vocabulary, metrics=load_vocabulary(str(tmp_path), [])[0].metrics)
    path = tmp_path / "qualifiers.txt"
    path.write_text("示例区教育局2025年工作要点\n一、重点工作\n"
                    "1.扩大资源。新建公办幼儿园2所，创建市级示范幼儿园2所，省级示范性幼儿园3所。\n"
                    "2.服务。助餐服务覆盖率达到85%以上，遴选课改示范校10所，落实每两周1次心理健康课程。\n"
                    "3.示范创建。示范性幼儿园达到4所。\n",
                    encoding="utf-8")
    result = imported(path, vocabulary)
    assert [t["metric"] for item in items(result.plan) for t in item["targets"]] == [
        "新建公办幼儿园", "创建市级示范幼儿园", "创建省级示范性幼儿园", "助餐服务覆盖率", "遴选课改示范校", "每两周心理健康课次数",
        "示范性幼儿园"]
    assert sorted(u.message for u in result.unsure if u.message.startswith("metric") and "taken" in u.message) == [
        "metric “省级示范性幼儿园” taken as “创建省级示范性幼儿园” (provincial-model)",
        "metric “落实每两周心理健康课程” taken as “每两周心理健康课次数” (lessons)"]


def test_a_listed_name_measured_in_another_unit_is_not_taken_for_a_metric_phrase(tmp_path, vocabulary):
    """A rate's change in 个百分点 is not the rate in %, nor a count of 人次 one of 人: the metric stays as read, the
    listed one offered; a magnitude apart (个 against 万个) is the same measure."""
    write(tmp_path, "content/metrics.yaml", """\
metrics:
  - {id: fitness, name: 中小学生体质健康优良率, aliases: [学生体质健康优良率], unit: '%'}
  - {id: trainees, name: 党员示范培训人数, unit: 人}
  - {id: places, name: 新增学位, unit: 万个}
""")
    vocabulary = dataclasses.replace(vocabulary, metrics=load_vocabulary(str(tmp_path), [])[0].metrics)
    path = tmp_path / "units.txt"
    lines = ("示例市教育局2025年工作要点", "一、重点工作", "1.加强体育。学生体质健康优良率每年提高2个百分点。",
             "2.加强培训。组织业务培训，培训人数不少于150人次。", "3.扩大学位。2025年新增学位9000个。")
    path.write_text("\n".join(lines), encoding="utf-8")
    result = imported(path, vocabulary)
    assert [t["metric"] for item in items(result.plan) for t in item["targets"]] == [
        "学生体质健康优良率每年提高", "培训人数", "新增学位"]
    assert sorted(u.message for u in result.unsure if u.message.startswith("metric “学生")) == [
        "metric “学生体质健康优良率每年提高” is not in content/metrics.yaml (1 target(s), first here); "
        "could be “中小学生体质健康优良率” (fitness)"]


def test_without_a_metric_list_metric_phrases_stay_as_read(tmp_path, vocabulary):
    metrics, unsure = metric_import(tmp_path, vocabulary)
    assert metrics[0] == "全市省级普惠性民办幼儿园扶持试点工作"
    assert not [u for u in unsure if "metric" in u.message]


def test_the_report_quotes_a_skipped_number_once(tmp_path, vocabulary):
    path = tmp_path / "quoted.txt"
    path.write_text("示例市教育局2025年工作要点\n一、党建\n1.坚定“四个自信”，新建公办幼儿园5所。\n", encoding="utf-8")
    skipped = [u.message for u in imported(path, vocabulary).unsure if "not taken as a target" in u.message]
    assert skipped == ["number not taken as a target in item 1: “四个自信” (inside quotation marks (a name or slogan))"]


def test_an_item_with_points_below_it_keeps_them_as_its_text_in_reading_order(tmp_path, vocabulary):
    path = tmp_path / "plan.txt"
    path.write_text("某区民政局2025年工作计划\n一、发展养老服务事业\n1.建设嵌入式养老服务设施。\n（1）新建社区养老服务站10个。\n"
                    "（2）新增老年助餐点15个。\n2.发展家庭养老床位。新增家庭养老床位200张。\n"
                    "3.强化养老机构安全监管。消防安全达标率100%。\n", encoding="utf-8")
    first, *others = items(imported(path, vocabulary).plan)
    assert [first["number"]] + [item["number"] for item in others] == ["1", "2", "3"]
    assert first["text"] == "建设嵌入式养老服务设施。\n（1）新建社区养老服务站10个。\n（2）新增老年助餐点15个。"
    assert [(t["metric"], t["value"]) for t in first["targets"]] == [("新建社区养老服务站", 10), ("新增老年助餐点", 15)]


@pytest.mark.parametrize("mark", ["续表\t\t\t", "续表", "（续表）\t\t\t", "(续表)", "续表1", "续表 1\t\t\t", "续表二",
                                  "表1（续）", "表 1 (续表)", "续表：", "续表1：\t\t\t"])
def test_the_mark_of_a_table_continued_over_a_page_is_left_out_and_reported(tmp_path, vocabulary, mark):
    """续表 alone in a task table's first column, as Word or a workbook prints it where the table breaks over a page,
    was the section's text, and the rows below it too, lost as items.  It is left out, reported, and the table
    goes on below it."""
    path = tmp_path / "tasks.txt"
    path.write_text("\n".join(["某县教育局2025年重点工作任务分解表", "一、重点任务", "序号\t工作任务\t责任单位\t完成时限",
                               "1\t新建公办幼儿园3所\t基教科\t2025年12月底前", "2\t推进集团化办学\t基教科\t2025年9月底前", mark,
                               "3\t加强教师培训\t督导室\t2025年10月底前"]), encoding="utf-8")
    result = imported(path, vocabulary)
    section, = result.plan["sections"]
    assert "text" not in section or "续" not in section["text"]
    assert [item["title"] for item in items(result.plan)] == ["新建公办幼儿园3所", "推进集团化办学", "加强教师培训"]
    assert [u.line for u in result.unsure if "table continued" in u.message] == [6]


@pytest.mark.parametrize("first", ["续表", "续表1", "（续表）"])
def test_a_tables_header_repeated_with_the_mark_of_it_continued_goes_on_with_it(tmp_path, vocabulary, first):
    """The header printed again where the table breaks over a page, 续表 in place of its first column's 序号, was
    the header of a table of other columns: a section titled 续表 held the rows below it."""
    path = tmp_path / "tasks.txt"
    path.write_text("\n".join(["某县教育局2025年重点工作任务分解表", "一、重点任务", "序号\t工作任务\t责任单位\t完成时限",
                               "1\t新建公办幼儿园3所\t基教科\t2025年12月底前", "2\t推进集团化办学\t基教科\t2025年9月底前",
                               f"{first}\t工作任务\t责任单位\t完成时限", "3\t加强教师培训\t督导室\t2025年10月底前"]),
                    encoding="utf-8")
    result = imported(path, vocabulary)
    section, = result.plan["sections"]
    assert [(item["number"], item["title"]) for item in items(result.plan)] == [
        ("1", "新建公办幼儿园3所"), ("2", "推进集团化办学"), ("3", "加强教师培训")]
    assert not [u for u in result.unsure if "other columns" in u.message]


def test_an_ordinary_plans_months_with_their_work_are_no_calendar(tmp_path, vocabulary):
    """3月：完成调研摸底。 in an item's timeline is its text, and a table's 完成月份 a column not read, its cells kept in
    its rows' text: neither heads a month (a version of the calendar's months reported a calendar and the numbering
    jumping from 3 to 6)."""
    path = tmp_path / "plan.txt"
    path.write_text("\n".join(["某县教育局2025年工作要点", "一、加强队伍建设", "1.开展教师培训。分步实施：",
                               "3月：完成调研摸底。", "6月：全面推开培训。", "（责任单位：人事股）",
                               "2.推进集团化办学。（责任单位：基教股）", "二、重点任务", "序号\t重点任务\t责任单位\t完成月份",
                               "1\t新建公办幼儿园3所\t基教股\t6月", "2\t加强教师培训\t人事股\t9月"]), encoding="utf-8")
    result = imported(path, vocabulary, year=2025)
    assert not [section for section in result.plan["sections"] if "sections" in section]
    assert [(item["text"], item["owners"]) for item in items(result.plan)] == [
        ("开展教师培训。分步实施：\n3月：完成调研摸底。\n6月：全面推开培训。", ["人事股"]), ("推进集团化办学。", ["基教股"]),
        ("新建公办幼儿园3所\t基教股\t6月", ["基教股"]), ("加强教师培训\t人事股\t9月", ["人事股"])]
    assert not [u for u in result.unsure if any(word in u.message for word in ("month", "jumps", "below item"))]


@pytest.mark.parametrize("signature", ["清河县人民政府", "中共示例市教育局委员会\n示例市教育局"])
def test_a_signature_not_the_organisations_name_is_reported(tmp_path, vocabulary, signature):
    """A line read as the signature is left out of the draft: when it is not the organisation's name (another
    body's, or words of the text read as one), or a body signing with it, it went without a word."""
    path = tmp_path / "plan.txt"
    path.write_text(f"示例市教育局2025年工作计划\n一、主要任务\n1.加强师德师风建设。\n{signature}\n2025年2月20日\n",
                    encoding="utf-8")
    result = imported(path, vocabulary)
    reported = [(u.line, u.message) for u in result.unsure if "signature" in u.message]
    assert reported == [(4, f"“{signature.splitlines()[0]}”, read as the document's signature, is left out: it is "
                            "not the name of 示例市教育局 (demo-edu); if it is the plan's words, add it to `closing`")]
    assert result.plan["closing"] == ""


def test_the_organisations_own_signature_is_not_reported(tmp_path, vocabulary):
    path = tmp_path / "plan.txt"
    path.write_text("示例市教育局2025年工作计划\n一、主要任务\n1.加强师德师风建设。\n示例市教育局\n2025年2月20日\n",
                    encoding="utf-8")
    assert not [u for u in imported(path, vocabulary).unsure if "signature" in u.message]


def test_words_ending_in_a_schools_name_above_the_date_are_the_plans_closing(tmp_path, vocabulary):
    """新建城南实验小学 ending the text was taken as the signature and dropped, reported nowhere."""
    path = tmp_path / "plan.txt"
    path.write_text("示例市教育局2025年工作计划\n一、主要任务\n1.加强师德师风建设。\n新建城南实验小学\n2025年2月20日\n",
                    encoding="utf-8")
    result = imported(path, vocabulary)
    assert result.plan["closing"] == "新建城南实验小学"
    assert [u.line for u in result.unsure if "closing" in u.message] == [4]
