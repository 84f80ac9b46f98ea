"""Metadata: title, document number, preamble, signature and date, organisation (importer stage 3)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from generator.importer import metadata
from generator.importer.dates import deadline, is_deadline, parse_date, year_number
from generator.importer.textmap import split_lines
from generator.model import Organisation

FIXTURES = Path(__file__).parent / "fixtures" / "import"


def split(text: str):
    return metadata.split(split_lines(text))


def test_header_and_signature_are_read_and_taken_off_the_body():
    meta, body, unsure = split((FIXTURES / "styles.txt").read_text(encoding="utf-8"))
    assert meta.title == "示例市教育局2025年工作要点" and meta.title_line == 1
    assert meta.document_number == "示例教〔2025〕3号"
    assert meta.preamble.text == "2025年全市教育工作的总体要求是：坚持立德树人，办好人民满意的教育。"
    assert meta.published == date(2025, 3, 1)
    assert meta.year == 2025 and meta.kind == "plan"
    assert meta.organisation_hints == ("示例市教育局", "示例市教育局")  # signature, title prefix
    assert str(body[0]) == "一、加强党的建设" and str(body[-1]) == "2．强化督导考核。"
    assert unsure == []


def test_a_site_title_before_the_document_title_is_reported():
    meta, _, unsure = split("2024年某市2024年教育工作要点\n某市2024年教育工作要点\n2024年，全市教育系统坚持以人民为中心。\n"
                            "一、总体目标\n1.完成任务。\n")
    assert meta.title == "某市2024年教育工作要点" and meta.title_line == 2
    assert meta.preamble.text == "2024年，全市教育系统坚持以人民为中心。"
    assert unsure[0].line == 1


def test_an_organisation_on_the_line_above_a_title_starting_with_its_year_is_the_titles_start():
    """A letterhead: the body's name above 2025年卫生健康工作要点, which names none."""
    meta, _, unsure = split("河西市卫生健康委员会\n2025年卫生健康工作要点\n2025年全市卫生健康工作的总体要求是：守牢底线。\n"
                            "一、深化医改\n1.推进城市医疗集团建设。\n")
    assert meta.title == "河西市卫生健康委员会2025年卫生健康工作要点" and meta.title_line == 2
    assert meta.preamble.text == "2025年全市卫生健康工作的总体要求是：守牢底线。"
    assert "河西市卫生健康委员会" in meta.organisation_hints
    assert [u.line for u in unsure] == [1]
    meta, _, _ = split("河西市卫生健康委员会\n某市2025年卫生健康工作要点\n一、深化医改\n1.推进。\n")  # a title naming one
    assert meta.title == "某市2025年卫生健康工作要点" and meta.preamble.text == "河西市卫生健康委员会"


def test_a_title_broken_over_two_lines_is_joined_when_its_first_line_cannot_end_a_title():
    """某县教育局关于印发2025年全县教育系统 / 重点工作任务的通知: the title kept its second line only, its first went
    into the preamble.  A line ending a title (…工作要点), a letterhead (某市教育局文件), a date, an attachment's 附件 or
    a line after a blank one is no first line."""
    meta, _, unsure = split("某县教育局关于印发2025年全县教育系统\n重点工作任务的通知\n一、主要任务\n1.完成任务。\n")
    assert (meta.title, meta.title_line, meta.preamble.text) == (
        "某县教育局关于印发2025年全县教育系统重点工作任务的通知", 2, "")
    assert [u.line for u in unsure] == [1]
    for above in ("某市教育局2024年工作要点", "某市教育局文件", "2025年3月1日", "附件", "附件2", "某县教育局2025年\n"):
        meta, _, _ = split(above + "\n重点工作任务的通知\n一、主要任务\n1.完成任务。\n")
        assert meta.title == "重点工作任务的通知" and meta.preamble.text in ("", above.strip()), above


NOTICE = ("示例县卫生健康局关于印发《示例县2024年卫生健康工作要点》的通知\n各乡镇卫生院，局机关各股室：\n"
          "现将《示例县2024年卫生健康工作要点》印发给你们，请认真贯彻执行。\n示例县卫生健康局\n2024年3月5日\n"
          "（此件公开发布）\n")
