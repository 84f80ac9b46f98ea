"""The outline: numbering styles, their nesting, sequences and task tables (importer stage 4)."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.importer import metadata
from generator.importer.clean import clean
from generator.importer.structure import outline
from generator.importer.textmap import split_lines

FIXTURES = Path(__file__).parent / "fixtures" / "import"


def read(text: str):
    lines = list(clean(split_lines(text)).lines)
    _, body, _ = metadata.split(lines)
    return outline(body, 2025)


def shape(parts) -> list:
    """Numbers as a nested list: a part with children is [number, [children...]]."""
    return [[p.number, shape(p.children)] if p.children else p.number for p in parts]


def fixture(name: str) -> str:
    return (FIXTURES / name).read_text(encoding="utf-8")


def test_every_numbering_style_nests_in_order_of_appearance():
    result = read(fixture("styles.txt"))
    assert shape(result.parts) == [
        ["一", [["(一)", ["1", "2"]], ["(二)", ["1", "2"]]]],  # 1. and 1、 are different styles
        ["二", [["(一)", ["(1)", "(2)"]], ["(二)", ["①", "②"]]]],  # （一） and (一) are the same
        ["三", ["1", "2"]],  # 1． (full-width stop) is the style 1.
    ]
    assert result.unsure == ()
    first = result.parts[0].children[0].children[0]
    assert first.head.text == "深化党的全面领导。完善中小学校党组织领导的校长负责制。"


def test_hierarchy_comes_from_the_document_not_from_a_fixed_table():
    text = "（一）党建工作\n一、理论学习。\n二、基层党建。\n（二）基础教育\n一、学前教育。\n"
    assert shape(read(text).parts) == [["(一)", ["一", "二"]], ["(二)", ["一"]]]


def test_numbering_restarts_under_each_section_or_runs_on():
    restarting = "一、甲\n1.子一。\n2.子二。\n二、乙\n1.子三。\n2.子四。\n"
    running_on = "一、甲\n1.子一。\n2.子二。\n二、乙\n3.子三。\n4.子四。\n"
    assert shape(read(restarting).parts) == [["一", ["1", "2"]], ["二", ["1", "2"]]]
    assert shape(read(running_on).parts) == [["一", ["1", "2"]], ["二", ["3", "4"]]]
    assert read(restarting).unsure == read(running_on).unsure == ()


def test_numbers_that_break_the_sequence_are_reported_and_kept_as_text():
    result = read(fixture("restart.txt"))
    assert shape(result.parts) == [["一", ["1", "2", "3"]], ["二", ["1", "2", "3"]], ["四", ["6", "7"]]]
    second = result.parts[1].children[1]
    assert second.paragraphs[0].text == "1.高中教育。推进多样化发展。"  # not an item
    messages = {u.line: u.message for u in result.unsure}
    assert "breaks the sequence" in messages[9]
    assert "jumps from “二”" in messages[11] and "jumps from “3”" in messages[12]
    # 1.5万名 is a decimal, not item 1; 27职普融通 is not the expected 7
    assert result.parts[0].children[2].paragraphs[0].text.startswith("1.5万名")
    assert result.parts[2].children[0].paragraphs[0].text.startswith("27职普融通")


def test_a_bare_number_that_continues_no_numbering_is_text():
    result = read("一、甲\n1个别学校要加强管理。\n")  # digits glued to the text, where no 1. or 1、 came
    assert shape(result.parts) == ["一"] and result.unsure == ()
    assert [p.text for p in result.parts[0].paragraphs] == ["1个别学校要加强管理。"]


def test_unpunctuated_number_counts_where_the_sequence_expects_it():
    result = read("一、甲\n1.子一。\n2子二。\n3.子三。\n二、乙\n4子四。\n")
    assert shape(result.parts) == [["一", ["1", "2", "3"]], ["二", ["4"]]]  # 4 runs on from 3
    assert [u.line for u in result.unsure] == [3, 6]


def test_a_number_whose_text_starts_with_digits_counts_where_the_sequence_expects_it():
    result = read("一、主要指标\n1.居民电子健康档案建档率达到90%。\n2.65岁及以上老年人健康管理率达到72%以上。\n"
                  "3.居民健康素养水平达到32%以上。\n二、公共服务\n1.社会保障卡持卡人数达到560万人。\n"
                  "3.5万名群众参加培训。\n2.12333热线接通率达到90%以上。\n")
    assert shape(result.parts) == [["一", ["1", "2", "3"]], ["二", ["1", "2"]]]
    assert result.parts[0].children[1].head.text == "65岁及以上老年人健康管理率达到72%以上。"
    assert result.parts[1].children[1].head.text == "12333热线接通率达到90%以上。"
    # a decimal where the numbering expects no such number stays text: 3.5 after item 1
    assert [p.text for p in result.parts[1].children[0].paragraphs] == ["3.5万名群众参加培训。"]
    assert [(u.line, "decimal" in u.message) for u in result.unsure] == [(3, True), (8, True)]


def test_numbering_that_starts_late_is_reported():
    result = read("二、乙\n26.子一。\n27.子二。\n")
    assert shape(result.parts) == ["二"]
    assert "starts at “二”" in result.unsure[0].message
    # a new level must start at 1: 26. and 27. are kept as the section's text, and said so
    assert [p.text[:3] for p in result.parts[0].paragraphs] == ["26.", "27."]
    assert ["continues no sequence" in u.message for u in result.unsure] == [False, True, True]


def test_yi_shi_inside_a_paragraph_becomes_items():
    result = read(fixture("shi.txt"))
    first, second = result.parts[0].children
    assert first.paragraphs[0].text == "我们坚持优质均衡，扎实推进各项工作。"
    assert [(c.number, c.head.text) for c in first.children] == [
        ("一是", "扩大优质资源，新建学校3所；"), ("二是", "深化集团化办学，组建教育集团5个；"),
        ("三是", "加强教师交流，交流轮岗教师200人。")]
    assert [c.paragraphs for c in first.children] == [(), (), ()]  # each statement is its item's head alone
    assert [c.number for c in second.children] == ["一是", "二是"]  # at line starts too


def test_closing_words_after_the_last_item_are_not_part_of_it():
    result = read("一、甲\n1.子一。\n2.子二。\n在推进上述工作的同时，做好其他各项工作。\n")
    assert result.parts[0].children[1].paragraphs == ()
    assert [m.text for m in result.closing] == ["在推进上述工作的同时，做好其他各项工作。"]


@pytest.mark.parametrize("after_items", [
    "1.子一。\n2.子二。\n",
    "1.子一。\n牵头单位：人事股；完成时限：2025年9月底前\n",  # the clause's deadline swallowed the list, then lost
])
def test_a_list_of_attachments_after_the_items_is_the_closing_and_no_item(after_items):
    result = read(f"一、甲\n{after_items}附件：1.某县重点工作任务分解表\n2.某县工作考核细则\n")
    items = result.parts[0].children
    assert [c.number for c in items] == ["1", "2"][:len(items)] and len(items) == after_items.count(".子")
    assert "附件" not in "".join(p.text for c in items for p in c.paragraphs)
    assert [m.text for m in result.closing] == ["附件：1.某县重点工作任务分解表", "2.某县工作考核细则"]
    assert any("a list of attachments" in u.message for u in result.unsure)


def test_text_after_a_list_of_attachments_is_read_as_before():
    """Only the short numbered lines naming documents go with the list: not a sentence, nor a heading after it."""
    result = read("一、甲\n1.子一。\n附件：1.某县重点工作任务分解表\n2.加强督查，确保各项任务落实到位。\n二、乙\n1.丙。\n")
    assert [m.text for m in result.closing] == []
    assert [p.number for p in result.parts] == ["一", "二"]


def test_a_sentence_ending_the_text_after_attachments_is_an_item_not_an_attachment():
    result = read("一、甲\n1.子一。\n附件：1.某县重点工作任务分解表\n2.加强督查，确保各项任务落实到位。\n")
    assert ([c.number for c in result.parts[0].children], result.closing) == (["1", "2"], ())


def test_the_text_of_a_last_section_without_items_is_its_own():
    result = read("一、加强党的建设，落实全面从严治党责任。\n正文。\n")  # (a line no heading's)
    assert ([p.text for p in result.parts[0].paragraphs], result.closing) == (["正文。"], ())


@pytest.mark.parametrize("head", ["1.完善疾病预防控制体系", "1.强化督导考核：",
                                  "1.全面提升基础教育阶段各级各类学校办学条件和教育教学质量与管理服务水平："])
def test_the_text_below_a_last_item_standing_as_a_heading_is_its_own(head):
    """A heading: short, or ended by a colon however long, with no punctuation of a sentence or clause."""
    result = read(f"一、甲\n{head}\n推进疾控机构改革，建成区域检验中心2个。\n")
    assert [m.text for m in result.parts[0].children[0].paragraphs] == ["推进疾控机构改革，建成区域检验中心2个。"]
    assert result.closing == ()


def test_the_text_below_a_last_item_of_clauses_or_with_its_owners_is_the_closing_words():
    for last in ("3.加强校园安全管理，确保师生平安", "3.加强校园安全管理（责任科室：安全科）",
                 "3.认真完成县委县政府和市教育局等上级部门交办的其他各项临时性工作任务", "3.持续深化校园安全建设（安全股、基建股）"):
        result = read(f"一、甲\n1.子一\n2.子二\n{last}\n各单位要认真抓好落实。\n")
        assert result.parts[0].children[2].paragraphs == (), last
        assert [m.text for m in result.closing] == ["各单位要认真抓好落实。"], last


def test_text_after_the_last_item_is_its_own_where_the_other_items_have_text_too():
    result = read("一、甲\n1.子一。\n建立工作台账。\n2.子二。\n做好其他各项工作。\n")
    assert [[p.text for p in item.paragraphs] for item in result.parts[0].children] == [
        ["建立工作台账。"], ["做好其他各项工作。"]]
    assert result.closing == ()


@pytest.mark.parametrize("top", ["", "一、甲\n"])
def test_words_to_all_below_the_last_items_owner_clause_are_the_closing_where_the_other_items_have_text_too(top):
    """Every item with text of its own, the closing words below the last one's units (全县文旅系统将以…, 各牵头单位要
    于…) were its text; the item's own text after its units, or words to no one, stay its own."""
    items = "1.子一\n建立工作台账。（责任单位：办公室）\n2.子二\n新建幼儿园2所。\n"
    for units, after, closing in (
            ("（责任单位：县文化市场综合执法大队）", "全县文旅系统将以「开局即冲刺」的劲头，奋力开创新局面！", True),
            ("（牵头：市水利局；配合：市卫生健康委）\n完成时限：2026年12月底前", "各牵头单位要于每季度末月25日前报送进展。", True),
            ("责任单位：计财科", "此项工作纳入年度考核。", False),
            ("", "全县各单位要认真抓好落实。", False)):
        result = read(f"{top}{items}{units}\n{after}\n")
        last = (result.parts[0].children if top else result.parts)[-1]
        assert ([m.text for m in result.closing], after in [p.text for p in last.paragraphs]) == (
            ([after], False) if closing else ([], True)), after


