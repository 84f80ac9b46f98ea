"""Documents as government sites and offices publish them: Word's automatic lists and merged cells, saved pages
with tables whose cells span rows and columns, PDFs printed with running headers (importer stage 1 and after)."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

from generator.importer.pipeline import Settings, import_source
from generator.importer.report import walk_item_dicts
from generator.importer.sources import read_source
from generator.load import load_vocabulary
from generator.numbering import chinese_to_int, int_to_chinese
from projects import DEPARTMENTS, ORGANISATIONS, THEMES, write


def drafted(path: Path, project: Path) -> dict:
    """The draft of ``path``, imported for demo-edu in 2025 with the vocabulary of a project in ``project``."""
    for name, text in (("organisations", ORGANISATIONS), ("departments", DEPARTMENTS), ("themes", THEMES)):
        write(project, f"content/{name}.yaml", text)
    problems = []
    loaded = load_vocabulary(str(project), problems)[0]
    result = import_source(str(path), Settings(organisation="demo-edu", year=2025), loaded)
    assert (problems, result.errors) == ([], ())
    return result.plan


def items(plan: dict) -> list[dict]:
    return list(walk_item_dicts(plan["sections"]))


# --- Word's automatic lists -------------------------------------------------------------------------------

LEVELS = (("chineseCounting", "%1、"), ("decimal", "%2."), ("decimal", "（%3）"))


def test_the_chinese_numerals_word_counts_in_are_those_the_numbering_reads():
    assert [int_to_chinese(n) for n in (1, 10, 12, 20, 105, 110, 999)] == [
        "一", "十", "十二", "二十", "一百零五", "一百一十", "九百九十九"]
    assert [n for n in range(1, 1000) if chinese_to_int(int_to_chinese(n)) != n] == []


def with_lists(document, styled: str | None = None) -> None:
    """One list definition of three levels (一、 1. （1）), as numId 10; ``styled``: a paragraph style whose
    paragraphs are numbered at level 0 by the style itself, as Word's heading numbering does."""
    levels = "".join(f'<w:lvl w:ilvl="{i}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/><w:lvlText w:val="{text}"/>'
                     "</w:lvl>" for i, (fmt, text) in enumerate(LEVELS))
    root = document.part.numbering_part.element
    root.insert(0, parse_xml(f'<w:abstractNum {nsdecls("w")} w:abstractNumId="10">{levels}</w:abstractNum>'))
    root.append(parse_xml(f'<w:num {nsdecls("w")} w:numId="10"><w:abstractNumId w:val="10"/></w:num>'))
    if styled:
        document.styles[styled].element.get_or_add_pPr().append(
            parse_xml(f'<w:numPr {nsdecls("w")}><w:numId w:val="10"/></w:numPr>'))