BODY = "2024年全县卫生健康工作的总体要求是：守牢底线。\n一、总体目标\n1.完成任务。\n"


def test_a_notice_issuing_the_document_is_left_out_of_the_preamble_and_dates_it():
    meta, _, unsure = split(NOTICE + "示例县2024年卫生健康\n工作要点\n" + BODY)
    assert meta.title == "示例县2024年卫生健康工作要点" and meta.title_line == 8  # printed over two lines
    assert meta.preamble.text == "2024年全县卫生健康工作的总体要求是：守牢底线。"
    assert meta.published == date(2024, 3, 5)
    assert [u.line for u in unsure] == [1]  # lines 1–7: the notice


def test_a_notice_listing_its_attachments_is_left_out_and_the_list_starts_no_body():
    """附件：1.… 2.… in the notice: the numbered names are neither the body's first part nor the title."""
    notice = NOTICE.replace("（此件公开发布）\n", "").replace(
        "请认真贯彻执行。\n", "请认真贯彻执行。\n附件：1.示例县2024年卫生健康工作要点\n2.示例县2024年卫生健康重点项目清单\n")
    meta, body, unsure = split(notice + "附件1\n示例县2024年卫生健康工作要点\n" + BODY)
    assert (meta.title, meta.title_line, meta.published) == ("示例县2024年卫生健康工作要点", 9, date(2024, 3, 5))
    assert meta.preamble.text == "2024年全县卫生健康工作的总体要求是：守牢底线。"
    assert str(body[0]) == "一、总体目标"
    assert [u.line for u in unsure] == [1]  # lines 1–8: the notice


def test_the_imprint_below_the_signature_is_left_out_and_reported():
    meta, body, unsure = split("一、甲\n（一）子一。\n示例县卫生健康局\n2024年3月5日\n"
                               "抄送：县政府办公室，县委组织部。\n示例县卫生健康局办公室　　2024年3月6日印发\n")
    assert [str(line) for line in body] == ["一、甲", "（一）子一。"]
    assert (str(meta.signer), meta.published) == ("示例县卫生健康局", date(2024, 3, 5))
    assert [(u.line, "imprint" in u.message) for u in unsure] == [(5, True)]


def test_a_document_number_labelled_as_a_sites_catalogue_prints_it_is_read_without_its_label():
    meta, _, _ = split("文　　号：松教体发〔2024〕6号\n松山区2025年教育体育工作要点\n一、总体目标\n1.完成任务。\n")
    assert (meta.document_number, meta.title, meta.preamble.text) == ("松教体发〔2024〕6号", "松山区2025年教育体育工作要点", "")
    meta, _, _ = split("文　　号：松教体发〔2024〕6号\n一、总体目标\n1.完成任务。\n")
    assert meta.year == 2024  # the number's year, where the title states none


def test_a_document_number_in_a_row_of_a_sites_catalogue_is_read_without_the_rows_other_cells():
    meta, _, _ = split("文 号：\t凤农发〔2025〕6号\t有 效 性：\t有效\n凤山县农业农村局2025年工作要点\n一、总体目标\n1.完成任务。\n")
    assert (meta.document_number, meta.title, meta.preamble.text) == ("凤农发〔2025〕6号", "凤山县农业农村局2025年工作要点", "")


def test_a_pages_list_of_files_to_download_after_the_signature_does_not_hide_it():
    meta, body, _ = split("一、总体目标\n1.完成任务。\n凤山县农业农村局\n2025年3月5日\n附件下载：\n"
                          "1.凤山县农业农村局2025年重点工作任务分解表.docx\n")
    assert (str(meta.signer), meta.published) == ("凤山县农业农村局", date(2025, 3, 5))
    assert [str(line) for line in body] == ["一、总体目标", "1.完成任务。"]
    assert [str(line) for line in meta.appended] == ["附件下载：", "1.凤山县农业农村局2025年重点工作任务分解表.docx"]


