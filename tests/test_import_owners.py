"""Owner clauses at the end of an item (责任单位/牵头单位/配合单位/完成时限) and unit lists."""

from __future__ import annotations


import pytest

from generator.importer.owners import find_owner_clause, item_owners, lists_units, split_units
from projects import SEEDS

SEED_001 = SEEDS / "001_c460e3aed4eaef8f.txt"


def test_bracketed_responsible_units_in_stated_order():
    text = "深入开展党史学习教育。(责任单位:宣教科、组织人事科,各县区教育行政部门、市直学校)"
    clause = find_owner_clause(text)
    assert clause.owners == ("宣教科", "组织人事科", "各县区教育行政部门", "市直学校")
    assert clause.support == () and clause.deadline == ""
    assert text[:clause.start] == "深入开展党史学习教育。"
    assert clause.end == len(text)


def test_full_width_brackets_and_colons_with_lead_and_support_units():
    text = "扩大普惠资源。（牵头单位：基教科；配合单位：计财科、督导室）"
    clause = find_owner_clause(text)
    assert clause.owners == ("基教科",)
    assert clause.support == ("计财科", "督导室")
    assert text[clause.start] == "（"


@pytest.mark.parametrize("text", [
    "扩大普惠资源。（牵头单位：基教科；责任单位：计财科、督导室）",
    "扩大普惠资源。\n牵头单位：基教科\n责任单位：计财科,督导室",
])
def test_beside_a_lead_the_responsible_units_help_as_in_a_task_table(text):
    clause = find_owner_clause(text)
    assert (clause.owners, clause.support) == (("基教科",), ("计财科", "督导室"))


@pytest.mark.parametrize("text", [
    "扩大普惠资源。(责任单位:基教科。配合单位:计财科)",
    "扩大普惠资源。(责任单位:基教科;协同单位:计财科)。",
    "扩大普惠资源。（责任单位：基教科，协办单位：计财科）  ",
])
def test_responsible_and_supporting_units_with_any_separator(text):
    clause = find_owner_clause(text)
    assert (clause.owners, clause.support) == (("基教科",), ("计财科",))
    assert text[:clause.start] == "扩大普惠资源。"


def test_responsible_office_label():
    assert find_owner_clause("完善制度。(责任科室:办公室)").owners == ("办公室",)


def test_a_county_bureaus_offices_are_its_sections_gu():
    text = "推进个体工商户分型分类精准帮扶。\n责任股室：登记注册股、个体私营经济股\n完成时限：第三季度\n"
    clause = find_owner_clause(text)
    assert (clause.owners, clause.deadline) == (("登记注册股", "个体私营经济股"), "第三季度")
    assert find_owner_clause("完善制度。（牵头股室：法规股；配合股室：办公室）").support == ("办公室",)
    clause = find_owner_clause("开展校舍安全排查。（基础教育股牵头，安全管理股配合，2025年3月底前完成）")
    assert (clause.owners, clause.support) == (("基础教育股",), ("安全管理股",))


def test_deadline_inside_brackets():
    clause = find_owner_clause("完善制度。(责任单位:基教科;完成时限:2025年12月底)")
    assert clause.owners == ("基教科",) and clause.deadline == "2025年12月底"


def test_final_lines_of_their_own():
    text = "提升保教质量。\n责任单位：基教科、计财科\n完成时限：2025年6月\n"
    clause = find_owner_clause(text)
    assert clause.owners == ("基教科", "计财科")
    assert clause.deadline == "2025年6月"
    assert text[:clause.start] == "提升保教质量。\n"


def test_lines_after_a_clause_of_lines_are_the_items_not_the_deadlines():
    """完成时限's value ended the text: the line below it was read into the deadline, then dropped with it."""
    text = ("推进薪酬制度改革。\n牵头单位：人事股；配合单位：县财政局；完成时限：2025年9月底前\n"
            "此项工作纳入年度绩效考核。\n")
    stated = item_owners(text)
    assert (stated.owners, stated.support, stated.deadline) == (("人事股",), ("县财政局",), "2025年9月底前")
    assert (text[stated.start:stated.end].strip(), text[stated.rest:].strip()) == (
        "推进薪酬制度改革。", "此项工作纳入年度绩效考核。")


