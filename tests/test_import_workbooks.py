"""Excel workbooks (.xlsx), as bureaus publish a 任务分解 or 重点工作任务清单 beside a notice: merged cells, a title
row over the table, dates and percentages typed as numbers, sheets hidden or several (importer stage 1 and after)."""

from __future__ import annotations

import datetime
import zipfile
from pathlib import Path

import openpyxl
import pytest

from generator.cli import main
from generator.importer.pipeline import Settings, import_source
from generator.importer.report import walk_sections
from generator.importer.sources import read_source
from generator.importer.workbooks import names_a_part, number_text
from generator.load import load_vocabulary
from projects import demo_vocabulary
from test_import_formats import drafted, items

TITLE = "示例市教育局2025年重点工作任务清单"


def tasks_sheet(sheet) -> None:
    """A task table as offices lay it out: its title merged and centred over all columns, 序号, 重点任务 and 牵头单位
    merged down over the rows of a task's measures, a deadline typed as a date, units on two lines of a cell, a
    blank row, and a cell formatted beyond the table."""
    sheet.append([TITLE])
    sheet.merge_cells("A1:G1")
    sheet.append(["序号", "重点任务", "具体措施", "牵头单位", "配合单位", "完成时限", "预期目标"])
    sheet.append([1, "扩大普惠资源", "新建公办幼儿园。", "基教科", "计财科", datetime.datetime(2025, 8, 31), "新建公办幼儿园6所"])
    sheet.append([None, None, "认定普惠性民办园。", None, "教研室", "2025年10月底前", "认定普惠性民办园10所"])
    sheet.append([])
    sheet.append([2, "提升保教质量", "开展保育教育质量评估。", "教研室", "基教科\n计财科", datetime.datetime(2025, 12, 31)])
    sheet["F3"].number_format = "yyyy/m/d"
    sheet["F6"].number_format = "yyyy\"年\"m\"月\"d\"日\""
    sheet["J7"].number_format = "0.00"  # formatted and empty, beyond the table
    for column in "ABD":
        sheet.merge_cells(f"{column}3:{column}4")


def indicators_sheet(sheet) -> None:
    """A 考核指标 table, its values typed as numbers: a percentage (0.95 shown as 95%) and a count."""
    sheet.append(["指标名称", "2025年目标值", "责任单位"])
    sheet.append(["学前三年毛入园率", 0.95, "基教科"])
    sheet.append(["义务教育巩固率", 0.1 * 3 + 0.69, "基教科"])  # 0.9899999999999999 shown as 99%
    for row in (sheet.max_row - 1, sheet.max_row):
        sheet.cell(row, 2).number_format = "0%"


TASKS = [("1", "扩大普惠资源", [("1", "新建公办幼儿园", ["基教科"], ["计财科"], "2025-08-31", ["新建公办幼儿园6所"]),
                             ("2", "认定普惠性民办园", ["基教科"], ["教研室"], "2025-10-31", ["认定普惠性民办园10所"])]),
         ("2", "提升保教质量", [("1", "开展保育教育质量评估", ["教研室"], ["基教科", "计财科"], "2025-12-31", [])])]


def tasks(sections: list[dict]) -> list[tuple]:
    return [(s["number"], s["title"], [(i["number"], i["title"], i["owners"], i["support"], str(i["deadline"]),
                                        [t["text"] for t in i["targets"]]) for i in s["items"]]) for s in sections]


def test_an_excel_task_table_gives_its_tasks_measures_owners_deadlines_and_targets(tmp_path):
    book = openpyxl.Workbook()
    tasks_sheet(book.active)
    path = tmp_path / "tasks.xlsx"
    book.save(path)
    plan = drafted(path, tmp_path)
    assert (plan["title"], tasks(plan["sections"])) == (TITLE, TASKS)
    text = read_source(str(path))[0]
    assert [text[start:end] for start, end in (i["span"] for i in items(plan))] == [
        "新建公办幼儿园。", "认定普惠性民办园。", "开展保育教育质量评估。"]