def test_an_attachment_titling_a_table_is_closing_matter_though_no_signature_is_above_it():
    """附件 and a table's title over its rows, with no signature above: they were the last item's text, its rows
    items below it.  A 附件 line over prose, or over a table below prose, stays the body."""
    items = "一、总体目标\n1.完成任务。\n2.加强机关党建。（责任股室：办公室）\n"
    table = "序号|项目名称|总投资（万元）|责任单位\n1|石门经开区新材料产业园二期|68000|县经开区管委会\n"
    meta, body, unsure = split(items + "附件：石门县2025年县级重点项目计划表\n附件\n石门县2025年县级重点项目计划表\n" + table)
    assert [str(line) for line in body] == ["一、总体目标", "1.完成任务。", "2.加强机关党建。（责任股室：办公室）"]
    assert [str(line) for line in meta.appended][:3] == ["附件：石门县2025年县级重点项目计划表", "附件", "石门县2025年县级重点项目计划表"]
    assert len(meta.appended) == 5 and [u.line for u in unsure] == [4]
    for below in ("附件1\n项目要按期推进，确保完成。\n" + table, "附件1\n" + "项目要按期推进。\n"):
        assert split(items + below)[0].appended == ()
    meta, body, _ = split(items + "附件：石门县2025年县级重点项目计划表\n石门县发展和改革局\n2025年2月20日\n附件\n"
                                  "石门县2025年县级重点项目计划表\n" + table)  # signed: the attachment is below it
    assert (meta.published, str(meta.appended[0]), str(body[-1])) == (date(2025, 2, 20), "附件", "附件：石门县2025年县级重点项目计划表")


def test_a_notice_without_the_document_title_names_the_document():
    meta, _, _ = split(NOTICE + BODY)
    assert meta.title == "示例县2024年卫生健康工作要点"
    assert meta.preamble.text == "2024年全县卫生健康工作的总体要求是：守牢底线。"


def test_the_notice_signer_names_the_organisation():
    """With no signature at the end, the notice's signer is the hint: the text names two listed bodies."""
    meta, _, _ = split(NOTICE + "示例县2024年卫生健康工作要点\n按照示例市卫生健康委员会部署。\n一、总体目标\n1.完成任务。\n")
    assert (str(meta.signer), meta.signer.lineno) == ("示例县卫生健康局", 4)
    organisations = (Organisation("county-health", "示例县卫生健康局"), Organisation("city-health", "示例市卫生健康委员会"))
    assert metadata.guess_organisation(meta.organisation_hints, "示例县卫生健康局 示例市卫生健康委员会",
                                       organisations) == "county-health"


def test_a_notice_forwarding_the_document_neither_signs_nor_dates_it():
    meta, _, unsure = split("甲市教育局关于转发《乙市教育局2024年工作要点》的通知\n各县区教育局：\n"
                            "现将《乙市教育局2024年工作要点》转发给你们，请参照执行。\n甲市教育局\n2024年3月5日\n"
                            "乙市教育局2024年工作要点\n" + BODY)
    assert meta.title == "乙市教育局2024年工作要点" and meta.title_line == 6
    assert meta.organisation_hints == ("乙市教育局",)  # the title prefix, not the forwarder
    assert meta.signer is None and meta.published is None
    assert [(u.line, "转发" in u.message, "印发" in u.message) for u in unsure] == [(1, True, False)]


def test_without_a_title_year_and_kind_come_from_the_opening():
    meta, _, _ = split("现将我市教育局2025年度主要工作完成情况汇报如下：\n一、工作回顾\n（一）党建\n一是加强学习。\n")
    assert (meta.title, meta.year, meta.kind) == ("", 2025, "review")


def test_a_title_copied_from_a_pdf_loses_the_spaces_around_its_numbers():
    meta, _, _ = split("示例县教育局 2024 年工作要点\n一、总体目标\n1.完成任务。\n")
    assert meta.title == "示例县教育局2024年工作要点" and meta.year == 2024