@pytest.mark.parametrize("text, owners, deadline", [
    ("推进。\n责任单位：基教科、计财科、\n督导室、人事科\n", ("基教科", "计财科", "督导室", "人事科"), ""),
    ("推进。\n完成时限：\n2025年9月底前\n", (), "2025年9月底前"),
    ("推进。\n牵头单位：人事股\n督导室\n", ("人事股", "督导室"), ""),
])
def test_a_value_going_on_below_its_label_is_the_clauses(text, owners, deadline):
    """A line that names units or a deadline, or follows a value ending in 、, goes on with the value above it."""
    stated = item_owners(text)
    assert (stated.owners, stated.deadline, text[stated.rest:].strip()) == (owners, deadline, "")


def test_a_clause_ending_the_text_is_taken_before_one_followed_by_text():
    text = "甲。\n牵头单位：人事股\n乙。\n牵头单位：药政股\n"
    assert find_owner_clause(text).owners == ("药政股",)
    assert item_owners(text).rest == len(text)


def test_final_clause_after_a_sentence_on_the_same_line():
    clause = find_owner_clause("提升保教质量。责任单位:基教科;完成时间:6月底")
    assert clause.owners == ("基教科",) and clause.deadline == "6月底"


def test_short_labels_lead_and_support():
    text = "提高城乡低保标准。特困人员基本生活标准不低于当地低保标准的1.3倍。（牵头：社会救助科，配合：区财政局）"
    clause = find_owner_clause(text)
    assert (clause.owners, clause.support) == (("社会救助科",), ("区财政局",))
    assert text[:clause.start] == "提高城乡低保标准。特困人员基本生活标准不低于当地低保标准的1.3倍。"


@pytest.mark.parametrize("text, owners, support, deadline", [
    ("扩大普惠性资源。（县教育局牵头，县发改局、县自然资源局配合，2025年8月底前完成）",
     ("县教育局",), ("县发改局", "县自然资源局"), "2025年8月底前完成"),
    ("扩大普惠性资源。（县教育局牵头，县发改局、\n县自然资源局配合，2025年8月底前完成）",  # a line wrapped in the list
     ("县教育局",), ("县发改局", "县自然资源局"), "2025年8月底前完成"),
    ("提升保教质量。（区教育局负责，2025年12月底前完成）", ("区教育局",), (), "2025年12月底前完成"),
    ("推进殡葬改革。(社会事务科牵头负责;各镇街等单位协同)", ("社会事务科",), ("各镇街",), ""),
    ("推进婚俗改革。（年底前完成，社会事务科负责）", ("社会事务科",), (), "年底前完成"),
    ("新增公办学位900个。（由县教育局牵头，县发改局配合）", ("县教育局",), ("县发改局",), ""),  # 由: by
    # a deadline naming what is completed, or in 月份, or in the year after the plan's
    ("派驻帮扶人员。（医政医管处负责，第三季度前完成派驻）", ("医政医管处",), (), "第三季度前完成派驻"),
    ("推进急诊急救能力建设。（卫生应急办公室牵头，医政医管处配合，次年3月底前完成验收）",
     ("卫生应急办公室",), ("医政医管处",), "次年3月底前完成验收"),
    ("推进癌症筛查。（妇幼健康处牵头，疾病预防控制处配合，2025年11月份完成）",
     ("妇幼健康处",), ("疾病预防控制处",), "2025年11月份完成"),
    ("加强执法。（区生态环境分局综合行政执法大队负责，每月通报）", ("区生态环境分局综合行政执法大队",), (), "每月通报"),
    # a verb with what is done, or the share of the work; a bank's branch is a unit
    ("推进保交房。（市住建局牵头，各县（市、区）政府负责落实）", ("市住建局",), ("各县（市、区）政府",), ""),
    ("建设完整社区。（市住建局、市民政局、市卫生健康委按职责分工负责）", ("市住建局", "市民政局", "市卫生健康委"), (), ""),
    ("落实房地产政策。（市住建局牵头，人民银行临川分行配合）", ("市住建局",), ("人民银行临川分行",), ""),
    # 会同: the units after it help
    ("深化平安医院建设。（市卫生健康委会同市公安局、市司法局组织实施）", ("市卫生健康委",), ("市公安局", "市司法局"), ""),
    # 具体实施: who carries the work out, beside the lead a unit that helps
    ("完成燃气管道改造32公里。（区住房和城乡建设局牵头，东湖燃气公司具体实施）", ("区住房和城乡建设局",), ("东湖燃气公司",), ""),
    ("新建农村供水工程18处。（责任单位：农村水利水电科，各县（市、区）水利局具体实施）",
     ("农村水利水电科", "各县（市、区）水利局"), (), ""),
])
def test_units_followed_by_their_verb_and_a_deadline(text, owners, support, deadline):
    clause = find_owner_clause(text)
    assert (clause.owners, clause.support, clause.deadline) == (owners, support, deadline)
    assert text[clause.start] in "(（" and text[:clause.start].endswith("。")