def test_a_sentence_to_all_below_the_last_items_units_stating_a_target_is_the_items_own():
    """各学校心理健康教师配备率达到100%。 below the last item's bracket speaks to all but states the item's target: it
    was the plan's closing, the item losing its target."""
    result = read("一、甲\n1.子一\n建立工作台账。（责任单位：办公室）\n2.配齐心理健康教师\n开展专题培训。（责任单位：人事科）\n"
                  "各学校心理健康教师配备率达到100%。\n")
    assert ([m.text for m in result.closing], [p.text for p in result.parts[0].children[-1].paragraphs][-1]) == (
        [], "各学校心理健康教师配备率达到100%。")


def test_a_sentence_to_all_below_the_last_items_units_kept_for_its_date_is_reported():
    """全县教育系统要…确保年底前各项任务全面完成。 below the last item's bracket stays its text for its date, which may
    be the item's deadline or the plan's closing words: it was kept without a word."""
    result = read("一、甲\n1.子一\n建立工作台账。（责任单位：办公室）\n2.子二\n开展专题培训。（责任单位：人事科）\n"
                  "全县教育系统要压实责任，确保年底前各项任务全面完成。\n")
    assert (result.closing, [(u.line, u.message) for u in result.unsure]) == ((), [
        (6, "kept as item 2's text for its date; it may be the plan's closing words: check")])