def test_a_file_name_for_a_title_loses_its_extension():
    for extension in (".docx", ".doc", ".PDF", ".wps", ".txt"):
        meta, _, _ = split(f"示例区教育局2024年工作计划{extension}\n一、总体目标\n1.完成任务。\n")
        assert (meta.title, meta.year) == ("示例区教育局2024年工作计划", 2024), extension


def test_a_title_spanning_years_gives_its_first():
    meta, _, _ = split("示例县学前教育提升行动计划（2024—2026年）\n一、总体目标\n1.完成任务。\n")
    assert meta.year == 2024


def test_publication_note_signature_and_chinese_date_end_the_body():
    _, body, _ = split("一、甲\n（一）子一。\n（此件公开发布）\n白城市洮北区教育局\n二〇二五年二月二十六日\n")
    assert [str(line) for line in body] == ["一、甲", "（一）子一。"]
    assert parse_date("二〇二五年二月二十六日") == date(2025, 2, 26)
    assert year_number("二○二五") == year_number("二〇二五") == year_number("2025") == 2025  # ○ as some texts have it


def test_a_document_signed_jointly_on_two_lines_ends_above_both():
    meta, body, _ = split("桃源镇2025年工作计划\n一、工作措施\n（一）狠抓招商引资。\n附件：1.桃源镇重点项目责任分解表\n"
                          "2.桃源镇民生实事项目清单\n中共桃源镇委员会\n桃源镇人民政府\n2025年2月18日\n")
    assert [str(line) for line in body] == [
        "一、工作措施", "（一）狠抓招商引资。", "附件：1.桃源镇重点项目责任分解表", "2.桃源镇民生实事项目清单"]
    assert meta.published == date(2025, 2, 18) and str(meta.signer) == "桃源镇人民政府"


def test_a_party_group_signing_its_plan_ends_the_body():
    meta, body, _ = split("关于巡察反馈意见整改工作方案\n一、整改任务\n（一）注重成果运用。\n"
                          "中共清河县文化广电和旅游局党组\n2026年1月28日\n")
    assert [str(line) for line in body] == ["一、整改任务", "（一）注重成果运用。"]
    assert str(meta.signer) == "中共清河县文化广电和旅游局党组"


@pytest.mark.parametrize("words", ["努力办好人民满意的学校", "办好每一所小学"])
def test_words_of_the_text_ending_as_a_schools_name_do_not_sign_it(words):
    """The last line of the text is no signature for ending in 学校 or 小学 when it is words about schools."""
    meta, body, _ = split(f"清河县教育局2025年工作计划\n一、主要任务\n1.加强师德师风建设。\n{words}\n")
    assert str(body[-1]) == words and meta.signer is None


@pytest.mark.parametrize("words", ["新建城南实验小学", "全面推进城南中学", "改扩建县第二中学", "附属幼儿园"])
@pytest.mark.parametrize("dated", [True, False], ids=["dated", "undated"])
def test_a_schools_name_after_a_verb_or_without_a_place_does_not_sign(words, dated):
    """Words of the text naming a school to build or run (新建…, 全面推进…, 改扩建…), or a name that is not whole
    (附属幼儿园), ending the text are no signature: a version that let 中学, 小学 and 幼儿园 sign took them as the
    signature and dropped them."""
    meta, body, _ = split(f"清河县教育局2025年工作计划\n一、主要任务\n1.加强师德师风建设。\n{words}\n"
                          + ("2025年2月20日\n" if dated else ""))
    assert str(body[-1]) == words and meta.signer is None


@pytest.mark.parametrize("words", ["县城新建第二小学", "区域内新建一所小学", "乡镇中小学", "市教育局推进城南小学", "优化城区小学"])
@pytest.mark.parametrize("dated", [True, False], ids=["dated", "undated"])
def test_a_schools_name_with_a_verb_anywhere_does_not_sign(words, dated):
    """Each starts with a place: a version that let a place's 中学, 小学 or 幼儿园 sign took them as signatures, with a
    verb after the place (县城新建…, 市教育局推进…, 优化…) or words of a number or kind of schools (一所, 中小学)."""
    meta, body, _ = split(f"清河县教育局2025年工作计划\n一、主要任务\n1.加强师德师风建设。\n{words}\n"
                          + ("2025年2月20日\n" if dated else ""))
    assert str(body[-1]) == words and meta.signer is None