def test_a_workbooks_visible_sheets_are_read_in_order_and_a_hidden_one_is_left_out_and_said(tmp_path):
    """The rows of a 考核指标 sheet after tasks of several rows each are no tasks: the tasks are read (the import
    failed on them, KeyError: 'content')."""
    book = openpyxl.Workbook()
    tasks_sheet(book.active)
    draft = book.create_sheet("草稿")
    draft.append(["序号", "重点任务", "牵头单位"])
    draft.append([9, "删去的任务。", "计财科"])
    draft.sheet_state = "hidden"
    indicators_sheet(book.create_sheet("考核指标"))
    path = tmp_path / "tasks.xlsx"
    book.save(path)
    text, [warning], _ = read_source(str(path))
    assert text.splitlines()[-4:] == ["2\t提升保教质量\t开展保育教育质量评估。\t教研室\t基教科 计财科\t2025年12月31日\t",
                                      "指标名称\t2025年目标值\t责任单位", "学前三年毛入园率\t95%\t基教科",
                                      "义务教育巩固率\t99%\t基教科"]
    assert (warning.severity, warning.message) == (
        "warning", "sheet 草稿 is hidden in the workbook: not read (unhide it to import it)")
    sections = drafted(path, tmp_path)["sections"]
    assert tasks(sections[:2]) == TASKS
    assert [(s["number"], s["title"], [i["title"] for i in s["items"]]) for s in sections[2:]] == [
        ("3", "考核指标", ["学前三年毛入园率", "义务教育巩固率"])]  # a section of its own, titled by its sheet


def test_each_sheet_of_one_header_is_a_section_of_its_own_titled_by_its_name_if_that_names_it(tmp_path):
    """Sheets of tasks with one header were read as one table: one section of items numbered 1 2 1 2 1.  Each is a
    section, titled by the sheet's name, but for a name that is no title (Sheet3, or a copy of the title), read as
    the document's."""
    book = openpyxl.Workbook()
    for name in ("上半年任务", "下半年任务", "Sheet3", TITLE):
        sheet = book.active if name == "上半年任务" else book.create_sheet(name)
        sheet.title = name
        if name == "上半年任务":
            sheet.append([TITLE])
        sheet.append(["序号", "工作任务", "责任单位", "完成时限"])
        sheet.append([1, f"{name}的第一项任务。", "基教科", "2025年6月底前"])
        if name != TITLE:
            sheet.append([2, f"{name}的第二项任务。", "教研室", "2025年12月底前"])
    path = tmp_path / "tasks.xlsx"
    book.save(path)
    plan = drafted(path, tmp_path)
    assert [(s["number"], s["title"], [(i["number"], i["text"], i["owners"]) for i in s["items"]])
            for s in plan["sections"]] == [
        ("一", "上半年任务", [("1", "上半年任务的第一项任务。", ["基教科"]), ("2", "上半年任务的第二项任务。", ["教研室"])]),
        ("二", "下半年任务", [("1", "下半年任务的第一项任务。", ["基教科"]), ("2", "下半年任务的第二项任务。", ["教研室"])]),
        ("三", TITLE, [("1", "Sheet3的第一项任务。", ["基教科"]), ("2", "Sheet3的第二项任务。", ["教研室"])]),
        ("四", TITLE, [("1", f"{TITLE}的第一项任务。", ["基教科"])])]


HEADER = ["序号", "工作任务", "责任单位", "完成时限"]


def numbered_on(tmp_path, second: list[list]) -> list[tuple]:
    """Number, title and items' titles of the sections drafted of a workbook whose first sheet holds sections 一 and
    二 and whose second holds the rows ``second``."""
    book = openpyxl.Workbook()
    first, sheet_two = book.active, book.create_sheet("任务二")
    first.title = "任务一"
    for sheet, rows in ((first, [[TITLE], ["一、学前教育"], HEADER,
                                 [1, "新建公办幼儿园。", "基教科", "2025年8月底前"], ["二、义务教育"],
                                 [1, "推进集团化办学。", "基教科", "2025年9月底前"]]), (sheet_two, second)):
        for row in rows:
            sheet.append(row)
    path = tmp_path / "tasks.xlsx"
    book.save(path)
    sections = drafted(path, tmp_path)["sections"]
    return [(s["number"], s["title"], [i["title"] for i in s.get("items", [])]) for s in sections]


@pytest.mark.parametrize("header", [[], [HEADER]], ids=["rows alone", "its header repeated"])
def test_a_sheet_going_on_with_the_numbering_of_the_sheet_before_is_no_section_of_its_own(tmp_path, header):
    """Sections numbered on across sheets (一、 二、 on the first, 三、 四、 on the second) are the document's: the
    second sheet was a section 三 titled by its name, holding 三 and 四; and so it still was when the sheet repeats
    the table's header above them, as a sheet printed on its own does."""
    assert numbered_on(tmp_path, header + [["三、高中教育"], [1, "推进普通高中多样化发展。", "基教科", "2025年12月底前"],
                                  ["四、职业教育"], [1, "深化产教融合。", "职成科", "2025年12月底前"]]) == [
        ("一", "学前教育", ["新建公办幼儿园"]), ("二", "义务教育", ["推进集团化办学"]),
        ("三", "高中教育", ["推进普通高中多样化发展"]), ("四", "职业教育", ["深化产教融合"])]