def test_a_county_bureaus_table_names_its_units_gu_shi():
    result = read("一、优化营商环境\n序号\t工作任务\t牵头股室\t责任股室\t配合股室\t完成时限\n"
                  "1\t推行经营主体登记全程网办\t登记注册股\t信用监管股\t办公室\t2025年6月底前\n")
    row = result.parts[0].children[0]
    assert [row.column(role).text for role in ("lead", "owners", "support")] == ["登记注册股", "信用监管股", "办公室"]


def test_a_tables_column_of_key_work_zhongdian_gongzuo_is_its_task():
    """重点工作 names each row's task, as 重点任务 does: beside 工作措施 it was no column, its words dropped."""
    result = read("序号\t重点工作\t工作措施\t牵头股室\t完成时限\n"
                  "1\t深化商事制度改革\t推行经营主体登记“一网通办”。\t登记注册股\t2025年6月底前\n")
    assert [(role, cell.text) for role, cell in result.parts[0].columns] == [
        ("number", "1"), ("task", "深化商事制度改革"), ("content", "推行经营主体登记“一网通办”。"), ("lead", "登记注册股"),
        ("deadline", "2025年6月底前")]


def test_task_table_rows_become_items_in_pipe_and_tab_form():
    for name in ("table_pipe.txt", "table_tab.txt"):
        result = read(fixture(name))
        assert shape(result.parts) == [["一", ["1", "2"]], ["二", ["3"]]], name
        assert [part.paragraphs for part in result.parts] == [(), ()], name  # the header and rows are no text
        row = result.parts[0].children[0]
        assert row.column("task").text == "深化理论武装"
        assert row.column("content").text == "组织中心组专题学习12次，开展党纪学习教育。"
        assert row.column("deadline").text == "2025年12月底前"
        assert result.unsure == ()


