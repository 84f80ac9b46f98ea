"""Cleaning: site noise, summary blocks and page markers go; the document stays (importer stage 2)."""

from __future__ import annotations

from pathlib import Path

from generator.importer.clean import clean, is_noise
from generator.importer.textmap import split_lines

FIXTURES = Path(__file__).parent / "fixtures" / "import"


def cleaned(text: str) -> list[str]:
    return [str(line) for line in clean(split_lines(text)).lines]


def test_site_noise_is_removed_and_the_document_kept():
    source = (FIXTURES / "noise.txt").read_text(encoding="utf-8")
    result = clean(split_lines(source))
    kept = "\n".join(str(line) for line in result.lines)
    for noise in ("小编", "公文堂", "gongwentang", "客服微信", "二维码", "分享到", "打印本页", "上一篇", "摘要",
                  "办好人民满意的..."):
        assert noise not in kept
    assert [str(line)[:2] for line in result.lines] == ["示例", "20", "一、", "1.", "2.", "3."]
    # a body line that mentions 微信公众号 is not an advertisement
    assert "通过微信公众号、网站等平台宣传党的创新理论" in kept
    source_lines = source.split("\n")
    assert {source_lines[n - 1] for n in result.dropped} >= {"摘要", "客服微信:gongwentangkf", "分享到："}


def test_summary_block_goes_but_the_paragraph_it_repeats_stays_once():
    text = ("摘要\n\n总体要求是：坚持立德树人，加快建设教育强市，办好人民满...\n\n"
            "总体要求是：坚持立德树人，加快建设教育强市，办好人民满意的教育。\n一、加强党的建设\n")
    assert cleaned(text) == ["总体要求是：坚持立德树人，加快建设教育强市，办好人民满意的教育。", "一、加强党的建设"]
    inline = "【摘要】：总体要求是：坚持立德树人，加快建设教育强市…\n总体要求是：坚持立德树人，加快建设教育强市。\n"
    assert cleaned(inline) == ["总体要求是：坚持立德树人，加快建设教育强市。"]


def test_page_marker_inside_a_sentence_is_removed_and_the_sentence_rejoined():
    text = "2.推进全面从严治党。加强党风廉政建设，营造风清气\n- 3 -\n正的教育生态。\n3.加强基层组织建设。\n"
    lines = clean(split_lines(text)).lines
    assert [str(line) for line in lines] == ["2.推进全面从严治党。加强党风廉政建设，营造风清气正的教育生态。",
                                             "3.加强基层组织建设。"]
    joined = lines[0].text
    assert "".join(text[i] for i in joined.origin) == joined.text  # offsets still point into the source


def test_page_marker_after_a_sentence_or_before_a_heading_joins_nothing():
    text = "1.加强党的建设。\n第 2 页\n2.推进从严治党。\n营造风清气\n12\n3.加强基层组织建设。\n"
    assert cleaned(text) == ["1.加强党的建设。", "2.推进从严治党。", "营造风清气", "3.加强基层组织建设。"]


def test_numbered_and_long_lines_are_never_noise():
    assert is_noise("上一篇:市妇联2025年工作要点")
    assert is_noise("中国教育信息订阅号二维码")
    assert not is_noise("1.上一篇文章提到的微信公众号二维码")
    assert not is_noise("加强宣传，" + "通过微信公众号发布政策解读，" * 8)
    assert is_noise("主办单位：松山区人民政府办公室　　承办单位：松山区大数据中心")  # a government site's footer
    assert is_noise("网站标识码：5301230001") and is_noise("相关链接：国务院　云南省人民政府")
    assert not is_noise("主办单位：基教科")  # an owner clause of its own
    for line in ("索 引 号：11530123MB1234567X/2025-00031", "发布机构：松山区教育体育局", "生成日期：2025-03-14",
                 "主题分类：教育", "公开方式：主动公开"):  # a site's catalogue of public information
        assert is_noise(line), line
    assert not is_noise("开展示范文明校创建活动。")  # 范文 inside 示范文明 is not an advertisement