def test_a_sheet_going_on_with_the_numbering_below_a_title_row_is_no_section_of_its_own(tmp_path):
    """A second sheet opening with a title row (2025年重点工作任务分解表（续）) then 三、 goes on as one opening with 三、
    does: the sheet was a section 三 titled by its name, holding 三."""
    assert [section[:2] for section in numbered_on(tmp_path, [
        ["2025年重点工作任务分解表（续）"], ["三、高中教育"], [1, "推进普通高中多样化发展。", "基教科", "2025年12月底前"]])] == [
        ("一", "学前教育"), ("二", "义务教育"), ("三", "高中教育")]


@pytest.mark.parametrize("title", [TITLE + tail for tail in ("", "（续）", "(续)", "（续表）", "(续表)", " （续表）")])
def test_a_sheet_repeating_the_documents_title_row_and_header_goes_on_with_its_numbering(tmp_path, title):
    """Each sheet printed with the document's title row (also with （续）, (续表): continued) and the header, 三、 below
    them on the second: the title's copy was the text of section 二 (the part above); it is left out, reported, as
    the plan's title."""
    book = openpyxl.Workbook()
    first, second = book.active, book.create_sheet("Sheet2")
    for sheet, rows in ((first, [[TITLE], HEADER, ["一、学前教育"], [1, "新建公办幼儿园。", "基教科", "2025年8月底前"],
                                 ["二、义务教育"], [2, "推进集团化办学。", "基教科", "2025年9月底前"]]),
                        (second, [[title], HEADER, ["三、高中教育"], [3, "推进普通高中多样化发展。", "基教科", "2025年12月底前"]])):
        for row in rows:
            sheet.append(row)
    path = tmp_path / "tasks.xlsx"
    book.save(path)
    plan = drafted(path, tmp_path)
    assert [(s["number"], s["title"], s.get("text")) for s in plan["sections"]] == [
        ("一", "学前教育", None), ("二", "义务教育", None), ("三", "高中教育", None)]
    assert plan["title"] == TITLE
    unsure = import_source(str(path), Settings(organisation="demo-edu"), load_vocabulary(str(tmp_path), [])[0]).unsure
    assert [(u.line, u.message) for u in unsure if "title" in u.message] == [
        (7, "sheet Sheet2 starts by repeating the document's title: left out (it is the plan's title), not read as "
            "the text of the part above")]


LONG_TITLE = "示例市教育局关于印发2025年全市教育系统重点工作任务分解表的通知"  # cut to 31 characters in a sheet's name


@pytest.mark.parametrize("name, title, names", [
    ("考核指标", TITLE, True), ("Sheet1", TITLE, False), ("sheet 2", TITLE, False), ("工作表1", TITLE, False),
    (TITLE, TITLE, False), ("示例市教育局", TITLE, True), (LONG_TITLE[:31], LONG_TITLE, False),
    (LONG_TITLE[:30], LONG_TITLE, True)])
def test_a_sheets_name_titles_its_part_unless_excel_gave_it_or_it_copies_the_title(name, title, names):
    assert names_a_part(name, title) is names


def test_percentages_typed_as_numbers_are_an_indicator_tables_targets(tmp_path):
    book = openpyxl.Workbook()
    book.active.append([TITLE])
    indicators_sheet(book.active)
    path = tmp_path / "indicators.xlsx"
    book.save(path)
    assert [(i["title"], i["owners"], [(t["metric"], t["comparator"], t["value"], t["unit"]) for t in i["targets"]])
            for i in items(drafted(path, tmp_path))] == [
        ("学前三年毛入园率", ["基教科"], [("学前三年毛入园率", ">=", 95, "%")]),
        ("义务教育巩固率", ["基教科"], [("义务教育巩固率", ">=", 99, "%")])]


def imported_rows(folder: Path, suffix: str, rows: list[list[str]]):
    """The import of a plan of ``rows`` as a workbook's sheet (.xlsx: each row as wide as the widest) or as text
    (.txt: each row's cells between tabs, a line typed in a workbook's first column with the tabs after it)."""
    path = folder / f"plan{suffix}"
    if suffix == ".xlsx":
        book = openpyxl.Workbook()
        for row in rows:
            book.active.append(row)
        book.save(path)
    else:
        path.write_text("".join("\t".join(row) + "\n" for row in rows), encoding="utf-8")
    return import_source(str(path), Settings(organisation="demo-edu", year=2025), demo_vocabulary(folder))