@pytest.mark.parametrize("text, owners, deadline", [
    ("城乡环境卫生整洁行动覆盖率达到100%。（爱国卫生运动委员会办公室）", ("爱国卫生运动委员会办公室",), ""),
    ("满意率较上年提高1个百分点。（办公室、医政医管处，长期坚持）", ("办公室", "医政医管处"), "长期坚持"),
    ("申报率达到95%。（职业健康处，每季度通报一次）", ("职业健康处",), "每季度通报一次"),
    ("村卫生室标准化建设实现全覆盖。（基层卫生健康处、各县（市、区）政府）", ("基层卫生健康处", "各县（市、区）政府"), ""),
])
def test_units_alone_in_brackets_after_a_sentence_are_its_owners(text, owners, deadline):
    clause = find_owner_clause(text)
    assert (clause.owners, clause.support, clause.deadline) == (owners, (), deadline)
    assert text[:clause.start].endswith("。")


@pytest.mark.parametrize("text", [
    "公益性公墓实现全覆盖，覆盖全县各乡镇（街道）。",       # the bracket of a name
    "实现公益性公墓全覆盖（市、区）",                        # not after a sentence; and 市 is no unit's name
    "实现公益性公墓全覆盖。（市、区）",
    "推进中医馆建设。（县中医院指导，每季度通报一次）",       # 指导 is no role
])
def test_brackets_that_are_not_units_alone_after_a_sentence_are_no_clause(text):
    assert find_owner_clause(text) is None


def test_units_followed_by_a_verb_in_a_labelled_value_have_its_role():
    clause = find_owner_clause("加强燃气安全。\n责任单位：市城管局，由市住建局配合做好相关工作\n完成时限：2025年9月30日")
    assert (clause.owners, clause.support, clause.deadline) == (("市城管局",), ("市住建局",), "2025年9月30日")