def test_a_table_row_with_empty_cells_at_its_ends_stays_in_the_table():
    """Tabs around a row's text are its empty first or last cells (no 序号, no 配合单位 nor 完成时限), not indentation."""
    result = read("序号\t工作任务\t具体内容\t牵头单位\t配合单位\t完成时限\n1\t扩大普惠资源\t新建幼儿园2所。\t基教科\t\t\n"
                  "\t加强师资建设\t培训教师500名。\t人事科\t\t2025年8月底前\n\t二、义务教育\n")
    assert shape(result.parts) == ["1", "2", "二"]
    assert [[(role, cell.text) for role, cell in part.columns] for part in result.parts[:2]] == [
        [("number", "1"), ("task", "扩大普惠资源"), ("content", "新建幼儿园2所。"), ("lead", "基教科"),
         ("support", ""), ("deadline", "")],
        [("number", ""), ("task", "加强师资建设"), ("content", "培训教师500名。"), ("lead", "人事科"),
         ("support", ""), ("deadline", "2025年8月底前")]]
    assert result.parts[2].head.text == "义务教育"  # a line indented by a tab is no row


def test_a_numbered_line_with_tabs_around_its_number_is_no_table_row():
    """Word saves a numbered paragraph as text with tabs: its tabs around the number are no empty cells."""
    result = read("某县教育局2025年工作要点\n\t一、\t加强党的建设\n\t1.\t深化理论武装。\n\t2.\t加强基层党建。\t\n")
    assert shape(result.parts) == [["一", ["1", "2"]]]
    assert [part.head.text for part in result.parts[0].children] == ["深化理论武装。", "加强基层党建。"]


SPANNING_TASKS = ("一、学前教育\n序号\t重点任务\t具体措施\t牵头单位\t配合单位\t完成时限\n"
                  "1\t扩大普惠资源\t新建幼儿园2所。\t基教科\t计财科\t2025年8月底前\n"
                  "\t\t认定普惠性民办园10所。\t基教科\t\t2025年10月底前\n"
                  "\t\t公办园在园幼儿占比达到55%以上。\t督导室\t基教科\t年底前\n"
                  "2\t提升保教质量\t开展保育教育质量评估。\t教研室\t\t2025年12月底前\n")


def test_a_task_written_once_over_its_measures_rows_is_a_part_above_them():
    """具体措施 rows below a 重点任务 written once (its cells left empty) are that task's, each with its own units
    and deadline; beside it, a task of one row is a part of one measure, so that the tasks stay in order."""
    result = read(SPANNING_TASKS)
    assert shape(result.parts) == [["一", [["1", ["1", "2", "3"]], ["2", ["1"]]]]]
    tasks = result.parts[0].children
    assert [task.head.text for task in tasks] == ["扩大普惠资源", "提升保教质量"]
    assert [[dict((role, cell.text) for role, cell in row.columns) for row in task.children] for task in tasks] == [
        [{"content": "新建幼儿园2所。", "lead": "基教科", "support": "计财科", "deadline": "2025年8月底前"},
         {"content": "认定普惠性民办园10所。", "lead": "基教科", "support": "", "deadline": "2025年10月底前"},
         {"content": "公办园在园幼儿占比达到55%以上。", "lead": "督导室", "support": "基教科", "deadline": "年底前"}],
        [{"content": "开展保育教育质量评估。", "lead": "教研室", "support": "", "deadline": "2025年12月底前"}]]
    assert [u.message for u in result.unsure] == [
        "the row below task 1 goes on with it (its 重点任务 written once or merged down): the task is read as a "
        "section, each of its rows an item"]


