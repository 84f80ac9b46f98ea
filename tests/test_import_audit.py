"""The audit of an import: words of the source no field of the draft holds are reported, not lost silently."""

from __future__ import annotations

import copy

from generator.importer import audit, metadata, structure
from generator.importer.clean import clean
from generator.importer.pipeline import Settings, import_source
from generator.importer.report import walk_item_dicts
from generator.importer.textmap import split_lines
from generator.load import load_vocabulary
from projects import DEPARTMENTS, ORGANISATIONS, SEEDS, THEMES, write

TEXT = ("示例市教育局2025年工作任务分解\n一、学前教育\n（一）扩大资源\n1.扩大普惠资源，新建幼儿园3所，\n新增学位900个。\n"
        "牵头单位：基教科；完成时限：2025年9月底前\n此项工作纳入年度考核。\n2.一是提升保教质量；二是加强教研。（责任单位：教研室）\n"
        "3.【督导室】开展督导评估。\n附件：1.任务分解表\n2.考核细则\n")


def imported(tmp_path, text: str):
    for name, content in (("organisations", ORGANISATIONS), ("departments", DEPARTMENTS), ("themes", THEMES)):
        write(tmp_path, f"content/{name}.yaml", content)
    vocabulary, _ = load_vocabulary(str(tmp_path), [])
    path = tmp_path / "plan.txt"
    path.write_text(text, encoding="utf-8")
    result = import_source(str(path), Settings(organisation="demo-edu"), vocabulary)
    _, body, _ = metadata.split(list(clean(split_lines(text)).lines))
    return result, body


def lost_clauses(body, plan: dict, reported=()):
    """What the audit reports of ``body`` imported as ``plan``, its tables' cells read as the import reads them."""
    return audit.lost_clauses(body, structure.outline(body, 2025).cells, plan, reported)


def lost(unsure) -> tuple[int, str]:
    return unsure.line, unsure.message.split("”")[0].lstrip("“")


def test_an_import_that_keeps_every_word_reports_nothing(tmp_path):
    """Hard wraps, owner clauses of lines, 一是 clauses, units in 【】, headings and a list of attachments."""
    result, body = imported(tmp_path, TEXT)
    assert lost_clauses(body, result.plan) == []
    assert not [u for u in result.unsure if "in no field of the draft" in u.message]


def test_words_no_field_holds_are_reported_with_their_line(tmp_path):
    result, body = imported(tmp_path, TEXT)
    plan = copy.deepcopy(result.plan)
    plan["closing"] = ""  # as when the list of attachments was lost
    [first] = [i for i in walk_item_dicts(plan["sections"]) if i["number"] == "1"]
    first["text"] = first["text"].replace("\n此项工作纳入年度考核。", "")  # as when the deadline swallowed it
    assert [lost(u) for u in lost_clauses(body, plan)] == [
        (6, "此项工作纳入年度考核"), (10, "附件：1.任务分解表"), (11, "考核细则")]


def test_the_seeds_import_without_a_lost_word(tmp_path):
    for seed in sorted(SEEDS.glob("*.txt")):
        result, body = imported(tmp_path, seed.read_text(encoding="utf-8"))
        assert lost_clauses(body, result.plan) == [], seed.name


def body_of(text: str):
    return list(clean(split_lines(text)).lines)


def test_past_the_first_clauses_lost_the_rest_are_counted():
    body = body_of("".join(f"第{n}项工作落实到位。\n" for n in range(1, audit.SHOWN + 3)))
    found = lost_clauses(body, {})
    assert [u.line for u in found] == list(range(1, audit.SHOWN + 2))
    assert found[-1].message == "and 2 more such clause(s) from here on"


def test_a_clause_the_plans_title_preamble_notes_or_closing_holds_is_not_lost():
    body = body_of("此项工作纳入年度考核。\n")
    assert lost_clauses(body, {}) != []
    for name in ("title", "preamble", "notes", "closing"):
        assert lost_clauses(body, {name: "此项工作纳入年度考核。"}) == [], name