@pytest.mark.parametrize("text, owners, support, deadline", [
    # a deadline after the units in a labelled value, after ， ； or 、
    ("开展食品生产企业专项检查，覆盖率达到100%。（责任科室：食品生产科，2025年6月底前完成）",
     ("食品生产科",), (), "2025年6月底前完成"),
    ("开展食品销售专项检查。（责任科室：食品流通科；2025年9月底前完成）", ("食品流通科",), (), "2025年9月底前完成"),
    ("开展餐饮专项检查。（责任科室：餐饮科、2025年10月底以前）", ("餐饮科",), (), "2025年10月底以前"),
    ("开展小作坊整治。（牵头科室：食品生产科，配合科室：稽查局、法规科，年底前完成）",
     ("食品生产科",), ("稽查局", "法规科"), "年底前完成"),
    ("开展网络餐饮检查。（责任科室：网监科，长期）", ("网监科",), (), "长期"),
    ("开展进口食品检查。\n责任科室：食品流通科，持续开展", ("食品流通科",), (), "持续开展"),
    ("开展宣传。（责任科室：宣传科，2025年7月1日起执行）", ("宣传科",), (), "2025年7月1日起执行"),
    ("推广平台应用。（责任单位：市教育局，2024年起持续推进）", ("市教育局",), (), "2024年起持续推进"),
    # after units and their verb, or units alone, after a 、
    ("开展冷链食品检查。（食品流通科牵头、2025年6月底前）", ("食品流通科",), (), "2025年6月底前"),
    ("开展校园食品检查。（餐饮科、学校食品科、常态化推进）", ("餐饮科", "学校食品科"), (), "常态化推进"),
    # a 、 after a verb ends a segment; dates listed or a span, and stages, are one deadline
    ("组织业务培训。（人事股牵头、办公室配合、2025年11月底前）", ("人事股",), ("办公室",), "2025年11月底前"),
    ("开展集中免疫。（责任处室：畜牧兽医处，2025年4月、10月各开展一次）", ("畜牧兽医处",), (), "2025年4月、10月各开展一次"),
    ("开展农资打假。（责任处室：质量监管处、执法支队，3月至11月）", ("质量监管处", "执法支队"), (), "3月至11月"),
    ("建设产业园。（产业发展处牵头，计划财务处配合，分两个阶段：6月底前完成申报，11月底前完成创建）",
     ("产业发展处",), ("计划财务处",), "分两个阶段：6月底前完成申报，11月底前完成创建"),
    # stages of one deadline are kept together
    ("开展集体聚餐检查。（责任科室：餐饮科，2025年6月底前完成初查，10月底前完成复查）",
     ("餐饮科",), (), "2025年6月底前完成初查，10月底前完成复查"),
    # a date in digits, perhaps a month's part after it
    ("推进操场改造。（责任单位：计财科，2025.9.30前完成）", ("计财科",), (), "2025.9.30前完成"),
    ("推进图书馆改造。（计财科负责，2025.9底前完成）", ("计财科",), (), "2025.9底前完成"),
])
def test_a_deadline_in_a_clause_of_units_is_its_deadline_not_a_unit(text, owners, support, deadline):
    clause = find_owner_clause(text)
    assert (clause.owners, clause.support, clause.deadline) == (owners, support, deadline)


def test_a_unit_named_with_a_bracket_ends_like_a_unit():
    assert split_units("区生态环境分局及各镇（街道）") == ("区生态环境分局", "各镇（街道）")
    clause = find_owner_clause("巩固脱贫成果。（分管领导：王建国；责任办：乡村振兴办，各村〔社区〕具体落实）")
    assert clause.owners == ("乡村振兴办", "各村〔社区〕")
    assert find_owner_clause("开展人居环境整治。（生态环境办、各村（社区））").owners == ("生态环境办", "各村（社区）")


@pytest.mark.parametrize("text", [
    "新建、改扩建中小学幼儿园6所，新增学位3000个。（2025年底前）",  # a deadline alone names no unit
    "制定教师管理办法（试行）",
    "普惠性幼儿园覆盖率达到90%（含民办）",
    "做好家校共育（家长配合）",                               # 家长 is no unit
    "落实控辍保学（政府主导，学校负责）",                      # nor 政府主导 a unit and its verb
    "（区教育局负责，确保按期完成）",                           # nor 确保按期完成 a deadline
])
def test_brackets_of_prose_without_labels_are_no_clause(text):
    assert find_owner_clause(text) is None


def test_units_named_at_an_items_start_are_its_owners():
    text = "【区发改局、区教育局】加快推进城东九年一贯制学校建设，年底前完成主体封顶。"
    stated = item_owners(text)
    assert (stated.owners, stated.support, stated.deadline) == (("区发改局", "区教育局"), (), "")
    assert text[stated.start:stated.end] == "加快推进城东九年一贯制学校建设，年底前完成主体封顶。"