def test_headers_named_by_their_end_take_the_role_of_that_end():
    """A WPS-style header 具体工作措施 (not 具体措施), 县级责任单位 or 整改时限: the measures column went unread, every
    measure row a copy of its task, the draft holding the same item again and again; 实施单位 owns the row, and a
    header ending as a unit's (单位) is not taken for a measuring unit."""
    text = (SPANNING_TASKS.replace("具体措施", "具体工作措施").replace("牵头单位", "县级牵头单位")
            .replace("配合单位", "实施单位").replace("完成时限", "整改时限"))
    tasks = read(text).parts[0].children
    assert [[dict((role, cell.text) for role, cell in row.columns) for row in task.children] for task in tasks] == [
        [{"content": "新建幼儿园2所。", "lead": "基教科", "owners": "计财科", "deadline": "2025年8月底前"},
         {"content": "认定普惠性民办园10所。", "lead": "基教科", "owners": "", "deadline": "2025年10月底前"},
         {"content": "公办园在园幼儿占比达到55%以上。", "lead": "督导室", "owners": "基教科", "deadline": "年底前"}],
        [{"content": "开展保育教育质量评估。", "lead": "教研室", "owners": "", "deadline": "2025年12月底前"}]]


INDICATORS = "指标名称\t单位\t2025年目标值\t责任单位\n学前三年毛入园率\t%\t95\t基教科\n义务教育巩固率\t%\t99\t基教科\n"


def test_the_rows_of_an_indicator_table_below_tasks_of_several_rows_are_no_tasks():
    """A 考核指标 table (no 重点任务 or 具体措施 column) after tasks of several rows: its rows are not made tasks (the
    import failed on them, KeyError: 'content'), and are a section of their own beside the tasks, titled by its
    first column's header (they were items of the section of the last task's)."""
    result = read(SPANNING_TASKS + INDICATORS)
    assert shape(result.parts)[0] == ["一", [["1", ["1", "2", "3"]], ["2", ["1"]], ["3", ["1", "2"]]]]
    section = result.parts[0].children[2]
    assert (section.head.text, section.children[0].head.text) == ("指标名称", "学前三年毛入园率")
    assert result.unsure[-1].message == ("a table of other columns below the rows of the table above: read as "
                                         "section 3 of its own, titled “指标名称”; check its number and title")


def test_a_table_of_other_columns_below_a_tables_categories_is_a_section_titled_by_the_line_above_it():
    """Below a table's category rows (1 | 深化医药卫生体制改革), a 考核指标 table was items of the last category; the
    line above it (a table's title in Word, 表2 …) was that category's text."""
    tasks = ("序号\t工作任务\t责任股室\t完成时限\n1\t深化医药卫生体制改革\n1.1\t推进医共体建设。\t医政医管股\t年底前\n"
             "2\t提升公共卫生服务能力\n2.1\t开展爱国卫生运动。\t爱卫办\t年底前\n")
    for between, title in (("", "指标名称"), ("表2 主要考核指标\n", "表2 主要考核指标")):
        result = read(tasks + between + INDICATORS)
        assert shape(result.parts) == [["1", ["1.1"]], ["2", ["2.1"]], ["3", ["1", "2"]]]
        assert [part.head.text for part in result.parts] == ["深化医药卫生体制改革", "提升公共卫生服务能力", title]
        assert result.parts[1].paragraphs == ()


def test_a_tables_header_again_in_other_words_of_the_same_roles_is_still_its_own():
    """The tasks' header repeated after a page break in other words of the same roles (重点工作任务, 完成时间, 说明 for
    工作任务, 完成时限, 备注; two columns not read): still the tasks' table, so the 考核指标 table below its rows is a
    section of its own beside its categories.  When a header compared by its columns' names too, the repeat opened
    the table again in the category it was in, and the indicators were items of the last category."""
    tasks = ("序号\t工作任务\t牵头单位\t完成时限\t备注\n1\t学前教育\n1.1\t扩大普惠资源。\t基教科\t年底前\t需财政保障\n"
             "序号\t重点工作任务\t牵头单位\t完成时间\t说明\n1.2\t提升保教质量。\t教研室\t全年\t含民办园\n"
             "2\t义务教育\n2.1\t推进集团化办学。\t基教科\t全年\t\n")
    result = read(tasks + INDICATORS)
    assert shape(result.parts) == [["1", ["1.1", "1.2"]], ["2", ["2.1"]], ["3", ["1", "2"]]]
    assert [part.head.text for part in result.parts] == ["学前教育", "义务教育", "指标名称"]


def test_the_cells_below_a_tables_header_again_have_the_names_of_its_columns():
    """序号 | 工作任务 | 备注, then after a page break 序号 | 重点工作任务 | 说明: a cell below the second is of column 说明,
    as the report names it (it said 备注, the first header's)."""
    result = read("序号\t工作任务\t牵头单位\t备注\n1\t扩大普惠资源。\t基教科\t需财政保障\n"
                  "序号\t重点工作任务\t牵头单位\t说明\n2\t提升保教质量。\t教研室\t含民办园\n")
    assert [[role for role, _ in part.columns if role.startswith("unread")] for part in result.parts] == [
        ["unread 备注"], ["unread 说明"]]