def test_a_wechat_articles_frame_goes_and_its_emoji_before_headings():
    """A plan pasted from a WeChat 公众号: its byline, calls to follow, pictures' captions (▲…现场), end, credits,
    list of earlier articles and buttons go; the emoji before its headings go, so 一、 numbers them."""
    lines = cleaned("重磅！2026年全县文旅工作这样干→\n原创 清溪文旅 清溪县文化旅游广电体育局 2026年02月24日 08:30 江西\n"
                    "点击蓝字\n关注我们\n▲全县文化旅游工作会议现场\n🎯 主要目标\n全年接待游客人次达到1200万人次。\n"
                    "📌 一、实施文旅项目攻坚行动\n1. 新招引文旅项目10个以上。（责任股室：项目办）\n▲明月湖康养旅游度假区效果图\n"
                    "✅ 二、实施文化惠民行动\n▲ 开展「送戏下乡」演出180场。（责任单位：县文化馆）\n🔹\n- END -\n"
                    "来源：县文化旅游广电体育局\n编辑：刘晓雨\n审核：陈国栋\n往期推荐\n▶ 2025年清溪文旅成绩单出炉！\n"
                    "▶ 春节假期我县接待游客86.5万人次\n阅读原文\n分享 收藏 点赞 在看\n")
    assert lines == ["重磅！2026年全县文旅工作这样干→", "主要目标", "全年接待游客人次达到1200万人次。",
                     "一、实施文旅项目攻坚行动", "1. 新招引文旅项目10个以上。（责任股室：项目办）",
                     "二、实施文化惠民行动", "▲ 开展「送戏下乡」演出180场。（责任单位：县文化馆）"]


def test_a_wechat_articles_buttons_go_where_no_list_of_earlier_articles_is_above_them():
    """阅读原文 and the buttons below an article with no 往期推荐, which drops every short line after it."""
    assert cleaned("一、实施文旅项目攻坚行动\n1. 新招引文旅项目10个以上。\n阅读原文\n分享 收藏 点赞 在看\n") == [
        "一、实施文旅项目攻坚行动", "1. 新招引文旅项目10个以上。"]


def test_a_sentence_broken_after_a_comma_is_one_line_again():
    """A WeChat article breaks its sentences at ， and 、: the line below goes on with it, unless it is numbered (or
    marked) or the line is a table's row."""
    assert cleaned("3. 推动明月湖景区创成国家4A级旅游景区，\n新创建3A级旅游景区2家。（责任股室：资源开发股）\n"
                   "7. 开展「送戏下乡」演出180场、\n农村公益电影放映2400场，\n8. 新建城市书房5个。\n"
                   "目标如下，\n▲ 开展安全隐患排查。\n序号\t任务，\n1\t建设\n") == [
        "3. 推动明月湖景区创成国家4A级旅游景区，新创建3A级旅游景区2家。（责任股室：资源开发股）",
        "7. 开展「送戏下乡」演出180场、农村公益电影放映2400场，", "8. 新建城市书房5个。",
        "目标如下，", "▲ 开展安全隐患排查。", "序号\t任务，", "1\t建设"]


def test_a_tables_row_is_not_joined_to_a_line_broken_after_a_comma():
    """A table's header or row below a line ending at a comma starts a line of its own: joined to the prose above,
    the prose was in no field of the draft and the audit, which reads a header's cells as no clause, said nothing."""
    assert cleaned("现将任务分解如下，\n序号\t任务\t牵头单位\n1\t建设学校10所\t县教育局\n"
                   "主要目标如下，\n| 指标 | 目标值 |\n") == [
        "现将任务分解如下，", "序号\t任务\t牵头单位", "1\t建设学校10所\t县教育局", "主要目标如下，", "| 指标 | 目标值 |"]


def test_a_dingbat_number_is_no_emoji():
    """❶ and ➀ number a document's points (U+2776–2793, among the dingbats whose emoji go): they stay in its text."""
    assert cleaned("❶加强队伍建设，培训教师200名。\n➀完善制度。\n✅ 四、保障措施\n") == [
        "❶加强队伍建设，培训教师200名。", "➀完善制度。", "四、保障措施"]


def test_an_item_marked_with_a_triangle_ending_in_xianchang_is_no_caption():
    """▲ marks items too: ▲ 规范建筑施工现场 is a task, not a picture of one; ▲…会议现场 and ▲…仪式现场 are captions."""
    assert cleaned("▲ 规范建筑施工现场\n▲全县文化旅游工作会议现场\n▲项目集中开工仪式现场\n▲ 整治农贸市场周边环境\n"
                   "▲颁奖典礼现场\n▲文艺演出现场\n▲全县安全生产大会现场\n") == ["▲ 规范建筑施工现场", "▲ 整治农贸市场周边环境"]


def test_a_sentence_starting_like_a_wechat_byline_or_credit_is_the_documents():
    """原创 and 审核： start a WeChat article's byline and credits, which hold names, not a clause: a plan's sentence
    starting so is kept."""
    assert cleaned("原创 清溪文旅 清溪县文化旅游广电体育局 2026年02月24日 08:30 江西\n编辑：刘晓雨\n审核 | 陈国栋、李明\n"
                   "审核：严格审核各校招生计划，确保规范。\n原创 作品版权保护宣传进校园活动全面开展。\n") == [
        "审核：严格审核各校招生计划，确保规范。", "原创 作品版权保护宣传进校园活动全面开展。"]