def test_names_listed_below_a_line_ending_in_a_colon_do_not_sign():
    """洮北区第一中学 and 洮北区第二中学 below 重点办好以下学校： are the list it leads to, not the plan's signature."""
    meta, body, _ = split("洮北区教育局2025年工作计划\n一、主要任务\n1.加强师德师风建设。\n重点办好以下学校：\n"
                          "洮北区第一中学\n洮北区第二中学\n2025年2月20日\n")
    assert [str(line) for line in body[-3:]] == ["重点办好以下学校：", "洮北区第一中学", "洮北区第二中学"]
    assert meta.signer is None and meta.signature == () and meta.published == date(2025, 2, 20)


def test_a_signature_date_written_with_the_circle_for_zero_ends_the_body():
    _, body, _ = split("一、甲\n（一）子一。\n白城市洮北区教育局\n二○二五年二月二十六日\n")
    assert [str(line) for line in body] == ["一、甲", "（一）子一。"]
    assert parse_date("二○二五年二月二十六日") == date(2025, 2, 26)


def test_organisation_is_guessed_from_signature_title_or_text():
    organisations = (Organisation("taobei-edu", "白城市洮北区教育局"), Organisation("pingxiang-edu", "萍乡市教育局"),
                     Organisation("unnamed-city-a-edu", "某市教育局（2024年工作要点）"))
    assert metadata.guess_organisation(("洮北区教育局",), "", organisations) == "taobei-edu"
    assert metadata.guess_organisation((), "制定《中共萍乡市教育局党委学习计划》", organisations) == "pingxiang-edu"
    assert metadata.guess_organisation(("某市",), "某市2024年教育工作要点", organisations) is None


def test_an_organisations_name_is_read_without_its_nested_brackets_too():
    """某市教育局（2024年（修订）工作要点） is 某市教育局, its whole remark left out, not the inner bracket alone nor the
    outer bracket's first half (某市教育局工作要点）): a document signed 某市教育局 is the organisation's."""
    organisations = (Organisation("city-a", "某市教育局（2024年（修订）工作要点）"),)
    assert metadata.bare_name(organisations[0].name) == "某市教育局"
    assert metadata.guess_organisation((), "某市教育局2024年工作要点", organisations) == "city-a"


def test_a_title_starting_with_guanyu_below_its_issuer_starts_with_the_issuer():
    """中共…党组 over 关于…整改工作方案: the issuer's name is the title's first part, as over 2025年…工作要点."""
    meta, body, _ = split("中共清河县文化广电和旅游局党组\n关于县委第三巡察组反馈意见整改工作方案\n根据县委巡察工作统一部署，制定本方案。\n"
                          "一、总体要求\n（一）提高政治站位。\n")
    assert meta.title == "中共清河县文化广电和旅游局党组关于县委第三巡察组反馈意见整改工作方案"
    assert meta.preamble.text == "根据县委巡察工作统一部署，制定本方案。"


def test_a_years_end_of_another_year_than_the_plans_is_of_that_year():
    """2027年底前 in a 2026 plan is the end of 2027, as 2027年年底前 and 2027年6月底前 were: the 年 of the year is
    the 年 of 年底."""
    assert deadline("2027年底前实现通水", 2026) == date(2027, 12, 31)
    assert deadline("2030年末", 2026) == date(2030, 12, 31)
    assert deadline("2027年年底前", 2026) == date(2027, 12, 31)
    assert deadline("年底前", 2026) == date(2026, 12, 31)