def test_a_table_of_other_columns_below_a_note_under_a_tables_rows_is_a_section_as_right_below_them():
    """A note under the tasks' rows (备注：…), then a title line, or none, and a 主要指标 table: its rows were
    top-level sections of their own numbered 1–4 (ids clashing with the tasks'), the title in the preamble, since
    the note, not the title, was the line below the rows."""
    tasks = ("序号\t重点任务\t具体工作措施\t牵头股室\t完成时限\n1\t巩固学前教育普及普惠\t新建公办幼儿园2所。\t基础教育股\t"
             "2025年8月31日\n\t\t学前三年毛入园率达到92%以上。\t基础教育股\t2025年12月底\n"
             "2\t守牢校园安全底线\t开展校园安全隐患排查整治。\t安全稳定股\t每季度\n备注：完成时限为最迟完成时间。\n")
    indicators = ("序号\t指标名称\t2024年实际\t2025年目标\t责任股室\n1\t学前三年毛入园率\t91%\t92%\t基础教育股\n"
                  "2\t义务教育巩固率\t99.4%\t99.5%\t基础教育股\n")
    for between, title in (("莲花县2025年教育事业发展主要指标\n", "莲花县2025年教育事业发展主要指标"), ("", "序号")):
        result = read(tasks + between + indicators)
        assert shape(result.parts) == [["1", ["1", "2"]], ["2", ["1"]], ["3", ["1", "2"]]]
        assert [part.head.text for part in result.parts] == ["巩固学前教育普及普惠", "守牢校园安全底线", title]
        assert (result.loose, [line.text for line in result.closing]) == ((), ["备注：完成时限为最迟完成时间。"])


def test_a_table_of_other_columns_below_a_heading_of_its_own_is_that_headings():
    result = read(SPANNING_TASKS + "二、考核指标\n" + INDICATORS)
    assert shape(result.parts) == [["一", [["1", ["1", "2", "3"]], ["2", ["1"]]]], ["二", ["1", "2"]]]


def test_table_rows_without_a_number_column_are_numbered_in_order_across_category_rows():
    """A numbered category row (二、…) spanning the table opens a part and keeps the table open."""
    result = read("示例市教育局2025年重点工作任务分解表\n一、党的建设\n| 工作任务 | 具体内容 | 牵头单位 |\n"
                  "| --- | --- | --- |\n| 深化理论武装 | 组织专题学习。 | 组织人事科 |\n"
                  "| 加强基层党建 | 推进支部建设。 | 机关党委 |\n二、基础教育\n| 扩大普惠资源 | 新建幼儿园。 | 基教科 |\n")
    assert shape(result.parts) == [["一", ["1", "2"]], ["二", ["1"]]]
    assert result.parts[1].children[0].column("task").text == "扩大普惠资源"


def test_a_category_row_numbered_in_the_number_column_is_a_part_over_its_rows_numbered_1_1():
    """A category row whose title spans the columns after its 序号 (1 | 深化医药卫生体制改革) is a part over the rows
    numbered 1.1, 1.2 (or 3-1) below it: it closed the table, whose rows all went into the preamble, with no item."""
    result = read("序号\t工作任务\t具体内容\t责任股室\t完成时限\n1\t深化医药卫生体制改革\n"
                  "1.1\t推进医共体建设\t县域内就诊率达到90%以上。\t医政医管股\t2025年12月底前\n"
                  "1.2\t完善分级诊疗制度\t基层诊疗量占比达到65%。\t医政医管股\t2025年12月底前\n"
                  "2\t加强人才队伍建设\n2-1\t招引紧缺医学人才\t引进医学类本科以上人才40名。\t人事股\t2025年9月底前\n")
    assert shape(result.parts) == [["1", ["1.1", "1.2"]], ["2", ["2-1"]]]
    assert [part.head.text for part in result.parts] == ["深化医药卫生体制改革", "加强人才队伍建设"]
    assert result.parts[1].children[0].column("owners").text == "人事股"
    assert result.unsure == () and result.loose == ()