TASK_ROWS = [["示例市教育局2025年工作要点"], ["一、重点任务"], HEADER, ["1", "推进学校建设", "基教科", "2025年6月底前"],
             ["2", "加强师资培训", "教研室", "2025年12月底前"]]
INDICATOR_ROWS = [["指标名称", "2025年目标值", "责任单位"], ["学前三年毛入园率", "92%", "基教科"]]


def lost(result) -> list[str]:
    return [u.message for u in result.unsure if "in no field" in u.message]


NOTE, INDICATORS_NOTE = "注：完成时限为最迟完成时间。", "注：以上指标为预期性指标。"


@pytest.mark.parametrize("suffix", [".txt", ".xlsx"])
@pytest.mark.parametrize("rows, sections, titles, closing", [
    (TASK_ROWS + [[NOTE, "", "", ""]], ["重点任务"], ["推进学校建设", "加强师资培训"], NOTE),
    (TASK_ROWS + [["表2 主要考核指标", "", "", ""]] + INDICATOR_ROWS, ["重点任务", "表2 主要考核指标"],
     ["推进学校建设", "加强师资培训", "学前三年毛入园率"], ""),
    ([["示例市教育局2025年工作要点"], ["一、主要指标"], *INDICATOR_ROWS, [INDICATORS_NOTE, "", ""], ["二、保障措施"],
      ["1.加强领导。"]], ["主要指标", "保障措施"], ["学前三年毛入园率", "加强领导"], INDICATORS_NOTE)],
    ids=["a note below tasks", "a title between two tables", "a note below indicators"])
def test_a_line_typed_in_a_tables_first_column_is_no_row_of_it_but_a_note_or_a_title(
        tmp_path, suffix, rows, sections, titles, closing):
    """A line of words then empty cells (注：…\t\t\t, as a workbook writes a line typed in its first column) was read
    as a row of the table above: a note below a task table was lost (reported twice), one below a table of indicators
    an item of its own, and a table's title between two tables lost, the second titled by its first header
    (指标名称).  They are the plan's closing and the title of the second table's section, as with no tabs."""
    result = imported_rows(tmp_path, suffix, rows)
    assert [section["title"] for section in walk_sections(result.plan["sections"])] == sections
    assert [item["title"] for item in items(result.plan)] == titles
    assert (result.plan["closing"], lost(result)) == (closing, [])


@pytest.mark.parametrize("suffix", [".txt", ".xlsx"])
def test_a_row_of_no_value_is_one_of_its_table_but_a_tables_title_in_its_first_column_is_not(tmp_path, suffix):
    """An indicator whose value is left empty (义务教育巩固率\t\t) is a row of its table, as are the rows below it; a
    table's title in the first column (表2 重点任务\t\t), a column of the rows' names, is no row: it titles the
    section of the table below."""
    result = imported_rows(tmp_path, suffix, [["示例市教育局2025年工作要点"], ["一、主要指标"], *INDICATOR_ROWS,
                                              ["义务教育巩固率", "", ""], ["高中阶段毛入学率", "93%", "基教科"],
                                              ["表2 重点任务", "", ""], ["序号", "工作任务", "责任单位"],
                                              ["1", "推进学校建设", "基教科"]])
    assert [(s["title"], [i["title"] for i in s["items"]]) for s in walk_sections(result.plan["sections"])] == [
        ("主要指标", ["学前三年毛入园率", "义务教育巩固率", "高中阶段毛入学率"]), ("表2 重点任务", ["推进学校建设"])]
    assert lost(result) == []


@pytest.mark.parametrize("value, number_format, shown", [
    (6, "General", "6"), (6.0, "General", "6"), (0.1 * 3, "General", "0.3"), (3.0000000000000004, "General", "3"),
    (1e-7, "General", "0.0000001"), (0.95, "0%", "95%"), (0.955, "0.0%", "95.5%"), (0.07, "0.00%", "7.00%"),
    (12.5, "0.00", "12.50"), (1234.4, "#,##0", "1234"), (1234.5, '#,##0.00;[Red]\\-#,##0.00', "1234.50"),
    (0.5, "0.##", "0.5"), (0.93, '[$-804]0%', "93%"), (93, '0"%"', "93%"), (6, '0"所"', "6所"), (6, "0\\所", "6所"),
    (1800, '"新增"#,##0"个"', "新增1800个"), (12.5, '0.0 "亿元"', "12.5 亿元")])