def test_units_at_the_start_and_a_clause_at_the_end_add_up():
    text = "【区教育局】落实学生资助政策。（区财政局配合，2025年9月底前完成）"
    stated = item_owners(text)
    assert (stated.owners, stated.support, stated.deadline) == (("区教育局",), ("区财政局",), "2025年9月底前完成")
    assert text[stated.start:stated.end] == "落实学生资助政策。"


@pytest.mark.parametrize("text", [
    "【典型案例】推广“双减”经验。",
    "【学前教育】新建幼儿园3所。",
    "新建幼儿园3所【区教育局】",  # not at the start
    "扩大普惠资源。",
])
def test_an_item_without_stated_units_is_kept_whole(text):
    stated = item_owners(text)
    assert (stated.owners, stated.support, stated.deadline) == ((), (), "")
    assert text[stated.start:stated.end] == text


def test_a_townships_offices_are_its_units_ban():
    clause = find_owner_clause("狠抓招商引资。（分管领导：陈志远；责任办：经济发展办、招商服务中心）")
    assert (clause.owners, clause.deadline) == (("经济发展办", "招商服务中心"), "")
    clause = find_owner_clause("推进集镇提质。（分管领导：赵立新；责任办：规划建设办，9月底前完成）")
    assert (clause.owners, clause.deadline) == (("规划建设办",), "9月底前完成")
    text = "开展干部培训4期。\n分管领导：周文华\n责任办：党建办、党政综合办\n完成时限：2025年11月底"
    clause = find_owner_clause(text)
    assert (clause.owners, clause.deadline) == (("党建办", "党政综合办"), "2025年11月底")
    assert find_owner_clause("完善制度。（牵头办：党政综合办；配合办：财政所）").support == ("财政所",)


def test_a_bracketed_clause_over_labelled_lines_is_one_clause():
    """（牵头：…；配合：…） on a line of its own over 完成时限：…, as a 民生实事 plan prints them: the bracket's 配合：
    does not start a clause of its own, and the units and the deadline add up."""
    text = ("新增普惠托育服务\n目标任务：新增普惠性托位2000个。\n（牵头：市卫生健康委；配合：市教育局、市发展改革委）\n"
            "完成时限：2026年11月底前")
    clause = find_owner_clause(text)
    assert (clause.owners, clause.support, clause.deadline) == (
        ("市卫生健康委",), ("市教育局", "市发展改革委"), "2026年11月底前")
    assert text[:clause.start].endswith("2000个。\n")


def test_a_bracketed_clause_ending_a_line_above_the_items_other_lines_is_its_clause():
    """（责任单位：…） on a line of its own, the closing words of a WeChat article below it: the item's units."""
    text = "开展文旅行业安全隐患大排查，\n重大事故隐患动态清零。\n（责任单位：县文化市场综合执法大队）\n全县文旅系统将以「开局即冲刺」的劲头，"
    clause = find_owner_clause(text)
    assert (clause.owners, text[clause.start:clause.end]) == (("县文化市场综合执法大队",), "（责任单位：县文化市场综合执法大队）")
    assert find_owner_clause("完善制度（试行）\n各校要结合实际落实。") is None


def test_a_rectifications_time_limit_is_its_deadline():
    text = "开展专题研讨。\n责任领导：王建华\n责任股室：办公室\n整改时限：2026年3月底前完成，长期坚持"
    clause = find_owner_clause(text)
    assert (clause.owners, clause.deadline, clause.end) == (("办公室",), "2026年3月底前完成，长期坚持", len(text))


@pytest.mark.parametrize("leader", ["责任领导", "责任人"])
def test_leader_is_read_and_dropped(leader):
    clause = find_owner_clause(f"完善制度。({leader}:张三;牵头单位:基教科)")
    assert clause.owners == ("基教科",)


def test_sentence_punctuation_may_follow_a_clause():
    clause = find_owner_clause("扩大普惠资源（责任单位：基教科）；")
    assert clause.owners == ("基教科",)


