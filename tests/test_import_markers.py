"""Items marked as curators find them in the wild: symbols (● ■ ◆ ★ ▲ —), brackets left half open, enumerations
written in words, slips of text recognition (importer stages 4 and 5)."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.cli import main
from generator.importer.pipeline import Settings, import_source
from generator.importer.report import walk_item_dicts
from projects import demo_vocabulary


@pytest.fixture
def vocabulary(tmp_path):
    return demo_vocabulary(tmp_path)


def imported(tmp_path: Path, vocabulary, text: str):
    path = tmp_path / "plan.txt"
    path.write_text(text, encoding="utf-8")
    result = import_source(str(path), Settings(organisation="demo-edu", year=2025), vocabulary)
    assert result.errors == ()
    return result


def items(plan: dict) -> list[tuple]:
    return [(item["number"], item["title"], item["owners"]) for item in walk_item_dicts(plan["sections"])]


SYMBOLS = """示例区教育局2025年工作要点

一、加强党的建设
● 深化理论武装。全年开展集中学习12次以上。（责任单位：办公室）
● 加强基层党组织建设。开展党组织书记述职评议。（责任单位：组织人事科）
二、促进义务教育优质均衡
1.推进集团化办学。新组建教育集团3个。（责任单位：基础教育科）
2.深化“双减”工作。课后服务覆盖率保持100%。（责任单位：基础教育科、校外培训监管科）
◆ 加强作业管理。每学期开展作业专项督查2次。（责任单位：教育督导室）
◆ 规范招生入学。公办学校划片入学比例达到100%。（责任单位：基础教育科，2025年7月底前完成）
3.推进课程改革。建设区级精品课程20门。（责任单位：教研室）
三、维护校园安全稳定
—— 做好防溺水工作。家长告知书发放率100%。（责任单位：安全稳定科）
—— 强化心理健康教育。心理健康教师配备率达到100%。（责任单位：德育科）
"""


def test_lines_a_symbol_marks_are_items_beside_numbered_ones_naming_their_own_units(tmp_path, vocabulary):
    result = imported(tmp_path, vocabulary, SYMBOLS)
    assert items(result.plan) == [
        ("●", "深化理论武装", ["办公室"]), ("●", "加强基层党组织建设", ["组织人事科"]),
        ("1", "推进集团化办学", ["基础教育科"]), ("2", "深化“双减”工作", ["基础教育科", "校外培训监管科"]),
        ("◆", "加强作业管理", ["教育督导室"]), ("◆", "规范招生入学", ["基础教育科"]), ("3", "推进课程改革", ["教研室"]),
        ("——", "做好防溺水工作", ["安全稳定科"]), ("——", "强化心理健康教育", ["德育科"])]
    assert [section.get("text") for section in result.plan["sections"]] == [None, None, None]
    second = list(walk_item_dicts(result.plan["sections"]))[3]
    assert "deadline" not in second and second["text"] == "深化“双减”工作。课后服务覆盖率保持100%。"
    messages = [unsure.message for unsure in result.unsure]
    assert sum("marks items with no number" in message for message in messages) == 2
    assert sum("one more item beside it" in message for message in messages) == 1


def test_a_symbol_in_the_preamble_stays_its_text(tmp_path, vocabulary):
    text = "示例区教育局2025年工作要点\n\n● 总体要求：坚持立德树人。\n一、加强党的建设\n1.深化理论武装。（责任单位：办公室）\n"
    result = imported(tmp_path, vocabulary, text)
    assert "● 总体要求：坚持立德树人。" in result.plan["preamble"]
    assert items(result.plan) == [("1", "深化理论武装", ["办公室"])]


def outline(sections: list[dict]) -> list:
    """Numbers as a nested list: a section is [number, [its sections and items]]."""
    return [[section["number"], outline(section.get("sections") or []) + [item["number"] for item in
                                                                            section.get("items") or []]]
            for section in sections]


HALF_OPEN = """示例市卫生健康委员会2025年工作要点