def test_a_number_is_written_as_its_format_shows_it_without_binary_noise(value, number_format, shown):
    assert number_text(value, number_format) == shown


def test_a_cell_gives_the_value_its_formula_last_computed_and_one_never_computed_is_said(tmp_path):
    book = openpyxl.Workbook()
    book.active.append(["指标名称", "2025年目标值", "责任单位"])
    book.active.append(["新增公办学位", "=B3+B4", "基教科"])
    book.active.append(["小学", "=100*3", "基教科"])
    path = tmp_path / "computed.xlsx"
    book.save(path)
    with zipfile.ZipFile(path) as saved:  # as Excel saves it: each formula with the value it computed
        parts = {name: saved.read(name) for name in saved.namelist()}
    sheet = "xl/worksheets/sheet1.xml"
    parts[sheet] = parts[sheet].replace(b"<f>100*3</f><v></v>", b"<f>100*3</f><v>300</v>")
    with zipfile.ZipFile(path, "w") as saved:
        for name, data in parts.items():
            saved.writestr(name, data)
    text, [warning], _ = read_source(str(path))
    assert text.splitlines()[1:] == ["新增公办学位\t\t基教科", "小学\t300\t基教科"]
    assert warning.message == ("sheet Sheet: 1 formula cell(s) whose value the workbook does not hold, read as "
                               "empty (B2): open the workbook in Excel or WPS and save it to store their values")


@pytest.mark.parametrize("name, newer", [
    ("tasks.xls", ".xlsx"), ("tasks.et", ".xlsx"), ("plan.doc", ".docx"), ("plan.wps", ".docx")])
def test_an_older_office_format_is_refused_saying_to_save_it_in_the_newer_one(tmp_path, name, newer):
    path = tmp_path / name
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504))  # an OLE compound file's header
    text, [problem], _ = read_source(str(path))
    assert text is None and problem.message.startswith(f"cannot import {Path(name).suffix} files (")
    assert problem.message.endswith(f"): open it in Word, Excel or WPS and save it as {newer}")


def test_an_xls_named_xlsx_is_refused_as_no_xlsx_workbook(tmp_path):
    path = tmp_path / "tasks.xlsx"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504))
    text, [problem], _ = read_source(str(path))
    assert text is None and "not an Excel workbook in the .xlsx format" in problem.message


def test_import_verify_finds_each_item_of_a_workbook_at_its_span(tmp_path, capsys):
    book = openpyxl.Workbook()
    tasks_sheet(book.active)
    source, plan = tmp_path / "sources" / "tasks.xlsx", tmp_path / "plans" / "2025" / "demo-edu-2025.yaml"
    source.parent.mkdir()
    book.save(source)
    drafted(source, tmp_path)  # (writes the project's vocabulary)
    assert main(["--root", str(tmp_path), "import", str(source), "--org", "demo-edu", "-o", str(plan)]) == 0
    capsys.readouterr()
    assert main(["--root", str(tmp_path), "import", "--verify", str(source), str(plan)]) == 0
    assert capsys.readouterr().err == "0 error(s), 0 warning(s)\n3 of 3 item(s) match the source at their spans\n"


def test_the_report_names_the_sheet_and_row_of_each_line_it_quotes(tmp_path, capsys):
    """A curator finds 附件2 row 4 in a spreadsheet, not line 18 of the text the reader made of it (the rows of
    every visible sheet, empty rows left out)."""
    book = openpyxl.Workbook()
    tasks_sheet(book.active)  # its row 5 is empty: row 6 is line 5
    book.active["H6"] = "暂缓"  # in a column with no header, not read, kept: the report quotes it
    hidden = book.create_sheet("草稿")
    hidden.append(["不读"])
    hidden.sheet_state = "hidden"
    indicators = book.create_sheet("附件2")
    indicators_sheet(indicators)
    indicators.append(["高中阶段毛入学率", 0.94, "督导室"])  # a unit the report names
    source = tmp_path / "tasks.xlsx"
    book.save(source)
    drafted(source, tmp_path)  # (writes the project's vocabulary)
    assert main(["--root", str(tmp_path), "import", str(source), "--org", "demo-edu"]) == 0
    report = capsys.readouterr().err
    assert "    line 5 (sheet Sheet row 6): “暂缓” of item 1, in column (no header), which the importer" in report
    assert any(line.startswith("    line 9 (sheet 附件2 row 4): ") and "督导室" in line for line in report.splitlines())