def test_a_tables_category_rows_restarting_at_one_inside_a_section_are_parts_of_that_section():
    """Category rows 一、学前教育 of a table in section 三 of a document numbered 一、 too are parts of 三 (they broke the
    sequence after 三: kept as its text, every row an item of 三); 四、 after the table is the document's, reported."""
    result = read("一、主要目标\n1.入园率达到92%。\n二、重点工作\n1.加强党建。\n三、重点任务分解表\n"
                  "序号\t工作任务\t具体措施\t责任股室\t完成时限\n一、学前教育\n"
                  "1\t扩大普惠资源\t新建公办幼儿园3所。\t基础教育股\t2025年8月底前\n二、义务教育\n"
                  "2\t推进集团化办学\t组建共同体12个。\t基础教育股\t2025年9月底前\n三、体育工作\n"
                  "3\t开展学生体育赛事\t组织运动会1次。\t体育股\t2025年10月底前\n四、\t保障措施\n1.\t加强组织领导。\n")
    assert shape(result.parts) == [["一", ["1"]], ["二", ["1"]], ["三", [["一", ["1"]], ["二", ["2"]], ["三", ["3"]]]],
                                   ["四", ["1"]]]
    assert [u.line for u in result.unsure] == [13]
    assert "goes on with the document's numbering and with the category rows" in result.unsure[0].message


def test_the_header_of_another_table_of_as_many_columns_opens_it():
    """A second table right below the first, under a numbered heading, with a header of as many columns but other
    roles: its header was read as a row of the first (an item titled 工作任务, owned by 牵头单位)."""
    result = read("一、主要指标\n序号\t指标名称\t目标值\t责任单位\n1\t学前三年毛入园率\t93%\t基教科\n二、重点任务\n"
                  "序号\t工作任务\t牵头单位\t完成时限\n1\t新建公办幼儿园\t基教科\t2025年8月底前\n")
    assert shape(result.parts) == [["一", ["1"]], ["二", ["1"]]]
    assert [(role, cell.text) for role, cell in result.parts[1].children[0].columns] == [
        ("number", "1"), ("task", "新建公办幼儿园"), ("lead", "基教科"), ("deadline", "2025年8月底前")]


def test_full_width_digits_number_as_ascii_ones_and_are_printed_as_them():
    result = read("某县教育局2025年工作要点\n一、推进学前教育普惠发展\n１．扩大普惠性资源。新建公办幼儿园2所。\n"
                  "２．提升保教质量。创建市级示范幼儿园2所。\n二、加强教师队伍建设\n３．实施强师工程。招聘公费师范生40名。\n"
                  "三、推进义务教育优质均衡\n（１）推进学校标准化建设。\n（２）深化集团化办学。\n"
                  "四、办好教育民生实事\n１、实施校园食品安全守护行动。\n２、推进“护苗”行动。\n")
    assert shape(result.parts) == [["一", ["1", "2"]], ["二", ["3"]], ["三", ["(1)", "(2)"]], ["四", ["1", "2"]]]
    assert result.unsure == ()
    assert result.parts[0].children[0].head.text == "扩大普惠性资源。新建公办幼儿园2所。"


def test_a_full_width_decimal_is_no_number():
    result = read("一、推进学前教育普惠发展\n１．５万名幼儿入园。\n")
    assert shape(result.parts) == ["一"] and result.parts[0].paragraphs[0].text == "１．５万名幼儿入园。"


def test_arabic_numbers_punctuated_either_way_are_one_sequence_where_they_continue_it():
    result = read("某区2025年教育民生实事工作要点\n一、扩大学位供给\n1．新建、改扩建中小学幼儿园6所。\n"
                  "2．加快推进城东九年一贯制学校建设，年底前完成主体封顶。\n"
                  "3、完成小区配套幼儿园移交8所，移交率达到100%。\n二、提高办学质量\n4．义务教育巩固率保持在99.5%以上。\n")
    assert shape(result.parts) == [["一", ["1", "2", "3"]], ["二", ["4"]]]
    assert result.unsure == ()  # no jump from 2 to 4
    assert result.parts[0].children[1].paragraphs == ()
    # 1、 starting again below an item is still a level of its own
    nested = read("一、甲\n1.子一。\n1、孙一。\n2、孙二。\n2.子二。\n")
    assert shape(nested.parts) == [["一", [["1", ["1", "2"]], "2"]]]
    # a gap in a style's own sequence is reported there, not taken by the other style's
    gap = read("一、甲\n1、扩大资源。\n1.新建。\n2.改建。\n3、提升质量。\n4、加强管理。\n5、完善制度。\n")
    assert [c.number for c in gap.parts[0].children] == ["1", "3", "4", "5"]
    assert any(u.message.startswith("numbering jumps from “1” (line 2) to “3”") for u in gap.unsure)