一、提升医疗服务能力
（一）加强临床专科建设
1.新增省级临床重点专科5个。（责任单位：医政医管科）
2.建设市级临床重点专科15个。（责任单位：医政医管科）
二）改善就医体验
1.推进预约诊疗。（责任单位：医政医管科）
2.推进检查检验结果互认。（责任单位：规划信息科）
二、加强公共卫生体系建设
一）完善疾病预防控制体系
1）健全传染病监测预警机制。（责任单位：疾病预防控制科）
(2）加强实验室能力建设。（责任单位：疾病预防控制科）
二）做好重点疾病防控
1）结核病患者成功治疗率达到90%以上。（责任单位：疾病预防控制科）
"""


def test_a_bracket_left_half_open_numbers_as_its_closed_kin_and_goes_on_with_its_sequence(tmp_path, vocabulary):
    result = imported(tmp_path, vocabulary, HALF_OPEN)
    assert outline(result.plan["sections"]) == [
        ["一", [["(一)", ["1", "2"]], ["(二)", ["1", "2"]]]],  # 二） goes on with （一）
        ["二", [["(一)", ["(1)", "(2)"]], ["(二)", ["(1)"]]]]]  # 一） and 1） as its first, (2） with 1）
    assert items(result.plan)[3] == ("2", "推进检查检验结果互认", ["规划信息科"])
    assert not any("sequence" in unsure.message for unsure in result.unsure)


SCANNED = """东源县农业农村局2O25年工作要点

一、推进乡村产业发展
1.推进高标准农田建设。新建高标准农田2.5万亩。（责任单位：农田建设股，2025年l2月底前完成）
2.壮大特色产业。新增“三品一标”认证l0个，推广O2O模式，通过ISO9001认证，O3和CO2协同控制。（责任单位：产业发展股）
二、扎实推进乡村建设
l.培育高素质农民。培训高素质农民500人。（责任单位：科技教育股，2O25年ll月底前完成）
2.推进农业招商。引进农业项目10个。（责任单位：计划财务股）
3.加强品牌建设。新增区域公用品牌1个。（责任单位：市场信息股）
4.推进冷链物流建设。新建产地冷藏保鲜设施20个。（责任单位：计划财务股）
5.推进农文旅融合。打造休闲农业精品线路3条。（责任单位：产业发展股）
6.发展农村电商。农村网络零售额增长10%。（责任单位：市场信息股）
7.发展新型经营主体。新增家庭农场80家。（责任单位：农村经营管理股）
8.加强耕地保护。耕地保有量不低于上级下达任务。（责任单位：农田建设股）
9.推进农业科技推广。主要农作物良种覆盖率达到98%以上。（责任单位：科技教育股）
1 0.强化金融支农。新增涉农贷款5亿元。（责任单位：计划财务股，2025年9月3O日前完成）

东源县农业农村局
2O25年2月l0日
"""


def test_digits_text_recognition_read_as_letters_or_split_are_read_as_digits_and_reported(tmp_path, vocabulary):
    result = imported(tmp_path, vocabulary, SCANNED)
    plan = result.plan
    assert (plan["title"], plan["published"].isoformat()) == ("东源县农业农村局2025年工作要点", "2025-02-10")
    drafted = list(walk_item_dicts(plan["sections"]))
    assert [(item["number"], item["owners"], str(item.get("deadline"))) for item in drafted] == [
        ("1", ["农田建设股"], "2025-12-31"), ("2", ["产业发展股"], "None"), ("1", ["科技教育股"], "2025-11-30"),
        *((str(n), drafted[n + 1]["owners"], "None") for n in range(2, 10)), ("10", ["计划财务股"], "2025-09-30")]
    assert drafted[1]["text"] == (
        "壮大特色产业。新增“三品一标”认证10个，推广O2O模式，通过ISO9001认证，O3和CO2协同控制。")
    assert [(t["metric"], t["value"]) for t in drafted[1]["targets"]] == [("新增“三品一标”认证", 10)]
    mended = [(unsure.line, unsure.message.split(":")[0]) for unsure in result.unsure if "text recognition" in
              unsure.message]
    assert mended == [(1, "read “2O25” as 2025"), (4, "read “l2” as 12"), (5, "read “l0” as 10"),
                      (7, "read “l.” as 1., “2O25” as 2025, “ll” as 11"), (16, "read “1 0.” as 10., “3O” as 30"),
                      (19, "read “2O25” as 2025, “l0” as 10")]
    assert not any("lost" in unsure.message for unsure in result.unsure)


def test_the_spans_of_a_text_with_mended_digits_verify(tmp_path, vocabulary, capsys):
    source, output = tmp_path / "scanned.txt", tmp_path / "plans" / "2025" / "demo-edu-2025.yaml"
    source.write_text(SCANNED, encoding="utf-8")
    root = ["--root", str(tmp_path), "import"]
    assert main([*root, str(source), "--org", "demo-edu", "--year", "2025", "-o", str(output)]) == 0
    capsys.readouterr()
    assert main([*root, "--verify", str(source), str(output)]) == 0
    assert "0 error(s), 0 warning(s)" in capsys.readouterr().err


POINTS_ON_LINES = """青石县人力资源和社会保障局2025年工作计划

一、构建和谐劳动关系
一是深化根治欠薪工作，农民工实名制管理覆盖率达到100%；
二是加强劳动保障监察，全年开展专项执法检查4次；
三是提升仲裁效能，劳动人事争议仲裁结案率达到92%以上。
（责任单位：劳动保障监察大队、劳动人事争议仲裁院）
二、提升公共服务水平
一是推进“一网通办”，政务服务事项网办率达到90%；
二是加强窗口作风建设，群众满意率达到98%以上。（责任单位：办公室）
"""


def test_an_owner_clause_on_a_line_below_points_each_on_a_line_of_its_own_is_each_points(tmp_path, vocabulary):
    result = imported(tmp_path, vocabulary, POINTS_ON_LINES)
    units = ["劳动保障监察大队", "劳动人事争议仲裁院"]
    assert [(number, owners) for number, _, owners in items(result.plan)] == [
        ("一是", units), ("二是", units), ("三是", units), ("一是", []), ("二是", ["办公室"])]
    assert any("the units stated for section 一" in unsure.message for unsure in result.unsure)


WORDS = """青石县人力资源和社会保障局2025年工作计划

首先，要提高认识；其次，要压实责任。

一、全力稳定和扩大就业
第一，抓好重点群体就业。城镇新增就业3200人以上。第二，加强技能培训。第三，强化就业服务。（责任单位：就业服务中心）
二、健全社会保障体系
一要扩大参保覆盖面，参保率达到95%以上；二要提升经办服务水平；三要加强基金监管。（责任单位：社会保险股）
三、加强人才队伍建设
我们将：首先，加大人才引进力度，全年引进各类人才150名。其次，完善人才评价机制。再次，优化人才服务。最后，落实人才政策。
（责任单位：人才开发股）
四、加强自身建设
坚持统一要求，第一次全面开展作风评议，最后一公里问题得到解决。（责任单位：办公室）
"""


def test_clauses_a_paragraph_numbers_by_words_are_items_as_yi_shi_ones_are(tmp_path, vocabulary):
    result = imported(tmp_path, vocabulary, WORDS)
    sections = result.plan["sections"]
    assert outline(sections) == [["一", ["第一", "第二", "第三"]], ["二", ["一要", "二要", "三要"]],
                                 ["三", ["首先", "其次", "再次", "最后"]], ["四", []]]
    assert [(title, owners) for _, title, owners in items(result.plan)][::3] == [
        ("抓好重点群体就业", ["就业服务中心"]), ("扩大参保覆盖面，参保率达到95%以上", ["社会保险股"]),
        ("加大人才引进力度，全年引进各类人才150名", ["人才开发股"]),
        ("落实人才政策", ["人才开发股"])]
    assert [section.get("text") for section in sections] == [None, None, "我们将：", sections[3]["text"]]
    assert sections[3]["text"].startswith("坚持统一要求，第一次全面开展作风评议，最后一公里")  # no words numbering
    assert result.plan["preamble"] == "首先，要提高认识；其次，要压实责任。"


def test_a_target_in_the_title_of_an_item_read_as_a_section_over_its_points_is_reported(tmp_path, vocabulary):
    text = """示例市卫生健康委员会2025年工作要点

一、完善生育支持政策
1.每千人口拥有3岁以下婴幼儿托位数达到4.5个。（责任单位：人口家庭科）
（1）新增普惠托位1200个；
（2）建设托育综合服务中心2个。
2.做好出生人口监测。（责任单位：人口家庭科）
"""
    result = imported(tmp_path, vocabulary, text)
    assert outline(result.plan["sections"]) == [["一", [["1", ["(1)", "(2)"]], "2"]]]
    assert [(unsure.line, unsure.message) for unsure in result.unsure if "states a target" in unsure.message] == [
        (4, "the title of section 1 states a target, “每千人口拥有3岁以下婴幼儿托位数达到4.5个”: only items hold targets, "
            "make it an item to keep it")]


def test_an_item_after_a_section_beside_it_is_reported_as_moved_before_it(tmp_path, vocabulary):
    text = """示例市卫生健康委员会2025年工作要点

一、加强公共卫生体系建设
1.完善疾病预防控制体系。（责任单位：疾病预防控制科）
（1）健全传染病监测预警机制；
（2）加强实验室能力建设。
2.做好重点疾病防控。（责任单位：疾病预防控制科）
① 结核病患者成功治疗率达到90%以上；
② 适龄儿童免疫规划疫苗接种率保持在95%以上。
3.加强卫生监督执法。（责任单位：卫生监督所）
"""
    result = imported(tmp_path, vocabulary, text)
    assert outline(result.plan["sections"]) == [["一", [["1", ["(1)", "(2)"]], ["2", ["①", "②"]], "3"]]]
    assert [(unsure.line, unsure.message) for unsure in result.unsure if "follows" in unsure.message] == [
        (10, "item 3 follows section 1 in section 一: the draft puts a section's items before its sections, check "
             "the order reads right")]