def test_a_cell_of_a_tables_row_is_lost_unless_a_field_holds_it_or_the_report_quotes_it():
    body = body_of("序号\t工作任务\t牵头单位\t完成时限\n1\t扩大普惠资源\t基教科、教研室\t2025年9月底前\n")
    assert [lost(u) for u in lost_clauses(body, {})] == [(2, "扩大普惠资源"), (2, "基教科、教研室")]
    item = {"number": "1", "text": "扩大普惠资源", "owners": ["基教科"], "support": ["教研室"]}
    assert lost_clauses(body, {"sections": [{"items": [item]}]}) == []
    assert lost_clauses(body, {}, ["item 1: “扩大普惠资源”", "owner “基教科、教研室”"]) == []


def test_a_cell_a_report_message_holds_only_part_of_is_lost():
    """The report holds a cell when it quotes it whole: 备注 教研室 is not held by a message quoting another cell
    (owner “基教科、教研室”) that has it in it, nor 新建学校 by one quoting a metric."""
    body = body_of("序号\t工作任务\t牵头单位\t备注\n1\t扩大普惠资源\t基教科、教研室\t教研室\n2\t建设操场\t基教科\t新建学校\n"
                   "3\t开展督导\t基教科\t“四个自信”\n")
    items = [{"number": "1", "text": "扩大普惠资源"}, {"number": "2", "text": "建设操场"}, {"number": "3", "text": "开展督导"}]
    report = ["owner “基教科、教研室” is not in content/departments.yaml", "item 1: “基教科”",
              "metric “新建学校班级” is not in content/metrics.yaml", "item 3: “四个自信”"]
    assert [lost(u) for u in lost_clauses(body, {"sections": [{"items": items}]}, report)] == [
        (2, "教研室"), (3, "新建学校")]


def test_a_column_not_read_is_kept_in_the_items_text_and_a_row_that_is_no_item_is_reported(tmp_path):
    """A value with no number is no target, and a row with no task no item: reported lost.  备注 is no column the
    importer reads: its cell was reported lost too (“the import lost it”, for a column it does not read); it is
    kept in the item's text, the row as printed from the task on, and the report says so."""
    result, _ = imported(tmp_path, "示例县教育局2025年工作要点\n一、重点任务\n序号\t工作任务\t预期目标\t牵头单位\t完成时限\t备注\n"
                                   "1\t扩大普惠资源\t新建幼儿园3所\t基教科\t2025年9月底前\t需财政保障\n"
                                   "2\t提升保教质量\t持续提升\t教研室\t全年\t\n3\t\t\t督导室\t长期坚持\t\n"
                                   "4\t杜绝校园安全责任事故\t0起\t安全股\t全年\t\n")
    assert [lost(u) for u in result.unsure if "in no field of the draft" in u.message] == [
        (5, "持续提升"), (6, "督导室"), (7, "0起")]  # 0起 is no target: the report names “0”
    first = result.plan["sections"][0]["items"][0]
    assert (first["title"], first["text"], [t["text"] for t in first["targets"]]) == (
        "扩大普惠资源", "扩大普惠资源\t新建幼儿园3所\t基教科\t2025年9月底前\t需财政保障", ["新建幼儿园3所"])
    assert result.source_text[slice(*first["span"])] == first["text"]  # its span, as --verify checks
    assert [(u.line, u.message) for u in result.unsure if "需财政保障" in u.message] == [
        (4, "“需财政保障” of item 1, in column 备注, which the importer does not read: kept in the item's text, which "
            "is now its row as printed from “扩大普惠资源” on, with “新建幼儿园3所”, “基教科” and “2025年9月底前” printed "
            "between; check it")]


def test_words_before_a_paragraphs_yi_shi_after_a_colon_are_the_sections_text_not_lost(tmp_path):
    """…抓好以下工作：一是…；二是…: the words before 一是 are the section's text, its points items."""
    result, body = imported(tmp_path, "某县卫生健康局2025年工作总结\n一、2026年工作打算\n2026年，我们将重点抓好以下工作："
                                      "一是持续深化医共体建设；二是推进新院区投入使用，新增床位200张。\n")
    [section] = result.plan["sections"]
    assert (section["text"], [i["text"] for i in section["items"]]) == (
        "2026年，我们将重点抓好以下工作：", ["持续深化医共体建设；", "推进新院区投入使用，新增床位200张。"])
    assert lost_clauses(body, result.plan) == []