def test_units_with_bracketed_names_inside_the_clause():
    clause = find_owner_clause("落实政策。(责任单位:各县(市、区)教育局、市直学校)")
    assert clause.owners == ("各县(市、区)教育局", "市直学校")


@pytest.mark.parametrize("text", [
    "(此件公开发布)",
    "每天开设1节体育课(含体育活动课)",
    "明确责任单位和完成时限,按期推进。",
    "落实到位。(责任单位:基教科。各校要加强督促检查。)",   # prose after the label is not a unit list
    "(责任单位:基教科)后续工作另行安排。",                # not at the end
    "",
])
def test_no_clause(text):
    assert find_owner_clause(text) is None


def test_split_on_list_separators_keeping_order_without_duplicates():
    assert split_units("基教科、计财科,督导室，教研室;师资科；基教科、 、") == (
        "基教科", "计财科", "督导室", "教研室", "师资科")


def test_split_on_whitespace():
    assert split_units("基教科 计财科\n督导室") == ("基教科", "计财科", "督导室")


def test_x_deng_y():
    assert split_units("体卫艺科、基教科等机关各科室") == ("体卫艺科", "基教科", "机关各科室")


def test_trailing_deng_and_generic_kind_after_deng_are_dropped():
    assert split_units("基教科、计财科等") == ("基教科", "计财科")
    assert split_units("基教科、计财科等单位。") == ("基教科", "计财科")
    assert split_units("基教科、计财科等学校") == ("基教科", "计财科")
    assert split_units("基教科、教研员等") == ("基教科", "教研员")  # (教研员 does not end like a unit's name)


def test_deng_inside_names_is_kept():
    assert split_units("高等教育科、中等职业学校") == ("高等教育科", "中等职业学校")


def test_conjunctions_split_only_between_unit_names():
    assert split_units("基教科和计财科") == ("基教科", "计财科")
    assert split_units("各县区教育局及市直学校") == ("各县区教育局", "市直学校")
    assert split_units("基教科以及计财科") == ("基教科", "计财科")
    assert split_units("市文化和旅游局") == ("市文化和旅游局",)
    assert split_units("人力资源和社会保障局和财政局") == ("人力资源和社会保障局", "财政局")
    assert split_units("市教育和体育局") == ("市教育和体育局",)
    assert split_units("团委和妇联") == ("团委", "妇联")  # names of two characters


@pytest.mark.parametrize("name, unit", [
    # a numeral before another office's ending names offices (两办, 两委, 三办: 两办 is a county's two 办公室)
    *((name, True) for name in ("团委", "工会", "妇联", "党办", "基教科", "两办", "两委", "三办")),
    # a numeral before 处 counts places (一处, 十处); 科室, 小组, 集团 are kinds of units or groups counted
    *((name, False) for name in ("一处", "十处", "两处", "万所", "个村", "小组", "班组", "社团", "科室", "处室", "集团")),
])
def test_a_cell_of_two_characters_names_a_unit_when_it_is_an_offices_name(name, unit):
    assert lists_units(name) is unit


def test_brackets_protect_separators():
    assert split_units("各县(市、区)教育局,市直学校") == ("各县(市、区)教育局", "市直学校")
    assert split_units("市教育局）、市财政局") == ("市教育局）", "市财政局")  # a stray closing bracket opens nothing


def clause_paragraphs(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if "责任单位" in line]


@pytest.mark.skipif(not SEED_001.exists(), reason="seed texts not available")
def test_every_clause_of_seed_001_parses_into_short_units():
    paragraphs = clause_paragraphs(SEED_001.read_text(encoding="utf-8"))
    assert len(paragraphs) >= 25
    for paragraph in paragraphs:
        clause = find_owner_clause(paragraph)
        assert clause is not None, paragraph[-60:]
        assert clause.owners, paragraph[-60:]
        assert all(0 < len(unit) <= 20 for unit in clause.owners + clause.support), clause
        assert "责任单位" not in paragraph[:clause.start]