def test_deadlines_give_the_last_day_they_allow():
    assert deadline("2025年6月底前", 2024) == date(2025, 6, 30)
    assert deadline("12月", 2025) == date(2025, 12, 31)
    assert deadline("2025年9月15日", 2025) == date(2025, 9, 15)
    assert deadline("年底前", 2025) == date(2025, 12, 31)
    assert deadline("上半年", 2026) == date(2026, 6, 30)
    assert deadline("下半年", 2026) == date(2026, 12, 31)
    assert deadline("三季度", 2025) == date(2025, 9, 30)
    assert deadline("6月中旬", 2025) == date(2025, 6, 20)
    assert deadline("长期坚持", 2025) is None


@pytest.mark.parametrize("text, day", [
    ("2025年3月至12月", date(2025, 12, 31)),                      # a span: its end
    ("2024年10月至2025年3月", date(2025, 3, 31)),
    ("上半年完成排查，下半年完成整治", date(2025, 12, 31)),          # stages: the last
    ("6月30日前完成年报工作，抽查工作年内完成", date(2025, 12, 31)),  # 年内: within the year
    ("2026年5月、9月各开展一次", date(2026, 9, 30)),                # a year stated holds for the dates after it
    ("2025.9.30", date(2025, 9, 30)), ("2025/10/15", date(2025, 10, 15)), ("2025-6-30", date(2025, 6, 30)),
    ("2025.6底前", date(2025, 6, 30)), ("2025.9中旬", date(2025, 9, 20)),  # a month's part after its month
    ("次年3月", date(2026, 3, 31)), ("明年底前", date(2026, 12, 31)),    # the year after the plan's
    ("每月10日前报送月报，次年1月底前报送年报", date(2026, 1, 31)),
    ("2026年底前完成", date(2026, 12, 31)), ("2026年内完成", date(2026, 12, 31)),  # the year of 年底, 年内: not the plan's
    ("明年内", date(2026, 12, 31)),
])
def test_a_deadline_of_several_dates_or_in_digits_gives_the_last_day_it_allows(text, day):
    assert deadline(text, 2025) == day


def test_the_nei_of_inner_mongolia_is_no_within_the_year():
    """2025年内蒙古…: 年内 read as within the year gave a text naming 内蒙古 the deadline 2025-12-31."""
    assert deadline("配合2025年内蒙古自治区教育督导", 2025) is None
    assert deadline("年内蒙古自治区完成", 2025) is None
    assert deadline("2025年内完成，内蒙古同步推进", 2025) == date(2025, 12, 31)


@pytest.mark.parametrize("text, stated", [
    ("2025年8月底前完成", True), ("年底前", True), ("2025年底", True), ("6月30日前到位", True), ("长期坚持", True),
    ("次年3月底前完成验收", True), ("第三季度前完成派驻", True), ("2025年11月份完成", True), ("明年底前", True),
    ("2025年", False), ("2025年底前的目标", False), ("确保按期完成", False), ("试行", False),
    # standing tasks, and the date a rule takes effect
    ("长期", True), ("持续开展", True), ("常态化推进", True), ("2025年7月1日起执行", True), ("自2025年3月起实施", True),
    ("长期目标", False), ("持续改善", False),
    # dates listed or a span, and stages
    ("2025年4月、10月各开展一次", True), ("3月至11月", True), ("分两个阶段：6月底前完成申报", True),
    ("4月、农忙时节", False),
    # within a year, as ``deadline`` reads it
    ("2026年内完成", True), ("明年内", True),
    # in digits
    ("2025.9.30前完成", True), ("2025.6底前", True), ("2025.6", False),
])
def test_a_deadline_and_nothing_else(text, stated):
    assert is_deadline(text) is stated


@pytest.mark.parametrize("text, day", [
    ("2025年7月1日起执行", None), ("自2025年3月起实施", None), ("2025年5月开始", None),  # a start, no last day
    ("2025年3月起至12月", date(2025, 12, 31)), ("6月开始排查，9月底前完成整改", date(2025, 9, 30)),
    ("6月起草方案", date(2025, 6, 30)),                                                # 起草 drafts, starts nothing
])
def test_a_date_that_starts_a_period_allows_no_last_day(text, day):
    assert deadline(text, 2025) == day