def test_yi_shi_clauses_of_a_paragraph_starting_with_yi_shi_become_items():
    result = read("某县民政局2025年工作要点\n一、聚焦兜底保障，织密民生保障网\n"
                  "一是规范低保管理，城乡低保标准提高5%以上；二是加强特困人员供养，集中供养率达到60%以上；"
                  "三是完善临时救助制度，备用金制度实现全覆盖。\n"
                  "二、聚焦养老服务\n一是新建农村互助幸福院12个；三是培训养老护理员200人次以上。\n")
    first, second = result.parts
    assert [(c.number, c.head.text) for c in first.children] == [
        ("一是", "规范低保管理，城乡低保标准提高5%以上；"), ("二是", "加强特困人员供养，集中供养率达到60%以上；"),
        ("三是", "完善临时救助制度，备用金制度实现全覆盖。")]
    # 三是 does not follow 一是: one item, its text whole
    assert [(c.number, c.head.text) for c in second.children] == [
        ("一是", "新建农村互助幸福院12个；三是培训养老护理员200人次以上。")]


def test_points_below_one_item_of_many_are_its_text():
    result = read("某区民政局2025年工作计划\n一、兜牢基本民生保障底线\n（一）健全分层分类社会救助体系\n"
                  "1.提高城乡低保标准。城乡低保标准提高到每人每月900元。\n"
                  "2.推进“物质+服务”救助。\n（1）在3个街道开展服务类社会救助试点。\n"
                  "（2）临时救助对象审核审批时限压缩至5个工作日以内。（牵头单位：社会救助科）\n"
                  "3.加强低收入人口动态监测。实现监测预警全覆盖。\n")
    assert shape(result.parts) == [["一", [["(一)", ["1", "2", "3"]]]]]  # in reading order, 2 an item
    second = result.parts[0].children[0].children[1]
    assert [p.text for p in second.paragraphs] == [
        "（1）在3个街道开展服务类社会救助试点。", "（2）临时救助对象审核审批时限压缩至5个工作日以内。（牵头单位：社会救助科）"]
    assert [u.line for u in result.unsure] == [5] and "(1)–(2) below item 2" in result.unsure[0].message


def test_points_below_an_item_alone_in_its_section_are_its_text_where_most_items_have_none():
    result = read("某省教育厅2025年工作要点\n一、强化教育保障\n（一）加大教育投入\n1.落实教育经费“两个只增不减”。\n"
                  "（二）推进教育数字化\n2.实施教育数字化战略行动。\n（1）建成省级智慧教育平台，注册用户达到1200万人。\n"
                  "（2）中小学千兆光纤接入率达到98%。\n（责任处室：科学技术与信息化处）\n"
                  "（三）守牢校园安全底线\n3.加强校园安全管理。\n4.维护教育系统安全稳定。\n")
    assert shape(result.parts) == [["一", [["(一)", ["1"]], ["(二)", ["2"]], ["(三)", ["3", "4"]]]]]
    assert [p.text[:3] for p in result.parts[0].children[1].children[0].paragraphs] == ["（1）", "（2）", "（责任"]
    assert [u.line for u in result.unsure] == [6] and "(1)–(2) below item 2" in result.unsure[0].message


@pytest.mark.parametrize("text", [
    # a heading, not an item's line: the section (一) holds items, (二) and (三) only their text
    "一、甲\n（一）强化理论武装\n1.深化党的全面领导。\n2.推进全面从严治党。\n（二）保障措施\n各地要加强组织领导。\n"
    "（三）督导考核\n纳入年度考核。\n",
    # points with owners of their own are items of their own
    "一、甲\n1.扩大普惠资源：\n（1）新建幼儿园5所。（责任单位：基教科）\n（2）提升保教质量。（责任单位：督导室）\n2.消除大班额。\n"
    "3.加强师德师风建设。\n",
    # most parts of the style have parts below them: they are sections
    "一、甲\n1.学前教育。\n（1）新建幼儿园5所。\n2.义务教育。\n（1）消除大班额。\n3.高中教育。\n",
])
def test_parts_below_a_heading_or_with_owners_of_their_own_stay_parts(text):
    result = read(text)
    assert result.unsure == () and any(part.children for part in result.parts[0].children)


@pytest.mark.parametrize("note", ["注：完成时限为最迟完成时间，各科室可提前完成。", "备注:各项任务按季度报送进展。"])
def test_a_note_below_a_table_is_the_plans_closing_not_the_text_of_its_last_rows_part(note):
    """注：… under a task table was the text of the section its last row is in (三、职业教育)."""
    result = read(SPANNING_TASKS + note + "\n")
    assert [line.text for line in result.closing] == [note]
    assert result.parts[0].paragraphs == () and shape(result.parts) == [["一", [["1", ["1", "2", "3"]], ["2", ["1"]]]]]
    assert result.unsure[-1].message == ("a note below a table (注：…): kept as the plan's `closing`, not as the text "
                                         "of the part its last row is in")