def numbered(paragraph, level: int) -> None:
    paragraph._p.get_or_add_pPr().append(parse_xml(
        f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{level}"/><w:numId w:val="10"/></w:numPr>'))


def test_paragraphs_of_words_automatic_lists_are_read_with_the_numbers_word_prints(tmp_path):
    document = docx.Document()
    with_lists(document, styled="Heading 1")
    document.add_paragraph("示例市教育局2025年工作要点")
    for heading, tasks in (("加强党的建设", ("深化理论武装。（责任单位：基教科）", "加强基层党组织建设。（责任单位：计财科）")),
                           ("推进教育均衡发展", ("扩大学前教育资源，新增公办学位540个：",))):
        document.add_paragraph(heading, style="Heading 1")  # numbered by its style: 一、 二、
        for task in tasks:
            numbered(document.add_paragraph(task, style="List Paragraph"), 1)  # 1. 2., again from 1 below 二、
    for point in ("城区新建公办幼儿园2所。", "农村改扩建公办幼儿园1所。"):
        numbered(document.add_paragraph(point), 2)
    numbered(document.add_paragraph(""), 1)  # an empty list paragraph: no line
    path = tmp_path / "plan.docx"
    document.save(path)

    assert read_source(str(path))[0].splitlines() == [
        "示例市教育局2025年工作要点", "一、加强党的建设", "1.深化理论武装。（责任单位：基教科）",
        "2.加强基层党组织建设。（责任单位：计财科）", "二、推进教育均衡发展", "1.扩大学前教育资源，新增公办学位540个：",
        "（1）城区新建公办幼儿园2所。", "（2）农村改扩建公办幼儿园1所。", ""]
    plan = drafted(path, tmp_path)
    assert [(s["number"], s["title"]) for s in plan["sections"]] == [("一", "加强党的建设"), ("二", "推进教育均衡发展")]
    assert [(i["number"], i["owners"]) for i in items(plan)] == [("1", ["基教科"]), ("2", ["计财科"]), ("1", [])]
    assert items(plan)[2]["text"] == "扩大学前教育资源，新增公办学位540个：\n（1）城区新建公办幼儿园2所。\n（2）农村改扩建公办幼儿园1所。"


def test_a_list_number_in_merged_cells_counts_once_and_bullets_add_nothing(tmp_path):
    document = docx.Document()
    with_lists(document)
    root = document.part.numbering_part.element
    root.insert(0, parse_xml(f'<w:abstractNum {nsdecls("w")} w:abstractNumId="11"><w:lvl w:ilvl="0">'
                             '<w:numFmt w:val="bullet"/><w:lvlText w:val="●"/></w:lvl></w:abstractNum>'))
    root.append(parse_xml(f'<w:num {nsdecls("w")} w:numId="11"><w:abstractNumId w:val="11"/></w:num>'))
    bullet = document.add_paragraph("说明：")
    bullet._p.get_or_add_pPr().append(parse_xml(
        f'<w:numPr {nsdecls("w")}><w:ilvl w:val="0"/><w:numId w:val="11"/></w:numPr>'))
    table = document.add_table(rows=3, cols=2)
    for row, task in zip(table.rows, ("新建幼儿园。", "改扩建小学。", "培训教师。")):
        if task != "改扩建小学。":
            numbered(row.cells[0].paragraphs[0], 1)
            row.cells[0].paragraphs[0].add_run("任务")
        row.cells[1].text = task
    table.cell(0, 0).merge(table.cell(1, 0))  # one numbered cell over two rows
    path = tmp_path / "table.docx"
    document.save(path)
    assert read_source(str(path))[0].splitlines() == [
        "说明：", "1.任务\t新建幼儿园。", "1.任务\t改扩建小学。", "2.任务\t培训教师。"]


# --- tables of saved web pages --------------------------------------------------------------------------

SPANNED_TABLE = """<table border="1"><thead>
<tr><th rowspan="2">序号</th><th rowspan="2">重点任务</th><th colspan="2">责任单位</th><th rowspan="2">完成时限</th></tr>
<tr><th>牵头单位</th><th>配合单位</th></tr></thead><tbody>
<tr><td colspan="5"><b>一、学前教育</b></td></tr>
<tr><td>1</td><td>新建公办幼儿园2所，新增学位540个。</td><td rowspan="2">基教科</td><td>计财科</td>
<td rowspan="2">2025年8月底前</td></tr>
<tr><td>2</td><td>开展保育教育质量评估。</td><td>教研室</td></tr>
<tr><td colspan="5"><b>二、义务教育</b></td></tr>
<tr><td>3</td><td>新增义务教育学位1200个。</td><td>计财科</td><td>基教科</td><td>2025年9月1日前</td></tr>
</tbody></table>"""


def test_a_cell_spanning_rows_of_a_pages_table_is_in_each_of_its_rows(tmp_path):
    path = tmp_path / "page.html"
    path.write_text(f'<html><body><div class="nav">首页</div><div id="zoom"><p>示例市教育局2025年重点工作任务分解表</p>'
                    f"{SPANNED_TABLE}</div></body></html>", encoding="utf-8")
    assert read_source(str(path))[0].splitlines()[1:6] == [
        "序号\t重点任务\t责任单位\t完成时限", "序号\t重点任务\t牵头单位\t配合单位\t完成时限", "一、学前教育",
        "1\t新建公办幼儿园2所，新增学位540个。\t基教科\t计财科\t2025年8月底前",
        "2\t开展保育教育质量评估。\t基教科\t教研室\t2025年8月底前"]
    plan = drafted(path, tmp_path)
    assert [(s["number"], s["title"]) for s in plan["sections"]] == [("一", "学前教育"), ("二", "义务教育")]
    assert [(i["number"], i["owners"], i["support"], str(i["deadline"])) for i in items(plan)] == [
        ("1", ["基教科"], ["计财科"], "2025-08-31"), ("2", ["基教科"], ["教研室"], "2025-08-31"),
        ("3", ["计财科"], ["基教科"], "2025-09-01")]


LAID_OUT_PAGE = """<html><body><table width="1000"><tr><td class="lm">主题分类</td></tr></table>
<table width="780" class="xxgk_table"><tr><td>当前位置：首页 &gt; 政府信息公开 &gt; 计划总结</td></tr>
<tr><td><table border="1"><tr><td>索 引 号：</td><td>11451023MB1234567X/2025-00031</td></tr></table></td></tr>
<tr><td align="center" style="font-size:22px">示例市教育局2025年工作要点</td></tr>
<tr><td class="content" id="zoom">
<div style="text-indent:2em"><span>2025年，全市教育工作坚持</span><span>立德树人。</span></div>
<div style="text-indent:2em"><span style="font-family:黑体">一、</span><span>推进教育均衡发展</span></div>
<div style="text-indent:2em"><span>1.</span><span>扩大学前教育资源。新建公办幼儿</span><span>园</span><span>2</span><span>所。（责任单位：基教科）</span></div>
<div style="text-indent:2em"><span>2.</span><span>加强教师培训。培训教师</span><span>500</span><span>人次。（责任单位：计财科）</span></div>
</td></tr></table></body></html>"""


def test_an_article_laid_out_in_the_rows_of_a_pages_table_keeps_its_paragraphs(tmp_path):
    """A 政府信息公开 page printing its article in a layout table's cell, paragraphs as <div>s of <span>s: each
    paragraph is a line (the cell was one line of cells, the whole plan a preamble of one line, no item)."""
    path = tmp_path / "page.html"
    path.write_text(LAID_OUT_PAGE, encoding="utf-8")
    assert read_source(str(path))[0].splitlines()[-4:] == [
        "2025年，全市教育工作坚持立德树人。", "一、推进教育均衡发展", "1.扩大学前教育资源。新建公办幼儿园2所。（责任单位：基教科）",
        "2.加强教师培训。培训教师500人次。（责任单位：计财科）"]
    plan = drafted(path, tmp_path)
    assert [(i["number"], i["owners"], [t["value"] for t in i["targets"]]) for i in items(plan)] == [
        ("1", ["基教科"], [2]), ("2", ["计财科"], [500])]


# --- tables of Word documents ---------------------------------------------------------------------------

def test_a_word_table_with_merged_cells_gives_each_task_its_section_owners_and_deadline(tmp_path):
    document = docx.Document()
    document.add_paragraph("示例市卫生健康委员会2025年重点工作任务清单")
    rows = [("一、深化医药卫生体制改革",),
            ("1", "推进紧密型县域医共体建设。", "基教科", "计财科", "2025年12月底前"),
            ("2", "深化公立医院改革。", "基教科", "教研室", "2025年12月底前"),
            ("二、提升公共卫生服务能力",),
            ("3", "加强疾病预防控制体系建设。", "计财科", "基教科", "2025年9月底前")]
    table = document.add_table(rows=len(rows) + 2, cols=5)
    for column, text in enumerate(("序号", "重点任务", "责任科室", "", "完成时限")):
        table.cell(0, column).text = text
    table.cell(1, 2).text, table.cell(1, 3).text = "牵头科室", "配合科室"
    for column in (0, 1, 4):
        table.cell(0, column).merge(table.cell(1, column))
    table.cell(0, 2).merge(table.cell(0, 3))
    for index, values in enumerate(rows, 2):
        if len(values) == 1:
            table.cell(index, 0).merge(table.cell(index, 4)).text = values[0]
        else:
            for column, text in enumerate(values):
                table.cell(index, column).text = "" if index == 4 and column in (2, 4) else text
    for column in (2, 4):  # one 牵头科室 and one 完成时限 for tasks 1 and 2
        table.cell(3, column).merge(table.cell(4, column))
    path = tmp_path / "breakdown.docx"
    document.save(path)
    plan = drafted(path, tmp_path)
    assert [(s["number"], s["title"]) for s in plan["sections"]] == [
        ("一", "深化医药卫生体制改革"), ("二", "提升公共卫生服务能力")]
    assert [(i["number"], i["owners"], i["support"], str(i["deadline"])) for i in items(plan)] == [
        ("1", ["基教科"], ["计财科"], "2025-12-31"), ("2", ["基教科"], ["教研室"], "2025-12-31"),
        ("3", ["计财科"], ["基教科"], "2025-09-30")]


def test_a_word_tasks_cells_merged_down_over_its_measures_give_a_section_of_them(tmp_path):
    """序号 and 重点任务 merged down over the rows of their 具体措施 (python-docx repeats such a cell in each row):
    one section for the task, an item for each measure, with the units and deadline of its row."""
    document = docx.Document()
    document.add_paragraph("示例市教育局2025年重点工作任务分解表")
    rows = [("序号", "重点任务", "具体措施", "牵头单位", "配合单位", "完成时限"),
            ("1", "扩大普惠资源", "新建公办幼儿园2所。", "基教科", "计财科", "2025年8月底前"),
            ("", "", "认定普惠性民办园10所。", "", "教研室", "2025年10月底前"),
            ("2", "提升保教质量", "开展保育教育质量评估。", "教研室", "基教科", "2025年12月底前")]
    table = document.add_table(rows=len(rows), cols=len(rows[0]))
    for index, values in enumerate(rows):
        for column, text in enumerate(values):
            table.cell(index, column).text = text
    for column in (0, 1, 3):  # the task's number, name and lead unit over its two rows
        table.cell(1, column).merge(table.cell(2, column))
    path = tmp_path / "tasks.docx"
    document.save(path)
    plan = drafted(path, tmp_path)
    assert [(s["number"], s["title"], [(i["number"], i["title"], i["owners"], i["support"], str(i["deadline"]))
                                       for i in s["items"]]) for s in plan["sections"]] == [
        ("1", "扩大普惠资源", [("1", "新建公办幼儿园2所", ["基教科"], ["计财科"], "2025-08-31"),
                         ("2", "认定普惠性民办园10所", ["基教科"], ["教研室"], "2025-10-31")]),
        ("2", "提升保教质量", [("1", "开展保育教育质量评估", ["教研室"], ["基教科"], "2025-12-31")])]


def test_a_wps_documents_typed_numbers_repeated_header_and_blank_rows_keep_its_tables_categories_in_its_section(
        tmp_path):
    """As WPS saves a plan: numbers typed with a tab after them (一、\t 1.\t), a task table in section 三 whose header
    row repeats on each page (tblHeader), category rows merged across restarting at 一、, and blank rows, merged or
    not, between them: the categories are parts of 三 (they broke the document's sequence, all rows items of 三)."""
    document = docx.Document()
    for text in ("示例县教育局2025年工作要点", "一、\t主要目标", "1.\t学前三年毛入园率达到92%以上。", "二、\t重点工作",
                 "1.\t加强党的建设。（责任单位：基教科）", "三、\t重点任务分解表"):
        document.add_paragraph(text)
    rows = [("序号", "工作任务", "具体措施", "责任单位", "完成时限"), ("一、学前教育",),
            ("1", "扩大普惠资源", "新建公办幼儿园3所。", "基教科", "2025年8月底前"), ("",), ("二、义务教育",),
            ("2", "推进集团化办学", "组建城乡学校共同体12个。", "基教科", "2025年9月底前"), ("", "", "", "", "")]
    table = document.add_table(rows=len(rows), cols=5)
    table.rows[0]._tr.get_or_add_trPr().append(parse_xml(f'<w:tblHeader {nsdecls("w")}/>'))
    for index, values in enumerate(rows):
        if len(values) == 1:
            table.cell(index, 0).merge(table.cell(index, 4)).text = values[0]
        for column, text in enumerate(values if len(values) > 1 else ()):
            table.cell(index, column).text = text
    for text in ("四、\t保障措施", "1.\t加强组织领导。"):
        document.add_paragraph(text)
    path = tmp_path / "wps.docx"
    document.save(path)
    plan = drafted(path, tmp_path)
    sections = plan["sections"]
    assert [(s["number"], s["title"]) for s in sections] == [("一", "主要目标"), ("二", "重点工作"),
                                                             ("三", "重点任务分解表"), ("四", "保障措施")]
    assert [(s["number"], s["title"], [(i["number"], i["title"], i["owners"], str(i["deadline"])) for i in s["items"]])
            for s in sections[2]["sections"]] == [
        ("一", "学前教育", [("1", "扩大普惠资源", ["基教科"], "2025-08-31")]),
        ("二", "义务教育", [("2", "推进集团化办学", ["基教科"], "2025-09-30")])]
    assert (sections[2].get("text"), sections[2].get("items")) == (None, None)


def test_a_small_table_of_figures_below_an_item_is_its_text_not_items_of_its_own(tmp_path):
    """A table of figures right below an item of many (项目 | 2024年 | 2025年目标 under item 2): its header and rows
    are the item's text, reported, and the item keeps its place (it was made a section of the rows, item 3 moved up
    above it)."""
    document = docx.Document()
    for text in ("示例市教育局2025年工作要点", "一、建设高素质教师队伍", "1.加强师德师风建设。（责任单位：基教科）",
                 "2.补充教师。招聘新教师120名。（责任单位：计财科）"):
        document.add_paragraph(text)
    rows = [("项目", "2024年", "2025年目标"), ("新教师（名）", "100", "120"), ("培训学时", "60", "72")]
    table = document.add_table(rows=len(rows), cols=3)
    for index, values in enumerate(rows):
        for column, text in enumerate(values):
            table.cell(index, column).text = text
    document.add_paragraph("3.抓好校园安全。（责任单位：基教科）")
    path = tmp_path / "plan.docx"
    document.save(path)
    plan = drafted(path, tmp_path)
    assert [(s["number"], s.get("sections")) for s in plan["sections"]] == [("一", None)]
    assert [(i["number"], i["owners"]) for i in items(plan)] == [("1", ["基教科"]), ("2", ["计财科"]), ("3", ["基教科"])]
    assert items(plan)[1]["text"] == ("补充教师。招聘新教师120名。\n项目\t2024年\t2025年目标\n"
                                      "新教师（名）\t100\t120\n培训学时\t60\t72")
    unsure = import_source(str(path), Settings(organisation="demo-edu", year=2025), load_vocabulary(
        str(tmp_path), [])[0]).unsure
    assert [(u.line, u.message) for u in unsure if "table" in u.message] == [
        (4, "the rows of the table below item 2 (lines 5–7) are read as its text, as they name no units and most "
            "items numbered as it is have none: check they are not items of their own")]


def test_a_table_of_figures_below_an_item_is_its_text_with_a_note_and_a_titled_table_below_it(tmp_path):
    """A table of figures right below an item, then a note, a title and a table of indicators (项目 | 2024年 |
    2025年目标 under 2.提升旅游接待能力。, 备注：…, 莲花县2025年文旅主要指标 over 序号 | 指标名称 | …): the figures are
    the item's text, the indicators a section of their own beside the items; the item was made a section of the
    figures' rows holding the indicators' section, the figures' rows items."""
    document = docx.Document()
    for text in ("示例市教育局2025年工作要点", "一、建设高素质教师队伍", "1.加强师德师风建设。（责任单位：基教科）",
                 "2.补充教师。"):
        document.add_paragraph(text)
    for rows, below in (([("项目", "2024年", "2025年目标"), ("新教师（名）", "100", "120"), ("培训学时", "60", "72")],
                         ("备注：新教师含特岗教师。", "示例市2025年教育主要指标")),
                        ([("序号", "指标名称", "单位", "目标值", "责任单位"), ("1", "学前三年毛入园率", "%", "93", "基教科"),
                          ("2", "新建公办幼儿园", "所", "6", "计财科")], ("二、办好人民满意教育",
                                                                  "3.抓好校园安全。（责任单位：基教科）"))):
        table = document.add_table(rows=len(rows), cols=len(rows[0]))
        for index, values in enumerate(rows):
            for column, text in enumerate(values):
                table.cell(index, column).text = text
        for text in below:
            document.add_paragraph(text)
    path = tmp_path / "plan.docx"
    document.save(path)
    plan = drafted(path, tmp_path)
    first = plan["sections"][0]
    assert [(i["number"], i["title"]) for i in first["items"]] == [("1", "加强师德师风建设"), ("2", "补充教师")]
    assert first["items"][1]["text"] == "补充教师。\n项目\t2024年\t2025年目标\n新教师（名）\t100\t120\n培训学时\t60\t72"
    assert [(s["title"], [(i["title"], i["owners"]) for i in s["items"]]) for s in first["sections"]] == [
        ("示例市2025年教育主要指标", [("学前三年毛入园率", ["基教科"]), ("新建公办幼儿园", ["计财科"])])]
    assert [(s["number"], [i["number"] for i in s["items"]]) for s in plan["sections"][1:]] == [("二", ["3"])]


# --- PDFs as a browser or an office prints them -------------------------------------------------------------

PRINTED = Path(__file__).parent / "fixtures" / "import" / "printed.pdf"
# printed by Chromium (page.pdf with a header and footer template), 30 characters a line, on three pages: each
# with the header 示例市教育局文件 and the footer 第 N 页 共 3 页, the attachment on a page of its own


def test_a_printed_pdf_is_read_without_its_running_header_and_footer_and_with_its_paragraphs_whole(caplog):
    text, problems, _ = read_source(str(PRINTED))
    lines = [line for line in text.splitlines() if line]
    assert (problems, lines[:2]) == ([], ["示例市教育局工作要点", "一、加强党的建设"])
    assert lines[2:] == [
        "１．深化理论武装。健全第一议题制度，统筹推进各项工作落实落细并持续巩固提升质量水平加强协调配合形成。（责任单位：基教科）",
        # a sentence filling its last line, the owner clause on the next
        "２．加强基层党组织建设。推进中小学校党组织领导的校长负责制，统筹推进各项工作落实落细并持续巩固提升质量水平加强协调配合。"
        "（责任单位：计财科）",
        "二、推进教育优质均衡发展",
        # the page turns inside the item (the header of page 2 stood between its lines), its owner clause cut at the
        # colon
        "３．促进义务教育优质均衡。实施薄弱学校改造提升工程，统筹推进各项工作落实落细并持续巩固提升质量水平加强协调。"
        "（责任单位：基教科、计财科）",
        # the owner clause ends a full line: the closing words below are no part of it
        "４．抓好学生资助工作。全年资助家庭经济困难学生，统筹推进各项工作落实落细并持续巩固提升质量水平加强。（责任单位：计财科）",
        "各单位要对照本要点，结合实际制定具体落实措施，确保各项工作落到实处。",
        "示例市教育局", "二〇二五年二月十八日",
        "附件", "序号 工作任务", "１ 新建公办幼儿园 基教科 二〇二五年八月底前", "牵头单位 完成时限"]
    assert not [record for record in caplog.records if record.name.startswith("pdfminer")]  # (no FontBBox)


def test_pdfminers_font_warnings_are_not_printed_after_it_printed_some_in_the_same_process(caplog):
    # In a process that used pdfminer before (a program importing plans, here pdfminer reading the PDF itself), its
    # loggers had learnt that they warn, and the import printed the warnings all the same
    from pdfminer.high_level import extract_text

    extract_text(str(PRINTED))
    assert [record for record in caplog.records if record.name.startswith("pdfminer")]
    caplog.clear()
    assert read_source(str(PRINTED))[1] == []
    assert not [record for record in caplog.records if record.name.startswith("pdfminer")]


def test_an_attachment_after_the_signature_is_kept_in_the_closing_and_the_signature_read(tmp_path):
    plan = drafted(PRINTED, tmp_path)
    assert str(plan["published"]) == "2025-02-18"
    assert [(i["number"], i["owners"]) for i in items(plan)] == [
        ("1", ["基教科"]), ("2", ["计财科"]), ("3", ["基教科", "计财科"]), ("4", ["计财科"])]
    assert plan["closing"].splitlines() == [
        "各单位要对照本要点，结合实际制定具体落实措施，确保各项工作落到实处。", "附件", "序号 工作任务",
        "１ 新建公办幼儿园 基教科 二〇二五年八月底前", "牵头单位 完成时限"]


# --- the title of a saved page --------------------------------------------------------------------------

@pytest.mark.parametrize("title, expected", [
    ("示例区市场监督管理局2025年食品安全工作实施方案_示例区人民政府", "示例区市场监督管理局2025年食品安全工作实施方案"),
    ("示例市教育局2023-2025年学前教育行动计划 - 示例市教育局", "示例市教育局2023-2025年学前教育行动计划"),
])
def test_a_page_title_printed_in_no_heading_is_read_from_the_pages_title_without_the_sites_name(
        tmp_path, title, expected):
    path = tmp_path / "page.html"
    path.write_text(f'<html><head><title>{title}</title></head><body><table><tr><td class="menu">网站首页</td></tr>'
                    f'<tr><td align="center"><font><b>{expected}</b></font></td></tr>'
                    '<tr><td>为全面落实食品安全“四个最严”要求，切实保障人民群众饮食安全，结合实际，制定本方案。<br>'
                    '一、重点任务<br>1．开展食品生产企业风险分级管理，A级风险企业检查覆盖率达到100%。（责任单位：基教科）<br>'
                    '2．深化校园食品安全守护行动，学校食堂“互联网+明厨亮灶”覆盖率达到100%。（责任单位：计财科）<br>'
                    '</td></tr></table></body></html>', encoding="utf-8")
    assert read_source(str(path))[0].splitlines()[0] == expected
    assert drafted(path, tmp_path)["title"] == expected


def test_a_page_title_the_article_prints_is_not_read_twice(tmp_path):
    path = tmp_path / "page.html"
    path.write_text("<html><head><title>示例市卫生健康委员会2025年重点工作任务清单-示例市卫生健康委员会</title></head>"
                    '<body><div id="zoom"><p>各科室：</p><p>现将任务清单印发给你们。</p>'
                    "<p>示例市卫生健康委员会2025年重点工作任务清单</p><p>一、深化医改</p></div></body></html>",
                    encoding="utf-8")
    assert read_source(str(path))[0].splitlines()[0] == "各科室："
